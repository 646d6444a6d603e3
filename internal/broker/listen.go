package broker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"

	"duet/internal/duet"
)

// channel is the PostgreSQL channel events are notified on.
const channel = "duet_events"

const (
	minBackoff = 100 * time.Millisecond
	maxBackoff = 30 * time.Second
	// idleCheck is how long Listen waits for a notification before it
	// pings the server, so that a dead connection is noticed.
	idleCheck = 30 * time.Second
)

// Listen relays events between nodes through PostgreSQL: it LISTENs on
// channel "duet_events" on its own pgx connection (dsn is a postgres://
// URL), decodes each payload with duet.ParseEventPayload and publishes it
// to h. It reconnects with capped backoff until ctx is done, and logs
// (without payloads) when it does. The store sends NOTIFY duet_events
// inside the writing transaction, so a notification arrives only on commit
// and on every node including the writer's.
//
// Notifications sent while no connection was listening are lost, so each
// time Listen starts listening it drops the hub's subscribers: their
// browsers reconnect and replay what they missed from the database.
//
// Listen returns ctx.Err() once ctx is done, or at once an error if dsn
// cannot be parsed.
func Listen(ctx context.Context, dsn string, h *Hub, log *slog.Logger) error {
	if log == nil {
		log = slog.Default()
	}
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return fmt.Errorf("broker: listen: %w", err)
	}
	backoff := minBackoff
	for {
		listened, err := listenOnce(ctx, cfg, h, log)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if listened {
			backoff = minBackoff
		}
		log.Warn("broker: listen connection lost, reconnecting", "channel", channel, "error", err, "backoff", backoff)
		t := time.NewTimer(backoff)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		backoff = min(backoff*2, maxBackoff)
	}
}

// listenOnce connects, listens and relays until the connection fails or
// ctx is done. It reports whether it got as far as listening.
func listenOnce(ctx context.Context, cfg *pgx.ConnConfig, h *Hub, log *slog.Logger) (bool, error) {
	conn, err := pgx.ConnectConfig(ctx, cfg.Copy())
	if err != nil {
		return false, err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		conn.Close(cctx)
	}()
	if _, err := conn.Exec(ctx, "listen "+pgx.Identifier{channel}.Sanitize()); err != nil {
		return false, err
	}
	log.Info("broker: listening", "channel", channel)
	h.dropAll()
	for {
		wctx, cancel := context.WithTimeout(ctx, idleCheck)
		n, err := conn.WaitForNotification(wctx)
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				return true, ctx.Err()
			}
			if errors.Is(err, context.DeadlineExceeded) && !conn.IsClosed() {
				pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
				err = conn.Ping(pctx)
				cancel()
				if err == nil {
					continue
				}
			}
			return true, err
		}
		if n == nil || n.Channel != channel {
			continue
		}
		e, err := duet.ParseEventPayload(n.Payload)
		if err != nil {
			log.Warn("broker: undecodable notification", "channel", channel, "bytes", len(n.Payload), "error", err)
			continue
		}
		h.Publish(e)
	}
}
