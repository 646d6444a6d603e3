package api

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"duet/internal/duet"
)

// The launch calendar endpoints. An entry is addressed by its id.

// calendarBound reads a window bound of the query: an RFC 3339 instant,
// or a date, which starts at midnight in the workspace's time zone.
func calendarBound(r *http.Request, name string, loc *time.Location) (time.Time, error) {
	s := strings.TrimSpace(r.URL.Query().Get(name))
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil {
		return t, nil
	}
	return time.Time{}, duet.Invalid(name, "must be a date like 2027-01-01 or a time like 2027-01-01T00:00:00Z, not %q", s)
}

// entryFilter reads the calendar filters of the query. Core leaves the
// status and side unchecked (a wrong one matches nothing), so they are
// checked here.
func entryFilter(r *http.Request, loc *time.Location) (duet.EntryFilter, error) {
	q := r.URL.Query()
	f := duet.EntryFilter{Status: q.Get("status"), Side: duet.Side(q.Get("side"))}
	var err error
	if f.From, err = calendarBound(r, "from", loc); err != nil {
		return f, err
	}
	if f.To, err = calendarBound(r, "to", loc); err != nil {
		return f, err
	}
	switch {
	case !f.From.IsZero() && !f.To.IsZero() && !f.To.After(f.From):
		return f, duet.Invalid("to", "must be after from")
	case f.Status != "" && !slices.Contains(duet.EntryStatuses, f.Status):
		return f, duet.Invalid("status", "must be one of %s", strings.Join(duet.EntryStatuses, ", "))
	case f.Side != "" && !f.Side.Valid():
		return f, duet.Invalid("side", "must be host or partner")
	}
	return f, nil
}

// calendarList returns the entries publishing in the window asked for,
// with their slips, and every slip the caller's side has.
func (h *Handler) calendarList(w http.ResponseWriter, r *http.Request) error {
	p, err := h.place(r)
	if err != nil {
		return err
	}
	f, err := entryFilter(r, p.loc)
	if err != nil {
		return err
	}
	v, err := h.svc.Calendar(r.Context(), actorFrom(r.Context()), r.PathValue("id"), f)
	if err != nil {
		return err
	}
	dto := calendarDTO{Entries: make([]entryDTO, 0, len(v.Entries)), Slips: toSlips(v.Slips), LeadDays: v.LeadDays, GoLiveOn: day(v.GoLive),
		TimeZone: p.zone}
	for _, e := range v.Entries {
		dto.Entries = append(dto.Entries, toEntry(e, p, true))
	}
	writeJSON(w, http.StatusOK, dto)
	return nil
}

// entryInput is an entry's plan as the API takes it. The lists and flags
// are pointers so that PUT, which replaces the whole plan, can refuse
// one left out rather than clear it.
type entryInput struct {
	Version        int       `json:"version"` // PUT only
	Title          string    `json:"title"`
	Channel        string    `json:"channel"`
	DRI            string    `json:"dri"`
	PublishAt      string    `json:"publish_at"`
	Visibility     *string   `json:"visibility"`
	LaunchCritical *bool     `json:"launch_critical"`
	Assets         *[]string `json:"assets"`
	After          *[]string `json:"after"`
}

// save turns the input into core's plan. publish_at may be an RFC 3339
// instant, which is given to core as the wall-clock time it is in the
// workspace's zone, or that wall-clock time itself.
func (in *entryInput) save(loc *time.Location) duet.EntrySave {
	s := duet.EntrySave{Version: in.Version, Title: in.Title, Channel: in.Channel, DRI: in.DRI, PublishAt: in.PublishAt}
	if t, err := time.Parse(time.RFC3339, strings.TrimSpace(in.PublishAt)); err == nil {
		s.PublishAt = t.In(loc).Format("2006-01-02T15:04:05")
	}
	if in.Visibility != nil {
		s.Visibility = duet.Visibility(*in.Visibility)
	}
	if in.LaunchCritical != nil {
		s.LaunchCritical = *in.LaunchCritical
	}
	if in.Assets != nil {
		s.Assets = *in.Assets
	}
	if in.After != nil {
		s.After = *in.After
	}
	return s
}

// entryCreate schedules an entry owned by the caller's side.
func (h *Handler) entryCreate(w http.ResponseWriter, r *http.Request) error {
	var in entryInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Version != 0 {
		return &duet.Error{Kind: duet.EBadRequest, Field: "version", Msg: "is set by the server; send it only to PUT"}
	}
	p, err := h.place(r)
	if err != nil {
		return err
	}
	ws := r.PathValue("id")
	e, err := h.svc.CreateEntry(r.Context(), actorFrom(r.Context()), ws, in.save(p.loc))
	if err != nil {
		return err
	}
	w.Header().Set("Location", entryURL(ws, e.ID))
	writeJSON(w, http.StatusCreated, toEntry(e, p, false))
	return nil
}

// entryGet returns one entry with its slips, followers and history.
func (h *Handler) entryGet(w http.ResponseWriter, r *http.Request) error {
	d, err := h.svc.Entry(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("entry"))
	if err != nil {
		return err
	}
	p, err := h.place(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, entryPageDTO{entryDTO: toEntry(d.Entry, p, true), Followers: toEntryRefs(r.PathValue("id"), d.Followers),
		History: toChanges(d.History), CanEdit: d.CanEdit})
	return nil
}

// entryUpdate replaces an entry's whole plan at the version the caller
// read.
func (h *Handler) entryUpdate(w http.ResponseWriter, r *http.Request) error {
	var in entryInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Version < 1 {
		return duet.Invalid("version", "is required: the version of the entry you read")
	}
	for _, f := range []struct {
		name    string
		missing bool
	}{{"visibility", in.Visibility == nil}, {"launch_critical", in.LaunchCritical == nil}, {"assets", in.Assets == nil}, {"after", in.After == nil}} {
		if f.missing {
			return duet.Invalid(f.name, "is required: PUT replaces the whole plan, so send every field")
		}
	}
	p, err := h.place(r)
	if err != nil {
		return err
	}
	e, err := h.svc.UpdateEntry(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("entry"), in.save(p.loc))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toEntry(e, p, false))
	return nil
}

// entryReschedule moves an entry to another day at the same time of day.
func (h *Handler) entryReschedule(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Version int    `json:"version"`
		Date    string `json:"date"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	// Core compares the version with the entry's, which would answer a
	// missing one as a conflict.
	if in.Version < 1 {
		return duet.Invalid("version", "is required: the version of the entry you read")
	}
	e, err := h.svc.RescheduleEntry(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("entry"), in.Version, in.Date)
	if err != nil {
		return err
	}
	p, err := h.place(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toEntry(e, p, false))
	return nil
}

// entryMove changes an entry's status: ready, published (with where it
// went live), cancelled or back to planned.
func (h *Handler) entryMove(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Version  int    `json:"version"`
		Status   string `json:"status"`
		LiveURL  string `json:"live_url"`
		Decision int    `json:"decision"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	// Core compares the version with the entry's first, which would
	// answer a missing one as a conflict.
	if in.Version < 1 {
		return duet.Invalid("version", "is required: the version of the entry you read")
	}
	e, err := h.svc.MoveEntry(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("entry"), duet.EntryMove{
		Version: in.Version, Status: in.Status, LiveURL: in.LiveURL, Decision: in.Decision})
	if err != nil {
		return err
	}
	p, err := h.place(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toEntry(e, p, false))
	return nil
}
