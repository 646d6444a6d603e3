package web

import (
	"net/http"
	"strconv"

	"duet/internal/duet"
)

// assetReview serves POST /w/{ws}/assets/{asset}/reviews: a verdict on
// one review step for the version the form was shown with. Requesting
// changes needs a comment. Core refuses a step out of turn, a step of the
// other side or of a role the viewer does not hold, and a version
// replaced meanwhile.
func (s *server) assetReview(w http.ResponseWriter, r *http.Request) {
	if err := parseLongForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	pf := r.PostForm
	version, _ := strconv.Atoi(pf.Get("version"))
	in := duet.ReviewAct{Step: pf.Get("step"), Verdict: pf.Get("verdict"), Comment: pf.Get("comment"), Version: version}
	if _, err := s.svc.ReviewAsset(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("asset"), in); err != nil {
		s.assetFailed(w, r, err, reviewFields, func(v *viewer, p *AssetPage, fe FormError) {
			for i := range p.Review.Forms {
				if f := &p.Review.Forms[i]; f.Step == in.Step {
					f.Err, f.Comment = fe, in.Comment
					return
				}
			}
			p.Review.Err = fe
		})
		return
	}
	s.assetDone(w, r, "#review")
}
