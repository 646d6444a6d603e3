package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestSecurityHeaders checks the headers on every kind of response: pages,
// redirects, errors, static files, health, and refused requests.
func TestSecurityHeaders(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		admin := e.as(f.Admin)
		asset := regexp.MustCompile(`/static/[0-9a-f]+/app\.css`).FindString(e.get("/login", "").body)
		responses := map[string]response{
			"page":      e.get("/w/"+f.WS.ID, admin),
			"redirect":  e.get("/", ""),
			"not found": e.get("/nope", admin),
			"forbidden": e.get("/w/new", e.as(f.Partner)),
			"form":      e.post("/login", "", url.Values{"email": {"x@y.test"}, "password": {"wrong"}}),
			"static":    e.get(asset, ""),
			"health":    e.get("/healthz", ""),
			"cross-site": func() response {
				req := httptest.NewRequest(http.MethodPost, "/logout", nil)
				req.Header.Set("Sec-Fetch-Site", "cross-site")
				rec := httptest.NewRecorder()
				e.h.ServeHTTP(rec, req)
				return response{rec, rec.Body.String()}
			}(),
		}
		for name, r := range responses {
			h := r.Header()
			for header, want := range map[string]string{
				"Content-Security-Policy": contentSecurityPolicy,
				"X-Content-Type-Options":  "nosniff",
				"Referrer-Policy":         "same-origin",
				"X-Frame-Options":         "DENY",
			} {
				if got := h.Get(header); got != want {
					t.Errorf("%s: %s = %q, want %q", name, header, got, want)
				}
			}
			if h.Get("Strict-Transport-Security") != "" {
				t.Errorf("%s: HSTS without TLS", name)
			}
		}
		if !strings.Contains(contentSecurityPolicy, "object-src 'none'") || !strings.Contains(contentSecurityPolicy, "frame-ancestors 'none'") {
			t.Error("CSP lacks object-src or frame-ancestors")
		}
	})
}

// TestCrossOriginRefused checks that http.CrossOriginProtection guards
// every unsafe request, and lets same-origin forms through.
func TestCrossOriginRefused(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		session := e.login(e.f.HostMember.Email, e.f.HostMember.Password)
		send := func(set func(*http.Request)) int {
			req := httptest.NewRequest(http.MethodPost, "http://duet.test/logout", nil)
			req.AddCookie(&http.Cookie{Name: "duet_session", Value: session})
			set(req)
			rec := httptest.NewRecorder()
			e.h.ServeHTTP(rec, req)
			return rec.Code
		}
		if got := send(func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "cross-site") }); got != http.StatusForbidden {
			t.Errorf("cross-site POST: %d", got)
		}
		if got := send(func(r *http.Request) { r.Header.Set("Origin", "https://evil.test") }); got != http.StatusForbidden {
			t.Errorf("foreign Origin POST: %d", got)
		}
		// The session survived both attempts.
		e.get("/", session).wantStatus(t, http.StatusOK)
		if got := send(func(r *http.Request) { r.Header.Set("Origin", "http://duet.test") }); got != http.StatusSeeOther {
			t.Errorf("same-origin POST: %d", got)
		}
	})
}
