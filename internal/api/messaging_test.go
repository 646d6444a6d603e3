package api_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"duet/internal/api"
	"duet/internal/coretest"
	"duet/internal/duet"
)

// errOf returns the error object of an answer.
func errOf(body map[string]any) map[string]any {
	e, _ := body["error"].(map[string]any)
	return e
}

func list(body map[string]any, key string) []map[string]any {
	var out []map[string]any
	l, _ := body[key].([]any)
	for _, x := range l {
		out = append(out, x.(map[string]any))
	}
	return out
}

// TestDecisionFlow: the host posts, the partner reads it and records it as
// a decision, both sides sign, and the approved decision is locked.
func TestDecisionFlow(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		e := serve(t, engine)
		f := e.f
		host, partner, admin := e.as(tokenOf(t, f, f.HostMember.Email)), e.as(tokenOf(t, f, f.Partner.Email)), e.as(tokenOf(t, f, f.Admin.Email))
		w := "/api/v1/workspaces/" + f.WS.ID
		day := coretest.Channel(t, f.WS, "day-to-day")

		status, msg := host.do("POST", w+"/channels/"+day.ID+"/messages", map[string]string{"body": "Let's go with **Tuesday 10:00** for the launch."})
		if status != 201 || msg["candidate"] != "flagged" || !strings.Contains(msg["html"].(string), "<strong>Tuesday 10:00</strong>") {
			t.Fatalf("post: %d %v", status, msg)
		}
		author := msg["author"].(map[string]any)
		if author["side"] != "host" || author["member_id"] == "" || author["name"] != f.HostMember.Name || author["user_id"] != nil {
			t.Errorf("author = %v", author)
		}

		status, page := partner.do("GET", w+"/channels/"+day.ID+"/messages", nil)
		ms := list(page, "messages")
		if status != 200 || len(ms) != 1 || ms[0]["id"] != msg["id"] || ms[0]["body"] != msg["body"] || page["next_before"] != nil {
			t.Fatalf("partner lists: %d %v", status, page)
		}
		if _, cands := partner.do("GET", w+"/decisions/candidates", nil); len(list(cands, "candidates")) != 1 {
			t.Errorf("candidates = %v", cands)
		}

		status, dec := partner.do("POST", w+"/decisions", map[string]any{"kind": "launch_call", "title": "Launch on Tuesday at 10:00",
			"body": "We launch on Tuesday at 10:00 CET.", "rationale": "Both newsletters go out that morning.", "from_message": msg["id"]})
		if status != 201 || dec["status"] != "proposed" || dec["version"] != 1.0 || dec["source_message_id"] != msg["id"] || dec["number"] == nil {
			t.Fatalf("record as decision: %d %v", status, dec)
		}
		signOffs := list(dec, "sign_offs")
		if len(signOffs) != 2 || signOffs[0]["role_key"] != "partner-marketing-manager" || signOffs[0]["side"] != "host" ||
			signOffs[1]["role_key"] != "partner-marketing-lead" || signOffs[0]["signed_by"] != nil {
			t.Fatalf("sign_offs = %v", signOffs)
		}
		decPath := w + "/decisions/" + dec["id"].(string)
		_, got := partner.do("GET", w+"/messages/"+msg["id"].(string), nil)
		if m := got["message"].(map[string]any); m["candidate"] != "recorded" || m["decision"].(map[string]any)["number"] != dec["number"] {
			t.Errorf("recorded message = %v", m)
		}

		status, signed := admin.do("POST", decPath+"/signoffs", map[string]int{"version": 1})
		if status != 200 || signed["status"] != "proposed" {
			t.Fatalf("host signs: %d %v", status, signed)
		}
		if so := list(signed, "sign_offs")[0]; so["signed_by"].(map[string]any)["name"] != f.Admin.Name || so["version"] != 1.0 || so["signed_at"] == nil {
			t.Errorf("host sign-off = %v", so)
		}
		status, approved := partner.do("POST", decPath+"/signoffs", map[string]int{"version": 1})
		if status != 200 || approved["status"] != "approved" || approved["decided_at"] == nil {
			t.Fatalf("partner signs: %d %v", status, approved)
		}

		status, body := admin.do("PATCH", decPath, map[string]any{"version": 1, "title": "Launch on Wednesday", "body": "Wednesday."})
		if status != 409 || errOf(body)["code"] != "conflict" || !strings.Contains(errOf(body)["message"].(string), "locked") {
			t.Errorf("editing an approved decision: %d %v", status, body)
		}
		if _, again := host.do("GET", decPath, nil); again["title"] != "Launch on Tuesday at 10:00" || again["status"] != "approved" || again["version"] != 1.0 {
			t.Errorf("after the refused edit: %v", again)
		}

		// A change goes through a decision that supersedes it.
		status, next := partner.do("POST", decPath+"/supersede", map[string]any{"kind": "launch_call", "title": "Launch on Wednesday", "body": "Wednesday at 10:00 CET."})
		if status != 201 || next["supersedes"].(map[string]any)["id"] != dec["id"] || next["status"] != "proposed" {
			t.Fatalf("supersede: %d %v", status, next)
		}
		if status, body := partner.do("POST", decPath+"/supersede", map[string]any{"kind": "launch_call", "title": "Thursday", "body": "Thursday."}); status != 409 {
			t.Errorf("superseding twice: %d %v", status, body)
		}
		for _, c := range []client{admin, partner} {
			if status, body := c.do("POST", w+"/decisions/"+next["id"].(string)+"/signoffs", map[string]int{"version": 1}); status != 200 {
				t.Fatalf("signing the successor: %d %v", status, body)
			}
		}
		if _, old := host.do("GET", decPath, nil); old["status"] != "superseded" || old["superseded_by"].(map[string]any)["id"] != next["id"] {
			t.Errorf("superseded decision = %v", old)
		}
		_, approvedList := host.do("GET", w+"/decisions?status=approved", nil)
		if ds := list(approvedList, "decisions"); len(ds) != 1 || ds[0]["id"] != next["id"] || ds[0]["html"] != nil {
			t.Errorf("approved decisions = %v", ds)
		}
	})
}

