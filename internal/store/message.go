package store

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"duet/internal/duet"
)

// messageCols is what every message query selects; scanMessage reads it.
const messageCols = `m.id, m.seq, m.channel_id, COALESCE(m.parent_id, ''), m.author_id, u.id, u.name, m.author_side,
	m.body, m.created_at, m.edited_at, m.deleted_at IS NOT NULL, m.reply_count, m.last_reply_at, m.candidate,
	COALESCE(m.decision_id, ''), COALESCE(d.number, 0)`

const messageFrom = ` FROM messages m JOIN members a ON a.id = m.author_id JOIN users u ON u.id = a.user_id
	LEFT JOIN decisions d ON d.id = m.decision_id `

func scanMessage(scan func(...any) error) (duet.Message, error) {
	var m duet.Message
	var created string
	var edited, last sql.NullString
	err := scan(&m.ID, &m.Seq, &m.ChannelID, &m.ParentID, &m.Author.MemberID, &m.Author.UserID, &m.Author.Name, &m.Author.Side,
		&m.Body, &created, &edited, &m.Deleted, &m.Replies, &last, &m.Candidate, &m.DecisionID, &m.DecisionNumber)
	m.Created, m.Edited, m.LastReply = parseTS(created), parseNullTS(edited), parseNullTS(last)
	if m.Deleted {
		m.Body = ""
	}
	return m, err
}

