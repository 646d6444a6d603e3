package web

import (
	"context"
	"fmt"
	"regexp"
	"sync/atomic"
	"testing"

	"duet/internal/coretest"
	"duet/internal/duet"
)

// Builders for the channel, message and decision tests: they go through
// the real service, as the pages' own forms would.

// channelID returns the id of the fixture workspace's channel with the
// template key (kickoff, day-to-day, decisions, retro).
func channelID(t *testing.T, f *coretest.Fixture, key string) string {
	t.Helper()
	for _, c := range f.WS.Channels {
		if c.Key == key {
			return c.ID
		}
	}
	t.Fatalf("no channel %q", key)
	return ""
}

var seq atomic.Int64

// uniqueName returns a string no other test call returns.
func uniqueName(prefix string) string { return fmt.Sprintf("%s-%d", prefix, seq.Add(1)) }

// hostRoom creates a channel only the host side sees.
func hostRoom(t *testing.T, f *coretest.Fixture) string {
	t.Helper()
	c, err := f.Svc.CreateChannel(context.Background(), f.Admin.Actor, f.WS.ID,
		duet.ChannelCreate{Name: uniqueName("host-room"), Purpose: "Margin talk the partner must never read.", Visibility: duet.VisHost})
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}

// say posts a message as u; parent makes it a reply.
func say(t *testing.T, f *coretest.Fixture, u coretest.User, channel, body string, parent ...string) duet.Message {
	t.Helper()
	in := duet.MessagePost{Body: body}
	if len(parent) > 0 {
		in.ParentID = parent[0]
	}
	m, err := f.Svc.PostMessage(context.Background(), u.Actor, f.WS.ID, channel, in)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// propose proposes a decision of kind "other", which the admin (Partner
// Marketing Manager) and the partner (Partner Marketing Lead) sign.
func propose(t *testing.T, f *coretest.Fixture, u coretest.User, title string) duet.Decision {
	t.Helper()
	d, err := f.Svc.ProposeDecision(context.Background(), u.Actor, f.WS.ID,
		duet.DecisionCreate{Kind: duet.KindOther, Title: title, Body: "We do **" + title + "**.", Rationale: "Because both sides said so."})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// sign signs a decision as u.
func sign(t *testing.T, f *coretest.Fixture, u coretest.User, d duet.Decision) duet.Decision {
	t.Helper()
	d, err := f.Svc.SignDecision(context.Background(), u.Actor, f.WS.ID, d.ID, d.Version)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// count counts the matches of a pattern in the page.
func (r response) count(pattern string) int {
	return len(regexp.MustCompile(pattern).FindAllStringIndex(r.body, -1))
}
