package core

import (
	"context"

	"duet/internal/duet"
	"duet/internal/store"
)

// Channels lists the channels the actor may see, with their unread
// counts.
func (s *Service) Channels(ctx context.Context, a *duet.Actor, wsID string) ([]duet.ChannelInfo, error) {
	var out []duet.ChannelInfo
	err := s.db.View(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActViewWorkspace, duet.Resource{})
		if err != nil {
			return err
		}
		out, err = tx.Channels(ctx, wsID, m)
		return err
	})
	return out, err
}

// channel loads a channel the actor may see and checks act on it. A
// channel kept to the other side is ENotFound, like one that does not
// exist.
func (s *Service) channel(ctx context.Context, tx *store.Tx, a *duet.Actor, wsID, chID string, act duet.Action) (*duet.Member, duet.Channel, error) {
	m, err := s.member(ctx, tx, a, wsID, duet.ActViewWorkspace, duet.Resource{})
	if err != nil {
		return nil, duet.Channel{}, err
	}
	c, err := channelOf(ctx, tx, a, m, wsID, chID, act)
	return m, c, err
}

// channelOf is channel for a membership already loaded.
func channelOf(ctx context.Context, tx *store.Tx, a *duet.Actor, m *duet.Member, wsID, chID string, act duet.Action) (duet.Channel, error) {
	c, err := tx.Channel(ctx, wsID, chID, m.Side)
	if err != nil {
		return c, err
	}
	if !duet.Can(a, act, duet.Resource{Member: m, Visibility: c.Visibility}) {
		return c, duet.Errorf(duet.EForbidden, "Your role in this workspace does not allow this.")
	}
	return c, nil
}

// CreateChannel adds a channel. Members may keep a channel to their own
// side, never to the other one.
func (s *Service) CreateChannel(ctx context.Context, a *duet.Actor, wsID string, in duet.ChannelCreate) (duet.Channel, error) {
	if err := in.Validate(); err != nil {
		return duet.Channel{}, err
	}
	c := duet.Channel{ID: store.NewID(), Key: in.Name, Name: in.Name, Purpose: in.Purpose, Visibility: in.Visibility}
	err := s.write(ctx, func(tx *store.Tx) error {
		m, err := s.member(ctx, tx, a, wsID, duet.ActEditItem, duet.Resource{})
		if err != nil {
			return err
		}
		if in.Visibility != duet.VisShared && string(in.Visibility) != string(m.Side) {
			return duet.Invalid("visibility", "you can keep a channel to your own side (%s) or share it, not keep it to the other side", m.Side)
		}
		if err := tx.CreateChannel(ctx, wsID, &c, m.ID); err != nil {
			return err
		}
		return tx.AppendEvent(ctx, s.channelEvent(a, wsID, "channel.created", c.ID, c))
	})
	return c, err
}

// UpdateChannel renames, re-purposes, archives or restores a channel.
// The template's #decisions channel keeps its name: other features link
// to it.
func (s *Service) UpdateChannel(ctx context.Context, a *duet.Actor, wsID, chID string, in duet.ChannelUpdate) (duet.Channel, error) {
	if err := in.Validate(); err != nil {
		return duet.Channel{}, err
	}
	var c duet.Channel
	err := s.write(ctx, func(tx *store.Tx) error {
		m, ch, err := s.channel(ctx, tx, a, wsID, chID, duet.ActEditItem)
		if err != nil {
			return err
		}
		if ch.Key == DecisionsChannel && in.Archived != nil && *in.Archived {
			return duet.Invalid("archived", "#%s holds the decision log and cannot be archived", ch.Name)
		}
		if err := tx.UpdateChannel(ctx, wsID, chID, in, s.Now()); err != nil {
			return err
		}
		typ := "channel.updated"
		if in.Archived != nil {
			typ = map[bool]string{true: "channel.archived", false: "channel.restored"}[*in.Archived]
		}
		if err := tx.AppendEvent(ctx, s.channelEvent(a, wsID, typ, chID, ch)); err != nil {
			return err
		}
		c, err = tx.Channel(ctx, wsID, chID, m.Side)
		return err
	})
	return c, err
}

// MarkRead records that the actor has read a channel up to seq.
func (s *Service) MarkRead(ctx context.Context, a *duet.Actor, wsID, chID string, seq int64) error {
	if seq < 0 {
		return duet.Invalid("seq", "must be a message's seq")
	}
	return s.write(ctx, func(tx *store.Tx) error {
		m, _, err := s.channel(ctx, tx, a, wsID, chID, duet.ActViewItem)
		if err != nil {
			return err
		}
		return tx.MarkRead(ctx, m.ID, chID, seq)
	})
}

// DecisionsChannel is the template key of the channel that holds the
// decision log.
const DecisionsChannel = "decisions"
