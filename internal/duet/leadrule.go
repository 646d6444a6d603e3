package duet

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// RuleSet is the lead-share rules: an ordered table, first match wins.
// The last rule is the fallback: it has no conditions, so every lead
// matches something.
type RuleSet struct {
	Rules []Rule `json:"rules"`
}

// Rule routes the leads that meet all of its conditions.
type Rule struct {
	// Key stays the same across versions; round-robin cursors hang off it.
	Key         string      `json:"key"`
	Name        string      `json:"name"`
	When        []Condition `json:"when"`
	Route       Route       `json:"route"`
	SLA         SLA         `json:"sla"`
	Attribution Attribution `json:"attribution"`
	// Escalate is the role told when a lead's accept deadline passes;
	// with Reroute the lead is then routed again by the fallback rule.
	Escalate string `json:"escalate,omitempty"`
	Reroute  bool   `json:"reroute,omitempty"`
}

// Condition compares one lead field with values.
type Condition struct {
	Field  string   `json:"field"`
	Op     string   `json:"op"`
	Values []string `json:"values,omitempty"`
	Min    *int     `json:"min,omitempty"` // range bounds, inclusive; nil is open
	Max    *int     `json:"max,omitempty"`
}

// Lead fields a condition may read.
const (
	FieldEmailDomain     = "email_domain"
	FieldCompany         = "company"
	FieldCountry         = "country"
	FieldRegion          = "region"
	FieldEmployees       = "employees"
	FieldIndustry        = "industry"
	FieldFormID          = "form_id"
	FieldUTMSource       = "utm_source"
	FieldCampaign        = "campaign"
	FieldHostCustomer    = "host_customer"
	FieldPartnerCustomer = "partner_customer"
	FieldOwnerAssigned   = "owner_assigned"
)

// Condition operators.
const (
	OpEquals     = "equals"
	OpIn         = "in"
	OpNotIn      = "not_in"
	OpRange      = "range"
	OpDomainList = "domain_list"
)

// RuleField describes a field: its name on a page and the operators it
// takes.
type RuleField struct {
	Key  string
	Name string
	Ops  []string
}

var textOps = []string{OpEquals, OpIn, OpNotIn}

// RuleFields lists the fields in the order forms offer them.
var RuleFields = []RuleField{
	{FieldEmailDomain, "Email domain", []string{OpEquals, OpIn, OpNotIn, OpDomainList}},
	{FieldCompany, "Company", textOps},
	{FieldCountry, "Country", textOps},
	{FieldRegion, "Region", textOps},
	{FieldEmployees, "Employee count", []string{OpRange, OpEquals}},
	{FieldIndustry, "Industry", textOps},
	{FieldFormID, "Form id", textOps},
	{FieldUTMSource, "UTM source", textOps},
	{FieldCampaign, "Campaign", textOps},
	{FieldHostCustomer, "Existing host customer", []string{OpEquals}},
	{FieldPartnerCustomer, "Existing partner customer", []string{OpEquals}},
	{FieldOwnerAssigned, "Owner already assigned", []string{OpEquals}},
}

// RuleOps lists every operator with how it reads.
var RuleOps = []struct{ Key, Name string }{
	{OpEquals, "equals"}, {OpIn, "is one of"}, {OpNotIn, "is not one of"}, {OpRange, "is between"}, {OpDomainList, "matches domain list"},
}

// RuleFieldOf returns the field with key k.
func RuleFieldOf(k string) (RuleField, bool) {
	for _, f := range RuleFields {
		if f.Key == k {
			return f, true
		}
	}
	return RuleField{}, false
}

func isFlag(field string) bool {
	return field == FieldHostCustomer || field == FieldPartnerCustomer || field == FieldOwnerAssigned
}

// Route says where a matched lead goes: a side, and within it a named
// member, whoever holds a role, or a weighted round-robin pool.
type Route struct {
	Side   Side         `json:"side"`
	To     string       `json:"to"`
	Member string       `json:"member,omitempty"`
	Role   string       `json:"role,omitempty"`
	Pool   []PoolMember `json:"pool,omitempty"`
}

