package web

import (
	"context"
	"net/http"
	"regexp"
	"testing"
)

func TestRulesWebhook(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID

		// An admin sets up the host's webhook: the secret is shown on this
		// response only, with the endpoint and how to sign.
		r := e.post(ws+"/rules/webhook", e.as(f.Admin), nil)
		r.wantStatus(t, http.StatusOK)
		secret := regexp.MustCompile(`value="(whsec_[0-9a-f]+)"`).FindStringSubmatch(r.body)
		if secret == nil {
			t.Fatalf("no secret shown:\n%s", excerpt(r.body))
		}
		r.wantBody(t, "Copy the secret now: it is shown only this once.", "/api/v1/hooks/leads/"+f.WS.ID+"/host", "X-Duet-Timestamp",
			"X-Duet-Signature", "Replace the secret", "Turn off")
		if r.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("Cache-Control %q", r.Header().Get("Cache-Control"))
		}
		// Never again: the page shows it is on, not the secret.
		after := e.get(ws+"/rules", e.as(f.Admin))
		after.wantBody(t, "On · set up by Ada Admin")
		after.wantNoBody(t, secret[1])
		// The webhook takes a lead signed with the secret (checked in core):
		// here, that the page gave the right one.
		if _, _, err := f.Svc.ReceiveLeadWebhook(context.Background(), f.WS.ID, "host", "", "", nil); err == nil {
			t.Error("an unsigned request was taken")
		}

		// Members see the state, not the buttons; they are refused.
		m := e.get(ws+"/rules", e.as(f.HostMember))
		m.wantBody(t, "On · set up by Ada Admin", "An admin of Hostco sets up the webhook")
		m.wantNoBody(t, "Replace the secret")
		refused := e.post(ws+"/rules/webhook", e.as(f.HostMember), nil)
		refused.wantStatus(t, http.StatusForbidden)
		refused.wantBody(t, "Only a workspace admin can set up the lead webhook.")
		// The partner side has none of its own, and cannot touch the host's.
		e.get(ws+"/rules", e.as(f.Partner)).wantBody(t, "Not set up")
		e.post(ws+"/rules/webhook/disable", e.as(f.Partner), nil).wantStatus(t, http.StatusForbidden)
		e.post(ws+"/rules/webhook", e.as(f.Stranger), nil).wantStatus(t, http.StatusNotFound)

		e.post(ws+"/rules/webhook/disable", e.as(f.Admin), nil).wantRedirect(t, ws+"/rules?webhook=off#webhook")
		e.get(ws+"/rules", e.as(f.Admin)).wantBody(t, "Not set up", "Set up the webhook")
	})
}
