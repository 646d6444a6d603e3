//go:build !unix

package broker

import (
	"errors"
	"net"
	"syscall"
)

// rawWriter is the unix fast path; elsewhere every write takes a deadline.
type rawWriter struct{}

func (w *rawWriter) init() {}

func rawConn(conn net.Conn) syscall.RawConn { return nil }

func (w *rawWriter) tryWrite(rc syscall.RawConn, b []byte) (int, error) {
	return 0, errors.ErrUnsupported
}
