package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"duet/internal/core"
	"duet/internal/duet"
)

// RulesEditPage is the rule editor: one fieldset per rule, in order,
// the fallback last, with a spare fieldset above the fallback for a new
// rule; a template fieldset for script to add more.
type RulesEditPage struct {
	Base
	WS      string
	Tabs    LeadTabs
	Action  string
	Back    string
	Version int // the version edited, 0 for the first
	Note    string
	Rules   []RuleFormView
	New     RuleFormView // the template script copies
	Err     string       // a refusal that belongs to no rule
	// Warn says what saving does to a proposal under way; Live, which
	// version keeps routing meanwhile.
	Warn string
	Live string
}

// In is one input of the editor: its id and name, what was typed, the
// choices of a select, and the error to show next to it.
type In struct {
	ID     string
	Name   string
	Value  string
	Err    string
	Opts   []Option
	Groups []OptGroup
}

// ErrID is the id of the input's error message.
func (i In) ErrID() string { return i.ID + "-error" }

// OptGroup is a labelled group of choices.
type OptGroup struct {
	Label   string
	Options []Option
}

// RuleFormView is one rule's fieldset.
type RuleFormView struct {
	ID       string // the number in the input names: "3", or "__R__" in the template
	N        int    // 1-based, as shown
	Key      string
	Name     In
	Position In
	Conds    []CondView
	When     In // the conditions as a whole: their error
	Side     In
	To       In
	Member   In
	Role     In
	Pool     PoolView
	Accept   In
	Contact  In
	AttrKind In
	AttrSide In
	Split    In
	Escalate In
	Reroute  bool
	RerouteN string // the reroute checkbox's name
	RemoveN  string
	Err      string // an error about the rule that no input shows
	Fallback bool
	Spare    bool // the empty fieldset for a new rule
}

// CondView is one condition's inputs.
type CondView struct {
	ID     string
	Field  In
	Op     In
	Values In
	Min    In
	Max    In
}

// PoolView is the round-robin pool's members to choose from.
type PoolView struct {
	ID   string
	Err  string
	Rows []PoolRow
}

// PoolRow is one member who may be in the pool.
type PoolRow struct {
	ID      string
	Name    string // the checkbox's name
	WeightN string // the weight's name
	Member  string
	Label   string
	Org     string
	Class   string
	Checked bool
	Weight  string
}

