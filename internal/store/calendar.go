package store

import (
	"context"
	"time"
)

// SetCalendarFeed gives a user a calendar feed token (by its hash),
// replacing the old one: the old URL stops working in the same commit.
func (tx *Tx) SetCalendarFeed(ctx context.Context, userID, tokenHash string, at time.Time) error {
	_, err := tx.exec(ctx, `INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES ($1, $2, $3)
		ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`, userID, tokenHash, ts(at))
	return err
}

// CalendarFeedUser returns the user whose feed token has this hash.
func (tx *Tx) CalendarFeedUser(ctx context.Context, tokenHash string) (string, error) {
	var id string
	err := tx.row(ctx, `SELECT user_id FROM calendar_feeds WHERE token_hash = $1`, tokenHash).Scan(&id)
	return id, notFound(err, "calendar feed")
}

// CalendarFeedCreated returns when the user's feed URL was made, nil
// when they have none.
func (tx *Tx) CalendarFeedCreated(ctx context.Context, userID string) (*time.Time, error) {
	var at []string
	err := tx.each(ctx, `SELECT created_at FROM calendar_feeds WHERE user_id = $1`, []any{userID}, func(scan func(...any) error) error {
		var s string
		err := scan(&s)
		at = append(at, s)
		return err
	})
	if err != nil || len(at) == 0 {
		return nil, err
	}
	t := parseTS(at[0])
	return &t, nil
}
