package web

import (
	"context"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// TestRenderEveryView renders each view with realistic data from a real
// workspace, and fails when a view is added without a case here.
func TestRenderEveryView(t *testing.T) {
	f := coretest.New(t, "sqlite")
	ctx := context.Background()
	s := newServer(f.Svc, Options{}, staticFiles())
	d, err := f.Svc.Workspace(ctx, f.Admin.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	res, err := f.Svc.CreateInvite(ctx, f.Admin.Actor, f.WS.ID, duet.InviteCreate{Email: "new@partner.test", Side: duet.SidePartner,
		Permission: duet.PermMember, RoleKeys: []string{"partner-legal-reviewer"}})
	if err != nil {
		t.Fatal(err)
	}
	invites, err := f.Svc.Invites(ctx, f.Admin.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	pv, err := f.Svc.PreviewInvite(ctx, res.Token)
	if err != nil {
		t.Fatal(err)
	}
	me, _ := memberOf(d, f.Admin.Actor)
	// The overview also shows what the fixture lacks: a host-only channel,
	// a finished milestone, dots along the hill. The
	// detail is shared by core's cache, so this works on a copy.
	shown := *d
	shown.Channels = append(slices.Clone(d.Channels), duet.Channel{Name: "host-room", Purpose: "Margins.", Visibility: duet.VisHost})
	shown.Milestones = slices.Clone(d.Milestones)
	shown.Milestones[0].Status = "complete"
	shown.HillCharts = slices.Clone(d.HillCharts)
	shown.HillCharts[0].Scopes = slices.Clone(d.HillCharts[0].Scopes)
	for i := range shown.HillCharts[0].Scopes {
		shown.HillCharts[0].Scopes[i].Position = []int{100, 62, 28, 0}[i%4]
	}
	list, err := f.Svc.Workspaces(ctx, f.Admin.Actor)
	if err != nil {
		t.Fatal(err)
	}
	cards := &WorkspaceListPage{Base: Base{Title: "Workspaces"}, CanCreate: true}
	for _, w := range list {
		cards.Workspaces = append(cards.Workspaces, WorkspaceCard{ID: w.ID, Name: w.Name, Host: "Hostco", Partner: w.PartnerOrg,
			Kickoff: formatDate(w.KickoffOn), Launch: formatDate(w.LaunchOn), Countdown: "64 days to launch",
			Side: "Hostco", SideClass: "host", Permission: "Admin", Members: plural(w.Members, "member", "members")})
	}

	chat := chatViews(t, f, s)

	cases := map[string]viewCase{
		"error":          {&ErrorPage{Base: Base{Title: "Page not found", Narrow: true}, Status: 404, Heading: "Page not found", Message: "There is nothing here."}, []string{"404", "Page not found"}},
		"login":          {&LoginPage{Base: Base{Title: "Sign in", Narrow: true}, Email: "ada@host.test", Next: "/w/x", Err: FormError{Msg: "The email or password is not right."}}, []string{`value="ada@host.test"`, "The email or password is not right.", `name="next" value="/w/x"`}},
		"setup":          {&SetupPage{Base: Base{Title: "Set up Duet", Narrow: true}, Token: "setup_abc", Form: SetupForm{Org: "Hostco", Name: "Ada", Email: "ada@host.test"}, Err: FormError{Field: "password", Msg: "Password must be at least 8 characters."}}, []string{`value="setup_abc"`, `id="password-error"`, `value="Hostco"`}},
		"setup_needed":   {&SetupNeededPage{Base: Base{Title: "Set up Duet", Narrow: true}}, []string{"duet setup"}},
		"workspace_list": {cards, []string{"Webinar with Partnerco", "Ebook with Otherco", "4 members"}},
		"workspace_new": {s.newWorkspacePage(f.Admin.Actor, WorkspaceForm{Template: "channel-partner", Name: "Q3 ebook", KickoffOn: "2026-11-16", LaunchOn: "2027-01-11", TimeZone: "Europe/Berlin"},
			FormError{Field: "partner_org", Msg: "Partner organization is required."}), []string{"Partner Co-Marketing", `data-preview="channel-partner"`, `id="partner_org-error"`, `value="Q3 ebook"`}},
		"workspace_show": {overviewOf(&shown, f.Admin.Actor, f.Svc.Now()), []string{"Webinar with Partnerco", "Every Monday at 10:00 Europe/Berlin",
			"Nobody holds", "<svg", "Not configured", "Lead-Share Rules and Routing Guide", `<span class="badge badge-host">Hostco only</span>`,
			`id="overview-lists"`, "Asset Development", `class="milestone is-complete"`, "Downhill: making it happen", `text-anchor="end"`}},
		"member_list":    {membersPage(d, f.Admin.Actor, me, invites, InviteForm{Email: "x@partner.test", Side: "partner", Permission: "guest", Roles: []string{"partner-content-lead"}}, FormError{Field: "email", Msg: "Email is taken."}, f.Svc.Now()), []string{"new@partner.test", "Revoke", `value="x@partner.test"`, "Partner Legal Reviewer"}},
		"invite_created": {&InviteCreatedPage{Base: Base{Title: "Invite created", Nav: navOf(d, "members")}, ID: d.ID, Email: "new@partner.test", Org: "Partnerco", Class: "partner", Permission: "Member", Roles: []string{"Partner Legal Reviewer"}, URL: res.URL, Expires: "Mon 23 Nov 2026"}, []string{res.URL, "Copy link"}},
		"invite_show":    {invitePage(pv, "Nia", FormError{Field: "password", Msg: "Password must be at least 8 characters."}), []string{"Webinar with Partnerco", "Partnerco", "Ada Admin", `value="Nia"`}},
	}
	for name, c := range chat {
		cases[name] = c
	}
	for name, c := range taskViews(t, f, s) {
		cases[name] = c
	}
	for name, c := range planViews(t, f) {
		cases[name] = c
	}
	for name, c := range checkInViews(t) {
		cases[name] = c
	}
	for name, c := range profileViews(t, f) {
		cases[name] = c
	}
	for name, c := range calendarViews(t) {
		cases[name] = c
	}
	for name, c := range assetViews(t) {
		cases[name] = c
	}
	for name, c := range leadViews(t) {
		cases[name] = c
	}
	for name, c := range docViews(t) {
		cases[name] = c
	}
	if got, want := slices.Sorted(maps.Keys(s.views.pages)), slices.Sorted(maps.Keys(cases)); !slices.Equal(got, want) {
		t.Fatalf("views %v, cases %v: every view needs a case", got, want)
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r = r.WithContext(withActor(r.Context(), f.Admin.Actor, "token"))
			rec := httptest.NewRecorder()
			s.render(rec, r, http.StatusOK, name, c.page)
			body := rec.Body.String()
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d:\n%s", rec.Code, body)
			}
			for _, w := range c.wants {
				if !strings.Contains(body, w) {
					t.Errorf("lacks %q", w)
				}
			}
			// No unsafe values, no inline style or script (CSP forbids them).
			for _, bad := range []string{"ZgotmplZ", "<no value>", " style=", "<style", "<script>", " onclick=", " onchange=", " onsubmit="} {
				if strings.Contains(body, bad) {
					t.Errorf("contains %q", bad)
				}
			}
		})
	}
}

