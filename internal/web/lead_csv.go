package web

import (
	"bytes"
	"net/http"
	"strconv"
)

// leadCSV serves GET /w/{ws}/leads.csv with the inbox's filters: the
// leads the viewer's side may see, with their routing, as a download.
// It is written to a buffer first, so a failure is a clean error page.
func (s *server) leadCSV(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	_, f := v.leadFilter(r.URL.Query())
	var buf bytes.Buffer
	if err := s.svc.WriteLeadsCSV(r.Context(), actorOf(r), v.d.ID, f, &buf); err != nil {
		s.Error(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="leads.csv"`)
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	w.Write(buf.Bytes())
}
