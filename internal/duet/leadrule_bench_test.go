package duet

import (
	"fmt"
	"slices"
	"testing"
)

// bench200 is a rule set of 199 rules a lead can miss and the fallback:
// country lists, a 500-domain list, employee bands and UTM sources, the
// shapes real rule tables have.
func bench200() RuleSet {
	domains := make([]string, 500)
	for i := range domains {
		domains[i] = fmt.Sprintf("account%d.example", i)
	}
	route := Route{Side: SideHost, To: ToRole, Role: "r"}
	var rs RuleSet
	for i := range 199 {
		var c Condition
		switch i % 4 {
		case 0:
			c = Condition{Field: FieldCountry, Op: OpIn, Values: []string{"DE", "FR", "NL", "BE", "AT", "CH", "IT", "ES", "PT", "SE", "NO", "DK", "FI", "PL", "CZ", "IE", "GB", "LU", "GR", "HU"}}
		case 1:
			c = Condition{Field: FieldEmailDomain, Op: OpDomainList, Values: domains}
		case 2:
			lo, hi := 10_000+i, 20_000+i
			c = Condition{Field: FieldEmployees, Op: OpRange, Min: &lo, Max: &hi}
		case 3:
			c = Condition{Field: FieldUTMSource, Op: OpEquals, Values: []string{fmt.Sprintf("source-%d", i)}}
		}
		rs.Rules = append(rs.Rules, Rule{Key: fmt.Sprintf("r%d", i), Name: fmt.Sprintf("Rule %d", i), When: []Condition{c}, Route: route})
	}
	rs.Rules = append(rs.Rules, Rule{Key: "fallback", Name: "Everything else", Route: route})
	// Validate sorts the domain lists, as a saved rule set has them.
	for i := range rs.Rules {
		for j := range rs.Rules[i].When {
			if c := &rs.Rules[i].When[j]; c.Op == OpDomainList {
				slices.Sort(c.Values)
			}
		}
	}
	return rs
}

// BenchmarkRoute200 routes a lead that misses all 199 conditional rules
// and lands on the fallback: the whole table is evaluated, with every
// reason written.
func BenchmarkRoute200(b *testing.B) {
	rs := bench200()
	l := LeadFacts{Domain: "someone.example", Country: "US", Employees: 250, EmployeesKnown: true, UTMSource: "newsletter", Consent: true, Origin: SideHost}
	b.ReportAllocs()
	for b.Loop() {
		if o := rs.Route(l); o.Index != 199 {
			b.Fatalf("matched %d", o.Index)
		}
	}
}
