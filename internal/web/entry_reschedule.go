package web

import (
	"net/http"
	"strconv"

	"duet/internal/duet"
)

// entryReschedule serves POST /w/{ws}/calendar/{entry}/reschedule: the
// entry moves to another day (date) at the same time of day, from the
// version the calendar showed. Dragging a chip on the month or week view
// sends it with fetch, and a chip's "Move to" form with htmx or as a
// plain form; view and at name the calendar it came from. htmx gets that
// calendar's region, saying what moved or why not; a plain form goes to
// the calendar around the entry's new day.
func (s *server) entryReschedule(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	pf := r.PostForm
	version, _ := strconv.Atoi(pf.Get("version"))
	e, err := s.svc.RescheduleEntry(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("entry"), version, pf.Get("date"))
	fe, refused := actionError(err, "date", "version")
	if err != nil && !refused {
		s.Error(w, r, err)
		return
	}
	v, verr := s.viewerOf(r)
	if verr != nil {
		s.Error(w, r, verr)
		return
	}
	sp := calendarSpanOf(v, r)
	if refused {
		s.showCalendar(w, r, v, duet.HTTPStatus(err), sp, CalendarRegion{Err: fe.Msg})
		return
	}
	if !wantsFragment(r) {
		http.Redirect(w, r, calendarAt(v.d.ID, sp.view, calendarDayOf(e.PublishAt, v.loc())), http.StatusSeeOther)
		return
	}
	s.showCalendar(w, r, v, http.StatusOK, sp, CalendarRegion{Note: v.entryMoved(e)})
}

// calendarSpanOf reads the view and the day a move was sent from, to show
// that calendar again.
func calendarSpanOf(v *viewer, r *http.Request) calendarSpan {
	sp, err := spanFrom(r.PostForm.Get("view"), r.PostForm.Get("at"), v.calendarToday())
	if err != nil {
		// The site's forms always send both; anything else gets the
		// month around today rather than an error about the page itself.
		return spanOf(calMonth, v.calendarToday())
	}
	return sp
}

// entryMoved says where an entry went, in the workspace's zone.
func (v *viewer) entryMoved(e duet.LaunchEntry) string {
	when, _ := v.calendarWhen(e.PublishAt)
	return "Moved “" + e.Title + "” to " + when + "."
}
