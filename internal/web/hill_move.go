package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"duet/internal/duet"
)

// hillMove serves POST /w/{ws}/hill/{chart}/moves: the dots moved, as
// pos.<scope>=<0..100>, and a note; core saves them as one snapshot.
// Each pos comes with the from.<scope> the page was drawn with, and only
// the dots whose position differs are sent on, so a form posted without
// the page's script (one number field per dot) never moves back a dot
// someone else moved meanwhile.
func (s *server) hillMove(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	pf := r.PostForm
	in := duet.HillUpdate{Positions: map[string]int{}, Note: pf.Get("note")}
	typed := map[string]string{}
	var ids []string
	for key := range pf {
		if id, ok := strings.CutPrefix(key, "pos."); ok && id != "" {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	var err error
	var bad string
	for _, id := range ids {
		raw := strings.TrimSpace(pf.Get("pos." + id))
		typed[id] = raw
		if from, ok := pf["from."+id]; ok && strings.TrimSpace(from[0]) == raw {
			continue
		}
		p, perr := strconv.Atoi(raw)
		if perr != nil && err == nil {
			err, bad = duet.Invalid("position", "must be a whole number from 0 to 100, not %q", raw), id
		}
		in.Positions[id] = p
	}
	if err == nil {
		_, err = s.svc.MoveHill(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("chart"), in)
		if duet.ErrorField(err) == "position" {
			for _, id := range ids {
				if p, ok := in.Positions[id]; ok && (p < 0 || p > 100) {
					bad = id
					break
				}
			}
		}
	}
	if err != nil {
		s.hillFailed(w, r, err, hillFailure{scopeID: bad, note: pf.Get("note"), typed: typed}, false, "position", "positions", "note")
		return
	}
	http.Redirect(w, r, "/w/"+r.PathValue("ws")+"/hill", http.StatusSeeOther)
}

// hillFailed shows the hill chart again, as it is now, with core's refusal
// next to the form that was sent: the new-scope form when scope is set,
// else the form that moves the dots.
func (s *server) hillFailed(w http.ResponseWriter, r *http.Request, err error, fail hillFailure, scope bool, fields ...string) {
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
	if scope {
		fail.scopeErr = fe
	} else {
		fail.err = fe
	}
	s.showHill(w, r, v, duet.HTTPStatus(err), fail)
}
