package duet

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// RACI is the matrix of workstreams against roles: who is Responsible,
// Accountable, Consulted and Informed.
type RACI struct {
	Rows []RACIRow `json:"rows"`
}

// RACIRow is one workstream. Cells maps a role key to its letters: "R",
// "A", "RA" (responsible and accountable), "C" or "I".
type RACIRow struct {
	Workstream string            `json:"workstream"`
	Cells      map[string]string `json:"cells"`
}

// RACILetters are the values a cell may hold, in the order forms offer
// them; "" leaves the cell empty.
var RACILetters = []string{"", "R", "A", "RA", "C", "I"}

const maxRACIRows = 100

// normalizeCell reads a cell however it was typed ("a/r", "R, A") and
// returns its canonical letters, or false.
func normalizeCell(v string) (string, bool) {
	var has [4]bool
	for _, c := range strings.ToUpper(v) {
		switch c {
		case 'R':
			has[0] = true
		case 'A':
			has[1] = true
		case 'C':
			has[2] = true
		case 'I':
			has[3] = true
		case ' ', ',', '/', '+':
		default:
			return "", false
		}
	}
	var out string
	for i, l := range "RACI" {
		if has[i] {
			out += string(l)
		}
	}
	switch out {
	case "", "R", "A", "RA", "C", "I":
		return out, true
	}
	return "", false
}

// Validate checks every row against the workspace's roles: a workstream
// name, exactly one Accountable, at least one Responsible, and only roles
// of one of the two sides. It tidies cells in place; a problem names the
// row and says what is wrong.
func (r *RACI) Validate(roles []Role) error {
	if len(r.Rows) == 0 {
		return Invalid("rows", "needs at least one workstream")
	}
	if len(r.Rows) > maxRACIRows {
		return Invalid("rows", "has %d workstreams; at most %d", len(r.Rows), maxRACIRows)
	}
	byKey := map[string]Role{}
	for _, ro := range roles {
		byKey[ro.Key] = ro
	}
	seen := map[string]bool{}
	for i := range r.Rows {
		row := &r.Rows[i]
		f := fmt.Sprintf("rows[%d]", i)
		row.Workstream = strings.TrimSpace(row.Workstream)
		if err := textField(f+".workstream", row.Workstream, 200); err != nil {
			return err
		}
		if seen[strings.ToLower(row.Workstream)] {
			return Invalid(f+".workstream", "%q appears twice; each workstream is one row", row.Workstream)
		}
		seen[strings.ToLower(row.Workstream)] = true
		cells := map[string]string{}
		var accountable, responsible []string
		for _, k := range slices.Sorted(maps.Keys(row.Cells)) {
			v, ok := normalizeCell(row.Cells[k])
			if !ok {
				return Invalid(f+".cells."+k, "%q is not R, A, RA, C or I", row.Cells[k])
			}
			if v == "" {
				continue
			}
			ro, ok := byKey[k]
			if !ok || !ro.Side.Valid() {
				return Invalid(f+".cells."+k, "%q is not a role of either side of this workspace", k)
			}
			cells[k] = v
			if strings.Contains(v, "A") {
				accountable = append(accountable, ro.Name)
			}
			if strings.Contains(v, "R") {
				responsible = append(responsible, ro.Name)
			}
		}
		row.Cells = cells
		switch {
		case len(accountable) == 0:
			return Invalid(f, "%q has no Accountable; a workstream needs exactly one", row.Workstream)
		case len(accountable) > 1:
			return Invalid(f, "%q has %d Accountables (%s); a workstream needs exactly one", row.Workstream, len(accountable), JoinWords(accountable))
		case len(responsible) == 0:
			return Invalid(f, "%q has no Responsible; at least one role must do the work", row.Workstream)
		}
	}
	return nil
}

// RolesUsed returns the roles that appear in any row, in the workspace's
// role order: the columns a page needs.
func (r *RACI) RolesUsed(roles []Role) []Role {
	var out []Role
	for _, ro := range roles {
		for _, row := range r.Rows {
			if row.Cells[ro.Key] != "" {
				out = append(out, ro)
				break
			}
		}
	}
	return out
}

