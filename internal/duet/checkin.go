package duet

import (
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"
)

// CheckIn is a recurring check-in: a meeting on a schedule, with
// questions asked of some roles or sides ahead of it. Its answers make
// the meeting's agenda.
type CheckIn struct {
	ID       string
	Key      string
	Title    string
	Purpose  string
	Schedule string // RRULE, e.g. FREQ=WEEKLY;BYDAY=MO
	Time     string // HH:MM, wall-clock time in the workspace's time zone
	// DurationMinutes is how long the meeting is.
	DurationMinutes int
	// StartsOn is the first day the schedule may fall on; zero means the
	// workspace's kickoff.
	StartsOn Date
	// OpenDays is how many working days (Monday to Friday) before the
	// meeting an occurrence opens for answers, at the meeting's time of
	// day: 1 opens Monday's check-in on the Friday before.
	OpenDays int
	// NudgeMinutes is how long before the meeting those who have not
	// answered are nudged; 0 sends no nudge.
	NudgeMinutes int
	AskRoles     []string
	AskSides     []Side
	Questions    []TemplateQuestion
	Visibility   Visibility
	Paused       bool
	// Version counts changes; calendar feeds carry it as SEQUENCE.
	Version int
	Updated time.Time
	NextAt  time.Time // computed, not stored
}

// Check-in defaults for what templates and forms leave out.
const (
	DefaultOpenDays     = 1
	DefaultNudgeMinutes = 60
)

// Rule returns the check-in's parsed schedule, counted from its start
// (kickoff when it has none).
func (c *CheckIn) Rule(kickoff Date) (Recurrence, Date, error) {
	start := c.StartsOn
	if start.IsZero() {
		start = kickoff
	}
	r, err := ParseRecurrence(c.Schedule, start)
	return r, start, err
}

// GoNoGo returns the check-in's go/no-go question, if it has one. A
// check-in with one is a launch-readiness check-in.
func (c *CheckIn) GoNoGo() (TemplateQuestion, bool) {
	for _, q := range c.Questions {
		if q.Kind == QuestionGoNoGo {
			return q, true
		}
	}
	return TemplateQuestion{}, false
}

// Question returns the question with the given key.
func (c *CheckIn) Question(key string) (TemplateQuestion, bool) {
	for _, q := range c.Questions {
		if q.Key == key {
			return q, true
		}
	}
	return TemplateQuestion{}, false
}

// Asks reports whether the check-in asks member m: by a role m holds or
// by m's side.
func (c *CheckIn) Asks(m Member) bool {
	if slices.Contains(c.AskSides, m.Side) {
		return true
	}
	for _, r := range c.AskRoles {
		if slices.Contains(m.RoleKeys, r) {
			return true
		}
	}
	return false
}

// VoterRoles returns the roles of side that vote on the go/no-go question
// q, given the workspace's roles.
func VoterRoles(q TemplateQuestion, side Side, roles []Role) []Role {
	var out []Role
	for _, k := range q.VoterRoles {
		for _, r := range roles {
			if r.Key == k && r.Side == side {
				out = append(out, r)
			}
		}
	}
	return out
}

// CanVote reports whether m votes for its side on q: it holds one of the
// side's voter roles.
func CanVote(q TemplateQuestion, m Member, roles []Role) bool {
	for _, r := range VoterRoles(q, m.Side, roles) {
		if slices.Contains(m.RoleKeys, r.Key) {
			return true
		}
	}
	return false
}

// OccurrenceTimes are when one occurrence opens, nudges, meets and
// closes.
type OccurrenceTimes struct {
	StartsAt time.Time // the meeting
	OpensAt  time.Time // answers open and the asked are told
	NudgeAt  time.Time // zero when the check-in sends no nudge
	ClosesAt time.Time // answers close: the next occurrence's meeting
}

