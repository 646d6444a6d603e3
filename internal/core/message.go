package core

import (
	"context"
	"html/template"

	"duet/internal/duet"
	"duet/internal/markdown"
	"duet/internal/store"
)

// ChannelView is one page of a channel as the actor sees it.
type ChannelView struct {
	Channel duet.Channel
	Page    duet.MessagePage
	Side    duet.Side
}

// ChannelMessages returns a page of a channel's top-level messages, newest
// first, rendered for the actor.
func (s *Service) ChannelMessages(ctx context.Context, a *duet.Actor, wsID, chID string, f duet.MessageFilter) (ChannelView, error) {
	var v ChannelView
	if err := f.Validate(); err != nil {
		return v, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return v, err
	}
	err = s.db.View(ctx, func(tx *store.Tx) error {
		m, c, err := s.channel(ctx, tx, a, wsID, chID, duet.ActViewItem)
		if err != nil {
			return err
		}
		v.Channel, v.Side = c, m.Side
		ms, err := tx.ChannelPage(ctx, chID, f.Before, f.Limit+1)
		if err != nil {
			return err
		}
		if len(ms) > f.Limit {
			ms = ms[:f.Limit]
			v.Page.Before = ms[len(ms)-1].Seq
		}
		v.Page.Messages = ms
		return s.renderMessages(ctx, tx, d, ms)
	})
	return v, err
}

// ChannelSince returns the top-level messages posted after seq, oldest
// first: what a live page appends.
func (s *Service) ChannelSince(ctx context.Context, a *duet.Actor, wsID, chID string, after int64) ([]duet.Message, error) {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return nil, err
	}
	var ms []duet.Message
	err = s.db.View(ctx, func(tx *store.Tx) error {
		if _, _, err := s.channel(ctx, tx, a, wsID, chID, duet.ActViewItem); err != nil {
			return err
		}
		if ms, err = tx.ChannelSince(ctx, chID, after, 200); err != nil {
			return err
		}
		return s.renderMessages(ctx, tx, d, ms)
	})
	return ms, err
}

// Thread is a message with its replies.
type Thread struct {
	Channel duet.Channel
	Root    duet.Message
	Replies []duet.Message
}

// maxThread bounds the replies a thread shows.
const maxThread = 500

// Thread returns a message and its replies; for a reply, its thread.
func (s *Service) Thread(ctx context.Context, a *duet.Actor, wsID, msgID string) (Thread, error) {
	var t Thread
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return t, err
	}
	err = s.db.View(ctx, func(tx *store.Tx) error {
		root, err := tx.Message(ctx, wsID, msgID, d.Side)
		if err != nil {
			return err
		}
		if root.ParentID != "" {
			if root, err = tx.Message(ctx, wsID, root.ParentID, d.Side); err != nil {
				return err
			}
		}
		if _, t.Channel, err = s.channel(ctx, tx, a, wsID, root.ChannelID, duet.ActViewItem); err != nil {
			return err
		}
		if t.Replies, err = tx.Replies(ctx, root.ID, maxThread); err != nil {
			return err
		}
		all := append([]duet.Message{root}, t.Replies...)
		if err := s.renderMessages(ctx, tx, d, all); err != nil {
			return err
		}
		t.Root, t.Replies = all[0], all[1:]
		return nil
	})
	return t, err
}

// Message returns one message rendered for the actor.
func (s *Service) Message(ctx context.Context, a *duet.Actor, wsID, msgID string) (duet.Message, error) {
	var msg duet.Message
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return msg, err
	}
	err = s.db.View(ctx, func(tx *store.Tx) error {
		if msg, err = tx.Message(ctx, wsID, msgID, d.Side); err != nil {
			return err
		}
		ms := []duet.Message{msg}
		err := s.renderMessages(ctx, tx, d, ms)
		msg = ms[0]
		return err
	})
	return msg, err
}

func (s *Service) renderMessages(ctx context.Context, tx *store.Tx, d *duet.WorkspaceDetail, ms []duet.Message) error {
	return renderEach(ctx, tx, d, ms, func(m *duet.Message) (string, *template.HTML) { return m.Body, &m.HTML })
}