// Text is the matrix as plain text, one workstream per line: what version
// diffs compare.
func (r *RACI) Text(roles []Role) string {
	var s strings.Builder
	for _, row := range r.Rows {
		var cells []string
		for _, ro := range roles {
			if v := row.Cells[ro.Key]; v != "" {
				cells = append(cells, ro.Name+": "+v)
			}
		}
		fmt.Fprintf(&s, "%s — %s\n", row.Workstream, strings.Join(cells, ", "))
	}
	return s.String()
}

// RACISource is what "draft from tasks" reads: the live task lists, their
// tasks, the members (to find the role of a DRI chosen by name) and the
// roles of the asset review steps.
type RACISource struct {
	Lists       []TaskList
	Tasks       []Task
	Members     []Member
	Roles       []Role
	ReviewRoles []string
}

// DraftRACI proposes a matrix: a row per task list, accountable its DRI's
// role and responsible the roles of its tasks' DRIs, consulted the roles
// of their collaborators, the other side's first role informed; and a row
// for asset reviews, accountable the final review step's role. A person
// chosen directly stands for their first role. The draft is a proposal:
// it may not validate until someone edits it.
func DraftRACI(src RACISource) RACI {
	memberRole := map[string]string{}
	for _, m := range src.Members {
		if len(m.RoleKeys) > 0 {
			memberRole[m.ID] = m.RoleKeys[0]
		}
	}
	roleOf := func(d DRI) string {
		if d.RoleKey != "" {
			return d.RoleKey
		}
		return memberRole[d.MemberID]
	}
	sideOf := map[string]Side{}
	firstOf := map[Side]string{}
	for _, ro := range src.Roles {
		sideOf[ro.Key] = ro.Side
		if firstOf[ro.Side] == "" {
			firstOf[ro.Side] = ro.Key
		}
	}
	add := func(cells map[string]string, k, letter string) {
		if k == "" || sideOf[k] == "" {
			return
		}
		switch cur := cells[k]; {
		case cur == "":
			cells[k] = letter
		case letter == "R" && cur == "A", letter == "A" && cur == "R":
			cells[k] = "RA"
		}
	}
	inform := func(cells map[string]string) {
		for _, side := range []Side{SideHost, SidePartner} {
			has := false
			for k := range cells {
				has = has || sideOf[k] == side
			}
			if !has {
				add(cells, firstOf[side], "I")
			}
		}
	}
	var out RACI
	for _, l := range src.Lists {
		if l.Archived {
			continue
		}
		cells := map[string]string{}
		add(cells, roleOf(l.DRI), "A")
		for _, t := range src.Tasks {
			if t.ListID == l.ID && !t.Archived {
				add(cells, roleOf(t.DRI), "R")
			}
		}
		for _, t := range src.Tasks {
			if t.ListID == l.ID && !t.Archived {
				for _, c := range t.Collaborators {
					add(cells, memberRole[c.MemberID], "C")
				}
			}
		}
		if !hasLetter(cells, "R") {
			add(cells, roleOf(l.DRI), "R")
		}
		inform(cells)
		out.Rows = append(out.Rows, RACIRow{Workstream: l.Title, Cells: cells})
	}
	if n := len(src.ReviewRoles); n > 0 {
		cells := map[string]string{}
		add(cells, src.ReviewRoles[n-1], "A")
		for _, k := range src.ReviewRoles[:n-1] {
			add(cells, k, "R")
		}
		if !hasLetter(cells, "R") {
			add(cells, src.ReviewRoles[n-1], "R")
		}
		inform(cells)
		out.Rows = append(out.Rows, RACIRow{Workstream: "Asset reviews and approvals", Cells: cells})
	}
	return out
}

func hasLetter(cells map[string]string, l string) bool {
	for _, v := range cells {
		if strings.Contains(v, l) {
			return true
		}
	}
	return false
}
