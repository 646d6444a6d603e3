package api

import (
	"errors"
	"net/http"
	"time"

	"duet/internal/core"
	"duet/internal/duet"
)

// The check-in endpoints. A check-in is addressed by its id or its key
// (monday-check-in); an occurrence, one meeting of it, by its id alone,
// directly under the workspace, as messages are.

// checkInInput is a check-in's settings as the API takes them. Every
// field is a pointer so that PATCH can tell a field left out from one
// set to its zero value.
type checkInInput struct {
	Version         int              `json:"version"` // PATCH only
	Title           *string          `json:"title"`
	Purpose         *string          `json:"purpose"`
	Schedule        *scheduleInput   `json:"schedule"`
	StartsOn        *string          `json:"starts_on"`
	DurationMinutes *int             `json:"duration_minutes"`
	OpenDays        *int             `json:"open_days"`
	NudgeMinutes    *int             `json:"nudge_minutes"`
	AskRoles        *[]string        `json:"ask_roles"`
	AskSides        *[]string        `json:"ask_sides"`
	Questions       *[]questionInput `json:"questions"`
	Visibility      *string          `json:"visibility"`
}

// scheduleInput is the part of a schedule a client sets: the rule and the
// time of day. The words and the time zone (the workspace's) are the
// server's.
type scheduleInput struct {
	RRule *string `json:"rrule"`
	Time  *string `json:"time"`
}

type questionInput struct {
	Key        string   `json:"key"`
	Text       string   `json:"text"`
	Kind       string   `json:"kind"`
	VoterRoles []string `json:"voter_roles"`
}

// empty reports whether the input sets no setting at all.
func (in *checkInInput) empty() bool {
	return in.Title == nil && in.Purpose == nil && (in.Schedule == nil || in.Schedule.RRule == nil && in.Schedule.Time == nil) &&
		in.StartsOn == nil && in.DurationMinutes == nil && in.OpenDays == nil && in.NudgeMinutes == nil && in.AskRoles == nil &&
		in.AskSides == nil && in.Questions == nil && in.Visibility == nil
}

// merge lays the fields given over save.
func (in *checkInInput) merge(save *duet.CheckInSave) {
	set := func(to *string, from *string) {
		if from != nil {
			*to = *from
		}
	}
	setInt := func(to *int, from *int) {
		if from != nil {
			*to = *from
		}
	}
	set(&save.Title, in.Title)
	set(&save.Purpose, in.Purpose)
	if in.Schedule != nil {
		set(&save.Schedule, in.Schedule.RRule)
		set(&save.Time, in.Schedule.Time)
	}
	set(&save.StartsOn, in.StartsOn)
	setInt(&save.DurationMinutes, in.DurationMinutes)
	setInt(&save.OpenDays, in.OpenDays)
	setInt(&save.NudgeMinutes, in.NudgeMinutes)
	if in.AskRoles != nil {
		save.AskRoles = *in.AskRoles
	}
	if in.AskSides != nil {
		save.AskSides = make([]duet.Side, 0, len(*in.AskSides))
		for _, s := range *in.AskSides {
			save.AskSides = append(save.AskSides, duet.Side(s))
		}
	}
	if in.Questions != nil {
		save.Questions = make([]duet.TemplateQuestion, 0, len(*in.Questions))
		for _, q := range *in.Questions {
			save.Questions = append(save.Questions, duet.TemplateQuestion{Key: q.Key, Text: q.Text, Kind: q.Kind, VoterRoles: q.VoterRoles})
		}
	}
	if in.Visibility != nil {
		save.Visibility = duet.Visibility(*in.Visibility)
	}
}

// savedFrom is the whole of a check-in's settings, to edit.
func savedFrom(c duet.CheckIn) duet.CheckInSave {
	s := duet.CheckInSave{Title: c.Title, Purpose: c.Purpose, Schedule: c.Schedule, Time: c.Time, DurationMinutes: c.DurationMinutes,
		OpenDays: c.OpenDays, NudgeMinutes: c.NudgeMinutes, AskRoles: c.AskRoles, AskSides: c.AskSides, Questions: c.Questions,
		Visibility: c.Visibility, Version: c.Version}
	if !c.StartsOn.IsZero() {
		s.StartsOn = c.StartsOn.String()
	}
	return s
}

// checkInField names the API's field for an error about a setting: the
// time of day is inside the schedule object.
func checkInField(err error) error {
	if e, ok := errors.AsType[*duet.Error](err); ok && e.Field == "time" {
		c := *e
		c.Field = "schedule.time"
		return &c
	}
	return err
}

