package web

import (
	"mime"
	"net/http"
	"strconv"

	"duet/internal/core"
	"duet/internal/duet"
)

// assetDownload serves GET /w/{ws}/assets/{asset}/versions/{n}/download:
// one version's file, as an attachment.
func (s *server) assetDownload(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 {
		s.Error(w, r, duet.NotFound("version"))
		return
	}
	f, err := s.svc.OpenVersion(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("asset"), n)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	serveFile(w, r, f, "attachment", f.Version.File.Hash)
}

// serveFile sends a stored file. Whatever the upload held, the browser
// never runs it as a page of this site: Content-Security-Policy sandbox
// gives it an origin of its own with scripts off, nosniff holds the type
// to the one Duet checked at upload, and a download is an attachment
// under a file name that cannot break out of its header. The file name
// is written by mime.FormatMediaType, in RFC 2231 form when it is not
// ASCII. Range and conditional requests are answered by
// http.ServeContent; the ETag is the content's hash, so a revalidation
// costs a 304. A big file gets the time its size needs.
func serveFile(w http.ResponseWriter, r *http.Request, f *core.FileDownload, disposition, etag string) {
	defer f.Body.Close()
	h := w.Header()
	cd := mime.FormatMediaType(disposition, map[string]string{"filename": f.Name})
	if cd == "" {
		cd = disposition
	}
	h.Set("Content-Disposition", cd)
	h.Set("Content-Type", f.Type)
	h.Set("Content-Security-Policy", "sandbox")
	h.Set("X-Content-Type-Options", "nosniff")
	// Who may read it is checked on every request: browsers revalidate
	// and nothing shared keeps a copy.
	h.Set("Cache-Control", "private, no-cache")
	h.Set("ETag", strconv.Quote(etag))
	extendDeadlines(w, false, f.Size)
	http.ServeContent(w, r, f.Name, f.Modified, f.Body)
}
