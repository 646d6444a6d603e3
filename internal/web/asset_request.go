package web

import (
	"net/http"
	"strconv"
)

// assetRequest serves POST /w/{ws}/assets/{asset}/review-request: the
// asset's side sends the draft's current version, named by the form, to
// its review steps; the first stage's reviewers are notified.
func (s *server) assetRequest(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	version, _ := strconv.Atoi(r.PostForm.Get("version"))
	_, err := s.svc.RequestReview(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("asset"), version)
	if err != nil {
		s.assetFailed(w, r, err, nil, func(v *viewer, p *AssetPage, fe FormError) {
			if p.Review.CanRequest {
				p.Review.RequestErr = fe
				return
			}
			p.Review.Err = fe
		})
		return
	}
	s.assetDone(w, r, "#review")
}
