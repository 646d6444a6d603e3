package core_test

import (
	"context"
	"strings"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

func TestMessagesThreadsAndUnread(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		f := coretest.New(t, engine)
		day := coretest.Channel(t, f.WS, "day-to-day")
		root, err := f.Svc.PostMessage(ctx, f.Admin.Actor, f.WS.ID, day.ID, duet.MessagePost{Body: "Kickoff is **Monday**, @Partner Marketing Lead please confirm"})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(root.HTML), "<strong>Monday</strong>") || !strings.Contains(string(root.HTML), `class="mention"`) {
			t.Errorf("html = %s", root.HTML)
		}
		// The partner holds the mentioned role: notified, and an unread.
		inbox, err := f.Svc.Notifications(ctx, f.Partner.Actor)
		if err != nil {
			t.Fatal(err)
		}
		if inbox.Unread != 1 || inbox.Notifications[0].Kind != duet.NoteMention {
			t.Fatalf("partner inbox = %+v", inbox)
		}
		chs, err := f.Svc.Channels(ctx, f.Partner.Actor, f.WS.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range chs {
			if c.ID == day.ID && c.Unread != 1 {
				t.Errorf("partner unread in #day-to-day = %d", c.Unread)
			}
		}
		reply, err := f.Svc.PostMessage(ctx, f.Partner.Actor, f.WS.ID, day.ID, duet.MessagePost{Body: "Confirmed.", ParentID: root.ID})
		if err != nil {
			t.Fatal(err)
		}
		th, err := f.Svc.Thread(ctx, f.Admin.Actor, f.WS.ID, reply.ID)
		if err != nil {
			t.Fatal(err)
		}
		if th.Root.ID != root.ID || len(th.Replies) != 1 || th.Root.Replies != 1 {
			t.Fatalf("thread = %+v", th)
		}
		if err := f.Svc.MarkRead(ctx, f.Partner.Actor, f.WS.ID, day.ID, root.Seq); err != nil {
			t.Fatal(err)
		}
		chs, _ = f.Svc.Channels(ctx, f.Partner.Actor, f.WS.ID)
		for _, c := range chs {
			if c.ID == day.ID && c.Unread != 0 {
				t.Errorf("after reading, unread = %d", c.Unread)
			}
		}
		// Pages are newest first and keyed on seq.
		for i := range 5 {
			if _, err := f.Svc.PostMessage(ctx, f.HostMember.Actor, f.WS.ID, day.ID, duet.MessagePost{Body: "note " + string(rune('a'+i))}); err != nil {
				t.Fatal(err)
			}
		}
		v, err := f.Svc.ChannelMessages(ctx, f.Partner.Actor, f.WS.ID, day.ID, duet.MessageFilter{Limit: 4})
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Page.Messages) != 4 || v.Page.Messages[0].Body != "note e" || v.Page.Before == 0 {
			t.Fatalf("first page = %d messages, first %q, before %d", len(v.Page.Messages), v.Page.Messages[0].Body, v.Page.Before)
		}
		v2, err := f.Svc.ChannelMessages(ctx, f.Partner.Actor, f.WS.ID, day.ID, duet.MessageFilter{Limit: 4, Before: v.Page.Before})
		if err != nil {
			t.Fatal(err)
		}
		if len(v2.Page.Messages) != 2 || v2.Page.Messages[1].ID != root.ID || v2.Page.Before != 0 {
			t.Fatalf("second page = %+v", v2.Page)
		}
	})
}

