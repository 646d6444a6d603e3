package web

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"duet/internal/duet"
)

func TestAssetUpdate(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		hal := e.as(f.HostMember)
		a := addAsset(t, f, f.HostMember, duet.AssetCreate{Title: "Ebook", Visibility: duet.VisHost}, nil)
		path := ws + "/assets/" + a.ID
		form := func(version int, title string) url.Values {
			return url.Values{"version": {strconv.Itoa(version)}, "title": {title}, "dri": {"role:designer"}, "due_on": {"2026-12-11"},
				"tags": {"ebook, emea"}}
		}

		e.post(path, hal, form(a.Version, "Data pipelines at scale")).wantRedirect(t, path)
		got := assetOf(t, f, f.Admin, a.ID).Asset
		if got.Title != "Data pipelines at scale" || got.DRI.RoleKey != "designer" || got.DueOn.String() != "2026-12-11" || len(got.Tags) != 2 ||
			got.Visibility != duet.VisHost {
			t.Fatalf("updated %+v", got)
		}
		// A stale version is a conflict: the form keeps what was typed and
		// carries the version now shown.
		r := e.post(path, hal, form(a.Version, "Stale title"))
		r.wantStatus(t, http.StatusConflict)
		r.wantBody(t, `id="edit-error"`, "Your changes are kept below.", `value="Stale title"`, `name="version" value="`+strconv.Itoa(got.Version)+`"`,
			"<details open>")
		bad := form(got.Version, "Data pipelines at scale")
		bad.Set("due_on", "next week")
		r = e.post(path, hal, bad)
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(r.body, "due_on"); msg != `Approval due date must be a date like 2026-03-12, not &#34;next week&#34;.` {
			t.Errorf("bad date: %q", msg)
		}

		// The partner cannot learn of it; sharing it shows it to them.
		e.post(path, e.as(f.Partner), form(got.Version, "x")).wantStatus(t, http.StatusNotFound)
		e.get(path, hal).wantBody(t, "Share with Partnerco")
		share := form(got.Version, "Data pipelines at scale")
		share.Set("share", "1")
		e.post(path, hal, share).wantRedirect(t, path)
		after := assetOf(t, f, f.Partner, a.ID).Asset
		if after.Visibility != duet.VisShared || len(after.Steps) != 4 {
			t.Fatalf("shared: %+v", after)
		}
		// Shared, it is still the host's to edit; guests edit nothing.
		r = e.post(path, e.as(f.Partner), form(after.Version, "Partner title"))
		r.wantStatus(t, http.StatusForbidden)
		r.wantBody(t, "Only the host side changes its own assets and calendar entries.")
		e.post(path, e.as(f.Guest), form(after.Version, "Guest title")).wantStatus(t, http.StatusForbidden)
		e.get(path, hal).wantNoBody(t, "Share with")
	})
}
