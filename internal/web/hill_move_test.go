package web

import (
	"net/http"
	"net/url"
	"testing"
)

func TestHillMove(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		h := hill(t, f)
		a, b := h.Scopes[0], h.Scopes[1]
		path := ws + "/hill/" + h.ID + "/moves"

		// One dot moves; the other field is sent unchanged and stays.
		form := moveForm(a.ID, 0, 62, "Brief signed; scope is clear.")
		form.Set("pos."+b.ID, "0")
		form.Set("from."+b.ID, "0")
		e.post(path, e.as(f.Partner), form).wantRedirect(t, ws+"/hill")
		snaps := snapshots(t, f, h.ID)
		if len(snaps) != 1 || len(snaps[0].Moves) != 1 || snaps[0].Moves[0].To != 62 || snaps[0].Note != "Brief signed; scope is clear." {
			t.Fatalf("snapshots: %+v", snaps)
		}
		e.get(ws+"/hill", e.as(f.Admin)).wantBody(t, "Brief signed; scope is clear.", f.Partner.Name, "<strong>62</strong>", `aria-valuenow="62"`)

		// A position out of range: 422, named at the dot's field, with
		// what was typed, and nothing changes.
		bad := e.post(path, e.as(f.Admin), moveForm(b.ID, 0, 250, "Too far."))
		bad.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(bad.body, "pos-"+b.ID); got != "Position must be between 0 and 100, not 250." {
			t.Errorf("position error %q", got)
		}
		bad.wantBody(t, `id="pos-`+b.ID+`" name="pos.`+b.ID+`" type="number" min="0" max="100" step="1" inputmode="numeric" value="250" aria-invalid="true"`,
			"Asset Development: Position must be between 0 and 100, not 250.", ">Too far.</textarea>")
		// Nothing moved.
		still := e.post(path, e.as(f.Admin), moveForm(b.ID, 0, 0, ""))
		still.wantStatus(t, http.StatusUnprocessableEntity)
		still.wantBody(t, `<p class="field-error" id="hill-error" role="alert">Move at least one dot, or add a note.</p>`)
		// Not a number.
		word := url.Values{"pos." + b.ID: {"half"}, "from." + b.ID: {"0"}}
		nw := e.post(path, e.as(f.Admin), word)
		nw.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(nw.body, "pos-"+b.ID); got != "Position must be a whole number from 0 to 100, not &#34;half&#34;." {
			t.Errorf("word error %q", got)
		}
		if n := len(snapshots(t, f, h.ID)); n != 1 {
			t.Fatalf("refused moves saved: %d snapshots", n)
		}
		if got := hill(t, f).Scopes[1].Position; got != 0 {
			t.Fatalf("refused move moved the dot to %d", got)
		}

		// Someone moved a dot meanwhile: a page drawn before sends it
		// unchanged (from = pos), and it stays where they put it.
		move(t, f, f.Admin, h.ID, "Assets under way.", map[string]int{b.ID: 40})
		old := moveForm(a.ID, 62, 70, "Almost done with kickoff.")
		old.Set("pos."+b.ID, "0")
		old.Set("from."+b.ID, "0")
		e.post(path, e.as(f.Partner), old).wantRedirect(t, ws+"/hill")
		now := hill(t, f)
		if now.Scopes[0].Position != 70 || now.Scopes[1].Position != 40 {
			t.Errorf("positions %d and %d, want 70 and 40", now.Scopes[0].Position, now.Scopes[1].Position)
		}

		// A dot of another chart is refused.
		e.post(path, e.as(f.Admin), moveForm("nope", 0, 10, "")).wantStatus(t, http.StatusUnprocessableEntity)
		e.post(ws+"/hill/nope/moves", e.as(f.Admin), moveForm(a.ID, 70, 80, "")).wantStatus(t, http.StatusNotFound)
		e.post(path, e.as(f.Guest), moveForm(a.ID, 70, 80, "")).wantStatus(t, http.StatusForbidden)
		e.post(path, e.as(f.Stranger), moveForm(a.ID, 70, 80, "")).wantStatus(t, http.StatusNotFound)
	})
}
