package web

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"duet/internal/broker"
	"duet/internal/coretest"
	"duet/internal/duet"
)

// TestEventStream follows a workspace's events as the partner: what the
// host side posts in a host-only channel never reaches the stream, neither
// replayed nor live, while the shared channel's messages do.
func TestEventStream(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		f := coretest.New(t, engine)
		hub := broker.NewHub(broker.Options{Heartbeat: time.Hour})
		t.Cleanup(hub.Close)
		// The hub gets every event of the workspace, host-only ones too, as
		// a node does from core (SQLite) or from NOTIFY (PostgreSQL); the
		// stream must pass on only the partner's.
		publish := func() {
			t.Helper()
			evs, err := f.Svc.EventsAfter(context.Background(), f.WS.ID, duet.SideHost, 0)
			if err != nil {
				t.Fatal(err)
			}
			hub.Publish(evs...)
		}
		opts := Options{Events: hub}
		srv := httptest.NewServer(Secure(New(f.Svc, opts), opts))
		t.Cleanup(srv.Close)
		e := newEnv(t, f, f.Svc)

		shared, room := channelID(t, f, "day-to-day"), hostRoom(t, f)
		before := say(t, f, f.Admin, shared, "Posted before the stream opened")
		hidden := say(t, f, f.Admin, room, "Margin floor, replayed")

		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/w/"+f.WS.ID+"/events", nil)
		req.AddCookie(&http.Cookie{Name: "duet_session", Value: e.as(f.Partner)})
		req.Header.Set("Last-Event-ID", "1")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/event-stream" {
			t.Fatalf("stream: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
		}
		lines := make(chan string, 100)
		go func() {
			sc := bufio.NewScanner(res.Body)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		var got strings.Builder
		until := func(id string) {
			t.Helper()
			for !strings.Contains(got.String(), id) {
				select {
				case l, ok := <-lines:
					if !ok {
						t.Fatalf("stream ended before %s:\n%s", id, got.String())
					}
					got.WriteString(l + "\n")
				case <-ctx.Done():
					t.Fatalf("no %s on the stream:\n%s", id, got.String())
				}
			}
		}
		until(before.ID) // replayed

		// Live: the host-only message is posted first, the shared one after.
		hiddenLive := say(t, f, f.Admin, room, "Margin floor, live").ID
		sharedLive := say(t, f, f.Admin, shared, "Shared, live").ID
		publish()
		until(sharedLive)
		stream := got.String()
		for _, leak := range []string{hidden.ID, hiddenLive, room} {
			if strings.Contains(stream, leak) {
				t.Errorf("the partner's stream carries %s:\n%s", leak, stream)
			}
		}
		if !strings.Contains(stream, "event: message.posted") || strings.Contains(stream, "Shared, live") {
			t.Errorf("events must carry ids and types, never content:\n%s", stream)
		}

		// Members only; without a hub the stream is unavailable.
		e.get("/w/"+f.WS.ID+"/events", e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
		plain := newEnv(t, f, f.Svc) // no hub
		plain.get("/w/"+f.WS.ID+"/events", plain.as(f.Partner)).wantStatus(t, http.StatusServiceUnavailable)
	})
}
