package duet

import (
	"math"
	"strings"
	"testing"
	"time"
)

func validBrief() Brief {
	return Brief{
		Goals: []KPI{
			{Name: "Pipeline", Target: 400000, Unit: "USD", Side: SideHost},
			{Name: "Leads", Target: 200, Side: SidePartner, Measure: MeasureLeads},
		},
		Audience: "IT leaders\r\nin retail",
		Currency: " eur ",
		Budget: []BudgetLine{
			{Item: "Webinar", Amount: 12000, PaidBy: PaidByHost, HostShare: 40},
			{Item: "Ads", Amount: 5000, PaidBy: PaidByShared, HostShare: 30},
		},
	}
}

func TestBriefValidate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(*Brief)
		field  string
		msg    string
	}{
		{"a zero target", func(b *Brief) { b.Goals[0].Target = 0 }, "goals[0].target", `the goal "Pipeline" needs a measurable target`},
		{"a negative target", func(b *Brief) { b.Goals[1].Target = -5 }, "goals[1].target", "above zero"},
		{"a target that is not a number", func(b *Brief) { b.Goals[0].Target = math.NaN() }, "goals[0].target", "above zero"},
		{"an infinite target", func(b *Brief) { b.Goals[0].Target = math.Inf(1) }, "goals[0].target", "above zero"},
		{"a goal without a side", func(b *Brief) { b.Goals[1].Side = "" }, "goals[1].side", `the side that owns "Leads"`},
		{"an unknown measure", func(b *Brief) { b.Goals[1].Measure = "clicks" }, "goals[1].measure", `"clicks" is not a measure; use one of leads, leads_accepted`},
		{"a goal without a name", func(b *Brief) { b.Goals[0].Name = " " }, "goals[0].name", "required"},
		{"a unit too long", func(b *Brief) { b.Goals[0].Unit = strings.Repeat("u", 41) }, "goals[0].unit", "at most 40"},
		{"too many goals", func(b *Brief) {
			for len(b.Goals) <= 30 {
				b.Goals = append(b.Goals, b.Goals[0])
			}
		}, "goals", "at most 30"},
		{"a currency too short", func(b *Brief) { b.Currency = "US" }, "currency", `"US" is not a three-letter currency code`},
		{"a currency with a symbol", func(b *Brief) { b.Currency = "U$D" }, "currency", "three-letter"},
		{"a currency too long", func(b *Brief) { b.Currency = "EURO" }, "currency", "three-letter"},
		{"a budget line without an item", func(b *Brief) { b.Budget[1].Item = "" }, "budget[1].item", "required"},
		{"a negative amount", func(b *Brief) { b.Budget[0].Amount = -1 }, "budget[0].amount", "zero or more"},
		{"an amount that is not a number", func(b *Brief) { b.Budget[0].Amount = math.NaN() }, "budget[0].amount", "zero or more"},
		{"an amount too large", func(b *Brief) { b.Budget[0].Amount = 2e12 }, "budget[0].amount", "zero or more"},
		{"no payer", func(b *Brief) { b.Budget[0].PaidBy = "both" }, "budget[0].paid_by", "host, partner or shared"},
		{"a share above 100%", func(b *Brief) { b.Budget[1].HostShare = 101 }, "budget[1].host_share", "percentage"},
		{"a share below 0%", func(b *Brief) { b.Budget[1].HostShare = -1 }, "budget[1].host_share", "percentage"},
		{"too many budget lines", func(b *Brief) {
			for len(b.Budget) <= 50 {
				b.Budget = append(b.Budget, b.Budget[0])
			}
		}, "budget", "at most 50"},
		{"a NUL in the text", func(b *Brief) { b.Messages = "a\x00b" }, "messages", "NUL"},
		{"a text too long", func(b *Brief) { b.Scope = strings.Repeat("é", 20001) }, "scope", "at most 20000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := validBrief()
			tc.change(&b)
			err := b.Validate()
			if ErrorKind(err) != EInvalid || ErrorField(err) != tc.field || !strings.Contains(ErrorMessage(err), tc.msg) {
				t.Errorf("got %v; want %s: …%s…", err, tc.field, tc.msg)
			}
		})
	}

	b := validBrief()
	if err := b.Validate(); err != nil {
		t.Fatal(err)
	}
	if b.Currency != "EUR" || b.Audience != "IT leaders\nin retail" || b.Budget[0].HostShare != 0 || b.Budget[1].HostShare != 30 {
		t.Errorf("not tidied: %+v", b)
	}
	b = Brief{}
	if err := b.Validate(); err != nil || b.Currency != "USD" {
		t.Errorf("an empty brief: %v, currency %q", err, b.Currency)
	}
}

