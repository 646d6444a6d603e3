package core_test

import (
	"context"
	"testing"
	"time"

	"duet/internal/core"
	"duet/internal/coretest"
	"duet/internal/duet"
)

func TestSetupOnceWithOneTimeToken(t *testing.T) {
	ctx := context.Background()
	clock := &coretest.Clock{}
	svc := coretest.Service(t, coretest.OpenDB(t, "sqlite"), clock, nil)
	token, ok, err := svc.SetupToken(ctx)
	if err != nil || !ok {
		t.Fatalf("setup token: %v %v", ok, err)
	}
	in := core.SetupInput{Email: "Ada@Host.test", Name: "Ada", Org: "Hostco", Password: "long enough"}
	if _, err := svc.Setup(ctx, "setup_wrong", in, false); duet.ErrorKind(err) != duet.ENotFound {
		t.Errorf("wrong token: %v", err)
	}
	bad := in
	bad.Password = "short"
	if _, err := svc.Setup(ctx, token, bad, false); duet.ErrorField(err) != "password" {
		t.Errorf("short password: %v", err)
	}
	u, err := svc.Setup(ctx, token, in, false)
	if err != nil || u.Email != "ada@host.test" || !u.IsAdmin {
		t.Fatalf("setup: %+v %v", u, err)
	}
	if _, err := svc.Setup(ctx, "", in, true); duet.ErrorKind(err) != duet.EConflict {
		t.Errorf("second setup: %v", err)
	}
	if _, ok, _ := svc.SetupToken(ctx); ok {
		t.Error("a setup token was issued after setup")
	}
}

func TestLoginAndSessions(t *testing.T) {
	ctx := context.Background()
	f := coretest.New(t, "sqlite")
	_, _, err := f.Svc.Login(ctx, f.Partner.Email, "wrong password", "10.0.0.1")
	_, _, err2 := f.Svc.Login(ctx, "nobody@x.test", "wrong password", "10.0.0.2")
	if duet.ErrorKind(err) != duet.EUnauthorized || err.Error() != err2.Error() {
		t.Errorf("wrong password %v vs unknown email %v", err, err2)
	}
	token, u, err := f.Svc.Login(ctx, " "+f.Partner.Email+" ", coretest.Password, "10.0.0.1")
	if err != nil || u.ID != f.Partner.ID {
		t.Fatal(err)
	}
	a, err := f.Svc.SessionActor(ctx, token)
	if err != nil || a.User.ID != f.Partner.ID || a.Org.IsHost {
		t.Fatalf("session actor: %+v %v", a, err)
	}
	// Activity keeps the session alive; idleness ends it.
	f.Clock.Advance(core.SessionIdle - time.Minute)
	if _, err := f.Svc.SessionActor(ctx, token); err != nil {
		t.Fatalf("within idle timeout: %v", err)
	}
	f.Clock.Advance(core.SessionIdle + time.Minute)
	if _, err := f.Svc.SessionActor(ctx, token); duet.ErrorKind(err) != duet.EUnauthorized {
		t.Fatalf("after idle timeout: %v", err)
	}
	// Logout ends a session on the server.
	token, _, _ = f.Svc.Login(ctx, f.Partner.Email, coretest.Password, "10.0.0.1")
	if err := f.Svc.Logout(ctx, token); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.SessionActor(ctx, token); duet.ErrorKind(err) != duet.EUnauthorized {
		t.Errorf("after logout: %v", err)
	}
	// The absolute lifetime ends even an active session.
	token, _, _ = f.Svc.Login(ctx, f.Partner.Email, coretest.Password, "10.0.0.1")
	for range int(core.SessionAbsolute / (6 * time.Hour)) {
		f.Clock.Advance(6 * time.Hour)
		f.Svc.SessionActor(ctx, token)
	}
	if _, err := f.Svc.SessionActor(ctx, token); duet.ErrorKind(err) != duet.EUnauthorized {
		t.Errorf("after absolute timeout: %v", err)
	}
}

func TestLoginThrottleNeverLocksOut(t *testing.T) {
	ctx := context.Background()
	f := coretest.New(t, "sqlite")
	limited := false
	for range 30 {
		_, _, err := f.Svc.Login(ctx, f.Partner.Email, "wrong password", "10.0.0.9")
		if duet.ErrorKind(err) == duet.ERateLimited {
			limited = true
			break
		}
	}
	if !limited {
		t.Fatal("30 wrong passwords were never throttled")
	}
	// Unknown emails are throttled the same way, so throttling says nothing.
	for range 30 {
		if _, _, err := f.Svc.Login(ctx, "ghost@x.test", "wrong password", "10.0.0.10"); duet.ErrorKind(err) == duet.ERateLimited {
			limited = false
			break
		}
	}
	if limited {
		t.Error("unknown emails are not throttled like real ones")
	}
	// Waiting earns new attempts: no hard lockout.
	f.Clock.Advance(time.Minute)
	if _, _, err := f.Svc.Login(ctx, f.Partner.Email, coretest.Password, "10.0.0.9"); err != nil {
		t.Errorf("after waiting: %v", err)
	}
}

