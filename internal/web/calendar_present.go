package web

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"duet/internal/core"
	"duet/internal/duet"
)

// This file turns the launch calendar and its entries into what the
// calendar pages show. Names carry "calendar" or "entry": assets and
// other features link entries too and keep their own words.

// The calendar's views.
const (
	calMonth = "month"
	calWeek  = "week"
	calList  = "list"
)

// calendarURL is the calendar page; calendarEntryURL one entry's page.
func calendarURL(ws string) string          { return "/w/" + ws + "/calendar" }
func calendarEntryURL(ws, id string) string { return calendarURL(ws) + "/" + id }

// calendarAt is the calendar page showing view around day.
func calendarAt(ws, view string, day duet.Date) string {
	return calendarURL(ws) + "?" + url.Values{"view": {view}, "date": {day.String()}}.Encode()
}

// calendarSpan is the days one view shows: a month (the month grid padded
// to whole weeks, Monday first; the list view the month itself) or a week
// from Monday.
type calendarSpan struct {
	view  string
	at    duet.Date // the day asked for
	first duet.Date // the days shown are [first, end)
	end   duet.Date
	month duet.Date // the first of the month, for the month and list views
}

// spanOf lays out view around day.
func spanOf(view string, day duet.Date) calendarSpan {
	s := calendarSpan{view: view, at: day, month: duet.Date{Time: time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC)}}
	next := duet.Date{Time: s.month.AddDate(0, 1, 0)}
	switch view {
	case calWeek:
		s.first = calendarMonday(day)
		s.end = s.first.AddDays(7)
	case calList:
		s.first, s.end = s.month, next
	default:
		s.first = calendarMonday(s.month)
		// The Sunday on or after the month's last day ends the grid.
		s.end = calendarMonday(next.AddDays(6))
	}
	return s
}

// spanFrom reads a view and a day as the calendar's links and forms send
// them: the month around today when they are empty.
func spanFrom(view, day string, today duet.Date) (calendarSpan, error) {
	if view == "" {
		view = calMonth
	}
	if !slices.Contains([]string{calMonth, calWeek, calList}, view) {
		return calendarSpan{}, duet.Invalid("view", "must be month, week or list, not %q", view)
	}
	at := today
	if day != "" {
		d, err := duet.ParseDate(day)
		if err != nil {
			return calendarSpan{}, duet.Invalid("date", "must be a day like 2026-11-16, not %q", day)
		}
		at = d
	}
	return spanOf(view, at), nil
}

// calendarMonday is the Monday of the week day is in.
func calendarMonday(day duet.Date) duet.Date {
	return day.AddDays(-((int(day.Weekday()) + 6) % 7))
}

// filter asks core for the entries publishing on the span's days in the
// workspace's time zone.
func (s calendarSpan) filter(loc *time.Location) duet.EntryFilter {
	return duet.EntryFilter{From: calendarMidnight(s.first, loc), To: calendarMidnight(s.end, loc)}
}

// calendarMidnight is when day starts in loc.
func calendarMidnight(day duet.Date, loc *time.Location) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
}