func TestEditDeleteAndReactions(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		f := coretest.New(t, engine)
		day := coretest.Channel(t, f.WS, "day-to-day")
		msg, err := f.Svc.PostMessage(ctx, f.Partner.Actor, f.WS.ID, day.ID, duet.MessagePost{Body: "first draft"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.EditMessage(ctx, f.Admin.Actor, f.WS.ID, msg.ID, "rewritten"); duet.ErrorKind(err) != duet.EForbidden {
			t.Errorf("editing someone else's message: %v", err)
		}
		edited, err := f.Svc.EditMessage(ctx, f.Partner.Actor, f.WS.ID, msg.ID, "second draft")
		if err != nil || edited.Edited == nil || edited.Body != "second draft" {
			t.Fatalf("edit: %v %+v", err, edited)
		}
		_, hist, err := f.Svc.MessageHistory(ctx, f.Admin.Actor, f.WS.ID, msg.ID)
		if err != nil || len(hist) != 1 || hist[0].Body != "first draft" {
			t.Fatalf("history: %v %+v", err, hist)
		}
		// A host admin cannot delete the partner's words.
		if err := f.Svc.DeleteMessage(ctx, f.Admin.Actor, f.WS.ID, msg.ID); duet.ErrorKind(err) != duet.EForbidden {
			t.Errorf("host admin deleting a partner message: %v", err)
		}
		for _, who := range []*duet.Actor{f.Admin.Actor, f.Partner.Actor, f.Admin.Actor} {
			if _, err := f.Svc.React(ctx, who, f.WS.ID, msg.ID, "👍"); err != nil {
				t.Fatal(err)
			}
		}
		got, err := f.Svc.Message(ctx, f.Admin.Actor, f.WS.ID, msg.ID)
		if err != nil || len(got.Reactions) != 1 || got.Reactions[0].Count != 1 {
			t.Fatalf("reactions after toggling: %v %+v", err, got.Reactions)
		}
		if _, err := f.Svc.React(ctx, f.Admin.Actor, f.WS.ID, msg.ID, "<b>"); duet.ErrorField(err) != "emoji" {
			t.Errorf("bad emoji: %v", err)
		}
		if err := f.Svc.DeleteMessage(ctx, f.Partner.Actor, f.WS.ID, msg.ID); err != nil {
			t.Fatal(err)
		}
		got, _ = f.Svc.Message(ctx, f.Admin.Actor, f.WS.ID, msg.ID)
		if !got.Deleted || got.Body != "" {
			t.Errorf("deleted message still reads %q", got.Body)
		}
		if hits, _ := f.Svc.Search(ctx, f.Admin.Actor, f.WS.ID, "draft"); len(hits) != 0 {
			t.Errorf("a deleted message is still found: %+v", hits)
		}
	})
}

func TestBadMessagesChangeNothing(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		f := coretest.New(t, engine)
		day := coretest.Channel(t, f.WS, "day-to-day")
		decisions := coretest.Channel(t, f.WS, "decisions")
		cases := []struct {
			name  string
			ch    string
			body  string
			kind  string
			field string
		}{
			{"empty", day.ID, "   ", duet.EInvalid, "body"},
			{"one megabyte", day.ID, strings.Repeat("a", 1<<20), duet.EInvalid, "body"},
			{"unknown channel", "nope", "hello", duet.ENotFound, ""},
			{"decisions channel", decisions.ID, "hello", duet.EInvalid, "channel"},
			{"other workspace's channel", coretest.Channel(t, f.OtherWS, "day-to-day").ID, "hello", duet.ENotFound, ""},
		}
		for _, c := range cases {
			_, err := f.Svc.PostMessage(ctx, f.HostMember.Actor, f.WS.ID, c.ch, duet.MessagePost{Body: c.body})
			if duet.ErrorKind(err) != c.kind || duet.ErrorField(err) != c.field {
				t.Errorf("%s: %v (kind %s, field %q)", c.name, err, duet.ErrorKind(err), duet.ErrorField(err))
			}
		}
		v, err := f.Svc.ChannelMessages(ctx, f.Admin.Actor, f.WS.ID, day.ID, duet.MessageFilter{})
		if err != nil || len(v.Page.Messages) != 0 {
			t.Fatalf("after bad input: %v, %d messages", err, len(v.Page.Messages))
		}
	})
}

