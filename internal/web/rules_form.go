package web

import (
	"cmp"
	"fmt"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"duet/internal/duet"
)

// The rule editor sends one rule set as a flat form with nested names:
//
//	rules.<i>.name, .key, .position, .remove
//	rules.<i>.when.<j>.field, .op, .values, .min, .max
//	rules.<i>.route.side, .to, .member, .role
//	rules.<i>.route.pool.<k>.member, .weight
//	rules.<i>.sla.accept_hours, .sla.contact_days
//	rules.<i>.attribution.kind, .side, .split
//	rules.<i>.escalate, .reroute
//
// The numbers need not be contiguous (the browser adds and removes
// fieldsets); they only give the order the form lists things in. The
// rules end up in the order of their position numbers, which the page
// keeps equal to the fieldsets' order, or a person types without script.

// RuleForm is one rule as the editor sent it, kept as typed.
type RuleForm struct {
	Key         string
	Name        string
	Position    string
	Remove      bool
	When        []CondForm
	Side        string
	To          string
	Member      string
	Role        string
	Pool        []PoolForm
	AcceptHours string
	ContactDays string
	AttrKind    string
	AttrSide    string
	AttrSplit   string
	Escalate    string
	Reroute     bool
}

// CondForm is one condition as typed; Values is the textarea's text.
type CondForm struct {
	Field  string
	Op     string
	Values string
	Min    string
	Max    string
}

// PoolForm is one member chosen for a round-robin pool.
type PoolForm struct {
	Member string
	Weight string
}

// maxFormRules bounds the fieldsets one form may send; more than the
// rules allow, so that core words the limit.
const maxFormRules = duet.MaxRules + 10

// maxFormIndex bounds the numbers in the names.
const maxFormIndex = 100000

// blank reports whether a rule fieldset was left empty: no name, no key
// and no condition. Such a fieldset (the spare one the page offers) is
// dropped rather than refused.
func (f RuleForm) blank() bool {
	return strings.TrimSpace(f.Name) == "" && f.Key == "" && len(f.When) == 0
}