// Route targets. ToSide (the side's shared inbox) is never written in a
// rule; it is where a lead lands when nobody named can take it.
const (
	ToMember = "member"
	ToRole   = "role"
	ToPool   = "pool"
	ToSide   = "side"
)

// PoolMember is one member of a round-robin pool; a weight of 2 gets two
// leads for each one a weight of 1 gets.
type PoolMember struct {
	Member string `json:"member"`
	Weight int    `json:"weight"`
}

// SLA is the follow-up promise of a rule, in the workspace's time zone:
// accept within AcceptHours business hours, first contact within
// ContactDays business days.
type SLA struct {
	AcceptHours int `json:"accept_hours"`
	ContactDays int `json:"contact_days"`
}

// Attribution says which side gets credit for a lead: sourced or
// influenced, and the percentage credited to that side (the rest to the
// other).
type Attribution struct {
	Kind  string `json:"kind"`
	Side  Side   `json:"side"`
	Split int    `json:"split"`
}

// Attribution kinds.
const (
	AttrSourced    = "sourced"
	AttrInfluenced = "influenced"
)

// Limits of a rule set.
const (
	MaxRules      = 500
	maxConditions = 20
	maxValues     = 5000
	maxPool       = 50
)

// Validate checks the rules against the workspace's roles and members,
// tidies values and gives new rules a key. A problem names the rule's
// field (rules[2].when[0].field) and says what is wrong.
func (rs *RuleSet) Validate(roles []Role, members []Member) error {
	n := len(rs.Rules)
	if n == 0 {
		return Invalid("rules", "needs at least the fallback rule: the last rule, with no conditions, that takes every lead no other rule matched")
	}
	if n > MaxRules {
		return Invalid("rules", "has %d rules; at most %d", n, MaxRules)
	}
	if len(rs.Rules[n-1].When) > 0 {
		return Invalid(fmt.Sprintf("rules[%d].when", n-1), "the last rule must be the fallback, with no conditions, so every lead gets an owner; add a fallback rule at the end")
	}
	roleByKey := map[string]Role{}
	for _, r := range roles {
		roleByKey[r.Key] = r
	}
	memberByID := map[string]Member{}
	for _, m := range members {
		memberByID[m.ID] = m
	}
	keys := map[string]bool{}
	for i := range rs.Rules {
		if k := rs.Rules[i].Key; k != "" {
			if keys[k] {
				return Invalid(fmt.Sprintf("rules[%d].key", i), "%q is used by two rules", k)
			}
			keys[k] = true
		}
	}
	next := 1
	for i := range rs.Rules {
		r := &rs.Rules[i]
		f := fmt.Sprintf("rules[%d]", i)
		r.Name = strings.TrimSpace(r.Name)
		if err := textField(f+".name", r.Name, 120); err != nil {
			return err
		}
		if r.Key == "" {
			for keys["rule-"+strconv.Itoa(next)] {
				next++
			}
			r.Key = "rule-" + strconv.Itoa(next)
			keys[r.Key] = true
		} else if len(r.Key) > 60 || Slug(r.Key) != r.Key {
			return Invalid(f+".key", "%q must be lower-case letters, digits and dashes", r.Key)
		}
		if i < n-1 && len(r.When) == 0 {
			return Invalid(f+".when", "%q has no conditions, so it takes every lead and the rules after it never run; only the last rule, the fallback, may match everything", r.Name)
		}
		if len(r.When) > maxConditions {
			return Invalid(f+".when", "has %d conditions; at most %d", len(r.When), maxConditions)
		}
		for j := range r.When {
			if err := r.When[j].validate(fmt.Sprintf("%s.when[%d]", f, j)); err != nil {
				return err
			}
		}
		if err := r.Route.validate(f+".route", roleByKey, memberByID); err != nil {
			return err
		}
		if r.SLA.AcceptHours < 1 || r.SLA.AcceptHours > 720 {
			return Invalid(f+".sla.accept_hours", "must be from 1 to 720 business hours")
		}
		if r.SLA.ContactDays < 0 || r.SLA.ContactDays > 90 {
			return Invalid(f+".sla.contact_days", "must be from 0 to 90 business days")
		}
		a := &r.Attribution
		if a.Kind != AttrSourced && a.Kind != AttrInfluenced {
			return Invalid(f+".attribution.kind", "must be sourced or influenced")
		}
		if !a.Side.Valid() {
			return Invalid(f+".attribution.side", "must be host or partner")
		}
		if a.Split < 0 || a.Split > 100 {
			return Invalid(f+".attribution.split", "must be a percentage from 0 to 100")
		}
		if r.Escalate != "" {
			if _, ok := roleByKey[r.Escalate]; !ok {
				return Invalid(f+".escalate", "%q is not a role of this workspace", r.Escalate)
			}
		}
		if r.Reroute && i == n-1 {
			return Invalid(f+".reroute", "the fallback rule cannot re-route to itself; leave it off")
		}
	}
	return nil
}

