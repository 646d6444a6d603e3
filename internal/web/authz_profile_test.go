package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"duet/internal/coretest"
)

// profileMatrix is the authorization matrix of profileRoutes. The profile
// is everyone's own; a calendar feed answers its token, never a session.
func profileMatrix(f *coretest.Fixture) []matrixRow {
	feed := func(t *testing.T, e *env) (string, string, url.Values) {
		token, err := e.svc.RotateCalendarFeed(context.Background(), f.Partner.Actor)
		if err != nil {
			t.Fatal(err)
		}
		return http.MethodGet, "/cal/" + token + ".ics", nil
	}
	guess := func(*testing.T, *env) (string, string, url.Values) {
		return http.MethodGet, "/cal/duetcal_" + strings.Repeat("q", 52) + ".ics", nil
	}
	return []matrixRow{
		{pattern: "GET /profile", request: func(*testing.T, *env) (string, string, url.Values) { return http.MethodGet, "/profile", nil },
			want: map[string]string{anon: "303 /login?next=%2Fprofile", everybody: "200"}},
		{pattern: "POST /profile/calendar", request: func(*testing.T, *env) (string, string, url.Values) {
			return http.MethodPost, "/profile/calendar", nil
		}, want: map[string]string{anon: "303 /login", everybody: "200"}},
		{pattern: "GET /cal/{token}", request: feed, want: map[string]string{everybody: "200"}},
		{pattern: "GET /cal/{token}", request: guess, want: map[string]string{everybody: "404"}},
	}
}
