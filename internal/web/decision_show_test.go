package web

import (
	"context"
	"net/http"
	"testing"

	"duet/internal/duet"
)

func TestDecisionShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		d := propose(t, f, f.Admin, "Blue hero image")
		path := ws + "/decisions/" + d.ID

		r := e.get(path, e.as(f.Partner))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "D-1", "Blue hero image", "Other", "Awaiting sign-off", "version 1", "<strong>Blue hero image</strong>",
			"Rationale", "Because both sides said so.", "Partner Marketing Manager", "Partner Marketing Lead", "Not yet",
			`name="version" value="1"`, "Sign version 1", "Reject…", `data-decision="`+d.ID+`"`)
		r.wantNoBody(t, "Withdraw…", "Propose a change")
		// The proposer may withdraw and edit; a member who signs nothing may
		// edit but not sign.
		e.get(path, e.as(f.Admin)).wantBody(t, "Withdraw…", "Sign version 1", path+"/edit")
		h := e.get(path, e.as(f.HostMember))
		h.wantBody(t, path+"/edit")
		h.wantNoBody(t, "Sign version", "Reject…")

		// Approved: locked, no edit, a change is a new decision.
		sign(t, f, f.Partner, sign(t, f, f.Admin, d))
		a := e.get(path, e.as(f.HostMember))
		a.wantBody(t, `class="status status-approved"`, "icon-lock", "locked: a change needs a new decision", "2 of 2", "Propose a change",
			ws+"/decisions/new?supersedes="+d.ID)
		a.wantNoBody(t, path+"/edit", "Sign version", "Reject…")

		// A superseding decision links both ways.
		next, err := f.Svc.ProposeDecision(context.Background(), f.Admin.Actor, f.WS.ID, duet.DecisionCreate{Kind: duet.KindOther,
			Title: "Teal hero image", Body: "Teal.", Supersedes: d.ID})
		if err != nil {
			t.Fatal(err)
		}
		e.get(ws+"/decisions/"+next.ID, e.as(f.Partner)).wantBody(t, "Supersedes", "D-1 Blue hero image")
		e.get(path, e.as(f.Partner)).wantBody(t, "Superseded by", "D-2 Teal hero image")

		// The source message is linked only for those who may read it.
		room := hostRoom(t, f)
		m := say(t, f, f.Admin, room, "We agreed: margin floor 18%.")
		rec, err := f.Svc.ProposeDecision(context.Background(), f.Admin.Actor, f.WS.ID, duet.DecisionCreate{Kind: duet.KindOther,
			Title: "Margin floor", Body: "18%.", FromMessage: m.ID})
		if err != nil {
			t.Fatal(err)
		}
		e.get(ws+"/decisions/"+rec.ID, e.as(f.HostMember)).wantBody(t, "from a chat message", ws+"/m/"+m.ID)
		e.get(ws+"/decisions/"+rec.ID, e.as(f.Partner)).wantNoBody(t, "from a chat message", m.ID)

		e.get(ws+"/decisions/nope", e.as(f.Admin)).wantStatus(t, http.StatusNotFound)
		e.hx(http.MethodGet, path, e.as(f.Admin), nil).wantBody(t, `<article class="decision card is-locked" id="decision"`)
	})
}
