package web

import (
	"net/http"
	"net/url"
	"testing"

	"duet/internal/duet"
)

func TestLeadReject(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		w := newLeadWorld(t, f)
		w.approveRules(t, euRules())
		ls := w.intake(t, f.Admin, duet.LeadIn{Email: "ana@acme.example", Country: "FR", Consent: true})
		path := leadURL(f.WS.ID, ls[0].ID)

		// A reason is required: refused at the field, nothing changed.
		r := e.post(path+"/reject", e.as(w.sally), url.Values{"version": {"2"}, "reason": {"  "}})
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(r.body, "reason"); msg != "Reason is required: say why the lead is not yours to follow up." {
			t.Errorf("reason error %q", msg)
		}
		r.wantBody(t, `<details class="ld-reject" open>`)
		if l := w.lead(t, w.sally, ls[0].ID).Lead; l.Status != duet.LeadAssigned {
			t.Fatalf("a refused rejection changed the lead: %s", l.Status)
		}
		e.post(path+"/reject", e.as(f.Partner), url.Values{"version": {"2"}, "reason": {"Not mine."}}).wantStatus(t, http.StatusForbidden)

		// With a reason: rejected, the reason shown, the escalation role
		// (the partner's marketing lead) told in the inbox.
		e.post(path+"/reject", e.as(w.sally), url.Values{"version": {"2"}, "reason": {"A competitor's employee."}}).wantRedirect(t, path+"?done=rejected")
		page := e.get(path, e.as(f.Partner))
		page.wantBody(t, `<span class="lstatus lstatus-rejected">`, "Rejected:</strong> A competitor&#39;s employee.",
			"Rejected by sally@partner.test: A competitor&#39;s employee.")
		inbox := e.get("/inbox", e.as(f.Partner))
		inbox.wantBody(t, "was not accepted in time, or was rejected", "L-1 ana@acme.example", `href="`+path+`"`)
	})
}