// Upcoming returns the next n occurrences whose meeting is after t, with
// their times, or nothing for a paused check-in or a broken schedule.
// An occurrence closes when the next one meets; the last of a finite
// schedule closes a week after its meeting.
func (c *CheckIn) Upcoming(kickoff Date, loc *time.Location, t time.Time, n int) []OccurrenceTimes {
	r, start, err := c.Rule(kickoff)
	h, m, err2 := ParseClock(c.Time)
	if err != nil || err2 != nil || c.Paused {
		return nil
	}
	at := r.At(start, h, m, loc, t, n+1)
	var out []OccurrenceTimes
	for i := 0; i < len(at) && i < n; i++ {
		o := OccurrenceTimes{StartsAt: at[i].UTC(), OpensAt: openAt(at[i], c.OpenDays).UTC()}
		if c.NudgeMinutes > 0 {
			o.NudgeAt = at[i].Add(-time.Duration(c.NudgeMinutes) * time.Minute).UTC()
		}
		if i+1 < len(at) {
			o.ClosesAt = at[i+1].UTC()
		} else {
			o.ClosesAt = at[i].AddDate(0, 0, 7).UTC()
		}
		out = append(out, o)
	}
	return out
}

// openAt returns the meeting's wall-clock time days working days
// earlier, in the meeting's own location, so it holds across a
// daylight-saving change in between.
func openAt(meeting time.Time, days int) time.Time {
	d := meeting
	for i := 0; i < days; {
		d = time.Date(d.Year(), d.Month(), d.Day()-1, meeting.Hour(), meeting.Minute(), 0, 0, meeting.Location())
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			i++
		}
	}
	return d
}

// CheckInSave is a new check-in, or the whole of an existing one's
// settings (Version names the version it was edited from).
type CheckInSave struct {
	Title           string
	Purpose         string
	Schedule        string
	Time            string
	DurationMinutes int
	StartsOn        string // YYYY-MM-DD or "" for the kickoff
	OpenDays        int
	NudgeMinutes    int
	AskRoles        []string
	AskSides        []Side
	Questions       []TemplateQuestion
	Visibility      Visibility
	Version         int
}