func (c *Condition) validate(f string) error {
	field, ok := RuleFieldOf(c.Field)
	if !ok {
		names := make([]string, len(RuleFields))
		for i, x := range RuleFields {
			names[i] = x.Key
		}
		return Invalid(f+".field", "%q is not a lead field; use one of %s", c.Field, strings.Join(names, ", "))
	}
	if !slices.Contains(field.Ops, c.Op) {
		return Invalid(f+".op", "%q does not apply to %s; use %s", c.Op, strings.ToLower(field.Name), JoinWords(field.Ops))
	}
	var vals []string
	seen := map[string]bool{} // not slices.Contains: a long list would take quadratic time
	for _, v := range c.Values {
		v = strings.TrimSpace(v)
		if c.Field == FieldEmailDomain {
			v = strings.TrimPrefix(strings.ToLower(v), "@")
		}
		if v != "" && !seen[v] {
			seen[v] = true
			vals = append(vals, v)
		}
	}
	if len(vals) > maxValues {
		return Invalid(f+".values", "has %d values; at most %d", len(vals), maxValues)
	}
	if c.Op == OpDomainList {
		slices.Sort(vals)
	}
	c.Values = vals
	switch {
	case c.Op == OpRange:
		c.Values = nil
		if c.Min == nil && c.Max == nil {
			return Invalid(f+".min", "a range needs a minimum, a maximum or both")
		}
		if (c.Min != nil && *c.Min < 0) || (c.Max != nil && *c.Max < 0) {
			return Invalid(f+".min", "employee counts cannot be negative")
		}
		if c.Min != nil && c.Max != nil && *c.Min > *c.Max {
			return Invalid(f+".max", "the maximum %d is below the minimum %d", *c.Max, *c.Min)
		}
		return nil
	case len(vals) == 0:
		return Invalid(f+".values", "needs at least one value")
	case (c.Op == OpEquals) && len(vals) > 1:
		return Invalid(f+".values", "equals takes one value; use \"is one of\" for several")
	case isFlag(c.Field):
		b, ok := parseFlag(vals[0])
		if !ok {
			return Invalid(f+".values", "%q is not yes or no", vals[0])
		}
		c.Values = []string{strconv.FormatBool(b)}
	case c.Field == FieldEmployees:
		if _, err := strconv.Atoi(vals[0]); err != nil {
			return Invalid(f+".values", "%q is not a whole number of employees", vals[0])
		}
	}
	c.Min, c.Max = nil, nil
	return nil
}

func parseFlag(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "y", "1":
		return true, true
	case "false", "no", "n", "0":
		return false, true
	}
	return false, false
}

