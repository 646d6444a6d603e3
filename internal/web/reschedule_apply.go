package web

import (
	"net/http"
	"strconv"

	"duet/internal/duet"
)

// rescheduleApply serves POST /w/{ws}/reschedule: the confirmed preview.
// The kickoff, the launch and every date that follows them move in one
// go, unless the campaign's dates changed since the preview; then the
// page says so and previews again from the new dates.
func (s *server) rescheduleApply(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	pf := r.PostForm
	f := RescheduleForm{KickoffOn: pf.Get("kickoff_on"), LaunchOn: pf.Get("launch_on"), FromKickoff: pf.Get("from_kickoff"), FromLaunch: pf.Get("from_launch")}
	ws := r.PathValue("ws")
	moves, err := s.svc.Reschedule(r.Context(), actorOf(r), ws, duet.Reschedule{KickoffOn: f.KickoffOn, LaunchOn: f.LaunchOn,
		FromKickoff: f.FromKickoff, FromLaunch: f.FromLaunch})
	if err != nil {
		fe, ok := formError(err, rescheduleFields...)
		if !ok {
			s.Error(w, r, err)
			return
		}
		v, verr := s.viewerOf(r)
		if verr != nil {
			s.Error(w, r, verr)
			return
		}
		// The form is made again from the campaign's dates as they are now.
		f.FromKickoff, f.FromLaunch = "", ""
		s.showReschedule(w, r, v, duet.HTTPStatus(err), &ReschedulePage{Form: v.rescheduleForm(f), Err: fe})
		return
	}
	http.Redirect(w, r, "/w/"+ws+"?rescheduled="+strconv.Itoa(len(moves)), http.StatusSeeOther)
}

// rescheduledNotice confirms a reschedule on the overview it redirects to.
func rescheduledNotice(q string) string {
	n, err := strconv.Atoi(q)
	if err != nil || n < 0 {
		return ""
	}
	if n == 0 {
		return "The campaign's dates are saved. No other date had to move."
	}
	return "The campaign's dates are saved, and " + plural(n, "date that follows them moved", "dates that follow them moved") + "."
}
