package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"duet/internal/duet"
)

// briefForm is the brief form as a browser sends it: every row's inputs,
// a blank row among them.
func briefForm(base int) url.Values {
	f := url.Values{"base": {strconv.Itoa(base)}, "audience": {"Data platform leads."}, "timeline": {"- 2 Dec: landing page live"},
		"currency": {"eur"}, "note": {"First draft"}}
	goals := [][]string{{"Webinar registrations", "600", "registrations", "host", ""}, {"MQLs", "150", "leads", "partner", "leads"}, {"", "", "", "host", ""}}
	for i, g := range goals {
		for j, field := range []string{"name", "target", "unit", "side", "measure"} {
			f.Set(rowField("goal", i, field), g[j])
		}
		f.Set(rowField("goal", i, "key"), "")
	}
	lines := [][]string{{"Webinar platform", "2,000", "host", ""}, {"", "", "host", ""}, {"Paid social", "6000", "shared", ""}}
	for i, l := range lines {
		for j, field := range []string{"item", "amount", "paid_by", "host_share"} {
			f.Set(rowField("budget", i, field), l[j])
		}
	}
	return f
}

func TestBriefSave(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		hal := e.as(f.HostMember)

		// Blank rows are skipped; a shared line without a share is split
		// in half; the currency is tidied.
		e.post(ws+"/brief", hal, briefForm(0)).wantRedirect(t, ws+"/brief?saved=1")
		v := brief(t, f, f.Partner)
		b := v.Brief
		if v.Latest.Version != 1 || v.Latest.Note != "First draft" || len(b.Goals) != 2 || len(b.Budget) != 2 || b.Currency != "EUR" {
			t.Fatalf("saved %+v", b)
		}
		if g := b.Goals[0]; g.Key != "webinar-registrations" || g.Target != 600 || g.Measure != "" || g.Side != duet.SideHost {
			t.Errorf("first goal %+v", g)
		}
		if g := b.Goals[1]; g.Measure != duet.MeasureLeads || g.Side != duet.SidePartner {
			t.Errorf("second goal %+v", g)
		}
		if l := b.Budget[0]; l.Amount != 2000 || l.PaidBy != duet.PaidByHost {
			t.Errorf("first line %+v", l)
		}
		if l := b.Budget[1]; l.PaidBy != duet.PaidByShared || l.HostShare != 50 {
			t.Errorf("shared line %+v", l)
		}
		e.get(ws+"/brief?saved=1", hal).wantBody(t, "Version 1 of the brief is saved. Both sides can sign it now.")

		// The same brief again makes no version.
		e.post(ws+"/brief", hal, briefForm(1)).wantRedirect(t, ws+"/brief?saved=same")
		e.get(ws+"/brief?saved=same", hal).wantBody(t, "Nothing changed, so no new version was saved.")

		// A target that is no number is refused at its input; what was
		// typed is kept, blank rows are offered again and nothing is saved.
		bad := briefForm(1)
		bad.Set("goal-1-target", "lots")
		bad.Set("audience", "Platform teams, typed before the mistake")
		r := e.post(ws+"/brief", hal, bad)
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(r.body, "goal-1-target"); msg != `The target must be a number, such as 600 or 12.5, not &#34;lots&#34;.` {
			t.Errorf("target error %q", msg)
		}
		if got, _ := inputValue(r.body, "goal-1-target"); got != "lots" {
			t.Errorf("target kept as %q", got)
		}
		r.wantBody(t, "Platform teams, typed before the mistake</textarea>", `id="goal-3-name"`, `aria-describedby="goal-1-target-error"`)
		if _, ok := inputValue(r.body, "goal-4-name"); ok {
			t.Error("the refused form offers more than two blank goal rows")
		}
		// Core's own refusals name their field the same way.
		bad = briefForm(1)
		bad.Set("goal-0-target", "0")
		r = e.post(ws+"/brief", hal, bad)
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(r.body, "goal-0-target"); !strings.HasPrefix(msg, "The target must be a number above zero") {
			t.Errorf("zero target: %q", msg)
		}
		bad = briefForm(1)
		bad.Set("currency", "euros")
		r = e.post(ws+"/brief", hal, bad)
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(r.body, "currency"); !strings.Contains(msg, "three-letter currency code") {
			t.Errorf("currency: %q", msg)
		}
		bad = briefForm(1)
		bad.Set("budget-0-paid_by", "nobody")
		r = e.post(ws+"/brief", hal, bad)
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(r.body, "budget-0-paid_by"); msg != "Who pays must be host, partner or shared." {
			t.Errorf("payer: %q", msg)
		}
		if n := len(brief(t, f, f.Admin).Versions); n != 1 {
			t.Fatalf("refused forms saved: %d versions", n)
		}

		// The partner saves version 2 meanwhile; Hal, still on version
		// 1, is told, keeps what he typed and saves it as version 3.
		other := briefForm(1)
		other.Set("goal-0-target", "700")
		e.post(ws+"/brief", e.as(f.Partner), other).wantRedirect(t, ws+"/brief?saved=2")
		mine := briefForm(1)
		mine.Set("audience", "Hal's audience")
		r = e.post(ws+"/brief", hal, mine)
		r.wantStatus(t, http.StatusConflict)
		r.wantBody(t, `id="brief-conflict"`, "pia@partner.test saved version 2 of the brief while you were editing version 1.",
			"Hal&#39;s audience</textarea>", `name="base" value="2"`, "/brief/compare?from=1&amp;to=2", "Save version 3")
		mine.Set("base", "2")
		e.post(ws+"/brief", hal, mine).wantRedirect(t, ws+"/brief?saved=3")

		// A renamed goal keeps its key, so its entered actual stays.
		renamed := briefForm(3)
		renamed.Set("goal-0-key", "webinar-registrations")
		renamed.Set("goal-0-name", "Registrations")
		e.post(ws+"/brief", hal, renamed).wantRedirect(t, ws+"/brief?saved=4")
		if g := brief(t, f, f.Admin).Brief.Goals[0]; g.Key != "webinar-registrations" || g.Name != "Registrations" {
			t.Errorf("renamed goal %+v", g)
		}

		// Guests read the brief but save nothing; strangers learn nothing.
		e.post(ws+"/brief", e.as(f.Guest), briefForm(4)).wantStatus(t, http.StatusForbidden)
		e.post(ws+"/brief", e.as(f.Stranger), briefForm(4)).wantStatus(t, http.StatusNotFound)
		if n := len(brief(t, f, f.Admin).Versions); n != 4 {
			t.Fatalf("%d versions, want 4", n)
		}
	})
}
