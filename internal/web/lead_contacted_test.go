package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"duet/internal/duet"
)

func TestLeadContacted(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		w := newLeadWorld(t, f)
		w.approveRules(t, euRules())
		ls := w.intake(t, f.Admin, duet.LeadIn{Email: "bo@globex.example", Country: "US"})
		path := leadURL(f.WS.ID, ls[0].ID)

		// Before it is accepted, the first contact is refused.
		early := e.post(path+"/contacted", e.as(f.HostMember), url.Values{"version": {"2"}})
		early.wantStatus(t, http.StatusConflict)
		early.wantBody(t, "L-1 is assigned; accept it before recording the first contact.")

		l, err := f.Svc.AcceptLead(context.Background(), f.HostMember.Actor, f.WS.ID, ls[0].ID, 2)
		if err != nil {
			t.Fatal(err)
		}
		v := url.Values{"version": {"3"}}
		e.post(path+"/contacted", e.as(f.Guest), v).wantStatus(t, http.StatusForbidden)
		e.post(path+"/contacted", e.as(f.Partner), v).wantStatus(t, http.StatusNotFound)
		e.post(path+"/contacted", e.as(f.HostMember), url.Values{"version": {"3"}}).wantRedirect(t, path+"?done=contacted")
		if got := w.lead(t, f.HostMember, l.ID).Lead; got.ContactedAt == nil {
			t.Fatal("no first contact recorded")
		}
		page := e.get(path+"?done=contacted", e.as(f.HostMember))
		page.wantBody(t, "First contact recorded.", "First contact made by hal@host.test.", "Accepted and contacted.")
		page.wantNoBody(t, `action="`+path+`/contacted"`)
	})
}
