package web

import (
	"context"
	"net/http"
	"testing"

	"duet/internal/duet"
)

func TestDecisionList(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		approved := sign(t, f, f.Partner, sign(t, f, f.Admin, propose(t, f, f.Admin, "Blue hero image")))
		if approved.Status != duet.StatusApproved {
			t.Fatalf("status %s", approved.Status)
		}
		propose(t, f, f.Partner, "Webinar on Tuesday")
		if _, err := f.Svc.ProposeDecision(context.Background(), f.HostMember.Actor, f.WS.ID, duet.DecisionCreate{Kind: duet.KindCopy,
			Title: "Final headline", Body: "Pipelines at scale."}); err != nil {
			t.Fatal(err)
		}

		r := e.get(ws+"/decisions", e.as(f.Guest))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "#</span>decisions", "Awaiting sign-off", "Approved", "D-1", "D-2", "D-3", "Blue hero image", "Webinar on Tuesday",
			"Final headline", "2 of 2 signed", "0 of 2 signed", `hx-get="`+ws+`/decisions/unrecorded"`, "Lead-share rules")
		r.wantNoBody(t, "Propose decision")
		e.get(ws+"/decisions", e.as(f.Partner)).wantBody(t, "Propose decision")

		// Filters by kind and by status, each keeping the other.
		k := e.get(ws+"/decisions?kind=copy", e.as(f.Partner))
		k.wantBody(t, "Final headline", `href="`+ws+`/decisions?kind=copy&amp;status=approved"`)
		k.wantNoBody(t, "Blue hero image", "Webinar on Tuesday")
		s := e.get(ws+"/decisions?status=approved", e.as(f.Partner))
		s.wantBody(t, "Blue hero image")
		s.wantNoBody(t, "Webinar on Tuesday", "Final headline")
		e.get(ws+"/decisions?kind=copy&status=rejected", e.as(f.Partner)).wantBody(t, "No decisions match")
		e.get(ws+"/decisions?kind=poetry", e.as(f.Partner)).wantStatus(t, http.StatusUnprocessableEntity)
	})
}