// rulesEdit serves GET /w/{ws}/rules/edit: the latest version in the
// editor, or the starter (a fallback only) before the first save.
// Guests read the rules but do not edit them.
func (s *server) rulesEdit(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if v.guest() {
		s.Error(w, r, duet.Errorf(duet.EForbidden, "Guests can read the lead-share rules but not edit them."))
		return
	}
	rv, err := s.svc.Rules(r.Context(), actorOf(r), v.d.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.showRulesEdit(w, r, v, rv, http.StatusOK, ruleForms(rv.Draft), latestVersion(rv), "", nil)
}

// latestVersion is the version the editor edits: the latest, 0 before
// the first save.
func latestVersion(rv core.RulesView) int {
	if rv.Latest == nil {
		return 0
	}
	return rv.Latest.Version
}

// showRulesEdit renders the editor with forms as typed and err, if any,
// at the input it names.
func (s *server) showRulesEdit(w http.ResponseWriter, r *http.Request, v *viewer, rv core.RulesView, status int, forms []RuleForm, version int, note string, err error) {
	p := v.rulesEditPage(rv, forms, version, note, err)
	nav, bell, ferr := s.frame(r, v, "rules", "")
	if ferr != nil {
		s.Error(w, r, ferr)
		return
	}
	p.Base = Base{Title: "Edit the lead-share rules · " + v.d.Name, Nav: nav, Bell: bell}
	s.render(w, r, status, "rules_edit", p)
}

// rulesEditPage lays out the editor.
func (v *viewer) rulesEditPage(rv core.RulesView, forms []RuleForm, version int, note string, err error) *RulesEditPage {
	ws := v.d.ID
	p := &RulesEditPage{WS: ws, Tabs: leadTabs(ws, "rules"), Action: rulesURL(ws), Back: rulesURL(ws), Version: version, Note: note}
	if l := rv.Latest; l != nil && l.Status == duet.DocProposed && l.Decision != nil {
		p.Warn = fmt.Sprintf("Version %d is proposed for approval as D-%d. Saving a new version withdraws that proposal: signers sign the rules as they are.", l.Version, l.Decision.Number)
	}
	if rv.Approved != nil {
		p.Live = fmt.Sprintf("Version %d is approved and keeps routing leads until a newer version is approved by both sides.", rv.Approved.Version)
	} else {
		p.Live = "No version is approved yet: leads wait unrouted until both sides approve one."
	}
	o := v.ruleOptions()
	fe := ruleFormError(err)
	placed := false
	n := len(forms)
	// The spare fieldset for a new rule goes above the last rule. The
	// numbers in the names follow the fieldsets' order on the page.
	for i, f := range forms {
		if i == n-1 {
			p.Rules = append(p.Rules, o.ruleView(v, strconv.Itoa(len(p.Rules)), len(p.Rules), o.spare(), -1, fe, &placed))
		}
		rf := o.ruleView(v, strconv.Itoa(len(p.Rules)), len(p.Rules), f, i, fe, &placed)
		rf.Fallback = i == n-1 && len(f.When) == 0
		p.Rules = append(p.Rules, rf)
	}
	if n == 0 {
		p.Rules = append(p.Rules, o.ruleView(v, "0", 0, o.spare(), -1, fe, &placed))
	}
	p.New = o.ruleView(v, "__R__", 0, o.spare(), -1, FormError{}, new(bool))
	if !placed && fe.Msg != "" {
		p.Err = fe.Msg
	}
	return p
}

// ruleFormError is the message of a refused save with the field core
// named; messages about a rule's input are worded for the editor.
func ruleFormError(err error) FormError {
	if err == nil {
		return FormError{}
	}
	field := duet.ErrorField(err)
	msg := duet.ErrorMessage(err)
	if _, _, part, ok := parseErrPath(field); ok {
		return FormError{Field: field, Msg: ruleErrorMessage(part, msg)}
	}
	return FormError{Field: field, Msg: fieldMessage(field, msg)}
}

// ruleOptions are the choices every rule's selects offer.
type ruleOptions struct {
	fields    []Option
	ops       []Option
	sides     []Option
	to        []Option
	kinds     []Option
	members   []duet.Member
	roles     []duet.Role
	firstHost string
}

func (v *viewer) ruleOptions() *ruleOptions {
	o := &ruleOptions{members: v.d.Members, roles: v.d.Roles}
	o.fields = append(o.fields, Option{Value: "", Label: "Choose a field…"})
	for _, f := range duet.RuleFields {
		o.fields = append(o.fields, Option{Value: f.Key, Label: f.Name})
	}
	for _, op := range duet.RuleOps {
		o.ops = append(o.ops, Option{Value: op.Key, Label: op.Name})
	}
	o.sides = []Option{{Value: string(duet.SideHost), Label: v.o.host}, {Value: string(duet.SidePartner), Label: v.o.partner}}
	o.to = []Option{{Value: duet.ToRole, Label: "Whoever holds a role"}, {Value: duet.ToMember, Label: "A named member"}, {Value: duet.ToPool, Label: "Round robin among members"}}
	o.kinds = []Option{{Value: duet.AttrSourced, Label: "Sourced"}, {Value: duet.AttrInfluenced, Label: "Influenced"}}
	for _, r := range v.d.Roles {
		if r.Side == duet.SideHost {
			o.firstHost = r.Key
			break
		}
	}
	return o
}

// spare is the form of a new rule: routed to the host's first role, 8
// business hours to accept, 2 days to contact, sourced by the host.
func (o *ruleOptions) spare() RuleForm {
	return RuleForm{Side: string(duet.SideHost), To: duet.ToRole, Role: o.firstHost, AcceptHours: "8", ContactDays: "2",
		AttrKind: duet.AttrSourced, AttrSide: string(duet.SideHost), AttrSplit: "100"}
}

// chosen copies options with value selected.
func chosen(opts []Option, value string) []Option {
	out := slices.Clone(opts)
	for i := range out {
		out[i].Selected = out[i].Value == value
	}
	return out
}

// ruleView lays out one rule's fieldset. idx is the rule's index in the
// rule set sent to core (-1 for the spare), which core's error names;
// placed is set when fe is shown in this fieldset.
func (o *ruleOptions) ruleView(v *viewer, id string, shown int, f RuleForm, idx int, fe FormError, placed *bool) RuleFormView {
	name := func(part string) string { return "rules." + id + "." + part }
	in := func(part, value string) In {
		return In{ID: "r" + id + "-" + dashes(part), Name: name(part), Value: value}
	}
	rf := RuleFormView{ID: id, N: shown + 1, Key: f.Key, Spare: idx < 0, Reroute: f.Reroute, RerouteN: name("reroute"), RemoveN: name("remove"),
		Name: in("name", f.Name), Position: in("position", strconv.Itoa(shown+1)),
		When: In{ID: "r" + id + "-when"},
		Side: in("route.side", f.Side), To: in("route.to", f.To), Member: in("route.member", f.Member), Role: in("route.role", f.Role),
		Accept: in("sla.accept_hours", f.AcceptHours), Contact: in("sla.contact_days", f.ContactDays),
		AttrKind: in("attribution.kind", f.AttrKind), AttrSide: in("attribution.side", f.AttrSide), Split: in("attribution.split", f.AttrSplit),
		Escalate: in("escalate", f.Escalate)}
	rf.Side.Opts, rf.AttrSide.Opts = chosen(o.sides, f.Side), chosen(o.sides, f.AttrSide)
	rf.To.Opts, rf.AttrKind.Opts = chosen(o.to, f.To), chosen(o.kinds, f.AttrKind)
	rf.Member.Groups = o.memberGroups(v, f.Member)
	rf.Role.Groups = o.roleGroups(v, f.Role, "Choose a role…")
	rf.Escalate.Groups = o.roleGroups(v, f.Escalate, "Nobody")
	conds := append(slices.Clone(f.When), CondForm{})
	for j, c := range conds {
		cid := "r" + id + "-c" + strconv.Itoa(j)
		cn := func(part string) string { return name("when." + strconv.Itoa(j) + "." + part) }
		cv := CondView{ID: cid, Field: In{ID: cid + "-field", Name: cn("field"), Value: c.Field, Opts: chosen(o.fields, c.Field)},
			Op:     In{ID: cid + "-op", Name: cn("op"), Value: c.Op, Opts: chosen(o.ops, c.Op)},
			Values: In{ID: cid + "-values", Name: cn("values"), Value: c.Values},
			Min:    In{ID: cid + "-min", Name: cn("min"), Value: c.Min}, Max: In{ID: cid + "-max", Name: cn("max"), Value: c.Max}}
		rf.Conds = append(rf.Conds, cv)
	}
	rf.Pool = o.poolView(v, id, f.Pool)

	if idx < 0 || fe.Msg == "" {
		return rf
	}
	ri, ci, part, ok := parseErrPath(fe.Field)
	if !ok || ri != idx {
		return rf
	}
	*placed = true
	if ci >= 0 && ci < len(rf.Conds) {
		c := &rf.Conds[ci]
		switch part {
		case "field":
			c.Field.Err = fe.Msg
		case "op":
			c.Op.Err = fe.Msg
		case "min":
			c.Min.Err = fe.Msg
		case "max":
			c.Max.Err = fe.Msg
		default:
			c.Values.Err = fe.Msg
		}
		return rf
	}
	switch part {
	case "name":
		rf.Name.Err = fe.Msg
	case "when":
		rf.When.Err = fe.Msg
	case "route.side":
		rf.Side.Err = fe.Msg
	case "route.to":
		rf.To.Err = fe.Msg
	case "route.member":
		rf.Member.Err = fe.Msg
	case "route.role":
		rf.Role.Err = fe.Msg
	case "route.pool":
		rf.Pool.Err = fe.Msg
	case "sla.accept_hours":
		rf.Accept.Err = fe.Msg
	case "sla.contact_days":
		rf.Contact.Err = fe.Msg
	case "attribution.kind":
		rf.AttrKind.Err = fe.Msg
	case "attribution.side":
		rf.AttrSide.Err = fe.Msg
	case "attribution.split":
		rf.Split.Err = fe.Msg
	case "escalate":
		rf.Escalate.Err = fe.Msg
	default:
		rf.Err = fe.Msg
	}
	return rf
}

// dashes turns a dotted input name into an id fragment.
func dashes(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '.' || c == '_' {
			b[i] = '-'
		}
	}
	return string(b)
}

