package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

func TestChannelRead(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ch := channelID(t, f, "kickoff")
		say(t, f, f.Admin, ch, "One")
		last := say(t, f, f.Admin, ch, "Two")
		unread := func() int {
			infos, err := f.Svc.Channels(context.Background(), f.Partner.Actor, f.WS.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range infos {
				if c.ID == ch {
					return c.Unread
				}
			}
			t.Fatal("no channel")
			return 0
		}
		if n := unread(); n != 2 {
			t.Fatalf("unread before %d, want 2", n)
		}
		// Viewing the page changes nothing (GET is safe); the page's
		// script then posts what it shows.
		e.get("/w/"+f.WS.ID+"/c/"+ch, e.as(f.Partner)).wantStatus(t, http.StatusOK)
		if n := unread(); n != 2 {
			t.Fatalf("unread after viewing %d, want 2", n)
		}
		path := "/w/" + f.WS.ID + "/c/" + ch + "/read"
		e.hx(http.MethodPost, path, e.as(f.Partner), url.Values{"seq": {fmt.Sprint(last.Seq)}}).wantStatus(t, http.StatusNoContent)
		if n := unread(); n != 0 {
			t.Fatalf("unread after reading %d, want 0", n)
		}
		// Without htmx it goes back to the channel.
		e.post(path, e.as(f.Partner), url.Values{"seq": {"1"}}).wantRedirect(t, "/w/"+f.WS.ID+"/c/"+ch)
		e.post(path, e.as(f.Partner), url.Values{"seq": {"last"}}).wantStatus(t, http.StatusUnprocessableEntity)
	})
}
