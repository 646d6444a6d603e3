package web

import "net/http"

// assetShips serves GET /w/{ws}/assets/{asset}/ships: the file of the
// version that ships (the newest approved one), whatever drafts came
// after it; 404 until a version is approved, or when it is a link.
func (s *server) assetShips(w http.ResponseWriter, r *http.Request) {
	f, err := s.svc.OpenVersion(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("asset"), 0)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	serveFile(w, r, f, "attachment", f.Version.File.Hash)
}
