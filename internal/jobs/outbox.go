package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"duet/internal/store"
)

// Outbox kinds.
const KindMail = "mail"

// Deliverer delivers one kind of outbox item. A *RetryAfter error asks
// for the next attempt no sooner than it says (an HTTP 429's
// Retry-After); a *Permanent error gives up at once.
type Deliverer func(ctx context.Context, it store.OutboxItem) error

// RetryAfter is a failure the other side asked to retry after Wait.
type RetryAfter struct {
	Wait time.Duration
	Err  error
}

func (e *RetryAfter) Error() string { return fmt.Sprintf("%v (retry after %s)", e.Err, e.Wait) }
func (e *RetryAfter) Unwrap() error { return e.Err }

// Permanent is a failure that retrying cannot fix.
type Permanent struct{ Err error }

func (e *Permanent) Error() string { return e.Err.Error() }
func (e *Permanent) Unwrap() error { return e.Err }

// Outbox delivers queued items. Each is leased to one node while it is
// delivered; a failure is retried with exponential backoff and jitter
// until MaxAttempts, then kept as dead with its last error for admins.
type Outbox struct {
	DB          *store.DB
	Node        string // this node's name in leases
	Deliverers  map[string]Deliverer
	Lease       time.Duration // how long a claim holds; 2 minutes when zero
	MaxAttempts int           // 8 when zero
	Batch       int           // items per claim; 20 when zero
	Log         *slog.Logger
}

// Backoff is the wait before attempt n+1 after n failures: 30 s doubling
// up to 6 hours, with up to 20% jitter so retries from many items do not
// arrive together.
func Backoff(n int) time.Duration {
	d := 30 * time.Second << min(n-1, 10)
	d = min(d, 6*time.Hour)
	return d + time.Duration(rand.Int64N(int64(d)/5+1))
}

// Run delivers the items due at now, as a scheduler Task: it asks to run
// again at once while there may be more.
func (o *Outbox) Run(ctx context.Context, now time.Time) (time.Time, error) {
	lease, maxAttempts, batch, log := o.Lease, o.MaxAttempts, o.Batch, o.Log
	if lease <= 0 {
		lease = 2 * time.Minute
	}
	if maxAttempts <= 0 {
		maxAttempts = 8
	}
	if batch <= 0 {
		batch = 20
	}
	if log == nil {
		log = slog.Default()
	}
	var items []store.OutboxItem
	err := o.DB.Tx(ctx, func(tx *store.Tx) (err error) {
		items, err = tx.ClaimOutbox(ctx, o.Node, now, lease, batch)
		return err
	})
	if err != nil {
		return time.Time{}, err
	}
	for _, it := range items {
		deliver := o.Deliverers[it.Kind]
		if deliver == nil {
			err = &Permanent{fmt.Errorf("no deliverer for %q items", it.Kind)}
		} else {
			dctx, cancel := context.WithTimeout(ctx, lease/2)
			err = deliver(dctx, it)
			cancel()
		}
		if ctx.Err() != nil {
			return time.Time{}, nil // shutting down: the lease runs out and another attempt follows
		}
		err = o.DB.Tx(ctx, func(tx *store.Tx) error {
			if err == nil {
				return tx.OutboxDelivered(ctx, it.ID, o.Node, now)
			}
			next, dead := now.Add(Backoff(it.Attempts)), it.Attempts >= maxAttempts
			var ra *RetryAfter
			var perm *Permanent
			switch {
			case errors.As(err, &perm):
				dead = true
			case errors.As(err, &ra):
				next = now.Add(max(ra.Wait, time.Second))
			}
			log.Warn("outbox delivery failed", "id", it.ID, "kind", it.Kind, "attempt", it.Attempts, "dead", dead, "err", err)
			return tx.OutboxFailed(ctx, it.ID, o.Node, err.Error(), next, dead)
		})
		if err != nil {
			return time.Time{}, err
		}
	}
	if len(items) == batch {
		return now, nil
	}
	return time.Time{}, nil
}
