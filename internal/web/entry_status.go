package web

import (
	"net/http"
	"strconv"
	"strings"

	"duet/internal/duet"
)

// entryStatus serves POST /w/{ws}/calendar/{entry}/status: ready, back to
// planned, cancelled, reopened or published, from the version the page
// showed. Publishing sends the live URL, and the override decision's
// number (D-4) while linked assets are not approved.
func (s *server) entryStatus(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	pf := r.PostForm
	version, _ := strconv.Atoi(pf.Get("version"))
	status, liveURL, typed := pf.Get("status"), pf.Get("live_url"), pf.Get("decision")
	n, err := overrideNumber(typed)
	if err == nil {
		_, err = s.svc.MoveEntry(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("entry"),
			duet.EntryMove{Version: version, Status: status, LiveURL: liveURL, Decision: n})
	}
	if err != nil {
		s.entryFailed(w, r, err, func(p *EntryPage, fe FormError) {
			p.Status.Err, p.Status.LiveURL, p.Status.Decision = fe, liveURL, typed
			p.Status.Open = status == duet.EntryPublished
		})
		return
	}
	s.entryDone(w, r)
}

// overrideNumber reads an override decision as typed: "D-4", "d4" or "4";
// "" is none.
func overrideNumber(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	digits := strings.TrimLeft(strings.TrimPrefix(strings.ToUpper(s), "D"), "- ")
	n, err := strconv.Atoi(digits)
	if err != nil || n < 1 {
		return 0, duet.Invalid("decision", "must be a decision number like D-4, not %q", s)
	}
	return n, nil
}

// entryDone answers a status change that worked: htmx gets the status
// panel and the page's head (out of band: the status and slips show
// there too); a plain form goes to the entry's page.
func (s *server) entryDone(w http.ResponseWriter, r *http.Request) {
	if !wantsFragment(r) {
		http.Redirect(w, r, calendarEntryURL(r.PathValue("ws"), r.PathValue("entry"))+"#status", http.StatusSeeOther)
		return
	}
	v, ed, err := s.entryOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p, err := s.entryPage(r, v, ed, nil, FormError{})
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Head.OOB = true
	s.fragment(w, r, http.StatusOK, "entry-status-done", p)
}

// entryFailed shows the entry again after a refused status change, with
// the error and what was typed set by mark: the status panel for htmx,
// the page otherwise. A refusal because of the viewer's side or role is
// shown like invalid input; anything hidden stays a 404 page.
func (s *server) entryFailed(w http.ResponseWriter, r *http.Request, err error, mark func(*EntryPage, FormError)) {
	fe, ok := actionError(err, entryStatusFields...)
	if !ok {
		s.Error(w, r, err)
		return
	}
	v, ed, eerr := s.entryOf(r)
	if eerr != nil {
		s.Error(w, r, eerr)
		return
	}
	p, perr := s.entryPage(r, v, ed, nil, FormError{})
	if perr != nil {
		s.Error(w, r, perr)
		return
	}
	mark(p, fe)
	if wantsFragment(r) {
		s.fragment(w, r, duet.HTTPStatus(err), "entry-status", p.Status)
		return
	}
	s.showEntry(w, r, v, duet.HTTPStatus(err), p)
}
