package web

import (
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// checkInMatrix is the authorization matrix of checkInRoutes. Most rows
// work on a check-in only the host side sees: the partner gets 404 on
// every route, exactly like the stranger. Admins change check-ins and
// skip meetings; those asked answer; each side's voter votes.
func checkInMatrix(f *coretest.Fixture) []matrixRow {
	ws := "/w/" + f.WS.ID
	members := map[string]string{anon: "303 /login?next=", admin: "200", member: "200", partner: "200", guest: "200", stranger: "404"}
	hosts := func(ok string) map[string]string {
		return map[string]string{anon: "303 /login", admin: ok, member: ok, guest: ok, partner: "404", stranger: "404"}
	}
	hostAdmin := func(ok string) map[string]string {
		return map[string]string{anon: "303 /login", admin: ok, member: "403", guest: "403", partner: "404", stranger: "404"}
	}
	// The host-only check-in and its open meeting, made on first use.
	var once sync.Once
	var secret duet.CheckIn
	var secretOcc string
	host := func(t *testing.T) {
		once.Do(func() {
			secret = hostCheckIn(t, f, "Partner health")
			secretOcc = current(t, f, secret.ID).ID
		})
	}
	onHost := func(method, suffix string, form func(t *testing.T) url.Values) func(*testing.T, *env) (string, string, url.Values) {
		return func(t *testing.T, _ *env) (string, string, url.Values) {
			host(t)
			path := ws + "/check-ins/" + secret.ID + suffix
			if suffix != "" && suffix[0] == '@' {
				path = ws + "/occurrences/" + secretOcc + suffix[1:]
			}
			var v url.Values
			if form != nil {
				v = form(t)
			}
			return method, path, v
		}
	}
	shared := func(method, suffix string, form url.Values) func(*testing.T, *env) (string, string, url.Values) {
		return func(t *testing.T, _ *env) (string, string, url.Values) {
			o := current(t, f, checkIn(t, f, "monday-check-in").ID)
			return method, ws + "/occurrences/" + o.ID + suffix, form
		}
	}
	settings := func(t *testing.T) url.Values {
		c := checkIn(t, f, secret.ID)
		v := url.Values{"version": {strconv.Itoa(c.Version)}, "title": {"Partner health"}, "repeat": {"weekly"}, "weekday": {"WE"},
			"time": {"09:00"}, "duration_minutes": {"20"}, "open_days": {"1"}, "nudge_minutes": {"30"}, "ask_sides": {"host"},
			"visibility": {"host"}, "q_text": {uniqueName("How healthy is the partnership?")}, "q_key": {"health"}}
		return v
	}
	return []matrixRow{
		{pattern: "GET /w/{ws}/check-ins", request: func(*testing.T, *env) (string, string, url.Values) {
			return http.MethodGet, ws + "/check-ins", nil
		}, want: members},
		{pattern: "POST /w/{ws}/check-ins", request: func(*testing.T, *env) (string, string, url.Values) {
			return http.MethodPost, ws + "/check-ins", checkInForm(uniqueName("Design review"))
		}, want: map[string]string{anon: "303 /login", admin: "303 " + ws + "/check-ins/", member: "403", partner: "403", guest: "403", stranger: "404"}},
		{pattern: "GET /w/{ws}/check-ins/{checkin}", request: onHost(http.MethodGet, "", nil), want: map[string]string{anon: "303 /login?next=",
			admin: "200", member: "200", guest: "200", partner: "404", stranger: "404"}},
		{pattern: "GET /w/{ws}/check-ins/{checkin}", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			return http.MethodGet, ws + "/check-ins/" + checkIn(t, f, "monday-check-in").ID, nil
		}, want: members},
		{pattern: "POST /w/{ws}/check-ins/{checkin}", request: onHost(http.MethodPost, "", settings), want: hostAdmin("303 " + ws + "/check-ins/")},
		{pattern: "GET /w/{ws}/check-ins/{checkin}/current", request: onHost(http.MethodGet, "/current", nil),
			want: map[string]string{anon: "303 /login?next=", admin: "303 " + ws + "/occurrences/", member: "303 " + ws + "/occurrences/",
				guest: "303 " + ws + "/occurrences/", partner: "404", stranger: "404"}},

		{pattern: "GET /w/{ws}/occurrences/{occ}", request: onHost(http.MethodGet, "@", nil), want: map[string]string{anon: "303 /login?next=",
			admin: "200", member: "200", guest: "200", partner: "404", stranger: "404"}},
		{pattern: "GET /w/{ws}/occurrences/{occ}", request: shared(http.MethodGet, "", nil), want: members},
		{pattern: "POST /w/{ws}/occurrences/{occ}/answers", request: onHost(http.MethodPost, "@/answers", func(*testing.T) url.Values {
			return url.Values{"question": {"health"}, "body": {uniqueName("Healthy")}, "visibility": {"host"}}
		}), want: hosts("303 " + ws + "/occurrences/")},
		{pattern: "POST /w/{ws}/occurrences/{occ}/answers", request: shared(http.MethodPost, "/answers",
			url.Values{"question": {"progress"}, "body": {"Moving."}, "visibility": {"shared"}}),
			want: map[string]string{anon: "303 /login", everybody: "303 " + ws + "/occurrences/", stranger: "404"}},
		// Each request votes on a meeting of its own: a side votes once.
		{pattern: "POST /w/{ws}/occurrences/{occ}/votes", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			o := current(t, f, readinessCheckIn(t, f, uniqueName("Go/no-go")).ID)
			return http.MethodPost, ws + "/occurrences/" + o.ID + "/votes", url.Values{"vote": {"go"}}
		}, want: map[string]string{anon: "303 /login", admin: "303 " + ws + "/occurrences/", partner: "303 " + ws + "/occurrences/",
			member: "403", guest: "403", stranger: "404"}},
		// A host-only check-in has no go/no-go: the hosts are told so.
		{pattern: "POST /w/{ws}/occurrences/{occ}/votes", request: onHost(http.MethodPost, "@/votes", func(*testing.T) url.Values {
			return url.Values{"vote": {"go"}}
		}), want: hosts("422")},
		{pattern: "POST /w/{ws}/occurrences/{occ}/comments", request: onHost(http.MethodPost, "@/comments", func(*testing.T) url.Values {
			return url.Values{"body": {uniqueName("Noted")}}
		}), want: hosts("303 " + ws + "/occurrences/")},
		// Each request skips the last meeting not yet skipped.
		{pattern: "POST /w/{ws}/occurrences/{occ}/skip", request: func(t *testing.T, _ *env) (string, string, url.Values) {
			host(t)
			cd := checkInDetail(t, f, secret.ID)
			id := ""
			for _, o := range cd.Upcoming {
				if !o.Skipped {
					id = o.ID
				}
			}
			return http.MethodPost, ws + "/occurrences/" + id + "/skip", url.Values{"reason": {"Offsite"}}
		}, want: hostAdmin("303 " + ws + "/check-ins/")},
		// Last: the admin pauses the check-in, which withdraws its meetings.
		{pattern: "POST /w/{ws}/check-ins/{checkin}/pause", request: onHost(http.MethodPost, "/pause", func(t *testing.T) url.Values {
			c := checkIn(t, f, secret.ID)
			return url.Values{"version": {strconv.Itoa(c.Version)}, "paused": {strconv.FormatBool(!c.Paused)}}
		}), want: hostAdmin("303 " + ws + "/check-ins/")},
	}
}