func TestHostOnlyChannelNeverReachesPartner(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		ctx := context.Background()
		f := coretest.New(t, engine)
		internal, err := f.Svc.CreateChannel(ctx, f.HostMember.Actor, f.WS.ID, duet.ChannelCreate{Name: "Host Internal", Purpose: "pricing", Visibility: duet.VisHost})
		if err != nil {
			t.Fatal(err)
		}
		if internal.Name != "host-internal" {
			t.Errorf("name = %q", internal.Name)
		}
		if _, err := f.Svc.CreateChannel(ctx, f.HostMember.Actor, f.WS.ID, duet.ChannelCreate{Name: "theirs", Visibility: duet.VisPartner}); duet.ErrorField(err) != "visibility" {
			t.Errorf("host keeping a channel to the partner: %v", err)
		}
		secret, err := f.Svc.PostMessage(ctx, f.Admin.Actor, f.WS.ID, internal.ID, duet.MessagePost{Body: "our margin is zanzibar percent @Partner Marketing Lead"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Svc.ChannelMessages(ctx, f.Partner.Actor, f.WS.ID, internal.ID, duet.MessageFilter{}); duet.ErrorKind(err) != duet.ENotFound {
			t.Errorf("partner reading host channel: %v", err)
		}
		if _, err := f.Svc.Message(ctx, f.Partner.Actor, f.WS.ID, secret.ID); duet.ErrorKind(err) != duet.ENotFound {
			t.Errorf("partner reading host message: %v", err)
		}
		if _, err := f.Svc.PostMessage(ctx, f.Partner.Actor, f.WS.ID, internal.ID, duet.MessagePost{Body: "hi"}); duet.ErrorKind(err) != duet.ENotFound {
			t.Errorf("partner posting to host channel: %v", err)
		}
		if _, err := f.Svc.React(ctx, f.Partner.Actor, f.WS.ID, secret.ID, "👍"); duet.ErrorKind(err) != duet.ENotFound {
			t.Errorf("partner reacting in host channel: %v", err)
		}
		chs, _ := f.Svc.Channels(ctx, f.Partner.Actor, f.WS.ID)
		for _, c := range chs {
			if c.ID == internal.ID {
				t.Error("partner lists the host channel")
			}
		}
		if hits, _ := f.Svc.Search(ctx, f.Partner.Actor, f.WS.ID, "zanzibar"); len(hits) != 0 {
			t.Errorf("partner search finds host message: %+v", hits)
		}
		if hits, _ := f.Svc.Search(ctx, f.Admin.Actor, f.WS.ID, "zanzibar"); len(hits) != 1 || !strings.Contains(string(hits[0].Highlighted), "<mark>zanzibar</mark>") {
			t.Errorf("host search: %+v", hits)
		}
		if inbox, _ := f.Svc.Notifications(ctx, f.Partner.Actor); inbox.Unread != 0 {
			t.Errorf("partner notified of a host-only mention: %+v", inbox)
		}
		side, err := f.Svc.StreamSide(ctx, f.Partner.Actor, f.WS.ID)
		if err != nil {
			t.Fatal(err)
		}
		evs, err := f.Svc.EventsAfter(ctx, f.WS.ID, side, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range evs {
			if e.Subject == secret.ID || e.Subject == internal.ID || e.Scope == internal.ID {
				t.Errorf("partner replays host-only event %+v", e)
			}
		}
		if _, err := f.Svc.StreamSide(ctx, f.Stranger.Actor, f.WS.ID); duet.ErrorKind(err) != duet.ENotFound {
			t.Errorf("stranger stream: %v", err)
		}
	})
}

func TestReactionAndReadLimits(t *testing.T) {
	ctx := context.Background()
	f := coretest.New(t, "sqlite")
	day := coretest.Channel(t, f.WS, "day-to-day")
	msg, err := f.Svc.PostMessage(ctx, f.HostMember.Actor, f.WS.ID, day.ID, duet.MessagePost{Body: "pick one"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		if _, err := f.Svc.React(ctx, f.Partner.Actor, f.WS.ID, msg.ID, string(rune(0x1F600+i))); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.Svc.React(ctx, f.Partner.Actor, f.WS.ID, msg.ID, "🚀"); duet.ErrorField(err) != "emoji" {
		t.Errorf("a 21st kind of reaction: %v", err)
	}
	if err := f.Svc.MarkRead(ctx, f.Partner.Actor, f.WS.ID, day.ID, -1); duet.ErrorField(err) != "seq" {
		t.Errorf("negative read mark: %v", err)
	}
}
