package core_test

import (
	"context"
	"strings"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
	"duet/internal/mail"
	"duet/internal/mail/mailtest"
)

// With SMTP configured, an invite is mailed through a real SMTP exchange.
func TestInviteIsMailed(t *testing.T) {
	srv := mailtest.Start(t)
	mailer, err := mail.New("smtp://" + srv.Addr + "?from=duet@host.test")
	if err != nil {
		t.Fatal(err)
	}
	f := coretest.New(t, "sqlite")
	svc := coretest.Service(t, f.DB, f.Clock, mailer)
	res, err := svc.CreateInvite(context.Background(), f.Admin.Actor, f.WS.ID, duet.InviteCreate{Email: "new@partner.test", Side: duet.SidePartner})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Mailed {
		t.Fatal("invite not reported as mailed")
	}
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d messages delivered", len(msgs))
	}
	m := msgs[0]
	if m.From != "duet@host.test" || len(m.To) != 1 || m.To[0] != "new@partner.test" {
		t.Errorf("envelope from %s to %v", m.From, m.To)
	}
	for _, want := range []string{"To: new@partner.test", "Subject: You are invited to " + f.WS.Name, res.URL} {
		if !strings.Contains(m.Data, want) {
			t.Errorf("message lacks %q:\n%s", want, m.Data)
		}
	}
}

// A mail relay that is down does not lose the invite: the link is still
// returned to the inviter.
func TestInviteSurvivesMailFailure(t *testing.T) {
	mailer, _ := mail.New("smtp://127.0.0.1:1")
	f := coretest.New(t, "sqlite")
	svc := coretest.Service(t, f.DB, f.Clock, mailer)
	res, err := svc.CreateInvite(context.Background(), f.Admin.Actor, f.WS.ID, duet.InviteCreate{Email: "new@partner.test", Side: duet.SidePartner})
	if err != nil || res.Mailed || res.URL == "" {
		t.Fatalf("mail down: %+v %v", res, err)
	}
	if _, err := svc.PreviewInvite(context.Background(), res.Token); err != nil {
		t.Errorf("the invite was lost: %v", err)
	}
}