// renderEach renders the text of every item into its HTML field, with one
// lookup of the decisions they refer to.
func renderEach[T any](ctx context.Context, tx *store.Tx, d *duet.WorkspaceDetail, items []T, field func(*T) (string, *template.HTML)) error {
	texts := make([]string, len(items))
	for i := range items {
		texts[i], _ = field(&items[i])
	}
	r, err := newRenderer(ctx, tx, d, texts...)
	if err != nil {
		return err
	}
	for i := range items {
		text, out := field(&items[i])
		*out = r.html(text)
	}
	return nil
}

// PostMessage posts to a channel, or replies in a thread. Mentions and
// replies notify whoever may see the channel; a message that reads like a
// decision is flagged for its author.
func (s *Service) PostMessage(ctx context.Context, a *duet.Actor, wsID, chID string, in duet.MessagePost) (duet.Message, error) {
	body, err := duet.ValidateBody("body", in.Body)
	if err != nil {
		return duet.Message{}, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return duet.Message{}, err
	}
	now := s.Now()
	msg := duet.Message{ID: store.NewID(), ChannelID: chID, Body: body, Created: now}
	err = s.write(ctx, func(tx *store.Tx) error {
		m, c, err := s.channel(ctx, tx, a, wsID, chID, duet.ActComment)
		if err != nil {
			return err
		}
		if c.Archived {
			return duet.Errorf(duet.EConflict, "#%s is archived; restore it to post.", c.Name)
		}
		if c.Key == DecisionsChannel {
			return duet.Invalid("channel", "#%s holds decisions only; propose a decision, or record a message from another channel as one", c.Name)
		}
		var parent duet.Message
		if in.ParentID != "" {
			if parent, err = tx.Message(ctx, wsID, in.ParentID, m.Side); err != nil {
				return duet.Invalid("parent_id", "no such message in this channel")
			}
			if parent.ChannelID != chID || parent.ParentID != "" || parent.Deleted {
				return duet.Invalid("parent_id", "replies go to a top-level message of this channel")
			}
			msg.ParentID = parent.ID
		}
		if msg.Seq, err = tx.NextSeq(ctx, wsID); err != nil {
			return err
		}
		msg.Author = duet.Author{MemberID: m.ID, UserID: m.UserID, Name: m.Name, Side: m.Side}
		if _, ok := duet.LooksLikeDecision(body); ok {
			msg.Candidate = duet.CandidateFlagged
		}
		if err := tx.InsertMessage(ctx, wsID, &msg); err != nil {
			return err
		}
		if msg.ParentID == "" { // what you wrote yourself is read
			if err := tx.MarkRead(ctx, m.ID, chID, msg.Seq); err != nil {
				return err
			}
		}
		if err := tx.IndexDoc(ctx, messageDoc(wsID, c, msg)); err != nil {
			return err
		}
		if err := s.notifyMessage(ctx, tx, d, c, m, msg, parent); err != nil {
			return err
		}
		return tx.AppendActivity(ctx, s.channelEvent(a, wsID, "message.posted", msg.ID, c))
	})
	if err != nil {
		return duet.Message{}, err
	}
	// The new message is all known here: render it rather than read it back.
	msg.HTML, err = s.renderBody(ctx, d, msg.Body)
	return msg, err
}

// renderBody renders one text; it reads the database only when the text
// refers to decisions.
func (s *Service) renderBody(ctx context.Context, d *duet.WorkspaceDetail, body string) (template.HTML, error) {
	var h template.HTML
	err := s.db.Once(ctx, func(tx *store.Tx) error {
		r, err := newRenderer(ctx, tx, d, body)
		if err == nil {
			h = r.html(body)
		}
		return err
	})
	return h, err
}

func messageDoc(wsID string, c duet.Channel, m duet.Message) store.SearchDoc {
	return store.SearchDoc{ItemID: m.ID, WorkspaceID: wsID, Kind: "message", Visibility: c.Visibility, ChannelID: c.ID,
		Seq: m.Seq, Title: m.Author.Name, Body: markdown.Plain(m.Body)}
}

