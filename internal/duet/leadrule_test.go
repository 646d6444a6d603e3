package duet

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// The lead-rule fixture: two roles and three members on the host side, two
// roles and two members on the partner side.
var (
	ruleRoles = []Role{
		{Key: "pm", Name: "Partner manager", Side: SideHost},
		{Key: "sdr", Name: "SDR", Side: SideHost},
		{Key: "ae", Name: "Account executive", Side: SidePartner},
		{Key: "marketer", Name: "Partner marketer", Side: SidePartner},
	}
	ruleMembers = []Member{
		{ID: "h1", Name: "Alice", Side: SideHost, RoleKeys: []string{"pm"}},
		{ID: "h2", Name: "Bob", Side: SideHost, RoleKeys: []string{"sdr"}},
		{ID: "h3", Name: "Carol", Side: SideHost, RoleKeys: []string{"sdr"}},
		{ID: "p1", Name: "Dan", Side: SidePartner, RoleKeys: []string{"ae"}},
		{ID: "p2", Name: "Erin", Side: SidePartner, RoleKeys: []string{"ae", "marketer"}},
	}
)

func ip(n int) *int { return &n }

func toMember(side Side, id string) Route { return Route{Side: side, To: ToMember, Member: id} }
func toRole(side Side, key string) Route  { return Route{Side: side, To: ToRole, Role: key} }
func toPool(side Side, pool ...PoolMember) Route {
	return Route{Side: side, To: ToPool, Pool: pool}
}

// rule builds a valid rule: a one-day SLA and the routed side sourcing it.
func rule(name string, r Route, when ...Condition) Rule {
	return Rule{Name: name, When: when, Route: r, SLA: SLA{AcceptHours: 8, ContactDays: 2},
		Attribution: Attribution{Kind: AttrSourced, Side: r.Side, Split: 100}}
}

func cond(field, op string, values ...string) Condition {
	return Condition{Field: field, Op: op, Values: values}
}

// mustRules validates rules against the fixture and fails the test if
// they are refused.
func mustRules(t *testing.T, rules ...Rule) *RuleSet {
	t.Helper()
	rs := &RuleSet{Rules: rules}
	if err := rs.Validate(ruleRoles, ruleMembers); err != nil {
		t.Fatalf("rules refused: %v", err)
	}
	return rs
}