// InsertMessage writes a message; m.Seq must come from NextSeq. A reply
// bumps its thread's count.
func (tx *Tx) InsertMessage(ctx context.Context, wsID string, m *duet.Message) error {
	var parent any
	if m.ParentID != "" {
		parent = m.ParentID
	}
	if _, err := tx.exec(ctx, `INSERT INTO messages (id, workspace_id, channel_id, parent_id, seq, author_id, author_side, body, created_at, candidate)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		m.ID, wsID, m.ChannelID, parent, m.Seq, m.Author.MemberID, m.Author.Side, m.Body, ts(m.Created), m.Candidate); err != nil {
		return err
	}
	if m.ParentID == "" {
		return nil
	}
	_, err := tx.exec(ctx, `UPDATE messages SET reply_count = reply_count + 1, last_reply_at = $1 WHERE id = $2`, ts(m.Created), m.ParentID)
	return err
}

// Message returns one message in a workspace, if side may see its
// channel; ENotFound otherwise.
func (tx *Tx) Message(ctx context.Context, wsID, id string, side duet.Side) (duet.Message, error) {
	rows, err := tx.messages(ctx, `m.id = $3 AND m.workspace_id = $1 AND m.channel_id IN (SELECT id FROM channels WHERE workspace_id = $1 AND visibility IN ('shared', $2))`, "", 1, wsID, side, id)
	if err != nil {
		return duet.Message{}, err
	}
	if len(rows) == 0 {
		return duet.Message{}, duet.NotFound("message")
	}
	return rows[0], nil
}

// ChannelPage returns top-level messages of a channel older than before
// (all when 0), newest first, at most limit. The caller has checked that
// the channel is visible.
func (tx *Tx) ChannelPage(ctx context.Context, channelID string, before int64, limit int) ([]duet.Message, error) {
	if before <= 0 {
		return tx.messages(ctx, `m.channel_id = $1 AND m.parent_id IS NULL`, "m.seq DESC", limit, channelID)
	}
	return tx.messages(ctx, `m.channel_id = $1 AND m.parent_id IS NULL AND m.seq < $2`, "m.seq DESC", limit, channelID, before)
}

// ChannelSince returns top-level messages of a channel newer than after,
// oldest first, at most limit: what a live page appends.
func (tx *Tx) ChannelSince(ctx context.Context, channelID string, after int64, limit int) ([]duet.Message, error) {
	return tx.messages(ctx, `m.channel_id = $1 AND m.parent_id IS NULL AND m.seq > $2`, "m.seq", limit, channelID, after)
}

// Replies returns a thread's replies, oldest first.
func (tx *Tx) Replies(ctx context.Context, parentID string, limit int) ([]duet.Message, error) {
	return tx.messages(ctx, `m.parent_id = $1`, "m.seq", limit, parentID)
}

// Candidates returns a workspace's messages flagged as possibly
// unrecorded decisions, in channels side may see, newest first.
func (tx *Tx) Candidates(ctx context.Context, wsID string, side duet.Side, limit int) ([]duet.Message, error) {
	return tx.messages(ctx, `m.workspace_id = $1 AND m.candidate = 'flagged' AND m.deleted_at IS NULL
		AND m.channel_id IN (SELECT id FROM channels WHERE workspace_id = $1 AND visibility IN ('shared', $2))`, "m.seq DESC", limit, wsID, side)
}

func (tx *Tx) messages(ctx context.Context, where, order string, limit int, args ...any) ([]duet.Message, error) {
	q := `SELECT ` + messageCols + messageFrom + ` WHERE ` + where
	if order != "" {
		q += ` ORDER BY ` + order
	}
	q += ` LIMIT ` + strconv.Itoa(limit)
	var out []duet.Message
	err := tx.each(ctx, q, args, func(scan func(...any) error) error {
		m, err := scanMessage(scan)
		out = append(out, m)
		return err
	})
	if err != nil || len(out) == 0 {
		return out, err
	}
	return out, tx.loadReactions(ctx, out)
}

// loadReactions fills the reactions of a page of messages in one query.
func (tx *Tx) loadReactions(ctx context.Context, ms []duet.Message) error {
	idx := make(map[string]int, len(ms))
	args := make([]any, len(ms))
	for i, m := range ms {
		idx[m.ID] = i
		args[i] = m.ID
	}
	return tx.each(ctx, `SELECT r.message_id, r.emoji, r.member_id, u.name FROM reactions r JOIN members a ON a.id = r.member_id JOIN users u ON u.id = a.user_id
		WHERE r.message_id IN (`+placeholders(1, len(args))+`) ORDER BY r.created_at, r.member_id`, args,
		func(scan func(...any) error) error {
			var msg, emoji, member, name string
			if err := scan(&msg, &emoji, &member, &name); err != nil {
				return err
			}
			m := &ms[idx[msg]]
			for i := range m.Reactions {
				if m.Reactions[i].Emoji == emoji {
					m.Reactions[i].Count++
					m.Reactions[i].Names = append(m.Reactions[i].Names, name)
					m.Reactions[i].MemberIDs = append(m.Reactions[i].MemberIDs, member)
					return nil
				}
			}
			m.Reactions = append(m.Reactions, duet.Reaction{Emoji: emoji, Count: 1, Names: []string{name}, MemberIDs: []string{member}})
			return nil
		})
}

// EditMessage replaces a message's text, keeping the old text in its
// history.
func (tx *Tx) EditMessage(ctx context.Context, id, body, editorID string, at time.Time) error {
	if _, err := tx.exec(ctx, `INSERT INTO message_edits (message_id, body, replaced_at, editor_id) SELECT id, body, $2, $3 FROM messages WHERE id = $1`,
		id, ts(at), editorID); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `UPDATE messages SET body = $1, edited_at = $2 WHERE id = $3`, body, ts(at), id)
	return err
}

// MessageHistory returns a message's earlier texts, oldest first.
func (tx *Tx) MessageHistory(ctx context.Context, id string) ([]duet.MessageEdit, error) {
	var out []duet.MessageEdit
	err := tx.each(ctx, `SELECT e.body, e.replaced_at, u.name FROM message_edits e JOIN members a ON a.id = e.editor_id JOIN users u ON u.id = a.user_id
		WHERE e.message_id = $1 ORDER BY e.replaced_at`, []any{id},
		func(scan func(...any) error) error {
			var e duet.MessageEdit
			var at string
			if err := scan(&e.Body, &at, &e.Editor); err != nil {
				return err
			}
			e.Replaced = parseTS(at)
			out = append(out, e)
			return nil
		})
	return out, err
}

// DeleteMessage blanks a message's text and its history; the row stays so
// that threads and decisions that point at it still make sense.
func (tx *Tx) DeleteMessage(ctx context.Context, id string, at time.Time) error {
	if _, err := tx.exec(ctx, `DELETE FROM message_edits WHERE message_id = $1`, id); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `UPDATE messages SET body = '', deleted_at = $1, candidate = CASE WHEN candidate = 'flagged' THEN '' ELSE candidate END WHERE id = $2`, ts(at), id)
	return err
}

// ToggleReaction adds the member's reaction, or removes it if present.
func (tx *Tx) ToggleReaction(ctx context.Context, msgID, memberID, emoji string, at time.Time) error {
	r, err := tx.exec(ctx, `DELETE FROM reactions WHERE message_id = $1 AND member_id = $2 AND emoji = $3`, msgID, memberID, emoji)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n > 0 {
		return nil
	}
	var kinds int
	if err := tx.row(ctx, `SELECT COUNT(DISTINCT emoji) FROM reactions WHERE message_id = $1`, msgID).Scan(&kinds); err != nil {
		return err
	}
	if kinds >= 20 {
		return duet.Invalid("emoji", "a message can hold at most 20 different reactions")
	}
	_, err = tx.exec(ctx, `INSERT INTO reactions (message_id, member_id, emoji, created_at) VALUES ($1, $2, $3, $4)`, msgID, memberID, emoji, ts(at))
	return err
}

// SetCandidate changes a message's unrecorded-decision state, and links
// the decision it was recorded as.
func (tx *Tx) SetCandidate(ctx context.Context, msgID, state, decisionID string) error {
	var d any
	if decisionID != "" {
		d = decisionID
	}
	_, err := tx.exec(ctx, `UPDATE messages SET candidate = $1, decision_id = COALESCE($2, decision_id) WHERE id = $3`, state, d, msgID)
	return err
}
