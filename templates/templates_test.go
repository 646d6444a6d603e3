package templates

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"duet/internal/duet"
)

func embeddedFiles(t *testing.T) []string {
	t.Helper()
	names, err := fs.Glob(builtin, "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) < 9 {
		t.Fatalf("embedded templates = %v, want the built-in one and its 8 variants", names)
	}
	return names
}

func mustParse(t *testing.T, name string) *duet.Template {
	t.Helper()
	data, err := builtin.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	tpl, issues := Parse(name, data)
	for _, is := range issues {
		t.Errorf("%s", is)
	}
	if tpl == nil {
		t.Fatalf("%s: no template", name)
	}
	return tpl
}

// window is the range of due dates a stage's starter tasks may have.
type window struct {
	kickoffMin, kickoffMax int // allowed days after kickoff (ok=false: none)
	launchMin, launchMax   int // allowed days around launch
	kickoffOK, launchOK    bool
}

var stageWindows = map[string]window{
	"kickoff-alignment":  {kickoffOK: true, kickoffMin: 0, kickoffMax: 10},
	"asset-development":  {kickoffOK: true, kickoffMin: 7, kickoffMax: 30, launchOK: true, launchMin: -60, launchMax: -14},
	"launch-sequencing":  {launchOK: true, launchMin: -10, launchMax: 1},
	"post-launch-review": {launchOK: true, launchMin: 3, launchMax: 21},
}

var requiredRoles = map[string]duet.Side{
	"partner-marketing-manager": duet.SideHost,
	"project-manager":           duet.SideHost,
	"product-marketing-lead":    duet.SideHost,
	"engineering-lead":          duet.SideHost,
	"content-lead":              duet.SideHost,
	"designer":                  duet.SideHost,
	"legal-reviewer":            duet.SideHost,
	"demand-gen-lead":           duet.SideHost,
	"partner-marketing-lead":    duet.SidePartner,
	"partner-content-lead":      duet.SidePartner,
	"partner-legal-reviewer":    duet.SidePartner,
	"partner-sales-lead":        duet.SidePartner,
}

func TestEmbeddedTemplatesAreClean(t *testing.T) {
	for _, name := range embeddedFiles(t) {
		t.Run(name, func(t *testing.T) {
			tpl := mustParse(t, name)
			if want := strings.TrimSuffix(name, ".yaml"); tpl.Key != want {
				t.Errorf("key = %q, want the file name %q", tpl.Key, want)
			}
			if tpl.PartnerType == "" {
				t.Error("partner_type is empty")
			}
			sides := map[string]duet.Side{}
			for _, r := range tpl.Roles {
				sides[r.Key] = r.Side
			}
			for k, s := range requiredRoles {
				if sides[k] != s {
					t.Errorf("role %s: side %q, want %q", k, sides[k], s)
				}
			}
			if len(tpl.Channels) != 4 || len(tpl.CheckIns) != 2 || len(tpl.Milestones) != 4 ||
				len(tpl.TaskLists) != 4 || len(tpl.Integrations) != 3 || len(tpl.PinnedResources) != 5 {
				t.Errorf("parts: %d channels, %d check-ins, %d milestones, %d task lists, %d integrations, %d pinned",
					len(tpl.Channels), len(tpl.CheckIns), len(tpl.Milestones), len(tpl.TaskLists),
					len(tpl.Integrations), len(tpl.PinnedResources))
			}
			scopes := map[string]int{}
			for _, s := range tpl.HillChart.Scopes {
				scopes[s.TaskList]++
			}
			for _, l := range tpl.TaskLists {
				if scopes[l.Key] != 1 {
					t.Errorf("task list %s has %d hill chart scopes, want 1", l.Key, scopes[l.Key])
				}
				if n := len(l.Tasks); n < 5 || n > 8 {
					t.Errorf("task list %s has %d tasks, want 5 to 8", l.Key, n)
				}
				w, ok := stageWindows[l.Key]
				if !ok {
					t.Errorf("task list %s is not one of the four stages", l.Key)
					continue
				}
				partner := 0
				for _, task := range l.Tasks {
					if sides[task.DRI] == duet.SidePartner {
						partner++
					}
					d, err := duet.ParseRelDate(task.Due)
					if err != nil {
						t.Errorf("%s / %q: %v", l.Key, task.Title, err)
						continue
					}
					in := (d.Anchor == "kickoff" && w.kickoffOK && d.Days >= w.kickoffMin && d.Days <= w.kickoffMax) ||
						(d.Anchor == "launch" && w.launchOK && d.Days >= w.launchMin && d.Days <= w.launchMax)
					if !in {
						t.Errorf("%s / %q: due %s is outside the stage's window", l.Key, task.Title, task.Due)
					}
				}
				if partner == 0 {
					t.Errorf("task list %s: no task is owned by a partner role", l.Key)
				}
			}
			for _, m := range tpl.Milestones {
				if n := len(m.Criteria); n < 3 || n > 5 {
					t.Errorf("milestone %s has %d criteria, want 3 to 5", m.Key, n)
				}
			}
		})
	}
}

