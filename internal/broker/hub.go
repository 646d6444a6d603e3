// Package broker carries workspace events to browsers over Server-Sent
// Events.
//
// Events are rows written in the same transaction as the change they
// describe; after commit they are published to a Hub (directly, or through
// PostgreSQL NOTIFY and Listen when several nodes serve the same
// database). Every browser viewing a workspace holds one stream per
// workspace, receives only the events its side may see, and re-fetches
// the changed HTML itself: events carry ids, never content.
//
// The hub is built for many idle connections. Serve hijacks the HTTP
// connection, writes the response head itself and hands the bare
// net.Conn to one of a few writer goroutines (shards); no goroutine,
// channel or buffer is kept per subscriber. Publish never blocks: it
// formats each frame once and appends it to every shard's queue. A
// subscriber whose socket buffer is full is dropped (its connection
// closed); the browser reconnects with Last-Event-ID and replays what it
// missed from the database.
package broker

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"duet/internal/duet"
)

// Options configures a Hub. Zero values take the defaults.
type Options struct {
	Heartbeat    time.Duration // default 25s
	WriteTimeout time.Duration // default 50ms
	Shards       int           // default runtime.GOMAXPROCS(0)
	Logger       *slog.Logger  // default slog.Default(); never log payloads
}

// ErrClosed is returned by Serve once the hub is closed.
var ErrClosed = errors.New("broker: hub closed")

const (
	defaultHeartbeat    = 25 * time.Second
	defaultWriteTimeout = 50 * time.Millisecond

	// maxPending bounds the events queued on a subscriber while it
	// replays; past it the subscriber is dropped and will replay again.
	maxPending = 512
	// maxQueue bounds the events waiting in one shard's queue. Past it
	// the shard drops every subscriber and the queued events: the
	// browsers reconnect and replay from the database, so nothing is
	// lost, and memory stays bounded however far a writer falls behind.
	maxQueue = 1 << 16
	// handshakeTimeout bounds writing the response head and the replay.
	handshakeTimeout = 10 * time.Second
	// retryMillis is what browsers wait before reconnecting.
	retryMillis = 2000
)

var (
	errDropped = errors.New("broker: subscriber dropped")
	pingFrame  = []byte(": ping\n\n")
)

// Hub fans events out to the SSE subscribers of this node.
type Hub struct {
	heartbeat    time.Duration
	writeTimeout time.Duration
	log          *slog.Logger

	shards []*shard
	next   atomic.Uint32 // round-robin shard choice
	subs   atomic.Int64  // registered subscribers, pending or live

	ctx       context.Context // done once Close is called
	cancel    context.CancelFunc
	closeOnce sync.Once
	wg        sync.WaitGroup
}