func TestRouteOperators(t *testing.T) {
	for _, tc := range []struct {
		name  string
		c     Condition
		l     LeadFacts
		match bool
		why   string // a part of the first check's Why
	}{
		{"equals ignores case", cond(FieldCompany, OpEquals, "Acme Corp"), LeadFacts{Company: "acme corp"}, true, "company is “acme corp”"},
		{"equals differs", cond(FieldCountry, OpEquals, "US"), LeadFacts{Country: "DE"}, false, "country is “DE”, not “US”"},
		{"equals on an empty field", cond(FieldCountry, OpEquals, "US"), LeadFacts{}, false, "country is empty"},
		{"in", cond(FieldRegion, OpIn, "EMEA", "APAC"), LeadFacts{Region: "apac"}, true, "region “apac” is one of EMEA, APAC"},
		{"not in the list", cond(FieldRegion, OpIn, "EMEA", "APAC"), LeadFacts{Region: "AMER"}, false, "region “AMER” is not one of EMEA, APAC"},
		{"not_in ignores case", cond(FieldCountry, OpNotIn, "us", "ca"), LeadFacts{Country: "US"}, false, "country “US” is excluded"},
		{"not_in passes others", cond(FieldCountry, OpNotIn, "us", "ca"), LeadFacts{Country: "DE"}, true, "country “DE” is not one of us, ca"},
		{"not_in on an empty field", cond(FieldCountry, OpNotIn, "us"), LeadFacts{}, false, "country is empty"},
		{"industry in", cond(FieldIndustry, OpIn, "Retail"), LeadFacts{Industry: "retail"}, true, "industry “retail”"},
		{"form id", cond(FieldFormID, OpEquals, "webinar-7"), LeadFacts{FormID: "webinar-7"}, true, "form id is “webinar-7”"},
		{"utm source", cond(FieldUTMSource, OpNotIn, "partner"), LeadFacts{UTMSource: "linkedin"}, true, "utm source “linkedin”"},
		{"campaign", cond(FieldCampaign, OpEquals, "spring"), LeadFacts{Campaign: "fall"}, false, "campaign is “fall”, not “spring”"},

		{"range lower bound inclusive", Condition{Field: FieldEmployees, Op: OpRange, Min: ip(100), Max: ip(500)}, LeadFacts{Employees: 100, EmployeesKnown: true}, true, "employee count 100 is 100–500"},
		{"range upper bound inclusive", Condition{Field: FieldEmployees, Op: OpRange, Min: ip(100), Max: ip(500)}, LeadFacts{Employees: 500, EmployeesKnown: true}, true, "500"},
		{"range above", Condition{Field: FieldEmployees, Op: OpRange, Min: ip(100), Max: ip(500)}, LeadFacts{Employees: 501, EmployeesKnown: true}, false, "employee count 501 is outside 100–500"},
		{"range below", Condition{Field: FieldEmployees, Op: OpRange, Min: ip(100), Max: ip(500)}, LeadFacts{Employees: 99, EmployeesKnown: true}, false, "outside"},
		{"range open above", Condition{Field: FieldEmployees, Op: OpRange, Min: ip(1000)}, LeadFacts{Employees: 25000, EmployeesKnown: true}, true, "employee count 25,000 is 1,000 or more"},
		{"range open below", Condition{Field: FieldEmployees, Op: OpRange, Max: ip(50)}, LeadFacts{Employees: 0, EmployeesKnown: true}, true, "up to 50"},
		{"range open below, above it", Condition{Field: FieldEmployees, Op: OpRange, Max: ip(50)}, LeadFacts{Employees: 51, EmployeesKnown: true}, false, "outside up to 50"},
		{"range with an unknown count", Condition{Field: FieldEmployees, Op: OpRange, Max: ip(50)}, LeadFacts{Employees: 0}, false, "employee count is unknown"},
		{"employees equals", cond(FieldEmployees, OpEquals, "250"), LeadFacts{Employees: 250, EmployeesKnown: true}, true, "employee count is 250"},
		{"employees equals differs", cond(FieldEmployees, OpEquals, "250"), LeadFacts{Employees: 2500, EmployeesKnown: true}, false, "employee count is 2,500, not 250"},

		{"domain list, the domain", cond(FieldEmailDomain, OpDomainList, "acme.com"), LeadFacts{Domain: "acme.com"}, true, "email domain “acme.com” is on the domain list"},
		{"domain list, a subdomain", cond(FieldEmailDomain, OpDomainList, "acme.com"), LeadFacts{Domain: "eu.acme.com"}, true, "“eu.acme.com” is on the domain list"},
		{"domain list, upper case", cond(FieldEmailDomain, OpDomainList, "ACME.com"), LeadFacts{Domain: "EU.Acme.COM"}, true, "on the domain list"},
		{"domain list, a look-alike", cond(FieldEmailDomain, OpDomainList, "acme.com"), LeadFacts{Domain: "notacme.com"}, false, "“notacme.com” is not on the domain list"},
		{"domain list, a prefix", cond(FieldEmailDomain, OpDomainList, "acme.com"), LeadFacts{Domain: "acme.com.evil.io"}, false, "not on the domain list"},
		{"domain equals is exact", cond(FieldEmailDomain, OpEquals, "acme.com"), LeadFacts{Domain: "eu.acme.com"}, false, "not “acme.com”"},

		{"host customer yes", cond(FieldHostCustomer, OpEquals, "yes"), LeadFacts{HostCustomer: true}, true, "existing host customer"},
		{"host customer wanted", cond(FieldHostCustomer, OpEquals, "yes"), LeadFacts{}, false, "existing host customer is no, and the rule wants yes"},
		{"partner customer no", cond(FieldPartnerCustomer, OpEquals, "no"), LeadFacts{}, true, "not existing partner customer"},
		{"partner customer unwanted", cond(FieldPartnerCustomer, OpEquals, "No"), LeadFacts{PartnerCustomer: true}, false, "existing partner customer is yes, and the rule wants no"},
		{"owner assigned", cond(FieldOwnerAssigned, OpEquals, "TRUE"), LeadFacts{OwnerAssigned: true}, true, "owner already assigned"},
		{"owner not assigned", cond(FieldOwnerAssigned, OpEquals, "1"), LeadFacts{}, false, "owner already assigned is no"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs := mustRules(t,
				rule("Under test", toMember(SideHost, "h1"), tc.c),
				rule("Fallback", toRole(SideHost, "sdr")))
			tc.l.Origin, tc.l.Consent = SideHost, true
			o := rs.Route(tc.l)
			want := 1
			if tc.match {
				want = 0
			}
			if o.Index != want || o.Checks[0].Matched != tc.match {
				t.Fatalf("Index %d, Checks %+v; want the rule to match: %v", o.Index, o.Checks, tc.match)
			}
			if !strings.Contains(o.Checks[0].Why, tc.why) {
				t.Errorf("Why %q does not contain %q", o.Checks[0].Why, tc.why)
			}
			if tc.match && !strings.Contains(o.Reason, `Rule 1 "Under test" matched`) {
				t.Errorf("Reason %q", o.Reason)
			}
		})
	}
}

func TestRouteAllConditionsMustHold(t *testing.T) {
	rs := mustRules(t,
		rule("Big EMEA", toRole(SideHost, "pm"),
			cond(FieldRegion, OpEquals, "EMEA"),
			Condition{Field: FieldEmployees, Op: OpRange, Min: ip(1000)}),
		rule("Fallback", toRole(SideHost, "sdr")))
	o := rs.Route(LeadFacts{Region: "EMEA", Employees: 10, EmployeesKnown: true, Origin: SideHost})
	if o.Index != 1 || !strings.Contains(o.Checks[0].Why, "employee count 10 is outside 1,000 or more") {
		t.Errorf("small EMEA lead: Index %d, %+v", o.Index, o.Checks)
	}
	o = rs.Route(LeadFacts{Region: "EMEA", Employees: 5000, EmployeesKnown: true, Origin: SideHost})
	if o.Index != 0 || o.Checks[0].Why != "region is “EMEA” and employee count 5,000 is 1,000 or more" {
		t.Errorf("big EMEA lead: Index %d, %+v", o.Index, o.Checks)
	}
}