func TestPartnerCoMarketing(t *testing.T) {
	tpl := mustParse(t, "partner-co-marketing.yaml")
	if tpl.Key != "partner-co-marketing" || tpl.Name != "Partner Co-Marketing" {
		t.Errorf("key, name = %q, %q", tpl.Key, tpl.Name)
	}

	keys := func(n int, key func(int) string) []string {
		var ks []string
		for i := range n {
			ks = append(ks, key(i))
		}
		return ks
	}
	eq := func(what string, got, want []string) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Errorf("%s = %q, want %q", what, got, want)
		}
	}

	eq("roles", keys(len(tpl.Roles), func(i int) string { return tpl.Roles[i].Key }), []string{
		"partner-marketing-manager", "project-manager", "product-marketing-lead", "engineering-lead",
		"content-lead", "designer", "legal-reviewer", "demand-gen-lead",
		"partner-marketing-lead", "partner-content-lead", "partner-legal-reviewer", "partner-sales-lead",
	})
	for _, r := range tpl.Roles {
		if r.Description == "" {
			t.Errorf("role %s has no description", r.Key)
		}
		if r.Optional != (r.Key == "engineering-lead") {
			t.Errorf("role %s: optional = %v", r.Key, r.Optional)
		}
		if r.Key == "partner-sales-lead" && r.Name != "Partner Sales/Channel Lead" {
			t.Errorf("partner-sales-lead name = %q", r.Name)
		}
	}

	eq("channels", keys(len(tpl.Channels), func(i int) string { return tpl.Channels[i].Name }),
		[]string{"kickoff", "day-to-day", "decisions", "retro"})
	for _, c := range tpl.Channels {
		if c.Key != c.Name || c.Visibility != duet.VisShared || c.Purpose == "" {
			t.Errorf("channel %+v", c)
		}
	}

	eq("check-ins", keys(len(tpl.CheckIns), func(i int) string { return tpl.CheckIns[i].Key }),
		[]string{"monday-check-in", "thursday-readiness"})
	mon, thu := tpl.CheckIns[0], tpl.CheckIns[1]
	if mon.Schedule != "FREQ=WEEKLY;BYDAY=MO" || mon.Time != "10:00" || mon.DurationMinutes != 30 {
		t.Errorf("monday check-in = %+v", mon)
	}
	eq("monday questions", keys(len(mon.Questions), func(i int) string { return mon.Questions[i].Key }),
		[]string{"progress", "blockers", "decisions-needed"})
	if thu.Schedule != "FREQ=WEEKLY;BYDAY=TH" || thu.Time != "15:00" {
		t.Errorf("thursday check-in = %+v", thu)
	}
	for _, c := range tpl.CheckIns {
		if !slices.Equal(c.AskSides, []duet.Side{duet.SideHost, duet.SidePartner}) {
			t.Errorf("%s asks %v", c.Key, c.AskSides)
		}
	}
	last := thu.Questions[len(thu.Questions)-1]
	if last.Key != "go-no-go" || last.Kind != duet.QuestionGoNoGo ||
		!slices.Equal(last.VoterRoles, []string{"partner-marketing-manager", "partner-marketing-lead"}) {
		t.Errorf("go/no-go question = %+v", last)
	}
	goNoGo := 0
	for _, q := range thu.Questions {
		if q.Kind == duet.QuestionGoNoGo {
			goNoGo++
		}
	}
	if len(thu.Questions) < 4 || goNoGo != 1 {
		t.Errorf("thursday has %d questions, %d go/no-go", len(thu.Questions), goNoGo)
	}

	eq("milestones", keys(len(tpl.Milestones), func(i int) string {
		return tpl.Milestones[i].Key + "@" + tpl.Milestones[i].Due
	}), []string{"kickoff-complete@kickoff+7d", "assets-approved@launch-14d", "launch-go-live@launch", "retro-complete@launch+21d"})
	checks := map[string]bool{}
	for _, c := range tpl.Milestones[1].Criteria {
		checks[c.Check] = true
	}
	for _, want := range []string{duet.CheckLeadRulesApproved, duet.CheckAssetsApproved, duet.CheckTasksDone} {
		if !checks[want] {
			t.Errorf("assets-approved has no %s criterion", want)
		}
	}

	eq("task lists", keys(len(tpl.TaskLists), func(i int) string { return tpl.TaskLists[i].Key }),
		[]string{"kickoff-alignment", "asset-development", "launch-sequencing", "post-launch-review"})
	for _, l := range tpl.TaskLists {
		if l.DRI == "" || l.Description == "" {
			t.Errorf("task list %s: dri %q, description %q", l.Key, l.DRI, l.Description)
		}
		for _, task := range l.Tasks {
			if task.DRI == "" {
				t.Errorf("task %q has no DRI", task.Title)
			}
		}
	}

	if tpl.HillChart.Title != "Partner Co-Marketing Campaign" || len(tpl.HillChart.Scopes) != 4 {
		t.Errorf("hill chart = %+v", tpl.HillChart)
	}
	for i, s := range tpl.HillChart.Scopes {
		if s.TaskList != tpl.TaskLists[i].Key {
			t.Errorf("scope %d task_list = %q", i, s.TaskList)
		}
	}

	eq("apps", keys(len(tpl.Apps), func(i int) string { return tpl.Apps[i].Key }), []string{
		"channels", "decisions", "check-ins", "tasks", "milestones", "hill-chart", "files", "calendar", "lead-routing",
	})
	for _, a := range tpl.Apps {
		if !a.Enabled {
			t.Errorf("app %s is not enabled", a.Key)
		}
	}

	eq("integrations", keys(len(tpl.Integrations), func(i int) string { return tpl.Integrations[i].Kind }),
		[]string{"slack", "google_drive", "hubspot"})
	for _, in := range tpl.Integrations {
		if in.Purpose == "" {
			t.Errorf("integration %s has no purpose", in.Kind)
		}
	}

	eq("pinned", keys(len(tpl.PinnedResources), func(i int) string {
		return tpl.PinnedResources[i].Key + "=" + tpl.PinnedResources[i].Title
	}), []string{
		"campaign-brief=Campaign Brief and Goals",
		"raci-matrix=RACI Matrix",
		"lead-share-rules=Lead-Share Rules and Routing Guide",
		"launch-calendar=Launch Calendar",
		"asset-approval-folder=Asset Approval Folder",
	})
	for _, p := range tpl.PinnedResources {
		if p.Description == "" {
			t.Errorf("pinned %s has no description", p.Key)
		}
	}
}

