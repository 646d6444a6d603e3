package web

import (
	"encoding/json"
	"net/url"
	"reflect"
	"slices"
	"testing"

	"duet/internal/duet"
)

func TestParseRulesForm(t *testing.T) {
	v := url.Values{
		"version": {"3"},
		// The spare fieldset, left empty: dropped.
		"rules.1.name": {""}, "rules.1.position": {"2"}, "rules.1.route.side": {"host"}, "rules.1.sla.accept_hours": {"8"},
		"rules.1.when.0.field": {""}, "rules.1.when.0.values": {""},
		// The fallback, last.
		"rules.2.name": {"Everything else"}, "rules.2.key": {"fallback"}, "rules.2.position": {"3"}, "rules.2.route.side": {"host"},
		"rules.2.route.to": {"role"}, "rules.2.route.role": {"content-lead"}, "rules.2.sla.accept_hours": {"8"}, "rules.2.sla.contact_days": {"2"},
		"rules.2.attribution.kind": {"sourced"}, "rules.2.attribution.side": {"host"}, "rules.2.attribution.split": {"100"},
		"rules.2.when.0.field": {""},
		// A rule with two conditions (a blank third dropped) and a pool.
		"rules.0.name": {"EU leads"}, "rules.0.key": {"rule-1"}, "rules.0.position": {"1"},
		"rules.0.when.0.field": {"country"}, "rules.0.when.0.op": {"in"}, "rules.0.when.0.values": {"DE, FR ,,"},
		"rules.0.when.1.field": {"employees"}, "rules.0.when.1.op": {"range"}, "rules.0.when.1.min": {"1,000"}, "rules.0.when.1.max": {""},
		"rules.0.when.2.field": {""},
		"rules.0.route.side":   {"partner"}, "rules.0.route.to": {"pool"},
		"rules.0.route.pool.0.member": {"m-sally"}, "rules.0.route.pool.0.weight": {"2"},
		"rules.0.route.pool.1.weight": {"1"}, // not chosen
		"rules.0.route.pool.2.member": {"m-pia"}, "rules.0.route.pool.2.weight": {"1"},
		"rules.0.sla.accept_hours": {" 4 "}, "rules.0.sla.contact_days": {"2"},
		"rules.0.attribution.kind": {"sourced"}, "rules.0.attribution.side": {"partner"}, "rules.0.attribution.split": {"100"},
		"rules.0.escalate": {"partner-marketing-lead"}, "rules.0.reroute": {"1"},
		// Removed with its box.
		"rules.7.name": {"Old rule"}, "rules.7.remove": {"1"}, "rules.7.when.0.field": {"company"},
		// Not a rule at all.
		"rules.x.name": {"ignored"}, "rulesy": {"ignored"}, "rules.-1.name": {"ignored"},
	}
	forms := parseRulesForm(v)
	if len(forms) != 2 || forms[0].Name != "EU leads" || forms[1].Name != "Everything else" {
		t.Fatalf("forms %+v", forms)
	}
	rs, err := ruleSet(forms)
	if err != nil {
		t.Fatal(err)
	}
	thousand := 1000
	want := duet.RuleSet{Rules: []duet.Rule{
		{Key: "rule-1", Name: "EU leads", When: []duet.Condition{{Field: "country", Op: "in", Values: []string{"DE", "FR"}},
			{Field: "employees", Op: "range", Min: &thousand}},
			Route: duet.Route{Side: "partner", To: "pool", Pool: []duet.PoolMember{{Member: "m-sally", Weight: 2}, {Member: "m-pia", Weight: 1}}},
			SLA:   duet.SLA{AcceptHours: 4, ContactDays: 2}, Attribution: duet.Attribution{Kind: "sourced", Side: "partner", Split: 100},
			Escalate: "partner-marketing-lead", Reroute: true},
		{Key: "fallback", Name: "Everything else", Route: duet.Route{Side: "host", To: "role", Role: "content-lead"},
			SLA: duet.SLA{AcceptHours: 8, ContactDays: 2}, Attribution: duet.Attribution{Kind: "sourced", Side: "host", Split: 100}},
	}}
	if !reflect.DeepEqual(want, rs) {
		t.Errorf("rule set\n got %s\nwant %s", jsonOf(rs), jsonOf(want))
	}
}

