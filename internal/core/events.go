package core

import (
	"context"

	"duet/internal/duet"
	"duet/internal/store"
)

// Publisher hands committed events to live streams (the broker).
type Publisher interface {
	Publish(evs ...duet.Event)
}

// write runs fn in a write transaction and, once it has committed,
// publishes the events it appended. On PostgreSQL the transaction's
// NOTIFY does that, on every node, so nothing is left to publish here.
func (s *Service) write(ctx context.Context, fn func(tx *store.Tx) error) error {
	var evs []duet.Event
	err := s.db.Tx(ctx, func(tx *store.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		evs = tx.Published()
		return nil
	})
	if err == nil && len(evs) > 0 && s.events != nil {
		s.events.Publish(evs...)
	}
	return err
}

// channelEvent builds the event of a change inside channel c: scoped to it
// and seen by whoever sees it. Decisions are scoped to #decisions.
func (s *Service) channelEvent(a *duet.Actor, wsID, typ, subject string, c duet.Channel) *duet.Event {
	e := s.event(a, wsID, typ, subject)
	e.Scope, e.Visibility = c.ID, c.Visibility
	return e
}

// event builds an event stamped now, seen by both sides.
func (s *Service) event(a *duet.Actor, wsID, typ, subject string) *duet.Event {
	e := &duet.Event{WorkspaceID: wsID, Type: typ, Subject: subject, Visibility: duet.VisShared, Created: s.Now()}
	if a != nil {
		e.ActorID = a.User.ID
	}
	return e
}

// sideEvent builds an event stamped now, seen by one side only.
func (s *Service) sideEvent(a *duet.Actor, wsID, typ, subject string, side duet.Side) *duet.Event {
	e := s.event(a, wsID, typ, subject)
	e.Visibility = duet.Visibility(side)
	return e
}

// StreamSide checks that the actor may follow a workspace's live events
// and returns the side whose events they receive.
func (s *Service) StreamSide(ctx context.Context, a *duet.Actor, wsID string) (duet.Side, error) {
	var side duet.Side
	err := s.db.Once(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActViewWorkspace, duet.Resource{})
		if m != nil {
			side = m.Side
		}
		return err
	})
	return side, err
}

// maxReplay bounds one replay. A stream further behind than this gets one
// EventReset instead, and reloads what it shows.
const maxReplay = 5000

// EventReset tells a stream that it missed too much to catch up event by
// event: reload the page. Its id is the workspace's latest event, so the
// stream resumes from there.
const EventReset = "stream.reset"

// EventsAfter returns the events after id that side may see, for a stream
// resuming with Last-Event-ID. The caller got side from StreamSide.
func (s *Service) EventsAfter(ctx context.Context, wsID string, side duet.Side, after int64) ([]duet.Event, error) {
	var out []duet.Event
	err := s.db.View(ctx, func(tx *store.Tx) error {
		evs, err := tx.EventsAfter(ctx, wsID, side, after, maxReplay+1)
		if err != nil || len(evs) <= maxReplay {
			out = evs
			return err
		}
		last, err := tx.LastEventID(ctx, wsID)
		out = []duet.Event{{ID: last, WorkspaceID: wsID, Type: EventReset, Visibility: duet.VisShared, Created: s.Now()}}
		return err
	})
	return out, err
}