// Validate checks the settings against the workspace's roles and kickoff
// and returns the check-in they describe (without id, key or version).
func (in *CheckInSave) Validate(roles []Role, kickoff Date) (CheckIn, error) {
	c := CheckIn{Title: strings.TrimSpace(in.Title), Purpose: strings.TrimSpace(in.Purpose), Time: strings.TrimSpace(in.Time),
		DurationMinutes: in.DurationMinutes, OpenDays: in.OpenDays, NudgeMinutes: in.NudgeMinutes,
		AskRoles: nonNil(in.AskRoles), AskSides: nonNil(in.AskSides), Visibility: in.Visibility}
	if err := textField("title", c.Title, 200); err != nil {
		return c, err
	}
	if len(c.Purpose) > 2000 {
		return c, Invalid("purpose", "is longer than 2000 characters")
	}
	if in.StartsOn != "" {
		d, err := ParseDate(in.StartsOn)
		if err != nil {
			return c, Invalid("starts_on", "%s", err.Error())
		}
		c.StartsOn = d
	}
	r, _, err := (&CheckIn{Schedule: in.Schedule, StartsOn: c.StartsOn}).Rule(kickoff)
	if err != nil {
		return c, Invalid("schedule", "%s", err.Error())
	}
	c.Schedule = r.String()
	if _, _, err := ParseClock(c.Time); err != nil {
		return c, Invalid("time", "%s", err.Error())
	}
	if c.DurationMinutes < 5 || c.DurationMinutes > 480 {
		return c, Invalid("duration_minutes", "must be between 5 and 480 minutes, not %d", c.DurationMinutes)
	}
	if c.OpenDays < 0 || c.OpenDays > 5 {
		return c, Invalid("open_days", "must be between 0 and 5 working days, not %d", c.OpenDays)
	}
	if c.NudgeMinutes < 0 || c.NudgeMinutes > 24*60 {
		return c, Invalid("nudge_minutes", "must be between 0 and 1440 minutes, not %d", c.NudgeMinutes)
	}
	if c.Visibility == "" {
		c.Visibility = VisShared
	}
	if !c.Visibility.Valid() {
		return c, Invalid("visibility", "must be shared, host or partner, not %q", c.Visibility)
	}
	if len(c.AskRoles) == 0 && len(c.AskSides) == 0 {
		return c, Invalid("ask", "choose at least one side or role to ask")
	}
	for _, s := range c.AskSides {
		if !s.Valid() {
			return c, Invalid("ask_sides", "must be host or partner, not %q", s)
		}
		if !c.Visibility.VisibleTo(s) {
			return c, Invalid("ask_sides", "a check-in visible to the %s side only cannot ask the other side", c.Visibility)
		}
	}
	for _, k := range c.AskRoles {
		r := findRole(roles, k)
		if r == nil {
			return c, Invalid("ask_roles", "%q is not a role of this workspace", k)
		}
		if !c.Visibility.VisibleTo(r.Side) {
			return c, Invalid("ask_roles", "%s is on the other side of a %s-only check-in", r.Name, c.Visibility)
		}
	}
	if len(in.Questions) == 0 {
		return c, Invalid("questions", "at least one question is required")
	}
	if len(in.Questions) > 20 {
		return c, Invalid("questions", "at most 20 questions")
	}
	seen := map[string]bool{}
	votes := 0
	for i, q := range in.Questions {
		f := fmt.Sprintf("questions[%d]", i)
		q.Text = strings.TrimSpace(q.Text)
		if err := textField(f+".text", q.Text, 500); err != nil {
			return c, err
		}
		if q.Key == "" {
			q.Key = Slug(q.Text)
		}
		if q.Key == "" || seen[q.Key] {
			return c, Invalid(f+".key", "%q is empty or used by another question", q.Key)
		}
		seen[q.Key] = true
		switch q.Kind {
		case "", QuestionText:
			q.Kind, q.VoterRoles = QuestionText, nil
		case QuestionGoNoGo:
			votes++
			if votes > 1 {
				return c, Invalid(f+".kind", "a check-in has at most one go/no-go question")
			}
			if c.Visibility != VisShared {
				return c, Invalid(f+".kind", "a go/no-go needs both sides, so its check-in must be shared")
			}
			for _, side := range []Side{SideHost, SidePartner} {
				if len(VoterRoles(q, side, roles)) == 0 {
					return c, Invalid(f+".voter_roles", "name a %s role who votes", side)
				}
			}
			for _, k := range q.VoterRoles {
				if findRole(roles, k) == nil {
					return c, Invalid(f+".voter_roles", "%q is not a role of this workspace", k)
				}
			}
		default:
			return c, Invalid(f+".kind", "must be text or go_no_go, not %q", q.Kind)
		}
		c.Questions = append(c.Questions, q)
	}
	return c, nil
}

func findRole(roles []Role, key string) *Role {
	for i := range roles {
		if roles[i].Key == key {
			return &roles[i]
		}
	}
	return nil
}

// Slug turns text into a lowercase key of letters, digits and dashes.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	return b.String()
}

// Occurrence states.
const (
	OccScheduled = "scheduled" // materialized, not open yet
	OccOpen      = "open"      // taking answers
	OccClosed    = "closed"    // the next occurrence has met
	OccSkipped   = "skipped"
)

// Occurrence is one meeting of a check-in.
type Occurrence struct {
	ID           string
	WorkspaceID  string
	CheckInID    string
	CheckInTitle string
	OccurrenceTimes
	Skipped    bool
	SkipReason string
	SkippedBy  *Author
	OpenedAt   *time.Time // when the asked were told; nil until then
	NudgedAt   *time.Time
	// LaunchCall is the decision the go/no-go votes were recorded as.
	LaunchCall *DecisionRef
}

