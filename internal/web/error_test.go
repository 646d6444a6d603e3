package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"duet/internal/coretest"
)

// TestInternalErrors checks that a failure inside shows a plain page, and
// is logged with the path but without secrets.
func TestInternalErrors(t *testing.T) {
	f := coretest.New(t, "sqlite")
	e := newEnv(t, f, f.Svc)
	session := e.as(f.Admin)
	// Every database call fails: the requests' contexts are done. (Closing
	// the store here instead would close it twice, since the fixture's
	// cleanup closes it too.)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	e.ctx = ctx

	r := e.get("/w/"+f.WS.ID, session)
	r.wantStatus(t, http.StatusInternalServerError)
	r.wantBody(t, "Something went wrong")
	r.wantNoBody(t, "sql", "database", "closed", "context", "canceled")
	if !strings.Contains(e.logs.String(), "path=/w/"+f.WS.ID) {
		t.Errorf("not logged with its path:\n%s", e.logs.String())
	}

	r = e.get("/invite/inv_secretsecret", "")
	r.wantStatus(t, http.StatusInternalServerError)
	if logs := e.logs.String(); strings.Contains(logs, "inv_secretsecret") || !strings.Contains(logs, "path=/invite/[token]") {
		t.Errorf("invite path logged wrongly:\n%s", logs)
	}
}

func TestFormErrorMessages(t *testing.T) {
	for _, c := range []struct{ field, msg, want string }{
		{"email", "is required", "Email is required."},
		{"partner_org", "must be at most 120 characters", "Partner organization must be at most 120 characters."},
		{"roles", `"x" is not a role of this workspace`, `"x" is not a role of this workspace.`},
		{"", "This invite is already revoked.", "This invite is already revoked."},
		{"name", "élan is taken", "Élan is taken."},
	} {
		if got := fieldMessage(c.field, c.msg); got != c.want {
			t.Errorf("fieldMessage(%q, %q) = %q, want %q", c.field, c.msg, got, c.want)
		}
	}
}
