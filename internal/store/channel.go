package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"duet/internal/duet"
)

// Channel returns one channel of a workspace, ENotFound when it does not
// exist or side may not see it.
func (tx *Tx) Channel(ctx context.Context, wsID, id string, side duet.Side) (duet.Channel, error) {
	var c duet.Channel
	err := tx.row(ctx, `SELECT id, key, name, purpose, visibility, position, archived_at IS NOT NULL FROM channels
		WHERE workspace_id = $1 AND visibility IN ('shared', $2) AND id = $3`, wsID, side, id).
		Scan(&c.ID, &c.Key, &c.Name, &c.Purpose, &c.Visibility, &c.Position, &c.Archived)
	return c, notFound(err, "channel")
}

// ChannelByKey returns a channel by its key, e.g. "decisions".
func (tx *Tx) ChannelByKey(ctx context.Context, wsID, key string) (duet.Channel, error) {
	var c duet.Channel
	err := tx.row(ctx, `SELECT id, key, name, purpose, visibility, position, archived_at IS NOT NULL FROM channels WHERE workspace_id = $1 AND key = $2`, wsID, key).
		Scan(&c.ID, &c.Key, &c.Name, &c.Purpose, &c.Visibility, &c.Position, &c.Archived)
	return c, notFound(err, "channel")
}

// Channels lists the channels side may see with the member's unread
// counts (capped at duet.UnreadCap). A member's own posts move their read
// mark (see PostMessage), so the count needs no filter on the author and
// stays an index range scan of at most UnreadCap rows.
func (tx *Tx) Channels(ctx context.Context, wsID string, m *duet.Member) ([]duet.ChannelInfo, error) {
	out := []duet.ChannelInfo{}
	err := tx.each(ctx, `SELECT c.id, c.key, c.name, c.purpose, c.visibility, c.position, c.archived_at IS NOT NULL,
			(SELECT COUNT(*) FROM (SELECT 1 FROM messages x WHERE x.channel_id = c.id AND x.parent_id IS NULL AND x.deleted_at IS NULL
				AND x.seq > COALESCE(r.read_seq, 0) LIMIT `+strconv.Itoa(duet.UnreadCap)+`) u),
			COALESCE((SELECT MAX(seq) FROM messages x WHERE x.channel_id = c.id AND x.parent_id IS NULL), 0)
		FROM channels c LEFT JOIN channel_reads r ON r.channel_id = c.id AND r.member_id = $3
		WHERE c.workspace_id = $1 AND c.visibility IN ('shared', $2) ORDER BY c.position`, []any{wsID, m.Side, m.ID},
		func(scan func(...any) error) error {
			var c duet.ChannelInfo
			if err := scan(&c.ID, &c.Key, &c.Name, &c.Purpose, &c.Visibility, &c.Position, &c.Archived, &c.Unread, &c.LastSeq); err != nil {
				return err
			}
			out = append(out, c)
			return nil
		})
	return out, err
}

// CreateChannel adds a channel at the end of the list.
func (tx *Tx) CreateChannel(ctx context.Context, wsID string, c *duet.Channel, by string) error {
	if err := tx.row(ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM channels WHERE workspace_id = $1`, wsID).Scan(&c.Position); err != nil {
		return err
	}
	var taken int
	if err := tx.row(ctx, `SELECT COUNT(*) FROM channels WHERE workspace_id = $1 AND (key = $2 OR name = $2)`, wsID, c.Name).Scan(&taken); err != nil {
		return err
	}
	if taken > 0 {
		return duet.Invalid("name", "#%s already exists in this workspace", c.Name)
	}
	_, err := tx.exec(ctx, `INSERT INTO channels (id, workspace_id, key, name, purpose, visibility, position, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		c.ID, wsID, c.Key, c.Name, c.Purpose, c.Visibility, c.Position, by)
	return err
}

// UpdateChannel applies a rename, purpose change or (un)archive.
func (tx *Tx) UpdateChannel(ctx context.Context, wsID, id string, in duet.ChannelUpdate, at time.Time) error {
	if in.Name != nil {
		var taken int
		if err := tx.row(ctx, `SELECT COUNT(*) FROM channels WHERE workspace_id = $1 AND name = $2 AND id <> $3`, wsID, *in.Name, id).Scan(&taken); err != nil {
			return err
		}
		if taken > 0 {
			return duet.Invalid("name", "#%s already exists in this workspace", *in.Name)
		}
		if _, err := tx.exec(ctx, `UPDATE channels SET name = $1 WHERE id = $2`, *in.Name, id); err != nil {
			return err
		}
	}
	if in.Purpose != nil {
		if _, err := tx.exec(ctx, `UPDATE channels SET purpose = $1 WHERE id = $2`, *in.Purpose, id); err != nil {
			return err
		}
	}
	if in.Archived != nil {
		var v sql.NullString
		if *in.Archived {
			v = sql.NullString{String: ts(at), Valid: true}
		}
		if _, err := tx.exec(ctx, `UPDATE channels SET archived_at = $1 WHERE id = $2`, v, id); err != nil {
			return err
		}
	}
	return nil
}

// MarkRead records that the member has read the channel up to seq; it
// never moves the mark backwards.
func (tx *Tx) MarkRead(ctx context.Context, memberID, channelID string, seq int64) error {
	_, err := tx.exec(ctx, `INSERT INTO channel_reads (member_id, channel_id, read_seq) VALUES ($1, $2, $3)
		ON CONFLICT (member_id, channel_id) DO UPDATE SET read_seq = CASE WHEN excluded.read_seq > channel_reads.read_seq THEN excluded.read_seq ELSE channel_reads.read_seq END`,
		memberID, channelID, seq)
	return err
}

// placeholders returns n placeholders starting at $first, for an IN list:
// "$2,$3,$4".
func placeholders(first, n int) string {
	ph := make([]string, n)
	for i := range ph {
		ph[i] = "$" + strconv.Itoa(first+i)
	}
	return strings.Join(ph, ",")
}
