package duet

import (
	"strings"
	"testing"
	"time"
)

func TestApprovalDeadline(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	for _, tc := range []struct {
		publish string
		lead    int
		want    string
	}{
		{"2027-03-12 09:00", 2, "2027-03-10 09:00"}, // Friday → Wednesday
		{"2027-03-15 09:00", 2, "2027-03-11 09:00"}, // Monday → Thursday, over the weekend
		{"2027-03-16 10:30", 1, "2027-03-15 10:30"},
		{"2027-03-12 09:00", 0, "2027-03-12 09:00"},
		// 14 March 2027 is the spring-forward Sunday: the deadline keeps
		// its wall-clock time across it.
		{"2027-03-16 09:00", 3, "2027-03-11 09:00"},
	} {
		p, _ := time.ParseInLocation("2006-01-02 15:04", tc.publish, ny)
		got := ApprovalDeadline(p.UTC(), tc.lead, ny).In(ny).Format("2006-01-02 15:04")
		if got != tc.want {
			t.Errorf("%s − %d business days = %s, want %s", tc.publish, tc.lead, got, tc.want)
		}
	}
}

func TestDetectSlips(t *testing.T) {
	loc := time.UTC
	at := func(s string) time.Time { t, _ := time.ParseInLocation("2006-01-02 15:04", s, loc); return t }
	day := func(s string) Date { d, _ := ParseDate(s); return d }
	inReview := AssetRef{ID: "a1", Number: 1, Title: "Ebook", Status: AssetInReview}
	approved := AssetRef{ID: "a2", Number: 2, Title: "Banner", Status: AssetApproved}
	lateDue := AssetRef{ID: "a3", Number: 3, Title: "Deck", Status: AssetInReview, DueOn: day("2027-03-13")}
	landing := LaunchEntry{ID: "landing", Title: "Landing page", PublishAt: at("2027-03-13 10:00"), Status: EntryPlanned}
	for _, tc := range []struct {
		name   string
		e      LaunchEntry
		now    string
		golive string
		want   []string // slip kinds
		msg    string   // a part of the first message
	}{
		{"asset in review, deadline passed", LaunchEntry{ID: "e", Title: "News", PublishAt: at("2027-03-12 09:00"), Status: EntryPlanned, Assets: []AssetRef{inReview}},
			"2027-03-10 09:00", "", []string{SlipUnapproved}, "A-1 Ebook is still in review; it had to be approved by Wed 10 Mar 09:00, 2 business days"},
		{"asset in review, deadline ahead", LaunchEntry{ID: "e", Title: "News", PublishAt: at("2027-03-12 09:00"), Status: EntryPlanned, Assets: []AssetRef{inReview}},
			"2027-03-10 08:59", "", nil, ""},
		{"asset approved", LaunchEntry{ID: "e", Title: "News", PublishAt: at("2027-03-12 09:00"), Status: EntryReady, Assets: []AssetRef{approved}},
			"2027-03-12 08:00", "", nil, ""},
		{"published entries do not slip", LaunchEntry{ID: "e", Title: "News", PublishAt: at("2027-03-12 09:00"), Status: EntryPublished, Assets: []AssetRef{inReview}},
			"2027-03-12 10:00", "", nil, ""},
		{"before the entry it follows", LaunchEntry{ID: "e", Title: "News", PublishAt: at("2027-03-12 09:00"), Status: EntryPlanned, After: []EntryRef{{ID: "landing"}}},
			"2027-03-01 09:00", "", []string{SlipOrder}, "must follow Landing page, scheduled Sat 13 Mar 10:00"},
		{"at the same time as the entry it follows", LaunchEntry{ID: "e", Title: "News", PublishAt: at("2027-03-13 10:00"), Status: EntryPlanned, After: []EntryRef{{ID: "landing"}}},
			"2027-03-01 09:00", "", []string{SlipOrder}, ""},
		{"after the entry it follows", LaunchEntry{ID: "e", Title: "News", PublishAt: at("2027-03-14 10:00"), Status: EntryPlanned, After: []EntryRef{{ID: "landing"}}},
			"2027-03-01 09:00", "", nil, ""},
		{"launch-critical after go-live", LaunchEntry{ID: "e", Title: "News", PublishAt: at("2027-03-16 09:00"), Status: EntryPlanned, LaunchCritical: true},
			"2027-03-01 09:00", "2027-03-15", []string{SlipAfterGoLive}, "after the Launch go-live date Mon 15 Mar"},
		{"not launch-critical after go-live", LaunchEntry{ID: "e", Title: "News", PublishAt: at("2027-03-16 09:00"), Status: EntryPlanned},
			"2027-03-01 09:00", "2027-03-15", nil, ""},
		{"approval due after publishing", LaunchEntry{ID: "e", Title: "News", PublishAt: at("2027-03-12 09:00"), Status: EntryPlanned, Assets: []AssetRef{lateDue}},
			"2027-03-01 09:00", "", []string{SlipApprovalDue}, "A-3 Deck is due for approval on Sat 13 Mar, after this publishes on Fri 12 Mar"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := SlipFacts{Entries: []LaunchEntry{landing, tc.e}, LeadDays: 2, Now: at(tc.now), Loc: loc}
			if tc.golive != "" {
				f.GoLive = day(tc.golive)
			}
			got := SlipsOf(DetectSlips(f), "e", "")
			if len(got) != len(tc.want) {
				t.Fatalf("slips %+v, want kinds %v", got, tc.want)
			}
			for i, k := range tc.want {
				if got[i].Kind != k {
					t.Errorf("slip %d is %s, want %s", i, got[i].Kind, k)
				}
			}
			if tc.msg != "" && !strings.Contains(got[0].Msg, tc.msg) {
				t.Errorf("message %q lacks %q", got[0].Msg, tc.msg)
			}
		})
	}
	// A cancelled entry to follow is a slip of its own.
	cancelled := landing
	cancelled.Status = EntryCancelled
	e := LaunchEntry{ID: "e", Title: "News", PublishAt: at("2027-03-14 10:00"), Status: EntryPlanned, After: []EntryRef{{ID: "landing"}}}
	got := DetectSlips(SlipFacts{Entries: []LaunchEntry{cancelled, e}, LeadDays: 2, Now: at("2027-03-01 09:00")})
	if len(got) != 1 || !strings.Contains(got[0].Msg, "which is cancelled") {
		t.Fatalf("following a cancelled entry: %+v", got)
	}
}