// parseRulesForm reads the rule editor's form: the rules in the order
// their positions give, without the removed and blank ones, each with
// its conditions (blank ones dropped) and its pool in the form's order.
func parseRulesForm(v url.Values) []RuleForm {
	type rule struct {
		RuleForm
		conds map[int]*CondForm
		pool  map[int]*PoolForm
	}
	rules := map[int]*rule{}
	for name, vals := range v {
		rest, ok := strings.CutPrefix(name, "rules.")
		if !ok || len(vals) == 0 {
			continue
		}
		is, rest, ok := strings.Cut(rest, ".")
		i, err := strconv.Atoi(is)
		if !ok || err != nil || i < 0 || i > maxFormIndex {
			continue
		}
		r := rules[i]
		if r == nil {
			if len(rules) >= maxFormRules {
				continue
			}
			r = &rule{conds: map[int]*CondForm{}, pool: map[int]*PoolForm{}}
			rules[i] = r
		}
		val := vals[len(vals)-1]
		// A checkbox may come with a hidden input of the same name
		// before it: the last value is the one the person chose.
		switch rest {
		case "key":
			r.Key = strings.TrimSpace(val)
		case "name":
			r.Name = val
		case "position":
			r.Position = strings.TrimSpace(val)
		case "remove":
			r.Remove = val != ""
		case "route.side":
			r.Side = val
		case "route.to":
			r.To = val
		case "route.member":
			r.Member = val
		case "route.role":
			r.Role = val
		case "sla.accept_hours":
			r.AcceptHours = strings.TrimSpace(val)
		case "sla.contact_days":
			r.ContactDays = strings.TrimSpace(val)
		case "attribution.kind":
			r.AttrKind = val
		case "attribution.side":
			r.AttrSide = val
		case "attribution.split":
			r.AttrSplit = strings.TrimSpace(val)
		case "escalate":
			r.Escalate = val
		case "reroute":
			r.Reroute = val != ""
		default:
			if sub, ok := strings.CutPrefix(rest, "when."); ok {
				js, field, _ := strings.Cut(sub, ".")
				j, err := strconv.Atoi(js)
				if err != nil || j < 0 || j > maxFormIndex {
					continue
				}
				c := r.conds[j]
				if c == nil {
					if len(r.conds) > 100 {
						continue
					}
					c = &CondForm{}
					r.conds[j] = c
				}
				switch field {
				case "field":
					c.Field = val
				case "op":
					c.Op = val
				case "values":
					c.Values = val
				case "min":
					c.Min = strings.TrimSpace(val)
				case "max":
					c.Max = strings.TrimSpace(val)
				}
			} else if sub, ok := strings.CutPrefix(rest, "route.pool."); ok {
				ks, field, _ := strings.Cut(sub, ".")
				k, err := strconv.Atoi(ks)
				if err != nil || k < 0 || k > maxFormIndex {
					continue
				}
				p := r.pool[k]
				if p == nil {
					if len(r.pool) > 200 {
						continue
					}
					p = &PoolForm{}
					r.pool[k] = p
				}
				switch field {
				case "member":
					p.Member = val
				case "weight":
					p.Weight = strings.TrimSpace(val)
				}
			}
		}
	}

	type placed struct {
		RuleForm
		order int     // in the form
		pos   float64 // where it goes
		moved bool    // its position was changed from its place in the form
	}
	var all []placed
	prev := 0.0
	for n, i := range slices.Sorted(maps.Keys(rules)) {
		r := rules[i]
		for _, j := range slices.Sorted(maps.Keys(r.conds)) {
			if c := r.conds[j]; c.Field != "" {
				r.When = append(r.When, *c)
			}
		}
		for _, k := range slices.Sorted(maps.Keys(r.pool)) {
			if p := r.pool[k]; p.Member != "" {
				r.Pool = append(r.Pool, *p)
			}
		}
		pl := placed{RuleForm: r.RuleForm, order: n, pos: prev}
		if p, err := strconv.ParseFloat(r.Position, 64); err == nil && p == p {
			pl.pos, pl.moved = p, int(p) != n+1
		}
		prev = pl.pos
		all = append(all, pl)
	}
	// Ties: a rule moved to a position goes before the one already there.
	slices.SortStableFunc(all, func(a, b placed) int {
		if c := cmp.Compare(a.pos, b.pos); c != 0 {
			return c
		}
		if a.moved != b.moved {
			if a.moved {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.order, b.order)
	})
	var out []RuleForm
	for _, p := range all {
		if p.Remove || p.blank() {
			continue
		}
		out = append(out, p.RuleForm)
	}
	return out
}

// splitValues reads a condition's values: one per line when there are
// several lines, else separated by commas.
func splitValues(s string) []string {
	sep := ","
	if strings.ContainsAny(s, "\r\n") {
		s, sep = strings.ReplaceAll(s, "\r\n", "\n"), "\n"
	}
	var out []string
	for v := range strings.SplitSeq(s, sep) {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// joinValues writes values back into the textarea so that splitValues
// reads them the same: separated by commas when short and plain, else
// one per line.
func joinValues(vs []string) string {
	long := len(vs) > 6
	for _, v := range vs {
		long = long || strings.Contains(v, ",")
	}
	if !long {
		return strings.Join(vs, ", ")
	}
	return strings.Join(vs, "\n") + "\n"
}

// yesNo writes the stored flags of a yes-or-no condition the way people
// type them.
func yesNo(vs []string) []string {
	out := slices.Clone(vs)
	for i, v := range out {
		switch v {
		case "true":
			out[i] = "yes"
		case "false":
			out[i] = "no"
		}
	}
	return out
}

// ruleSet turns the parsed rules into core's rule set. A number that is
// not a whole number is refused at its field, named as core names it.
func ruleSet(forms []RuleForm) (duet.RuleSet, error) {
	rs := duet.RuleSet{Rules: make([]duet.Rule, len(forms))}
	for i, f := range forms {
		p := fmt.Sprintf("rules[%d]", i)
		r := duet.Rule{Key: f.Key, Name: f.Name, Escalate: f.Escalate, Reroute: f.Reroute,
			Route:       duet.Route{Side: duet.Side(f.Side), To: f.To, Member: f.Member, Role: f.Role},
			Attribution: duet.Attribution{Kind: f.AttrKind, Side: duet.Side(f.AttrSide)}}
		var err error
		if r.SLA.AcceptHours, err = wholeNumber(p+".sla.accept_hours", f.AcceptHours, "business hours, such as 4"); err != nil {
			return rs, err
		}
		if r.SLA.ContactDays, err = wholeNumber(p+".sla.contact_days", f.ContactDays, "business days, such as 2"); err != nil {
			return rs, err
		}
		if r.Attribution.Split, err = wholeNumber(p+".attribution.split", f.AttrSplit, "percent, such as 100"); err != nil {
			return rs, err
		}
		for j, c := range f.When {
			cp := fmt.Sprintf("%s.when[%d]", p, j)
			cond := duet.Condition{Field: c.Field, Op: c.Op, Values: splitValues(c.Values)}
			if c.Op == duet.OpRange {
				if cond.Min, err = optionalNumber(cp+".min", c.Min); err != nil {
					return rs, err
				}
				if cond.Max, err = optionalNumber(cp+".max", c.Max); err != nil {
					return rs, err
				}
			}
			r.When = append(r.When, cond)
		}
		if r.Route.To == duet.ToPool {
			for k, pm := range f.Pool {
				w, err := wholeNumber(fmt.Sprintf("%s.route.pool[%d].weight", p, k), pm.Weight, "such as 1")
				if err != nil {
					return rs, err
				}
				r.Route.Pool = append(r.Route.Pool, duet.PoolMember{Member: pm.Member, Weight: w})
			}
		}
		rs.Rules[i] = r
	}
	return rs, nil
}

// wholeNumber reads a required whole number.
func wholeNumber(field, s, example string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		if strings.TrimSpace(s) == "" {
			return 0, duet.Invalid(field, "is required: a whole number of %s", example)
		}
		return 0, duet.Invalid(field, "must be a whole number of %s, not %q", example, s)
	}
	return n, nil
}

// optionalNumber reads a range bound; empty is open.
func optionalNumber(field, s string) (*int, error) {
	if s == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
	if err != nil {
		return nil, duet.Invalid(field, "must be a whole number of employees, not %q", s)
	}
	return &n, nil
}

// ruleForms turns a saved rule set into the editor's form.
func ruleForms(rs duet.RuleSet) []RuleForm {
	out := make([]RuleForm, len(rs.Rules))
	for i, r := range rs.Rules {
		f := RuleForm{Key: r.Key, Name: r.Name, Side: string(r.Route.Side), To: r.Route.To, Member: r.Route.Member, Role: r.Route.Role,
			AcceptHours: strconv.Itoa(r.SLA.AcceptHours), ContactDays: strconv.Itoa(r.SLA.ContactDays), AttrKind: r.Attribution.Kind,
			AttrSide: string(r.Attribution.Side), AttrSplit: strconv.Itoa(r.Attribution.Split), Escalate: r.Escalate, Reroute: r.Reroute}
		for _, c := range r.When {
			cf := CondForm{Field: c.Field, Op: c.Op, Values: joinValues(c.Values)}
			if c.Field == duet.FieldHostCustomer || c.Field == duet.FieldPartnerCustomer || c.Field == duet.FieldOwnerAssigned {
				cf.Values = joinValues(yesNo(c.Values))
			}
			if c.Min != nil {
				cf.Min = strconv.Itoa(*c.Min)
			}
			if c.Max != nil {
				cf.Max = strconv.Itoa(*c.Max)
			}
			f.When = append(f.When, cf)
		}
		for _, p := range r.Route.Pool {
			f.Pool = append(f.Pool, PoolForm{Member: p.Member, Weight: strconv.Itoa(p.Weight)})
		}
		out[i] = f
	}
	return out
}

// ruleErrPath reads the rule, condition and part a core field names:
// rules[2].when[0].field is (2, 0, "field"); rules[1].sla.accept_hours
// is (1, -1, "sla.accept_hours"). A pool member's error belongs to the
// pool as a whole.
var ruleErrPath = regexp.MustCompile(`^rules\[(\d+)\](?:\.when\[(\d+)\])?(?:\.(.+))?$`)

func parseErrPath(field string) (rule, cond int, part string, ok bool) {
	m := ruleErrPath.FindStringSubmatch(field)
	if m == nil {
		return 0, 0, "", false
	}
	rule, _ = strconv.Atoi(m[1])
	cond = -1
	if m[2] != "" {
		cond, _ = strconv.Atoi(m[2])
	}
	part = m[3]
	if strings.HasPrefix(part, "route.pool[") {
		part = "route.pool"
	}
	return rule, cond, part, true
}

// ruleFieldLabels name the editor's inputs, for core's messages that
// follow a field's name ("must be from 1 to 720 business hours").
var ruleFieldLabels = map[string]string{
	"name": "The name", "key": "The key", "field": "The field", "op": "The operator", "values": "The values", "min": "The minimum",
	"max": "The maximum", "route.side": "The side", "route.to": "Route to", "route.member": "The member", "route.role": "The role",
	"route.pool": "The pool", "sla.accept_hours": "Accept within", "sla.contact_days": "First contact within",
	"attribution.kind": "The credit", "attribution.side": "The credited side", "attribution.split": "The split",
	"escalate": "The escalation role", "reroute": "Re-route", "when": "The conditions",
}

// ruleErrorMessage makes core's message about a rule's input a sentence.
func ruleErrorMessage(part, msg string) string {
	if strings.HasPrefix(msg, "is ") || strings.HasPrefix(msg, "must ") || strings.HasPrefix(msg, "has ") || strings.HasPrefix(msg, "needs ") {
		label, ok := ruleFieldLabels[part]
		if !ok {
			label = "This"
		}
		msg = label + " " + msg
	}
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return capitalize(msg)
}