// notifyMessage notifies the members a message mentions (directly or
// through a role they hold) and, for a reply, the thread's participants;
// never the author, never anyone who cannot see the channel.
func (s *Service) notifyMessage(ctx context.Context, tx *store.Tx, d *duet.WorkspaceDetail, c duet.Channel, author *duet.Member, msg, parent duet.Message) error {
	// The members as of this call's workspace read: a member who joins
	// during it is not notified of a message posted before they could see it.
	byID := map[string]duet.Member{}
	for _, m := range d.Members {
		byID[m.ID] = m
	}
	holders := duet.RoleHolders(d.Members)
	notified := map[string]bool{author.ID: true}
	add := func(memberID, kind string) error {
		m, ok := byID[memberID]
		if !ok || notified[memberID] || !c.Visibility.VisibleTo(m.Side) {
			return nil
		}
		notified[memberID] = true
		return tx.InsertNotification(ctx, &duet.Notification{ID: store.NewID(), UserID: m.UserID, WorkspaceID: d.ID, Kind: kind,
			SubjectID: msg.ID, ScopeID: c.ID, Actor: duet.Author{MemberID: author.ID}, Created: msg.Created})
	}
	for _, mention := range markdown.Mentions(msg.Body, mentionables(d)) {
		if mention.Kind == "member" {
			if err := add(mention.ID, duet.NoteMention); err != nil {
				return err
			}
			continue
		}
		for _, h := range holders[mention.ID] {
			if err := add(h.ID, duet.NoteMention); err != nil {
				return err
			}
		}
	}
	if parent.ID == "" {
		return nil
	}
	if err := add(parent.Author.MemberID, duet.NoteReply); err != nil {
		return err
	}
	replies, err := tx.Replies(ctx, parent.ID, maxThread)
	if err != nil {
		return err
	}
	for _, r := range replies {
		if err := add(r.Author.MemberID, duet.NoteReply); err != nil {
			return err
		}
	}
	return nil
}

// messageForChange loads a message the actor may act on (comment in its
// channel). It takes the workspace lock before reading, so the checks the
// caller makes on the message hold until commit.
func (s *Service) messageForChange(ctx context.Context, tx *store.Tx, a *duet.Actor, wsID, msgID string) (*duet.Member, duet.Channel, duet.Message, error) {
	m, err := s.member(ctx, tx, a, wsID, duet.ActViewWorkspace, duet.Resource{})
	if err != nil {
		return nil, duet.Channel{}, duet.Message{}, err
	}
	if _, err := tx.NextSeq(ctx, wsID); err != nil {
		return nil, duet.Channel{}, duet.Message{}, err
	}
	msg, err := tx.Message(ctx, wsID, msgID, m.Side)
	if err != nil {
		return nil, duet.Channel{}, msg, err
	}
	c, err := channelOf(ctx, tx, a, m, wsID, msg.ChannelID, duet.ActComment)
	if err != nil {
		return nil, c, msg, err
	}
	if msg.Deleted {
		return nil, c, msg, duet.Errorf(duet.EConflict, "This message was deleted.")
	}
	return m, c, msg, nil
}

// editable loads a message the actor may change: only its author edits;
// the author or an admin of the author's side deletes (the other side
// never removes someone's words).
func (s *Service) editable(ctx context.Context, tx *store.Tx, a *duet.Actor, wsID, msgID string, deleting bool) (*duet.Member, duet.Channel, duet.Message, error) {
	m, c, msg, err := s.messageForChange(ctx, tx, a, wsID, msgID)
	if err != nil {
		return nil, c, msg, err
	}
	switch {
	case msg.Author.MemberID == m.ID:
	case deleting && m.Permission == duet.PermAdmin && m.Side == msg.Author.Side:
	case deleting && m.Side != msg.Author.Side:
		return nil, c, msg, duet.Errorf(duet.EForbidden, "Only %s's side can delete their message.", msg.Author.Name)
	default:
		return nil, c, msg, duet.Errorf(duet.EForbidden, "Only %s can change their message.", msg.Author.Name)
	}
	return m, c, msg, nil
}

// EditMessage replaces the text of the actor's own message; the earlier
// text is kept and viewable.
func (s *Service) EditMessage(ctx context.Context, a *duet.Actor, wsID, msgID, body string) (duet.Message, error) {
	body, err := duet.ValidateBody("body", body)
	if err != nil {
		return duet.Message{}, err
	}
	err = s.write(ctx, func(tx *store.Tx) error {
		m, c, msg, err := s.editable(ctx, tx, a, wsID, msgID, false)
		if err != nil {
			return err
		}
		if msg.Body == body {
			return nil
		}
		now := s.Now()
		if err := tx.EditMessage(ctx, msgID, body, m.ID, now); err != nil {
			return err
		}
		if msg.Candidate == "" || msg.Candidate == duet.CandidateFlagged {
			state := ""
			if _, ok := duet.LooksLikeDecision(body); ok {
				state = duet.CandidateFlagged
			}
			if err := tx.SetCandidate(ctx, msgID, state, ""); err != nil {
				return err
			}
		}
		msg.Body = body
		if err := tx.IndexDoc(ctx, messageDoc(wsID, c, msg)); err != nil {
			return err
		}
		return tx.AppendActivity(ctx, s.channelEvent(a, wsID, "message.edited", msgID, c))
	})
	if err != nil {
		return duet.Message{}, err
	}
	return s.Message(ctx, a, wsID, msgID)
}

