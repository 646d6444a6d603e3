package web

import (
	"html/template"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"duet/internal/core"
	"duet/internal/duet"
)

// This file turns channels and messages into what the chat views show.

// reactionSet is the small fixed set of reactions the buttons offer.
var reactionSet = []string{"👍", "🎉", "👀", "✅", "❤️"}

// MessageView is one message as the viewer sees it, with what they may do.
type MessageView struct {
	WS         string
	ID         string
	ChannelID  string
	ParentID   string
	Seq        int64
	Author     string
	Initials   string
	Org        string
	Class      string // "host" or "partner"
	HTML       template.HTML
	Time       string // "14:02", or with the day when not today
	TimeISO    string
	TimeFull   string
	Edited     bool
	Deleted    bool
	Replies    string // "3 replies"
	LastReply  string
	Reactions  []ReactionView
	Picker     []ReactionView // the set's reactions nobody used yet
	Decision   string         // "D-4" once recorded
	DecisionID string
	// Candidate shows the author the nudge to record it as a decision.
	Candidate bool
	CanEdit   bool
	CanDelete bool
	CanRecord bool
	CanReact  bool
	CanReply  bool
	InThread  bool
	// Err is why an action on the message was just refused.
	Err string
}

// URL is the message's own page: its thread.
func (m MessageView) URL() string { return "/w/" + m.WS + "/m/" + m.ID }

// ReactionView is one reaction button.
type ReactionView struct {
	Emoji string
	Count int
	Mine  bool
	Who   string // "Maya Okafor and Jordan Reyes"
}

// Label is what a screen reader hears for the toggle.
func (r ReactionView) Label() string {
	switch {
	case r.Count == 0:
		return "React with " + r.Emoji
	case r.Mine:
		return r.Emoji + " from " + r.Who + "; remove yours"
	}
	return r.Emoji + " from " + r.Who + "; add yours"
}

// message lays out one message for the viewer. inThread drops the reply
// link, which leads to the thread being shown.
func (v *viewer) message(m duet.Message, inThread bool) MessageView {
	c, _ := v.channel(m.ChannelID)
	open := !c.Archived && !m.Deleted
	mine := m.Author.MemberID == v.me.ID
	mv := MessageView{WS: v.d.ID, ID: m.ID, ChannelID: m.ChannelID, ParentID: m.ParentID, Seq: m.Seq,
		Author: m.Author.Name, Initials: initials(m.Author.Name), Org: v.o.of(m.Author.Side), Class: sideClass(m.Author.Side),
		HTML: m.HTML, Edited: m.Edited != nil && !m.Deleted, Deleted: m.Deleted, InThread: inThread,
		CanEdit:   open && mine,
		CanDelete: !m.Deleted && (mine || (v.me.Permission == duet.PermAdmin && v.me.Side == m.Author.Side)),
		CanRecord: open && !v.guest() && m.DecisionID == "",
		CanReact:  open,
		CanReply:  !inThread && m.ParentID == "" && (open || m.Replies > 0),
		Candidate: open && mine && m.Candidate == duet.CandidateFlagged && m.DecisionID == "",
	}
	mv.Time, mv.TimeISO, mv.TimeFull = v.when(m.Created)
	if m.Replies > 0 {
		mv.Replies = plural(m.Replies, "reply", "replies")
		if m.LastReply != nil {
			mv.LastReply, _, _ = v.when(*m.LastReply)
		}
	}
	if m.DecisionID != "" {
		mv.Decision, mv.DecisionID = "D-"+strconv.Itoa(m.DecisionNumber), m.DecisionID
	}
	used := map[string]bool{}
	for _, r := range m.Reactions {
		used[r.Emoji] = true
		mv.Reactions = append(mv.Reactions, ReactionView{Emoji: r.Emoji, Count: r.Count,
			Mine: slices.Contains(r.MemberIDs, v.me.ID), Who: duet.JoinWords(r.Names)})
	}
	for _, e := range reactionSet {
		if !used[e] {
			mv.Picker = append(mv.Picker, ReactionView{Emoji: e})
		}
	}
	return mv
}

// messages lays out messages in the order given.
func (v *viewer) messages(ms []duet.Message, inThread bool) []MessageView {
	out := make([]MessageView, len(ms))
	for i, m := range ms {
		out[i] = v.message(m, inThread)
	}
	return out
}

// oldestFirst lays out a page that core returns newest first.
func (v *viewer) oldestFirst(ms []duet.Message) []MessageView {
	out := v.messages(ms, false)
	slices.Reverse(out)
	return out
}

// when writes a moment in the workspace's time zone: the short form for a
// message's header, the machine form, and the long form for its tooltip.
func (v *viewer) when(t time.Time) (short, iso, full string) {
	loc := v.loc()
	lt, now := t.In(loc), v.now.In(loc)
	switch {
	case sameDay(lt, now):
		short = lt.Format("15:04")
	case lt.Year() == now.Year():
		short = lt.Format("Mon 2 Jan, 15:04")
	default:
		short = lt.Format("2 Jan 2006, 15:04")
	}
	return short, lt.Format(time.RFC3339), lt.Format("Monday 2 January 2006 at 15:04 MST")
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// ComposerView is the form that posts a message or a reply.
type ComposerView struct {
	WS          string
	ChannelID   string
	ParentID    string
	Body        string
	Err         FormError
	Placeholder string
	Closed      string // why nobody can post here, e.g. archived
}

// Action is where the composer posts.
func (c ComposerView) Action() string { return "/w/" + c.WS + "/c/" + c.ChannelID + "/messages" }

// composerFields are the composer's inputs as core names them.
var composerFields = []string{"body"}

// OlderView is the control that loads the page before the oldest message
// shown.
type OlderView struct {
	WS        string
	ChannelID string
	Before    int64
}

// ChannelHead is the channel's name, purpose and visibility.
type ChannelHead struct {
	WS       string
	ID       string
	Name     string
	Purpose  string
	Only     string // "Host only", "Partner only" or "" when shared
	Class    string
	Who      string // who sees it, for the badge's tooltip
	Archived bool
	CanEdit  bool
}

// channelHead describes a channel for its header.
func (v *viewer) channelHead(c duet.Channel) ChannelHead {
	h := ChannelHead{WS: v.d.ID, ID: c.ID, Name: c.Name, Purpose: c.Purpose, Only: visLabel(c.Visibility),
		Class: visClass(c.Visibility), Archived: c.Archived, CanEdit: !v.guest() && c.Key != core.DecisionsChannel}
	switch c.Visibility {
	case duet.VisHost:
		h.Who = "Only " + v.o.host + " sees this channel"
	case duet.VisPartner:
		h.Who = "Only " + v.o.partner + " sees this channel"
	default:
		h.Who = v.o.host + " and " + v.o.partner + " both see this channel"
	}
	return h
}

// excerpt shortens text to about n characters at a word boundary.
func excerptOf(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	r := []rune(text)[:n]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}