// State returns the occurrence's state at now.
func (o *Occurrence) State(now time.Time) string {
	switch {
	case o.Skipped:
		return OccSkipped
	case now.Before(o.OpensAt):
		return OccScheduled
	case now.Before(o.ClosesAt):
		return OccOpen
	}
	return OccClosed
}

// Answer is one member's answer to one question of an occurrence.
type Answer struct {
	ID           string
	OccurrenceID string
	QuestionKey  string
	Author       Author
	Body         string // Markdown
	HTML         template.HTML
	Visibility   Visibility
	Created      time.Time
	Updated      time.Time
}

// AnswerSave is a member's answer to one question; MemberID, when given,
// must be the member's own: nobody answers for someone else.
type AnswerSave struct {
	Question   string
	Body       string
	Visibility Visibility
	MemberID   string
}

// Validate checks the answer's fields.
func (in *AnswerSave) Validate() error {
	in.Body = strings.TrimSpace(in.Body)
	if in.Question == "" {
		return Invalid("question", "is required")
	}
	if in.Body == "" {
		return Invalid("body", "write an answer, or leave the question for later")
	}
	if len(in.Body) > 20000 {
		return Invalid("body", "is longer than 20000 characters")
	}
	if in.Visibility == "" {
		in.Visibility = VisShared
	}
	if !in.Visibility.Valid() {
		return Invalid("visibility", "must be shared, host or partner, not %q", in.Visibility)
	}
	return nil
}

// Vote values.
const (
	VoteGo   = "go"
	VoteNoGo = "no_go"
)

// Vote is one side's go/no-go at a launch-readiness occurrence.
type Vote struct {
	Side   Side
	Vote   string
	Reason string
	// Blockers are what stood in the way when a side voted no-go, in the
	// words of the readiness summary at that moment.
	Blockers []string
	Author   Author
	Created  time.Time
}

// VoteCast is a vote. Side, when given, must be the voter's own side.
type VoteCast struct {
	Side   Side
	Vote   string
	Reason string
}

// Validate checks the vote's fields.
func (in *VoteCast) Validate() error {
	in.Reason = strings.TrimSpace(in.Reason)
	switch in.Vote {
	case VoteGo, VoteNoGo:
	default:
		return Invalid("vote", "must be go or no_go, not %q", in.Vote)
	}
	if in.Vote == VoteNoGo && in.Reason == "" {
		return Invalid("reason", "a no-go needs a reason: what must change before launch")
	}
	if len(in.Reason) > 4000 {
		return Invalid("reason", "is longer than 4000 characters")
	}
	if in.Side != "" && !in.Side.Valid() {
		return Invalid("side", "must be host or partner, not %q", in.Side)
	}
	return nil
}

// VoteWords is how a vote reads.
func VoteWords(v string) string {
	if v == VoteGo {
		return "Go"
	}
	return "No-go"
}

// LaunchCall writes the decision both sides' votes make: go only when
// both voted go. votes holds one vote per side.
func LaunchCall(checkIn string, meeting time.Time, votes []Vote) (title, body string) {
	outcome := VoteGo
	for _, v := range votes {
		if v.Vote != VoteGo {
			outcome = VoteNoGo
		}
	}
	title = fmt.Sprintf("Launch call: %s (%s, %s)", VoteWords(outcome), checkIn, meeting.Format("2 Jan 2006"))
	var b strings.Builder
	if outcome == VoteGo {
		b.WriteString("Both sides voted go.\n")
	} else {
		b.WriteString("Not a go: at least one side voted no-go.\n")
	}
	for _, v := range votes {
		fmt.Fprintf(&b, "\n**%s side — %s** (%s)", strings.ToUpper(string(v.Side[:1]))+string(v.Side[1:]), VoteWords(v.Vote), v.Author.Name)
		if v.Reason != "" {
			fmt.Fprintf(&b, ": %s", v.Reason)
		}
		b.WriteString("\n")
		for _, x := range v.Blockers {
			fmt.Fprintf(&b, "- %s\n", x)
		}
	}
	return title, b.String()
}