func TestRouteFirstMatchWinsAndExplains(t *testing.T) {
	rs := mustRules(t,
		rule("Enterprise", toRole(SideHost, "pm"), Condition{Field: FieldEmployees, Op: OpRange, Min: ip(1000)}),
		rule("Acme", toMember(SideHost, "h2"), cond(FieldEmailDomain, OpDomainList, "acme.com")),
		rule("Retail", toPool(SideHost, PoolMember{"h2", 1}, PoolMember{"h3", 1}), cond(FieldIndustry, OpIn, "Retail", "Grocery")),
		rule("Fallback", toRole(SideHost, "sdr")))

	// Both the first and the second rule match: the first decides, and
	// the later ones are not tried.
	o := rs.Route(LeadFacts{Domain: "acme.com", Employees: 5000, EmployeesKnown: true, Origin: SideHost})
	if o.Index != 0 || o.Rule.Name != "Enterprise" || o.Route.Role != "pm" || len(o.Checks) != 1 {
		t.Errorf("first match: %+v", o)
	}
	o = rs.Route(LeadFacts{Domain: "eu.acme.com", Employees: 20, EmployeesKnown: true, Industry: "Retail", Origin: SideHost})
	if o.Index != 1 || o.Route.Member != "h2" || len(o.Checks) != 2 {
		t.Errorf("second match: %+v", o)
	}

	// Nothing matches: one check per rule, in order, each earlier one
	// saying which value did not fit.
	o = rs.Route(LeadFacts{Domain: "globex.io", Employees: 40, EmployeesKnown: true, Industry: "Energy", Origin: SideHost})
	if o.Index != 3 || !routeEqual(o.Route, rs.Rules[3].Route) || o.ConsentKept {
		t.Fatalf("fallback: %+v", o)
	}
	if len(o.Checks) != 4 {
		t.Fatalf("%d checks, want 4: %+v", len(o.Checks), o.Checks)
	}
	for i, want := range []string{"40", "“globex.io”", "“Energy”", "the fallback matches every lead"} {
		c := o.Checks[i]
		if c.Index != i || c.Name != rs.Rules[i].Name || c.Matched != (i == 3) || c.Why == "" || !strings.Contains(c.Why, want) {
			t.Errorf("check %d = %+v, want Why naming %s", i, c, want)
		}
	}
	if o.Reason != `No earlier rule matched; the fallback "Fallback" takes it.` {
		t.Errorf("Reason %q", o.Reason)
	}
}

func TestRouteConsent(t *testing.T) {
	toPartner := func(fallback Route) *RuleSet {
		return mustRules(t,
			rule("EMEA to the partner", toRole(SidePartner, "ae"), cond(FieldRegion, OpEquals, "EMEA")),
			rule("Partner customers stay", toRole(SidePartner, "marketer"), cond(FieldPartnerCustomer, OpEquals, "yes")),
			rule("Fallback", fallback))
	}
	hostFallback := toRole(SideHost, "sdr")
	partnerFallback := toMember(SidePartner, "p1")
	for _, tc := range []struct {
		name        string
		rs          *RuleSet
		l           LeadFacts
		index       int
		route       Route
		consentKept bool
	}{
		{"with consent, a lead crosses to the partner", toPartner(hostFallback),
			LeadFacts{Region: "EMEA", Consent: true, Origin: SideHost}, 0, toRole(SidePartner, "ae"), false},
		{"without consent, the rule to the other side is skipped", toPartner(hostFallback),
			LeadFacts{Region: "EMEA", Origin: SideHost}, 2, hostFallback, false},
		{"without consent, a rule to the origin's side still matches", toPartner(hostFallback),
			LeadFacts{Region: "EMEA", Origin: SidePartner}, 0, toRole(SidePartner, "ae"), false},
		{"without consent, a fallback to the other side keeps the lead home", toPartner(partnerFallback),
			LeadFacts{Region: "APAC", Origin: SideHost}, 2, Route{Side: SideHost, To: ToSide}, true},
		{"without consent, a fallback to the origin's side routes normally", toPartner(partnerFallback),
			LeadFacts{Region: "APAC", Origin: SidePartner}, 2, partnerFallback, false},
		{"with consent, the fallback crosses", toPartner(partnerFallback),
			LeadFacts{Region: "APAC", Consent: true, Origin: SideHost}, 2, partnerFallback, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := tc.rs.Route(tc.l)
			if o.Index != tc.index || !routeEqual(o.Route, tc.route) || o.ConsentKept != tc.consentKept {
				t.Fatalf("got Index %d Route %+v ConsentKept %v, want %d %+v %v", o.Index, o.Route, o.ConsentKept, tc.index, tc.route, tc.consentKept)
			}
			if len(o.Checks) != o.Index+1 || !o.Checks[o.Index].Matched {
				t.Fatalf("checks %+v", o.Checks)
			}
			if !tc.l.Consent && o.Route.Side != tc.l.Origin {
				t.Errorf("a lead without consent went to the %s side", o.Route.Side)
			}
			if tc.name == "without consent, the rule to the other side is skipped" {
				if c := o.Checks[0]; c.Matched || !strings.Contains(c.Why, "region is “EMEA”; but the lead has no consent to be shared and this rule routes to the partner side") {
					t.Errorf("skipped rule check %+v", c)
				}
			}
			if tc.consentKept {
				if c := o.Checks[2]; !strings.Contains(c.Why, "no consent") {
					t.Errorf("fallback check %+v", c)
				}
				if !strings.Contains(o.Reason, "stays with the host side") || o.Rule.Name != "Fallback" {
					t.Errorf("Reason %q, Rule %q", o.Reason, o.Rule.Name)
				}
			}
		})
	}
}

func routeEqual(a, b Route) bool {
	return a.Side == b.Side && a.To == b.To && a.Member == b.Member && a.Role == b.Role && fmt.Sprint(a.Pool) == fmt.Sprint(b.Pool)
}

func TestRouteEmptySet(t *testing.T) {
	var rs RuleSet
	o := rs.Route(LeadFacts{Origin: SidePartner})
	if o.Index != -1 || o.Route.Side != SidePartner || o.Route.To != ToSide {
		t.Errorf("%+v", o)
	}
}

// validRules is a rule set the fixture accepts; each Validate case
// breaks one thing of it.
func validRules() RuleSet {
	return RuleSet{Rules: []Rule{
		rule("Enterprise", toRole(SidePartner, "ae"), Condition{Field: FieldEmployees, Op: OpRange, Min: ip(1000), Max: ip(50000)}),
		rule("Round robin", toPool(SideHost, PoolMember{"h2", 2}, PoolMember{"h3", 1}), cond(FieldCountry, OpIn, "US", "CA")),
		rule("Fallback", toMember(SideHost, "h1")),
	}}
}

