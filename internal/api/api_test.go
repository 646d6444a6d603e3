package api_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"duet/internal/api"
	"duet/internal/coretest"
	"duet/internal/duet"
)

type client struct {
	t     *testing.T
	base  string
	token string
}

// do sends a request and decodes the JSON answer into a generic map.
func (c client) do(method, path string, body any) (int, map[string]any) {
	c.t.Helper()
	var rd io.Reader
	ctype := "application/json"
	if body != nil {
		switch b := body.(type) {
		case string:
			rd = strings.NewReader(b)
		case csvBody:
			rd, ctype = strings.NewReader(string(b)), "text/csv"
		default:
			buf, _ := json.Marshal(b)
			rd = bytes.NewReader(buf)
		}
	}
	req, _ := http.NewRequest(method, c.base+path, rd)
	req.Header.Set("Content-Type", ctype)
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	out := map[string]any{}
	raw, _ := io.ReadAll(res.Body)
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &out); err != nil {
			c.t.Fatalf("%s %s: not JSON: %s", method, path, raw)
		}
	}
	return res.StatusCode, out
}

func setup(t *testing.T, engine string) (*coretest.Fixture, func(token string) client) {
	e := serve(t, engine)
	return e.f, e.as
}

func tokenOf(t *testing.T, f *coretest.Fixture, email string) string {
	tok, err := f.Svc.CreateToken(t.Context(), email, "test")
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestCreateWorkspaceReturnsTheWholeTemplate(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		f, as := setup(t, engine)
		admin := as(tokenOf(t, f, f.Admin.Email))
		status, ws := admin.do("POST", "/api/v1/workspaces", map[string]string{
			"name": "Spring webinar", "template": "partner-co-marketing", "partner_org": "Brightwave",
			"kickoff_on": "2027-02-01", "launch_on": "2027-03-15", "time_zone": "America/New_York"})
		if status != http.StatusCreated {
			t.Fatalf("status %d: %v", status, ws)
		}
		for _, k := range []string{"id", "name", "template", "host_org", "partner_org", "roles", "members", "channels", "check_ins",
			"milestones", "task_lists", "hill_charts", "apps", "integrations", "pinned_resources"} {
			if v, ok := ws[k]; !ok || v == nil || v == "" {
				t.Errorf("key %q missing or empty", k)
			} else if l, ok := v.([]any); ok && len(l) == 0 {
				t.Errorf("key %q is an empty list", k)
			}
		}
		var d struct {
			Channels []struct{ Name string }
			CheckIns []struct {
				NextAt string `json:"next_at"`
			} `json:"check_ins"`
			Milestones []struct {
				URL      string
				Criteria []struct {
					ID, Text, Check string
					DRI             struct {
						RoleKey string `json:"role_key"`
					}
				}
			}
			TaskLists []struct {
				ID  string
				DRI struct {
					RoleKey  string `json:"role_key"`
					RoleName string `json:"role_name"`
				}
				TasksURL string `json:"tasks_url"`
			} `json:"task_lists"`
			HillCharts []struct {
				Scopes []struct {
					TaskListID string `json:"task_list_id"`
				}
			} `json:"hill_charts"`
			Integrations []struct{ Kind, Status string }
			Pinned       []struct{ Key string } `json:"pinned_resources"`
		}
		raw, _ := json.Marshal(ws)
		if err := json.Unmarshal(raw, &d); err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, c := range d.Channels {
			names = append(names, c.Name)
		}
		if strings.Join(names, ",") != "kickoff,day-to-day,decisions,retro" {
			t.Errorf("channels = %v", names)
		}
		if len(d.CheckIns) != 2 || d.CheckIns[0].NextAt == "" || len(d.Milestones) != 4 || len(d.Pinned) != 5 {
			t.Errorf("check-ins %d, milestones %d, pinned %d", len(d.CheckIns), len(d.Milestones), len(d.Pinned))
		}
		for i, m := range d.Milestones {
			if len(m.Criteria) == 0 || !strings.HasPrefix(m.URL, "/api/v1/workspaces/"+ws["id"].(string)+"/milestones/") {
				t.Errorf("milestone %d: %d criteria, url %q", i, len(m.Criteria), m.URL)
			}
			for _, c := range m.Criteria {
				if c.ID == "" || c.Text == "" || c.Check == "" || c.DRI.RoleKey == "" {
					t.Errorf("milestone %d has a criterion without id, text, check or DRI: %+v", i, c)
				}
			}
		}
		if len(d.TaskLists) != 4 || len(d.HillCharts) != 1 || len(d.HillCharts[0].Scopes) != 4 {
			t.Fatalf("task lists %d, hill charts %d", len(d.TaskLists), len(d.HillCharts))
		}
		for i, l := range d.TaskLists {
			_, tasks := admin.do("GET", l.TasksURL, nil)
			ts := list(tasks, "tasks")
			if l.DRI.RoleKey == "" || len(ts) == 0 {
				t.Errorf("task list %d: DRI %q, %d tasks at %s", i, l.DRI.RoleKey, len(ts), l.TasksURL)
			}
			for _, task := range ts {
				if dri := task["dri"].(map[string]any); dri["role_key"] == nil || dri["role_name"] == nil || task["list_id"] != l.ID {
					t.Errorf("task list %d has a task without a DRI: %v", i, task)
				}
			}
			if d.HillCharts[0].Scopes[i].TaskListID != l.ID {
				t.Errorf("hill scope %d is not task list %s", i, l.ID)
			}
		}
		var kinds []string
		for _, in := range d.Integrations {
			kinds = append(kinds, in.Kind+":"+in.Status)
		}
		if strings.Join(kinds, ",") != "slack:not_configured,google_drive:not_configured,hubspot:not_configured" {
			t.Errorf("integrations = %v", kinds)
		}
	})
}