// Comment is a comment on an occurrence.
type Comment struct {
	ID      string
	Author  Author
	Body    string
	HTML    template.HTML
	Created time.Time
}

// AgendaTask is a task as an agenda lists it: what, who, by when.
type AgendaTask struct {
	ID            string
	Number        int
	Title         string
	DRI           DRI
	DueOn         Date
	BlockedReason string
	Completed     *time.Time
}

// AgendaDecision is a decision as an agenda lists it, with the roles
// still to sign.
type AgendaDecision struct {
	DecisionRef
	Kind     string
	Waiting  []string // role names still to sign
	Decided  *time.Time
	Proposed time.Time
}

// AgendaMilestone is a milestone as an agenda lists it.
type AgendaMilestone struct {
	ID     string
	Title  string
	DueOn  Date
	Status string
	Met    int
	Total  int
	Unmet  []string // the criteria still to meet
	DRI    []string // who can meet them, by role name
}

// AgendaHillMove is a hill chart dot that moved, as an agenda lists it.
type AgendaHillMove struct {
	HillMove
	By string
	At time.Time
}

// Agenda is what a check-in's meeting goes through, computed by Duet
// from the workspace: progress since the previous meeting, what is in the
// way, and what waits on someone. A launch-readiness check-in adds the
// gates and what launches in the next 14 days.
type Agenda struct {
	Since time.Time // the previous meeting; the workspace's kickoff for the first
	// Progress since the previous meeting.
	Done      []AgendaTask
	HillMoves []AgendaHillMove
	Approved  []AgendaDecision
	// In the way.
	Blocked        []AgendaTask
	BlockerAnswers []Answer // answers to a question about blockers
	Overdue        []AgendaTask
	OverdueGates   []AgendaMilestone
	// Waiting.
	AwaitingSignOff []AgendaDecision
	// Launch readiness only.
	Readiness bool
	Gates     []AgendaMilestone // open milestones, nearest first
	Upcoming  []Dated           // what falls due or publishes in the next 14 days
	Slips     []AgendaSlip      // launch calendar entries whose timing slips
}

// AgendaSlip is a launch timing slip, with the entry it concerns.
type AgendaSlip struct {
	EntryID    string
	EntryTitle string
	PublishAt  time.Time
	Msg        string
}

// ReadinessWindow is how far ahead a launch-readiness summary looks.
const ReadinessWindow = 14

// Blockers lists, one line each, what stands in the way of launch: the
// summary a no-go vote records.
func (a *Agenda) Blockers() []string {
	var out []string
	for _, g := range a.Gates {
		if g.Met < g.Total {
			out = append(out, fmt.Sprintf("Gate %q (due %s): %d of %d criteria met", g.Title, g.DueOn.Format("2 Jan"), g.Met, g.Total))
		}
	}
	for _, t := range a.Blocked {
		out = append(out, fmt.Sprintf("T-%d %s is blocked: %s", t.Number, t.Title, t.BlockedReason))
	}
	for _, t := range a.Overdue {
		out = append(out, fmt.Sprintf("T-%d %s is overdue (due %s)", t.Number, t.Title, t.DueOn.Format("2 Jan")))
	}
	for _, d := range a.AwaitingSignOff {
		out = append(out, fmt.Sprintf("D-%d %s waits for %s", d.Number, d.Title, JoinWords(d.Waiting)))
	}
	for _, s := range a.Slips {
		out = append(out, fmt.Sprintf("%s: %s", s.EntryTitle, s.Msg))
	}
	return out
}

// IsBlockerQuestion reports whether a question asks about blockers: its
// answers are listed under the agenda's blockers.
func IsBlockerQuestion(q TemplateQuestion) bool {
	s := strings.ToLower(q.Key + " " + q.Text)
	return strings.Contains(s, "block")
}