// TestBadInputChangesNothing: every refusal names the field or says what
// is wrong, and nothing is saved.
func TestBadInputChangesNothing(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		e := serve(t, engine)
		f := e.f
		host, partner, admin := e.as(tokenOf(t, f, f.HostMember.Email)), e.as(tokenOf(t, f, f.Partner.Email)), e.as(tokenOf(t, f, f.Admin.Email))
		w := "/api/v1/workspaces/" + f.WS.ID
		day := coretest.Channel(t, f.WS, "day-to-day")
		posts := w + "/channels/" + day.ID + "/messages"
		type tc struct {
			name         string
			client       client
			method, path string
			body         any
			status       int
			code, field  string
		}
		check := func(c tc) {
			t.Helper()
			status, body := c.client.do(c.method, c.path, c.body)
			er := errOf(body)
			field, _ := er["field"].(string)
			if status != c.status || er["code"] != c.code || field != c.field || er["message"] == "" {
				t.Errorf("%s: %d %v, want %d %s naming %q", c.name, status, body, c.status, c.code, c.field)
			}
		}
		for _, c := range []tc{
			{"empty body", host, "POST", posts, map[string]string{"body": ""}, 422, "invalid", "body"},
			{"blank body", host, "POST", posts, map[string]string{"body": " \n "}, 422, "invalid", "body"},
			{"100 KB body", host, "POST", posts, map[string]string{"body": strings.Repeat("a", 100<<10)}, 422, "invalid", "body"},
			// The request itself is over the 1 MiB limit: the size check
			// answers before the message rules.
			{"1 MB body", host, "POST", posts, map[string]string{"body": strings.Repeat("a", 1<<20)}, 413, "too_large", "body"},
			{"wrong type", host, "POST", posts, map[string]any{"body": 5}, 400, "bad_request", "body"},
			{"unknown field", host, "POST", posts, map[string]any{"body": "hi", "colour": "red"}, 400, "bad_request", "colour"},
			{"no JSON", host, "POST", posts, "", 400, "bad_request", "body"},
			{"broken JSON", host, "POST", posts, "{nope", 400, "bad_request", "body"},
			{"unknown channel", host, "POST", w + "/channels/nope/messages", map[string]string{"body": "hi"}, 404, "not_found", ""},
			{"other workspace's channel", host, "POST", w + "/channels/" + coretest.Channel(t, f.OtherWS, "day-to-day").ID + "/messages", map[string]string{"body": "hi"}, 404, "not_found", ""},
			{"decisions channel", host, "POST", w + "/channels/" + coretest.Channel(t, f.WS, "decisions").ID + "/messages", map[string]string{"body": "hi"}, 422, "invalid", "channel"},
			{"unknown parent", host, "POST", posts, map[string]string{"body": "hi", "parent_id": "nope"}, 422, "invalid", "parent_id"},
			{"bad limit", host, "GET", posts + "?limit=500", nil, 422, "invalid", "limit"},
			{"bad cursor", host, "GET", posts + "?before=yesterday", nil, 400, "bad_request", "before"},
			{"read without seq", host, "POST", w + "/channels/" + day.ID + "/read", map[string]any{}, 422, "invalid", "seq"},
			{"bad channel name", host, "POST", w + "/channels", map[string]string{"name": "Bad name!"}, 422, "invalid", "name"},
			{"channel kept to the other side", host, "POST", w + "/channels", map[string]string{"name": "theirs", "visibility": "partner"}, 422, "invalid", "visibility"},
			{"channel change without fields", host, "PATCH", w + "/channels/" + day.ID, map[string]any{}, 422, "invalid", "name"},
			{"archiving #decisions", admin, "PATCH", w + "/channels/" + coretest.Channel(t, f.WS, "decisions").ID, map[string]bool{"archived": true}, 422, "invalid", "archived"},
			{"decision without title", host, "POST", w + "/decisions", map[string]string{"body": "x"}, 422, "invalid", "title"},
			{"decision of unknown kind", host, "POST", w + "/decisions", map[string]string{"kind": "vibes", "title": "t", "body": "b"}, 422, "invalid", "kind"},
			{"decision with unknown signer", host, "POST", w + "/decisions", map[string]any{"title": "t", "body": "b", "signers": []string{"ceo"}}, 422, "invalid", "signers"},
			{"decision from unknown message", host, "POST", w + "/decisions", map[string]string{"title": "t", "body": "b", "from_message": "nope"}, 422, "invalid", "from_message"},
			{"decision with unknown field", host, "POST", w + "/decisions", map[string]string{"title": "t", "body": "b", "status": "approved"}, 400, "bad_request", "status"},
			{"filter by unknown status", host, "GET", w + "/decisions?status=done", nil, 422, "invalid", "status"},
			{"bad emoji", host, "POST", w + "/messages/nope/reactions", map[string]string{"emoji": "<b>"}, 422, "invalid", "emoji"},
			{"empty search", host, "GET", w + "/search?q=%20", nil, 422, "invalid", "q"},
			{"bad Last-Event-ID", host, "GET", w + "/events?after=soon", nil, 400, "bad_request", "after"},
			{"too many notifications", host, "POST", "/api/v1/notifications/read", map[string]any{"ids": make([]string, 501)}, 422, "invalid", "ids"},
		} {
			check(c)
		}
		if _, page := host.do("GET", posts, nil); len(list(page, "messages")) != 0 {
			t.Errorf("bad messages were saved: %v", page)
		}
		if _, chs := host.do("GET", w+"/channels", nil); len(list(chs, "channels")) != len(f.WS.Channels) {
			t.Errorf("bad channels were saved: %v", chs)
		}
		if _, ds := host.do("GET", w+"/decisions", nil); len(list(ds, "decisions")) != 0 {
			t.Errorf("bad decisions were saved: %v", ds)
		}

		// Sign-offs: twice, for the other side, at a stale version, after
		// approval.
		_, dec := admin.do("POST", w+"/decisions", map[string]string{"kind": "other", "title": "Red banner", "body": "Red it is."})
		decPath := w + "/decisions/" + dec["id"].(string)
		if status, _ := admin.do("POST", decPath+"/signoffs", map[string]int{"version": 1}); status != 200 {
			t.Fatalf("first sign-off: %d", status)
		}
		for _, c := range []tc{
			{"signing twice", admin, "POST", decPath + "/signoffs", map[string]int{"version": 1}, 409, "conflict", ""},
			{"signing for the other side", host, "POST", decPath + "/signoffs", map[string]int{"version": 1}, 403, "forbidden", ""},
			{"signing without a version", partner, "POST", decPath + "/signoffs", map[string]int{}, 422, "invalid", "version"},
			{"signing a stale version", partner, "POST", decPath + "/signoffs", map[string]int{"version": 7}, 409, "conflict", ""},
			{"rejecting without a reason", partner, "POST", decPath + "/reject", map[string]string{"reason": " "}, 422, "invalid", "reason"},
			{"editing at a stale version", host, "PATCH", decPath, map[string]any{"version": 3, "title": "t", "body": "b"}, 409, "conflict", ""},
			{"editing without a body", host, "PATCH", decPath, map[string]any{"version": 1, "title": "t"}, 422, "invalid", "body"},
			{"superseding a proposed decision", host, "POST", decPath + "/supersede", map[string]string{"title": "t", "body": "b"}, 409, "conflict", ""},
		} {
			check(c)
		}
		if _, d := partner.do("GET", decPath, nil); d["status"] != "proposed" || d["title"] != "Red banner" || d["version"] != 1.0 || list(d, "sign_offs")[1]["signed_by"] != nil {
			t.Errorf("after refused changes: %v", d)
		}
		if status, _ := partner.do("POST", decPath+"/signoffs", map[string]int{"version": 1}); status != 200 {
			t.Fatalf("second sign-off: %d", status)
		}
		check(tc{"editing an approved decision", host, "PATCH", decPath, map[string]any{"version": 1, "title": "t", "body": "b"}, 409, "conflict", ""})
		check(tc{"signing an approved decision", partner, "POST", decPath + "/signoffs", map[string]int{"version": 1}, 409, "conflict", ""})
		check(tc{"withdrawing an approved decision", admin, "POST", decPath + "/withdraw", nil, 409, "conflict", ""})
	})
}

