package web

import (
	"net/http"
	"time"

	"duet/internal/duet"
)

// hillHistory is how many saves of the chart the page reads; hillListed
// how many of them it lists.
const (
	hillHistory = 500
	hillListed  = 40
)

// hillShow serves GET /w/{ws}/hill: the hill chart to move dots on, its
// history of saves, the chart as one save left it (?at=<snapshot>), and
// where each dot was a week ago (?compare=7d).
func (s *server) hillShow(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.showHill(w, r, v, http.StatusOK, hillFailure{})
}

// hillFailure is a save or a new scope that core refused: the page shows
// the error next to the form, with what was typed.
type hillFailure struct {
	err      FormError
	scopeID  string // the dot whose position was refused
	note     string
	typed    map[string]string
	scopeErr FormError
	scope    ScopeForm
}

// showHill renders the hill chart page with the status given.
func (s *server) showHill(w http.ResponseWriter, r *http.Request, v *viewer, status int, fail hillFailure) {
	a := actorOf(r)
	h, err := s.svc.HillChart(r.Context(), a, v.d.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	snaps, err := s.svc.HillSnapshots(r.Context(), a, v.d.ID, h.ID, hillHistory)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &HillPage{WS: v.d.ID, CanEdit: !v.guest(), Err: fail.err, Note: fail.note, Scope: fail.scope, ScopeErr: fail.scopeErr}
	q := r.URL.Query()
	var at map[string]int
	base := v.now
	if id := q.Get("at"); id != "" {
		i := -1
		for j, sn := range snaps {
			if sn.ID == id {
				i = j
			}
		}
		if i < 0 {
			s.Error(w, r, duet.NotFound("snapshot"))
			return
		}
		sv := v.snapshot(snaps[i])
		sv.Current = true
		p.Viewing, at, base = &sv, snaps[i].Positions, snaps[i].At
		if i+1 < len(snaps) {
			p.Older = v.snapshot(snaps[i+1]).URL
		}
		if i > 0 {
			p.Newer = v.snapshot(snaps[i-1]).URL
		}
	}
	p.Board = v.hillBoardOf(h, at)
	p.Board.Movable = p.Board.Movable && p.CanEdit
	switch q.Get("compare") {
	case "":
	case "7d":
		then := base.Add(-7 * 24 * time.Hour)
		p.Compare = true
		p.Since, _, _ = v.when(then)
		p.Ghosts = p.Board.ghostsOf(positionsAt(h, snaps, then), p.Since)
	default:
		s.Error(w, r, duet.Invalid("compare", "must be 7d"))
		return
	}
	for i := range p.Board.Dots {
		d := &p.Board.Dots[i]
		if t, ok := fail.typed[d.ID]; ok {
			d.Input = t
		}
		if d.ID == fail.scopeID {
			d.InputErr = fail.err.Msg
			p.Err = FormError{Msg: d.Title + ": " + fail.err.Msg}
		}
	}
	for i, sn := range snaps {
		if i == hillListed {
			p.More = len(snaps) - i
			break
		}
		sv := v.snapshot(sn)
		sv.Current = p.Viewing != nil && sn.ID == p.Viewing.ID
		p.History = append(p.History, sv)
	}
	p.Lists = []Option{{Value: "", Label: "None: the dot never goes stale", Selected: fail.scope.TaskList == ""}}
	for _, l := range v.d.TaskLists {
		if !l.Archived {
			p.Lists = append(p.Lists, Option{Value: l.ID, Label: l.Title, Selected: fail.scope.TaskList == l.ID})
		}
	}
	var err2 error
	if p.Nav, p.Bell, err2 = s.frame(r, v, "hill", ""); err2 != nil {
		s.Error(w, r, err2)
		return
	}
	p.Title = "Hill chart · " + v.d.Name
	s.render(w, r, status, "hill_show", p)
}