func TestRuleSetValidate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(rs *RuleSet)
		field  string
		msg    string // a part of the message
	}{
		{"no rules", func(rs *RuleSet) { rs.Rules = nil }, "rules", "fallback"},
		{"too many rules", func(rs *RuleSet) {
			for len(rs.Rules) <= MaxRules {
				rs.Rules = append([]Rule{rs.Rules[0]}, rs.Rules...)
			}
		}, "rules", "at most 500"},
		{"the last rule has conditions", func(rs *RuleSet) { rs.Rules = rs.Rules[:2] }, "rules[1].when", "the last rule must be the fallback"},
		{"a single rule with conditions", func(rs *RuleSet) { rs.Rules = rs.Rules[:1] }, "rules[0].when", "fallback"},
		{"an earlier rule without conditions", func(rs *RuleSet) { rs.Rules[0].When = nil }, "rules[0].when", `"Enterprise" has no conditions`},
		{"too many conditions", func(rs *RuleSet) {
			for range 21 {
				rs.Rules[1].When = append(rs.Rules[1].When, cond(FieldCountry, OpIn, "US"))
			}
		}, "rules[1].when", "at most 20"},
		{"no name", func(rs *RuleSet) { rs.Rules[1].Name = "  " }, "rules[1].name", "required"},
		{"a name on two lines", func(rs *RuleSet) { rs.Rules[1].Name = "a\nb" }, "rules[1].name", "single line"},
		{"a name too long", func(rs *RuleSet) { rs.Rules[2].Name = strings.Repeat("x", 121) }, "rules[2].name", "at most 120"},
		{"a duplicate key", func(rs *RuleSet) { rs.Rules[0].Key, rs.Rules[2].Key = "vip", "vip" }, "rules[2].key", `"vip" is used by two rules`},
		{"a key that is not a slug", func(rs *RuleSet) { rs.Rules[1].Key = "Round Robin" }, "rules[1].key", "lower-case letters"},
		{"an unknown field", func(rs *RuleSet) { rs.Rules[0].When[0].Field = "revenue" }, "rules[0].when[0].field",
			`"revenue" is not a lead field; use one of email_domain, company, country, region, employees, industry, form_id, utm_source, campaign, host_customer, partner_customer, owner_assigned`},
		{"range on text", func(rs *RuleSet) { rs.Rules[1].When[0].Op = OpRange }, "rules[1].when[0].op", `"range" does not apply to country; use equals, in and not_in`},
		{"domain list on a company", func(rs *RuleSet) { rs.Rules[1].When[0] = cond(FieldCompany, OpDomainList, "acme.com") }, "rules[1].when[0].op", "does not apply to company"},
		{"in on a flag", func(rs *RuleSet) { rs.Rules[1].When[0] = cond(FieldHostCustomer, OpIn, "yes") }, "rules[1].when[0].op", "use equals"},
		{"an unknown operator", func(rs *RuleSet) { rs.Rules[1].When[0].Op = "contains" }, "rules[1].when[0].op", `"contains"`},
		{"range min above max", func(rs *RuleSet) { rs.Rules[0].When[0].Min = ip(60000) }, "rules[0].when[0].max", "the maximum 50000 is below the minimum 60000"},
		{"range without bounds", func(rs *RuleSet) { rs.Rules[0].When[0].Min, rs.Rules[0].When[0].Max = nil, nil }, "rules[0].when[0].min", "a minimum, a maximum or both"},
		{"range below zero", func(rs *RuleSet) { rs.Rules[0].When[0].Min = ip(-1) }, "rules[0].when[0].min", "negative"},
		{"equals with two values", func(rs *RuleSet) { rs.Rules[1].When[0] = cond(FieldCountry, OpEquals, "US", "CA") }, "rules[1].when[0].values", "equals takes one value"},
		{"no values", func(rs *RuleSet) { rs.Rules[1].When[0].Values = []string{" ", ""} }, "rules[1].when[0].values", "at least one value"},
		{"a flag neither yes nor no", func(rs *RuleSet) { rs.Rules[1].When[0] = cond(FieldOwnerAssigned, OpEquals, "maybe") }, "rules[1].when[0].values", `"maybe" is not yes or no`},
		{"employees not a number", func(rs *RuleSet) { rs.Rules[1].When[0] = cond(FieldEmployees, OpEquals, "many") }, "rules[1].when[0].values", "whole number"},
		{"too many values", func(rs *RuleSet) {
			for i := range 5001 {
				rs.Rules[1].When[0].Values = append(rs.Rules[1].When[0].Values, fmt.Sprint("c", i))
			}
		}, "rules[1].when[0].values", "at most 5000"},
		{"far too many values", func(rs *RuleSet) {
			// A pasted list this long must be refused in linear time.
			for i := range 100_000 {
				rs.Rules[1].When[0].Values = append(rs.Rules[1].When[0].Values, fmt.Sprint("c", i))
			}
		}, "rules[1].when[0].values", "has 100002 values; at most 5000"},
		{"a route to no side", func(rs *RuleSet) { rs.Rules[2].Route.Side = "both" }, "rules[2].route.side", "host or partner"},
		{"a route to the inbox", func(rs *RuleSet) { rs.Rules[2].Route.To = ToSide }, "rules[2].route.to", "member, role or pool"},
		{"a member on the wrong side", func(rs *RuleSet) { rs.Rules[2].Route.Member = "p1" }, "rules[2].route.member", "Dan is on the partner side; this rule routes to the host side"},
		{"an unknown member", func(rs *RuleSet) { rs.Rules[2].Route.Member = "ghost" }, "rules[2].route.member", `"ghost" is not a member`},
		{"an unknown role", func(rs *RuleSet) { rs.Rules[0].Route.Role = "cfo" }, "rules[0].route.role", `"cfo" is not a role`},
		{"a role on the wrong side", func(rs *RuleSet) { rs.Rules[0].Route.Role = "pm" }, "rules[0].route.role", "Partner manager is a host role; this rule routes to the partner side"},
		{"an empty pool", func(rs *RuleSet) { rs.Rules[1].Route.Pool = nil }, "rules[1].route.pool", "at least one member"},
		{"a pool too big", func(rs *RuleSet) {
			for range 51 {
				rs.Rules[1].Route.Pool = append(rs.Rules[1].Route.Pool, PoolMember{"h1", 1})
			}
		}, "rules[1].route.pool", "at most 50"},
		{"a pool member twice", func(rs *RuleSet) { rs.Rules[1].Route.Pool[1].Member = "h2" }, "rules[1].route.pool[1].member", "in the pool twice"},
		{"a pool member of the other side", func(rs *RuleSet) { rs.Rules[1].Route.Pool[1].Member = "p2" }, "rules[1].route.pool[1].member", "Erin is on the partner side"},
		{"a pool weight of zero", func(rs *RuleSet) { rs.Rules[1].Route.Pool[0].Weight = 0 }, "rules[1].route.pool[0].weight", "from 1 to 100"},
		{"a pool weight too high", func(rs *RuleSet) { rs.Rules[1].Route.Pool[1].Weight = 101 }, "rules[1].route.pool[1].weight", "from 1 to 100"},
		{"no accept SLA", func(rs *RuleSet) { rs.Rules[0].SLA.AcceptHours = 0 }, "rules[0].sla.accept_hours", "from 1 to 720"},
		{"an accept SLA too long", func(rs *RuleSet) { rs.Rules[0].SLA.AcceptHours = 721 }, "rules[0].sla.accept_hours", "from 1 to 720"},
		{"a negative contact SLA", func(rs *RuleSet) { rs.Rules[0].SLA.ContactDays = -1 }, "rules[0].sla.contact_days", "from 0 to 90"},
		{"a contact SLA too long", func(rs *RuleSet) { rs.Rules[0].SLA.ContactDays = 91 }, "rules[0].sla.contact_days", "from 0 to 90"},
		{"no attribution kind", func(rs *RuleSet) { rs.Rules[0].Attribution.Kind = "" }, "rules[0].attribution.kind", "sourced or influenced"},
		{"attribution to no side", func(rs *RuleSet) { rs.Rules[0].Attribution.Side = "" }, "rules[0].attribution.side", "host or partner"},
		{"attribution above 100%", func(rs *RuleSet) { rs.Rules[0].Attribution.Split = 101 }, "rules[0].attribution.split", "percentage"},
		{"attribution below 0%", func(rs *RuleSet) { rs.Rules[0].Attribution.Split = -1 }, "rules[0].attribution.split", "percentage"},
		{"escalation to an unknown role", func(rs *RuleSet) { rs.Rules[0].Escalate = "cfo" }, "rules[0].escalate", `"cfo" is not a role`},
		{"re-route on the fallback", func(rs *RuleSet) { rs.Rules[2].Reroute = true }, "rules[2].reroute", "cannot re-route to itself"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs := validRules()
			tc.change(&rs)
			err := rs.Validate(ruleRoles, ruleMembers)
			if ErrorKind(err) != EInvalid || ErrorField(err) != tc.field || !strings.Contains(ErrorMessage(err), tc.msg) {
				t.Errorf("got %v; want %s: …%s…", err, tc.field, tc.msg)
			}
		})
	}

	// The valid set passes, with its extras: escalation, re-routing on an
	// earlier rule, a 0-day contact SLA and a shared attribution.
	rs := validRules()
	rs.Rules[0].Escalate, rs.Rules[0].Reroute = "marketer", true
	rs.Rules[1].SLA.ContactDays = 0
	rs.Rules[1].Attribution = Attribution{Kind: AttrInfluenced, Side: SidePartner, Split: 30}
	if err := rs.Validate(ruleRoles, ruleMembers); err != nil {
		t.Fatal(err)
	}
}