func TestBadInputNamesTheField(t *testing.T) {
	f, as := setup(t, "sqlite")
	admin := as(tokenOf(t, f, f.Admin.Email))
	good := func() map[string]any {
		return map[string]any{"name": "X", "template": "partner-co-marketing", "partner_org": "P",
			"kickoff_on": "2027-02-01", "launch_on": "2027-03-15", "time_zone": "UTC"}
	}
	with := func(k string, v any) map[string]any {
		m := good()
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
		return m
	}
	for _, tc := range []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"unknown template", with("template", "nope"), 422, "template"},
		{"missing name", with("name", nil), 422, "name"},
		{"missing partner", with("partner_org", nil), 422, "partner_org"},
		{"bad date", with("kickoff_on", "Feb 1"), 422, "kickoff_on"},
		{"launch before kickoff", with("launch_on", "2027-01-01"), 422, "launch_on"},
		{"bad zone", with("time_zone", "Mars/Olympus"), 422, "time_zone"},
		{"wrong type", with("name", 42), 400, "name"},
		{"unknown field", with("owner", "me"), 400, "owner"},
		{"not json", "{nope", 400, "body"},
		{"empty", "", 400, "body"},
		{"partner is host", with("partner_org", "Hostco"), 422, "partner_org"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := admin.do("POST", "/api/v1/workspaces", tc.body)
			e, _ := body["error"].(map[string]any)
			if status != tc.status || e["field"] != tc.field || e["message"] == "" || e["code"] == "" {
				t.Errorf("status %d body %v, want %d naming %q", status, body, tc.status, tc.field)
			}
		})
	}
	// Nothing was saved by the failures: the admin still has two workspaces.
	_, list := admin.do("GET", "/api/v1/workspaces", nil)
	if n := len(list["workspaces"].([]any)); n != 2 {
		t.Errorf("workspaces after bad input = %d, want 2", n)
	}
}

