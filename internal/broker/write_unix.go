//go:build unix

package broker

import (
	"net"
	"syscall"
)

// rawWriter writes to a socket without the runtime poller: one
// non-blocking write(2), whose result says at once whether the socket
// buffer had room. It saves arming a write deadline (a runtime timer) for
// every subscriber on every event.
type rawWriter struct {
	b   []byte
	n   int
	err error
	fn  func(fd uintptr) bool // w.write, bound once
}

func (w *rawWriter) init() { w.fn = w.write }

func (w *rawWriter) write(fd uintptr) bool {
	for {
		n, err := syscall.Write(int(fd), w.b)
		if err == syscall.EINTR {
			continue
		}
		if n > 0 {
			w.n = n
		}
		if err != nil && err != syscall.EAGAIN {
			w.err = err
		}
		return true // never wait: a full buffer is the caller's business
	}
}

// rawConn returns conn's syscall.RawConn, or nil.
func rawConn(conn net.Conn) syscall.RawConn {
	sc, ok := conn.(syscall.Conn)
	if !ok {
		return nil
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return nil
	}
	return rc
}

// tryWrite writes what it can of b without blocking. It returns how many
// bytes were written; err is a failure of the connection, not a full
// buffer. ok is false when raw writes are not available.
func (w *rawWriter) tryWrite(rc syscall.RawConn, b []byte) (n int, err error) {
	w.b, w.n, w.err = b, 0, nil
	if err := rc.Write(w.fn); err != nil {
		w.b = nil
		return 0, err
	}
	n, err = w.n, w.err
	w.b = nil
	return n, err
}
