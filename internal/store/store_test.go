package store_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"duet/internal/coretest"
	"duet/internal/duet"
	"duet/internal/store"
)

// Every test here runs against SQLite and, when DUET_TEST_DATABASE_URL is
// set, PostgreSQL: the same queries must mean the same on both.
func each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	coretest.EachEngine(t, func(t *testing.T, engine string) { fn(t, coretest.OpenDB(t, engine)) })
}

var now = coretest.Start

// seed writes a host org, a partner org, a user and a workspace built
// from a small structure with one host-only channel and task.
func seed(t *testing.T, db *store.DB) *duet.WorkspaceDetail {
	t.Helper()
	ctx := context.Background()
	host := duet.Organization{ID: store.NewID(), Name: "Hostco", IsHost: true, Created: now}
	partner := duet.Organization{ID: store.NewID(), Name: "Partnerco", Created: now}
	u := duet.User{ID: store.NewID(), OrgID: host.ID, Email: "a@host.test", Name: "Ada", IsAdmin: true, Created: now}
	kickoff, _ := duet.ParseDate("2026-11-09")
	tpl := &duet.Template{
		Roles: []duet.TemplateRole{{Key: "pmm", Name: "PMM", Side: duet.SideHost}, {Key: "plead", Name: "Partner Lead", Side: duet.SidePartner}},
		Channels: []duet.TemplateChannel{
			{Key: "day-to-day", Name: "day-to-day", Purpose: "work", Visibility: duet.VisShared},
			{Key: "host-notes", Name: "host-notes", Purpose: "internal", Visibility: duet.VisHost},
		},
		TaskLists: []duet.TemplateTaskList{{Key: "kickoff", Title: "Kickoff", DRI: "pmm", Tasks: []duet.TemplateTask{
			{Title: "Agree goals", DRI: "plead", Due: "kickoff+2d"},
		}}},
		HillChart: duet.TemplateHillChart{Title: "Hill", Scopes: []duet.TemplateScope{{Title: "Kickoff", TaskList: "kickoff"}}},
		Apps:      []duet.TemplateApp{{Key: "tasks", Name: "Tasks", Enabled: true}},
	}
	w := duet.Workspace{ID: store.NewID(), Name: "Webinar", TemplateKey: "t", HostOrgID: host.ID, PartnerOrgID: partner.ID,
		KickoffOn: kickoff, LaunchOn: kickoff.AddDays(60), TimeZone: "Europe/Berlin", CreatedBy: u.ID, Created: now}
	d, tasks := duet.Instantiate(tpl, w, store.NewID)
	tasks = append(tasks, duet.Task{ID: store.NewID(), ListID: d.TaskLists[0].ID, Number: len(tasks) + 1, Title: "Internal budget", DRI: duet.DRI{RoleKey: "pmm"},
		DueOn: kickoff, Due: duet.DueRule{Anchor: duet.AnchorKickoff}, Status: duet.TaskOpen, Visibility: duet.VisHost, Position: 1, Created: now, Updated: now})
	err := db.Tx(ctx, func(tx *store.Tx) error {
		for _, o := range []*duet.Organization{&host, &partner} {
			if err := tx.CreateOrg(ctx, o); err != nil {
				return err
			}
		}
		if err := tx.CreateUser(ctx, &u, "hash"); err != nil {
			return err
		}
		if err := tx.InsertWorkspace(ctx, d, tasks); err != nil {
			return err
		}
		return tx.AddMember(ctx, w.ID, &duet.Member{ID: store.NewID(), UserID: u.ID, Side: duet.SideHost, Permission: duet.PermAdmin, RoleKeys: []string{"pmm"}, Joined: now})
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDetailIsFilteredBySide(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		d := seed(t, db)
		for _, tc := range []struct {
			side            duet.Side
			channels, tasks int
		}{{duet.SideHost, 2, 2}, {duet.SidePartner, 1, 1}} {
			var got *duet.WorkspaceDetail
			var tasks []duet.Task
			err := db.View(ctx, func(tx *store.Tx) (err error) {
				if got, err = tx.Detail(ctx, d.ID, tc.side); err != nil {
					return err
				}
				tasks, err = tx.Tasks(ctx, d.ID, tc.side, duet.TaskFilter{})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Channels) != tc.channels || len(tasks) != tc.tasks {
				t.Errorf("%s sees %d channels and %d tasks, want %d and %d", tc.side, len(got.Channels), len(tasks), tc.channels, tc.tasks)
			}
			for _, c := range got.Channels {
				if !c.Visibility.VisibleTo(tc.side) {
					t.Errorf("%s sees channel %s (%s)", tc.side, c.Name, c.Visibility)
				}
			}
			if got.HillCharts[0].Scopes[0].TaskListID != got.TaskLists[0].ID {
				t.Errorf("hill scope not linked to its task list")
			}
			if got.Members[0].RoleKeys[0] != "pmm" || tasks[0].DRI.RoleKey != "plead" {
				t.Errorf("roles not read back: %+v", got.Members[0])
			}
		}
	})
}

func TestErrorsAreMappedByCode(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		d := seed(t, db)
		err := db.Tx(ctx, func(tx *store.Tx) error {
			return tx.CreateUser(ctx, &duet.User{ID: store.NewID(), OrgID: d.HostOrgID, Email: "a@host.test", Name: "Dup", Created: now}, "h")
		})
		if duet.ErrorKind(err) != duet.EConflict || duet.ErrorField(err) != "email" {
			t.Errorf("duplicate email: %v", err)
		}
		err = db.View(ctx, func(tx *store.Tx) error { _, err := tx.Workspace(ctx, "nope"); return err })
		if duet.ErrorKind(err) != duet.ENotFound {
			t.Errorf("missing workspace: %v", err)
		}
		// A role of the other side is refused, and the failed transaction
		// leaves nothing behind.
		var members int
		err = db.Tx(ctx, func(tx *store.Tx) error {
			u := duet.User{ID: store.NewID(), OrgID: d.PartnerOrgID, Email: "p@partner.test", Name: "Pia", Created: now}
			if err := tx.CreateUser(ctx, &u, "h"); err != nil {
				return err
			}
			return tx.AddMember(ctx, d.ID, &duet.Member{ID: store.NewID(), UserID: u.ID, Side: duet.SidePartner, Permission: duet.PermMember, RoleKeys: []string{"pmm"}, Joined: now})
		})
		if duet.ErrorKind(err) != duet.EInvalid || duet.ErrorField(err) != "roles" {
			t.Errorf("wrong-side role: %v", err)
		}
		db.View(ctx, func(tx *store.Tx) error {
			ms, err := tx.Members(ctx, d.ID)
			members = len(ms)
			if _, _, uerr := tx.UserByEmail(ctx, "p@partner.test"); duet.ErrorKind(uerr) != duet.ENotFound {
				t.Errorf("rolled-back user exists: %v", uerr)
			}
			return err
		})
		if members != 1 {
			t.Errorf("members after rollback = %d, want 1", members)
		}
	})
}

