package web

import (
	"net/http"

	"duet/internal/duet"
)

// ReschedulePage moves the campaign's kickoff and launch: the new dates,
// then a preview of every date that follows them, then the confirmation.
type ReschedulePage struct {
	Base
	WS      string
	Kickoff string // the dates now, in words
	Launch  string
	Form    RescheduleForm
	Err     FormError
	// Previewed: the moves below are what confirming would change.
	Previewed bool
	// NewKickoff and NewLaunch are the previewed dates, in words.
	NewKickoff string
	NewLaunch  string
	Moves      []DateMoveView
	Count      string
}

// RescheduleForm is what the reschedule forms send: the new dates, and the
// dates the preview was made from.
type RescheduleForm struct {
	KickoffOn   string
	LaunchOn    string
	FromKickoff string
	FromLaunch  string
}

// DateMoveView is one date a reschedule moves.
type DateMoveView struct {
	Kind      string
	KindLabel string
	Title     string
	URL       string
	Rule      string // "launch-7d"
	RuleWords string
	From      string
	FromISO   string
	To        string
	ToISO     string
	Shift     string // "+7 days"
}

// rescheduleFields are the inputs of the reschedule form as core names them.
var rescheduleFields = []string{"kickoff_on", "launch_on"}

// rescheduleShow serves GET /w/{ws}/reschedule: the form with the
// campaign's dates.
func (s *server) rescheduleShow(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.showReschedule(w, r, v, http.StatusOK, &ReschedulePage{Form: v.rescheduleForm(RescheduleForm{
		KickoffOn: v.d.KickoffOn.String(), LaunchOn: v.d.LaunchOn.String()})})
}

// rescheduleForm fills in the dates the form is made from: the
// campaign's dates now.
func (v *viewer) rescheduleForm(f RescheduleForm) RescheduleForm {
	if f.FromKickoff == "" {
		f.FromKickoff = v.d.KickoffOn.String()
	}
	if f.FromLaunch == "" {
		f.FromLaunch = v.d.LaunchOn.String()
	}
	return f
}

// showReschedule renders the reschedule page around p. Only the
// workspace's admins move the campaign's dates, as core decides; the
// others are told so before they fill in a form.
func (s *server) showReschedule(w http.ResponseWriter, r *http.Request, v *viewer, status int, p *ReschedulePage) {
	if !v.canReschedule() {
		s.Error(w, r, duet.Errorf(duet.EForbidden, "Only a workspace admin can move the kickoff or the launch."))
		return
	}
	nav, bell, err := s.frame(r, v, "overview", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Base = Base{Title: "Reschedule · " + v.d.Name, Nav: nav, Bell: bell}
	p.WS, p.Kickoff, p.Launch = v.d.ID, formatDate(v.d.KickoffOn), formatDate(v.d.LaunchOn)
	s.render(w, r, status, "reschedule_show", p)
}

// canReschedule reports whether the viewer may move the campaign's dates:
// the workspace's admins, on either side.
func (v *viewer) canReschedule() bool { return v.me.Permission == duet.PermAdmin }