// calendarDayOf is the calendar day t falls on in loc.
func calendarDayOf(t time.Time, loc *time.Location) duet.Date {
	y, m, d := t.In(loc).Date()
	return duet.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// CalendarPage is the launch calendar: a month, a week or a list of days,
// with the way to the neighbouring ones and to the other views.
type CalendarPage struct {
	Base
	Heading   string // "November 2026", "16–22 Nov 2026"
	Zone      string
	Views     []CalendarTab
	Prev      CalendarTab
	Next      CalendarTab
	Today     string
	CanCreate bool
	NewURL    string
	Region    CalendarRegion
}

// CalendarTab is a link to another view or period of the calendar.
type CalendarTab struct {
	Label   string
	URL     string
	Current bool
}

// CalendarRegion is the part of the calendar that changes with its
// entries: the slips banner and the days. Live updates and moves replace
// it whole.
type CalendarRegion struct {
	View string
	At   string // the day the view was asked for, sent back by moves
	// Note says what a move just did, for the page's status line; Err
	// why one was refused.
	Note  string
	Err   string
	Slips []EntrySlipView
	// SlipsTitle counts them: "3 timing slips".
	SlipsTitle string
	Days       []CalendarDay
	// Empty says, in the list view, that nothing publishes in the span.
	Empty string
}

// CalendarDay is one day of the grid or the list.
type CalendarDay struct {
	ISO     string // "2026-11-16"
	Num     int
	Weekday string // "Mon"
	Month   string // "Nov"
	Label   string // "Mon 16 Nov"
	Full    string // "Monday 16 November 2026"
	Outside bool   // a day of the month before or after, in the month grid
	Past    bool
	Today   bool
	GoLive  bool
	Launch  bool
	NewURL  string // schedules an entry on this day; "" for guests
	Entries []EntryView
}

// EntryView is one calendar entry with everything the chips, the list
// and its page show.
type EntryView struct {
	ID          string
	URL         string
	Title       string
	Day         string // "2026-11-18", in the workspace's zone
	Time        string // "09:00"
	ISO         string
	When        string // "Wed 18 Nov 2026, 09:00 CET"
	Rel         string // "in 2 days"
	Channel     string
	ChannelName string
	Side        string // the owning side's class
	Org         string // the owning side's organization
	Only        string // "Lumen only" for an entry kept to a side
	OnlyClass   string
	Status      string
	StatusLabel string
	Open        bool // planned or ready: it can still move
	Critical    bool
	DRI         DRIView
	Assets      []EntryAssetView
	// AssetsLabel counts the linked assets approved: "2/3 assets
	// approved"; "" without assets.
	AssetsLabel string
	AssetsDone  bool
	Slips       []string
	// Tip says it all for a chip's tooltip, and Spoken what a chip's
	// screen reader hears beyond its time, title, channel and assets.
	Tip       string
	Spoken    string
	After     []EntryRefView
	Version   int
	Movable   bool // the viewer may drag it to another day
	LiveURL   string
	Override  *DecisionRefView
	Published string
	By        string
	// Back is the month view around its day; View and At the calendar it
	// is shown on, which a move made there shows again.
	Back string
	View string
	At   string
}

// EntryAssetView is an asset an entry ships, with its approval state.
type EntryAssetView struct {
	Ref         string // "A-2"
	Title       string
	URL         string
	Status      string
	StatusLabel string
	Approved    bool
	Only        string
	OnlyClass   string
}

// EntryRefView links another entry: one it follows, or a follower.
type EntryRefView struct {
	Title       string
	URL         string
	When        string
	ISO         string
	Status      string
	StatusLabel string
}

// EntrySlipView is one slip of launch timing, with the entry it is about.
type EntrySlipView struct {
	Title string
	URL   string
	When  string
	ISO   string
	Msg   string
}

// calendarPage lays out the calendar around its region.
func (v *viewer) calendarPage(sp calendarSpan, region CalendarRegion) *CalendarPage {
	ws := v.d.ID
	p := &CalendarPage{Zone: v.loc().String(), Today: calendarAt(ws, sp.view, v.calendarToday()), CanCreate: !v.guest(),
		NewURL: calendarURL(ws) + "/new", Region: region}
	for _, x := range []struct{ view, label string }{{calMonth, "Month"}, {calWeek, "Week"}, {calList, "List"}} {
		p.Views = append(p.Views, CalendarTab{Label: x.label, URL: calendarAt(ws, x.view, sp.at), Current: x.view == sp.view})
	}
	if sp.view == calWeek {
		last := sp.end.AddDays(-1)
		p.Heading = weekWords(sp.first, last)
		prev, next := sp.first.AddDays(-7), sp.first.AddDays(7)
		p.Prev = CalendarTab{Label: "Previous week, " + weekWords(prev, prev.AddDays(6)), URL: calendarAt(ws, sp.view, prev)}
		p.Next = CalendarTab{Label: "Next week, " + weekWords(next, next.AddDays(6)), URL: calendarAt(ws, sp.view, next)}
		return p
	}
	p.Heading = sp.month.Format("January 2006")
	prev, next := duet.Date{Time: sp.month.AddDate(0, -1, 0)}, duet.Date{Time: sp.month.AddDate(0, 1, 0)}
	p.Prev = CalendarTab{Label: "Previous month, " + prev.Format("January 2006"), URL: calendarAt(ws, sp.view, prev)}
	p.Next = CalendarTab{Label: "Next month, " + next.Format("January 2006"), URL: calendarAt(ws, sp.view, next)}
	return p
}

// weekWords writes a week as "16–22 Nov 2026", "30 Nov – 6 Dec 2026".
func weekWords(first, last duet.Date) string {
	switch {
	case first.Year() != last.Year():
		return first.Format("2 Jan 2006") + " – " + last.Format("2 Jan 2006")
	case first.Month() != last.Month():
		return first.Format("2 Jan") + " – " + last.Format("2 Jan 2006")
	}
	return strconv.Itoa(first.Day()) + "–" + last.Format("2 Jan 2006")
}

// calendarRegion lays out the span's days with their entries, and every
// slip the viewer's side sees.
func (v *viewer) calendarRegion(cv *core.CalendarView, sp calendarSpan) CalendarRegion {
	ws := v.d.ID
	r := CalendarRegion{View: sp.view, At: sp.at.String(), Slips: v.calendarSlips(cv), SlipsTitle: plural(len(cv.Slips), "timing slip", "timing slips")}
	byDay := map[string][]EntryView{}
	for _, e := range cv.Entries {
		ev := v.calendarEntry(e)
		ev.View, ev.At = r.View, r.At
		byDay[ev.Day] = append(byDay[ev.Day], ev)
	}
	today := v.calendarToday()
	for d := sp.first; d.Before(sp.end.Time); d = d.AddDays(1) {
		iso := d.String()
		cd := CalendarDay{ISO: iso, Num: d.Day(), Weekday: d.Format("Mon"), Month: d.Format("Jan"), Label: d.Format("Mon 2 Jan"), Full: d.Format("Monday 2 January 2006"),
			Outside: sp.view == calMonth && d.Month() != sp.month.Month(), Past: d.Before(today.Time), Today: d.Equal(today.Time),
			GoLive: d.Equal(cv.GoLive.Time), Launch: d.Equal(v.d.LaunchOn.Time), Entries: byDay[iso]}
		if !v.guest() {
			cd.NewURL = calendarURL(ws) + "/new?date=" + iso
		}
		if sp.view == calList && len(cd.Entries) == 0 && !cd.Today && !cd.GoLive && !cd.Launch {
			continue
		}
		r.Days = append(r.Days, cd)
	}
	if sp.view == calList && len(cv.Entries) == 0 {
		r.Empty = "Nothing publishes in " + sp.month.Format("January 2006") + "."
	}
	return r
}

// calendarSlips lists every slip the viewer's side sees, each with its entry.
func (v *viewer) calendarSlips(cv *core.CalendarView) []EntrySlipView {
	out := make([]EntrySlipView, 0, len(cv.Slips))
	for _, sl := range cv.Slips {
		e := cv.Slipping[sl.EntryID]
		sv := EntrySlipView{Title: e.Title, URL: calendarEntryURL(v.d.ID, sl.EntryID), Msg: sl.Msg}
		sv.When, sv.ISO = v.calendarWhen(e.PublishAt)
		out = append(out, sv)
	}
	return out
}

// calendarWhen writes a publish time in the workspace's zone: "Wed 18 Nov
// 2026, 09:00 CET", and its machine form.
func (v *viewer) calendarWhen(t time.Time) (words, iso string) {
	lt := t.In(v.loc())
	return lt.Format("Mon 2 Jan 2006, 15:04 MST"), lt.Format(time.RFC3339)
}

// calendarEntry lays out one entry for the viewer.
func (v *viewer) calendarEntry(e duet.LaunchEntry) EntryView {
	lt := e.PublishAt.In(v.loc())
	day := calendarDayOf(e.PublishAt, v.loc())
	ev := EntryView{ID: e.ID, URL: calendarEntryURL(v.d.ID, e.ID), Title: e.Title, Day: day.String(), Time: lt.Format("15:04"),
		Rel: relDays(daysFrom(v.calendarToday(), day)), Channel: e.Channel, ChannelName: duet.LaunchChannelName(e.Channel),
		Side: sideClass(e.Side), Org: v.o.of(e.Side), Only: v.o.onlyLabel(e.Visibility), OnlyClass: visClass(e.Visibility),
		Status: e.Status, StatusLabel: duet.EntryStatusName(e.Status), Open: e.Open(), Critical: e.LaunchCritical, DRI: v.dri(e.DRI),
		Version: e.Version, LiveURL: e.LiveURL, Override: v.ref(e.Override), By: e.By.Name, Back: calendarAt(v.d.ID, calMonth, day)}
	ev.When, ev.ISO = v.calendarWhen(e.PublishAt)
	ev.Movable = ev.Open && !v.guest() && e.Side == v.me.Side
	approved := 0
	for _, a := range e.Assets {
		av := EntryAssetView{Ref: duet.AssetNumber(a.Number), Title: a.Title, URL: "/w/" + v.d.ID + "/assets/" + a.ID, Status: a.Status,
			StatusLabel: duet.AssetStatusName(a.Status), Approved: a.Status == duet.AssetApproved, Only: v.o.onlyLabel(a.Visibility), OnlyClass: visClass(a.Visibility)}
		if av.Approved {
			approved++
		}
		ev.Assets = append(ev.Assets, av)
	}
	if n := len(e.Assets); n > 0 {
		ev.AssetsLabel = strconv.Itoa(approved) + "/" + strconv.Itoa(n) + " " + map[bool]string{true: "asset", false: "assets"}[n == 1] + " approved"
		ev.AssetsDone = approved == n
	}
	for _, sl := range e.Slips {
		ev.Slips = append(ev.Slips, sl.Msg)
	}
	slips := strings.Join(ev.Slips, " ")
	ev.Tip = ev.Time + " " + e.Title + " · " + ev.ChannelName + " · " + ev.Org
	ev.Spoken = ". " + ev.Org
	if ev.Only != "" {
		ev.Spoken += ", " + ev.Only
	}
	if ev.AssetsLabel != "" {
		ev.Tip += " · " + ev.AssetsLabel
	}
	if slips != "" {
		ev.Tip += " · Slipping: " + slips
		ev.Spoken += ". Timing slips: " + slips
	}
	for _, r := range e.After {
		ev.After = append(ev.After, v.entryRefView(r))
	}
	if e.Published != nil {
		ev.Published, _ = v.calendarWhen(*e.Published)
	}
	return ev
}

// entryRefView links another entry.
func (v *viewer) entryRefView(r duet.EntryRef) EntryRefView {
	rv := EntryRefView{Title: r.Title, URL: calendarEntryURL(v.d.ID, r.ID), Status: r.Status, StatusLabel: duet.EntryStatusName(r.Status)}
	rv.When, rv.ISO = v.calendarWhen(r.PublishAt)
	return rv
}

// EntryForm is what the new-entry and edit forms send.
type EntryForm struct {
	Version        int
	Title          string
	Channel        string
	DRI            string
	PublishAt      string // "2026-11-18T09:00" in the workspace's zone
	Visibility     string
	LaunchCritical bool
	Assets         []string
	After          []string
}

// entryFields are the inputs of the entry forms, named as core names them.
var entryFields = []string{"title", "channel", "dri", "publish_at", "visibility", "assets", "after"}

// entryFormFrom reads a posted entry form.
func entryFormFrom(pf url.Values) EntryForm {
	version, _ := strconv.Atoi(pf.Get("version"))
	return EntryForm{Version: version, Title: pf.Get("title"), Channel: pf.Get("channel"), DRI: pf.Get("dri"), PublishAt: pf.Get("publish_at"),
		Visibility: pf.Get("visibility"), LaunchCritical: pf.Get("launch_critical") != "", Assets: pf["assets"], After: pf["after"]}
}

// save is the form as core takes it.
func (f EntryForm) save() duet.EntrySave {
	return duet.EntrySave{Version: f.Version, Title: f.Title, Channel: f.Channel, DRI: f.DRI, PublishAt: f.PublishAt,
		Visibility: duet.Visibility(f.Visibility), LaunchCritical: f.LaunchCritical, Assets: f.Assets, After: f.After}
}

// entryFormOf is the edit form of an entry as it is.
func (v *viewer) entryFormOf(e duet.LaunchEntry) EntryForm {
	f := EntryForm{Version: e.Version, Title: e.Title, Channel: e.Channel, DRI: e.DRI.Ref(), PublishAt: e.PublishAt.In(v.loc()).Format("2006-01-02T15:04"),
		Visibility: string(e.Visibility), LaunchCritical: e.LaunchCritical}
	for _, a := range e.Assets {
		f.Assets = append(f.Assets, a.ID)
	}
	for _, r := range e.After {
		f.After = append(f.After, r.ID)
	}
	return f
}

// EntryFormView is the form that schedules an entry or replans one.
type EntryFormView struct {
	ID       string // the prefix of its inputs' ids
	Action   string
	Submit   string
	Form     EntryForm
	Err      FormError
	Zone     string
	Channels []Option
	DRI      DRIChoice
	Vis      []Option
	Assets   []EntryCheck
	After    []EntryCheck
	// GoLive is the Launch go-live date launch-critical entries publish
	// by, "" without one; LeadDays how many business days before
	// publishing its assets must be approved.
	GoLive   string
	LeadDays int
	Open     bool
	// Conflict: someone changed the entry meanwhile; the form keeps what
	// was typed and now carries the version shown above it.
	Conflict bool
}

// EntryCheck is one checkbox of an entry form: an asset to ship, or an
// entry to publish after.
type EntryCheck struct {
	Value       string
	Label       string
	Hint        string
	Status      string
	StatusLabel string
	Checked     bool
}

// entryFormView lays out an entry form with what was typed. It offers the
// approval folder's assets and the calendar's other entries; self is the
// entry edited ("" for a new one). A shared entry stays shared: the other
// side has seen it, so it is offered no other visibility.
func (v *viewer) entryFormView(id, action string, f EntryForm, fe FormError, assets []duet.Asset, cv *core.CalendarView, self string, shared bool) EntryFormView {
	fv := EntryFormView{ID: id, Action: action, Form: f, Err: fe, Zone: v.loc().String(), DRI: v.driChoice(id+"-dri", f.DRI, fe.For("dri")),
		Open: fe.Msg != ""}
	for _, c := range duet.LaunchChannels {
		fv.Channels = append(fv.Channels, Option{Value: c, Label: duet.LaunchChannelName(c), Selected: c == f.Channel})
	}
	own := string(v.me.Side)
	fv.Vis = []Option{{Value: string(duet.VisShared), Label: "Shared", Hint: v.o.host + " and " + v.o.partner, Selected: f.Visibility != own}}
	if shared {
		fv.Vis[0].Hint = "a shared entry stays shared: the other side has seen it"
	} else {
		fv.Vis = append(fv.Vis, Option{Value: own, Label: "Only " + v.o.of(v.me.Side), Hint: "the other side never sees it", Selected: f.Visibility == own})
	}
	for _, a := range assets {
		c := EntryCheck{Value: a.ID, Label: duet.AssetNumber(a.Number) + " " + a.Title, Hint: v.o.onlyLabel(a.Visibility), Status: a.Status,
			StatusLabel: duet.AssetStatusName(a.Status), Checked: slices.Contains(f.Assets, a.ID)}
		fv.Assets = append(fv.Assets, c)
	}
	if cv != nil {
		fv.LeadDays = cv.LeadDays
		if !cv.GoLive.IsZero() {
			fv.GoLive = formatDate(cv.GoLive)
		}
		for _, e := range cv.Entries {
			if e.ID == self {
				continue
			}
			c := EntryCheck{Value: e.ID, Label: e.Title, Status: e.Status, StatusLabel: duet.EntryStatusName(e.Status), Checked: slices.Contains(f.After, e.ID)}
			c.Hint, _ = v.calendarWhen(e.PublishAt)
			fv.After = append(fv.After, c)
		}
	}
	return fv
}

// agendaTimingSlips lays out the slips a readiness meeting goes through.
func (v *viewer) agendaTimingSlips(ss []duet.AgendaSlip) []EntrySlipView {
	out := make([]EntrySlipView, len(ss))
	for i, s := range ss {
		out[i] = EntrySlipView{Title: s.EntryTitle, URL: calendarEntryURL(v.d.ID, s.EntryID), Msg: s.Msg}
		out[i].When, out[i].ISO = v.calendarWhen(s.PublishAt)
	}
	return out
}

// calendarToday is today in the workspace's zone, from the zone core
// loaded: v.today looks the zone up by name on every call, which the
// calendar would do once per entry.
func (v *viewer) calendarToday() duet.Date { return calendarDayOf(v.now, v.loc()) }
