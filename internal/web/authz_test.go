package web

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// The actors of the authorization matrix.
const (
	anon      = "anonymous"
	admin     = "host admin"
	member    = "host member"
	partner   = "partner member"
	guest     = "host guest"
	stranger  = "other workspace"
	everybody = "*"
)

var actors = []string{anon, admin, member, partner, guest, stranger}

// matrixRow is one route's expected answer for each actor: a status, and
// for a redirect the start of its Location.
type matrixRow struct {
	pattern string
	// request builds the request; it may create what the request needs
	// (a fresh invite) so that rows do not depend on each other.
	request func(t *testing.T, e *env) (method, path string, form url.Values)
	// fresh gives a signed-in actor a session of its own, for requests
	// that end it.
	fresh bool
	// hx sends the request as htmx does, for a fragment. Anonymous
	// requests then get 401 with HX-Redirect to /login.
	hx   bool
	want map[string]string
}

func matrix(f *coretest.Fixture) []matrixRow {
	var n atomic.Int64
	unique := func(prefix string) string { return fmt.Sprintf("%s%d@partner.test", prefix, n.Add(1)) }
	ws := "/w/" + f.WS.ID
	invite := func(t *testing.T, e *env, email string) (id, token string) {
		res, err := e.svc.CreateInvite(context.Background(), f.Admin.Actor, f.WS.ID, duet.InviteCreate{Email: email, Side: duet.SidePartner})
		if err != nil {
			t.Fatal(err)
		}
		return res.Invite.ID, res.Token
	}
	get := func(path string) func(*testing.T, *env) (string, string, url.Values) {
		return func(*testing.T, *env) (string, string, url.Values) { return http.MethodGet, path, nil }
	}
	post := func(path string, form url.Values) func(*testing.T, *env) (string, string, url.Values) {
		return func(*testing.T, *env) (string, string, url.Values) { return http.MethodPost, path, form }
	}
	members := map[string]string{anon: "303 /login?next=", admin: "200", member: "200", partner: "200", guest: "200", stranger: "404"}
	// The chat rows work on a channel only the host side sees: the partner
	// gets 404 exactly like the stranger. They are built once, on first use.
	var once sync.Once
	var shared, room, roomMsg, roomThread, dec string
	chat := func(t *testing.T) {
		once.Do(func() {
			shared = channelID(t, f, "day-to-day")
			room = hostRoom(t, f)
			roomMsg = say(t, f, f.Admin, room, "Margin floor is 18 percent.").ID
			roomThread = say(t, f, f.HostMember, room, "Noted.", roomMsg).ID
			dec = propose(t, f, f.Admin, "Shared rule").ID
		})
	}
	in := func(build func() (string, string, url.Values)) func(*testing.T, *env) (string, string, url.Values) {
		return func(t *testing.T, _ *env) (string, string, url.Values) {
			chat(t)
			return build()
		}
	}
	roomGet := func(suffix string) func(*testing.T, *env) (string, string, url.Values) {
		return in(func() (string, string, url.Values) { return http.MethodGet, ws + "/c/" + room + suffix, nil })
	}
	msgGet := func(suffix string) func(*testing.T, *env) (string, string, url.Values) {
		return in(func() (string, string, url.Values) { return http.MethodGet, ws + "/m/" + roomMsg + suffix, nil })
	}
	// hosts is the answer of a request about the host-only channel that
	// every host member may make.
	hosts := func(ok string) map[string]string {
		return map[string]string{anon: "303 /login", admin: ok, member: ok, guest: ok, partner: "404", stranger: "404"}
	}
	hostsHX := func(ok string) map[string]string {
		m := hosts(ok)
		m[anon] = "401 /login"
		return m
	}
	// editors is the answer of a change only non-guests may make.
	editors := func(ok string) map[string]string {
		return map[string]string{anon: "303 /login", admin: ok, member: ok, partner: ok, guest: "403", stranger: "404"}
	}
	fresh := func(t *testing.T, who coretest.User, body string) string {
		chat(t)
		return say(t, f, who, room, body).ID
	}
	freshDecision := func(t *testing.T) string { chat(t); return propose(t, f, f.Admin, uniqueName("Rule")).ID }
	rows := []matrixRow{
		{pattern: "GET /{$}", request: get("/"), want: map[string]string{anon: "303 /login", everybody: "200"}},
		{pattern: "GET /setup-needed", request: get("/setup-needed"), want: map[string]string{everybody: "303 /"}},
		{pattern: "GET /setup", request: get("/setup?token=setup_guess"), want: map[string]string{everybody: "404"}},
		{pattern: "POST /setup", request: post("/setup", url.Values{"token": {"setup_guess"}, "org": {"Evilco"}, "name": {"Eve"},
			"email": {"eve@evil.test"}, "password": {coretest.Password}}), want: map[string]string{everybody: "409"}},
		{pattern: "GET /login", request: get("/login"), want: map[string]string{anon: "200", everybody: "303 /"}},
		{pattern: "POST /login", request: post("/login", url.Values{"email": {f.Admin.Email}, "password": {"not the password"}}),
			want: map[string]string{everybody: "401"}},
		{pattern: "POST /logout", request: post("/logout", nil), fresh: true, want: map[string]string{everybody: "303 /login"}},

		{pattern: "GET /w/new", request: get("/w/new"),
			want: map[string]string{anon: "303 /login?next=%2Fw%2Fnew", admin: "200", everybody: "403"}},
		{pattern: "POST /w", request: func(*testing.T, *env) (string, string, url.Values) {
			return http.MethodPost, "/w", url.Values{"template": {"partner-co-marketing"}, "name": {"Matrix campaign"},
				"partner_org": {"Matrixco"}, "kickoff_on": {"2027-01-04"}, "launch_on": {"2027-02-15"}, "time_zone": {"UTC"}}
		}, want: map[string]string{anon: "303 /login", admin: "303 /w/", everybody: "403"}},
		{pattern: "GET /w/{ws}", request: get(ws), want: members},
		{pattern: "GET /w/{ws}/members", request: get(ws + "/members"), want: members},
		{pattern: "POST /w/{ws}/invites", request: func(*testing.T, *env) (string, string, url.Values) {
			return http.MethodPost, ws + "/invites", url.Values{"email": {unique("inv")}, "side": {"partner"}, "permission": {"member"}}
		}, want: map[string]string{anon: "303 /login", admin: "200", member: "403", partner: "403", guest: "403", stranger: "404"}},
		{pattern: "POST /w/{ws}/invites/{invite}/revoke", request: func(t *testing.T, e *env) (string, string, url.Values) {
			id, _ := invite(t, e, unique("rev"))
			return http.MethodPost, ws + "/invites/" + id + "/revoke", nil
		}, want: map[string]string{anon: "303 /login", admin: "303 " + ws + "/members", member: "403", partner: "403", guest: "403", stranger: "404"}},

		{pattern: "GET /w/{ws}/sidebar", request: get(ws + "/sidebar"), hx: true,
			want: map[string]string{anon: "401 /login", everybody: "200", stranger: "404"}},
		{pattern: "GET /w/{ws}/channels/new", request: get(ws + "/channels/new"),
			want: map[string]string{anon: "303 /login?next=", admin: "200", member: "200", partner: "200", guest: "403", stranger: "404"}},
		{pattern: "POST /w/{ws}/channels", request: func(*testing.T, *env) (string, string, url.Values) {
			return http.MethodPost, ws + "/channels", url.Values{"name": {uniqueName("room")}, "visibility": {"shared"}}
		}, want: editors("303 " + ws + "/c/")},
		{pattern: "GET /w/{ws}/c/{channel}", request: roomGet(""), want: hosts("200")},
		{pattern: "GET /w/{ws}/c/{channel}", request: in(func() (string, string, url.Values) { return http.MethodGet, ws + "/c/" + shared, nil }),
			want: members},
		{pattern: "GET /w/{ws}/c/{channel}/older", request: roomGet("/older?before=99999"), hx: true, want: hostsHX("200")},
		{pattern: "GET /w/{ws}/c/{channel}/since", request: roomGet("/since?after=0"), hx: true, want: hostsHX("200")},
		{pattern: "POST /w/{ws}/c/{channel}/messages", request: in(func() (string, string, url.Values) {
			return http.MethodPost, ws + "/c/" + room + "/messages", url.Values{"body": {uniqueName("a note")}}
		}), want: hosts("303 " + ws + "/c/")},
		{pattern: "POST /w/{ws}/c/{channel}/messages", request: in(func() (string, string, url.Values) {
			return http.MethodPost, ws + "/c/" + shared + "/messages", url.Values{"body": {uniqueName("a note")}}
		}), want: map[string]string{anon: "303 /login", everybody: "303 " + ws + "/c/", stranger: "404"}},
		{pattern: "POST /w/{ws}/c/{channel}/read", request: in(func() (string, string, url.Values) {
			return http.MethodPost, ws + "/c/" + room + "/read", url.Values{"seq": {"1"}}
		}), want: hosts("303 " + ws + "/c/")},
		{pattern: "GET /w/{ws}/c/{channel}/settings", request: roomGet("/settings"),
			want: map[string]string{anon: "303 /login?next=", admin: "200", member: "200", guest: "403", partner: "404", stranger: "404"}},
		{pattern: "POST /w/{ws}/c/{channel}/settings", request: in(func() (string, string, url.Values) {
			return http.MethodPost, ws + "/c/" + room + "/settings", url.Values{"name": {"host-room-x"}, "purpose": {uniqueName("Margins")}}
		}), want: map[string]string{anon: "303 /login", admin: "303 " + ws + "/c/", member: "303 " + ws + "/c/", guest: "403", partner: "404", stranger: "404"}},
		{pattern: "POST /w/{ws}/c/{channel}/archive", request: in(func() (string, string, url.Values) {
			return http.MethodPost, ws + "/c/" + room + "/archive", url.Values{"archived": {"false"}}
		}), want: map[string]string{anon: "303 /login", admin: "303 " + ws + "/c/", member: "303 " + ws + "/c/", guest: "403", partner: "404", stranger: "404"}},

		{pattern: "GET /w/{ws}/m/{message}", request: msgGet(""), want: hosts("200")},
		{pattern: "GET /w/{ws}/m/{message}", request: in(func() (string, string, url.Values) { return http.MethodGet, ws + "/m/" + roomThread, nil }),
			want: hosts("200")},
		{pattern: "GET /w/{ws}/m/{message}/item", request: msgGet("/item"), hx: true, want: hostsHX("200")},
		{pattern: "GET /w/{ws}/m/{message}/edit", request: msgGet("/edit"),
			want: map[string]string{anon: "303 /login?next=", admin: "200", member: "403", guest: "403", partner: "404", stranger: "404"}},
		{pattern: "POST /w/{ws}/m/{message}/edit", request: in(func() (string, string, url.Values) {
			return http.MethodPost, ws + "/m/" + roomMsg + "/edit", url.Values{"body": {uniqueName("Margin floor is 18 percent.")}}
		}), want: map[string]string{anon: "303 /login", admin: "303 " + ws + "/c/", member: "403", guest: "403", partner: "404", stranger: "404"}},
		{pattern: "POST /w/{ws}/m/{message}/delete", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			return http.MethodPost, ws + "/m/" + fresh(t, f.Admin, "To be deleted.") + "/delete", nil
		}, want: map[string]string{anon: "303 /login", admin: "303 " + ws, member: "403", guest: "403", partner: "404", stranger: "404"}},
		{pattern: "GET /w/{ws}/m/{message}/history", request: msgGet("/history"), want: hosts("200")},
		{pattern: "POST /w/{ws}/m/{message}/react", request: in(func() (string, string, url.Values) {
			return http.MethodPost, ws + "/m/" + roomMsg + "/react", url.Values{"emoji": {"👍"}}
		}), want: hosts("303 " + ws + "/c/")},
		{pattern: "POST /w/{ws}/m/{message}/dismiss", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			return http.MethodPost, ws + "/m/" + fresh(t, f.Admin, "We agreed to keep the margin.") + "/dismiss", nil
		}, want: map[string]string{anon: "303 /login", admin: "303 " + ws + "/decisions", member: "303 " + ws + "/decisions", guest: "403", partner: "404", stranger: "404"}},

		{pattern: "GET /w/{ws}/decisions", request: get(ws + "/decisions"), want: members},
		{pattern: "GET /w/{ws}/decisions/unrecorded", request: get(ws + "/decisions/unrecorded"), want: members},
		{pattern: "GET /w/{ws}/decisions/new", request: get(ws + "/decisions/new"),
			want: map[string]string{anon: "303 /login?next=", admin: "200", member: "200", partner: "200", guest: "403", stranger: "404"}},
		{pattern: "GET /w/{ws}/decisions/new", request: in(func() (string, string, url.Values) {
			return http.MethodGet, ws + "/decisions/new?from=" + roomMsg, nil
		}), want: map[string]string{anon: "303 /login?next=", admin: "200", member: "200", partner: "404", guest: "403", stranger: "404"}},
		{pattern: "POST /w/{ws}/decisions", request: func(*testing.T, *env) (string, string, url.Values) {
			return http.MethodPost, ws + "/decisions", url.Values{"kind": {"other"}, "title": {uniqueName("Rule")}, "body": {"Both sides agree."}}
		}, want: editors("303 " + ws + "/decisions/")},
		{pattern: "GET /w/{ws}/decisions/{decision}", request: in(func() (string, string, url.Values) { return http.MethodGet, ws + "/decisions/" + dec, nil }),
			want: members},
		{pattern: "GET /w/{ws}/decisions/{decision}/edit", request: in(func() (string, string, url.Values) {
			return http.MethodGet, ws + "/decisions/" + dec + "/edit", nil
		}), want: map[string]string{anon: "303 /login?next=", admin: "200", member: "200", partner: "200", guest: "403", stranger: "404"}},
		{pattern: "POST /w/{ws}/decisions/{decision}/edit", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			return http.MethodPost, ws + "/decisions/" + freshDecision(t) + "/edit", url.Values{"version": {"1"}, "title": {"Changed"}, "body": {"Changed text."}}
		}, want: editors("303 " + ws + "/decisions/")},
		{pattern: "POST /w/{ws}/decisions/{decision}/sign", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			return http.MethodPost, ws + "/decisions/" + freshDecision(t) + "/sign", url.Values{"version": {"1"}}
		}, want: map[string]string{anon: "303 /login", admin: "303 " + ws + "/decisions/", partner: "303 " + ws + "/decisions/", member: "403", guest: "403", stranger: "404"}},
		{pattern: "POST /w/{ws}/decisions/{decision}/reject", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			return http.MethodPost, ws + "/decisions/" + freshDecision(t) + "/reject", url.Values{"reason": {"Not yet."}}
		}, want: map[string]string{anon: "303 /login", admin: "303 " + ws + "/decisions/", partner: "303 " + ws + "/decisions/", member: "403", guest: "403", stranger: "404"}},
		{pattern: "POST /w/{ws}/decisions/{decision}/withdraw", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			return http.MethodPost, ws + "/decisions/" + freshDecision(t) + "/withdraw", nil
		}, want: map[string]string{anon: "303 /login", admin: "303 " + ws + "/decisions/", partner: "403", member: "403", guest: "403", stranger: "404"}},

		{pattern: "GET /w/{ws}/search", request: get(ws + "/search?q=margin"), want: members},
		// Without a hub the stream is unavailable, but only members learn so.
		{pattern: "GET /w/{ws}/events", request: get(ws + "/events"),
			want: map[string]string{anon: "303 /login?next=", everybody: "503", stranger: "404"}},
		{pattern: "GET /inbox", request: get("/inbox"), want: map[string]string{anon: "303 /login?next=%2Finbox", everybody: "200"}},
		{pattern: "GET /inbox/count", request: get("/inbox/count"), hx: true, want: map[string]string{anon: "401 /login", everybody: "200"}},
		{pattern: "POST /inbox/read", request: post("/inbox/read", nil), want: map[string]string{anon: "303 /login", everybody: "303 /inbox"}},

		{pattern: "GET /invite/{token}", request: func(t *testing.T, e *env) (string, string, url.Values) {
			_, token := invite(t, e, unique("show"))
			return http.MethodGet, "/invite/" + token, nil
		}, want: map[string]string{everybody: "200"}},
		// Accepting an invite signs in as the new member: it ends the
		// session it was sent with, so each actor sends a session of its own.
		{pattern: "POST /invite/{token}", fresh: true, request: func(t *testing.T, e *env) (string, string, url.Values) {
			_, token := invite(t, e, unique("join"))
			return http.MethodPost, "/invite/" + token, url.Values{"name": {"New Partner"}, "password": {coretest.Password}}
		}, want: map[string]string{everybody: "303 " + ws}},

		{pattern: "GET /healthz", request: get("/healthz"), want: map[string]string{everybody: "200"}},
		{pattern: "GET /static/{hash}/{file...}", request: func(t *testing.T, e *env) (string, string, url.Values) {
			return http.MethodGet, regexp.MustCompile(`/static/[0-9a-f]+/app\.js`).FindString(e.get("/login", "").body), nil
		}, want: map[string]string{everybody: "200"}},
		{pattern: "/", request: get("/no/such/page"), want: map[string]string{everybody: "404"}},
	}
	rows = append(rows, taskMatrix(f)...)
	rows = append(rows, checkInMatrix(f)...)
	rows = append(rows, profileMatrix(f)...)
	rows = append(rows, calendarMatrix(f)...)
	rows = append(rows, assetMatrix(f)...)
	rows = append(rows, docMatrix(f)...)
	rows = append(rows, leadMatrix(f)...)
	return append(rows, planMatrix(f)...)
}