// place is the workspace's time zone, check-ins and members as the
// caller sees them, for local meeting times, durations and who holds a
// DRI's role now. It reads core's cached workspace after the same access
// check as every use case.
type place struct {
	loc      *time.Location
	zone     string
	checkIns map[string]duet.CheckIn
	ws       *duet.WorkspaceDetail
}

func (h *Handler) place(r *http.Request) (place, error) {
	d, err := h.svc.Workspace(r.Context(), actorFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		return place{}, err
	}
	p := place{loc: d.Loc, zone: d.TimeZone, checkIns: map[string]duet.CheckIn{}, ws: d}
	if p.loc == nil {
		if p.loc, err = time.LoadLocation(d.TimeZone); err != nil {
			p.loc = time.UTC
		}
	}
	for _, c := range d.CheckIns {
		p.checkIns[c.ID] = c
	}
	return p, nil
}

// dri is x as the API shows it, resolved to the member who holds it now.
func (p place) dri(x duet.DRI) driDTO {
	p.ws.ResolveDRI(&x)
	return toDRI(x)
}

// checkInList lists the check-ins the caller sees, each with its next
// meeting.
func (h *Handler) checkInList(w http.ResponseWriter, r *http.Request) error {
	cs, err := h.svc.CheckIns(r.Context(), actorFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	p, err := h.place(r)
	if err != nil {
		return err
	}
	out := make([]checkInDetailDTO, 0, len(cs))
	for _, c := range cs {
		out = append(out, toCheckIn(r.PathValue("id"), c, p))
	}
	writeJSON(w, http.StatusOK, map[string]any{"check_ins": out})
	return nil
}

// checkInCreate adds a check-in; workspace admins only. Open days and
// the nudge default to the template defaults when left out.
func (h *Handler) checkInCreate(w http.ResponseWriter, r *http.Request) error {
	var in checkInInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Version != 0 {
		return &duet.Error{Kind: duet.EBadRequest, Field: "version", Msg: "is set by the server; send it only to PATCH"}
	}
	save := duet.CheckInSave{OpenDays: duet.DefaultOpenDays, NudgeMinutes: duet.DefaultNudgeMinutes}
	in.merge(&save)
	ws := r.PathValue("id")
	c, err := h.svc.CreateCheckIn(r.Context(), actorFrom(r.Context()), ws, save)
	if err != nil {
		return checkInField(err)
	}
	p, err := h.place(r)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/workspaces/"+ws+"/check-ins/"+c.ID)
	writeJSON(w, http.StatusCreated, toCheckIn(ws, c, p))
	return nil
}

// checkInGet returns one check-in's settings and whether the caller may
// change them.
func (h *Handler) checkInGet(w http.ResponseWriter, r *http.Request) error {
	d, err := h.svc.CheckIn(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("checkin"))
	if err != nil {
		return err
	}
	p, err := h.place(r)
	if err != nil {
		return err
	}
	dto := toCheckIn(r.PathValue("id"), d.CheckIn, p)
	writeJSON(w, http.StatusOK, struct {
		checkInDetailDTO
		CanEdit bool `json:"can_edit"`
	}{dto, d.CanEdit})
	return nil
}

// checkInUpdate changes the settings given, at the version the caller
// read; the others stay as they are. Settings are saved whole, so the
// current ones are read first and the change laid over them.
func (h *Handler) checkInUpdate(w http.ResponseWriter, r *http.Request) error {
	var in checkInInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	a, ws := actorFrom(r.Context()), r.PathValue("id")
	cur, err := h.svc.CheckIn(r.Context(), a, ws, r.PathValue("checkin"))
	if err != nil {
		return err
	}
	if in.empty() {
		if in.Version < 1 {
			return duet.Invalid("version", "is required: the version of the check-in you read")
		}
		return duet.Invalid("body", "nothing to change: send the settings to change with the version you read")
	}
	save := savedFrom(cur.CheckIn)
	in.merge(&save)
	save.Version = in.Version
	c, err := h.svc.UpdateCheckIn(r.Context(), a, ws, cur.ID, save)
	if err != nil {
		return checkInField(err)
	}
	p, err := h.place(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toCheckIn(ws, c, p))
	return nil
}

func (h *Handler) checkInPause(w http.ResponseWriter, r *http.Request) error {
	return h.pause(w, r, true)
}
func (h *Handler) checkInResume(w http.ResponseWriter, r *http.Request) error {
	return h.pause(w, r, false)
}

// pause pauses or resumes a check-in at the version the caller read.
func (h *Handler) pause(w http.ResponseWriter, r *http.Request, paused bool) error {
	var in struct {
		Version int `json:"version"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	a, ws := actorFrom(r.Context()), r.PathValue("id")
	id, err := h.checkInID(r)
	if err != nil {
		return err
	}
	c, err := h.svc.PauseCheckIn(r.Context(), a, ws, id, in.Version, paused)
	if err != nil {
		return err
	}
	p, err := h.place(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toCheckIn(ws, c, p))
	return nil
}

// checkInID resolves the {checkin} of the path, an id or a key, to the
// id of a check-in the caller sees.
func (h *Handler) checkInID(r *http.Request) (string, error) {
	cs, err := h.svc.CheckIns(r.Context(), actorFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		return "", err
	}
	want := r.PathValue("checkin")
	for _, c := range cs {
		if c.ID == want || c.Key == want {
			return c.ID, nil
		}
	}
	return "", duet.NotFound("check-in")
}

// occurrenceList lists a check-in's next meetings (at most 10, soonest
// first) and its past ones (at most 26, newest first).
func (h *Handler) occurrenceList(w http.ResponseWriter, r *http.Request) error {
	d, err := h.svc.CheckIn(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("checkin"))
	if err != nil {
		return err
	}
	p, err := h.place(r)
	if err != nil {
		return err
	}
	now, ws := h.svc.Now(), r.PathValue("id")
	writeJSON(w, http.StatusOK, map[string]any{"upcoming": toOccurrences(ws, d.Upcoming, p, now), "past": toOccurrences(ws, d.Past, p, now)})
	return nil
}

// occurrenceCurrent returns the meeting people work on now: the open one
// meeting soonest, else the next to open, else the latest.
func (h *Handler) occurrenceCurrent(w http.ResponseWriter, r *http.Request) error {
	o, err := h.svc.CurrentOccurrence(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("checkin"))
	if err != nil {
		return err
	}
	p, err := h.place(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toOccurrence(r.PathValue("id"), o, p, h.svc.Now()))
	return nil
}

// occurrenceGet returns one meeting with its answers, who has not
// answered, votes, agenda and comments.
func (h *Handler) occurrenceGet(w http.ResponseWriter, r *http.Request) error {
	d, err := h.svc.Occurrence(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("occurrence"))
	if err != nil {
		return err
	}
	return h.writeOccurrence(w, r, http.StatusOK, d)
}

// answerPut writes the caller's answer to one question, or replaces it.
func (h *Handler) answerPut(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Body       string `json:"body"`
		Visibility string `json:"visibility"`
		MemberID   string `json:"member_id"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ans, err := h.svc.AnswerOccurrence(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("occurrence"), duet.AnswerSave{
		Question: r.PathValue("question"), Body: in.Body, Visibility: duet.Visibility(in.Visibility), MemberID: in.MemberID})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toAnswer(ans, true))
	return nil
}

// voteCast casts the caller's side's go/no-go; the answer is the
// occurrence, with the launch call once both sides voted.
func (h *Handler) voteCast(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Vote   string `json:"vote"`
		Reason string `json:"reason"`
		Side   string `json:"side"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	d, err := h.svc.Vote(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("occurrence"), duet.VoteCast{
		Side: duet.Side(in.Side), Vote: in.Vote, Reason: in.Reason})
	if err != nil {
		return err
	}
	return h.writeOccurrence(w, r, http.StatusOK, d)
}

// occurrenceComment comments on a meeting.
func (h *Handler) occurrenceComment(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Body string `json:"body"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	c, err := h.svc.CommentOnOccurrence(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("occurrence"), in.Body)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, toComment(c))
	return nil
}

// occurrenceSkip skips a meeting that has not happened; admins only.
func (h *Handler) occurrenceSkip(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Reason string `json:"reason"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	o, err := h.svc.SkipOccurrence(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("occurrence"), in.Reason)
	if err != nil {
		return err
	}
	p, err := h.place(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toOccurrence(r.PathValue("id"), o, p, h.svc.Now()))
	return nil
}

// writeOccurrence answers one occurrence in full.
func (h *Handler) writeOccurrence(w http.ResponseWriter, r *http.Request, status int, d core.OccurrenceDetail) error {
	p, err := h.place(r)
	if err != nil {
		return err
	}
	writeJSON(w, status, toOccurrencePage(r.PathValue("id"), d, p, h.svc.Now()))
	return nil
}
