package web

import (
	"net/http"
	"strconv"

	"duet/internal/duet"
)

// briefSign serves POST /w/{ws}/brief/sign: the viewer signs the version
// they read (the form sends it) for their side. Signing twice, a version
// that changed meanwhile or, as a guest, at all is refused next to the
// button.
func (s *server) briefSign(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	version, _ := strconv.Atoi(r.PostForm.Get("version"))
	ws := r.PathValue("ws")
	if _, err := s.svc.SignDoc(r.Context(), actorOf(r), ws, duet.DocBrief, version); err != nil {
		s.briefFailed(w, r, err, func(p *BriefPage, fe FormError) { p.Sign.Err = fe.Msg })
		return
	}
	http.Redirect(w, r, briefURL(ws)+"?signed="+strconv.Itoa(version)+"#brief-signoff", http.StatusSeeOther)
}
