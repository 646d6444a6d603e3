package duet

import (
	"slices"
	"testing"
	"time"
)

func TestParseDue(t *testing.T) {
	for _, tc := range []struct {
		in, date, rule string
		task           int
		bad            bool
	}{
		{in: ""},
		{in: "2027-03-12", date: "2027-03-12"},
		{in: "launch-7d", rule: "launch-7d"},
		{in: " Kickoff + 3d ", rule: "kickoff+3d"},
		{in: "launch", rule: "launch"},
		{in: "T-12+2d", rule: "T-12+2d", task: 12},
		{in: "t-4-1", rule: "T-4-1d", task: 4},
		{in: "launch-5000d", bad: true},
		{in: "next friday", bad: true},
		{in: "2027-02-30", bad: true},
	} {
		d, r, err := ParseDue("due", tc.in)
		if tc.bad {
			if ErrorKind(err) != EInvalid || ErrorField(err) != "due" {
				t.Errorf("%q: err = %v", tc.in, err)
			}
			continue
		}
		if err != nil || (tc.date != "" && d.String() != tc.date) || r.String() != tc.rule || r.TaskNumber != tc.task {
			t.Errorf("%q: %v %q %+v %v", tc.in, d, r.String(), r, err)
		}
	}
}

func TestParseDRI(t *testing.T) {
	for in, ok := range map[string]bool{"role:content-lead": true, "member:abc": true, "partner": false, "team:partner": false,
		"org:xyz": false, "side:host": false, "role:": false, "": false} {
		_, err := ParseDRI("dri", in)
		if (err == nil) != ok || (err != nil && ErrorField(err) != "dri") {
			t.Errorf("%q: %v", in, err)
		}
	}
}

func TestDependencyCycle(t *testing.T) {
	edges := map[string][]string{"b": {"a"}, "c": {"b"}}
	if got := DependencyCycle("a", []string{"c"}, edges); !slices.Equal(got, []string{"a", "c", "b", "a"}) {
		t.Errorf("cycle = %v", got)
	}
	if got := DependencyCycle("a", []string{"a"}, edges); len(got) == 0 {
		t.Error("self-dependency not a cycle")
	}
	if got := DependencyCycle("d", []string{"c"}, edges); got != nil {
		t.Errorf("no cycle, got %v", got)
	}
}

func TestShiftFollowsChains(t *testing.T) {
	k, l := mustDate("2027-01-01"), mustDate("2027-03-01")
	items := []Dated{
		{Kind: "task", ID: "a", DueOn: mustDate("2027-02-22"), Due: DueRule{Anchor: AnchorLaunch, Days: -7}},
		{Kind: "task", ID: "b", DueOn: mustDate("2027-02-24"), Due: DueRule{Anchor: AnchorTask, TaskID: "a", Days: 2}},
		{Kind: "task", ID: "c", DueOn: mustDate("2027-02-25"), Due: DueRule{Anchor: AnchorTask, TaskID: "b", Days: 1}},
		{Kind: "task", ID: "fixed", DueOn: mustDate("2027-01-10")},
		{Kind: "milestone", ID: "m", DueOn: mustDate("2027-01-08"), Due: DueRule{Anchor: AnchorKickoff, Days: 7}},
	}
	moves := Shift(items, k, l.AddDays(7))
	got := map[string]string{}
	for _, mv := range moves {
		got[mv.ID] = mv.To.String()
	}
	want := map[string]string{"a": "2027-03-01", "b": "2027-03-03", "c": "2027-03-04"}
	if len(got) != len(want) {
		t.Fatalf("moves = %v", got)
	}
	for id, d := range want {
		if got[id] != d {
			t.Errorf("%s → %s, want %s", id, got[id], d)
		}
	}
}

func TestGateEvaluate(t *testing.T) {
	who := &Member{Name: "Maya"}
	m := Milestone{Criteria: []Criterion{
		{Text: "Kickoff tasks done", Check: CheckTasksDone, TaskList: "kickoff"},
		{Text: "Roles filled", Check: CheckRolesFilled},
		{Text: "Copy recorded", Check: CheckDecisionsRecorded, DecisionKinds: []string{KindCopy, KindCreative}},
		{Text: "Launch date agreed", DRI: DRI{Member: who}},
		{Text: "Retro actions", Check: CheckRetroActions, DRI: DRI{Member: who}, CheckedBy: &Author{Name: "Priya"}},
	}}
	f := GateFacts{Lists: map[string]ListCount{"kickoff": {Title: "Kickoff", Total: 4, Done: 3, Blocked: 1}},
		UnfilledRoles: []Role{{Name: "Designer"}}, ApprovedKinds: map[string]int{KindCopy: 1}}
	m.Evaluate(f)
	met := []bool{false, false, false, false, true}
	for i, c := range m.Criteria {
		if c.Met != met[i] || c.Why == "" {
			t.Errorf("%s: met %v (%s)", c.Text, c.Met, c.Why)
		}
	}
	if m.Status != MilestonePending || len(m.Unmet()) != 4 || m.Criteria[4].Computed || !m.Criteria[0].Computed {
		t.Fatalf("status %s, unmet %d", m.Status, len(m.Unmet()))
	}
	if want := "3 of 4 tasks of Kickoff are done; 1 blocked."; m.Criteria[0].Why != want {
		t.Errorf("why = %q", m.Criteria[0].Why)
	}
	f.Lists["kickoff"] = ListCount{Title: "Kickoff", Total: 4, Done: 4}
	f.UnfilledRoles, f.ApprovedKinds[KindCreative] = nil, 1
	m.Criteria[3].CheckedBy = &Author{Name: "Maya"}
	m.Evaluate(f)
	if m.Status != MilestoneReady {
		t.Fatalf("status %s: %+v", m.Status, m.Unmet())
	}
}

func TestMarkStale(t *testing.T) {
	now := time.Date(2027, 1, 20, 12, 0, 0, 0, time.UTC)
	long, recent := now.Add(-10*24*time.Hour), now.Add(-24*time.Hour)
	h := HillChart{Scopes: []HillScope{
		{TaskListID: "a", Moved: &long},   // tasks changed, dot still: stale
		{TaskListID: "b", Moved: &recent}, // moved lately
		{TaskListID: "c"},                 // tasks quiet
		{},                                // no list
	}}
	h.MarkStale(now, map[string]time.Time{"a": recent, "b": recent, "c": long})
	for i, want := range []bool{true, false, false, false} {
		if h.Scopes[i].Stale != want {
			t.Errorf("dot %d stale = %v", i, h.Scopes[i].Stale)
		}
	}
}

func mustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}