func TestBriefValidateKeys(t *testing.T) {
	goal := func(name, key string) KPI { return KPI{Name: name, Key: key, Target: 1, Side: SideHost} }
	b := Brief{Goals: []KPI{
		goal("Deal value", ""), // added above an existing goal whose key it would take
		goal("Pipeline ($)", ""),
		goal("Pipeline", ""),
		goal("pipeline!", ""),
		goal("Signed deals", "deals"),
		goal("Value", "deal-value"),
		goal("Deals", ""),
		goal("売上", ""),
		goal("利益", ""),
	}}
	if err := b.Validate(); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, g := range b.Goals {
		keys = append(keys, g.Key)
	}
	if got, want := strings.Join(keys, " "), "deal-value-2 pipeline pipeline-2 pipeline-3 deals deal-value deals-2 goal goal-2"; got != want {
		t.Errorf("keys %s, want %s", got, want)
	}
	// Validating again keeps them.
	if err := b.Validate(); err != nil {
		t.Fatal(err)
	}
	for i, g := range b.Goals {
		if g.Key != keys[i] {
			t.Errorf("goal %d key %s, was %s", i, g.Key, keys[i])
		}
	}
}

func TestBriefResults(t *testing.T) {
	b := Brief{Goals: []KPI{
		{Key: "pipeline", Name: "Pipeline", Target: 400000, Side: SideHost},
		{Key: "mqls", Name: "MQLs", Target: 50, Side: SideHost},
		{Key: "leads", Name: "Leads", Target: 200, Side: SidePartner, Measure: MeasureLeads},
		{Key: "accepted", Name: "Accepted", Target: 100, Side: SidePartner, Measure: MeasureLeadsAccepted},
		{Key: "to-host", Name: "To host", Target: 10, Side: SideHost, Measure: MeasureLeadsToHost},
		{Key: "to-partner", Name: "To partner", Target: 10, Side: SidePartner, Measure: MeasureLeadsToPartner},
		{Key: "by-host", Name: "By host", Target: 4, Side: SideHost, Measure: MeasureSourcedByHost},
		{Key: "by-partner", Name: "By partner", Target: 3, Side: SidePartner, Measure: MeasureSourcedByPartner},
	}}
	leads := LeadCounts{Routed: 150, Accepted: 100, ToHost: 0, ToPartner: 25, SourcedByHost: 3, SourcedByPart: 4}
	// Entered actuals for computed goals are ignored.
	got := b.Results(map[string]float64{"pipeline": 150000, "leads": 999}, leads)
	for i, want := range []struct {
		actual   float64 // -1: none
		percent  int
		met      bool
		computed bool
	}{
		{150000, 37, false, false},
		{-1, 0, false, false},
		{150, 75, false, true},
		{100, 100, true, true},
		{0, 0, false, true},
		{25, 250, true, true},
		{3, 75, false, true},
		{4, 133, true, true},
	} {
		r := got[i]
		if r.Key != b.Goals[i].Key || r.Percent != want.percent || r.Met != want.met || r.Computed != want.computed ||
			(want.actual < 0) != (r.Actual == nil) || (r.Actual != nil && *r.Actual != want.actual) {
			t.Errorf("%s: %+v (actual %v), want %+v", r.Key, r, r.Actual, want)
		}
	}
	if len(b.Results(nil, LeadCounts{})) != len(b.Goals) {
		t.Error("one result per goal")
	}
}

