package duet

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Brief is the campaign brief both sides sign at kickoff. Free text is
// Markdown.
type Brief struct {
	Goals    []KPI  `json:"goals"`
	Audience string `json:"audience"`
	Scope    string `json:"scope"`
	NonGoals string `json:"non_goals"`
	Messages string `json:"messages"`
	Timeline string `json:"timeline"`
	// Currency is the ISO code the budget is in.
	Currency    string       `json:"currency"`
	Budget      []BudgetLine `json:"budget"`
	BudgetNotes string       `json:"budget_notes"`
	Contacts    string       `json:"contacts"`
}

// KPI is one goal with a measurable target. Its actual is entered after
// launch, or computed from routed leads when Measure names a lead count.
type KPI struct {
	Key     string  `json:"key"`
	Name    string  `json:"name"`
	Target  float64 `json:"target"`
	Unit    string  `json:"unit"`
	Side    Side    `json:"side"` // who owns the number
	Measure string  `json:"measure,omitempty"`
}

// KPI measures computed from leads. "" means the actual is entered.
const (
	MeasureEntered          = ""
	MeasureLeads            = "leads"
	MeasureLeadsAccepted    = "leads_accepted"
	MeasureLeadsToHost      = "leads_to_host"
	MeasureLeadsToPartner   = "leads_to_partner"
	MeasureSourcedByHost    = "sourced_by_host"
	MeasureSourcedByPartner = "sourced_by_partner"
)

// KPIMeasures lists the measures in the order forms offer them.
var KPIMeasures = []string{MeasureEntered, MeasureLeads, MeasureLeadsAccepted, MeasureLeadsToHost, MeasureLeadsToPartner, MeasureSourcedByHost, MeasureSourcedByPartner}

// MeasureName is how a measure reads on a page.
func MeasureName(m string) string {
	switch m {
	case MeasureEntered:
		return "Entered by hand"
	case MeasureLeads:
		return "Leads routed"
	case MeasureLeadsAccepted:
		return "Leads accepted"
	case MeasureLeadsToHost:
		return "Leads routed to the host"
	case MeasureLeadsToPartner:
		return "Leads routed to the partner"
	case MeasureSourcedByHost:
		return "Leads sourced by the host"
	case MeasureSourcedByPartner:
		return "Leads sourced by the partner"
	}
	return m
}

// BudgetLine is one item of the budget and who pays it. A shared line is
// split, HostShare percent paid by the host.
type BudgetLine struct {
	Item      string  `json:"item"`
	Amount    float64 `json:"amount"`
	PaidBy    string  `json:"paid_by"` // host, partner or shared
	HostShare int     `json:"host_share,omitempty"`
}

// Payers of a budget line.
const (
	PaidByHost    = "host"
	PaidByPartner = "partner"
	PaidByShared  = "shared"
)

// Split returns what each side pays of the line.
func (b BudgetLine) Split() (host, partner float64) {
	switch b.PaidBy {
	case PaidByHost:
		return b.Amount, 0
	case PaidByPartner:
		return 0, b.Amount
	}
	host = b.Amount * float64(b.HostShare) / 100
	return host, b.Amount - host
}

// BudgetTotals returns the budget's total and each side's part.
func (b *Brief) BudgetTotals() (total, host, partner float64) {
	for _, l := range b.Budget {
		h, p := l.Split()
		total, host, partner = total+l.Amount, host+h, partner+p
	}
	return
}

// Limits of a brief.
const (
	maxBriefText = 20000
	maxGoals     = 30
	maxBudget    = 50
)

// Validate checks and tidies the brief: every field it names is the
// brief's JSON field, indexed for lists.
func (b *Brief) Validate() error {
	if len(b.Goals) > maxGoals {
		return Invalid("goals", "has %d goals; at most %d", len(b.Goals), maxGoals)
	}
	keys, kept := map[string]bool{}, map[string]bool{}
	for _, g := range b.Goals {
		if g.Key != "" {
			kept[g.Key] = true
		}
	}
	for i := range b.Goals {
		g := &b.Goals[i]
		f := fmt.Sprintf("goals[%d]", i)
		g.Name, g.Unit = strings.TrimSpace(g.Name), strings.TrimSpace(g.Unit)
		if err := textField(f+".name", g.Name, 120); err != nil {
			return err
		}
		if len(g.Unit) > 40 {
			return Invalid(f+".unit", "must be at most 40 characters")
		}
		if math.IsNaN(g.Target) || math.IsInf(g.Target, 0) || g.Target <= 0 {
			return Invalid(f+".target", "must be a number above zero (the goal %q needs a measurable target)", g.Name)
		}
		if !g.Side.Valid() {
			return Invalid(f+".side", "must be host or partner: the side that owns %q", g.Name)
		}
		if !validMeasure(g.Measure) {
			return Invalid(f+".measure", "%q is not a measure; use one of %s", g.Measure, strings.Join(KPIMeasures[1:], ", "))
		}
		// A new goal's key comes from its name, and never takes a key
		// an existing goal keeps (entered actuals hang off it).
		derived := g.Key == ""
		if derived {
			g.Key = Slug(g.Name)
			if g.Key == "" {
				g.Key = "goal"
			}
		}
		for base, n := g.Key, 2; keys[g.Key] || (derived && kept[g.Key]); n++ {
			g.Key = base + "-" + strconv.Itoa(n)
		}
		keys[g.Key] = true
	}
	for _, t := range []struct {
		field string
		v     *string
	}{{"audience", &b.Audience}, {"scope", &b.Scope}, {"non_goals", &b.NonGoals}, {"messages", &b.Messages},
		{"timeline", &b.Timeline}, {"budget_notes", &b.BudgetNotes}, {"contacts", &b.Contacts}} {
		*t.v = strings.TrimSpace(strings.ReplaceAll(*t.v, "\r\n", "\n"))
		if utf8.RuneCountInString(*t.v) > maxBriefText {
			return Invalid(t.field, "must be at most %d characters", maxBriefText)
		}
		if strings.ContainsRune(*t.v, 0) {
			return Invalid(t.field, "must not contain NUL characters")
		}
	}
	b.Currency = strings.ToUpper(strings.TrimSpace(b.Currency))
	if b.Currency == "" {
		b.Currency = "USD"
	}
	if len(b.Currency) != 3 || strings.Trim(b.Currency, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		return Invalid("currency", "%q is not a three-letter currency code such as USD or EUR", b.Currency)
	}
	if len(b.Budget) > maxBudget {
		return Invalid("budget", "has %d lines; at most %d", len(b.Budget), maxBudget)
	}
	for i := range b.Budget {
		l := &b.Budget[i]
		f := fmt.Sprintf("budget[%d]", i)
		l.Item = strings.TrimSpace(l.Item)
		if err := textField(f+".item", l.Item, 200); err != nil {
			return err
		}
		if math.IsNaN(l.Amount) || math.IsInf(l.Amount, 0) || l.Amount < 0 || l.Amount > 1e12 {
			return Invalid(f+".amount", "must be an amount of zero or more")
		}
		switch l.PaidBy {
		case PaidByHost, PaidByPartner:
			l.HostShare = 0
		case PaidByShared:
			if l.HostShare < 0 || l.HostShare > 100 {
				return Invalid(f+".host_share", "must be a percentage from 0 to 100")
			}
		default:
			return Invalid(f+".paid_by", "must be host, partner or shared")
		}
	}
	return nil
}

