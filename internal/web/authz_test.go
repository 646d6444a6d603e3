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
	want  map[string]string
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
	return []matrixRow{
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

		{pattern: "GET /invite/{token}", request: func(t *testing.T, e *env) (string, string, url.Values) {
			_, token := invite(t, e, unique("show"))
			return http.MethodGet, "/invite/" + token, nil
		}, want: map[string]string{everybody: "200"}},
		{pattern: "POST /invite/{token}", request: func(t *testing.T, e *env) (string, string, url.Values) {
			_, token := invite(t, e, unique("join"))
			return http.MethodPost, "/invite/" + token, url.Values{"name": {"New Partner"}, "password": {coretest.Password}}
		}, want: map[string]string{everybody: "303 " + ws}},

		{pattern: "GET /healthz", request: get("/healthz"), want: map[string]string{everybody: "200"}},
		{pattern: "GET /static/{hash}/{file...}", request: func(t *testing.T, e *env) (string, string, url.Values) {
			return http.MethodGet, regexp.MustCompile(`/static/[0-9a-f]+/app\.js`).FindString(e.get("/login", "").body), nil
		}, want: map[string]string{everybody: "200"}},
		{pattern: "/", request: get("/no/such/page"), want: map[string]string{everybody: "404"}},
	}
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
					status, location, _ := strings.Cut(want, " ")
					if strconv.Itoa(r.Code) != status {
						t.Fatalf("%s %s: %d, want %s (Location %q)", method, path, r.Code, want, r.Header().Get("Location"))
					}
					if got := r.Header().Get("Location"); location != "" && !strings.HasPrefix(got, location) {
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
