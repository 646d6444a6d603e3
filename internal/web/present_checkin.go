package web

import (
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"time"

	"duet/internal/core"
	"duet/internal/duet"
)

// This file turns check-ins, their occurrences and the agendas Duet
// computes for them into what the check-in pages show.

// checkInURL, occurrenceURL: the pages of a check-in and of one meeting.
func checkInURL(ws, id string) string    { return "/w/" + ws + "/check-ins/" + id }
func occurrenceURL(ws, id string) string { return "/w/" + ws + "/occurrences/" + id }

// CheckInsPage lists a workspace's check-ins, with the form for a new one
// for its admins.
type CheckInsPage struct {
	Base
	WS        string
	Items     []CheckInCard
	CanCreate bool
	New       CheckInFormView
	// Alert is a refusal for someone the page shows no form to.
	Alert string
}

// CheckInCard is one check-in as the list shows it.
type CheckInCard struct {
	ID        string
	URL       string
	Title     string
	Purpose   string
	When      string // "Every Monday at 10:00 Europe/Berlin"
	Duration  string
	Next      string
	NextISO   string
	NextRel   string
	Who       string
	Only      string // "Hostco only" for a one-side check-in
	Class     string
	Paused    bool
	Questions int
	GoNoGo    bool
	Current   *OccLink
}

// OccLink points at the occurrence people work on now.
type OccLink struct {
	URL        string
	Label      string // "Answer now", "Open the meeting page"
	When       string
	WhenISO    string
	State      string
	StateLabel string
	Prominent  bool // open and the viewer is asked
}

// CheckInPage is one check-in: its settings, its upcoming and past
// meetings, and for admins the forms that change it.
type CheckInPage struct {
	Base
	WS      string
	C       CheckInSummary
	CanEdit bool
	Edit    CheckInFormView
	Pause   FormError
	// Alert is a refusal of an action whose form the page does not show
	// (a member trying to skip, a meeting that has met).
	Alert    string
	Upcoming []OccRow
	Past     []OccRow
}

// CheckInSummary is a check-in's settings in words.
type CheckInSummary struct {
	ID        string
	URL       string
	Title     string
	Purpose   string
	When      string
	Rule      string
	Duration  string
	Opens     string // "1 working day before, at the meeting's time"
	Nudge     string
	Who       string
	Only      string
	Class     string
	Paused    bool
	Version   int
	Questions []QuestionView
	GoNoGo    string // the go/no-go question, "" when none
	Voters    string // who votes on it, per side
	Next      string
	NextISO   string
}

// OccRow is one meeting in a check-in's upcoming or past list.
type OccRow struct {
	ID         string
	URL        string
	SkipURL    string
	When       string
	WhenISO    string
	State      string
	StateLabel string
	Answered   string // "3 of 6 answered"; "" when not counted
	SkipReason string
	Call       *DecisionRefView
	CanSkip    bool
	// The skip form: the reason typed and the error, after a refusal.
	Reason  string
	SkipErr FormError
}

// CheckInFormView is the form for a new check-in or a check-in's
// settings.
type CheckInFormView struct {
	Action     string
	Edit       bool
	Open       bool // the form is shown unfolded: it has an error
	Conflict   bool // someone changed the check-in meanwhile
	Form       CheckInForm
	Err        FormError
	Repeats    []Option
	Weekdays   []Option
	Sides      []Option
	RoleGroups []CheckInRoleGroup
	Voters     []CheckInRoleGroup
	Visibility []Option
	Questions  []QuestionRow
}

// CheckInRoleGroup is the roles of one side, as checkboxes.
type CheckInRoleGroup struct {
	Org   string
	Class string
	Roles []Option
}

// QuestionRow is one text question's line on the check-in form.
type QuestionRow struct {
	N    int // 1-based, for the label
	ID   string
	Key  string
	Text string
	Err  string
}

// CheckInForm is what the check-in forms send back, as typed.
type CheckInForm struct {
	Title      string
	Purpose    string
	Repeat     string // weekly, biweekly, monthly or custom
	Weekday    string // MO … SU
	RRule      string
	Time       string
	Duration   string
	StartsOn   string
	OpenDays   string
	Nudge      string
	Visibility string
	AskSides   []string
	AskRoles   []string
	QTexts     []string
	QKeys      []string
	GoNoGo     bool
	GoNoGoText string
	GoNoGoKey  string
	Voters     []string
	Version    int
}

// Check-in form field names that are not core's own: a question line is
// "q<n>" (0-based), the go/no-go question "gonogo", its voters "voters"
// and the who-is-asked checkboxes "ask".
const (
	fieldAsk    = "ask"
	fieldGoNoGo = "gonogo"
	fieldVoters = "voters"
)

// checkInLabels name the check-in form's fields in error messages.
var checkInLabels = map[string]string{
	"title": "Title", "purpose": "Purpose", "schedule": "Schedule", "time": "Time", "duration_minutes": "Duration",
	"starts_on": "First day", "open_days": "Opening", "nudge_minutes": "Nudge", "visibility": "Visibility",
	"questions": "Questions", fieldAsk: "Who is asked", fieldGoNoGo: "The go/no-go question", fieldVoters: "Voter roles",
	"version": "Version",
}