func validMeasure(m string) bool {
	for _, x := range KPIMeasures {
		if x == m {
			return true
		}
	}
	return false
}

// Text is the brief as plain text, one fact per line: what version diffs
// compare.
func (b *Brief) Text() string {
	var s strings.Builder
	section := func(title, body string) {
		fmt.Fprintf(&s, "## %s\n", title)
		if body == "" {
			body = "(empty)"
		}
		s.WriteString(body + "\n\n")
	}
	s.WriteString("## Goals\n")
	if len(b.Goals) == 0 {
		s.WriteString("(none)\n")
	}
	for _, g := range b.Goals {
		fmt.Fprintf(&s, "- %s: %s %s (owned by the %s side", g.Name, FormatNumber(g.Target), g.Unit, g.Side)
		if g.Measure != "" {
			fmt.Fprintf(&s, "; measured as %s", strings.ToLower(MeasureName(g.Measure)))
		}
		s.WriteString(")\n")
	}
	s.WriteString("\n")
	section("Audience", b.Audience)
	section("Scope", b.Scope)
	section("Non-goals", b.NonGoals)
	section("Key messages", b.Messages)
	section("Timeline", b.Timeline)
	s.WriteString("## Budget (" + b.Currency + ")\n")
	for _, l := range b.Budget {
		fmt.Fprintf(&s, "- %s: %s paid by %s", l.Item, FormatNumber(l.Amount), l.PaidBy)
		if l.PaidBy == PaidByShared {
			fmt.Fprintf(&s, " (host %d%%, partner %d%%)", l.HostShare, 100-l.HostShare)
		}
		s.WriteString("\n")
	}
	if b.BudgetNotes != "" {
		s.WriteString(b.BudgetNotes + "\n")
	}
	s.WriteString("\n")
	section("Partner contacts", b.Contacts)
	return strings.TrimRight(s.String(), "\n") + "\n"
}

// FormatNumber writes n without trailing zeros and with thousands
// separators: 400000 → 400,000; 12.5 → 12.5.
func FormatNumber(n float64) string {
	s := strconv.FormatFloat(math.Abs(n), 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var out []byte
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, whole[i])
	}
	if frac != "" {
		out = append(append(out, '.'), frac...)
	}
	if n < 0 {
		return "-" + string(out)
	}
	return string(out)
}

// KPIResult compares a goal with its actual after launch.
type KPIResult struct {
	KPI
	Actual  *float64 // nil until entered or computed
	Percent int      // of the target, rounded down
	Met     bool
	// Computed is true when the actual comes from routed leads.
	Computed bool
}

// LeadCounts are the lead totals KPI measures read.
type LeadCounts struct {
	Routed, Accepted             int
	ToHost, ToPartner            int
	SourcedByHost, SourcedByPart int
}

// Results compares every goal with its actual: computed from leads, or
// entered (actuals maps a goal's key to its entered value).
func (b *Brief) Results(actuals map[string]float64, leads LeadCounts) []KPIResult {
	out := make([]KPIResult, len(b.Goals))
	for i, g := range b.Goals {
		r := KPIResult{KPI: g, Computed: g.Measure != MeasureEntered}
		var v float64
		ok := true
		switch g.Measure {
		case MeasureLeads:
			v = float64(leads.Routed)
		case MeasureLeadsAccepted:
			v = float64(leads.Accepted)
		case MeasureLeadsToHost:
			v = float64(leads.ToHost)
		case MeasureLeadsToPartner:
			v = float64(leads.ToPartner)
		case MeasureSourcedByHost:
			v = float64(leads.SourcedByHost)
		case MeasureSourcedByPartner:
			v = float64(leads.SourcedByPart)
		default:
			v, ok = actuals[g.Key]
		}
		if ok {
			r.Actual = &v
			r.Percent = int(math.Floor(v / g.Target * 100))
			r.Met = v >= g.Target
		}
		out[i] = r
	}
	return out
}