func TestRuleSetValidateKeys(t *testing.T) {
	rs := validRules()
	rs.Rules = append([]Rule{rule("Acme", toMember(SideHost, "h1"), cond(FieldCompany, OpEquals, "Acme"))}, rs.Rules...)
	rs.Rules[1].Key = "rule-1" // kept from an earlier version
	rs.Rules[3].Key = "house"
	if err := rs.Validate(ruleRoles, ruleMembers); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rs.Rules {
		got = append(got, r.Key)
	}
	if want := "rule-2 rule-1 rule-3 house"; strings.Join(got, " ") != want {
		t.Errorf("keys %v, want %s", got, want)
	}
	// Validating again keeps every key.
	if err := rs.Validate(ruleRoles, ruleMembers); err != nil {
		t.Fatal(err)
	}
	for i, r := range rs.Rules {
		if r.Key != got[i] {
			t.Errorf("rule %d key changed to %s", i, r.Key)
		}
	}
}

func TestRuleSetValidateTidies(t *testing.T) {
	rs := RuleSet{Rules: []Rule{
		rule(" Acme ", toMember(SideHost, "h1"),
			cond(FieldEmailDomain, OpDomainList, " @ACME.com", "acme.com", "", "Globex.io "),
			cond(FieldHostCustomer, OpEquals, "Yes"),
			Condition{Field: FieldEmployees, Op: OpRange, Values: []string{"junk"}, Max: ip(10)},
			Condition{Field: FieldCountry, Op: OpIn, Values: []string{"US", " US", "CA"}, Min: ip(3)}),
		rule("Fallback", Route{Side: SidePartner, To: ToRole, Role: "ae", Member: "p1", Pool: []PoolMember{{"p1", 1}}}),
	}}
	if err := rs.Validate(ruleRoles, ruleMembers); err != nil {
		t.Fatal(err)
	}
	r := rs.Rules[0]
	if r.Name != "Acme" {
		t.Errorf("name %q", r.Name)
	}
	if got := fmt.Sprint(r.When[0].Values); got != "[acme.com globex.io]" {
		t.Errorf("domains %s", got)
	}
	if got := fmt.Sprint(r.When[1].Values); got != "[true]" {
		t.Errorf("flag %s", got)
	}
	if r.When[2].Values != nil || *r.When[2].Max != 10 {
		t.Errorf("range %+v", r.When[2])
	}
	if got := fmt.Sprint(r.When[3].Values); got != "[US CA]" || r.When[3].Min != nil {
		t.Errorf("in %s, min %v", got, r.When[3].Min)
	}
	if f := rs.Rules[1].Route; f.Member != "" || f.Pool != nil {
		t.Errorf("role route kept %+v", f)
	}
	text := rs.Text(func(s string) string { return "<" + s + ">" })
	for _, want := range []string{
		"1. Acme — when email domain matches acme.com, globex.io and existing host customer and employee count up to 10 and country is one of US, CA → <h1> (host); accept within 8h, contact within 2d; sourced by host\n",
		"2. Fallback — when any lead (fallback) → the <ae> (partner)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("Text:\n%s\nwants %q", text, want)
		}
	}
}

