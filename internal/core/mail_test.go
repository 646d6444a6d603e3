package core_test

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"duet/internal/core"
	"duet/internal/coretest"
	"duet/internal/duet"
	"duet/internal/jobs"
	"duet/internal/mail"
	"duet/internal/mail/mailtest"
	"duet/internal/store"
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

// Check-in reminders go out as mail through the outbox: queued in the
// transaction that claims the reminder, delivered once by the outbox
// worker over a real SMTP exchange, with a Message-ID fixed by the
// reminder, even with two nodes delivering side by side.
func TestReminderMailThroughOutbox(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		srv := mailtest.Start(t)
		mailer, err := mail.New("smtp://" + srv.Addr + "?from=duet@host.test")
		if err != nil {
			t.Fatal(err)
		}
		f := coretest.New(t, engine)
		ctx := context.Background()
		svc := coretest.Service(t, f.DB, f.Clock, mailer)
		if _, err := svc.SendReminders(ctx, f.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		if n := len(srv.Messages()); n != 0 {
			t.Fatalf("%d mails sent inside the transaction; they belong to the outbox", n)
		}
		deliver := map[string]jobs.Deliverer{jobs.KindMail: core.MailDeliverer(mailer)}
		quiet := slog.New(slog.DiscardHandler)
		nodes := []*jobs.Outbox{{DB: f.DB, Node: "a", Deliverers: deliver, Batch: 3, Log: quiet}, {DB: f.DB, Node: "b", Deliverers: deliver, Batch: 3, Log: quiet}}
		for range 4 {
			var wg sync.WaitGroup
			for _, n := range nodes {
				wg.Go(func() {
					if _, err := n.Run(ctx, f.Clock.Now()); err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
		}
		// Two check-ins opened at once in each workspace, asking its four
		// and two members.
		msgs := srv.Messages()
		ids := map[string]bool{}
		for _, m := range msgs {
			i := strings.Index(m.Data, "Message-ID: <")
			if i < 0 || !strings.Contains(m.Data, "/occurrences/") {
				t.Fatalf("reminder mail without Message-ID or link:\n%s", m.Data)
			}
			id := m.Data[i : i+strings.Index(m.Data[i:], ">")]
			if ids[id] {
				t.Errorf("delivered twice: %s", id)
			}
			ids[id] = true
		}
		if len(msgs) != 12 {
			t.Errorf("%d reminder mails, want 12", len(msgs))
		}
		var waiting, dead int
		if err := f.DB.View(ctx, func(tx *store.Tx) (err error) { waiting, dead, err = tx.OutboxCounts(ctx); return err }); err != nil || waiting+dead != 0 {
			t.Errorf("outbox still holds %d waiting, %d dead (%v)", waiting, dead, err)
		}
	})
}

// A relay that refuses is retried with backoff, and given up on after
// the last attempt, with the error kept for admins.
func TestOutboxRetriesThenGivesUp(t *testing.T) {
	f := coretest.New(t, "sqlite")
	ctx := context.Background()
	down, _ := mail.New("smtp://127.0.0.1:1")
	svc := coretest.Service(t, f.DB, f.Clock, down)
	if _, err := svc.SendReminders(ctx, f.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	o := &jobs.Outbox{DB: f.DB, Node: "a", Deliverers: map[string]jobs.Deliverer{jobs.KindMail: core.MailDeliverer(down)}, MaxAttempts: 3, Batch: 100, Log: slog.New(slog.DiscardHandler)}
	counts := func() (int, int) {
		var w, d int
		if err := f.DB.View(ctx, func(tx *store.Tx) (err error) { w, d, err = tx.OutboxCounts(ctx); return err }); err != nil {
			t.Fatal(err)
		}
		return w, d
	}
	for attempt := 1; attempt <= 3; attempt++ {
		if _, err := o.Run(ctx, f.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		// Nothing is due again before its backoff.
		if _, err := o.Run(ctx, f.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		f.Clock.Advance(7 * time.Hour)
	}
	if w, d := counts(); w != 0 || d != 12 {
		t.Errorf("after three failed attempts: %d waiting, %d dead; want all 12 dead", w, d)
	}
}
