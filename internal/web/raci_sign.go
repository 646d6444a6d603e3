package web

import (
	"net/http"
	"strconv"

	"duet/internal/duet"
)

// raciSign serves POST /w/{ws}/raci/sign: the viewer signs the version of
// the matrix they read for their side. Core refuses a matrix that no
// longer validates, a version that changed meanwhile, a second signature
// for a side and guests; the refusal is shown next to the button.
func (s *server) raciSign(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	version, _ := strconv.Atoi(r.PostForm.Get("version"))
	ws := r.PathValue("ws")
	if _, err := s.svc.SignDoc(r.Context(), actorOf(r), ws, duet.DocRACI, version); err != nil {
		s.raciFailed(w, r, err)
		return
	}
	http.Redirect(w, r, raciURL(ws)+"?signed="+strconv.Itoa(version)+"#raci-signoff", http.StatusSeeOther)
}