func TestInviteRules(t *testing.T) {
	ctx := context.Background()
	f := coretest.New(t, "sqlite")
	inv := func(email string, side duet.Side, roles ...string) (*core.InviteResult, error) {
		return f.Svc.CreateInvite(ctx, f.Admin.Actor, f.WS.ID, duet.InviteCreate{Email: email, Side: side, RoleKeys: roles})
	}
	if _, err := inv(f.Partner.Email, duet.SidePartner); duet.ErrorKind(err) != duet.EConflict {
		t.Errorf("inviting a member: %v", err)
	}
	if _, err := inv(f.Stranger.Email, duet.SidePartner); duet.ErrorField(err) != "side" {
		t.Errorf("inviting another partner's user: %v", err)
	}
	if _, err := inv("x@partner.test", "both"); duet.ErrorField(err) != "side" {
		t.Errorf("bad side: %v", err)
	}
	if _, err := inv("not an email", duet.SidePartner); duet.ErrorField(err) != "email" {
		t.Errorf("bad email: %v", err)
	}
	// A partner admin may invite to the partner side only.
	padmin := f.Join(t, f.WS.ID, "boss@partner.test", duet.SidePartner, duet.PermAdmin)
	if _, err := f.Svc.CreateInvite(ctx, padmin.Actor, f.WS.ID, duet.InviteCreate{Email: "h@host.test", Side: duet.SideHost}); duet.ErrorKind(err) != duet.EForbidden {
		t.Errorf("partner admin inviting host: %v", err)
	}
	if _, err := f.Svc.CreateInvite(ctx, padmin.Actor, f.WS.ID, duet.InviteCreate{Email: "p2@partner.test", Side: duet.SidePartner}); err != nil {
		t.Errorf("partner admin inviting partner: %v", err)
	}
	list, err := f.Svc.Invites(ctx, padmin.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range list {
		if in.Side != duet.SidePartner {
			t.Errorf("partner admin sees a %s invite", in.Side)
		}
	}
	// Links expire after seven days.
	res, err := inv("late@partner.test", duet.SidePartner)
	if err != nil {
		t.Fatal(err)
	}
	f.Clock.Advance(duet.InviteTTL)
	if _, err := f.Svc.PreviewInvite(ctx, res.Token); duet.ErrorKind(err) != duet.ENotFound {
		t.Errorf("expired invite: %v", err)
	}
	// An existing account joins only with its own password.
	res, err = f.Svc.CreateInvite(ctx, f.Admin.Actor, f.OtherWS.ID, duet.InviteCreate{Email: f.HostMember.Email, Side: duet.SideHost})
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := f.Svc.PreviewInvite(ctx, res.Token); p == nil || !p.HasAccount {
		t.Errorf("preview does not know the account exists: %+v", p)
	}
	if _, err := f.Svc.AcceptInvite(ctx, res.Token, core.AcceptInput{Password: "somebody else"}); duet.ErrorKind(err) != duet.EUnauthorized {
		t.Errorf("accept with a wrong password: %v", err)
	}
	if _, err := f.Svc.AcceptInvite(ctx, res.Token, core.AcceptInput{Password: coretest.Password}); err != nil {
		t.Errorf("accept with the right password: %v", err)
	}
	list2, _ := f.Svc.Workspaces(ctx, f.HostMember.Actor)
	if len(list2) != 2 {
		t.Errorf("host member now in %d workspaces, want 2", len(list2))
	}
}

func TestDemoSeedIsIdempotent(t *testing.T) {
	ctx := context.Background()
	svc := coretest.Service(t, coretest.OpenDB(t, "sqlite"), &coretest.Clock{}, nil)
	first, err := svc.SeedDemo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	second, err := svc.SeedDemo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if first[0].Password == second[0].Password {
		t.Error("demo passwords did not change between runs")
	}
	for _, l := range second {
		token, _, err := svc.Login(ctx, l.Email, l.Password, "127.0.0.1")
		if err != nil {
			t.Fatalf("%s: %v", l.Email, err)
		}
		a, _ := svc.SessionActor(ctx, token)
		list, _ := svc.Workspaces(ctx, a)
		if len(list) != 1 {
			t.Errorf("%s sees %d workspaces, want the one demo", l.Email, len(list))
		}
	}
}
