// Package coretest builds real stores and services for tests: SQLite in a
// temporary directory, or a fresh schema on the PostgreSQL named by
// DUET_TEST_DATABASE_URL, with a fixed clock and a populated workspace.
package coretest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver for schema setup

	"duet/internal/core"
	"duet/internal/duet"
	"duet/internal/files"
	"duet/internal/store"
	"duet/templates"
)

// Engines returns the store engines to test: SQLite always, PostgreSQL
// when DUET_TEST_DATABASE_URL is set. Under CI=true PostgreSQL is
// mandatory: a missing URL fails the test instead of skipping it.
func Engines(t testing.TB) []string {
	engines := []string{store.SQLite}
	if os.Getenv("DUET_TEST_DATABASE_URL") != "" {
		engines = append(engines, store.Postgres)
	} else if os.Getenv("CI") == "true" {
		t.Fatal("CI=true but DUET_TEST_DATABASE_URL is not set: the PostgreSQL suite must run in CI")
	}
	return engines
}

// EachEngine runs fn as a subtest (or sub-benchmark) per engine.
func EachEngine[T interface {
	testing.TB
	Run(string, func(T)) bool
}](t T, fn func(t T, engine string)) {
	t.Helper()
	for _, engine := range Engines(t) {
		t.Run(engine, func(t T) { fn(t, engine) })
	}
}

// OpenDB returns a migrated, empty store for one test.
func OpenDB(t testing.TB, engine string) *store.DB {
	t.Helper()
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "duet.db")
	if engine == store.Postgres {
		dsn = SchemaURL(t, os.Getenv("DUET_TEST_DATABASE_URL"))
	}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("open %s: %v", engine, err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s: %v", engine, err)
	}
	return db
}

// SchemaURL creates a schema of its own for one test and returns a URL
// whose search_path points at it; the schema is dropped afterwards.
func SchemaURL(t testing.TB, base string) string {
	t.Helper()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	defer admin.Close()
	var b [6]byte
	rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("postgres at DUET_TEST_DATABASE_URL is unreachable: %v", err)
	}
	t.Cleanup(func() {
		if db, err := sql.Open("pgx", base); err == nil {
			db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
			db.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("DUET_TEST_DATABASE_URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Start is the fixed time every test begins at: a Monday afternoon.
var Start = time.Date(2026, 11, 16, 14, 0, 0, 0, time.UTC)

// Clock is a settable clock.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// CheapHasher keeps argon2id but at a cost that suits tests.
var CheapHasher = core.Hasher{Time: 1, Memory: 64, Threads: 1}

// Registry loads the embedded templates.
func Registry(t testing.TB) *templates.Registry {
	t.Helper()
	r, err := templates.Load("")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Service returns a service on db with a fixed clock.
func Service(t testing.TB, db *store.DB, clock *Clock, mailer core.Mailer) *core.Service {
	return core.New(core.Config{DB: db, Templates: Registry(t), Now: clock.Now, Hasher: CheapHasher,
		BaseURL: "http://duet.test", Mailer: mailer, Files: Files(t)})
}

// Files returns a file store in a temporary directory.
func Files(t testing.TB) *files.Disk {
	t.Helper()
	d, err := files.NewDisk(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// User is a test account with its password and actor.
type User struct {
	duet.User
	Password string
	Actor    *duet.Actor
}

// Fixture is a service with two workspaces and one account per kind of
// actor the authorization matrix covers.
type Fixture struct {
	DB    *store.DB
	Svc   *core.Service
	Clock *Clock

	Admin      User // host admin, created the workspace
	HostMember User // host member of WS
	Partner    User // partner member of WS
	Guest      User // host guest of WS
	Stranger   User // partner member of OtherWS only

	WS      *duet.WorkspaceDetail
	OtherWS *duet.WorkspaceDetail
}

// Password is every fixture account's password.
const Password = "correct horse battery"

// New builds a fixture on the engine.
func New(t testing.TB, engine string) *Fixture {
	t.Helper()
	ctx := context.Background()
	f := &Fixture{DB: OpenDB(t, engine), Clock: &Clock{t: Start}}
	f.Svc = Service(t, f.DB, f.Clock, nil)
	u, err := f.Svc.Setup(ctx, "", core.SetupInput{Email: "admin@host.test", Name: "Ada Admin", Org: "Hostco", Password: Password}, true)
	if err != nil {
		t.Fatal(err)
	}
	f.Admin = f.user(t, u)
	f.WS = f.Workspace(t, "Webinar with Partnerco", "Partnerco")
	f.OtherWS = f.Workspace(t, "Ebook with Otherco", "Otherco")
	f.HostMember = f.Join(t, f.WS.ID, "hal@host.test", duet.SideHost, duet.PermMember, "content-lead")
	f.Partner = f.Join(t, f.WS.ID, "pia@partner.test", duet.SidePartner, duet.PermMember, "partner-marketing-lead")
	f.Guest = f.Join(t, f.WS.ID, "gus@host.test", duet.SideHost, duet.PermGuest)
	f.Stranger = f.Join(t, f.OtherWS.ID, "stan@other.test", duet.SidePartner, duet.PermAdmin)
	return f
}

// Workspace creates a workspace from partner-co-marketing as the admin.
func (f *Fixture) Workspace(t testing.TB, name, partner string) *duet.WorkspaceDetail {
	t.Helper()
	d, err := f.Svc.CreateWorkspace(context.Background(), f.Admin.Actor, duet.WorkspaceCreate{
		Name: name, Template: "partner-co-marketing", PartnerOrg: partner,
		KickoffOn: "2026-11-09", LaunchOn: "2027-01-19", TimeZone: "Europe/Berlin"})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Join invites email to the workspace as the admin and accepts the invite.
func (f *Fixture) Join(t testing.TB, wsID, email string, side duet.Side, perm duet.Permission, roles ...string) User {
	t.Helper()
	ctx := context.Background()
	f.Clock.Advance(time.Second) // members join one after another, in order
	inv, err := f.Svc.CreateInvite(ctx, f.Admin.Actor, wsID, duet.InviteCreate{Email: email, Side: side, Permission: perm, RoleKeys: roles})
	if err != nil {
		t.Fatal(err)
	}
	acc, err := f.Svc.AcceptInvite(ctx, inv.Token, core.AcceptInput{Name: email, Password: Password})
	if err != nil {
		t.Fatal(err)
	}
	return f.user(t, acc.User)
}

func (f *Fixture) user(t testing.TB, u duet.User) User {
	t.Helper()
	token, err := f.Svc.CreateToken(context.Background(), u.Email, "fixture")
	if err != nil {
		t.Fatal(err)
	}
	a, err := f.Svc.TokenActor(context.Background(), token)
	if err != nil {
		t.Fatal(err)
	}
	return User{User: u, Password: Password, Actor: a}
}

// Channel returns the workspace's channel with the given key.
func Channel(t testing.TB, d *duet.WorkspaceDetail, key string) duet.Channel {
	t.Helper()
	for _, c := range d.Channels {
		if c.Key == key {
			return c
		}
	}
	t.Fatalf("no channel %q", key)
	return duet.Channel{}
}
