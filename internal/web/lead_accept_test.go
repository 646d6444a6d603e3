package web

import (
	"net/http"
	"net/url"
	"testing"

	"duet/internal/duet"
)

func TestLeadAccept(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		w := newLeadWorld(t, f)
		w.approveRules(t, euRules())
		ls := w.intake(t, f.Admin, duet.LeadIn{Email: "ana@acme.example", Country: "FR", Consent: true})
		path := leadURL(f.WS.ID, ls[0].ID)
		v := url.Values{"version": {"2"}}

		// Not theirs: the host side and the partner's other member are
		// refused, with the reason at the buttons.
		other := e.post(path+"/accept", e.as(f.Partner), v)
		other.wantStatus(t, http.StatusForbidden)
		other.wantBody(t, `id="acts-error"`, "L-1 is sally@partner.test&#39;s to accept or reject.")
		e.post(path+"/accept", e.as(f.Admin), v).wantStatus(t, http.StatusForbidden)
		e.post(path+"/accept", e.as(f.Stranger), v).wantStatus(t, http.StatusNotFound)

		// Sally accepts it, at the version she saw.
		e.post(path+"/accept", e.as(w.sally), v).wantRedirect(t, path+"?done=accepted")
		ld := w.lead(t, w.sally, ls[0].ID)
		if ld.Lead.Status != duet.LeadAccepted || ld.Lead.AcceptedAt == nil {
			t.Fatalf("after accepting: %+v", ld.Lead)
		}
		page := e.get(path, e.as(w.sally))
		page.wantBody(t, "Accepted by sally@partner.test.", "First contact made", `<span class="lstatus lstatus-accepted">`)
		page.wantNoBody(t, "Accept the lead")

		// Accepting again, from the page as it was: a clear conflict.
		again := e.post(path+"/accept", e.as(w.sally), v)
		again.wantStatus(t, http.StatusConflict)
		again.wantBody(t, "L-1 changed since you read it; reload to see what changed. The page below shows it as it is now.")
	})
}
