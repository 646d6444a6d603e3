package web

import (
	"fmt"
	"net/http"

	"duet/internal/duet"
)

// reschedulePreview serves POST /w/{ws}/reschedule/preview: every date the
// new kickoff and launch would move, and the form that confirms them.
// Nothing changes yet.
func (s *server) reschedulePreview(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	f := v.rescheduleForm(RescheduleForm{KickoffOn: r.PostForm.Get("kickoff_on"), LaunchOn: r.PostForm.Get("launch_on")})
	moves, err := s.svc.PreviewReschedule(r.Context(), actorOf(r), v.d.ID, duet.Reschedule{KickoffOn: f.KickoffOn, LaunchOn: f.LaunchOn})
	if err != nil {
		fe, ok := formError(err, rescheduleFields...)
		if !ok {
			s.Error(w, r, err)
			return
		}
		s.showReschedule(w, r, v, duet.HTTPStatus(err), &ReschedulePage{Form: f, Err: fe})
		return
	}
	p := &ReschedulePage{Form: f, Previewed: true, Moves: v.dateMoves(moves), Count: plural(len(moves), "date", "dates")}
	if k, err := duet.ParseDate(f.KickoffOn); err == nil {
		p.NewKickoff = formatDate(k)
	}
	if l, err := duet.ParseDate(f.LaunchOn); err == nil {
		p.NewLaunch = formatDate(l)
	}
	s.showReschedule(w, r, v, http.StatusOK, p)
}

// dateMoves lays out the dates a reschedule moves.
func (v *viewer) dateMoves(ms []duet.DateMove) []DateMoveView {
	out := make([]DateMoveView, len(ms))
	for i, m := range ms {
		mv := DateMoveView{Kind: m.Kind, Title: m.Title, Rule: m.Rule, From: formatDate(m.From), To: formatDate(m.To),
			FromISO: m.From.String(), ToISO: m.To.String()}
		if _, rule, err := duet.ParseDue("due", m.Rule); err == nil && rule.Relative() {
			mv.RuleWords = dueRuleWords(rule)
		}
		switch m.Kind {
		case "task":
			mv.KindLabel, mv.URL = "Task", taskURL(v.d.ID, m.ID)
		case "milestone":
			mv.KindLabel, mv.URL = "Milestone", "/w/"+v.d.ID+"/milestones#m-"+m.ID
		default:
			mv.KindLabel = statusLabel(m.Kind)
		}
		if !m.From.IsZero() && !m.To.IsZero() {
			n := daysFrom(m.From, m.To)
			mv.Shift = fmt.Sprintf("%+d", n) + " " + map[bool]string{true: "day", false: "days"}[n == 1 || n == -1]
		}
		out[i] = mv
	}
	return out
}
