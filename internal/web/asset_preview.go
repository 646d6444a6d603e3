package web

import (
	"net/http"
	"strconv"

	"duet/internal/duet"
)

// assetPreview serves GET /w/{ws}/assets/{asset}/versions/{n}/preview:
// a PNG thumbnail of an image version, ?size=160 (the default) or 800,
// shown inline under the same sandbox as downloads.
func (s *server) assetPreview(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 {
		s.Error(w, r, duet.NotFound("version"))
		return
	}
	size := 160
	if q := r.URL.Query().Get("size"); q != "" {
		if size, err = strconv.Atoi(q); err != nil {
			s.Error(w, r, duet.NotFound("preview"))
			return
		}
	}
	f, err := s.svc.OpenThumbnail(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("asset"), n, size)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	serveFile(w, r, f, "inline", f.Version.File.Hash+"-"+strconv.Itoa(size))
}