func (r *Route) validate(f string, roles map[string]Role, members map[string]Member) error {
	if !r.Side.Valid() {
		return Invalid(f+".side", "must be host or partner")
	}
	onSide := func(field, id string) error {
		m, ok := members[id]
		if !ok {
			return Invalid(field, "%q is not a member of this workspace", id)
		}
		if m.Side != r.Side {
			return Invalid(field, "%s is on the %s side; this rule routes to the %s side", m.Name, m.Side, r.Side)
		}
		return nil
	}
	switch r.To {
	case ToMember:
		r.Role, r.Pool = "", nil
		return onSide(f+".member", r.Member)
	case ToRole:
		r.Member, r.Pool = "", nil
		ro, ok := roles[r.Role]
		if !ok {
			return Invalid(f+".role", "%q is not a role of this workspace", r.Role)
		}
		if ro.Side != r.Side {
			return Invalid(f+".role", "%s is a %s role; this rule routes to the %s side", ro.Name, ro.Side, r.Side)
		}
	case ToPool:
		r.Member, r.Role = "", ""
		if len(r.Pool) == 0 {
			return Invalid(f+".pool", "a round-robin pool needs at least one member")
		}
		if len(r.Pool) > maxPool {
			return Invalid(f+".pool", "has %d members; at most %d", len(r.Pool), maxPool)
		}
		seen := map[string]bool{}
		for i, p := range r.Pool {
			pf := fmt.Sprintf("%s.pool[%d]", f, i)
			if err := onSide(pf+".member", p.Member); err != nil {
				return err
			}
			if seen[p.Member] {
				return Invalid(pf+".member", "is in the pool twice; give them a higher weight instead")
			}
			seen[p.Member] = true
			if p.Weight < 1 || p.Weight > 100 {
				return Invalid(pf+".weight", "must be from 1 to 100")
			}
		}
	default:
		return Invalid(f+".to", "must be member, role or pool")
	}
	return nil
}

// Text is the rules as plain text, one line per rule: what version diffs
// compare. names turns member ids and role keys into names.
func (rs *RuleSet) Text(names func(string) string) string {
	var s strings.Builder
	for i, r := range rs.Rules {
		fmt.Fprintf(&s, "%d. %s — when %s → %s; accept within %dh, contact within %dd; %s\n",
			i+1, r.Name, r.WhenText(), r.Route.Text(names), r.SLA.AcceptHours, r.SLA.ContactDays, r.Attribution.Text())
	}
	return s.String()
}

// WhenText reads the conditions as a sentence.
func (r *Rule) WhenText() string {
	if len(r.When) == 0 {
		return "any lead (fallback)"
	}
	parts := make([]string, len(r.When))
	for i, c := range r.When {
		parts[i] = c.Text()
	}
	return strings.Join(parts, " and ")
}

// Text reads one condition.
func (c Condition) Text() string {
	f, _ := RuleFieldOf(c.Field)
	name := strings.ToLower(f.Name)
	if isFlag(c.Field) && len(c.Values) == 1 {
		if c.Values[0] == "true" {
			return name
		}
		return "not " + name
	}
	switch c.Op {
	case OpRange:
		return name + " " + bandText(c.Min, c.Max)
	case OpEquals:
		return name + " is " + strings.Join(c.Values, "")
	case OpIn:
		return name + " is one of " + listText(c.Values)
	case OpNotIn:
		return name + " is not one of " + listText(c.Values)
	case OpDomainList:
		return name + " matches " + listText(c.Values)
	}
	return name
}

func listText(vs []string) string {
	if len(vs) > 8 {
		return strings.Join(vs[:8], ", ") + fmt.Sprintf(" and %d more", len(vs)-8)
	}
	return strings.Join(vs, ", ")
}

func bandText(lo, hi *int) string {
	switch {
	case lo != nil && hi != nil:
		return fmt.Sprintf("%s–%s", FormatNumber(float64(*lo)), FormatNumber(float64(*hi)))
	case lo != nil:
		return fmt.Sprintf("%s or more", FormatNumber(float64(*lo)))
	case hi != nil:
		return fmt.Sprintf("up to %s", FormatNumber(float64(*hi)))
	}
	return "any"
}

