package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"duet/internal/coretest"
)

func TestInviteCreate(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		path := "/w/" + f.WS.ID + "/invites"
		admin := e.as(f.Admin)

		t.Run("shows the link once", func(t *testing.T) {
			r := e.post(path, admin, url.Values{"email": {"Nia@Partner.test"}, "side": {"partner"}, "permission": {"member"},
				"roles": {"partner-legal-reviewer", "partner-content-lead"}})
			r.wantStatus(t, http.StatusOK)
			token := inviteToken(t, r.body)
			r.wantBody(t, "Invite ready for nia@partner.test", "http://duet.test/invite/"+token, "Partner Content Lead", "Partner Legal Reviewer", "Copy link")
			if r.Header().Get("Location") != "" || r.Header().Get("Cache-Control") != "no-store" {
				t.Errorf("headers: %v", r.Header())
			}
			if strings.Contains(e.logs.String(), token) {
				t.Error("the invite token was logged")
			}
			// It is pending on the members page, without its link.
			m := e.get("/w/"+f.WS.ID+"/members", admin)
			m.wantBody(t, "nia@partner.test")
			m.wantNoBody(t, token)
		})
		for name, c := range map[string]struct {
			form   url.Values
			status int
			field  string
			msg    string
		}{
			"bad email":        {url.Values{"email": {"nia-at-partner"}, "side": {"partner"}}, 422, "email", "is not an email address"},
			"no side":          {url.Values{"email": {"nia2@partner.test"}}, 422, "side", "Side is required"},
			"wrong-side role":  {url.Values{"email": {"nia3@partner.test"}, "side": {"partner"}, "roles": {"legal-reviewer"}}, 422, "roles", "Legal Reviewer is a host-side role"},
			"already a member": {url.Values{"email": {"pia@partner.test"}, "side": {"partner"}}, 409, "email", "already a member"},
			"other org":        {url.Values{"email": {"stan@other.test"}, "side": {"partner"}}, 409, "side", "belongs to another organization"},
		} {
			t.Run(name, func(t *testing.T) {
				r := e.post(path, admin, c.form)
				r.wantStatus(t, c.status)
				if msg := fieldError(r.body, c.field); !strings.Contains(msg, c.msg) {
					t.Errorf("%s error %q, want %q", c.field, msg, c.msg)
				}
				if got, _ := inputValue(r.body, "invite-email"); got != c.form.Get("email") {
					t.Errorf("email = %q, want %q", got, c.form.Get("email"))
				}
				for _, role := range c.form["roles"] {
					r.wantBody(t, `value="`+role+`" checked`)
				}
				r.wantBody(t, "Ada Admin") // the rest of the page is all there
			})
		}
		t.Run("members may not invite", func(t *testing.T) {
			form := url.Values{"email": {"x@partner.test"}, "side": {"partner"}}
			for _, u := range []coretest.User{f.HostMember, f.Partner, f.Guest} {
				e.post(path, e.as(u), form).wantStatus(t, http.StatusForbidden)
			}
			e.post(path, e.as(f.Stranger), form).wantStatus(t, http.StatusNotFound)
		})
		t.Run("a partner admin invites partners only", func(t *testing.T) {
			other := "/w/" + f.OtherWS.ID + "/invites"
			e.post(other, e.as(f.Stranger), url.Values{"email": {"h@host.test"}, "side": {"host"}}).wantStatus(t, http.StatusForbidden)
			e.post(other, e.as(f.Stranger), url.Values{"email": {"o2@other.test"}, "side": {"partner"}}).wantStatus(t, http.StatusOK)
		})
	})
}

// mailer records the invitations it sends.
type mailer struct {
	mu   sync.Mutex
	sent []string
}

func (m *mailer) Send(_ context.Context, to, subject, body string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sent = append(m.sent, to+": "+body)
	return nil
}

func TestInviteCreateMailed(t *testing.T) {
	f := coretest.New(t, "sqlite")
	m := &mailer{}
	svc := coretest.Service(t, f.DB, f.Clock, m)
	e := newEnv(t, f, svc)
	r := e.post("/w/"+f.WS.ID+"/invites", e.as(f.Admin), url.Values{"email": {"mo@partner.test"}, "side": {"partner"}})
	r.wantStatus(t, http.StatusOK)
	r.wantBody(t, "We emailed the invitation to mo@partner.test")
	r.wantNoBody(t, "/invite/inv_", "Copy link")
	if len(m.sent) != 1 || !strings.Contains(m.sent[0], "/invite/inv_") {
		t.Fatalf("sent %v", m.sent)
	}
}
