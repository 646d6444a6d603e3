package web

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"duet/internal/coretest"
)

// docMatrix is the authorization matrix of the brief and the RACI. Both
// documents are shared: every member reads them; members of both sides
// but not guests save and sign (core says EForbidden: 403); another
// workspace's member gets 404. Each save and signature works on a version
// of its own, made by the request, so that rows do not depend on each
// other.
func docMatrix(f *coretest.Fixture) []matrixRow {
	ws := "/w/" + f.WS.ID
	members := map[string]string{anon: "303 /login?next=", admin: "200", member: "200", partner: "200", guest: "200", stranger: "404"}
	editPages := map[string]string{anon: "303 /login?next=", admin: "200", member: "200", partner: "200", guest: "403", stranger: "404"}
	editors := func(ok string) map[string]string {
		return map[string]string{anon: "303 /login", admin: ok, member: ok, partner: ok, guest: "403", stranger: "404"}
	}
	get := func(path string) func(*testing.T, *env) (string, string, url.Values) {
		return func(*testing.T, *env) (string, string, url.Values) { return http.MethodGet, path, nil }
	}
	// freshBrief saves a new version of the brief, its goals those of
	// webinarBrief, and returns its number.
	freshBrief := func(t *testing.T) int {
		b := webinarBrief()
		b.Audience = uniqueName("Data platform leads")
		return saveBrief(t, f, f.Admin, b, "")
	}
	briefs := func(t *testing.T, n int) {
		for latestOf(brief(t, f, f.Admin).DocView) < n {
			freshBrief(t)
		}
	}
	freshRACI := func(t *testing.T) int { return saveRACI(t, f, f.Admin, designRACI(uniqueName("Design"))) }
	racis := func(t *testing.T, n int) {
		for latestOf(raci(t, f, f.Admin).DocView) < n {
			freshRACI(t)
		}
	}
	return []matrixRow{
		{pattern: "GET /w/{ws}/brief", request: get(ws + "/brief"), want: members},
		{pattern: "GET /w/{ws}/brief/edit", request: get(ws + "/brief/edit"), want: editPages},
		{pattern: "POST /w/{ws}/brief", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			base := latestOf(brief(t, f, f.Admin).DocView)
			return http.MethodPost, ws + "/brief", url.Values{"base": {strconv.Itoa(base)}, "goal-0-name": {"Webinar registrations"},
				"goal-0-target": {"600"}, "goal-0-side": {"host"}, "goal-0-measure": {""}, "audience": {uniqueName("Platform teams")}}
		}, want: editors("303 " + ws + "/brief?saved=")},
		{pattern: "POST /w/{ws}/brief/sign", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			return http.MethodPost, ws + "/brief/sign", url.Values{"version": {strconv.Itoa(freshBrief(t))}}
		}, want: editors("303 " + ws + "/brief?signed=")},
		{pattern: "POST /w/{ws}/brief/actuals", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			freshBrief(t)
			return http.MethodPost, ws + "/brief/actuals", url.Values{"kpi": {"webinar-registrations"}, "value": {"640"}}
		}, want: editors("303 " + ws + "/brief#goals")},
		{pattern: "GET /w/{ws}/brief/compare", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			briefs(t, 2)
			return http.MethodGet, ws + "/brief/compare?from=1&to=2", nil
		}, want: members},
		{pattern: "GET /w/{ws}/brief/compare", request: get(ws + "/brief/compare?from=1&to=9999"),
			want: map[string]string{anon: "303 /login?next=", everybody: "404"}},

		{pattern: "GET /w/{ws}/raci", request: get(ws + "/raci"), want: members},
		{pattern: "GET /w/{ws}/raci/edit", request: get(ws + "/raci/edit"), want: editPages},
		{pattern: "GET /w/{ws}/raci/edit", request: get(ws + "/raci/edit?draft=1"), want: editPages},
		{pattern: "POST /w/{ws}/raci", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			base := latestOf(raci(t, f, f.Admin).DocView)
			return http.MethodPost, ws + "/raci", url.Values{"base": {strconv.Itoa(base)}, "raci-0-workstream": {uniqueName("Design")},
				"raci-0-designer": {"RA"}, "raci-0-partner-content-lead": {"C"}}
		}, want: editors("303 " + ws + "/raci?saved=")},
		{pattern: "POST /w/{ws}/raci/sign", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			return http.MethodPost, ws + "/raci/sign", url.Values{"version": {strconv.Itoa(freshRACI(t))}}
		}, want: editors("303 " + ws + "/raci?signed=")},
		{pattern: "GET /w/{ws}/raci/compare", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			racis(t, 2)
			return http.MethodGet, ws + "/raci/compare?from=1&to=2", nil
		}, want: members},
		{pattern: "GET /w/{ws}/raci.csv", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			racis(t, 1)
			return http.MethodGet, ws + "/raci.csv", nil
		}, want: members},
		{pattern: "GET /w/{ws}/raci.csv", request: get(ws + "/raci.csv?version=9999"),
			want: map[string]string{anon: "303 /login?next=", everybody: "404"}},
	}
}
