package duet

import (
	"fmt"
	"maps"
	"strings"
	"testing"
)

var raciRoles = []Role{
	{Key: "pm", Name: "Partner manager", Side: SideHost},
	{Key: "ops", Name: "Marketing ops", Side: SideHost},
	{Key: "legal", Name: "Legal", Side: SideHost},
	{Key: "ae", Name: "Account executive", Side: SidePartner},
	{Key: "pmm", Name: "Partner marketer", Side: SidePartner},
}

func raciRow(workstream string, cells ...string) RACIRow {
	row := RACIRow{Workstream: workstream, Cells: map[string]string{}}
	for i := 0; i+1 < len(cells); i += 2 {
		row.Cells[cells[i]] = cells[i+1]
	}
	return row
}

func TestRACIValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		rows  []RACIRow
		field string
		msg   string
	}{
		{"no rows", nil, "rows", "at least one workstream"},
		{"too many rows", func() []RACIRow {
			var rows []RACIRow
			for i := range 101 {
				rows = append(rows, raciRow(fmt.Sprint("w", i), "pm", "RA"))
			}
			return rows
		}(), "rows", "at most 100"},
		{"two accountables", []RACIRow{raciRow("Launch", "pm", "A", "ae", "a", "ops", "R")}, "rows[0]",
			`"Launch" has 2 Accountables (Account executive and Partner manager); a workstream needs exactly one`},
		{"two accountables, one of them responsible", []RACIRow{raciRow("Launch", "pm", "RA", "pmm", "A")}, "rows[0]",
			"Partner manager and Partner marketer"},
		{"no accountable", []RACIRow{raciRow("Launch", "pm", "R", "ae", "C")}, "rows[0]", `"Launch" has no Accountable`},
		{"no responsible", []RACIRow{raciRow("Ok", "pm", "RA"), raciRow("Launch", "pm", "A", "ae", "C", "ops", "I")}, "rows[1]", `"Launch" has no Responsible`},
		{"an unknown role", []RACIRow{raciRow("Launch", "pm", "RA", "cfo", "C")}, "rows[0].cells.cfo", `"cfo" is not a role`},
		{"a role of no side", []RACIRow{raciRow("Launch", "pm", "RA", "ghost", "I")}, "rows[0].cells.ghost", "not a role of either side"},
		{"a letter that is not RACI", []RACIRow{raciRow("Launch", "pm", "RA", "ae", "X")}, "rows[0].cells.ae", `"X" is not R, A, RA, C or I`},
		{"consulted and informed at once", []RACIRow{raciRow("Launch", "pm", "RA", "ae", "C/I")}, "rows[0].cells.ae", `"C/I"`},
		{"responsible and consulted at once", []RACIRow{raciRow("Launch", "pm", "A", "ae", "RC")}, "rows[0].cells.ae", `"RC"`},
		{"a duplicate workstream", []RACIRow{raciRow("Launch", "pm", "RA"), raciRow(" launch ", "ae", "RA")}, "rows[1].workstream", `"launch" appears twice`},
		{"no workstream", []RACIRow{raciRow(" ", "pm", "RA")}, "rows[0].workstream", "required"},
		{"a workstream on two lines", []RACIRow{raciRow("a\nb", "pm", "RA")}, "rows[0].workstream", "single line"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := RACI{Rows: tc.rows}
			err := r.Validate(append(raciRoles, Role{Key: "ghost", Name: "Ghost"}))
			if ErrorKind(err) != EInvalid || ErrorField(err) != tc.field || !strings.Contains(ErrorMessage(err), tc.msg) {
				t.Errorf("got %v; want %s: …%s…", err, tc.field, tc.msg)
			}
		})
	}
}

func TestRACIValidateTidies(t *testing.T) {
	r := RACI{Rows: []RACIRow{
		raciRow(" Content ", "pm", "a/r", "ae", " c ", "ops", "", "pmm", "i"),
		raciRow("Events", "ops", "R, A", "pm", "r", "legal", "R+A+R"),
	}}
	// The second row has two accountables once "R+A+R" reads as RA.
	if err := r.Validate(raciRoles); ErrorField(err) != "rows[1]" {
		t.Fatalf("got %v", err)
	}
	r.Rows[1].Cells["legal"] = "c"
	if err := r.Validate(raciRoles); err != nil {
		t.Fatal(err)
	}
	want := []RACIRow{
		raciRow("Content", "pm", "RA", "ae", "C", "pmm", "I"),
		raciRow("Events", "ops", "RA", "pm", "R", "legal", "C"),
	}
	for i, row := range r.Rows {
		if row.Workstream != want[i].Workstream || !maps.Equal(row.Cells, want[i].Cells) {
			t.Errorf("row %d = %+v, want %+v", i, row, want[i])
		}
	}

	// "RA" alone is both the accountable and the responsible.
	r = RACI{Rows: []RACIRow{raciRow("Solo", "pm", "RA")}}
	if err := r.Validate(raciRoles); err != nil {
		t.Errorf("RA alone: %v", err)
	}

	used := RACI{Rows: want}
	var keys []string
	for _, ro := range used.RolesUsed(raciRoles) {
		keys = append(keys, ro.Key)
	}
	if got := strings.Join(keys, " "); got != "pm ops legal ae pmm" {
		t.Errorf("roles used %s", got)
	}
	if got := (&RACI{Rows: []RACIRow{raciRow("Solo", "ae", "RA")}}).RolesUsed(raciRoles); len(got) != 1 || got[0].Key != "ae" {
		t.Errorf("roles used %v", got)
	}
	text := used.Text(raciRoles)
	if want := "Content — Partner manager: RA, Account executive: C, Partner marketer: I\n" +
		"Events — Partner manager: R, Marketing ops: RA, Legal: C\n"; text != want {
		t.Errorf("Text:\n%s\nwant:\n%s", text, want)
	}
}