// TestAuthorizationMatrix asks every route as every kind of actor.
func TestAuthorizationMatrix(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		users := map[string]coretest.User{admin: f.Admin, member: f.HostMember, partner: f.Partner, guest: f.Guest, stranger: f.Stranger}
		for _, row := range matrix(f) {
			for _, actor := range actors {
				want, ok := row.want[actor]
				if !ok {
					want = row.want[everybody]
				}
				t.Run(row.pattern+"/"+actor, func(t *testing.T) {
					method, path, form := row.request(t, e)
					session := ""
					if u, ok := users[actor]; ok {
						session = e.as(u)
						if row.fresh {
							session = e.login(u.Email, u.Password)
						}
					}
					r := e.do(method, path, session, form)
					if row.hx {
						r = e.hx(method, path, session, form)
					}
					status, location, _ := strings.Cut(want, " ")
					if strconv.Itoa(r.Code) != status {
						t.Fatalf("%s %s: %d, want %s (Location %q)", method, path, r.Code, want, r.Header().Get("Location"))
					}
					got := r.Header().Get("Location")
					if got == "" {
						got = r.Header().Get("HX-Redirect")
					}
					if location != "" && !strings.HasPrefix(got, location) {
						t.Fatalf("%s %s: Location %q, want %q…", method, path, got, location)
					}
				})
			}
		}
	})
}

// TestEveryRouteHasAPolicyRow fails when a route is added to routes.go
// without a row in the authorization matrix.
func TestEveryRouteHasAPolicyRow(t *testing.T) {
	s := newServer(nil, Options{}, staticFiles())
	var registered []string
	for _, rt := range s.routes() {
		registered = append(registered, rt.pattern)
	}
	rows := map[string]bool{}
	for _, row := range matrix(&coretest.Fixture{WS: &duet.WorkspaceDetail{}}) {
		rows[row.pattern] = true
	}
	slices.Sort(registered)
	if got := slices.Sorted(maps.Keys(rows)); !slices.Equal(registered, got) {
		t.Fatalf("routes %q\nmatrix %q", registered, got)
	}
}