// DeleteMessage removes a message's text and its history.
func (s *Service) DeleteMessage(ctx context.Context, a *duet.Actor, wsID, msgID string) error {
	return s.write(ctx, func(tx *store.Tx) error {
		_, c, _, err := s.editable(ctx, tx, a, wsID, msgID, true)
		if err != nil {
			return err
		}
		if err := tx.DeleteMessage(ctx, msgID, s.Now()); err != nil {
			return err
		}
		if err := tx.UnindexDoc(ctx, msgID); err != nil {
			return err
		}
		return tx.AppendActivity(ctx, s.channelEvent(a, wsID, "message.deleted", msgID, c))
	})
}

// MessageHistory returns the earlier texts of a message, oldest first.
func (s *Service) MessageHistory(ctx context.Context, a *duet.Actor, wsID, msgID string) (duet.Message, []duet.MessageEdit, error) {
	msg, err := s.Message(ctx, a, wsID, msgID)
	if err != nil {
		return msg, nil, err
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return msg, nil, err
	}
	var edits []duet.MessageEdit
	err = s.db.View(ctx, func(tx *store.Tx) error {
		if edits, err = tx.MessageHistory(ctx, msgID); err != nil {
			return err
		}
		return renderEach(ctx, tx, d, edits, func(e *duet.MessageEdit) (string, *template.HTML) { return e.Body, &e.HTML })
	})
	return msg, edits, err
}

// React toggles the actor's emoji reaction on a message.
func (s *Service) React(ctx context.Context, a *duet.Actor, wsID, msgID, emoji string) (duet.Message, error) {
	emoji, err := duet.ValidateReaction(emoji)
	if err != nil {
		return duet.Message{}, err
	}
	err = s.write(ctx, func(tx *store.Tx) error {
		m, c, _, err := s.messageForChange(ctx, tx, a, wsID, msgID)
		if err != nil {
			return err
		}
		if err := tx.ToggleReaction(ctx, msgID, m.ID, emoji, s.Now()); err != nil {
			return err
		}
		return tx.AppendActivity(ctx, s.channelEvent(a, wsID, "message.reacted", msgID, c))
	})
	if err != nil {
		return duet.Message{}, err
	}
	return s.Message(ctx, a, wsID, msgID)
}

// Candidates lists messages that read like decisions and were neither
// recorded nor dismissed, newest first.
func (s *Service) Candidates(ctx context.Context, a *duet.Actor, wsID string) ([]duet.Message, error) {
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return nil, err
	}
	var ms []duet.Message
	err = s.db.View(ctx, func(tx *store.Tx) error {
		if ms, err = tx.Candidates(ctx, wsID, d.Side, 200); err != nil {
			return err
		}
		return s.renderMessages(ctx, tx, d, ms)
	})
	return ms, err
}

// DismissCandidate says a flagged message is not a decision after all.
// Its author or any non-guest member may dismiss it.
func (s *Service) DismissCandidate(ctx context.Context, a *duet.Actor, wsID, msgID string) error {
	return s.write(ctx, func(tx *store.Tx) error {
		m, c, msg, err := s.messageForChange(ctx, tx, a, wsID, msgID)
		if err != nil {
			return err
		}
		if msg.Author.MemberID != m.ID && m.Permission == duet.PermGuest {
			return duet.Errorf(duet.EForbidden, "Your role in this workspace does not allow this.")
		}
		if msg.Candidate != duet.CandidateFlagged {
			return duet.Errorf(duet.EConflict, "This message is not flagged as a possible decision.")
		}
		if err := tx.SetCandidate(ctx, msgID, duet.CandidateDismissed, ""); err != nil {
			return err
		}
		return tx.AppendActivity(ctx, s.channelEvent(a, wsID, "message.edited", msgID, c))
	})
}