func TestRuleText(t *testing.T) {
	names := func(s string) string { return strings.ToUpper(s) }
	for _, tc := range []struct {
		got, want string
	}{
		{toPool(SideHost, PoolMember{"h2", 2}, PoolMember{"h3", 1}).Text(names), "round robin H2 ×2, H3 (host)"},
		{Route{Side: SidePartner, To: ToSide}.Text(names), "the partner side's inbox"},
		{Attribution{Kind: AttrInfluenced, Side: SidePartner, Split: 30}.Text(), "influenced by partner (30% / 70%)"},
		{Condition{Field: FieldEmployees, Op: OpRange, Min: ip(201), Max: ip(1000)}.Text(), "employee count 201–1,000"},
		{cond(FieldPartnerCustomer, OpEquals, "false").Text(), "not existing partner customer"},
		{cond(FieldCountry, OpNotIn, "a", "b", "c", "d", "e", "f", "g", "h", "i", "j").Text(), "country is not one of a, b, c, d, e, f, g, h and 2 more"},
	} {
		if tc.got != tc.want {
			t.Errorf("%q, want %q", tc.got, tc.want)
		}
	}
}

func TestAssign(t *testing.T) {
	pool := toPool(SideHost, PoolMember{"h1", 2}, PoolMember{"h2", 1}, PoolMember{"h3", 1})
	for _, tc := range []struct {
		name   string
		r      Route
		away   []string
		cursor int64
		member string
		next   int64
		why    string
	}{
		{"a named member", toMember(SideHost, "h2"), nil, 5, "h2", 5, ""},
		{"a named member away", toMember(SideHost, "h2"), []string{"h2"}, 5, "", 5, "away"},
		{"a named member who left", toMember(SideHost, "gone"), nil, 0, "", 0, "no longer in the workspace"},
		{"a named member now on the other side", toMember(SideHost, "p1"), nil, 0, "", 0, "away"},
		{"a role: its first holder", toRole(SideHost, "sdr"), nil, 0, "h2", 0, ""},
		{"a role: the next holder when the first is away", toRole(SideHost, "sdr"), []string{"h2"}, 0, "h3", 0, ""},
		{"a role nobody available holds", toRole(SideHost, "sdr"), []string{"h2", "h3"}, 0, "", 0, "nobody available holds the role"},
		{"a role of the other side's member", toRole(SideHost, "marketer"), nil, 0, "", 0, "nobody available"},
		{"a pool from its start", pool, nil, 0, "h1", 1, ""},
		{"a pool's third slot", pool, nil, 2, "h2", 3, ""},
		{"a pool's cursor wraps", pool, nil, 4003, "h3", 4004, ""},
		{"a negative cursor starts over", pool, nil, -7, "h1", 1, ""},
		{"a pool skips the away", pool, []string{"h1"}, 0, "h2", 3, ""},
		{"a pool skips those who left", toPool(SideHost, PoolMember{"gone", 1}, PoolMember{"h3", 1}), nil, 0, "h3", 2, ""},
		{"a pool everyone is away from", pool, []string{"h1", "h2", "h3"}, 9, "", 9, "everyone in the pool is away"},
		{"an unvalidated empty pool", toPool(SideHost), nil, 3, "", 3, "the pool is empty"},
		{"the side's inbox", Route{Side: SideHost, To: ToSide}, nil, 3, "", 3, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			away := map[string]bool{}
			for _, id := range tc.away {
				away[id] = true
			}
			a := Assign(tc.r, ruleMembers, away, tc.cursor)
			if a.MemberID != tc.member || a.Next != tc.next || !strings.Contains(a.Why, tc.why) || (tc.why == "" && a.Why != "") {
				t.Errorf("got %+v; want member %q next %d why …%s…", a, tc.member, tc.next, tc.why)
			}
			if tc.r.To == ToRole && a.RoleKey != tc.r.Role {
				t.Errorf("RoleKey %q", a.RoleKey)
			}
		})
	}
}