// minimal is a small valid template; the line numbers below refer to it.
const minimal = `key: t
name: T
description: D
roles:
  - key: host-lead
    name: Host Lead
    side: host
  - key: partner-lead
    name: Partner Lead
    side: partner
task_lists:
  - key: work
    title: Work
    dri: host-lead
    tasks:
      - title: Do it
        dri: partner-lead
        due: launch-3d
`

const checkIn = `check_ins:
  - key: weekly
    title: Weekly
    schedule: FREQ=WEEKLY;BYDAY=MO
    time: "10:00"
    duration_minutes: 30
    ask_sides: [host]
    questions:
      - key: q
        text: How is it going?
        kind: text
`

const milestone = `milestones:
  - key: done
    title: Done
    due: launch
    criteria:
      - text: Work is done.
        check: tasks_done
        task_list: work
        dri: host-lead
      - text: Both agree.
        dri: partner-lead
`

func edit(s string, pairs ...string) string {
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			panic("edit: " + pairs[i] + " not found")
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

func TestParseIssues(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		want   []string
		useful bool // a template comes back despite the issues
	}{
		{"valid", minimal, nil, true},
		{"valid with check-in", minimal + checkIn, nil, true},
		{"valid with milestone", minimal + milestone, nil, true},
		{"criterion without dri", minimal + edit(milestone, "        dri: partner-lead\n", ""),
			[]string{"t.yaml:28: milestones[0].criteria[1].dri: is required"}, true},
		{"unknown check and list", minimal + edit(milestone, "check: tasks_done", "check: vibes", "task_list: work", "task_list: play"),
			[]string{
				`t.yaml:25: milestones[0].criteria[0].check: "vibes" is not a check; use one of tasks_done, roles_filled, decisions_recorded, brief_signed, raci_valid, lead_rules_approved, assets_approved, calendar_assets_approved, calendar_published, go_votes, retro_action_items, or none for a manual check`,
				"t.yaml:26: milestones[0].criteria[0].task_list: only a tasks_done check reads a task list",
			}, true},
		{"tasks_done without a list", minimal + edit(milestone, "        task_list: work\n", ""),
			[]string{`t.yaml:24: milestones[0].criteria[0].task_list: a tasks_done check needs one of the template's task lists, not ""`}, true},
		{"unknown field", edit(minimal, "due: launch-3d\n", "due: launch-3d\n        owner: the partner team\n"),
			[]string{"t.yaml:19: task_lists[0].tasks[0].owner: unknown field"}, true},
		{"unknown top-level field", "colour: blue\n" + minimal,
			[]string{"t.yaml:1: colour: unknown field"}, true},
		{"unknown role in a task dri", edit(minimal, "dri: partner-lead", "dri: partner-team"),
			[]string{`t.yaml:17: task_lists[0].tasks[0].dri: unknown role "partner-team"`}, true},
		{"bad relative date", edit(minimal, "launch-3d", "launch-2w"),
			[]string{`t.yaml:18: task_lists[0].tasks[0].due: "launch-2w" is not a relative date like kickoff+3d or launch-14d`}, true},
		{"bad schedule", minimal + edit(checkIn, "BYDAY=MO", "BYDAY=MONDAY"),
			[]string{`t.yaml:22: check_ins[0].schedule: "MONDAY" is not a weekday (MO, TU, WE, TH, FR, SA, SU)`}, true},
		{"hourly schedule and bad time", minimal + edit(checkIn, "FREQ=WEEKLY;BYDAY=MO", "FREQ=HOURLY", `"10:00"`, `"25:00"`),
			[]string{
				`t.yaml:22: check_ins[0].schedule: FREQ=HOURLY fires more than once a day; a check-in meets at most daily`,
				`t.yaml:23: check_ins[0].time: "25:00" is not a time like 10:00`,
			}, true},
		{"missing required field", edit(minimal, "    title: Work\n", ""),
			[]string{"t.yaml:12: task_lists[0].title: is required"}, true},
		{"missing task dri", edit(minimal, "        dri: partner-lead\n", ""),
			[]string{"t.yaml:16: task_lists[0].tasks[0].dri: is required"}, true},
		{"missing top-level fields", edit(minimal, "name: T\n", "", "description: D\n", ""),
			[]string{"t.yaml:1: name: is required", "t.yaml:1: description: is required"}, true},
		{"no partner role", edit(minimal, "side: partner", "side: host"),
			[]string{
				"t.yaml:4: roles: needs at least one host role and one partner role",
			}, true},
		{"bad side", edit(minimal, "side: partner", "side: vendor"),
			[]string{
				"t.yaml:4: roles: needs at least one host role and one partner role",
				`t.yaml:10: roles[1].side: must be host or partner, not "vendor"`,
			}, true},
		{"wrong type: text for a list", edit(minimal, "    tasks:\n      - title: Do it\n        dri: partner-lead\n        due: launch-3d\n",
			"    tasks: do everything\n"),
			[]string{`t.yaml:15: task_lists[0].tasks: must be a list, not "do everything"`}, true},
		{"wrong type: text for a number", minimal + edit(checkIn, "duration_minutes: 30", "duration_minutes: half an hour"),
			[]string{`t.yaml:24: check_ins[0].duration_minutes: must be a whole number, not "half an hour"`}, true},
		{"wrong type: list for text", edit(minimal, "name: T", "name: [a, b]"),
			[]string{"t.yaml:2: name: must be text, not a list"}, true},
		{"wrong type: list for a mapping", minimal + "hill_chart:\n  - a\n",
			[]string{"t.yaml:19: hill_chart: must be a mapping of fields, not a list"}, true},
		{"wrong type: roles as text", edit(minimal,
			"roles:\n  - key: host-lead\n    name: Host Lead\n    side: host\n  - key: partner-lead\n    name: Partner Lead\n    side: partner\n",
			"roles: everyone\n"),
			[]string{
				`t.yaml:4: roles: must be a list, not "everyone"`,
				`t.yaml:8: task_lists[0].dri: unknown role "host-lead"`,
				`t.yaml:11: task_lists[0].tasks[0].dri: unknown role "partner-lead"`,
			}, true},
		{"wrong type keeps later list items in place", edit(minimal, "task_lists:\n", "task_lists:\n  - oops\n", "dri: partner-lead", "dri: nobody"),
			[]string{
				`t.yaml:12: task_lists[0]: must be a mapping of fields, not "oops"`,
				`t.yaml:18: task_lists[1].tasks[0].dri: unknown role "nobody"`,
			}, true},
		{"wrong type: boolean", edit(minimal, "    side: host\n", "    side: host\n    optional: maybe\n"),
			[]string{`t.yaml:8: roles[0].optional: must be true or false, not "maybe"`}, true},
		{"duplicate task list key", minimal + "  - key: work\n    title: More work\n    dri: host-lead\n",
			[]string{`t.yaml:19: task_lists[1].key: "work" is used twice`}, true},
		{"duplicate role key", edit(minimal, "key: partner-lead", "key: host-lead", "dri: partner-lead", "dri: host-lead"),
			[]string{`t.yaml:8: roles[1].key: "host-lead" is used twice`}, true},
		{"field given twice", minimal + "name: Again\n",
			[]string{"t.yaml:19: name: is given twice (first on line 2)"}, true},
		{"invalid key", edit(minimal, "key: t\n", "key: My Template\n"),
			[]string{`t.yaml:1: key: "My Template" must be lowercase letters, digits, '-' or '_'`}, true},
		{"unknown hill chart task list", minimal + "hill_chart:\n  title: Hill\n  scopes:\n    - title: Other\n      task_list: other\n",
			[]string{`t.yaml:23: hill_chart.scopes[0].task_list: unknown task list "other"`}, true},
		{"issues sorted by line", edit(minimal, "key: t\n", "key: T!\n", "launch-3d", "soon"),
			[]string{
				`t.yaml:1: key: "T!" must be lowercase letters, digits, '-' or '_'`,
				`t.yaml:18: task_lists[0].tasks[0].due: "soon" is not a relative date like kickoff+3d or launch-14d`,
			}, true},
		{"syntax error", "key: t\nroles: [\n", []string{"t.yaml:2: invalid YAML: did not find expected node content"}, false},
		{"bad indentation", "key: t\n  name: T\n", []string{"t.yaml:2: invalid YAML: mapping values are not allowed in this context"}, false},
		{"empty", "", []string{"t.yaml: the file is empty; a template needs at least key, name, description and roles"}, false},
		{"only comments", "# nothing yet\n", []string{"t.yaml: the file is empty; a template needs at least key, name, description and roles"}, false},
		{"not a mapping", "- key: t\n", []string{"t.yaml:1: a template must be a mapping of fields (key: value), not a list"}, false},
		{"two documents", minimal + "---\nkey: u\n", []string{"t.yaml:20: a file holds one template; remove the second YAML document (after ---)"}, true},
		{"trailing document marker", minimal + "---\n", nil, true},
		{"anchors and merge keys", minimal + "  - &list\n    key: more\n    title: More\n    dri: host-lead\n  - <<: *list\n    key: again\n    colour: red\n",
			[]string{"t.yaml:25: task_lists[2].colour: unknown field"}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tpl, issues := Parse("t.yaml", []byte(tc.in))
			var got []string
			for _, is := range issues {
				got = append(got, is.String())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("issues:\n  got  %q\n  want %q", got, tc.want)
			}
			if (tpl != nil) != tc.useful {
				t.Errorf("template returned = %v, want %v", tpl != nil, tc.useful)
			}
		})
	}
}

