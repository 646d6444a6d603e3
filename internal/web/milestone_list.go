package web

import (
	"net/http"

	"duet/internal/duet"
)

// milestoneList serves GET /w/{ws}/milestones: the campaign's gates on a
// timeline, and one card each with its checks, completion and history.
func (s *server) milestoneList(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.showMilestones(w, r, v, http.StatusOK, milestoneFailure{})
}

// milestoneFailure is an action on one milestone that core refused: the
// card shows the error next to the form, with what was typed.
type milestoneFailure struct {
	id       string
	action   string
	err      FormError
	form     MilestoneForm
	conflict bool
}

// showMilestones renders the milestones page with the status given.
func (s *server) showMilestones(w http.ResponseWriter, r *http.Request, v *viewer, status int, fail milestoneFailure) {
	a := actorOf(r)
	ms, err := s.svc.Milestones(r.Context(), a, v.d.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	day := today(v.now, v.d.TimeZone)
	cards := make([]MilestoneCard, len(ms))
	for i, m := range ms {
		_, history, err := s.svc.Milestone(r.Context(), a, v.d.ID, m.ID)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		c := v.milestoneCard(i+1, m, history, day)
		var f MilestoneForm
		if fail.id == m.ID {
			c.Err, c.ErrAction, c.Conflict, f = fail.err, fail.action, fail.conflict, fail.form
		}
		v.withForm(&c, f)
		cards[i] = c
	}
	nav, bell, err := s.frame(r, v, "milestones", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, status, "milestone_list", &MilestonesPage{Base: Base{Title: "Milestones · " + v.d.Name, Nav: nav, Bell: bell},
		WS: v.d.ID, Summary: milestonesSummary(cards), Timeline: timelineOf(v.d, cards, ms, day), Cards: cards})
}

// milestoneDone answers a milestone action that worked: back to its card.
func (s *server) milestoneDone(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/w/"+r.PathValue("ws")+"/milestones#m-"+r.PathValue("milestone"), http.StatusSeeOther)
}

// milestoneFailed shows the milestones again, as they are now, with core's
// refusal next to the action that was tried on the milestone's card.
// Anything the viewer may not see stays a plain error page.
func (s *server) milestoneFailed(w http.ResponseWriter, r *http.Request, err error, action string, f MilestoneForm, fields ...string) {
	fe, ok := actionError(err, fields...)
	if !ok {
		s.Error(w, r, err)
		return
	}
	v, verr := s.viewerOf(r)
	if verr != nil {
		s.Error(w, r, verr)
		return
	}
	s.showMilestones(w, r, v, duet.HTTPStatus(err), milestoneFailure{id: r.PathValue("milestone"), action: action, err: fe, form: f,
		conflict: duet.ErrorKind(err) == duet.EConflict})
}
