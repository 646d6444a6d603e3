package web

import (
	"testing"

	"duet/internal/duet"
)

// TestInboxLeadNotes: a lead routed to someone, and a lead escalated to
// the rule's escalation role, show in their inboxes and link the lead.
func TestInboxLeadNotes(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		w := newLeadWorld(t, f)
		w.approveRules(t, euRules())
		l := w.intake(t, f.Admin, duet.LeadIn{Email: "ana@acme.example", Country: "FR", Consent: true})[0]
		r := e.get("/inbox", e.as(w.sally))
		r.wantBody(t, "<strong>Duet</strong> routed a lead to you", "L-1 ana@acme.example", `href="`+leadURL(f.WS.ID, l.ID)+`"`)
	})
}