// The schedule presets of the check-in form.
const (
	repeatWeekly   = "weekly"
	repeatBiweekly = "biweekly"
	repeatMonthly  = "monthly"
	repeatCustom   = "custom"
)

// rruleDays are the RRULE codes of the weekdays, by time.Weekday.
var rruleDays = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// Schedule is the RRULE the form describes: a preset on a weekday, or the
// rule typed.
func (f CheckInForm) Schedule() string {
	day := strings.ToUpper(strings.TrimSpace(f.Weekday))
	switch f.Repeat {
	case repeatWeekly:
		return "FREQ=WEEKLY;BYDAY=" + day
	case repeatBiweekly:
		return "FREQ=WEEKLY;INTERVAL=2;BYDAY=" + day
	case repeatMonthly:
		return "FREQ=MONTHLY;BYDAY=1" + day
	}
	return strings.TrimSpace(f.RRule)
}

// presetOf finds the form's preset for a rule: weekly, every two weeks or
// monthly on a first weekday; anything else is a custom rule.
func presetOf(rule string) (repeat, day string) {
	r, err := duet.ParseRecurrence(rule, duet.Date{})
	if err != nil || r.Count > 0 || !r.Until.IsZero() || len(r.ByMonthDay) > 0 || len(r.ByDay) != 1 {
		return repeatCustom, "MO"
	}
	d := r.ByDay[0]
	code := rruleDays[d.Weekday]
	switch {
	case r.Freq == duet.FreqWeekly && r.Interval == 1 && d.N == 0:
		return repeatWeekly, code
	case r.Freq == duet.FreqWeekly && r.Interval == 2 && d.N == 0:
		return repeatBiweekly, code
	case r.Freq == duet.FreqMonthly && r.Interval == 1 && d.N == 1:
		return repeatMonthly, code
	}
	return repeatCustom, code
}