// TestOverviewDates checks the words and numbers of the overview against
// the fixture's fixed clock: Monday 16 November 2026, 14:00 UTC.
func TestOverviewDates(t *testing.T) {
	f := coretest.New(t, "sqlite")
	d, err := f.Svc.Workspace(context.Background(), f.Partner.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	p := overviewOf(d, f.Partner.Actor, f.Svc.Now())
	if p.Countdown != "64 days to launch" {
		t.Errorf("countdown %q", p.Countdown)
	}
	if p.MySide != "Partnerco" || p.Me.Name != f.Partner.Name {
		t.Errorf("me: %q %+v", p.MySide, p.Me)
	}
	mon := p.CheckIns[0]
	if mon.When != "Every Monday at 10:00 Europe/Berlin" || mon.Next != "Mon 23 Nov 2026, 10:00 CET" || mon.NextRel != "in 7 days" {
		t.Errorf("monday check-in: %+v", mon)
	}
	if thu := p.CheckIns[1]; thu.Next != "Thu 19 Nov 2026, 15:00 CET" || thu.NextRel != "in 3 days" {
		t.Errorf("thursday check-in: %+v", thu)
	}
	if m := p.Milestones[0]; m.Due != "Mon 16 Nov 2026" || m.DueRel != "today" || m.Overdue {
		t.Errorf("kickoff milestone: %+v", m)
	}
	if p.CanInvite {
		t.Error("a partner member may not invite")
	}
}

// viewCase is a page to render and what it must show.
type viewCase struct {
	page  page
	wants []string
}

// chatViews builds the channel, message, decision, search and inbox pages
// from a real conversation.
func chatViews(t *testing.T, f *coretest.Fixture, s *server) map[string]viewCase {
	ctx := context.Background()
	d, err := f.Svc.Workspace(ctx, f.Admin.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	me, _ := memberOf(d, f.Admin.Actor)
	v := &viewer{d: d, o: orgsOf(d), me: me, now: f.Svc.Now()}
	ch := channelID(t, f, "day-to-day")
	c, _ := v.channel(ch)
	root := say(t, f, f.Admin, ch, "ok, we agreed to go with the **blue** hero image")
	say(t, f, f.Partner, ch, "Thanks @Ada Admin", root.ID)
	if _, err := f.Svc.React(ctx, f.Partner.Actor, f.WS.ID, root.ID, "🎉"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Svc.EditMessage(ctx, f.Admin.Actor, f.WS.ID, root.ID, "ok, we agreed to go with the **blue** hero image, v2"); err != nil {
		t.Fatal(err)
	}
	page, err := f.Svc.ChannelMessages(ctx, f.Admin.Actor, f.WS.ID, ch, duet.MessageFilter{})
	if err != nil {
		t.Fatal(err)
	}
	thread, err := f.Svc.Thread(ctx, f.Admin.Actor, f.WS.ID, root.ID)
	if err != nil {
		t.Fatal(err)
	}
	msg, edits, err := f.Svc.MessageHistory(ctx, f.Admin.Actor, f.WS.ID, root.ID)
	if err != nil {
		t.Fatal(err)
	}
	say(t, f, f.Partner, channelID(t, f, "kickoff"), "Kickoff notes are up.")
	infos, err := f.Svc.Channels(ctx, f.Admin.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	nav := navOf(d, "channel")
	nav.Sidebar = sidebarOf(v, infos, ch)
	base := func(title string) Base { return Base{Title: title, Nav: nav, Bell: &BellView{Count: 3}, Full: true} }

	dec := propose(t, f, f.Admin, "Blue hero image")
	dec = sign(t, f, f.Admin, dec)
	approved := sign(t, f, f.Partner, sign(t, f, f.Admin, propose(t, f, f.Admin, "Lead routing by region")))
	hits, err := f.Svc.Search(ctx, f.Admin.Actor, f.WS.ID, "hero")
	if err != nil {
		t.Fatal(err)
	}
	inbox, err := f.Svc.Notifications(ctx, f.Partner.Actor)
	if err != nil {
		t.Fatal(err)
	}
	cands, err := f.Svc.Candidates(ctx, f.Admin.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	list := UnrecordedView{WS: d.ID, CanRecord: true}
	for _, m := range cands {
		list.Items = append(list.Items, CandidateView{Msg: v.message(m, false), Channel: c.Name, ChannelURL: "/w/" + d.ID + "/c/" + ch, CanDismiss: true})
	}
	mv := v.message(msg, true)
	history := &HistoryPage{Base: base("History"), Msg: mv, Back: backTo(mv)}
	for _, e := range edits {
		history.Edits = append(history.Edits, EditView{HTML: e.HTML, Replaced: "14:00", Editor: e.Editor})
	}
	search := &SearchPage{Base: base("Search"), WS: d.ID, Query: "hero", Count: plural(len(hits), "result", "results")}
	for _, h := range hits {
		search.Hits = append(search.Hits, v.hit(h))
	}
	notes := &InboxPage{Base: Base{Title: "Inbox", Bell: &BellView{Count: 2}}, Unread: 2}
	for _, n := range inbox.Notifications {
		notes.Notes = append(notes.Notes, noteOf(n, f.Svc.Now()))
	}
	dv, av := v.decision(dec), v.decision(approved)
	return map[string]viewCase{
		"channel_show": {&ChannelPage{Base: base("#day-to-day"), Head: v.channelHead(c), Messages: v.oldestFirst(page.Page.Messages),
			Older: &OlderView{WS: d.ID, ChannelID: ch, Before: 7}, Composer: v.composer(c, "", "half-typed", FormError{Field: "body", Msg: "The text is empty."})},
			[]string{"#</span>day-to-day", "<strong>blue</strong>", "1 reply", "edited", "🎉", "Load older messages", "half-typed</textarea>",
				`id="body-error"`, `class="unread"`, `aria-current="page"`, `class="page-shell has-sidebar is-full"`, `id="live"`}},
		"thread_show": {&ThreadPage{Base: base("Thread"), Head: v.channelHead(c), Root: v.message(thread.Root, true),
			Replies: v.messages(thread.Replies, true), Composer: v.composer(c, root.ID, "", FormError{})},
			[]string{"Thread", "Thanks", `class="mention"`, `name="parent_id"`, "Reply in thread"}},
		"message_edit": {&MessageEditPage{Base: base("Edit"), Edit: MessageEditView{Msg: mv, Body: "new text", Err: FormError{Msg: "The text is empty."}, Back: backTo(mv)}},
			[]string{"Edit your message", "new text</textarea>", "The text is empty."}},
		"message_history": {history, []string{"Edit history", "v2", "Replaced"}},
		"channel_new": {&ChannelNewPage{Base: base("New channel"), New: v.channelForm(ChannelForm{Name: "Bad Name!", Visibility: "host"},
			FormError{Field: "name", Msg: "Name must be lowercase."})}, []string{"New channel", `value="Bad Name!"`, `id="name-error"`, `value="host" checked`}},
		"channel_settings": {&ChannelSettingsPage{Base: base("Settings"), Head: v.channelHead(c), Form: ChannelForm{Name: "day-to-day", Purpose: "Daily."},
			Err: FormError{Msg: "Nothing to change."}}, []string{"#day-to-day settings", `value="Daily."`, "Nothing to change.", "Archive #day-to-day"}},
		"decision_list": {&DecisionLogPage{Base: base("Decisions"), WS: d.ID, CanPropose: true, Count: "2 decisions",
			Kinds:  []FilterLink{{Label: "All kinds", URL: "/w/x/decisions", Current: true}, {Label: "Copy", URL: "/w/x/decisions?kind=copy"}},
			Groups: []DecisionGroup{{Title: "Awaiting sign-off", Status: "proposed", Decisions: []DecisionView{dv}}, {Title: "Approved", Status: "approved", Decisions: []DecisionView{av}}}},
			[]string{"Propose decision", "Awaiting sign-off", "D-1", "D-2", "1 of 2 signed", "2 of 2 signed", "All kinds", `id="unrecorded"`}},
		"decision_unrecorded": {&UnrecordedPage{Base: base("Possibly unrecorded"), List: list}, []string{"Possibly unrecorded", "<strong>blue</strong>", "#day-to-day", "Dismiss"}},
		"decision_new": {&DecisionNewPage{Base: base("Propose"), WS: d.ID, Form: DecisionForm{Kind: "creative", Title: "Blue", Body: "text", FromMessage: root.ID},
			Err: FormError{Field: "title", Msg: "Title is required."}, Kinds: kindOptions("creative"), Source: &mv},
			[]string{"Record as decision", `<option value="creative" selected>`, `id="title-error"`, `name="from_message"`, "<blockquote"}},
		"decision_show": {&DecisionPage{Base: base(dv.Ref), Decision: DecisionPanel{D: dv, Err: FormError{Msg: "You already signed D-1."}, ErrAction: "sign"}},
			[]string{"D-1", "Blue hero image", "Awaiting sign-off", "1 of 2", `id="sign-error"`, "You already signed D-1.", "Sign version 1"}},
		"decision_edit": {&DecisionEditPage{Base: base("Edit"), D: av, Form: DecisionForm{Title: "Changed", Body: "Changed.", Version: 1},
			Err: FormError{Msg: "D-2 is approved and locked."}}, []string{"Edit D-2", `value="Changed"`, "D-2 is approved and locked.", `name="version" value="1"`}},
		"search_show": {search, []string{"hero", "<mark>", "result"}},
		"inbox_show":  {notes, []string{"Inbox", "asks for your sign-off", "Mark all read", "is-unread"}},
	}
}

// TestRenderEveryFragment renders each piece that htmx or a live update
// swaps in on its own.
func TestRenderEveryFragment(t *testing.T) {
	f := coretest.New(t, "sqlite")
	ctx := context.Background()
	s := newServer(f.Svc, Options{}, staticFiles())
	d, err := f.Svc.Workspace(ctx, f.Partner.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	me, _ := memberOf(d, f.Partner.Actor)
	v := &viewer{d: d, o: orgsOf(d), me: me, now: f.Svc.Now()}
	ch := channelID(t, f, "day-to-day")
	c, _ := v.channel(ch)
	m := say(t, f, f.Partner, ch, "Let's go with Tuesday.")
	m, err = f.Svc.Message(ctx, f.Partner.Actor, f.WS.ID, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	infos, err := f.Svc.Channels(ctx, f.Partner.Actor, f.WS.ID)
	if err != nil {
		t.Fatal(err)
	}
	mv := v.message(m, false)
	dec := v.decision(propose(t, f, f.Admin, "Blue hero image"))
	for name, c := range map[string]struct {
		data  any
		wants []string
	}{
		"channel-nav":     {sidebarOf(v, infos, ch), []string{`id="channel-nav"`, "day-to-day", `aria-current="page"`}},
		"channel-form":    {v.channelForm(ChannelForm{Name: "x"}, FormError{Msg: "Taken."}), []string{"Taken.", `value="x"`}},
		"bell-count":      {BellView{Count: 120}, []string{`id="bell-count"`, "99&#43;"}},
		"messages":        {MessagesFragment{Older: &OlderView{WS: d.ID, ChannelID: ch, Before: 3}, Messages: []MessageView{mv}}, []string{`id="older"`, "Tuesday"}},
		"message":         {mv, []string{`id="m-` + m.ID + `"`, "This reads like a decision", "Partnerco"}},
		"message-deleted": {struct{ ID string }{m.ID}, []string{"This message was deleted."}},
		"message-edit":    {MessageEditView{Msg: mv, Body: "Tuesday?", Inline: true, Back: backTo(mv)}, []string{"is-editing", "Tuesday?</textarea>", "hx-post"}},
		"composer":        {v.composer(c, "", "", FormError{}), []string{`id="composer"`, "Message #day-to-day"}},
		"unrecorded":      {UnrecordedView{WS: d.ID, Items: []CandidateView{{Msg: mv, Channel: "day-to-day", ChannelURL: "/w/x/c/y"}}}, []string{"Tuesday", "#day-to-day"}},
		"decision":        {DecisionPanel{D: dec}, []string{`id="decision"`, "D-1", "Sign version 1"}},
	} {
		t.Run(name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			s.fragment(rec, httptest.NewRequest(http.MethodGet, "/", nil), http.StatusOK, name, c.data)
			body := rec.Body.String()
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d:\n%s", rec.Code, body)
			}
			for _, w := range c.wants {
				if !strings.Contains(body, w) {
					t.Errorf("lacks %q:\n%s", w, body)
				}
			}
			for _, bad := range []string{"ZgotmplZ", "<no value>", " style=", "<script", " onclick=", "<html"} {
				if strings.Contains(body, bad) {
					t.Errorf("contains %q", bad)
				}
			}
		})
	}
}