func TestAssignRoundRobinFairness(t *testing.T) {
	pool := toPool(SideHost, PoolMember{"h1", 2}, PoolMember{"h2", 1}, PoolMember{"h3", 1})
	for _, tc := range []struct {
		name   string
		away   map[string]bool
		cursor int64
		picks  int
		want   map[string]int
	}{
		{"weights 2:1:1", nil, 0, 400, map[string]int{"h1": 200, "h2": 100, "h3": 100}},
		{"weights 2:1:1 from a persisted cursor", nil, 1_000_001, 400, map[string]int{"h1": 200, "h2": 100, "h3": 100}},
		{"a light member away", map[string]bool{"h2": true}, 0, 300, map[string]int{"h1": 200, "h3": 100}},
		{"the heavy member away", map[string]bool{"h1": true}, 0, 400, map[string]int{"h2": 200, "h3": 200}},
		{"everyone away", map[string]bool{"h1": true, "h2": true, "h3": true}, 0, 10, map[string]int{"": 10}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := map[string]int{}
			cursor := tc.cursor
			for range tc.picks {
				a := Assign(pool, ruleMembers, tc.away, cursor)
				got[a.MemberID]++
				cursor = a.Next
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("counts %v, want %v", got, tc.want)
			}
		})
	}

	// The order interleaves: the heavy member's two turns, then one each.
	var order []string
	cursor := int64(0)
	for range 8 {
		a := Assign(pool, ruleMembers, nil, cursor)
		order, cursor = append(order, a.MemberID), a.Next
	}
	if got := strings.Join(order, " "); got != "h1 h1 h2 h3 h1 h1 h2 h3" {
		t.Errorf("order %s", got)
	}
}

func TestAddBusinessHours(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	const layout = "Mon 2006-01-02 15:04"
	for _, tc := range []struct {
		name  string
		loc   *time.Location
		from  string
		hours int
		want  string
	}{
		{"Friday afternoon over the weekend", ny, "Fri 2027-03-05 16:00", 4, "Mon 2027-03-08 12:00"},
		{"Friday afternoon over the weekend, Paris", paris, "Fri 2027-03-05 16:00", 4, "Mon 2027-03-08 12:00"},
		{"arriving on Saturday", ny, "Sat 2027-03-06 10:00", 4, "Mon 2027-03-08 13:00"},
		{"arriving on Sunday night", paris, "Sun 2027-03-07 23:30", 1, "Mon 2027-03-08 10:00"},
		{"arriving before opening", ny, "Tue 2027-03-09 07:00", 4, "Tue 2027-03-09 13:00"},
		{"arriving at closing", ny, "Tue 2027-03-09 17:00", 1, "Wed 2027-03-10 10:00"},
		{"arriving after closing", paris, "Tue 2027-03-09 20:15", 2, "Wed 2027-03-10 11:00"},
		{"a whole day ends at closing", ny, "Wed 2027-03-10 09:00", 8, "Wed 2027-03-10 17:00"},
		{"minutes carry over", ny, "Wed 2027-03-10 16:30", 1, "Thu 2027-03-11 09:30"},
		{"three days", ny, "Fri 2027-03-05 10:00", 24, "Wed 2027-03-10 10:00"},
		// 14 March 2027: New York springs forward; the weekend is an hour
		// shorter, the deadline keeps its wall-clock time.
		{"over spring forward, New York", ny, "Fri 2027-03-12 16:00", 4, "Mon 2027-03-15 12:00"},
		// 28 March 2027: Paris springs forward.
		{"over spring forward, Paris", paris, "Fri 2027-03-26 16:00", 4, "Mon 2027-03-29 12:00"},
		// 1 November 2026 and 25 October 2026: falling back.
		{"over fall back, New York", ny, "Fri 2026-10-30 15:00", 10, "Mon 2026-11-02 17:00"},
		{"over fall back, Paris", paris, "Fri 2026-10-23 16:00", 4, "Mon 2026-10-26 12:00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			from, err := time.ParseInLocation(layout, tc.from, tc.loc)
			if err != nil {
				t.Fatal(err)
			}
			got := AddBusinessHours(from.UTC(), tc.hours, tc.loc)
			if got.Location() != time.UTC {
				t.Errorf("in %v, want UTC", got.Location())
			}
			if s := got.In(tc.loc).Format(layout); s != tc.want {
				t.Errorf("%s + %dh = %s, want %s", tc.from, tc.hours, s, tc.want)
			}
		})
	}

	// The same instant is a different business hour in each zone: 16:00
	// on a Friday in New York is 22:00 in Paris, after its close.
	from := time.Date(2027, 3, 5, 21, 0, 0, 0, time.UTC)
	if got := AddBusinessHours(from, 1, paris); !got.Equal(time.Date(2027, 3, 8, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("Paris: %v", got) // Monday 10:00 CET
	}
	if got := AddBusinessHours(from, 1, ny); !got.Equal(time.Date(2027, 3, 5, 22, 0, 0, 0, time.UTC)) {
		t.Errorf("New York: %v", got) // Friday 17:00 EST
	}
}

func TestAddBusinessDays(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	const layout = "Mon 2006-01-02 15:04"
	for _, tc := range []struct {
		name string
		loc  *time.Location
		from string
		days int
		want string
	}{
		{"0 days is the same day's close", ny, "Wed 2027-03-10 10:00", 0, "Wed 2027-03-10 17:00"},
		{"0 days before opening", paris, "Wed 2027-03-10 06:00", 0, "Wed 2027-03-10 17:00"},
		{"Friday + 1 is Monday", ny, "Fri 2027-03-05 11:00", 1, "Mon 2027-03-08 17:00"},
		{"Friday + 1 is Monday, Paris", paris, "Fri 2027-03-05 11:00", 1, "Mon 2027-03-08 17:00"},
		{"a week", ny, "Fri 2027-03-05 11:00", 5, "Fri 2027-03-12 17:00"},
		{"Saturday + 0 is Monday", ny, "Sat 2027-03-06 11:00", 0, "Mon 2027-03-08 17:00"},
		{"Sunday + 1 is Tuesday", paris, "Sun 2027-03-07 11:00", 1, "Tue 2027-03-09 17:00"},
		{"after closing counts from the next business day", ny, "Fri 2027-03-05 20:00", 0, "Mon 2027-03-08 17:00"},
		{"at closing counts from the next business day", paris, "Tue 2027-03-09 17:00", 1, "Thu 2027-03-11 17:00"},
		{"over spring forward, New York", ny, "Fri 2027-03-12 16:00", 1, "Mon 2027-03-15 17:00"},
		{"over spring forward, Paris", paris, "Fri 2027-03-26 16:00", 2, "Tue 2027-03-30 17:00"},
		{"over fall back, New York", ny, "Fri 2026-10-30 09:00", 1, "Mon 2026-11-02 17:00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			from, err := time.ParseInLocation(layout, tc.from, tc.loc)
			if err != nil {
				t.Fatal(err)
			}
			got := AddBusinessDays(from.UTC(), tc.days, tc.loc)
			if got.Location() != time.UTC {
				t.Errorf("in %v, want UTC", got.Location())
			}
			if s := got.In(tc.loc).Format(layout); s != tc.want {
				t.Errorf("%s + %dd = %s, want %s", tc.from, tc.days, s, tc.want)
			}
			if got.Before(from) {
				t.Errorf("the deadline %v is before the lead arrived", got)
			}
		})
	}
}

