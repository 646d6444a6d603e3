package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"duet/internal/core"
	"duet/internal/duet"
)

// contentSecurityPolicy allows only the app's own scripts, styles and
// images: no inline code anywhere, no framing, forms post only here.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

// Secure wraps the whole server (the HTML app and the JSON API): it sets
// the security headers on every response and rejects cross-origin unsafe
// requests with http.CrossOriginProtection.
func Secure(next http.Handler, opts Options) http.Handler {
	protected := http.NewCrossOriginProtection().Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		if opts.Secure {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		protected.ServeHTTP(w, r)
	})
}

// public serves a route without reading the session.
func (s *server) public(h http.HandlerFunc) http.Handler { return h }

// anyone reads the session, when there is one, and serves visitors too.
func (s *server) anyone(h http.HandlerFunc) http.Handler { return s.session(h) }

// signedIn requires a session: anonymous visitors are sent to /login and
// come back afterwards.
func (s *server) signedIn(h http.HandlerFunc) http.Handler {
	return s.session(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if actorOf(r) == nil {
			s.toLogin(w, r)
			return
		}
		h(w, r)
	}))
}

// session turns the session cookie into the actor on the context. A
// cookie that no longer names a live session is cleared.
func (s *server) session(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(s.cookie)
		if err != nil || c.Value == "" {
			next.ServeHTTP(w, r)
			return
		}
		a, err := s.svc.SessionActor(r.Context(), c.Value)
		switch {
		case duet.ErrorKind(err) == duet.EUnauthorized:
			s.clearSession(w)
			next.ServeHTTP(w, r)
		case err != nil:
			s.Error(w, r, err)
		default:
			next.ServeHTTP(w, r.WithContext(withActor(r.Context(), a, c.Value)))
		}
	})
}

// toLogin redirects to the sign-in page; a GET comes back to where it was.
func (s *server) toLogin(w http.ResponseWriter, r *http.Request) {
	target := "/login"
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		if next := r.URL.RequestURI(); next != "/" && localPath(next) {
			target += "?next=" + url.QueryEscape(next)
		}
	}
	if r.Header.Get("HX-Request") == "true" {
		// A redirect would be followed by the XMLHttpRequest and the sign-in
		// page swapped into a fragment's place: have htmx load it instead.
		w.Header().Set("HX-Redirect", "/login")
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// localPath reports whether next is a path on this site, safe to redirect
// to after signing in: no scheme, no host, no protocol-relative tricks.
func localPath(next string) bool {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return false
	}
	if strings.ContainsAny(next, "\\\r\n\t\x00") {
		return false
	}
	u, err := url.Parse(next)
	return err == nil && u.Scheme == "" && u.Host == "" && u.User == nil
}

// afterLogin is where to go after signing in: next when it is local.
func afterLogin(next string) string {
	if localPath(next) {
		return next
	}
	return "/"
}

// setSession stores a new session token in the cookie.
func (s *server) setSession(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{
		Name: s.cookie, Value: token, Path: "/",
		MaxAge:   int(core.SessionAbsolute / time.Second),
		HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode,
	})
}

// clearSession removes the session cookie from the browser.
func (s *server) clearSession(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{
		Name: s.cookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode,
	})
}

// maxForm caps form bodies; no form here comes near it.
const maxForm = 64 << 10

// maxLongForm caps forms that carry a message or a decision's text: core
// allows duet.MaxMessageBytes of text, which percent-encoding can triple,
// and it words the error about the length itself.
const maxLongForm = 512 << 10

// parseForm reads a posted form, refusing oversized or malformed bodies.
func parseForm(w http.ResponseWriter, r *http.Request) error {
	return parseFormMax(w, r, maxForm)
}

// parseLongForm reads a form with a message or decision text.
func parseLongForm(w http.ResponseWriter, r *http.Request) error {
	return parseFormMax(w, r, maxLongForm)
}

func parseFormMax(w http.ResponseWriter, r *http.Request, max int64) error {
	r.Body = http.MaxBytesReader(w, r.Body, max)
	if err := r.ParseForm(); err != nil {
		return duet.Errorf(duet.EBadRequest, "The form could not be read.")
	}
	return nil
}