func TestFollowCycle(t *testing.T) {
	deps := map[string][]string{"b": {"a"}, "c": {"b"}}
	if loop := FollowCycle("a", []string{"c"}, deps); strings.Join(loop, ">") != "a>c>b>a" {
		t.Fatalf("loop %v", loop)
	}
	if loop := FollowCycle("d", []string{"c"}, deps); loop != nil {
		t.Fatalf("no loop expected, got %v", loop)
	}
	in := EntrySave{Title: "x", Channel: ChanEmail, DRI: "role:r", PublishAt: "2027-03-12T09:00", After: []string{"self"}}
	if _, err := in.Validate("self", time.UTC); ErrorField(err) != "after" {
		t.Fatalf("following itself: %v", err)
	}
}

func TestEntryMove(t *testing.T) {
	for _, tc := range []struct {
		from  string
		in    EntryMove
		field string
	}{
		{EntryPlanned, EntryMove{Version: 1, Status: EntryReady}, ""},
		{EntryReady, EntryMove{Version: 1, Status: EntryPublished}, "live_url"},
		{EntryReady, EntryMove{Version: 1, Status: EntryPublished, LiveURL: "ftp://x"}, "live_url"},
		{EntryReady, EntryMove{Version: 1, Status: EntryPublished, LiveURL: "https://x.example/p"}, ""},
		{EntryPublished, EntryMove{Version: 1, Status: EntryPlanned}, "status"},
		{EntryCancelled, EntryMove{Version: 1, Status: EntryPlanned}, ""},
		{EntryCancelled, EntryMove{Version: 1, Status: EntryPublished, LiveURL: "https://x.example"}, "status"},
		{EntryPlanned, EntryMove{Version: 1, Status: "live"}, "status"},
		{EntryPlanned, EntryMove{Status: EntryReady}, "version"},
	} {
		if got := ErrorField(tc.in.Validate(tc.from)); got != tc.field {
			t.Errorf("%s → %s: field %q, want %q", tc.from, tc.in.Status, got, tc.field)
		}
	}
}