// FuzzRoute routes arbitrary leads through arbitrary rule sets the fixture
// accepts: exactly one outcome, consent always kept, and Assign never
// picks someone unavailable.
func FuzzRoute(f *testing.F) {
	for _, rs := range []RuleSet{
		validRules(),
		{Rules: []Rule{
			rule("Acme", toMember(SideHost, "h1"), cond(FieldEmailDomain, OpDomainList, "acme.com", "acme.co.uk")),
			rule("EMEA to the partner", toRole(SidePartner, "ae"), cond(FieldRegion, OpIn, "EMEA"), cond(FieldHostCustomer, OpEquals, "no")),
			rule("Fallback", toPool(SidePartner, PoolMember{"p1", 3}, PoolMember{"p2", 1})),
		}},
		{Rules: []Rule{
			rule("Owned", toRole(SideHost, "pm"), cond(FieldOwnerAssigned, OpEquals, "yes")),
			rule("Small", toPool(SideHost, PoolMember{"h2", 1}, PoolMember{"h3", 2}), Condition{Field: FieldEmployees, Op: OpRange, Max: ip(200)}),
			rule("Not US", toMember(SidePartner, "p2"), cond(FieldCountry, OpNotIn, "US", "United States"), cond(FieldCampaign, OpEquals, "spring")),
			rule("Fallback", toRole(SidePartner, "marketer")),
		}},
	} {
		b, err := json.Marshal(rs)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b), "eu.acme.com", "Acme", "DE", "EMEA", 250, true, false, false, false, false, true, int64(0))
		f.Add(string(b), "globex.io", "", "US", "", 5000, true, true, true, true, true, false, int64(3))
		f.Add(string(b), "", "", "", "", 0, false, false, false, false, false, false, int64(-1))
	}
	f.Fuzz(func(t *testing.T, rules, domain, company, country, region string, employees int, known, hostCust, partnerCust, owner, consent, originHost bool, cursor int64) {
		cursor %= 1 << 40 // a persisted count of picks, far from overflowing
		var rs RuleSet
		if json.Unmarshal([]byte(rules), &rs) != nil {
			return
		}
		if rs.Validate(ruleRoles, ruleMembers) != nil {
			return
		}
		origin := SidePartner
		if originHost {
			origin = SideHost
		}
		l := LeadFacts{Domain: domain, Company: company, Country: country, Region: region, Industry: company,
			FormID: region, UTMSource: country, Campaign: domain, Employees: employees, EmployeesKnown: known,
			HostCustomer: hostCust, PartnerCustomer: partnerCust, OwnerAssigned: owner, Consent: consent, Origin: origin}
		o := rs.Route(l)
		n := len(rs.Rules)
		if o.Index < 0 || o.Index >= n {
			t.Fatalf("Index %d of %d rules", o.Index, n)
		}
		if len(o.Checks) != o.Index+1 {
			t.Fatalf("%d checks for rule %d", len(o.Checks), o.Index)
		}
		for i, c := range o.Checks {
			if c.Index != i || c.Matched != (i == o.Index) || c.Why == "" {
				t.Fatalf("check %d: %+v", i, c)
			}
		}
		if !o.Route.Side.Valid() {
			t.Fatalf("route to side %q", o.Route.Side)
		}
		if !consent && o.Route.Side != origin {
			t.Fatalf("a lead without consent went from %s to %s", origin, o.Route.Side)
		}
		if o.ConsentKept != (o.Route.To == ToSide) || (o.ConsentKept && o.Index != n-1) {
			t.Fatalf("ConsentKept %v with route %+v at rule %d", o.ConsentKept, o.Route, o.Index)
		}
		if !o.ConsentKept && !routeEqual(o.Route, rs.Rules[o.Index].Route) {
			t.Fatalf("route %+v is not rule %d's", o.Route, o.Index)
		}
		if o.Reason == "" {
			t.Fatal("no reason")
		}
		_ = rs.Text(func(s string) string { return s })

		away := map[string]bool{}
		for i, m := range ruleMembers {
			away[m.ID] = cursor>>i&1 == 1
		}
		a := Assign(o.Route, ruleMembers, away, cursor)
		if a.MemberID != "" {
			if away[a.MemberID] {
				t.Fatalf("assigned %s, who is away", a.MemberID)
			}
			ok := false
			for _, m := range ruleMembers {
				ok = ok || (m.ID == a.MemberID && m.Side == o.Route.Side)
			}
			if !ok {
				t.Fatalf("assigned %s, not a %s member", a.MemberID, o.Route.Side)
			}
		} else if o.Route.To != ToSide && a.Why == "" {
			t.Fatalf("nobody assigned, and no reason: %+v", a)
		}
		if o.Route.To == ToPool && a.MemberID != "" && a.Next <= max(cursor, 0) {
			t.Fatalf("cursor %d did not advance: %d", cursor, a.Next)
		}
	})
}
