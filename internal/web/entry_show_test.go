package web

import (
	"net/http"
	"strings"
	"testing"

	"duet/internal/duet"
)

func TestEntryShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		news, landing, asset := slipping(t, f)
		follower := calEntry(t, f, f.Partner, duet.EntrySave{Title: "Partner social thread", PublishAt: "2026-11-19T12:00", After: []string{news.ID}})
		path := ws + "/calendar/" + news.ID

		// The owning side: every fact, the slip in red, the asset's state
		// with its link, the follower, the history, the actions and the
		// form that replans it.
		p := e.get(path, e.as(f.Partner))
		p.wantStatus(t, http.StatusOK)
		p.wantBody(t, "<h1 class=\"entry-title\">Partner newsletter feature</h1>", "Wed 18 Nov 2026, 09:00 CET", "in 2 days",
			`class="card entry-head is-slipping"`, "Its timing slips", "A-1 Data pipelines ebook is still in review",
			`href="`+ws+`/assets/`+asset.ID+`"`, `<span class="astate astate-in_review">In review</span>`, "0/1 asset approved",
			`href="`+ws+`/calendar/`+follower.ID+`">Partner social thread</a>`, "No other entry: it can go any time.",
			"scheduled “Partner newsletter feature” on Email", `id="set-ready"`, "Publish…", "Not approved yet:", `id="decision"`,
			`id="entry-edit-title" name="title"`, `name="publish_at" type="datetime-local" value="2026-11-18T09:00"`,
			"a shared entry stays shared", `data-live="entry asset"`)
		if edit := calChunk(p.body, `class="form entry-form"`, "</form>"); edit == "" || strings.Contains(edit, `value="partner"`) {
			t.Errorf("a shared entry is offered to be kept to a side:\n%s", edit)
		}

		// The other side reads it all and changes nothing.
		h := e.get(path, e.as(f.Admin))
		h.wantStatus(t, http.StatusOK)
		h.wantBody(t, "Partnerco plans and publishes this entry", "Its timing slips")
		h.wantNoBody(t, `id="set-ready"`, `id="entry-edit-title"`, "Publish…")
		g := e.get(ws+"/calendar/"+landing.ID, e.as(f.Guest))
		g.wantBody(t, "Guests can follow the launch calendar but not change it.")
		g.wantNoBody(t, `id="entry-edit-title"`)

		// A partner-only entry does not exist for the host side.
		own := calEntry(t, f, f.Partner, duet.EntrySave{Title: "Our own teaser", PublishAt: "2026-11-25T09:00", Visibility: duet.VisPartner})
		e.get(ws+"/calendar/"+own.ID, e.as(f.Partner)).wantBody(t, "Partnerco only")
		e.get(ws+"/calendar/"+own.ID, e.as(f.HostMember)).wantStatus(t, http.StatusNotFound)
		e.get(ws+"/calendar/"+own.ID, e.as(f.Admin)).wantStatus(t, http.StatusNotFound)
		e.get(path, e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
	})
}