// Text reads a route; names turns ids and keys into names.
func (r Route) Text(names func(string) string) string {
	switch r.To {
	case ToMember:
		return names(r.Member) + " (" + string(r.Side) + ")"
	case ToRole:
		return "the " + names(r.Role) + " (" + string(r.Side) + ")"
	case ToPool:
		ps := make([]string, len(r.Pool))
		for i, p := range r.Pool {
			ps[i] = names(p.Member)
			if p.Weight != 1 {
				ps[i] += fmt.Sprintf(" ×%d", p.Weight)
			}
		}
		return "round robin " + strings.Join(ps, ", ") + " (" + string(r.Side) + ")"
	}
	return "the " + string(r.Side) + " side's inbox"
}

// Text reads an attribution.
func (a Attribution) Text() string {
	s := a.Kind + " by " + string(a.Side)
	if a.Split != 100 {
		s += fmt.Sprintf(" (%d%% / %d%%)", a.Split, 100-a.Split)
	}
	return s
}

// LeadFacts is what routing reads of a lead.
type LeadFacts struct {
	Domain, Company, Country, Region, Industry string
	FormID, UTMSource, Campaign                string
	// Employees is meaningful only when EmployeesKnown.
	Employees       int
	EmployeesKnown  bool
	HostCustomer    bool
	PartnerCustomer bool
	OwnerAssigned   bool
	// Consent is the lead's consent to be shared with the other side;
	// Origin is the side that captured it.
	Consent bool
	Origin  Side
}

// RuleCheck is what one rule made of a lead.
type RuleCheck struct {
	Index   int
	Name    string
	Matched bool
	Why     string
}

// Outcome is where a lead goes and why: exactly one per lead.
type Outcome struct {
	// Index is the rule that decided, into the rule set.
	Index int
	Rule  Rule
	// Route is where the lead goes. It is the rule's route, or the
	// capturing side's inbox when the fallback would share a lead that
	// has no consent to be shared.
	Route  Route
	Reason string
	// Checks are the rules tried, in order, the deciding one last.
	Checks []RuleCheck
	// ConsentKept is true when consent kept the lead on its side.
	ConsentKept bool
}

// Route runs a lead through the rules, first match wins, and says why
// each earlier rule did not match. A lead without consent to be shared
// never goes to the other side: a rule that would send it there does not
// match, and if the fallback would, the lead stays in its own side's
// inbox. The rule set must have been validated.
func (rs *RuleSet) Route(l LeadFacts) Outcome {
	var o Outcome
	for i, r := range rs.Rules {
		ok, why := r.matches(l)
		if ok && !l.Consent && r.Route.Side != l.Origin {
			ok, why = false, why+"; but the lead has no consent to be shared and this rule routes to the "+string(r.Route.Side)+" side"
			if i == len(rs.Rules)-1 {
				o.Checks = append(o.Checks, RuleCheck{Index: i, Name: r.Name, Matched: true, Why: why})
				o.Index, o.Rule, o.ConsentKept = i, r, true
				o.Route = Route{Side: l.Origin, To: ToSide}
				o.Reason = fmt.Sprintf("No rule matched a lead that may be shared, and the fallback %q routes to the %s side; without consent to share, the lead stays with the %s side.", r.Name, r.Route.Side, l.Origin)
				return o
			}
		}
		o.Checks = append(o.Checks, RuleCheck{Index: i, Name: r.Name, Matched: ok, Why: why})
		if ok {
			o.Index, o.Rule, o.Route = i, r, r.Route
			if len(r.When) == 0 {
				o.Reason = fmt.Sprintf("No earlier rule matched; the fallback %q takes it.", r.Name)
			} else {
				o.Reason = fmt.Sprintf("Rule %d %q matched: %s.", i+1, r.Name, why)
			}
			return o
		}
	}
	// Unreachable for a validated set, whose last rule matches anything;
	// an empty set keeps the lead on its side rather than panicking.
	o.Index = -1
	o.Route = Route{Side: l.Origin, To: ToSide}
	o.Reason = "There are no rules; the lead stays with the side that captured it."
	return o
}

