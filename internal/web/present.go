package web

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"

	"duet/internal/duet"
)

// This file turns core's types into the words and numbers the views show.

// sideClass is the CSS modifier of a side's colour.
func sideClass(s duet.Side) string {
	if s == duet.SideHost {
		return "host"
	}
	return "partner"
}

// orgs names the two sides of a workspace by their organizations.
type orgs struct{ host, partner string }

func orgsOf(d *duet.WorkspaceDetail) orgs { return orgs{d.HostOrg.Name, d.PartnerOrg.Name} }

func (o orgs) of(s duet.Side) string {
	if s == duet.SideHost {
		return o.host
	}
	return o.partner
}

// onlyLabel is the badge of an item kept to one side, "" when shared.
func (o orgs) onlyLabel(v duet.Visibility) string {
	switch v {
	case duet.VisHost:
		return o.host + " only"
	case duet.VisPartner:
		return o.partner + " only"
	}
	return ""
}

// navOf is the sub-navigation of a workspace's pages.
func navOf(d *duet.WorkspaceDetail, active string) *WorkspaceNav {
	return &WorkspaceNav{ID: d.ID, Name: d.Name, Host: d.HostOrg.Name, Partner: d.PartnerOrg.Name, Active: active}
}

// formatDate writes a calendar day as "Mon 9 Nov 2026".
func formatDate(d duet.Date) string {
	if d.IsZero() {
		return "—"
	}
	return d.Format("Mon 2 Jan 2006")
}

// today is the current calendar day in a time zone.
func today(now time.Time, tz string) duet.Date {
	loc, err := time.LoadLocation(tz)
	if err != nil {
		loc = time.UTC
	}
	return duet.DayOf(now, loc)
}

// daysFrom counts calendar days from one day to another.
func daysFrom(from, to duet.Date) int {
	return int(math.Round(to.Sub(from.Time).Hours() / 24))
}

// relDays says how far a day is from today: "in 3 days", "yesterday".
func relDays(n int) string {
	switch {
	case n == 0:
		return "today"
	case n == 1:
		return "tomorrow"
	case n == -1:
		return "yesterday"
	case n > 0:
		return fmt.Sprintf("in %d days", n)
	}
	return fmt.Sprintf("%d days ago", -n)
}

// countdown is the headline about the launch date.
func countdown(days int) string {
	switch {
	case days == 0:
		return "Launch day"
	case days == 1:
		return "1 day to launch"
	case days > 1:
		return fmt.Sprintf("%d days to launch", days)
	case days == -1:
		return "Launched yesterday"
	}
	return fmt.Sprintf("Launched %d days ago", -days)
}

// plural writes "1 task", "3 tasks".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// weekdayNames are the days of a weekly schedule in words.
var weekdayNames = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

// ruleWords writes a template's relative date: "7 days after kickoff".
func ruleWords(rule string) string {
	r, err := duet.ParseRelDate(rule)
	if err != nil {
		return rule
	}
	switch {
	case r.Days == 0:
		return "on " + r.Anchor + " day"
	case r.Days > 0:
		return plural(r.Days, "day", "days") + " after " + r.Anchor
	}
	return plural(-r.Days, "day", "days") + " before " + r.Anchor
}

// permissionLabel names a permission for people.
func permissionLabel(p duet.Permission) string {
	switch p {
	case duet.PermAdmin:
		return "Admin"
	case duet.PermMember:
		return "Member"
	case duet.PermGuest:
		return "Guest"
	}
	return string(p)
}

// statusLabel writes a stored status such as "not_configured" as words.
func statusLabel(s string) string {
	return capitalize(strings.ReplaceAll(s, "_", " "))
}

// integrationNames are the display names of the integration kinds.
var integrationNames = map[string]string{"slack": "Slack", "google_drive": "Google Drive", "hubspot": "HubSpot"}

func integrationName(kind string) string {
	if n, ok := integrationNames[kind]; ok {
		return n
	}
	return statusLabel(kind)
}

// initials are the letters of a person's avatar.
func initials(name string) string {
	name, _, _ = strings.Cut(name, "@")
	var out []rune
	for f := range strings.FieldsFuncSeq(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		out = append(out, unicode.ToUpper([]rune(f)[0]))
		if len(out) == 2 {
			break
		}
	}
	if len(out) == 0 {
		return "?"
	}
	return string(out)
}

// SideView is one side of a workspace: its organization, its people and
// the roles they fill.
type SideView struct {
	Side    duet.Side
	Class   string
	Org     string
	Members []MemberView
	Roles   []RoleView
	// Unfilled names the side's required roles nobody holds.
	Unfilled []string
}

// MemberView is one person in a workspace.
type MemberView struct {
	Name       string
	Email      string
	Initials   string
	Roles      []string
	Permission string
	Me         bool
}

// RoleView is one role and who holds it.
type RoleView struct {
	Name        string
	Description string
	Holders     []string
	Optional    bool
	Unfilled    bool // required and nobody holds it
}

// RoleFlag is a required role nobody fills.
type RoleFlag struct {
	Name  string
	Org   string
	Class string
}

