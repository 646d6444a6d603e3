package web

import (
	"net/http"
	"net/url"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// calendarMatrix is the authorization matrix of the launch calendar. The
// rows about one entry work on a host entry: kept to the host side, the
// partner gets 404 like the stranger; shared, the partner sees it and gets
// 403 on changing it, since only the owning side does. Guests read and
// change nothing. Each change works on an entry of its own, so that rows
// do not depend on each other.
func calendarMatrix(f *coretest.Fixture) []matrixRow {
	ws := "/w/" + f.WS.ID
	members := map[string]string{anon: "303 /login?next=", admin: "200", member: "200", partner: "200", guest: "200", stranger: "404"}
	owners := func(ok, partnerGets string) map[string]string {
		return map[string]string{anon: "303 /login", admin: ok, member: ok, guest: "403", partner: partnerGets, stranger: "404"}
	}
	entry := func(t *testing.T, vis duet.Visibility) string {
		return calEntry(t, f, f.Admin, duet.EntrySave{Title: uniqueName("Host post"), PublishAt: "2026-11-24T09:00", Visibility: vis}).ID
	}
	on := func(method string, vis duet.Visibility, suffix string, form url.Values) func(*testing.T, *env) (string, string, url.Values) {
		return func(t *testing.T, _ *env) (string, string, url.Values) {
			return method, ws + "/calendar/" + entry(t, vis) + suffix, form
		}
	}
	plan := url.Values{"version": {"1"}, "title": {"Host post, replanned"}, "channel": {"blog"}, "dri": {"role:content-lead"},
		"publish_at": {"2026-11-25T10:00"}, "visibility": {"host"}}
	shared := url.Values{"version": {"1"}, "title": {"Host post, replanned"}, "channel": {"blog"}, "dri": {"role:content-lead"},
		"publish_at": {"2026-11-25T10:00"}, "visibility": {"shared"}}
	ready := url.Values{"version": {"1"}, "status": {"ready"}}
	move := url.Values{"version": {"1"}, "date": {"2026-11-26"}, "view": {"month"}, "at": {"2026-11-16"}}
	return []matrixRow{
		{pattern: "GET /w/{ws}/calendar", request: func(*testing.T, *env) (string, string, url.Values) {
			return http.MethodGet, ws + "/calendar?view=list", nil
		}, want: members},
		{pattern: "GET /w/{ws}/calendar/new", request: func(*testing.T, *env) (string, string, url.Values) {
			return http.MethodGet, ws + "/calendar/new?date=2026-11-24", nil
		}, want: map[string]string{anon: "303 /login?next=", admin: "200", member: "200", partner: "200", guest: "403", stranger: "404"}},
		{pattern: "POST /w/{ws}/calendar", request: func(*testing.T, *env) (string, string, url.Values) {
			return http.MethodPost, ws + "/calendar", url.Values{"title": {uniqueName("Post")}, "channel": {"social"}, "dri": {"role:content-lead"},
				"publish_at": {"2026-11-24T09:00"}, "visibility": {"shared"}}
		}, want: map[string]string{anon: "303 /login", admin: "303 " + ws + "/calendar/", member: "303 " + ws + "/calendar/",
			partner: "303 " + ws + "/calendar/", guest: "403", stranger: "404"}},
		{pattern: "GET /w/{ws}/calendar/{entry}", request: on(http.MethodGet, duet.VisHost, "", nil), want: map[string]string{
			anon: "303 /login?next=", admin: "200", member: "200", guest: "200", partner: "404", stranger: "404"}},
		{pattern: "GET /w/{ws}/calendar/{entry}", request: on(http.MethodGet, duet.VisShared, "", nil), want: members},
		{pattern: "POST /w/{ws}/calendar/{entry}", request: on(http.MethodPost, duet.VisHost, "", plan), want: owners("303 "+ws+"/calendar/", "404")},
		{pattern: "POST /w/{ws}/calendar/{entry}", request: on(http.MethodPost, duet.VisShared, "", shared), want: owners("303 "+ws+"/calendar/", "403")},
		{pattern: "POST /w/{ws}/calendar/{entry}/status", request: on(http.MethodPost, duet.VisHost, "/status", ready),
			want: owners("303 "+ws+"/calendar/", "404")},
		{pattern: "POST /w/{ws}/calendar/{entry}/status", request: on(http.MethodPost, duet.VisShared, "/status", ready),
			want: owners("303 "+ws+"/calendar/", "403")},
		{pattern: "POST /w/{ws}/calendar/{entry}/reschedule", request: on(http.MethodPost, duet.VisHost, "/reschedule", move),
			want: owners("303 "+ws+"/calendar?date=2026-11-26", "404")},
		{pattern: "POST /w/{ws}/calendar/{entry}/reschedule", request: on(http.MethodPost, duet.VisShared, "/reschedule", move),
			want: owners("303 "+ws+"/calendar?date=2026-11-26", "403")},
		{pattern: "GET /w/{ws}/calendar/{entry}", request: func(*testing.T, *env) (string, string, url.Values) {
			return http.MethodGet, ws + "/calendar/nosuchentry", nil
		}, want: map[string]string{anon: "303 /login?next=", everybody: "404"}},
	}
}
