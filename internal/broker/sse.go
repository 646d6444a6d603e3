package broker

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"duet/internal/duet"
)

// Subscription describes one stream. Replay returns the events after the
// given id that the subscriber may see, in ascending id order (the caller
// filters by side and workspace too; the hub filters live events by
// WorkspaceID and VisibleTo(Side)).
type Subscription struct {
	WorkspaceID string
	Side        duet.Side
	After       int64 // from Last-Event-ID; 0 = no replay
	Replay      func(ctx context.Context, after int64) ([]duet.Event, error)
}

// headers the hub sets itself; copies in w.Header() are not sent.
var ownHeaders = map[string]bool{
	"Content-Type":      true,
	"Cache-Control":     true,
	"X-Accel-Buffering": true,
	"Connection":        true,
	"Content-Length":    true,
	"Transfer-Encoding": true,
	"Keep-Alive":        true,
}

// Serve hijacks the connection and attaches it; it returns once the
// subscriber is live (or on error). After it returns nil the handler must
// not touch w.
//
// Errors that happen before the connection was hijacked (ErrClosed, or a
// ResponseWriter that cannot be hijacked, such as HTTP/2) leave w to the
// caller, which should answer with an error status. Errors after it
// (a failed replay, a dropped connection) wrap http.ErrHijacked: the hub
// has already answered or closed the connection, and w must not be
// touched either.
//
// The response is HTTP/1.1 200 with Content-Type: text/event-stream,
// delimited by closing the connection, and carries the headers already
// set on w.Header() (such as security headers). When the replay fails the
// stream is closed right after its retry line, so the browser tries again
// with the same Last-Event-ID.
func (h *Hub) Serve(w http.ResponseWriter, r *http.Request, s Subscription) error {
	if h.ctx.Err() != nil {
		return ErrClosed
	}
	if s.WorkspaceID == "" || !s.Side.Valid() {
		return fmt.Errorf("broker: subscription needs a workspace and a side (got %q, %q)", s.WorkspaceID, s.Side)
	}
	side := uint8(0)
	if s.Side == duet.SidePartner {
		side = 1
	}
	head := responseHead(w.Header())

	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return fmt.Errorf("broker: hijack: %w", err)
	}
	// The server's read and write deadlines no longer apply: the hub sets
	// a write deadline per write, and never reads.
	conn.SetDeadline(time.Time{})
	hijacked := func(err error) error { return fmt.Errorf("%w (%w)", err, http.ErrHijacked) }

	// Register before replaying: whatever is published from now on is
	// queued on the pending subscriber, so nothing falls between the
	// replay and the live stream.
	u := &sub{conn: conn, raw: rawConn(conn), ws: s.WorkspaceID, side: side, last: max(s.After, 0)}
	sh := h.shards[int(h.next.Add(1)-1)%len(h.shards)]
	h.subs.Add(1)
	if !sh.enqueue(op{kind: opAdd, s: u}) {
		h.subs.Add(-1)
		conn.Close()
		return hijacked(ErrClosed)
	}
	// From here on the shard owns u and closes conn when it drops it.

	var replayed []duet.Event
	if s.Replay != nil && s.After > 0 {
		ctx, cancel := context.WithCancel(r.Context())
		stop := context.AfterFunc(h.ctx, cancel)
		replayed, err = s.Replay(ctx, s.After)
		stop()
		cancel()
		if err != nil {
			// A 200 with only the retry line: the browser reconnects with
			// the same Last-Event-ID. The shard closes the connection.
			conn.SetWriteDeadline(time.Now().Add(handshakeTimeout))
			conn.Write(head)
			h.kill(sh, u)
			return hijacked(fmt.Errorf("broker: replay after %d: %w", s.After, err))
		}
	}

	// Head, retry line and the replayed events in one write.
	b := head
	last := u.last
	for _, e := range replayed {
		if e.ID <= last || e.WorkspaceID != s.WorkspaceID || !e.VisibleTo(s.Side) {
			continue
		}
		b = append(b, newFrame(e).b...)
		last = e.ID
	}
	conn.SetWriteDeadline(time.Now().Add(handshakeTimeout))
	if _, err := conn.Write(b); err != nil {
		h.kill(sh, u)
		return hijacked(fmt.Errorf("broker: write head: %w", err))
	}
	conn.SetWriteDeadline(time.Time{}) // the shard sets its own

	done := make(chan error, 1)
	if !sh.enqueue(op{kind: opLive, s: u, last: last, done: done}) {
		return hijacked(ErrClosed) // the shard's shutdown closes conn
	}
	if err := <-done; err != nil {
		return hijacked(err)
	}
	return nil
}

// kill closes u's connection and waits for its shard to unlink it (only
// the writer may); if the shard is closed, its shutdown does.
func (h *Hub) kill(sh *shard, u *sub) {
	u.conn.Close()
	done := make(chan error, 1)
	if sh.enqueue(op{kind: opDrop, s: u, done: done}) {
		<-done
	}
}

// responseHead formats the status line, the preset headers and the
// stream's own, and the retry line.
func responseHead(preset http.Header) []byte {
	var b bytes.Buffer
	b.WriteString("HTTP/1.1 200 OK\r\n")
	preset.WriteSubset(&b, ownHeaders)
	b.WriteString("Content-Type: text/event-stream\r\n" +
		"Cache-Control: no-store\r\n" +
		"X-Accel-Buffering: no\r\n" +
		"Connection: close\r\n" +
		"\r\n" +
		"retry: " + strconv.Itoa(retryMillis) + "\n\n")
	return b.Bytes()
}