// TestConcurrentSignOffs: both signers hammer the sign-off endpoint at
// once; exactly one approval comes out and nothing fails.
func TestConcurrentSignOffs(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		e := serve(t, engine)
		f := e.f
		id := proposeAs(t, f, f.HostMember)
		path := "/api/v1/workspaces/" + f.WS.ID + "/decisions/" + id + "/signoffs"
		signers := []client{e.as(tokenOf(t, f, f.Admin.Email)), e.as(tokenOf(t, f, f.Partner.Email))}
		const perSigner = 8
		var (
			wg       sync.WaitGroup
			mu       sync.Mutex
			statuses = map[int]int{}
			start    = make(chan struct{})
		)
		for i := range 2 * perSigner {
			wg.Go(func() {
				<-start
				status, body, err := signers[i%2].try("POST", path, map[string]int{"version": 1})
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					t.Errorf("sign-off request: %v", err)
					return
				}
				if status != 200 && status != 409 {
					t.Errorf("sign-off answered %d: %v", status, body)
				}
				statuses[status]++
			})
		}
		close(start)
		wg.Wait()
		if statuses[200] != 2 || statuses[409] != 2*perSigner-2 {
			t.Errorf("statuses = %v, want one 200 per signer and 409 for the rest", statuses)
		}
		_, d := signers[0].do("GET", "/api/v1/workspaces/"+f.WS.ID+"/decisions/"+id, nil)
		if d["status"] != "approved" {
			t.Errorf("final status %v", d["status"])
		}
		evs, err := f.Svc.EventsAfter(t.Context(), f.WS.ID, duet.SideHost, 0)
		if err != nil {
			t.Fatal(err)
		}
		approvals := 0
		for _, ev := range evs {
			if ev.Subject == id && ev.Type == "decision.approved" {
				approvals++
			}
		}
		if approvals != 1 {
			t.Errorf("%d decision.approved events, want exactly 1", approvals)
		}
	})
}

