package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"duet/internal/duet"
)

func TestRulesPropose(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		w := newLeadWorld(t, f)
		ws := "/w/" + f.WS.ID
		w.saveRules(t, euRules())

		// Guests and strangers propose nothing.
		e.post(ws+"/rules/propose", e.as(f.Guest), url.Values{"version": {"1"}}).wantStatus(t, http.StatusForbidden)
		e.post(ws+"/rules/propose", e.as(f.Stranger), url.Values{"version": {"1"}}).wantStatus(t, http.StatusNotFound)

		// The partner proposes version 1: a decision of kind lead-share
		// rules, which the signers of both sides are asked to sign.
		e.post(ws+"/rules/propose", e.as(f.Partner), url.Values{"version": {"1"}}).wantRedirect(t, ws+"/rules?proposed=1")
		rv, err := f.Svc.Rules(context.Background(), f.Admin.Actor, f.WS.ID)
		if err != nil {
			t.Fatal(err)
		}
		if rv.Latest.Status != duet.DocProposed || rv.Latest.Decision == nil {
			t.Fatalf("after proposing: %+v", rv.Latest)
		}
		dec, err := f.Svc.Decision(context.Background(), f.Admin.Actor, f.WS.ID, rv.Latest.Decision.ID)
		if err != nil {
			t.Fatal(err)
		}
		if dec.Kind != duet.KindLeadShareRules || len(dec.SignOffs) != 2 {
			t.Errorf("decision %+v", dec)
		}

		// Proposing it again, or a version that is not the latest, is
		// refused at the button, on the rules page.
		again := e.post(ws+"/rules/propose", e.as(f.HostMember), url.Values{"version": {"1"}})
		again.wantStatus(t, http.StatusConflict)
		again.wantBody(t, `id="propose-error"`, "Version 1 of the rules is already proposed.", "Lead-share rules")
		none := e.post(ws+"/rules/propose", e.as(f.HostMember), url.Values{"version": {""}})
		none.wantStatus(t, http.StatusUnprocessableEntity)
		none.wantBody(t, "Version is required: the version you propose.")
	})
}
