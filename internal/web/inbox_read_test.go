package web

import (
	"context"
	"net/url"
	"testing"
)

func TestInboxRead(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		propose(t, f, f.Admin, "Blue hero image")
		propose(t, f, f.Admin, "Tuesday slot")
		in, err := f.Svc.Notifications(context.Background(), f.Partner.Actor)
		if err != nil || in.Unread != 2 {
			t.Fatalf("inbox %+v %v", in, err)
		}
		unread := func() int {
			n, err := f.Svc.UnreadNotifications(context.Background(), f.Partner.Actor)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		e.post("/inbox/read", e.as(f.Partner), url.Values{"ids": {in.Notifications[0].ID}}).wantRedirect(t, "/inbox")
		if n := unread(); n != 1 {
			t.Errorf("after reading one: %d unread", n)
		}
		e.post("/inbox/read", e.as(f.Partner), nil).wantRedirect(t, "/inbox")
		if n := unread(); n != 0 {
			t.Errorf("after reading all: %d unread", n)
		}
	})
}
