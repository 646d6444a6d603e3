package core_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"duet/internal/core"
	"duet/internal/coretest"
	"duet/internal/duet"
	"duet/internal/store"
)

// runScheduler plays the scheduler with the fixture's clock from now to
// end: it jumps straight to each time a task asked for, as jobs.Scheduler
// does, materializing once a day. nodes are services on the same
// database (several nodes); every due moment, all of them run at once.
func runScheduler(t *testing.T, clock *coretest.Clock, end time.Time, nodes ...*core.Service) {
	t.Helper()
	ctx := context.Background()
	nextMat := clock.Now()
	for {
		now := clock.Now()
		if !nextMat.After(now) {
			for _, n := range nodes {
				if _, err := n.MaterializeCheckIns(ctx, now); err != nil {
					t.Fatal(err)
				}
			}
			nextMat = now.Add(24 * time.Hour)
		}
		var wg sync.WaitGroup
		nexts := make([]time.Time, len(nodes))
		errs := make([]error, len(nodes))
		for i, n := range nodes {
			wg.Go(func() { nexts[i], errs[i] = n.SendReminders(ctx, now) })
		}
		wg.Wait()
		next := nextMat
		for i := range nodes {
			if errs[i] != nil {
				t.Fatal(errs[i])
			}
			if !nexts[i].IsZero() && nexts[i].Before(next) {
				next = nexts[i]
			}
		}
		if next.After(end) {
			return
		}
		if next.After(now) {
			clock.Advance(next.Sub(now))
		}
	}
}