// sidesOf groups a workspace's members and roles by side, host first.
func sidesOf(d *duet.WorkspaceDetail, me string) []SideView {
	o := orgsOf(d)
	names := map[string]string{}
	for _, r := range d.Roles {
		names[r.Key] = r.Name
	}
	holders := duet.RoleHolders(d.Members)
	var out []SideView
	for _, side := range []duet.Side{duet.SideHost, duet.SidePartner} {
		v := SideView{Side: side, Class: sideClass(side), Org: o.of(side)}
		for _, m := range d.Members {
			if m.Side != side {
				continue
			}
			mv := MemberView{Name: m.Name, Email: m.Email, Initials: initials(m.Name), Permission: permissionLabel(m.Permission), Me: m.UserID == me}
			for _, k := range m.RoleKeys {
				if n, ok := names[k]; ok {
					mv.Roles = append(mv.Roles, n)
				}
			}
			v.Members = append(v.Members, mv)
		}
		for _, r := range d.Roles {
			if r.Side != side {
				continue
			}
			rv := RoleView{Name: r.Name, Description: r.Description, Optional: r.Optional}
			for _, m := range holders[r.Key] {
				rv.Holders = append(rv.Holders, m.Name)
			}
			rv.Unfilled = !r.Optional && len(rv.Holders) == 0
			if rv.Unfilled {
				v.Unfilled = append(v.Unfilled, r.Name)
			}
			v.Roles = append(v.Roles, rv)
		}
		out = append(out, v)
	}
	return out
}

// unfilledOf flags the required roles nobody holds.
func unfilledOf(d *duet.WorkspaceDetail) []RoleFlag {
	o := orgsOf(d)
	var out []RoleFlag
	for _, r := range d.UnfilledRoles() {
		out = append(out, RoleFlag{Name: r.Name, Org: o.of(r.Side), Class: sideClass(r.Side)})
	}
	return out
}

// memberOf returns the actor's membership in the workspace.
func memberOf(d *duet.WorkspaceDetail, a *duet.Actor) (duet.Member, bool) {
	if a == nil {
		return duet.Member{}, false
	}
	for _, m := range d.Members {
		if m.UserID == a.User.ID {
			return m, true
		}
	}
	return duet.Member{}, false
}

// The hill chart's drawing area, in SVG user units.
const (
	hillLeft   = 24.0
	hillRight  = 536.0
	hillBottom = 176.0
	hillTop    = 36.0
)

// hillX and hillY place a position (0..100, 50 the top) on the hill.
func hillX(p float64) float64 { return hillLeft + (hillRight-hillLeft)*p/100 }
func hillY(p float64) float64 {
	s := math.Sin(math.Pi * p / 100)
	return hillBottom - (hillBottom-hillTop)*s*s
}

// hillPath is the SVG path of the hill curve.
func hillPath() string {
	var b strings.Builder
	for i := 0; i <= 100; i += 2 {
		cmd := "L"
		if i == 0 {
			cmd = "M"
		}
		fmt.Fprintf(&b, "%s%.1f %.1f ", cmd, hillX(float64(i)), hillY(float64(i)))
	}
	return strings.TrimSpace(b.String())
}

// HillView is one hill chart, laid out.
type HillView struct {
	Title     string
	Path      string
	Left      float64
	MidX      float64
	TopY      float64
	Bottom    float64
	Right     float64
	UphillX   float64 // where the phase captions sit
	DownhillX float64
	Dots      []HillDot
}

// HillDot is one scope on the hill with its label.
type HillDot struct {
	N        int
	Title    string
	Position int
	Phase    string
	X, Y     float64
	LabelX   float64
	LabelY   float64
	Anchor   string // text-anchor of the label
	Colour   int    // index into the dot palette
}

// hillPhase says where a scope is in words.
func hillPhase(p int) string {
	switch {
	case p <= 0:
		return "Not started"
	case p < 50:
		return "Uphill: figuring it out"
	case p == 50:
		return "At the top: the approach is known"
	case p < 100:
		return "Downhill: making it happen"
	}
	return "Done"
}

// hillOf lays out a hill chart. Dots at (nearly) the same position are
// stacked upwards so each label stays readable.
func hillOf(h duet.HillChart) HillView {
	v := HillView{Title: h.Title, Path: hillPath(), Left: hillLeft, MidX: hillX(50), TopY: hillTop, Bottom: hillBottom, Right: hillRight,
		UphillX: hillX(25), DownhillX: hillX(75)}
	stacked := map[int]int{}
	for i, s := range h.Scopes {
		p := min(max(s.Position, 0), 100)
		slot := (p + 2) / 5
		k := stacked[slot]
		stacked[slot]++
		d := HillDot{N: i + 1, Title: s.Title, Position: p, Phase: hillPhase(p), Colour: i % 6,
			X: hillX(float64(p)), Y: hillY(float64(p)) - float64(k)*26}
		d.LabelY = d.Y + 4
		if p <= 50 {
			d.LabelX, d.Anchor = d.X+13, "start"
		} else {
			d.LabelX, d.Anchor = d.X-13, "end"
		}
		v.Dots = append(v.Dots, d)
	}
	return v
}