// matches reports whether the lead meets every condition of the rule,
// with the reason: what matched, or the first condition that did not.
func (r *Rule) matches(l LeadFacts) (bool, string) {
	if len(r.When) == 0 {
		return true, "the fallback matches every lead"
	}
	var met []string
	for _, c := range r.When {
		ok, why := c.test(l)
		if !ok {
			return false, why
		}
		met = append(met, why)
	}
	return true, strings.Join(met, " and ")
}

func (c Condition) test(l LeadFacts) (bool, string) {
	f, _ := RuleFieldOf(c.Field)
	name := strings.ToLower(f.Name)
	if isFlag(c.Field) {
		var v bool
		switch c.Field {
		case FieldHostCustomer:
			v = l.HostCustomer
		case FieldPartnerCustomer:
			v = l.PartnerCustomer
		case FieldOwnerAssigned:
			v = l.OwnerAssigned
		}
		want := len(c.Values) > 0 && c.Values[0] == "true"
		if v == want {
			return true, c.Text()
		}
		if v {
			return false, name + " is yes, and the rule wants no"
		}
		return false, name + " is no, and the rule wants yes"
	}
	if c.Field == FieldEmployees {
		if !l.EmployeesKnown {
			return false, "the employee count is unknown"
		}
		n := l.Employees
		got := FormatNumber(float64(n))
		if c.Op == OpRange {
			if (c.Min == nil || n >= *c.Min) && (c.Max == nil || n <= *c.Max) {
				return true, "employee count " + got + " is " + bandText(c.Min, c.Max)
			}
			return false, "employee count " + got + " is outside " + bandText(c.Min, c.Max)
		}
		want, _ := strconv.Atoi(firstOf(c.Values))
		if n == want {
			return true, "employee count is " + got
		}
		return false, "employee count is " + got + ", not " + FormatNumber(float64(want))
	}
	v := l.field(c.Field)
	if v == "" {
		return false, name + " is empty"
	}
	q := "“" + v + "”"
	in := false
	if c.Op == OpDomainList {
		// Validate keeps a domain list lower-case and sorted: the domain
		// and each parent of it are looked up, so a subdomain of a
		// listed domain matches it.
		for d := strings.ToLower(v); d != "" && !in; {
			_, in = slices.BinarySearch(c.Values, d)
			_, d, _ = strings.Cut(d, ".")
		}
	} else {
		for _, x := range c.Values {
			if strings.EqualFold(x, v) {
				in = true
				break
			}
		}
	}
	switch c.Op {
	case OpEquals:
		if in {
			return true, name + " is " + q
		}
		return false, name + " is " + q + ", not “" + firstOf(c.Values) + "”"
	case OpIn:
		if in {
			return true, name + " " + q + " is one of " + listText(c.Values)
		}
		return false, name + " " + q + " is not one of " + listText(c.Values)
	case OpNotIn:
		if !in {
			return true, name + " " + q + " is not one of " + listText(c.Values)
		}
		return false, name + " " + q + " is excluded"
	case OpDomainList:
		if in {
			return true, name + " " + q + " is on the domain list"
		}
		return false, name + " " + q + " is not on the domain list"
	}
	return false, "unknown operator " + c.Op
}

