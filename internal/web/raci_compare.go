package web

import (
	"net/http"

	"duet/internal/duet"
)

// raciCompare serves GET /w/{ws}/raci/compare?from=1&to=2: what changed
// between two versions of the matrix, a line per workstream.
func (s *server) raciCompare(w http.ResponseWriter, r *http.Request) {
	s.docCompare(w, r, duet.DocRACI)
}