func TestFormatNumber(t *testing.T) {
	for _, tc := range []struct {
		n    float64
		want string
	}{
		{400000, "400,000"}, {12.5, "12.5"}, {0, "0"}, {math.Copysign(0, -1), "0"}, {-5, "-5"},
		{999, "999"}, {1000, "1,000"}, {-1234567.25, "-1,234,567.25"}, {0.1, "0.1"}, {-0.5, "-0.5"},
		{1e12, "1,000,000,000,000"}, {100000, "100,000"},
	} {
		if got := FormatNumber(tc.n); got != tc.want {
			t.Errorf("FormatNumber(%v) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestBudget(t *testing.T) {
	for _, tc := range []struct {
		l             BudgetLine
		host, partner float64
	}{
		{BudgetLine{Amount: 1000, PaidBy: PaidByHost}, 1000, 0},
		{BudgetLine{Amount: 1000, PaidBy: PaidByPartner}, 0, 1000},
		{BudgetLine{Amount: 1000, PaidBy: PaidByShared, HostShare: 30}, 300, 700},
		{BudgetLine{Amount: 1000, PaidBy: PaidByShared, HostShare: 100}, 1000, 0},
		{BudgetLine{Amount: 999, PaidBy: PaidByShared}, 0, 999},
	} {
		if h, p := tc.l.Split(); h != tc.host || p != tc.partner {
			t.Errorf("%+v splits %v/%v, want %v/%v", tc.l, h, p, tc.host, tc.partner)
		}
	}
	b := validBrief()
	if total, host, partner := b.BudgetTotals(); total != 17000 || host != 13500 || partner != 3500 {
		t.Errorf("totals %v %v %v", total, host, partner)
	}
}

func TestBriefText(t *testing.T) {
	b := validBrief()
	if err := b.Validate(); err != nil {
		t.Fatal(err)
	}
	text := b.Text()
	for _, want := range []string{
		"## Goals\n- Pipeline: 400,000 USD (owned by the host side)\n- Leads: 200",
		"(owned by the partner side; measured as leads routed)\n\n## Audience",
		"## Audience\nIT leaders\nin retail\n",
		"## Scope\n(empty)\n",
		"## Budget (EUR)\n- Webinar: 12,000 paid by host\n- Ads: 5,000 paid by shared (host 30%, partner 70%)\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("Text:\n%s\nwants %q", text, want)
		}
	}
	if !strings.HasSuffix(text, "## Partner contacts\n(empty)\n") {
		t.Errorf("Text ends %q", text[len(text)-40:])
	}
	if got := (&Brief{}).Text(); !strings.HasPrefix(got, "## Goals\n(none)\n") {
		t.Errorf("empty brief %q", got)
	}
	for _, m := range KPIMeasures {
		if MeasureName(m) == "" || MeasureName(m) == m {
			t.Errorf("measure %q has no name", m)
		}
	}
}

func TestDocVersion(t *testing.T) {
	at := time.Date(2027, 3, 5, 10, 0, 0, 0, time.UTC)
	v := DocVersion{Kind: DocBrief, SignOffs: []DocSignOff{{Side: SideHost}, {Side: SidePartner}}}
	if v.FullySigned() || v.SignedBy(SideHost).Signer != nil {
		t.Error("unsigned")
	}
	v.SignedBy(SideHost).Signer, v.SignedBy(SideHost).Signed = &Author{Name: "Ann", Side: SideHost}, &at
	if v.FullySigned() || v.SignOffs[0].Signer == nil {
		t.Error("signed by the host only")
	}
	v.SignedBy(SidePartner).Signer = &Author{Name: "Dan", Side: SidePartner}
	if !v.FullySigned() {
		t.Error("signed by both")
	}
	if (&DocVersion{SignOffs: []DocSignOff{{Side: SideHost, Signer: &Author{}}}}).FullySigned() {
		t.Error("a missing side's sign-off")
	}
	if (&DocVersion{}).SignedBy(SidePartner) != nil {
		t.Error("no sign-offs")
	}
	for _, k := range []string{DocBrief, DocRACI, DocRules} {
		if DocName(k) == k {
			t.Errorf("%s has no name", k)
		}
	}
	for _, tc := range []struct {
		in    DocSave
		field string
	}{
		{DocSave{Base: 3, Note: "tightened the SLA"}, ""},
		{DocSave{Base: -1}, "base"},
		{DocSave{Note: strings.Repeat("n", 501)}, "note"},
	} {
		if err := tc.in.Validate(); ErrorField(err) != tc.field || (tc.field == "") != (err == nil) {
			t.Errorf("%+v: %v", tc.in, err)
		}
	}
}