// NewHub starts a hub's writer goroutines. Close stops them.
func NewHub(o Options) *Hub {
	if o.Heartbeat <= 0 {
		o.Heartbeat = defaultHeartbeat
	}
	if o.WriteTimeout <= 0 {
		o.WriteTimeout = defaultWriteTimeout
	}
	if o.Shards <= 0 {
		o.Shards = runtime.GOMAXPROCS(0)
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	h := &Hub{heartbeat: o.Heartbeat, writeTimeout: o.WriteTimeout, log: o.Logger}
	h.ctx, h.cancel = context.WithCancel(context.Background())
	h.shards = make([]*shard, o.Shards)
	for i := range h.shards {
		s := &shard{h: h, id: i, wake: make(chan struct{}, 1), groups: make(map[string]*group)}
		s.rw.init()
		h.shards[i] = s
	}
	h.wg.Add(len(h.shards))
	for _, s := range h.shards {
		go s.run()
	}
	return h
}

// Publish hands events to every shard. It never blocks on subscribers:
// each frame is formatted once here and queued; the writers deliver it.
// Events without an id or workspace are ignored.
func (h *Hub) Publish(evs ...duet.Event) {
	if len(evs) == 0 || h.ctx.Err() != nil {
		return
	}
	frames := make([]*frame, 0, len(evs))
	for _, e := range evs {
		if e.ID <= 0 || e.WorkspaceID == "" {
			continue
		}
		frames = append(frames, newFrame(e))
	}
	if len(frames) == 0 {
		return
	}
	for _, s := range h.shards {
		s.publish(frames)
	}
}

// Subscribers reports how many streams are attached, live or replaying.
func (h *Hub) Subscribers() int { return int(h.subs.Load()) }

// Close closes every subscriber connection and stops the writers. Serve
// fails with ErrClosed afterwards; Publish does nothing.
func (h *Hub) Close() {
	h.closeOnce.Do(func() {
		h.cancel()
		h.wg.Wait()
	})
}

// dropAll drops every subscriber, so that each browser reconnects and
// replays from the database. Listen uses it after (re)subscribing, since
// notifications sent while it was not listening are lost.
func (h *Hub) dropAll() {
	for _, s := range h.shards {
		s.enqueue(op{kind: opReset})
	}
}

// frame is one event formatted for the wire, shared by all subscribers.
type frame struct {
	id  int64
	ws  string
	vis [2]bool // visible to host, partner
	b   []byte
}

func newFrame(e duet.Event) *frame {
	p := e.Payload()
	typ := e.Type
	for i := 0; i < len(typ); i++ {
		if typ[i] == '\n' || typ[i] == '\r' {
			typ = "message" // a type must not break the frame
			break
		}
	}
	b := make([]byte, 0, len("id: \nevent: \ndata: \n\n")+20+len(typ)+len(p))
	b = append(b, "id: "...)
	b = strconv.AppendInt(b, e.ID, 10)
	b = append(b, "\nevent: "...)
	b = append(b, typ...)
	b = append(b, "\ndata: "...)
	b = append(b, p...)
	b = append(b, "\n\n"...)
	return &frame{
		id:  e.ID,
		ws:  e.WorkspaceID,
		vis: [2]bool{e.VisibleTo(duet.SideHost), e.VisibleTo(duet.SidePartner)},
		b:   b,
	}
}

// Subscriber states, owned by the shard's writer.
const (
	statePending uint8 = iota // replaying: events are queued, not written
	stateLive                 // events are written as they come
	stateGone                 // dropped or closed
)

// sub is one attached stream. After Serve registers it only its shard's
// writer touches it, except conn, which Serve also writes while pending.
type sub struct {
	conn    net.Conn
	raw     syscall.RawConn // for non-blocking writes, or nil
	ws      string
	side    uint8 // 0 host, 1 partner
	state   uint8
	idx     int32 // position in g.subs[side]
	g       *group
	last    int64    // highest id written (or known to the browser)
	pending []*frame // queued while replaying
}

// group indexes one workspace's subscribers in a shard, by side.
type group struct {
	ws      string
	subs    [2][]*sub
	frames  []*frame // frames of the batch being delivered
	touched bool
}

type opKind uint8

const (
	opEvent opKind = iota // deliver f
	opAdd                 // register s as pending
	opLive                // s has written up to last: flush its queue, go live
	opDrop                // unlink s, whose Serve failed
	opReset               // drop every subscriber
)

type op struct {
	kind opKind
	f    *frame
	s    *sub
	last int64
	done chan error // opLive, opDrop: the outcome
}

// shard is one writer goroutine and the subscribers it owns.
type shard struct {
	h  *Hub
	id int

	mu       sync.Mutex
	ops      []op // queued for the writer
	nevents  int  // event ops in ops
	overflow bool // events were discarded: drop everyone
	closed   bool
	wake     chan struct{} // 1 slot: the writer has work

	// Owned by the writer goroutine.
	groups  map[string]*group
	spare   []op     // the other half of the double-buffered queue
	touched []*group // groups with frames in the current batch
	buf     [2][]byte
	scratch []byte
	rw      rawWriter
}

func (s *shard) signal() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *shard) publish(frames []*frame) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	if s.nevents+len(frames) > maxQueue {
		s.overflow = true
	} else if !s.overflow {
		for _, f := range frames {
			s.ops = append(s.ops, op{kind: opEvent, f: f})
		}
		s.nevents += len(frames)
	}
	s.mu.Unlock()
	s.signal()
}

// enqueue queues a control op; it reports false once the shard is closed.
func (s *shard) enqueue(o op) bool {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return false
	}
	s.ops = append(s.ops, o)
	s.mu.Unlock()
	s.signal()
	return true
}