func TestParseRulesFormOrder(t *testing.T) {
	rule := func(v url.Values, i, name, pos string) {
		v.Set("rules."+i+".name", name)
		v.Set("rules."+i+".position", pos)
		v.Set("rules."+i+".when.0.field", "country")
	}
	names := func(fs []RuleForm) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.Name)
		}
		return out
	}
	// Without script: C typed to position 1 goes before A, which was there.
	v := url.Values{}
	rule(v, "0", "A", "1")
	rule(v, "1", "B", "2")
	rule(v, "2", "C", "1")
	rule(v, "3", "D", "4")
	if got := names(parseRulesForm(v)); !slices.Equal(got, []string{"C", "A", "B", "D"}) {
		t.Errorf("moved to 1: %v", got)
	}
	// Down: A typed to 3 goes after B and before... C, which held 3.
	v = url.Values{}
	rule(v, "0", "A", "3")
	rule(v, "1", "B", "2")
	rule(v, "2", "C", "3")
	if got := names(parseRulesForm(v)); !slices.Equal(got, []string{"B", "A", "C"}) {
		t.Errorf("moved to 3: %v", got)
	}
	// A position that is not a number keeps the rule after the one
	// before it; the numbers in the names only give the form's order.
	v = url.Values{}
	rule(v, "10", "A", "1")
	rule(v, "12", "B", "")
	rule(v, "11", "C", "x")
	rule(v, "13", "D", "2")
	if got := names(parseRulesForm(v)); !slices.Equal(got, []string{"A", "C", "B", "D"}) {
		t.Errorf("unnumbered: %v", got)
	}
}

func TestRuleSetNumbers(t *testing.T) {
	f := RuleForm{Name: "R", AcceptHours: "four", ContactDays: "2", AttrSplit: "100"}
	_, err := ruleSet([]RuleForm{f})
	if duet.ErrorField(err) != "rules[0].sla.accept_hours" || duet.ErrorMessage(err) != `must be a whole number of business hours, such as 4, not "four"` {
		t.Errorf("accept hours: %v (%s)", err, duet.ErrorField(err))
	}
	f.AcceptHours, f.AttrSplit = "4", ""
	if _, err := ruleSet([]RuleForm{f}); duet.ErrorField(err) != "rules[0].attribution.split" {
		t.Errorf("split: %v", err)
	}
	f.AttrSplit = "100"
	f.When = []CondForm{{Field: "employees", Op: "range", Min: "lots"}}
	if _, err := ruleSet([]RuleForm{f, f}); duet.ErrorField(err) != "rules[0].when[0].min" {
		t.Errorf("min: %v", err)
	}
	f.When = nil
	f.To, f.Pool = duet.ToPool, []PoolForm{{Member: "m1", Weight: "x"}}
	if _, err := ruleSet([]RuleForm{f}); duet.ErrorField(err) != "rules[0].route.pool[0].weight" {
		t.Errorf("weight: %v", err)
	}
}

func TestValuesRoundTrip(t *testing.T) {
	for _, vs := range [][]string{{"DE", "FR"}, {"Acme, Inc.", "Globex"}, {"a.example", "b.example", "c.example", "d.example", "e.example", "f.example", "g.example"}, {"one"}} {
		if got := splitValues(joinValues(vs)); !slices.Equal(got, vs) {
			t.Errorf("%q → %q → %q", vs, joinValues(vs), got)
		}
	}
	if got := splitValues("a.example\r\nb.example, c.example\n\n"); !slices.Equal(got, []string{"a.example", "b.example, c.example"}) {
		t.Errorf("lines: %q", got)
	}
}