// TestHostOnlyChannelStaysWithTheHost: the partner cannot read, find or
// be told about anything in a host-only channel, by any endpoint or the
// event stream.
func TestHostOnlyChannelStaysWithTheHost(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		e := serve(t, engine)
		f := e.f
		hostTok, partnerTok := tokenOf(t, f, f.HostMember.Email), tokenOf(t, f, f.Partner.Email)
		host, partner, admin := e.as(hostTok), e.as(partnerTok), e.as(tokenOf(t, f, f.Admin.Email))
		w := "/api/v1/workspaces/" + f.WS.ID
		day := coretest.Channel(t, f.WS, "day-to-day")
		e.relay(hostTok, day.ID)

		status, internal := host.do("POST", w+"/channels", map[string]string{"name": "Host Internal", "purpose": "Pricing", "visibility": "host"})
		if status != 201 || internal["name"] != "host-internal" || internal["visibility"] != "host" {
			t.Fatalf("create host-only channel: %d %v", status, internal)
		}
		hostOnly := internal["id"].(string)

		partnerStream := partner.stream(w+"/events", nil)
		defer partnerStream.close()
		hostStream := admin.stream(w+"/events", nil)
		defer hostStream.close()

		status, secret := admin.do("POST", w+"/channels/"+hostOnly+"/messages", map[string]string{"body": "Our zanzibar margin is 40%, @Partner Marketing Lead"})
		if status != 201 {
			t.Fatalf("host-only post: %d %v", status, secret)
		}
		status, shared := host.do("POST", w+"/channels/"+day.ID+"/messages", map[string]string{"body": "The zanzibar deck is ready."})
		if status != 201 {
			t.Fatalf("shared post: %d %v", status, shared)
		}
		leaked := func(fr frame) bool {
			p := fr.payload()
			return p["subject"] == secret["id"] || p["scope"] == hostOnly || p["subject"] == hostOnly || strings.Contains(fr.data, "zanzibar")
		}

		// The host's stream carries both, in order: the test is not vacuous.
		seen, ok := hostStream.until(10*time.Second, func(fr frame) bool { return fr.subject() == shared["id"] })
		if !ok || !slices.ContainsFunc(seen, func(fr frame) bool { return fr.subject() == secret["id"] }) {
			t.Fatalf("host stream: %v (got the shared event: %v)", seen, ok)
		}
		// The partner's stream carries the shared event, never the other.
		seen, ok = partnerStream.until(10*time.Second, func(fr frame) bool { return fr.subject() == shared["id"] })
		if !ok {
			t.Fatalf("partner never got the shared event; got %v", seen)
		}
		for _, fr := range seen {
			if leaked(fr) {
				t.Errorf("partner stream leaked %+v", fr)
			}
		}
		// The frame format: id, event and one data line with ids only.
		last := seen[len(seen)-1]
		p := last.payload()
		if len(last.lines) != 3 || !strings.HasPrefix(last.lines[0], "id: ") || last.lines[1] != "event: message.posted" || !strings.HasPrefix(last.lines[2], "data: ") {
			t.Errorf("frame lines = %q", last.lines)
		}
		wantKeys := []string{"id", "scope", "subject", "type", "vis", "ws"}
		var keys []string
		for k := range p {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if !slices.Equal(keys, wantKeys) || p["ws"] != f.WS.ID || p["type"] != "message.posted" || p["scope"] != day.ID || p["vis"] != "shared" {
			t.Errorf("payload = %s", last.data)
		}
		if id, _ := p["id"].(float64); id <= 0 || last.id != strconv.FormatInt(int64(id), 10) {
			t.Errorf("frame id %q vs payload id %v", last.id, p["id"])
		}

		// Resuming replays what was missed, still without the host-only
		// events: through Last-Event-ID and through ?after=.
		for _, resume := range []struct {
			path   string
			header map[string]string
		}{{w + "/events", map[string]string{"Last-Event-ID": "1"}}, {w + "/events?after=1", nil}} {
			s := partner.stream(resume.path, resume.header)
			replayed, ok := s.until(10*time.Second, func(fr frame) bool { return fr.subject() == shared["id"] })
			s.close()
			if !ok {
				t.Fatalf("replay %s %v: no shared event in %v", resume.path, resume.header, replayed)
			}
			for _, fr := range replayed {
				if leaked(fr) || fr.payload()["ws"] != f.WS.ID {
					t.Errorf("replay leaked %+v", fr)
				}
			}
		}

		// Reading, listing, searching and the inbox.
		if status, body := partner.do("GET", w+"/channels/"+hostOnly+"/messages", nil); status != 404 {
			t.Errorf("partner reads the host-only channel: %d %v", status, body)
		}
		if status, _ := partner.do("GET", w+"/messages/"+secret["id"].(string), nil); status != 404 {
			t.Errorf("partner reads the host-only message: %d", status)
		}
		_, chs := partner.do("GET", w+"/channels", nil)
		for _, c := range list(chs, "channels") {
			if c["id"] == hostOnly {
				t.Error("partner lists the host-only channel")
			}
		}
		_, found := partner.do("GET", w+"/search?q=zanzibar", nil)
		hits := list(found, "hits")
		if len(hits) != 1 || hits[0]["item_id"] != shared["id"] || !strings.Contains(hits[0]["snippet_html"].(string), "<mark>zanzibar</mark>") {
			t.Errorf("partner search = %v", hits)
		}
		for _, h := range hits {
			if h["item_id"] == secret["id"] || h["channel_id"] == hostOnly {
				t.Errorf("partner search finds the host-only message: %v", h)
			}
		}
		if _, found := host.do("GET", w+"/search?q=zanzibar", nil); len(list(found, "hits")) != 2 {
			t.Errorf("host search = %v", found)
		}
		if _, inbox := partner.do("GET", "/api/v1/notifications", nil); inbox["unread"] != 0.0 {
			t.Errorf("partner notified of a host-only mention: %v", inbox)
		}

		// A decision recorded from a host-only message is shared, but the
		// link to the message is not: neither in the decision nor the log.
		status, dec := admin.do("POST", w+"/decisions", map[string]any{"title": "Margin floor", "body": "We keep the floor.", "from_message": secret["id"]})
		if status != 201 || dec["source_message_id"] != secret["id"] {
			t.Fatalf("host records a host-only message: %d %v", status, dec)
		}
		if status, body := partner.do("POST", w+"/decisions", map[string]any{"title": "x", "body": "y", "from_message": secret["id"]}); status != 422 || errOf(body)["field"] != "from_message" {
			t.Errorf("partner records a host-only message: %d %v", status, body)
		}
		_, seenDec := partner.do("GET", w+"/decisions/"+dec["id"].(string), nil)
		_, log := partner.do("GET", w+"/decisions", nil)
		for _, d := range append(list(log, "decisions"), seenDec) {
			if _, ok := d["source_message_id"]; ok || d["source_channel_id"] != nil {
				t.Errorf("partner sees the host-only source: %v", d)
			}
		}
		if _, cands := partner.do("GET", w+"/decisions/candidates", nil); strings.Contains(fmt.Sprint(cands), "zanzibar") {
			t.Errorf("partner candidates include host-only text: %v", cands)
		}
	})
}