// checkInFormOf reads the check-in form.
func checkInFormOf(pf map[string][]string) CheckInForm {
	get := func(k string) string {
		if v := pf[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	f := CheckInForm{Title: get("title"), Purpose: get("purpose"), Repeat: get("repeat"), Weekday: get("weekday"), RRule: get("rrule"),
		Time: get("time"), Duration: get("duration_minutes"), StartsOn: get("starts_on"), OpenDays: get("open_days"),
		Nudge: get("nudge_minutes"), Visibility: get("visibility"), AskSides: pf["ask_sides"], AskRoles: pf["ask_roles"],
		QTexts: pf["q_text"], QKeys: pf["q_key"], GoNoGo: get("gonogo") != "", GoNoGoText: get("gonogo_text"),
		GoNoGoKey: get("gonogo_key"), Voters: pf["voter_roles"]}
	f.Version, _ = strconv.Atoi(get("version"))
	return f
}

// checkInFormFrom fills the form with a check-in's settings.
func checkInFormFrom(c duet.CheckIn) CheckInForm {
	f := CheckInForm{Title: c.Title, Purpose: c.Purpose, RRule: c.Schedule, Time: c.Time, Duration: strconv.Itoa(c.DurationMinutes),
		OpenDays: strconv.Itoa(c.OpenDays), Nudge: strconv.Itoa(c.NudgeMinutes), Visibility: string(c.Visibility),
		AskRoles: slices.Clone(c.AskRoles), Version: c.Version}
	if !c.StartsOn.IsZero() {
		f.StartsOn = c.StartsOn.String()
	}
	f.Repeat, f.Weekday = presetOf(c.Schedule)
	for _, s := range c.AskSides {
		f.AskSides = append(f.AskSides, string(s))
	}
	for _, q := range c.Questions {
		if q.Kind == duet.QuestionGoNoGo {
			f.GoNoGo, f.GoNoGoText, f.GoNoGoKey, f.Voters = true, q.Text, q.Key, slices.Clone(q.VoterRoles)
			continue
		}
		f.QTexts = append(f.QTexts, q.Text)
		f.QKeys = append(f.QKeys, q.Key)
	}
	return f
}

// newCheckInForm is the new-check-in form's starting point: weekly on
// Monday at 10:00, both sides asked, one question.
func newCheckInForm() CheckInForm {
	return CheckInForm{Repeat: repeatWeekly, Weekday: "MO", Time: "10:00", Duration: "30", OpenDays: strconv.Itoa(duet.DefaultOpenDays),
		Nudge: strconv.Itoa(duet.DefaultNudgeMinutes), Visibility: string(duet.VisShared),
		AskSides: []string{string(duet.SideHost), string(duet.SidePartner)}, GoNoGoText: "Are we on track to launch as planned?"}
}

// save turns the form into core's input. rows maps each question core
// gets to the form's line it came from (-1 for the go/no-go question). A
// number that is not one is refused here, before core is asked.
func (f CheckInForm) save() (duet.CheckInSave, []int, error) {
	in := duet.CheckInSave{Title: f.Title, Purpose: f.Purpose, Schedule: f.Schedule(), Time: strings.TrimSpace(f.Time),
		StartsOn: strings.TrimSpace(f.StartsOn), AskRoles: f.AskRoles, Visibility: duet.Visibility(f.Visibility), Version: f.Version}
	for _, n := range []struct {
		field, text string
		to          *int
	}{{"duration_minutes", f.Duration, &in.DurationMinutes}, {"open_days", f.OpenDays, &in.OpenDays}, {"nudge_minutes", f.Nudge, &in.NudgeMinutes}} {
		v, err := strconv.Atoi(strings.TrimSpace(n.text))
		if err != nil {
			return in, nil, duet.Invalid(n.field, "must be a whole number, not %q", n.text)
		}
		*n.to = v
	}
	for _, s := range f.AskSides {
		in.AskSides = append(in.AskSides, duet.Side(s))
	}
	var rows []int
	for i, text := range f.QTexts {
		if strings.TrimSpace(text) == "" {
			continue
		}
		q := duet.TemplateQuestion{Text: text, Kind: duet.QuestionText}
		if i < len(f.QKeys) {
			q.Key = f.QKeys[i]
		}
		in.Questions = append(in.Questions, q)
		rows = append(rows, i)
	}
	if f.GoNoGo {
		key := f.GoNoGoKey
		if key == "" {
			key = "go-no-go"
		}
		in.Questions = append(in.Questions, duet.TemplateQuestion{Key: key, Text: f.GoNoGoText, Kind: duet.QuestionGoNoGo, VoterRoles: f.Voters})
		rows = append(rows, -1)
	}
	return in, rows, nil
}

// checkInFormError words core's refusal of a check-in form for the form:
// core's field becomes the form's ("questions[2].text" is the line it
// came from), and the message names it as the form labels it.
func checkInFormError(err error, rows []int) (FormError, bool) {
	fe, ok := actionError(err)
	if !ok {
		return fe, false
	}
	field, msg := duet.ErrorField(err), duet.ErrorMessage(err)
	if field == "" || duet.ErrorKind(err) == duet.EForbidden {
		return fe, true
	}
	mine, label := field, checkInLabels[field]
	switch {
	case field == "ask_sides" || field == "ask_roles":
		mine, label = fieldAsk, checkInLabels[fieldAsk]
	case strings.HasPrefix(field, "questions["):
		n, rest, _ := strings.Cut(strings.TrimPrefix(field, "questions["), "]")
		i, _ := strconv.Atoi(n)
		row := -2
		if i >= 0 && i < len(rows) {
			row = rows[i]
		}
		switch {
		case row == -1 && rest == ".voter_roles":
			mine, label = fieldVoters, checkInLabels[fieldVoters]
		case row == -1:
			mine, label = fieldGoNoGo, checkInLabels[fieldGoNoGo]
		case row >= 0:
			mine, label = "q"+strconv.Itoa(row), "Question "+strconv.Itoa(row+1)
		default:
			mine, label = "questions", checkInLabels["questions"]
		}
	}
	if label == "" {
		label = strings.ReplaceAll(field, "_", " ")
	}
	if strings.HasPrefix(msg, "is ") || strings.HasPrefix(msg, "must ") {
		msg = label + " " + msg
	}
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return FormError{Field: mine, Msg: capitalize(msg)}, true
}

// checkInFormView lays out the check-in form with what was typed.
func (v *viewer) checkInFormView(action string, edit bool, f CheckInForm, fe FormError) CheckInFormView {
	fv := CheckInFormView{Action: action, Edit: edit, Form: f, Err: fe, Open: fe.Msg != ""}
	for _, r := range []Option{{Value: repeatWeekly, Label: "Every week"}, {Value: repeatBiweekly, Label: "Every 2 weeks"},
		{Value: repeatMonthly, Label: "Monthly", Hint: "on the first of that weekday"}, {Value: repeatCustom, Label: "Custom rule", Hint: "the RRULE below"}} {
		r.Selected = f.Repeat == r.Value || (f.Repeat == "" && r.Value == repeatCustom)
		fv.Repeats = append(fv.Repeats, r)
	}
	// Monday first: a working week.
	for i := 1; i <= 7; i++ {
		code := rruleDays[i%7]
		fv.Weekdays = append(fv.Weekdays, Option{Value: code, Label: weekdayNames[i%7], Selected: strings.EqualFold(f.Weekday, code)})
	}
	for _, side := range []duet.Side{duet.SideHost, duet.SidePartner} {
		fv.Sides = append(fv.Sides, Option{Value: string(side), Label: "Everyone at " + v.o.of(side), Hint: sideClass(side),
			Selected: slices.Contains(f.AskSides, string(side))})
		ask := CheckInRoleGroup{Org: v.o.of(side), Class: sideClass(side)}
		vote := ask
		for _, r := range v.d.Roles {
			if r.Side != side {
				continue
			}
			ask.Roles = append(ask.Roles, Option{Value: r.Key, Label: r.Name, Selected: slices.Contains(f.AskRoles, r.Key)})
			vote.Roles = append(vote.Roles, Option{Value: r.Key, Label: r.Name, Selected: slices.Contains(f.Voters, r.Key)})
		}
		fv.RoleGroups = append(fv.RoleGroups, ask)
		fv.Voters = append(fv.Voters, vote)
	}
	// Shared, or kept to the viewer's own side: core refuses the other's.
	own := string(v.me.Side)
	fv.Visibility = []Option{
		{Value: string(duet.VisShared), Label: "Shared", Hint: v.o.host + " and " + v.o.partner, Selected: f.Visibility != own},
		{Value: own, Label: "Only " + v.o.of(v.me.Side), Hint: "the other side never sees it", Selected: f.Visibility == own},
	}
	// The questions typed, and room for three more.
	n := len(f.QTexts)
	for i := 0; i < n+3; i++ {
		row := QuestionRow{N: i + 1, ID: "q" + strconv.Itoa(i), Err: fe.For("q" + strconv.Itoa(i))}
		if i < n {
			row.Text = f.QTexts[i]
		}
		if i < len(f.QKeys) {
			row.Key = f.QKeys[i]
		}
		fv.Questions = append(fv.Questions, row)
	}
	return fv
}

// askWho says who a check-in asks, by organization and role.
func (v *viewer) askWho(c duet.CheckIn) string { return askWho(c, v.o, v.d.Roles) }

// checkInCard lays out one check-in for the list, with the occurrence to
// work on now (nil when it has none).
func (v *viewer) checkInCard(c duet.CheckIn, cur *duet.Occurrence) CheckInCard {
	card := CheckInCard{ID: c.ID, URL: checkInURL(v.d.ID, c.ID), Title: c.Title, Purpose: c.Purpose,
		When: duet.ScheduleWords(c.Schedule, c.Time, v.d.TimeZone), Who: v.askWho(c), Only: v.o.onlyLabel(c.Visibility),
		Class: visClass(c.Visibility), Paused: c.Paused}
	if c.DurationMinutes > 0 {
		card.Duration = plural(c.DurationMinutes, "minute", "minutes")
	}
	for _, q := range c.Questions {
		if q.Kind == duet.QuestionGoNoGo {
			card.GoNoGo = true
			continue
		}
		card.Questions++
	}
	if !c.NextAt.IsZero() {
		card.Next, card.NextISO, card.NextRel = v.meetingDay(c.NextAt)
	}
	if cur != nil {
		l := &OccLink{URL: occurrenceURL(v.d.ID, cur.ID), Label: "Open the meeting page"}
		l.State, l.StateLabel = v.occState(*cur)
		if !cur.StartsAt.Equal(c.NextAt) {
			l.When, l.WhenISO, _ = v.meetingDay(cur.StartsAt)
		}
		if l.State == duet.OccOpen && c.Asks(v.me) && c.Visibility.VisibleTo(v.me.Side) {
			l.Label, l.Prominent = "Answer now", true
		}
		card.Current = l
	}
	return card
}

// meetingDay writes a meeting's start: "Mon 23 Nov 2026, 10:00 CET", its
// machine form and how far it is from today.
func (v *viewer) meetingDay(t time.Time) (when, iso, rel string) {
	at := t.In(v.loc())
	y, m, d := at.Date()
	return at.Format("Mon 2 Jan 2006, 15:04 MST"), at.Format(time.RFC3339),
		relDays(daysFrom(v.today(), duet.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}))
}

// moment writes a time in the workspace's zone, with the year only when
// it is not this year's: "Mon 30 Nov, 10:00".
func (v *viewer) moment(t time.Time) string {
	at := t.In(v.loc())
	if at.Year() != v.now.In(v.loc()).Year() {
		return at.Format("Mon 2 Jan 2006, 15:04")
	}
	return at.Format("Mon 2 Jan, 15:04")
}

// occState says where an occurrence stands: its state and the words for
// it, "Open for answers until Mon 30 Nov, 10:00".
func (v *viewer) occState(o duet.Occurrence) (state, label string) {
	state = o.State(v.now)
	switch state {
	case duet.OccSkipped:
		label = "Skipped"
		if o.SkipReason != "" {
			label += ": " + o.SkipReason
		}
	case duet.OccScheduled:
		label = "Opens " + v.moment(o.OpensAt)
	case duet.OccOpen:
		label = "Open for answers until " + v.moment(o.ClosesAt)
	default:
		label = "Closed"
	}
	return state, label
}

// checkInSummary lays out a check-in's settings in words.
func (v *viewer) checkInSummary(cd core.CheckInDetail) CheckInSummary {
	c := cd.CheckIn
	sm := CheckInSummary{ID: c.ID, URL: checkInURL(v.d.ID, c.ID), Title: c.Title, Purpose: c.Purpose, When: duet.ScheduleWords(c.Schedule, c.Time, v.d.TimeZone), Rule: c.Schedule,
		Who: v.askWho(c), Only: v.o.onlyLabel(c.Visibility), Class: visClass(c.Visibility), Paused: c.Paused, Version: c.Version}
	if c.DurationMinutes > 0 {
		sm.Duration = plural(c.DurationMinutes, "minute", "minutes")
	}
	switch c.OpenDays {
	case 0:
		sm.Opens = "At the meeting's time on the day"
	default:
		sm.Opens = plural(c.OpenDays, "working day", "working days") + " before, at the meeting's time"
	}
	if c.NudgeMinutes > 0 {
		sm.Nudge = plural(c.NudgeMinutes, "minute", "minutes") + " before the meeting, to those who have not answered"
	} else {
		sm.Nudge = "No reminder"
	}
	for _, q := range c.Questions {
		if q.Kind == duet.QuestionGoNoGo {
			sm.GoNoGo = q.Text
			var who []string
			for _, side := range []duet.Side{duet.SideHost, duet.SidePartner} {
				var names []string
				for _, r := range duet.VoterRoles(q, side, v.d.Roles) {
					names = append(names, r.Name)
				}
				if len(names) > 0 {
					who = append(who, duet.JoinWords(names)+" for "+v.o.of(side))
				}
			}
			sm.Voters = strings.Join(who, "; ")
			continue
		}
		sm.Questions = append(sm.Questions, QuestionView{Text: q.Text})
	}
	if !c.NextAt.IsZero() {
		sm.Next, sm.NextISO, _ = v.meetingDay(c.NextAt)
	}
	return sm
}

// occRow lays out one meeting of a check-in's list; detail, when loaded,
// counts its answers.
func (v *viewer) occRow(o duet.Occurrence, canEdit bool, detail *core.OccurrenceDetail) OccRow {
	row := OccRow{ID: o.ID, URL: occurrenceURL(v.d.ID, o.ID), SkipURL: occurrenceURL(v.d.ID, o.ID) + "/skip", SkipReason: o.SkipReason,
		CanSkip: canEdit && !o.Skipped && o.StartsAt.After(v.now), Call: v.ref(o.LaunchCall)}
	row.When, row.WhenISO, _ = v.meetingDay(o.StartsAt)
	row.State, row.StateLabel = v.occState(o)
	if detail != nil && len(detail.Asked) > 0 {
		row.Answered = fmt.Sprintf("%d of %d answered", len(detail.Asked)-len(detail.NotAnswered), len(detail.Asked))
	}
	return row
}

// OccurrencePage is one meeting of a check-in: its answers, who has not
// answered, the agenda Duet computed, the go/no-go of a readiness
// check-in and the comments. Each part that changes is a region of its
// own.
type OccurrencePage struct {
	Base
	WS        string
	ID        string
	Head      OccHead
	CanAnswer bool
	Yours     []AnswerForm
	// Alert is a refusal of an action whose form the page does not show
	// (answering an occurrence that closed).
	Alert     string
	NotAsked  string // why the viewer has no answer forms
	Answers   AnswersPanel
	Agenda    AgendaView
	Readiness *ReadinessView
	Vote      *VotePanel
	Comments  OccCommentsPanel
}

// OccHead is the meeting's head: which check-in, when, where it stands.
type OccHead struct {
	CheckInTitle string
	CheckInURL   string
	Purpose      string
	Day          string // "Monday 23 November 2026"
	Time         string // "10:00–10:30 CET"
	ISO          string
	State        string
	StateLabel   string
	Only         string
	Class        string
	Readiness    bool
	Prev         *OccNav
	Next         *OccNav
}

// OccNav links the previous or next meeting.
type OccNav struct {
	URL   string
	Label string
}

// AnswerForm is the viewer's answer to one question.
type AnswerForm struct {
	URL        string // where it posts
	ID         string // the form's element id
	Key        string
	Text       string
	Body       string
	Saved      string // when the saved answer was last changed, "" when none
	VisOptions []Option
	Err        FormError
	// Done confirms a save made with htmx.
	Done bool
}

// FieldID is the id of one of the form's fields.
func (f AnswerForm) FieldID(name string) string { return f.ID + "-" + name }

// AnswersPanel is the answers by question and who has not answered.
type AnswersPanel struct {
	Questions   []QuestionAnswers
	NotAnswered []PeopleOfSide // who has not answered, by side
	Waiting     int            // how many have not answered
	Asked       int
	Answered    int
	// OOB marks the panel for an out-of-band swap, next to the answer
	// form an htmx save returns.
	OOB bool
}

// QuestionAnswers is one question with its answers.
type QuestionAnswers struct {
	Key     string
	Text    string
	Answers []AnswerView
}

// AnswerView is one answer.
type AnswerView struct {
	ID       string
	Author   string
	Initials string
	Org      string
	Class    string
	Only     string
	OnlyCls  string
	HTML     template.HTML
	Time     string
	TimeISO  string
	TimeFull string
	Edited   bool
	Mine     bool
	Question string // on the agenda: which question it answers
}

// PeopleOfSide is the members of one side a list names.
type PeopleOfSide struct {
	Org    string
	Class  string
	People []PersonView
}

// PersonView is a member the page names.
type PersonView struct {
	Name     string
	Initials string
	Org      string
	Class    string
	Roles    string
	Me       bool
}

// AgendaView is the agenda Duet computed for the meeting.
type AgendaView struct {
	Since          string
	SinceISO       string
	Done           []AgendaTaskView
	HillMoves      []HillMoveView
	Approved       []AgendaDecisionView
	Blocked        []AgendaTaskView
	BlockerAnswers []AnswerView
	Awaiting       []AgendaDecisionView
	Overdue        []AgendaTaskView
	OverdueGates   []GateView
}

// AgendaTaskView is a task on the agenda.
type AgendaTaskView struct {
	Ref       string
	Title     string
	URL       string
	DRI       DRIView
	Due       string
	DueISO    string
	DueRel    string
	Reason    string
	Completed string
}

// HillMoveView is a dot that moved on the hill chart.
type HillMoveView struct {
	Title string
	From  int
	To    int
	Phase string
	By    string
	When  string
	ISO   string
}

// AgendaDecisionView is a decision on the agenda.
type AgendaDecisionView struct {
	Ref     string
	Title   string
	URL     string
	Kind    string
	Waiting string // the roles still to sign
	When    string
	ISO     string
}

// GateView is a milestone gate on the agenda.
type GateView struct {
	Title   string
	URL     string
	Due     string
	DueISO  string
	DueRel  string
	Met     int
	Total   int
	Percent int
	Unmet   []string
	DRI     string
	Overdue bool
	// Open shows the unmet criteria unfolded: the nearest gate and any
	// overdue one.
	Open bool
}

// ReadinessView is the launch readiness summary.
type ReadinessView struct {
	Gates    []GateView
	Upcoming []UpcomingView
	// Slips are the launch calendar's timing slips.
	Slips  []EntrySlipView
	Window int
}

// UpcomingView is something due in the readiness window.
type UpcomingView struct {
	Kind   string
	Title  string
	URL    string
	Due    string
	DueISO string
	DueRel string
}

// VotePanel is the go/no-go: each side's vote, the launch call once both
// voted, and the viewer's vote form when they vote for their side.
type VotePanel struct {
	URL      string
	Question string
	Sides    []SideVote
	Call     *DecisionRefView
	CallGo   bool
	Form     *VoteForm
	Err      FormError // a refusal when no form is shown
	Note     string    // why there is no form, in words
}

// SideVote is one side's vote, or who votes for it.
type SideVote struct {
	Org      string
	Class    string
	Voters   string
	Voted    bool
	Go       bool
	Label    string
	Who      string
	When     string
	ISO      string
	Reason   string
	Blockers []string
}

// VoteForm is the viewer's vote for their side.
type VoteForm struct {
	Side   string
	Org    string
	Choice string
	Reason string
	Err    FormError
}

// OccCommentsPanel is the meeting's comments and the form to add one.
type OccCommentsPanel struct {
	URL      string
	Comments []CommentView
	Body     string
	Err      FormError
}

// occurrencePage lays out a meeting for the viewer, with empty forms.
func (v *viewer) occurrencePage(od core.OccurrenceDetail) *OccurrencePage {
	url := occurrenceURL(v.d.ID, od.ID)
	p := &OccurrencePage{WS: v.d.ID, ID: od.ID, CanAnswer: od.CanAnswer}
	c := od.CheckIn
	start, end := od.StartsAt.In(v.loc()), od.StartsAt.In(v.loc()).Add(time.Duration(c.DurationMinutes)*time.Minute)
	p.Head = OccHead{CheckInTitle: c.Title, CheckInURL: checkInURL(v.d.ID, c.ID), Purpose: c.Purpose,
		Day: start.Format("Monday 2 January 2006"), Time: start.Format("15:04") + "–" + end.Format("15:04 MST"), ISO: start.Format(time.RFC3339),
		Only: v.o.onlyLabel(c.Visibility), Class: visClass(c.Visibility), Readiness: od.Agenda.Readiness}
	p.Head.State, p.Head.StateLabel = v.occState(od.Occurrence)
	if o := od.Previous; o != nil {
		p.Head.Prev = &OccNav{URL: occurrenceURL(v.d.ID, o.ID), Label: v.moment(o.StartsAt)}
	}
	if o := od.Next; o != nil {
		p.Head.Next = &OccNav{URL: occurrenceURL(v.d.ID, o.ID), Label: v.moment(o.StartsAt)}
	}

	// Your answers: a form per text question.
	asked := slices.ContainsFunc(od.Asked, func(m duet.Member) bool { return m.ID == v.me.ID })
	for _, q := range c.Questions {
		if q.Kind == duet.QuestionGoNoGo {
			continue
		}
		f := AnswerForm{URL: url + "/answers", ID: "ans-" + q.Key, Key: q.Key, Text: q.Text}
		vis := string(duet.VisShared)
		if a, ok := od.Mine[q.Key]; ok {
			f.Body, vis = a.Body, string(a.Visibility)
			f.Saved, _, _ = v.when(a.Updated)
		}
		f.VisOptions = v.answerVisOptions(c, vis)
		p.Yours = append(p.Yours, f)
	}
	switch {
	case od.CanAnswer:
	case od.State == duet.OccSkipped:
	case !asked && od.State != duet.OccClosed:
		p.NotAsked = c.Title + " asks " + v.askWho(c) + "; you can read the answers and comment."
	}

	// The answers by question, and who has not answered.
	p.Answers = AnswersPanel{Asked: len(od.Asked), Answered: len(od.Asked) - len(od.NotAnswered)}
	for _, q := range c.Questions {
		if q.Kind == duet.QuestionGoNoGo {
			continue
		}
		qa := QuestionAnswers{Key: q.Key, Text: q.Text}
		for _, a := range od.Answers[q.Key] {
			qa.Answers = append(qa.Answers, v.answerView(a, ""))
		}
		p.Answers.Questions = append(p.Answers.Questions, qa)
	}
	p.Answers.Waiting = len(od.NotAnswered)
	for _, side := range []duet.Side{duet.SideHost, duet.SidePartner} {
		g := PeopleOfSide{Org: v.o.of(side), Class: sideClass(side)}
		for _, m := range od.NotAnswered {
			if m.Side == side {
				g.People = append(g.People, v.personView(m))
			}
		}
		if len(g.People) > 0 {
			p.Answers.NotAnswered = append(p.Answers.NotAnswered, g)
		}
	}

	p.Agenda = v.agendaView(od, c)
	if od.Agenda.Readiness {
		p.Readiness = v.readinessView(od.Agenda)
		p.Vote = v.votePanel(od, url)
	}
	p.Comments = OccCommentsPanel{URL: url + "/comments"}
	for _, cm := range od.Comments {
		cv := CommentView{ID: cm.ID, Author: cm.Author.Name, Initials: initials(cm.Author.Name), Org: v.o.of(cm.Author.Side),
			Class: sideClass(cm.Author.Side), HTML: cm.HTML}
		cv.Time, cv.TimeISO, cv.TimeFull = v.when(cm.Created)
		p.Comments.Comments = append(p.Comments.Comments, cv)
	}
	return p
}

// answerVisOptions are the choices for an answer: shared, or kept to the
// viewer's side. A check-in kept to one side keeps its answers there.
func (v *viewer) answerVisOptions(c duet.CheckIn, chosen string) []Option {
	own := string(v.me.Side)
	if c.Visibility != duet.VisShared {
		return []Option{{Value: own, Label: "Only " + v.o.of(v.me.Side), Hint: "this check-in is kept to " + v.o.of(v.me.Side), Selected: true}}
	}
	return []Option{
		{Value: string(duet.VisShared), Label: "Shared", Hint: "both sides read it", Selected: chosen != own},
		{Value: own, Label: "Only " + v.o.of(v.me.Side), Hint: "the other side never sees it", Selected: chosen == own},
	}
}

// answerView lays out one answer.
func (v *viewer) answerView(a duet.Answer, question string) AnswerView {
	av := AnswerView{ID: a.ID, Author: a.Author.Name, Initials: initials(a.Author.Name), Org: v.o.of(a.Author.Side),
		Class: sideClass(a.Author.Side), Only: v.o.onlyLabel(a.Visibility), OnlyCls: visClass(a.Visibility), HTML: a.HTML,
		Edited: a.Updated.Sub(a.Created) > time.Minute, Mine: a.Author.MemberID == v.me.ID, Question: question}
	av.Time, av.TimeISO, av.TimeFull = v.when(a.Updated)
	return av
}

// personView names a member with their side and roles.
func (v *viewer) personView(m duet.Member) PersonView {
	pv := PersonView{Name: m.Name, Initials: initials(m.Name), Org: v.o.of(m.Side), Class: sideClass(m.Side), Me: m.ID == v.me.ID}
	var roles []string
	for _, k := range m.RoleKeys {
		for _, r := range v.d.Roles {
			if r.Key == k {
				roles = append(roles, r.Name)
			}
		}
	}
	pv.Roles = strings.Join(roles, ", ")
	return pv
}

// agendaView lays out the agenda Duet computed.
func (v *viewer) agendaView(od core.OccurrenceDetail, c duet.CheckIn) AgendaView {
	g := od.Agenda
	av := AgendaView{}
	if od.Previous != nil {
		av.Since = "since the previous check-in, " + v.moment(g.Since)
	} else {
		av.Since = "since kickoff, " + formatDate(v.d.KickoffOn)
	}
	av.SinceISO = g.Since.UTC().Format(time.RFC3339)
	for _, t := range g.Done {
		tv := v.agendaTask(t)
		if t.Completed != nil {
			tv.Completed = v.moment(*t.Completed)
		}
		av.Done = append(av.Done, tv)
	}
	for _, m := range g.HillMoves {
		hv := HillMoveView{Title: m.Title, From: m.From, To: m.To, Phase: hillPhase(m.To), By: m.By}
		hv.When, hv.ISO, _ = v.when(m.At)
		av.HillMoves = append(av.HillMoves, hv)
	}
	for _, d := range g.Approved {
		av.Approved = append(av.Approved, v.agendaDecision(d, d.Decided))
	}
	for _, t := range g.Blocked {
		av.Blocked = append(av.Blocked, v.agendaTask(t))
	}
	for _, a := range g.BlockerAnswers {
		q, _ := c.Question(a.QuestionKey)
		av.BlockerAnswers = append(av.BlockerAnswers, v.answerView(a, q.Text))
	}
	for _, d := range g.AwaitingSignOff {
		p := d.Proposed
		av.Awaiting = append(av.Awaiting, v.agendaDecision(d, &p))
	}
	for _, t := range g.Overdue {
		av.Overdue = append(av.Overdue, v.agendaTask(t))
	}
	for _, m := range g.OverdueGates {
		gv := v.gateView(m)
		gv.Open = true
		av.OverdueGates = append(av.OverdueGates, gv)
	}
	return av
}

func (v *viewer) agendaTask(t duet.AgendaTask) AgendaTaskView {
	tv := AgendaTaskView{Ref: taskRef(t.Number), Title: t.Title, DRI: v.dri(t.DRI), Reason: t.BlockedReason}
	if t.ID != "" {
		tv.URL = taskURL(v.d.ID, t.ID)
	}
	if !t.DueOn.IsZero() {
		tv.Due, tv.DueISO, tv.DueRel = formatDate(t.DueOn), t.DueOn.String(), relDays(daysFrom(v.today(), t.DueOn))
	}
	return tv
}

func (v *viewer) agendaDecision(d duet.AgendaDecision, at *time.Time) AgendaDecisionView {
	dv := AgendaDecisionView{Ref: "D-" + strconv.Itoa(d.Number), Title: d.Title, URL: "/w/" + v.d.ID + "/decisions/" + d.ID,
		Kind: duet.DecisionKindName(d.Kind), Waiting: duet.JoinWords(d.Waiting)}
	if at != nil {
		dv.When, dv.ISO, _ = v.when(*at)
	}
	return dv
}

func (v *viewer) gateView(m duet.AgendaMilestone) GateView {
	gv := GateView{Title: m.Title, URL: "/w/" + v.d.ID + "/milestones#m-" + m.ID, Met: m.Met, Total: m.Total, Unmet: m.Unmet,
		DRI: duet.JoinWords(m.DRI)}
	if m.Total > 0 {
		gv.Percent = m.Met * 100 / m.Total
	}
	if !m.DueOn.IsZero() {
		gv.Due, gv.DueISO, gv.DueRel = formatDate(m.DueOn), m.DueOn.String(), relDays(daysFrom(v.today(), m.DueOn))
		gv.Overdue = m.DueOn.Before(v.today().Time)
	}
	return gv
}

// readinessView lays out the gates and what is due in the next 14 days.
func (v *viewer) readinessView(g duet.Agenda) *ReadinessView {
	rv := &ReadinessView{Window: duet.ReadinessWindow}
	for i, m := range g.Gates {
		gv := v.gateView(m)
		gv.Open = i == 0 || gv.Overdue
		rv.Gates = append(rv.Gates, gv)
	}
	for _, x := range g.Upcoming {
		u := UpcomingView{Kind: x.Kind, Title: x.Title, Due: x.DueOn.Format("Mon 2 Jan"), DueISO: x.DueOn.String(), DueRel: relDays(daysFrom(v.today(), x.DueOn))}
		switch x.Kind {
		case "task":
			u.URL, u.Kind = taskURL(v.d.ID, x.ID), "Task"
		case "milestone":
			u.URL, u.Kind = "/w/"+v.d.ID+"/milestones#m-"+x.ID, "Milestone"
		case "launch":
			u.URL, u.Kind = "/w/"+v.d.ID, "Launch"
		case "entry":
			u.URL, u.Kind = calendarEntryURL(v.d.ID, x.ID), "Launch calendar"
		}
		rv.Upcoming = append(rv.Upcoming, u)
	}
	rv.Slips = v.agendaTimingSlips(g.Slips)
	return rv
}

// votePanel lays out the go/no-go of a readiness occurrence.
func (v *viewer) votePanel(od core.OccurrenceDetail, url string) *VotePanel {
	q, _ := od.CheckIn.GoNoGo()
	vp := &VotePanel{URL: url + "/votes", Question: q.Text, Call: v.ref(od.LaunchCall)}
	for _, side := range []duet.Side{duet.SideHost, duet.SidePartner} {
		sv := SideVote{Org: v.o.of(side), Class: sideClass(side)}
		var names []string
		for _, r := range duet.VoterRoles(q, side, v.d.Roles) {
			names = append(names, r.Name)
		}
		sv.Voters = duet.JoinWords(names)
		for _, x := range od.Votes {
			if x.Side != side {
				continue
			}
			sv.Voted, sv.Go, sv.Label, sv.Who, sv.Reason, sv.Blockers = true, x.Vote == duet.VoteGo, duet.VoteWords(x.Vote), x.Author.Name, x.Reason, x.Blockers
			sv.When, sv.ISO, _ = v.when(x.Created)
		}
		vp.Sides = append(vp.Sides, sv)
	}
	if vp.Call != nil {
		vp.CallGo = len(od.Votes) == 2 && od.Votes[0].Vote == duet.VoteGo && od.Votes[1].Vote == duet.VoteGo
	}
	switch {
	case od.VoteSide != "":
		vp.Form = &VoteForm{Side: string(od.VoteSide), Org: v.o.of(od.VoteSide)}
	case od.State == duet.OccSkipped:
		vp.Note = "This check-in was skipped: nobody votes."
	case od.State == duet.OccScheduled:
		vp.Note = "Voting opens with the check-in, " + v.moment(od.OpensAt) + "."
	case slices.ContainsFunc(od.Votes, func(x duet.Vote) bool { return x.Side == v.me.Side }):
		// The side's vote is shown above: nothing to add.
	default:
		var names []string
		for _, r := range duet.VoterRoles(q, v.me.Side, v.d.Roles) {
			names = append(names, r.Name)
		}
		vp.Note = "The " + duet.JoinWords(names) + " votes for " + v.o.of(v.me.Side) + "."
	}
	return vp
}