func (s *shard) run() {
	defer s.h.wg.Done()
	tick := time.NewTicker(s.h.heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-s.wake:
			s.drain()
		case <-tick.C:
			s.ping()
		case <-s.h.ctx.Done():
			s.shutdown()
			return
		}
	}
}

// drain takes the queued ops and applies them in order.
func (s *shard) drain() {
	s.mu.Lock()
	ops := s.ops
	s.ops = s.spare[:0]
	s.nevents = 0
	overflow := s.overflow
	s.overflow = false
	s.mu.Unlock()

	for i := 0; i < len(ops); {
		switch ops[i].kind {
		case opEvent:
			j := i + 1
			for j < len(ops) && ops[j].kind == opEvent {
				j++
			}
			s.deliver(ops[i:j])
			i = j
			continue
		case opAdd:
			s.add(ops[i].s)
		case opLive:
			ops[i].done <- s.goLive(ops[i].s, ops[i].last)
		case opDrop:
			s.remove(ops[i].s)
			ops[i].done <- nil
		case opReset:
			s.dropAll()
		}
		i++
	}
	if overflow {
		// Events after some of these ops were discarded: every
		// subscriber registered so far may miss them, so all go, and
		// replay when they come back.
		s.h.log.Warn("broker: shard queue overflow, dropping subscribers", "shard", s.id, "subscribers", s.count())
		s.dropAll()
	}
	clear(ops) // release frames and subscribers
	if cap(ops) > 4096 {
		ops = nil // a burst's worth
	}
	s.spare = ops[:0]
}

func (s *shard) add(u *sub) {
	g := s.groups[u.ws]
	if g == nil {
		g = &group{ws: u.ws}
		s.groups[u.ws] = g
	}
	u.g = g
	u.idx = int32(len(g.subs[u.side]))
	g.subs[u.side] = append(g.subs[u.side], u)
}

// remove unlinks u from its group and closes its connection.
func (s *shard) remove(u *sub) {
	if u.state == stateGone {
		return
	}
	u.state = stateGone
	u.pending = nil
	u.conn.Close()
	s.h.subs.Add(-1)
	g := u.g
	if g == nil {
		return
	}
	list := g.subs[u.side]
	last := len(list) - 1
	if i := int(u.idx); i != last {
		list[i] = list[last]
		list[i].idx = int32(i)
	}
	list[last] = nil
	g.subs[u.side] = list[:last]
	u.g = nil
	if len(g.subs[0]) == 0 && len(g.subs[1]) == 0 && s.groups[g.ws] == g {
		delete(s.groups, g.ws)
	}
}

func (s *shard) drop(u *sub, err error) {
	if u.state == stateGone {
		return
	}
	s.h.log.Debug("broker: subscriber dropped", "workspace", u.ws, "error", err)
	s.remove(u)
}

func (s *shard) dropAll() {
	for _, g := range s.groups {
		for side := range g.subs {
			for i := len(g.subs[side]) - 1; i >= 0; i-- {
				s.remove(g.subs[side][i])
			}
		}
	}
}

func (s *shard) count() int {
	n := 0
	for _, g := range s.groups {
		n += len(g.subs[0]) + len(g.subs[1])
	}
	return n
}

// write writes b to a live subscriber, dropping it on failure: a write
// that cannot finish within the write timeout means the socket buffer is
// full and the browser far behind. Where it can, it first tries a
// non-blocking write, which is all it takes unless the buffer is full.
func (s *shard) write(u *sub, b []byte) bool {
	if u.raw != nil {
		n, err := s.rw.tryWrite(u.raw, b)
		if err != nil {
			s.drop(u, err)
			return false
		}
		if n == len(b) {
			return true
		}
		b = b[n:]
	}
	u.conn.SetWriteDeadline(time.Now().Add(s.h.writeTimeout))
	if _, err := u.conn.Write(b); err != nil {
		s.drop(u, err)
		return false
	}
	if u.raw != nil {
		// The raw path fails on an expired deadline: clear it.
		u.conn.SetWriteDeadline(time.Time{})
	}
	return true
}