// reminders returns a user's check-in notifications in one workspace as
// "kind local-time" lines, in order, after the given instant.
func reminders(t *testing.T, db *store.DB, userID, wsID string, loc *time.Location, after time.Time) []string {
	t.Helper()
	var out []string
	err := db.View(context.Background(), func(tx *store.Tx) error {
		ns, err := tx.Notifications(context.Background(), userID, 10000)
		for _, n := range ns {
			if n.WorkspaceID == wsID && n.Created.After(after) && (n.Kind == duet.NoteCheckInOpen || n.Kind == duet.NoteCheckInNudge) {
				out = append(out, fmt.Sprintf("%s %s %s", n.Created.In(loc).Format("Mon 01-02 15:04 MST"), n.Kind, n.Excerpt))
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// TestRemindersAcrossDST: through the spring daylight-saving change in
// Berlin and in New York, each occurrence opens on the working day before
// its meeting at the meeting's local time, and those who have not
// answered are nudged an hour before it; every reminder is sent exactly
// once, though two nodes run the scheduler side by side.
func TestRemindersAcrossDST(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		f := coretest.New(t, engine)
		ctx := context.Background()
		second := coretest.Service(t, f.DB, f.Clock, nil)
		// A crash in the middle of a run (here: the context ends) sends
		// nothing and claims nothing.
		dead, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := f.Svc.SendReminders(dead, f.Clock.Now()); err == nil {
			t.Fatal("a cancelled run reported success")
		}
		zones := []string{"Europe/Berlin", "America/New_York"} // DST starts 28 and 14 March 2027
		spaces := map[string]*duet.WorkspaceDetail{}
		partners := map[string]coretest.User{}
		for i, tz := range zones {
			d, err := f.Svc.CreateWorkspace(ctx, f.Admin.Actor, duet.WorkspaceCreate{Name: "Spring " + tz, Template: "partner-co-marketing",
				PartnerOrg: "Partnerco", KickoffOn: "2027-03-01", LaunchOn: "2027-05-03", TimeZone: tz})
			if err != nil {
				t.Fatal(err)
			}
			spaces[tz] = d
			partners[tz] = f.Join(t, d.ID, fmt.Sprintf("p%d@partner.test", i), duet.SidePartner, duet.PermMember, "partner-marketing-lead")
		}
		// The scheduler runs from late February, on two nodes at once.
		f.Clock.Advance(time.Date(2027, 2, 25, 12, 0, 0, 0, time.UTC).Sub(f.Clock.Now()))
		runScheduler(t, f.Clock, time.Date(2027, 3, 22, 6, 0, 0, 0, time.UTC), f.Svc, second)
		// Each partner answers Monday 22 March's check-in before its nudge.
		for _, tz := range zones {
			mon := checkInByKey(t, spaces[tz], "monday-check-in")
			occ, err := f.Svc.CurrentOccurrence(ctx, partners[tz].Actor, spaces[tz].ID, mon.ID)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.Svc.AnswerOccurrence(ctx, partners[tz].Actor, spaces[tz].ID, occ.ID, duet.AnswerSave{Question: "progress", Body: "On track."}); err != nil {
				t.Fatal(err)
			}
		}
		runScheduler(t, f.Clock, time.Date(2027, 4, 2, 0, 0, 0, 0, time.UTC), f.Svc, second)

		for _, tz := range zones {
			d := spaces[tz]
			want := map[string][]string{
				"Europe/Berlin": {
					"Thu 03-18 14:00 CET checkin_nudge Thursday launch readiness",
					"Fri 03-19 10:00 CET checkin_open Weekly campaign check-in", // for Monday 22 March
					"Mon 03-22 09:00 CET checkin_nudge Weekly campaign check-in",
					"Wed 03-24 15:00 CET checkin_open Thursday launch readiness",
					"Thu 03-25 14:00 CET checkin_nudge Thursday launch readiness",
					"Fri 03-26 10:00 CET checkin_open Weekly campaign check-in", // for Monday 29 March, after the change
					"Mon 03-29 09:00 CEST checkin_nudge Weekly campaign check-in",
					"Wed 03-31 15:00 CEST checkin_open Thursday launch readiness",
					"Thu 04-01 14:00 CEST checkin_nudge Thursday launch readiness",
				},
				"America/New_York": {
					"Thu 03-18 14:00 EDT checkin_nudge Thursday launch readiness",
					"Fri 03-19 10:00 EDT checkin_open Weekly campaign check-in",
					"Mon 03-22 09:00 EDT checkin_nudge Weekly campaign check-in",
					"Wed 03-24 15:00 EDT checkin_open Thursday launch readiness",
					"Thu 03-25 14:00 EDT checkin_nudge Thursday launch readiness",
					"Fri 03-26 10:00 EDT checkin_open Weekly campaign check-in",
					"Mon 03-29 09:00 EDT checkin_nudge Weekly campaign check-in",
					"Wed 03-31 15:00 EDT checkin_open Thursday launch readiness",
					"Thu 04-01 14:00 EDT checkin_nudge Thursday launch readiness",
				},
			}[tz]
			sort.Strings(want)
			loc, _ := time.LoadLocation(tz)
			from := time.Date(2027, 3, 18, 0, 0, 0, 0, time.UTC)
			if got := reminders(t, f.DB, f.Admin.ID, d.ID, loc, from); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s: the admin's reminders:\n%s\nwant:\n%s", tz, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			// The partner answered Monday 22 March's check-in: no nudge
			// for it, the rest as for the admin.
			gotPartner := reminders(t, f.DB, partners[tz].ID, d.ID, loc, from)
			if len(gotPartner) != len(want)-1 || strings.Contains(strings.Join(gotPartner, "\n"), "03-22 09:00") {
				t.Errorf("%s: the partner's reminders:\n%s", tz, strings.Join(gotPartner, "\n"))
			}
			// Before the DST change in New York: Monday 8 March 10:00 EST.
			if tz == "America/New_York" {
				early := reminders(t, f.DB, f.Admin.ID, d.ID, loc, time.Date(2027, 3, 4, 0, 0, 0, 0, time.UTC))
				if !strings.Contains(strings.Join(early, "\n"), "Fri 03-05 10:00 EST checkin_open Weekly campaign check-in") {
					t.Errorf("New York before the change:\n%s", strings.Join(early, "\n"))
				}
			}
		}
	})
}

// TestReminderAfterRestart: a node that stops before a reminder is due
// and a fresh one started later sends it once; running again sends
// nothing more.
func TestReminderAfterRestart(t *testing.T) {
	f := coretest.New(t, store.SQLite)
	ctx := context.Background()
	mon := checkInByKey(t, f.WS, "monday-check-in")
	// The Monday 30 November occurrence opens Friday 27 November 10:00.
	f.Clock.Advance(time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC).Sub(f.Clock.Now()))
	if _, err := f.Svc.MaterializeCheckIns(ctx, f.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.SendReminders(ctx, f.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	before := reminders(t, f.DB, f.Partner.ID, f.WS.ID, f.WS.Loc, f.Clock.Now())
	// "Down" over the opening time; a new service on the same store comes
	// up two hours after it.
	f.Clock.Advance(time.Date(2026, 11, 27, 11, 0, 0, 0, time.UTC).Sub(f.Clock.Now()))
	restarted := coretest.Service(t, f.DB, f.Clock, nil)
	for range 3 {
		if _, err := restarted.SendReminders(ctx, f.Clock.Now()); err != nil {
			t.Fatal(err)
		}
	}
	after := reminders(t, f.DB, f.Partner.ID, f.WS.ID, f.WS.Loc, time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC))
	// Down over both openings (Thursday's on Wednesday 15:00, Monday's on
	// Friday 10:00): each is sent once, on restart, while still open.
	want := []string{
		"Fri 11-27 12:00 CET checkin_open Thursday launch readiness",
		"Fri 11-27 12:00 CET checkin_open " + mon.Title,
	}
	if len(before) != 0 || strings.Join(after, "|") != strings.Join(want, "|") {
		t.Errorf("before %v, after restart %v, want %v", before, after, want)
	}
}