// TestReactionsHistoryAndNotifications covers the rest of a message's life
// and the inbox.
func TestReactionsHistoryAndNotifications(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		e := serve(t, engine)
		f := e.f
		host, partner, admin := e.as(tokenOf(t, f, f.HostMember.Email)), e.as(tokenOf(t, f, f.Partner.Email)), e.as(tokenOf(t, f, f.Admin.Email))
		w := "/api/v1/workspaces/" + f.WS.ID
		day := coretest.Channel(t, f.WS, "day-to-day")

		_, root := host.do("POST", w+"/channels/"+day.ID+"/messages", map[string]string{"body": "Draft is up, @Partner Marketing Lead"})
		msg := w + "/messages/" + root["id"].(string)
		status, reply := partner.do("POST", w+"/channels/"+day.ID+"/messages", map[string]string{"body": "Reading it now.", "parent_id": root["id"].(string)})
		if status != 201 || reply["parent_id"] != root["id"] {
			t.Fatalf("reply: %d %v", status, reply)
		}
		_, thread := admin.do("GET", w+"/messages/"+reply["id"].(string), nil)
		if thread["message"].(map[string]any)["id"] != root["id"] || len(list(thread, "replies")) != 1 || thread["message"].(map[string]any)["reply_count"] != 1.0 {
			t.Errorf("thread = %v", thread)
		}

		// Reactions toggle; "mine" is the caller's own.
		status, reacted := partner.do("POST", msg+"/reactions", map[string]string{"emoji": "🎉"})
		rs := list(reacted, "reactions")
		if status != 200 || len(rs) != 1 || rs[0]["count"] != 1.0 || rs[0]["mine"] != true || rs[0]["names"].([]any)[0] != f.Partner.Name {
			t.Fatalf("react: %d %v", status, reacted)
		}
		_, seen := admin.do("GET", msg, nil)
		if r := list(seen["message"].(map[string]any), "reactions"); r[0]["mine"] != false {
			t.Errorf("admin sees the partner's reaction as theirs: %v", r)
		}
		if _, again := partner.do("POST", msg+"/reactions", map[string]string{"emoji": "🎉"}); len(list(again, "reactions")) != 0 {
			t.Errorf("second toggle: %v", again)
		}

		// Only the author edits; the old text stays in the history.
		if status, _ := partner.do("PATCH", msg, map[string]string{"body": "mine now"}); status != 403 {
			t.Errorf("partner edits the host's message: %d", status)
		}
		status, edited := host.do("PATCH", msg, map[string]string{"body": "Draft v2 is up."})
		if status != 200 || edited["body"] != "Draft v2 is up." || edited["edited_at"] == nil {
			t.Fatalf("edit: %d %v", status, edited)
		}
		_, hist := partner.do("GET", msg+"/history", nil)
		if edits := list(hist, "edits"); len(edits) != 1 || !strings.HasPrefix(edits[0]["body"].(string), "Draft is up") || edits[0]["editor"] != f.HostMember.Name {
			t.Errorf("history = %v", hist)
		}

		// The partner was mentioned; reading the notification clears it.
		_, inbox := partner.do("GET", "/api/v1/notifications", nil)
		notes := list(inbox, "notifications")
		if inbox["unread"] != 1.0 || len(notes) != 1 || notes[0]["kind"] != "mention" || notes[0]["subject_id"] != root["id"] ||
			notes[0]["channel_id"] != day.ID || notes[0]["actor"].(map[string]any)["name"] != f.HostMember.Name || notes[0]["read_at"] != nil {
			t.Fatalf("inbox = %v", inbox)
		}
		if status, _ := partner.do("POST", "/api/v1/notifications/read", map[string]any{"ids": []string{notes[0]["id"].(string)}}); status != 204 {
			t.Errorf("mark read: %d", status)
		}
		if _, inbox := partner.do("GET", "/api/v1/notifications", nil); inbox["unread"] != 0.0 || list(inbox, "notifications")[0]["read_at"] == nil {
			t.Errorf("after reading: %v", inbox)
		}
		// Someone else's notification ids change nothing.
		_, hostInbox := host.do("GET", "/api/v1/notifications", nil)
		before := hostInbox["unread"]
		partner.do("POST", "/api/v1/notifications/read", nil)
		if _, after := host.do("GET", "/api/v1/notifications", nil); after["unread"] != before {
			t.Errorf("partner's read-all touched the host's inbox: %v → %v", before, after["unread"])
		}

		// Unread counts and reading a channel.
		_, chs := partner.do("GET", w+"/channels", nil)
		var dayInfo map[string]any
		for _, c := range list(chs, "channels") {
			if c["id"] == day.ID {
				dayInfo = c
			}
		}
		if dayInfo["unread"] != 1.0 || dayInfo["last_seq"] == 0.0 {
			t.Fatalf("day-to-day for the partner = %v", dayInfo)
		}
		if status, _ := partner.do("POST", w+"/channels/"+day.ID+"/read", map[string]any{"seq": dayInfo["last_seq"]}); status != 204 {
			t.Errorf("read: %d", status)
		}
		_, chs = partner.do("GET", w+"/channels", nil)
		for _, c := range list(chs, "channels") {
			if c["id"] == day.ID && c["unread"] != 0.0 {
				t.Errorf("unread after reading = %v", c["unread"])
			}
		}

		// Deleting: not across sides; by the author's side.
		if status, _ := partner.do("DELETE", msg, nil); status != 403 {
			t.Errorf("partner deletes the host's message: %d", status)
		}
		if status, _ := admin.do("DELETE", msg, nil); status != 204 {
			t.Errorf("host admin deletes a host message: %d", status)
		}
		if _, gone := partner.do("GET", msg, nil); gone["message"].(map[string]any)["deleted"] != true || gone["message"].(map[string]any)["body"] != "" {
			t.Errorf("deleted message = %v", gone)
		}
	})
}