// TestRuleFormsRoundTrip: the editor shows a saved rule set so that
// saving it unchanged sends the same rules, and core saves nothing new.
func TestRuleFormsRoundTrip(t *testing.T) {
	rs := euRules()
	rs.Rules[0].Key, rs.Rules[1].Key = "rule-1", "rule-2"
	two := 200
	rs.Rules = append([]duet.Rule{{Key: "big", Name: "Big customers", When: []duet.Condition{{Field: duet.FieldEmployees, Op: duet.OpRange, Min: &two},
		{Field: duet.FieldHostCustomer, Op: duet.OpEquals, Values: []string{"true"}}},
		Route: duet.Route{Side: duet.SideHost, To: duet.ToPool, Pool: []duet.PoolMember{{Member: "m2", Weight: 3}, {Member: "m1", Weight: 1}}},
		SLA:   duet.SLA{AcceptHours: 2}, Attribution: duet.Attribution{Kind: duet.AttrInfluenced, Side: duet.SidePartner, Split: 30}, Reroute: true}}, rs.Rules...)
	back, err := ruleSet(parseRulesForm(ruleFormValues(rs, 1)))
	if err != nil {
		t.Fatal(err)
	}
	// The flag reads "yes" in the form; core tidies it back to "true".
	back.Rules[0].When[1].Values = []string{"true"}
	if !reflect.DeepEqual(rs, back) {
		t.Errorf("round trip\nsent %s\nsaved %s", jsonOf(back), jsonOf(rs))
	}
}

func TestParseErrPath(t *testing.T) {
	for field, want := range map[string][3]any{
		"rules[2].when[0].field":         {2, 0, "field"},
		"rules[1].sla.accept_hours":      {1, -1, "sla.accept_hours"},
		"rules[3].when":                  {3, -1, "when"},
		"rules[0].route.pool[4].member":  {0, -1, "route.pool"},
		"rules[12].route.member":         {12, -1, "route.member"},
		"rules[0].when[11].values":       {0, 11, "values"},
		"rules[5]":                       {5, -1, ""},
		"rules[0].attribution.split":     {0, -1, "attribution.split"},
		"rules[0].route.pool[0].weight":  {0, -1, "route.pool"},
		"rules[0].when[1].min":           {0, 1, "min"},
		"rules[1].escalate":              {1, -1, "escalate"},
		"rules[1].reroute":               {1, -1, "reroute"},
		"rules[1].key":                   {1, -1, "key"},
		"rules[2].attribution.kind":      {2, -1, "attribution.kind"},
		"rules[2].route.to":              {2, -1, "route.to"},
		"rules[2].route.side":            {2, -1, "route.side"},
		"rules[2].route.role":            {2, -1, "route.role"},
		"rules[0].when[0].op":            {0, 0, "op"},
		"rules[0].sla.contact_days":      {0, -1, "sla.contact_days"},
		"rules[0].attribution.side":      {0, -1, "attribution.side"},
		"rules[0].name":                  {0, -1, "name"},
		"rules[0].when[0].max":           {0, 0, "max"},
		"rules[10].route.pool":           {10, -1, "route.pool"},
		"rules[0].route.pool[11].member": {0, -1, "route.pool"},
		"rules[1].when[2].field":         {1, 2, "field"},
		"rules[4].sla.accept_hours":      {4, -1, "sla.accept_hours"},
		"rules[0].when[3].values":        {0, 3, "values"},
		"rules[7].name":                  {7, -1, "name"},
		"rules[0].route.pool[2].weight":  {0, -1, "route.pool"},
		"rules":                          {},
		"file":                           {},
	} {
		r, c, p, ok := parseErrPath(field)
		if want == [3]any{} {
			if ok {
				t.Errorf("%q parsed as (%d, %d, %q)", field, r, c, p)
			}
			continue
		}
		if !ok || r != want[0] || c != want[1] || p != want[2] {
			t.Errorf("%q = (%d, %d, %q, %v), want %v", field, r, c, p, ok, want)
		}
	}
}

// jsonOf shows a rule set in a failure.
func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
