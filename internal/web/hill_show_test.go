package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"duet/internal/duet"
)

func TestHillShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		h := hill(t, f)
		a, b := h.Scopes[0], h.Scopes[1]

		r := e.get(ws+"/hill", e.as(f.Partner))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t,
			`href="`+ws+`/hill" aria-current="page">Hill chart</a>`, "Partner Co-Marketing Campaign",
			"Figuring it out", "Making it happen",
			// Each dot is a slider for the keyboard, with a number field
			// for a page without script.
			`data-scope="`+a.ID+`" data-pos="0" data-from="0" tabindex="0" role="slider" aria-label="Kickoff &amp; Alignment" aria-valuemin="0" aria-valuemax="100" aria-valuenow="0"`,
			`name="pos.`+b.ID+`" type="number" min="0" max="100"`, `name="from.`+b.ID+`" value="0"`,
			`<form id="hill-form" class="hill-form" method="post" action="`+ws+`/hill/`+h.ID+`/moves" data-hill`,
			`id="hill-note" name="note"`, ">Save</button>",
			// Live regions, and the forms.
			`id="hill-board" data-live="hill task"`, `id="hill-history" data-live="hill"`,
			"Nobody has saved the chart yet.", "Add a scope", `action="`+ws+`/hill/`+h.ID+`/scopes"`,
		)
		if n := r.count(`role="slider"`); n != 4 {
			t.Errorf("%d sliders, want 4", n)
		}

		// A guest sees the chart, not the controls.
		g := e.get(ws+"/hill", e.as(f.Guest))
		g.wantStatus(t, http.StatusOK)
		g.wantNoBody(t, `role="slider"`, `id="hill-form"`, "Add a scope")
		g.wantBody(t, `role="img" aria-label="Kickoff &amp; Alignment: 0 of 100"`)
		e.get(ws+"/hill", e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
		e.get(ws+"/hill", "").wantRedirect(t, "/login?next=%2Fw%2F"+f.WS.ID+"%2Fhill")

		// Two saves, a week apart.
		first := move(t, f, f.Admin, h.ID, "Kickoff is under way.", map[string]int{a.ID: 30})
		f.Clock.Advance(8 * 24 * time.Hour)
		second := move(t, f, f.Partner, h.ID, "Logos arrived.", map[string]int{a.ID: 70, b.ID: 20})

		// Sessions end after 12 idle hours: sign in again.
		admin := e.login(f.Admin.Email, f.Admin.Password)
		now := e.get(ws+"/hill", admin)
		now.wantBody(t, "Logos arrived.", "Kickoff is under way.", f.Partner.Name, "Ada Admin",
			`Kickoff &amp; Alignment: <span class="snap-from">30</span> → <strong>70</strong> <span class="muted">(Figuring it out → Making it happen)</span>`,
			`href="`+ws+`/hill?at=`+first.ID+`"`, `aria-valuenow="70"`)
		if i, j := strings.Index(now.body, "Logos arrived."), strings.Index(now.body, "Kickoff is under way."); i > j {
			t.Error("history is not newest first")
		}

		// The chart as the first save left it: read-only, with steps.
		then := e.get(ws+"/hill?at="+first.ID, admin)
		then.wantStatus(t, http.StatusOK)
		then.wantBody(t, "The chart as <strong>Ada Admin</strong>", "“Kickoff is under way.”", `href="`+ws+`/hill?at=`+second.ID+`">Newer save →</a>`,
			"Back to now", `aria-label="Kickoff &amp; Alignment: 30 of 100"`, `<li class="snap is-current">`)
		then.wantNoBody(t, `role="slider"`, "Older save")
		e.get(ws+"/hill?at="+second.ID, admin).wantBody(t, `href="`+ws+`/hill?at=`+first.ID+`">← Older save</a>`)
		e.get(ws+"/hill?at=nope", admin).wantStatus(t, http.StatusNotFound)

		// Compared with 7 days ago (the first save): ghosts where the dots
		// were, and words for the change.
		cmp := e.get(ws+"/hill?compare=7d", admin)
		cmp.wantStatus(t, http.StatusOK)
		cmp.wantBody(t, `class="filter is-current" href="`+ws+`/hill?compare=7d" aria-current="page"`, "the 2 dots that moved",
			`<g class="hill-ghost c0" aria-hidden="true">`, `marker-end="url(#hill-arrow)"`, "&#43;40: 30 → 70 since", "&#43;20: 0 → 20 since")
		if n := cmp.count(`class="hill-ghost `); n != 2 {
			t.Errorf("%d ghosts, want 2", n)
		}
		e.get(ws+"/hill?compare=2w", admin).wantStatus(t, http.StatusUnprocessableEntity)

		// A dot whose tasks changed while it sat still for a week is
		// stale, in words.
		f.Clock.Advance(8 * 24 * time.Hour)
		tasks, err := f.Svc.Tasks(context.Background(), f.Admin.Actor, f.WS.ID, duet.TaskFilter{ListID: b.TaskListID})
		if err != nil || len(tasks) == 0 {
			t.Fatalf("tasks of %s: %v", b.Title, err)
		}
		title := "Draft the co-branded landing page, v2"
		if _, err := f.Svc.UpdateTask(context.Background(), f.Admin.Actor, f.WS.ID, tasks[0].ID, duet.TaskUpdate{Version: tasks[0].Version, Title: &title}); err != nil {
			t.Fatal(err)
		}
		stale := e.get(ws+"/hill", e.login(f.Admin.Email, f.Admin.Password))
		stale.wantBody(t, "<strong>Stale.</strong> No move in 7 days while its tasks changed.", `class="hill-dot c1 is-stale"`, "One dot has not moved in 7 days while its tasks changed")
		if n := stale.count(`class="hill-dot [^"]*is-stale"`); n != 1 {
			t.Errorf("%d stale dots, want 1", n)
		}
	})
}