func TestParseMergeDecodes(t *testing.T) {
	in := minimal + "  - &list\n    key: more\n    title: More\n    dri: host-lead\n  - <<: *list\n    key: again\n"
	tpl, issues := Parse("t.yaml", []byte(in))
	if len(issues) != 0 {
		t.Fatalf("issues: %v", issues)
	}
	if got := tpl.TaskLists[2]; got.Key != "again" || got.Title != "More" || got.DRI != "host-lead" {
		t.Errorf("merged task list = %+v", got)
	}
}

func TestParseSurvivesAliasBombs(t *testing.T) {
	// Each level repeats the one below a hundred times: a million nodes
	// once the aliases are expanded, from a file of a few kilobytes.
	rep := func(s string) string { return "[" + strings.TrimSuffix(strings.Repeat(s+", ", 100), ", ") + "]" }
	in := minimal +
		"x-question: &q {key: q, text: t, kind: go_no_go, voter_roles: " + rep("host-lead") + "}\n" +
		"x-check-in: &c {key: c, title: C, questions: " + rep("*q") + "}\n" +
		"check_ins: " + rep("*c") + "\n"
	done := make(chan []Issue)
	go func() {
		_, issues := Parse("bomb.yaml", []byte(in))
		done <- issues
	}()
	var issues []Issue
	select {
	case issues = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Parse did not finish")
	}
	found := false
	for _, is := range issues {
		if strings.Contains(is.Msg, "too many aliases") {
			found = true
		}
	}
	if !found {
		t.Errorf("issues: %v", issues)
	}
}