func TestInviteIsUsedOnce(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		d := seed(t, db)
		in := duet.Invite{ID: store.NewID(), WorkspaceID: d.ID, Email: "p@partner.test", Side: duet.SidePartner, Permission: duet.PermMember,
			RoleKeys: []string{"plead"}, InvitedBy: d.CreatedBy, Created: now, Expires: now.Add(duet.InviteTTL)}
		if err := db.Tx(ctx, func(tx *store.Tx) error { return tx.CreateInvite(ctx, &in, "hash1") }); err != nil {
			t.Fatal(err)
		}
		// Many concurrent accepts: exactly one wins.
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins := 0
		for range 8 {
			wg.Go(func() {
				err := db.Tx(ctx, func(tx *store.Tx) error { return tx.MarkInviteAccepted(ctx, in.ID, now) })
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					wins++
				case duet.ErrorKind(err) != duet.EConflict:
					t.Errorf("accept: %v", err)
				}
			})
		}
		wg.Wait()
		if wins != 1 {
			t.Fatalf("%d accepts succeeded, want 1", wins)
		}
		var got duet.Invite
		db.View(ctx, func(tx *store.Tx) (err error) { got, err = tx.InviteByHash(ctx, "hash1"); return err })
		if got.State(now) != "accepted" || len(got.RoleKeys) != 1 {
			t.Errorf("invite after accept: %+v", got)
		}
	})
}

func TestMigrateIsSafeConcurrentlyAndTwice(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		var wg sync.WaitGroup
		for range 3 {
			wg.Go(func() {
				if err := db.Migrate(context.Background()); err != nil {
					t.Errorf("migrate: %v", err)
				}
			})
		}
		wg.Wait()
	})
}

func TestSQLiteDurabilitySettings(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "d.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Open already refuses to start without WAL, synchronous=FULL and
	// foreign keys; prove foreign keys bite on a pooled connection.
	err = db.Migrate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Tx(ctx, func(tx *store.Tx) error {
		return tx.CreateUser(ctx, &duet.User{ID: "u", OrgID: "no-such-org", Email: "x@y.test", Name: "X", Created: time.Now()}, "h")
	})
	if err == nil {
		t.Fatal("a user in a missing organization was accepted: foreign keys are off")
	}
}

// A data directory whose name has URI characters in it still opens the
// file inside it, not some other file.
func TestSQLitePathWithURICharacters(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "campaign #1 ?draft% data")
	db, err := store.Open(context.Background(), filepath.Join(dir, "duet.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "duet.db")); err != nil {
		t.Errorf("database not at the path given: %v", err)
	}
}
