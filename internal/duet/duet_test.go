package duet

import (
	"testing"
)

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
