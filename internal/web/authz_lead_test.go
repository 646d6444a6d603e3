package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// leadMatrix is the authorization matrix of the rules and the leads.
// Both sides and guests read the rules, test leads against them and read
// the report; guests change nothing. The webhook is an admin's. The rows
// about one lead work on a lead the host captured without consent to
// share, so it stays with the host side (the Content Lead owns it): the
// partner gets 404 like the stranger. A lead the host shared with the
// partner (Sally owns it) is read by both sides. Each change works on a
// lead of its own, so that rows do not depend on each other.
func leadMatrix(f *coretest.Fixture) []matrixRow {
	ws := "/w/" + f.WS.ID
	members := map[string]string{anon: "303 /login?next=", admin: "200", member: "200", partner: "200", guest: "200", stranger: "404"}
	editors := func(ok string) map[string]string {
		return map[string]string{anon: "303 /login", admin: ok, member: ok, partner: ok, guest: "403", stranger: "404"}
	}
	admins := func(ok string) map[string]string {
		return map[string]string{anon: "303 /login", admin: ok, member: "403", partner: "403", guest: "403", stranger: "404"}
	}
	// hostLead is the answer about a lead kept to the host side that its
	// owner (the host member) and the host admin may act on.
	hostLead := func(ok string) map[string]string {
		return map[string]string{anon: "303 /login", admin: ok, member: ok, guest: "403", partner: "404", stranger: "404"}
	}
	var once sync.Once
	var w *leadWorld
	var shared, hostOnly string
	var n int
	var mu sync.Mutex
	world := func(t *testing.T) *leadWorld {
		once.Do(func() {
			w = newLeadWorld(t, f)
			w.approveRules(t, euRules())
			ls := w.intake(t, f.Admin, duet.LeadIn{Email: "shared@acme.example", Country: "DE", Consent: true},
				duet.LeadIn{Email: "kept@acme.example", Country: "US"})
			shared, hostOnly = ls[0].ID, ls[1].ID
		})
		return w
	}
	fresh := func(t *testing.T) duet.Lead {
		w := world(t)
		mu.Lock()
		n++
		email := "lead" + strconv.Itoa(n) + "@globex.example"
		mu.Unlock()
		return w.intake(t, f.Admin, duet.LeadIn{Email: email, Country: "US"})[0]
	}
	get := func(path string) func(*testing.T, *env) (string, string, url.Values) {
		return func(t *testing.T, _ *env) (string, string, url.Values) {
			world(t)
			return http.MethodGet, ws + path, nil
		}
	}
	post := func(path string, form url.Values) func(*testing.T, *env) (string, string, url.Values) {
		return func(t *testing.T, _ *env) (string, string, url.Values) {
			world(t)
			return http.MethodPost, ws + path, form
		}
	}
	// draft saves a new draft of the rules, with the fallback renamed so
	// that it differs from the version before.
	draft := func(t *testing.T) int {
		w := world(t)
		rs := euRules()
		rs.Rules[1].Name = uniqueName("Everything else")
		return latestVersion(w.saveRules(t, rs))
	}
	onLead := func(suffix string, form url.Values, accepted bool) func(*testing.T, *env) (string, string, url.Values) {
		return func(t *testing.T, _ *env) (string, string, url.Values) {
			l := fresh(t)
			version := l.Version
			if accepted {
				var err error
				if l, err = f.Svc.AcceptLead(context.Background(), f.HostMember.Actor, f.WS.ID, l.ID, l.Version); err != nil {
					t.Fatal(err)
				}
				version = l.Version
			}
			v := url.Values{"version": {strconv.Itoa(version)}}
			for k, x := range form {
				v[k] = x
			}
			return http.MethodPost, ws + "/leads/" + l.ID + suffix, v
		}
	}
	test := url.Values{"email": {"ana@acme.example"}, "country": {"FR"}, "consent": {"1"}}
	return []matrixRow{
		{pattern: "GET /w/{ws}/rules", request: get("/rules"), want: members},
		{pattern: "POST /w/{ws}/rules", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			world(t)
			rv, err := f.Svc.Rules(context.Background(), f.Admin.Actor, f.WS.ID)
			if err != nil {
				t.Fatal(err)
			}
			rs := euRules()
			rs.Rules[1].Name = uniqueName("Everything else")
			return http.MethodPost, ws + "/rules", ruleFormValues(rs, latestVersion(rv))
		}, want: editors("303 " + ws + "/rules?saved=")},
		{pattern: "GET /w/{ws}/rules/edit", request: get("/rules/edit"),
			want: map[string]string{anon: "303 /login?next=", admin: "200", member: "200", partner: "200", guest: "403", stranger: "404"}},
		{pattern: "POST /w/{ws}/rules/propose", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			return http.MethodPost, ws + "/rules/propose", url.Values{"version": {strconv.Itoa(draft(t))}}
		}, want: editors("303 " + ws + "/rules?proposed=")},
		{pattern: "GET /w/{ws}/rules/test", request: get("/rules/test?" + test.Encode()), want: members},
		{pattern: "POST /w/{ws}/rules/test", request: post("/rules/test", test),
			want: map[string]string{anon: "303 /login", admin: "200", member: "200", partner: "200", guest: "200", stranger: "404"}},
		{pattern: "GET /w/{ws}/rules/compare", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			draft(t)
			return http.MethodGet, ws + "/rules/compare?from=1&to=2", nil
		}, want: members},
		{pattern: "POST /w/{ws}/rules/accounts", request: post("/rules/accounts", url.Values{"domains": {"acme.example\nglobex.example"}}),
			want: editors("303 " + ws + "/rules?accounts=2")},
		{pattern: "POST /w/{ws}/rules/webhook", request: post("/rules/webhook", nil), want: admins("200")},
		{pattern: "POST /w/{ws}/rules/webhook/disable", request: post("/rules/webhook/disable", nil), want: admins("303 " + ws + "/rules?webhook=off")},

		{pattern: "GET /w/{ws}/leads", request: get("/leads"), want: members},
		{pattern: "GET /w/{ws}/leads", request: get("/leads?view=mine&status=assigned&q=acme"), want: members},
		{pattern: "GET /w/{ws}/leads.csv", request: get("/leads.csv"), want: members},
		{pattern: "POST /w/{ws}/leads/away", request: post("/leads/away", url.Values{"away": {"0"}}),
			want: map[string]string{anon: "303 /login", everybody: "303 " + ws + "/leads?away=off", stranger: "404"}},
		{pattern: "GET /w/{ws}/leads/import", request: get("/leads/import"),
			want: map[string]string{anon: "303 /login?next=", admin: "200", member: "200", partner: "200", guest: "403", stranger: "404"}},
		{pattern: "POST /w/{ws}/leads/import", request: post("/leads/import", url.Values{"csv": {"email,name\nnew@initech.example,New Lead\n"}}),
			want: editors("200")},
		{pattern: "GET /w/{ws}/leads/report", request: get("/leads/report"), want: members},
		{pattern: "GET /w/{ws}/leads/{lead}", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			world(t)
			return http.MethodGet, ws + "/leads/" + shared, nil
		}, want: members},
		{pattern: "GET /w/{ws}/leads/{lead}", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			world(t)
			return http.MethodGet, ws + "/leads/" + hostOnly, nil
		}, want: map[string]string{anon: "303 /login?next=", admin: "200", member: "200", guest: "200", partner: "404", stranger: "404"}},
		{pattern: "GET /w/{ws}/leads/{lead}", request: get("/leads/nosuchlead"), want: map[string]string{anon: "303 /login?next=", everybody: "404"}},
		{pattern: "POST /w/{ws}/leads/{lead}/accept", request: onLead("/accept", nil, false), want: hostLead("303 " + ws + "/leads/")},
		{pattern: "POST /w/{ws}/leads/{lead}/accept", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			// Shared with the partner, it is Sally's: the partner member
			// and the host side see it but may not take it.
			l := world(t).lead(t, f.Admin, shared).Lead
			return http.MethodPost, ws + "/leads/" + shared + "/accept", url.Values{"version": {strconv.Itoa(l.Version)}}
		}, want: map[string]string{anon: "303 /login", admin: "403", member: "403", guest: "403", partner: "403", stranger: "404"}},
		{pattern: "POST /w/{ws}/leads/{lead}/reject", request: onLead("/reject", url.Values{"reason": {"Not our territory."}}, false),
			want: hostLead("303 " + ws + "/leads/")},
		{pattern: "POST /w/{ws}/leads/{lead}/contacted", request: onLead("/contacted", nil, true), want: hostLead("303 " + ws + "/leads/")},
	}
}