func TestIssueString(t *testing.T) {
	tests := []struct {
		in   Issue
		want string
	}{
		{Issue{File: "a.yaml", Line: 3, Path: "roles[0].side", Msg: "bad"}, "a.yaml:3: roles[0].side: bad"},
		{Issue{File: "a.yaml", Line: 3, Msg: "bad"}, "a.yaml:3: bad"},
		{Issue{File: "a.yaml", Msg: "cannot read"}, "a.yaml: cannot read"},
	}
	for _, tc := range tests {
		if got := tc.in.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
}

func TestValidateFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	bad := filepath.Join(dir, "bad.yaml")
	write(t, good, minimal)
	write(t, bad, edit(minimal, "due: launch-3d", "due: tomorrow"))

	if issues := ValidateFile(good); len(issues) != 0 {
		t.Errorf("good file: %v", issues)
	}
	issues := ValidateFile(bad)
	if len(issues) != 1 || issues[0].String() != bad+`:18: task_lists[0].tasks[0].due: "tomorrow" is not a relative date like kickoff+3d or launch-14d` {
		t.Errorf("bad file: %v", issues)
	}
	missing := filepath.Join(dir, "missing.yaml")
	issues = ValidateFile(missing)
	if len(issues) != 1 || issues[0].Line != 0 || issues[0].File != missing ||
		!strings.HasPrefix(issues[0].Msg, "cannot read: ") {
		t.Errorf("missing file: %+v", issues)
	}
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLoadBuiltins(t *testing.T) {
	r, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	list := r.List()
	if len(list) != len(embeddedFiles(t)) {
		t.Fatalf("List() has %d templates", len(list))
	}
	if list[0].Key != DefaultKey {
		t.Errorf("first template = %s, want %s", list[0].Key, DefaultKey)
	}
	for i := 2; i < len(list); i++ {
		if list[i-1].Name > list[i].Name {
			t.Errorf("not sorted by name: %q before %q", list[i-1].Name, list[i].Name)
		}
	}
	for _, k := range []string{"partner-co-marketing", "channel-partner", "technology-partner", "agency-partner",
		"distribution-partner", "saas-webinar-launch", "channel-ebook", "product-announcement", "referral-campaign"} {
		if _, ok := r.Get(k); !ok {
			t.Errorf("Get(%q) not found", k)
		}
	}
	if _, ok := r.Get("nope"); ok {
		t.Error("Get(nope) found something")
	}
}

func TestLoadExtraDir(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "custom.yaml"), edit(minimal, "key: t\n", "key: custom\n", "name: T\n", "name: Aardvark Campaign\n"))
	write(t, filepath.Join(dir, "ours.yml"), edit(minimal, "key: t\n", "key: partner-co-marketing\n", "name: T\n", "name: Our Co-Marketing\n"))
	write(t, filepath.Join(dir, "notes.txt"), "not a template")
	if err := os.Mkdir(filepath.Join(dir, "sub.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}

	r, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := r.Get("custom")
	if !ok || got.Name != "Aardvark Campaign" {
		t.Errorf("Get(custom) = %v, %v", got, ok)
	}
	got, ok = r.Get("partner-co-marketing")
	if !ok || got.Name != "Our Co-Marketing" {
		t.Errorf("built-in not replaced: %v", got)
	}
	list := r.List()
	if len(list) != len(embeddedFiles(t))+1 {
		t.Errorf("List() has %d templates", len(list))
	}
	if list[0].Key != "partner-co-marketing" || list[1].Key != "custom" {
		t.Errorf("order: %s, %s", list[0].Key, list[1].Key)
	}
}

func TestLoadExtraDirIssues(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.yaml"), edit(minimal, "name: T\n", "name: T\ncolour: red\n", "launch-3d", "later"))
	write(t, filepath.Join(dir, "b.yaml"), edit(minimal, "key: t\n", "key: dup\n"))
	write(t, filepath.Join(dir, "c.yml"), edit(minimal, "key: t\n", "# same key as b.yaml\nkey: dup\n"))
	write(t, filepath.Join(dir, "d.yaml"), "key: [\n")

	_, err := Load(dir)
	if err == nil {
		t.Fatal("Load succeeded")
	}
	want := strings.Join([]string{
		dir + "/a.yaml:3: colour: unknown field",
		dir + `/a.yaml:19: task_lists[0].tasks[0].due: "later" is not a relative date like kickoff+3d or launch-14d`,
		dir + `/c.yml:2: key: "dup" is already the key of ` + dir + "/b.yaml:1",
		dir + "/d.yaml:1: invalid YAML: did not find expected node content",
	}, "\n")
	if err.Error() != want {
		t.Errorf("error:\n%s\nwant:\n%s", err, want)
	}
	var le *LoadError
	if !errors.As(err, &le) || len(le.Issues) != 4 {
		t.Errorf("error is not a *LoadError with 4 issues: %#v", err)
	}

	if _, err := Load(filepath.Join(dir, "missing")); err == nil {
		t.Error("Load of a missing folder succeeded")
	}
}

// FuzzParse: no input makes the parser panic, and a template it accepts
// always passes validation.
func FuzzParse(f *testing.F) {
	data, err := os.ReadFile("partner-co-marketing.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("key: x\nroles: [1, {key: &a a}, *a]\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		tpl, issues := Parse("fuzz.yaml", in)
		if tpl != nil && len(issues) == 0 {
			if ps := tpl.Validate(); len(ps) > 0 {
				t.Fatalf("accepted a template with problems: %v", ps)
			}
		}
	})
}