func TestTokens(t *testing.T) {
	f, as := setup(t, "sqlite")
	anon := as("")
	status, body := anon.do("POST", "/api/v1/tokens", map[string]string{"email": f.Partner.Email, "password": coretest.Password, "label": "script"})
	if status != 201 || !strings.HasPrefix(body["token"].(string), "duet_") {
		t.Fatalf("token: %d %v", status, body)
	}
	me := as(body["token"].(string))
	if status, who := me.do("GET", "/api/v1/me", nil); status != 200 || who["email"] != f.Partner.Email {
		t.Errorf("me: %d %v", status, who)
	}
	// A wrong password and an unknown email answer exactly alike.
	s1, b1 := anon.do("POST", "/api/v1/tokens", map[string]string{"email": f.Partner.Email, "password": "wrong password"})
	s2, b2 := anon.do("POST", "/api/v1/tokens", map[string]string{"email": "nobody@x.test", "password": "wrong password"})
	if s1 != 401 || s2 != 401 || !jsonEqual(b1, b2) {
		t.Errorf("wrong password %d %v vs unknown email %d %v", s1, b1, s2, b2)
	}
	// Tokens never travel in a URL.
	if status, _ := anon.do("GET", "/api/v1/me?access_token="+body["token"].(string), nil); status != 400 {
		t.Errorf("token in query: %d", status)
	}
	if status, _ := as("duet_forged").do("GET", "/api/v1/me", nil); status != 401 {
		t.Errorf("forged token: %d", status)
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func TestInviteFlowAndIsolation(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		f, as := setup(t, engine)
		admin := as(tokenOf(t, f, f.Admin.Email))
		path := "/api/v1/workspaces/" + f.WS.ID + "/invites"
		status, inv := admin.do("POST", path, map[string]any{"email": "New.Partner@Partner.test", "side": "partner", "roles": []string{"partner-content-lead"}})
		if status != 201 || inv["url"] == "" || inv["token"] == "" || inv["email"] != "new.partner@partner.test" {
			t.Fatalf("invite: %d %v", status, inv)
		}
		if status, body := admin.do("POST", path, map[string]any{"email": "x@partner.test", "side": "partner", "roles": []string{"legal-reviewer"}}); status != 422 {
			t.Errorf("host role for partner: %d %v", status, body)
		}
		anon := as("")
		status, acc := anon.do("POST", "/api/v1/invites/"+inv["token"].(string)+"/accept", map[string]string{"name": "Nia", "password": "long enough pw"})
		if status != 201 || acc["workspace_id"] != f.WS.ID {
			t.Fatalf("accept: %d %v", status, acc)
		}
		if status, _ := anon.do("POST", "/api/v1/invites/"+inv["token"].(string)+"/accept", map[string]string{"name": "Nia", "password": "long enough pw"}); status != 404 {
			t.Errorf("second accept: %d, want 404", status)
		}
		nia := as(tokenOf(t, f, "new.partner@partner.test"))
		_, list := nia.do("GET", "/api/v1/workspaces", nil)
		if ws := list["workspaces"].([]any); len(ws) != 1 || ws[0].(map[string]any)["id"] != f.WS.ID {
			t.Errorf("partner lists %v", ws)
		}
		if status, _ := nia.do("GET", "/api/v1/workspaces/"+f.OtherWS.ID, nil); status != 404 {
			t.Errorf("partner reads another workspace: %d", status)
		}
		_, got := nia.do("GET", "/api/v1/workspaces/"+f.WS.ID, nil)
		for _, m := range got["members"].([]any) {
			mm := m.(map[string]any)
			if mm["email"] == "new.partner@partner.test" && (mm["side"] != "partner" || mm["roles"].([]any)[0] != "partner-content-lead") {
				t.Errorf("new member = %v", mm)
			}
		}
		// Revoke a fresh invite; using it afterwards is a 404.
		_, inv2 := admin.do("POST", path, map[string]any{"email": "late@partner.test", "side": "partner"})
		if status, _ := admin.do("DELETE", path+"/"+inv2["id"].(string), nil); status != 204 {
			t.Errorf("revoke: %d", status)
		}
		if status, _ := anon.do("POST", "/api/v1/invites/"+inv2["token"].(string)+"/accept", map[string]string{"name": "L", "password": "long enough pw"}); status != 404 {
			t.Errorf("revoked accept: %d", status)
		}
	})
}

// matrixRow is one route's expected status for each kind of actor.
type matrixRow struct {
	method, path string
	body         any           // a func() any is called per request
	fresh        func() string // when set, the path for each request
	stream       bool          // an event stream: only the status is read
	pattern      string
	want         []int // per actor: anonymous, host admin, host member, partner member, guest, other workspace
}