func firstOf(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

func (l LeadFacts) field(k string) string {
	switch k {
	case FieldEmailDomain:
		return l.Domain
	case FieldCompany:
		return l.Company
	case FieldCountry:
		return l.Country
	case FieldRegion:
		return l.Region
	case FieldIndustry:
		return l.Industry
	case FieldFormID:
		return l.FormID
	case FieldUTMSource:
		return l.UTMSource
	case FieldCampaign:
		return l.Campaign
	}
	return ""
}

// Assignment is who within the side takes a routed lead.
type Assignment struct {
	MemberID string // "" when the lead waits in the side's inbox
	RoleKey  string
	// Next is the pool's cursor after this pick.
	Next int64
	Why  string
}

// Assign picks the member who takes a lead on route: the named member,
// the first holder of the role, or the next member of the pool from
// cursor, in weighted turns. Members marked away are skipped; when nobody
// is available the lead waits in the side's inbox, and says why.
func Assign(r Route, members []Member, away map[string]bool, cursor int64) Assignment {
	byID := map[string]Member{}
	for _, m := range members {
		byID[m.ID] = m
	}
	available := func(id string) bool {
		m, ok := byID[id]
		return ok && m.Side == r.Side && !away[id]
	}
	a := Assignment{Next: cursor}
	switch r.To {
	case ToMember:
		if available(r.Member) {
			a.MemberID = r.Member
			return a
		}
		a.Why = "the member named by the rule is away or no longer in the workspace"
	case ToRole:
		a.RoleKey = r.Role
		for _, m := range members {
			if slices.Contains(m.RoleKeys, r.Role) && available(m.ID) {
				a.MemberID = m.ID
				return a
			}
		}
		a.Why = "nobody available holds the role"
	case ToPool:
		total := int64(0)
		for _, p := range r.Pool {
			total += int64(max(p.Weight, 0))
		}
		if total == 0 {
			a.Why = "the pool is empty"
			return a
		}
		if cursor < 0 {
			cursor = 0
		}
		for step := range total {
			slot := (cursor + step) % total
			for _, p := range r.Pool {
				if slot < int64(p.Weight) {
					if available(p.Member) {
						a.MemberID, a.Next = p.Member, cursor+step+1
						return a
					}
					break
				}
				slot -= int64(max(p.Weight, 0))
			}
		}
		a.Why = "everyone in the pool is away"
	}
	return a
}

// Business hours for lead SLAs: 09:00 to 17:00, Monday to Friday, in the
// workspace's time zone.
const (
	businessOpen  = 9
	businessClose = 17
)

func businessDay(t time.Time) bool {
	wd := t.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// AddBusinessHours returns when hours business hours after from have
// passed in loc: time outside 09:00–17:00 on weekdays does not count.
func AddBusinessHours(from time.Time, hours int, loc *time.Location) time.Time {
	t := from.In(loc)
	left := time.Duration(hours) * time.Hour
	for {
		y, m, d := t.Date()
		open := time.Date(y, m, d, businessOpen, 0, 0, 0, loc)
		end := time.Date(y, m, d, businessClose, 0, 0, 0, loc)
		if !businessDay(t) || !t.Before(end) {
			t = time.Date(y, m, d+1, businessOpen, 0, 0, 0, loc)
			continue
		}
		if t.Before(open) {
			t = open
		}
		room := end.Sub(t)
		if left <= room {
			return t.Add(left).UTC()
		}
		left -= room
		t = time.Date(y, m, d+1, businessOpen, 0, 0, 0, loc)
	}
}

// AddBusinessDays returns the end of the business day days business days
// after from's day in loc (the same day's close for 0); a lead arriving
// on a weekend, or after the close, counts from the next business day.
func AddBusinessDays(from time.Time, days int, loc *time.Location) time.Time {
	t := from.In(loc)
	y, m, d := t.Date()
	day := time.Date(y, m, d, businessClose, 0, 0, 0, loc)
	for !businessDay(day) || !t.Before(day) {
		day = time.Date(day.Year(), day.Month(), day.Day()+1, businessClose, 0, 0, 0, loc)
	}
	for i := 0; i < days; {
		day = time.Date(day.Year(), day.Month(), day.Day()+1, businessClose, 0, 0, 0, loc)
		if businessDay(day) {
			i++
		}
	}
	return day.UTC()
}