// deliver writes a run of events: frames are grouped by workspace, each
// group's frames are concatenated once per side, and each subscriber
// gets one write.
func (s *shard) deliver(ops []op) {
	for _, o := range ops {
		g := s.groups[o.f.ws]
		if g == nil {
			continue
		}
		if !g.touched {
			g.touched = true
			s.touched = append(s.touched, g)
		}
		g.frames = append(g.frames, o.f)
	}
	for _, g := range s.touched {
		s.deliverGroup(g)
		clear(g.frames)
		g.frames = g.frames[:0]
		g.touched = false
	}
	clear(s.touched)
	s.touched = s.touched[:0]
}

func (s *shard) deliverGroup(g *group) {
	for side := range g.subs {
		if len(g.subs[side]) == 0 {
			continue
		}
		// The frames this side may see, concatenated, and whether their
		// ids ascend (they do unless nodes publish out of order).
		buf := s.buf[side][:0]
		var first, last int64
		ascending := true
		n := 0
		for _, f := range g.frames {
			if !f.vis[side] {
				continue
			}
			if n == 0 {
				first = f.id
			} else if f.id <= last {
				ascending = false
			}
			last = f.id
			n++
			buf = append(buf, f.b...)
		}
		s.buf[side] = buf
		if n == 0 {
			continue
		}
		// Backwards, since dropping u moves the last subscriber into
		// its place.
		for i := len(g.subs[side]) - 1; i >= 0; i-- {
			u := g.subs[side][i]
			switch {
			case u.state == statePending:
				s.queue(u, g.frames, side)
			case ascending && first > u.last:
				if s.write(u, buf) {
					u.last = last
				}
			default:
				s.writeFiltered(u, g.frames, side)
			}
		}
	}
	// Do not keep a burst's worth of memory per shard.
	for side := range s.buf {
		if cap(s.buf[side]) > 64<<10 {
			s.buf[side] = nil
		}
	}
}

// writeFiltered writes the frames u may see with ids above u.last.
func (s *shard) writeFiltered(u *sub, frames []*frame, side int) {
	b := s.scratch[:0]
	last := u.last
	for _, f := range frames {
		if f.vis[side] && f.id > last {
			b = append(b, f.b...)
			last = f.id
		}
	}
	s.scratch = b
	if len(b) > 0 && s.write(u, b) {
		u.last = last
	}
	if cap(s.scratch) > 64<<10 {
		s.scratch = nil
	}
}

// queue keeps the frames for a replaying subscriber.
func (s *shard) queue(u *sub, frames []*frame, side int) {
	for _, f := range frames {
		if !f.vis[side] {
			continue
		}
		if len(u.pending) >= maxPending {
			s.drop(u, errors.New("broker: too many events during replay"))
			return
		}
		u.pending = append(u.pending, f)
	}
}

// goLive writes what was queued while u replayed (skipping what the
// replay already wrote) and marks it live.
func (s *shard) goLive(u *sub, last int64) error {
	if u.state != statePending {
		return errDropped
	}
	if last > u.last {
		u.last = last
	}
	b := s.scratch[:0]
	for _, f := range u.pending {
		if f.id > last {
			b = append(b, f.b...)
			last = f.id
		}
	}
	s.scratch = b
	u.pending = nil
	u.state = stateLive
	if len(b) > 0 {
		if !s.write(u, b) {
			return errDropped
		}
		u.last = last
	}
	if cap(s.scratch) > 64<<10 {
		s.scratch = nil
	}
	return nil
}

// ping writes a heartbeat comment to every live subscriber.
func (s *shard) ping() {
	for _, g := range s.groups {
		for side := range g.subs {
			for i := len(g.subs[side]) - 1; i >= 0; i-- {
				if u := g.subs[side][i]; u.state == stateLive {
					s.write(u, pingFrame)
				}
			}
		}
	}
}

// shutdown closes the shard: later ops are refused, queued ones are
// answered, and every connection is closed.
func (s *shard) shutdown() {
	s.mu.Lock()
	s.closed = true
	ops := s.ops
	s.ops = nil
	s.mu.Unlock()
	for _, o := range ops {
		switch o.kind {
		case opAdd:
			s.add(o.s)
		case opLive:
			o.done <- ErrClosed
		case opDrop:
			o.done <- nil
		}
	}
	s.dropAll()
}
