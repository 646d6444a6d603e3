package duet

import (
	"testing"
	"time"
)

func TestWeeklyNextKeepsWallClockAcrossDST(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	ny, _ := time.LoadLocation("America/New_York")
	start, _ := ParseDate("2026-01-01")
	mon, _ := ParseWeekly("FREQ=WEEKLY;BYDAY=MO")
	monThu, _ := ParseWeekly("FREQ=WEEKLY;BYDAY=MO,TH")
	every2, _ := ParseWeekly("FREQ=WEEKLY;BYDAY=MO;INTERVAL=2")
	for _, tc := range []struct {
		name string
		w    Weekly
		now  time.Time
		loc  *time.Location
		want string
	}{
		{"next monday", mon, time.Date(2026, 3, 25, 12, 0, 0, 0, time.UTC), berlin, "2026-03-30T10:00:00+02:00"},
		{"before DST change", mon, time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC), berlin, "2026-03-23T10:00:00+01:00"},
		{"same day, before the time", mon, time.Date(2026, 3, 23, 8, 0, 0, 0, time.UTC), berlin, "2026-03-23T10:00:00+01:00"},
		{"same day, after the time", mon, time.Date(2026, 3, 23, 9, 30, 0, 0, time.UTC), berlin, "2026-03-30T10:00:00+02:00"},
		{"two days a week", monThu, time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC), ny, "2026-11-05T10:00:00-05:00"},
		{"every other week", every2, time.Date(2026, 1, 6, 0, 0, 0, 0, time.UTC), berlin, "2026-01-12T10:00:00+01:00"},
		{"not before start", mon, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), berlin, "2026-01-05T10:00:00+01:00"},
	} {
		got := tc.w.Next(tc.now, start, 10, 0, tc.loc).Format(time.RFC3339)
		if got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
	for _, bad := range []string{"", "FREQ=DAILY", "FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=XX", "FREQ=WEEKLY;BYDAY=MO;INTERVAL=0", "FREQ=WEEKLY;BYDAY=MO;COUNT=3"} {
		if _, err := ParseWeekly(bad); err == nil {
			t.Errorf("ParseWeekly(%q) accepted", bad)
		}
	}
}

func TestRelDate(t *testing.T) {
	kickoff, _ := ParseDate("2026-02-01")
	launch, _ := ParseDate("2026-03-15")
	for in, want := range map[string]string{"kickoff": "2026-02-01", "kickoff+3d": "2026-02-04", "launch-14d": "2026-03-01", "launch+21d": "2026-04-05"} {
		r, err := ParseRelDate(in)
		if err != nil || r.Resolve(kickoff, launch).String() != want {
			t.Errorf("%s → %v %v, want %s", in, r.Resolve(kickoff, launch), err, want)
		}
	}
	for _, bad := range []string{"", "launch-2w", "tomorrow", "kickoff+1000d"} {
		if _, err := ParseRelDate(bad); err == nil {
			t.Errorf("ParseRelDate(%q) accepted", bad)
		}
	}
}

func TestPolicy(t *testing.T) {
	host := &Actor{User: User{ID: "h", IsAdmin: true}, Org: Organization{IsHost: true}}
	partner := &Actor{User: User{ID: "p", IsAdmin: true}, Org: Organization{}}
	hostAdmin := &Member{UserID: "h", Side: SideHost, Permission: PermAdmin}
	partnerAdmin := &Member{UserID: "p", Side: SidePartner, Permission: PermAdmin}
	guest := &Member{UserID: "h", Side: SideHost, Permission: PermGuest}
	for _, tc := range []struct {
		name string
		a    *Actor
		act  Action
		r    Resource
		want bool
	}{
		{"anonymous sees nothing", nil, ActViewWorkspace, Resource{Member: hostAdmin}, false},
		{"host admin creates workspaces", host, ActCreateWorkspace, Resource{}, true},
		{"a partner never creates workspaces", partner, ActCreateWorkspace, Resource{}, false},
		{"non-member", host, ActViewWorkspace, Resource{}, false},
		{"someone else's membership", partner, ActViewWorkspace, Resource{Member: hostAdmin}, false},
		{"partner sees shared", partner, ActViewItem, Resource{Member: partnerAdmin, Visibility: VisShared}, true},
		{"partner never sees host-only", partner, ActViewItem, Resource{Member: partnerAdmin, Visibility: VisHost}, false},
		{"host never sees partner-only", host, ActViewItem, Resource{Member: hostAdmin, Visibility: VisPartner}, false},
		{"guest reads", host, ActViewItem, Resource{Member: guest}, true},
		{"guest comments", host, ActComment, Resource{Member: guest}, true},
		{"guest does not edit", host, ActEditItem, Resource{Member: guest}, false},
		{"host admin invites partners", host, ActManageInvites, Resource{Member: hostAdmin, Side: SidePartner}, true},
		{"partner admin invites partners", partner, ActManageInvites, Resource{Member: partnerAdmin, Side: SidePartner}, true},
		{"partner admin cannot invite hosts", partner, ActManageInvites, Resource{Member: partnerAdmin, Side: SideHost}, false},
	} {
		if got := Can(tc.a, tc.act, tc.r); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestWorkspaceCreateValidate(t *testing.T) {
	good := WorkspaceCreate{Name: "W", Template: "t", PartnerOrg: "P", KickoffOn: "2026-01-01", LaunchOn: "2026-02-01", TimeZone: "Europe/Berlin"}
	if _, err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for field, mutate := range map[string]func(*WorkspaceCreate){
		"name":        func(w *WorkspaceCreate) { w.Name = "  " },
		"template":    func(w *WorkspaceCreate) { w.Template = "" },
		"partner_org": func(w *WorkspaceCreate) { w.PartnerOrg = "a\nb" },
		"kickoff_on":  func(w *WorkspaceCreate) { w.KickoffOn = "01/01/2026" },
		"launch_on":   func(w *WorkspaceCreate) { w.LaunchOn = "2025-12-01" },
		"time_zone":   func(w *WorkspaceCreate) { w.TimeZone = "Local" },
	} {
		in := good
		mutate(&in)
		if _, err := in.Validate(); ErrorField(err) != field || ErrorKind(err) != EInvalid {
			t.Errorf("%s: %v", field, err)
		}
	}
}

// FuzzWeekly: any rule either fails to parse or yields a next occurrence
// that is after now, on one of its days, at the wall-clock time asked.
func FuzzWeekly(f *testing.F) {
	for _, s := range []string{"FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=MO,TH;INTERVAL=2", "RRULE:FREQ=WEEKLY;BYDAY=SU", "FREQ=WEEKLY;BYDAY="} {
		f.Add(s, int64(1_800_000_000), uint8(10), uint8(30))
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	start, _ := ParseDate("2026-01-01")
	f.Fuzz(func(t *testing.T, rule string, unix int64, hour, min uint8) {
		w, err := ParseWeekly(rule)
		if err != nil {
			return
		}
		h, m := int(hour%24), int(min%60)
		now := time.Unix(unix%4_000_000_000, 0)
		next := w.Next(now, start, h, m, berlin)
		if next.IsZero() {
			t.Fatalf("%q: no next occurrence after %v", rule, now)
		}
		local := next.In(berlin)
		if !next.After(now) || !w.has(local.Weekday()) {
			t.Fatalf("%q after %v gave %v", rule, now, local)
		}
		// Wall-clock time holds except where a DST gap skips that time.
		if (local.Hour() != h || local.Minute() != m) && local.Hour() != h+1 {
			t.Fatalf("%q at %02d:%02d gave %v", rule, h, m, local)
		}
	})
}
