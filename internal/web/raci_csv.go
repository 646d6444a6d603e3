package web

import (
	"bytes"
	"mime"
	"net/http"
	"strconv"

	"duet/internal/duet"
)

// raciCSV serves GET /w/{ws}/raci.csv, ?version=N for an older version:
// the matrix as a spreadsheet, a column per role it uses. It is written
// whole before it is sent, so a failure is a clean error page.
func (s *server) raciCSV(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	version := 0
	if q := r.URL.Query().Get("version"); q != "" {
		if version, err = strconv.Atoi(q); err != nil || version < 1 {
			s.Error(w, r, duet.NotFound("version"))
			return
		}
	}
	var buf bytes.Buffer
	if err := s.svc.WriteRACICSV(r.Context(), actorOf(r), v.d.ID, version, &buf); err != nil {
		s.Error(w, r, err)
		return
	}
	name := "raci-" + duet.Slug(v.d.Name)
	if name == "raci-" {
		name = "raci-matrix"
	}
	if version > 0 {
		name += "-v" + strconv.Itoa(version)
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name + ".csv"}))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
}