// TestAuthorizationMatrix checks every route for every kind of actor.
// Rows whose success changes the resource (deleting, signing, dismissing)
// get a fresh resource for each actor, so every cell is independent.
func TestAuthorizationMatrix(t *testing.T) {
	f, as := setup(t, "sqlite")
	ctx := t.Context()
	ws, other := f.WS.ID, f.OtherWS.ID
	pending, err := f.Svc.CreateInvite(ctx, f.Admin.Actor, ws, duet.InviteCreate{Email: "later@partner.test", Side: duet.SidePartner})
	if err != nil {
		t.Fatal(err)
	}
	newWS := map[string]string{"name": "N", "template": "partner-co-marketing", "partner_org": "Q", "kickoff_on": "2027-02-01", "launch_on": "2027-03-01", "time_zone": "UTC"}
	invite := map[string]any{"email": "z@partner.test", "side": "partner"}
	actors := []string{"anonymous", "host admin", "host member", "partner member", "guest", "other workspace"}
	tokens := map[string]string{"anonymous": ""}
	for name, u := range map[string]coretest.User{"host admin": f.Admin, "host member": f.HostMember, "partner member": f.Partner, "guest": f.Guest, "other workspace": f.Stranger} {
		tokens[name] = tokenOf(t, f, u.Email)
	}

	// What the messaging rows act on.
	day := coretest.Channel(t, f.WS, "day-to-day")
	hostOnly, err := f.Svc.CreateChannel(ctx, f.HostMember.Actor, ws, duet.ChannelCreate{Name: "host-internal", Visibility: duet.VisHost})
	if err != nil {
		t.Fatal(err)
	}
	sharedMsg := postAs(t, f, f.HostMember, day.ID, "hello from the host side")
	hostMsg := postAs(t, f, f.Admin, hostOnly.ID, "hello, host side only")
	dec := proposeAs(t, f, f.Admin)
	n := 0
	newChannel := func() any { n++; return map[string]string{"name": fmt.Sprintf("room-%d", n), "visibility": "shared"} }
	w := "/api/v1/workspaces/" + ws
	decision := map[string]any{"kind": "other", "title": "Use the blue banner", "body": "Blue it is."}

	rows := []matrixRow{
		{method: "POST", path: "/api/v1/tokens", body: map[string]string{"email": "x@y.test", "password": "nope nope"}, pattern: "POST /api/v1/tokens", want: []int{401, 401, 401, 401, 401, 401}},
		{method: "POST", path: "/api/v1/invites/inv_bogus/accept", body: map[string]string{"name": "x", "password": "long enough pw"}, pattern: "POST /api/v1/invites/{token}/accept", want: []int{404, 404, 404, 404, 404, 404}},
		{method: "GET", path: "/api/v1/me", pattern: "GET /api/v1/me", want: []int{401, 200, 200, 200, 200, 200}},
		{method: "GET", path: "/api/v1/templates", pattern: "GET /api/v1/templates", want: []int{401, 200, 200, 200, 200, 200}},
		{method: "GET", path: "/api/v1/workspaces", pattern: "GET /api/v1/workspaces", want: []int{401, 200, 200, 200, 200, 200}},
		{method: "POST", path: "/api/v1/workspaces", body: newWS, pattern: "POST /api/v1/workspaces", want: []int{401, 201, 403, 403, 403, 403}},
		{method: "GET", path: w, pattern: "GET /api/v1/workspaces/{id}", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: "/api/v1/workspaces/" + other, pattern: "GET /api/v1/workspaces/{id}", want: []int{401, 200, 404, 404, 404, 200}},
		{method: "GET", path: w + "/invites", pattern: "GET /api/v1/workspaces/{id}/invites", want: []int{401, 200, 403, 403, 403, 404}},
		{method: "POST", path: w + "/invites", body: invite, pattern: "POST /api/v1/workspaces/{id}/invites", want: []int{401, 201, 403, 403, 403, 404}},
		{method: "DELETE", path: w + "/invites/nope", pattern: "DELETE /api/v1/workspaces/{id}/invites/{invite}", want: []int{401, 404, 404, 404, 404, 404}},
		{method: "DELETE", path: w + "/invites/" + pending.Invite.ID, pattern: "DELETE /api/v1/workspaces/{id}/invites/{invite}", want: []int{401, 404, 403, 403, 403, 404}},

		// Channels.
		{method: "GET", path: w + "/channels", pattern: "GET /api/v1/workspaces/{id}/channels", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "POST", path: w + "/channels", body: newChannel, pattern: "POST /api/v1/workspaces/{id}/channels", want: []int{401, 201, 201, 201, 403, 404}},
		{method: "PATCH", path: w + "/channels/" + day.ID, body: map[string]string{"purpose": "Daily work"}, pattern: "PATCH /api/v1/workspaces/{id}/channels/{channel}", want: []int{401, 200, 200, 200, 403, 404}},
		{method: "PATCH", path: w + "/channels/" + hostOnly.ID, body: map[string]string{"purpose": "Pricing"}, pattern: "PATCH /api/v1/workspaces/{id}/channels/{channel}", want: []int{401, 200, 200, 404, 403, 404}},
		{method: "PATCH", path: w + "/channels/nope", body: map[string]string{"purpose": "x"}, pattern: "PATCH /api/v1/workspaces/{id}/channels/{channel}", want: []int{401, 404, 404, 404, 404, 404}},
		{method: "GET", path: w + "/channels/" + day.ID + "/messages", pattern: "GET /api/v1/workspaces/{id}/channels/{channel}/messages", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: w + "/channels/" + hostOnly.ID + "/messages", pattern: "GET /api/v1/workspaces/{id}/channels/{channel}/messages", want: []int{401, 200, 200, 404, 200, 404}},
		{method: "POST", path: w + "/channels/" + day.ID + "/messages", body: map[string]string{"body": "hi all"}, pattern: "POST /api/v1/workspaces/{id}/channels/{channel}/messages", want: []int{401, 201, 201, 201, 201, 404}},
		{method: "POST", path: w + "/channels/" + hostOnly.ID + "/messages", body: map[string]string{"body": "hi host"}, pattern: "POST /api/v1/workspaces/{id}/channels/{channel}/messages", want: []int{401, 201, 201, 404, 201, 404}},
		{method: "POST", path: w + "/channels/" + day.ID + "/read", body: map[string]int{"seq": 1}, pattern: "POST /api/v1/workspaces/{id}/channels/{channel}/read", want: []int{401, 204, 204, 204, 204, 404}},
		{method: "POST", path: w + "/channels/" + hostOnly.ID + "/read", body: map[string]int{"seq": 1}, pattern: "POST /api/v1/workspaces/{id}/channels/{channel}/read", want: []int{401, 204, 204, 404, 204, 404}},

		// Messages. Only the author edits; the author or an admin of the
		// author's side deletes.
		{method: "GET", path: w + "/messages/" + sharedMsg, pattern: "GET /api/v1/workspaces/{id}/messages/{message}", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: w + "/messages/" + hostMsg, pattern: "GET /api/v1/workspaces/{id}/messages/{message}", want: []int{401, 200, 200, 404, 200, 404}},
		{method: "GET", path: w + "/messages/nope", pattern: "GET /api/v1/workspaces/{id}/messages/{message}", want: []int{401, 404, 404, 404, 404, 404}},
		{method: "PATCH", path: w + "/messages/" + sharedMsg, body: map[string]string{"body": "hello again"}, pattern: "PATCH /api/v1/workspaces/{id}/messages/{message}", want: []int{401, 403, 200, 403, 403, 404}},
		{method: "PATCH", path: w + "/messages/" + hostMsg, body: map[string]string{"body": "hello again, host"}, pattern: "PATCH /api/v1/workspaces/{id}/messages/{message}", want: []int{401, 200, 403, 404, 403, 404}},
		{method: "DELETE", fresh: func() string { return w + "/messages/" + postAs(t, f, f.HostMember, day.ID, "to delete") }, pattern: "DELETE /api/v1/workspaces/{id}/messages/{message}", want: []int{401, 204, 204, 403, 403, 404}},
		{method: "DELETE", fresh: func() string { return w + "/messages/" + postAs(t, f, f.HostMember, hostOnly.ID, "to delete") }, pattern: "DELETE /api/v1/workspaces/{id}/messages/{message}", want: []int{401, 204, 204, 404, 403, 404}},
		{method: "GET", path: w + "/messages/" + sharedMsg + "/history", pattern: "GET /api/v1/workspaces/{id}/messages/{message}/history", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: w + "/messages/" + hostMsg + "/history", pattern: "GET /api/v1/workspaces/{id}/messages/{message}/history", want: []int{401, 200, 200, 404, 200, 404}},
		{method: "POST", path: w + "/messages/" + sharedMsg + "/reactions", body: map[string]string{"emoji": "👍"}, pattern: "POST /api/v1/workspaces/{id}/messages/{message}/reactions", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "POST", path: w + "/messages/" + hostMsg + "/reactions", body: map[string]string{"emoji": "👍"}, pattern: "POST /api/v1/workspaces/{id}/messages/{message}/reactions", want: []int{401, 200, 200, 404, 200, 404}},
		{method: "POST", fresh: func() string {
			return w + "/messages/" + postAs(t, f, f.HostMember, day.ID, "We agreed on blue.") + "/dismiss"
		}, pattern: "POST /api/v1/workspaces/{id}/messages/{message}/dismiss", want: []int{401, 204, 204, 204, 403, 404}},
		{method: "POST", fresh: func() string {
			return w + "/messages/" + postAs(t, f, f.HostMember, hostOnly.ID, "We agreed on red.") + "/dismiss"
		}, pattern: "POST /api/v1/workspaces/{id}/messages/{message}/dismiss", want: []int{401, 204, 204, 404, 403, 404}},

		// Decisions: both sides see all of them; members propose and
		// edit, signers sign and reject, the proposer's side withdraws.
		{method: "GET", path: w + "/decisions", pattern: "GET /api/v1/workspaces/{id}/decisions", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: w + "/decisions/candidates", pattern: "GET /api/v1/workspaces/{id}/decisions/candidates", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "POST", path: w + "/decisions", body: decision, pattern: "POST /api/v1/workspaces/{id}/decisions", want: []int{401, 201, 201, 201, 403, 404}},
		{method: "GET", path: w + "/decisions/" + dec, pattern: "GET /api/v1/workspaces/{id}/decisions/{decision}", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: w + "/decisions/nope", pattern: "GET /api/v1/workspaces/{id}/decisions/{decision}", want: []int{401, 404, 404, 404, 404, 404}},
		{method: "PATCH", fresh: func() string { return w + "/decisions/" + proposeAs(t, f, f.Admin) }, body: map[string]any{"version": 1, "title": "Green", "body": "Green it is."}, pattern: "PATCH /api/v1/workspaces/{id}/decisions/{decision}", want: []int{401, 200, 200, 200, 403, 404}},
		{method: "POST", fresh: func() string { return w + "/decisions/" + proposeAs(t, f, f.Admin) + "/signoffs" }, body: map[string]int{"version": 1}, pattern: "POST /api/v1/workspaces/{id}/decisions/{decision}/signoffs", want: []int{401, 200, 403, 200, 403, 404}},
		{method: "POST", fresh: func() string { return w + "/decisions/" + proposeAs(t, f, f.Admin) + "/reject" }, body: map[string]string{"reason": "Too loud."}, pattern: "POST /api/v1/workspaces/{id}/decisions/{decision}/reject", want: []int{401, 200, 403, 200, 403, 404}},
		{method: "POST", fresh: func() string { return w + "/decisions/" + proposeAs(t, f, f.HostMember) + "/withdraw" }, body: map[string]string{"reason": "Not needed."}, pattern: "POST /api/v1/workspaces/{id}/decisions/{decision}/withdraw", want: []int{401, 200, 200, 403, 403, 404}},
		{method: "POST", fresh: func() string { return w + "/decisions/" + approvedAs(t, f) + "/supersede" }, body: decision, pattern: "POST /api/v1/workspaces/{id}/decisions/{decision}/supersede", want: []int{401, 201, 201, 201, 403, 404}},
		{method: "POST", path: w + "/decisions/nope/supersede", body: decision, pattern: "POST /api/v1/workspaces/{id}/decisions/{decision}/supersede", want: []int{401, 404, 404, 404, 403, 404}},

		// Search, live events and the inbox.
		{method: "GET", path: w + "/search?q=hello", pattern: "GET /api/v1/workspaces/{id}/search", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: w + "/events", stream: true, pattern: "GET /api/v1/workspaces/{id}/events", want: []int{401, 200, 200, 200, 200, 404}},
		{method: "GET", path: "/api/v1/workspaces/" + other + "/events", stream: true, pattern: "GET /api/v1/workspaces/{id}/events", want: []int{401, 200, 404, 404, 404, 200}},
		{method: "GET", path: "/api/v1/notifications", pattern: "GET /api/v1/notifications", want: []int{401, 200, 200, 200, 200, 200}},
		{method: "POST", path: "/api/v1/notifications/read", body: map[string]any{}, pattern: "POST /api/v1/notifications/read", want: []int{401, 204, 204, 204, 204, 204}},
	}
	rows = append(rows, taskMatrix(t, f)...)
	rows = append(rows, milestoneMatrix(t, f)...)
	rows = append(rows, hillMatrix(t, f)...)
	rows = append(rows, checkInMatrix(t, f)...)
	rows = append(rows, assetMatrix(t, f, as(tokens["host member"]))...)
	rows = append(rows, calendarMatrix(t, f)...)
	rows = append(rows, docsMatrix(t, f)...)
	rows = append(rows, leadsMatrix(t, f)...)
	covered := map[string]bool{}
	for _, r := range rows {
		covered[r.pattern] = true
		for i, actor := range actors {
			if r.method == "DELETE" && actor == "host admin" && strings.HasSuffix(r.path, pending.Invite.ID) {
				continue // revoking for real is checked in the invite flow
			}
			path, body := r.path, r.body
			if r.fresh != nil {
				path = r.fresh()
			}
			if fn, ok := body.(func() any); ok {
				body = fn()
			}
			c := as(tokens[actor])
			var status int
			var got map[string]any
			if r.stream {
				status = c.status(r.method, path)
			} else {
				status, got = c.do(r.method, path, body)
			}
			if status != r.want[i] {
				t.Errorf("%s %s as %s: %d, want %d (%v)", r.method, path, actor, status, r.want[i], got)
			}
		}
	}
	for _, rt := range api.Routes() {
		if !covered[rt.Pattern] {
			t.Errorf("route %s has no row in the authorization matrix", rt.Pattern)
		}
	}
	if status, _ := as(tokens["host admin"]).do("GET", "/api/v1/nope", nil); status != 404 {
		t.Errorf("unknown endpoint: %d", status)
	}
}