// memberGroups are the members to route to, by side.
func (o *ruleOptions) memberGroups(v *viewer, chosenID string) []OptGroup {
	var out []OptGroup
	for _, side := range []duet.Side{duet.SideHost, duet.SidePartner} {
		g := OptGroup{Label: v.o.of(side)}
		for _, m := range o.members {
			if m.Side == side {
				label := m.Name
				if m.Away {
					label += " (away)"
				}
				g.Options = append(g.Options, Option{Value: m.ID, Label: label, Selected: m.ID == chosenID})
			}
		}
		out = append(out, g)
	}
	return out
}

// roleGroups are the workspace's roles, by side.
func (o *ruleOptions) roleGroups(v *viewer, chosenKey, none string) []OptGroup {
	out := []OptGroup{{Options: []Option{{Value: "", Label: none, Selected: chosenKey == ""}}}}
	for _, side := range []duet.Side{duet.SideHost, duet.SidePartner} {
		g := OptGroup{Label: v.o.of(side)}
		for _, r := range o.roles {
			if r.Side == side {
				g.Options = append(g.Options, Option{Value: r.Key, Label: r.Name, Selected: r.Key == chosenKey})
			}
		}
		out = append(out, g)
	}
	return out
}

// poolView lists every member for the pool: those chosen first, in the
// pool's order (which round robin follows), then the others.
func (o *ruleOptions) poolView(v *viewer, id string, pool []PoolForm) PoolView {
	pv := PoolView{ID: "r" + id + "-pool"}
	byID := map[string]duet.Member{}
	for _, m := range o.members {
		byID[m.ID] = m
	}
	add := func(m duet.Member, checked bool, weight string) {
		k := strconv.Itoa(len(pv.Rows))
		label := m.Name
		if m.Away {
			label += " (away)"
		}
		pv.Rows = append(pv.Rows, PoolRow{ID: pv.ID + "-" + k, Name: "rules." + id + ".route.pool." + k + ".member",
			WeightN: "rules." + id + ".route.pool." + k + ".weight", Member: m.ID, Label: label, Org: v.o.of(m.Side),
			Class: sideClass(m.Side), Checked: checked, Weight: weight})
	}
	seen := map[string]bool{}
	for _, p := range pool {
		m, ok := byID[p.Member]
		if !ok {
			m = duet.Member{ID: p.Member, Name: "(former member)"}
		}
		if seen[p.Member] {
			continue
		}
		seen[p.Member] = true
		add(m, true, p.Weight)
	}
	for _, m := range o.members {
		if !seen[m.ID] {
			add(m, false, "1")
		}
	}
	return pv
}
