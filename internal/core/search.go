package core

import (
	"context"
	"html"
	"html/template"
	"strings"
	"unicode/utf8"

	"duet/internal/duet"
	"duet/internal/store"
)

// Search finds the workspace's messages and decisions that the actor may
// see, with highlighted snippets.
func (s *Service) Search(ctx context.Context, a *duet.Actor, wsID, q string) ([]duet.SearchHit, error) {
	q = strings.TrimSpace(q)
	switch {
	case q == "":
		return nil, duet.Invalid("q", "is empty; type what to search for")
	case utf8.RuneCountInString(q) > 200:
		return nil, duet.Invalid("q", "must be at most 200 characters")
	}
	d, err := s.Workspace(ctx, a, wsID)
	if err != nil {
		return nil, err
	}
	var hits []duet.SearchHit
	err = s.db.View(ctx, func(tx *store.Tx) error {
		if hits, err = tx.Search(ctx, wsID, d.Side, q, 50); err != nil {
			return err
		}
		for i := range hits {
			h := &hits[i]
			h.Highlighted = highlight(h.Snippet)
			for _, c := range d.Channels {
				if c.ID == h.ChannelID {
					h.ChannelName = c.Name
				}
			}
			if h.Kind != "message" {
				continue
			}
			m, err := tx.Message(ctx, wsID, h.ItemID, d.Side)
			if err != nil {
				return err
			}
			h.Author, h.Created, h.ThreadID = m.Author.Name, m.Created, m.ParentID
		}
		return nil
	})
	return hits, err
}

// highlight escapes a snippet and turns the store's match markers into
// <mark>: the text itself can never add markup.
func highlight(snippet string) template.HTML {
	esc := html.EscapeString(snippet)
	esc = strings.ReplaceAll(esc, store.MarkStart, "<mark>")
	esc = strings.ReplaceAll(esc, store.MarkEnd, "</mark>")
	return template.HTML(esc)
}

// Inbox is a user's notifications across their workspaces.
type Inbox struct {
	Notifications []duet.Notification
	Unread        int
}

// Notifications returns the actor's newest notifications and how many are
// unread.
func (s *Service) Notifications(ctx context.Context, a *duet.Actor) (Inbox, error) {
	var in Inbox
	if a == nil {
		return in, duet.Errorf(duet.EUnauthorized, "Sign in to continue.")
	}
	err := s.db.View(ctx, func(tx *store.Tx) (err error) {
		if in.Notifications, err = tx.Notifications(ctx, a.User.ID, 100); err != nil {
			return err
		}
		in.Unread, err = tx.UnreadNotifications(ctx, a.User.ID)
		return err
	})
	return in, err
}

// UnreadNotifications counts the actor's unread notifications.
func (s *Service) UnreadNotifications(ctx context.Context, a *duet.Actor) (int, error) {
	if a == nil {
		return 0, nil
	}
	var n int
	err := s.db.Once(ctx, func(tx *store.Tx) (err error) {
		n, err = tx.UnreadNotifications(ctx, a.User.ID)
		return err
	})
	return n, err
}

// MarkNotificationsRead marks the actor's notifications read: the given
// ones, or all of them.
func (s *Service) MarkNotificationsRead(ctx context.Context, a *duet.Actor, ids []string) error {
	if a == nil {
		return duet.Errorf(duet.EUnauthorized, "Sign in to continue.")
	}
	if len(ids) > 500 {
		return duet.Invalid("ids", "at most 500 at a time")
	}
	return s.write(ctx, func(tx *store.Tx) error {
		return tx.MarkNotificationsRead(ctx, a.User.ID, ids, s.Now())
	})
}