func TestDraftRACI(t *testing.T) {
	members := []Member{
		{ID: "h1", Side: SideHost, RoleKeys: []string{"pm"}},
		{ID: "h2", Side: SideHost, RoleKeys: []string{"ops", "legal"}},
		{ID: "p1", Side: SidePartner, RoleKeys: []string{"ae"}},
		{ID: "p2", Side: SidePartner, RoleKeys: []string{"pmm"}},
		{ID: "p3", Side: SidePartner}, // no role
	}
	lists := []TaskList{
		{ID: "l1", Title: "Plan", DRI: DRI{RoleKey: "pm"}},
		{ID: "l2", Title: "Launch", DRI: DRI{MemberID: "p1"}},
		{ID: "l3", Title: "Old stage", DRI: DRI{RoleKey: "ops"}, Archived: true},
		{ID: "l4", Title: "Follow-up", DRI: DRI{RoleKey: "pm"}},
	}
	tasks := []Task{
		{ListID: "l1", DRI: DRI{RoleKey: "ops"}, Collaborators: []Author{{MemberID: "h1"}, {MemberID: "p3"}}},
		{ListID: "l1", DRI: DRI{MemberID: "p2"}, Collaborators: []Author{{MemberID: "p1"}}},
		{ListID: "l1", DRI: DRI{RoleKey: "legal"}, Archived: true},
		{ListID: "l3", DRI: DRI{RoleKey: "ae"}},
		{ListID: "l4", DRI: DRI{RoleKey: "pm"}},
	}
	src := RACISource{Lists: lists, Tasks: tasks, Members: members, Roles: raciRoles, ReviewRoles: []string{"pmm", "ops", "pm"}}
	got := DraftRACI(src)
	want := []RACIRow{
		// The DRI's role accountable, the tasks' DRIs responsible (a
		// person standing for their first role), collaborators consulted;
		// an archived task counts for nothing.
		raciRow("Plan", "pm", "A", "ops", "R", "pmm", "R", "ae", "C"),
		// No tasks: the DRI is also responsible; the other side informed.
		raciRow("Launch", "ae", "RA", "pm", "I"),
		raciRow("Follow-up", "pm", "RA", "ae", "I"),
		// The final review step accountable, earlier steps responsible.
		raciRow("Asset reviews and approvals", "pm", "A", "pmm", "R", "ops", "R"),
	}
	if len(got.Rows) != len(want) {
		t.Fatalf("%d rows: %+v", len(got.Rows), got.Rows)
	}
	for i, row := range got.Rows {
		if row.Workstream != want[i].Workstream || !maps.Equal(row.Cells, want[i].Cells) {
			t.Errorf("row %d = %+v\nwant %+v", i, row, want[i])
		}
	}
	if err := got.Validate(raciRoles); err != nil {
		t.Errorf("the draft does not validate: %v", err)
	}

	// One review step is both; a list led by someone without a role has
	// no accountable, and the draft says so when validated.
	src = RACISource{
		Lists:       []TaskList{{ID: "l5", Title: "Ad hoc", DRI: DRI{MemberID: "p3"}}},
		Tasks:       []Task{{ListID: "l5", DRI: DRI{RoleKey: "ops"}}},
		Members:     members,
		Roles:       raciRoles,
		ReviewRoles: []string{"pm"},
	}
	got = DraftRACI(src)
	if len(got.Rows) != 2 || !maps.Equal(got.Rows[1].Cells, map[string]string{"pm": "RA", "ae": "I"}) {
		t.Fatalf("rows %+v", got.Rows)
	}
	if !maps.Equal(got.Rows[0].Cells, map[string]string{"ops": "R", "ae": "I"}) {
		t.Errorf("ad hoc row %+v", got.Rows[0])
	}
	if err := got.Validate(raciRoles); ErrorField(err) != "rows[0]" || !strings.Contains(ErrorMessage(err), "no Accountable") {
		t.Errorf("got %v", err)
	}

	if got := DraftRACI(RACISource{Roles: raciRoles}); len(got.Rows) != 0 {
		t.Errorf("nothing to draft from: %+v", got.Rows)
	}
}
