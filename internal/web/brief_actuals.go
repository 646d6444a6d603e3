package web

import (
	"net/http"

	"duet/internal/duet"
)

// briefActuals serves POST /w/{ws}/brief/actuals: the actual of one goal
// measured by hand (kpi names it by its key); an empty value clears it.
// Goals counted from routed leads are computed and refused here.
func (s *server) briefActuals(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	key, typed := r.PostForm.Get("kpi"), r.PostForm.Get("value")
	var value *float64
	n, ok, err := parseAmount(typed)
	switch {
	case err != nil:
		err = duet.Invalid("value", "The actual must be a number, such as 640 or 12.5, not %q", typed)
	case ok:
		value = &n
	}
	ws := r.PathValue("ws")
	if err == nil {
		err = s.svc.SetActual(r.Context(), actorOf(r), ws, key, value)
	}
	if err != nil {
		s.briefFailed(w, r, err, func(p *BriefPage, fe FormError) {
			// The message goes next to the goal's input, which keeps
			// what was typed; a goal not in the brief gets it above.
			p.Goals.Results = true
			for i := range p.Goals.Rows {
				if g := &p.Goals.Rows[i]; g.Key == key && g.CanEnter {
					g.Err, g.Value = fe.Msg, typed
					return
				}
			}
			p.Goals.Err = fe.Msg
		})
		return
	}
	http.Redirect(w, r, briefURL(ws)+"#goals", http.StatusSeeOther)
}