func TestWorkspaceETag(t *testing.T) {
	f, as := setup(t, "sqlite")
	token := tokenOf(t, f, f.Partner.Email)
	get := func(etag string) *http.Response {
		req, _ := http.NewRequest("GET", as("").base+"/api/v1/workspaces/"+f.WS.ID, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	first := get("")
	etag := first.Header.Get("ETag")
	if first.StatusCode != 200 || etag == "" {
		t.Fatalf("first: %d %q", first.StatusCode, etag)
	}
	if res := get(etag); res.StatusCode != http.StatusNotModified {
		t.Errorf("unchanged: %d, want 304", res.StatusCode)
	}
	f.Join(t, f.WS.ID, "new@partner.test", duet.SidePartner, duet.PermMember)
	if res := get(etag); res.StatusCode != 200 || res.Header.Get("ETag") == etag {
		t.Errorf("after a join: %d with ETag %s", res.StatusCode, res.Header.Get("ETag"))
	}
}

func TestWorkspaceGzip(t *testing.T) {
	f, as := setup(t, "sqlite")
	token := tokenOf(t, f, f.Partner.Email)
	get := func(enc string) (*http.Response, []byte) {
		req, _ := http.NewRequest("GET", as("").base+"/api/v1/workspaces/"+f.WS.ID, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Accept-Encoding", enc) // set by hand: the client then does not decompress
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, b
	}
	plainRes, plain := get("identity")
	if plainRes.Header.Get("Content-Encoding") != "" || !json.Valid(plain) {
		t.Fatalf("identity: %q", plainRes.Header.Get("Content-Encoding"))
	}
	for _, enc := range []string{"gzip", "br, gzip;q=0.8", "GZIP"} {
		res, zipped := get(enc)
		if res.Header.Get("Content-Encoding") != "gzip" || res.Header.Get("Vary") != "Accept-Encoding" {
			t.Fatalf("%s: encoding %q", enc, res.Header.Get("Content-Encoding"))
		}
		zr, err := gzip.NewReader(bytes.NewReader(zipped))
		if err != nil {
			t.Fatal(err)
		}
		unzipped, _ := io.ReadAll(zr)
		if !bytes.Equal(unzipped, plain) || len(zipped) >= len(plain)/3 {
			t.Errorf("%s: %d bytes gzipped for %d plain, same body %v", enc, len(zipped), len(plain), bytes.Equal(unzipped, plain))
		}
	}
	if res, _ := get("gzip;q=0"); res.Header.Get("Content-Encoding") != "" {
		t.Error("gzip sent to a client that refused it")
	}
}