// TestMessagePages pages a channel newest first on the seq cursor.
func TestMessagePages(t *testing.T) {
	e := serve(t, "sqlite")
	f := e.f
	host := e.as(tokenOf(t, f, f.HostMember.Email))
	posts := "/api/v1/workspaces/" + f.WS.ID + "/channels/" + coretest.Channel(t, f.WS, "day-to-day").ID + "/messages"
	for _, b := range []string{"one", "two", "three", "four", "five"} {
		if status, _ := host.do("POST", posts, map[string]string{"body": b}); status != 201 {
			t.Fatal(status)
		}
	}
	var bodies []string
	path := posts + "?limit=2"
	for range 5 {
		_, page := host.do("GET", path, nil)
		for _, m := range list(page, "messages") {
			bodies = append(bodies, m["body"].(string))
		}
		next, ok := page["next_before"].(float64)
		if !ok {
			break
		}
		path = posts + "?limit=2&before=" + strconv.FormatInt(int64(next), 10)
	}
	if strings.Join(bodies, ",") != "five,four,three,two,one" {
		t.Errorf("pages = %v", bodies)
	}
}

// TestEventsWithoutHub: a server built without a hub says so.
func TestEventsWithoutHub(t *testing.T) {
	f := coretest.New(t, "sqlite")
	srv := httptest.NewServer(api.New(f.Svc, slog.New(slog.DiscardHandler), nil))
	defer srv.Close()
	c := client{t: t, base: srv.URL, token: tokenOf(t, f, f.Partner.Email)}
	status, body := c.do("GET", "/api/v1/workspaces/"+f.WS.ID+"/events", nil)
	if status != http.StatusServiceUnavailable || errOf(body)["code"] != "unavailable" || errOf(body)["message"] == "" {
		t.Errorf("events without a hub: %d %v", status, body)
	}
	c.token = tokenOf(t, f, f.Stranger.Email)
	if status, _ := c.do("GET", "/api/v1/workspaces/"+f.WS.ID+"/events", nil); status != 404 {
		t.Errorf("stranger: %d", status)
	}
}
