package web

import (
	"net/http"

	"duet/internal/duet"
)

// voteFields are the inputs of the vote form as core names them.
var voteFields = []string{"vote", "reason"}

// occurrenceVote serves POST /w/{ws}/occurrences/{occ}/votes: the
// viewer's side's go or no-go at a launch-readiness meeting. A no-go
// needs a reason; each side votes once, by one of its voter roles; the
// second vote records the launch call as a decision.
func (s *server) occurrenceVote(w http.ResponseWriter, r *http.Request) {
	if err := parseLongForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	pf := r.PostForm
	in := duet.VoteCast{Side: duet.Side(pf.Get("side")), Vote: pf.Get("vote"), Reason: pf.Get("reason")}
	od, err := s.svc.Vote(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("occ"), in)
	if err != nil {
		s.occurrenceFailed(w, r, err, "occ-vote", voteFields, func(p *OccurrencePage, fe FormError) any {
			if p.Vote == nil {
				p.Alert = fe.Msg
				return &VotePanel{URL: occurrenceURL(p.WS, p.ID) + "/votes", Err: fe}
			}
			if f := p.Vote.Form; f != nil {
				f.Err, f.Choice, f.Reason = fe, in.Vote, in.Reason
			} else {
				p.Vote.Err = fe
			}
			return p.Vote
		})
		return
	}
	if !wantsFragment(r) {
		http.Redirect(w, r, occurrenceURL(r.PathValue("ws"), r.PathValue("occ"))+"#go-no-go", http.StatusSeeOther)
		return
	}
	v, verr := s.viewerOf(r)
	if verr != nil {
		s.Error(w, r, verr)
		return
	}
	s.fragment(w, r, http.StatusOK, "occ-vote", v.occurrencePage(od).Vote)
}
