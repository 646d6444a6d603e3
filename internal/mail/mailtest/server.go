// Package mailtest is a small SMTP server for tests: it speaks enough of
// RFC 5321 (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) for a real client
// to deliver to it, and keeps every message it receives.
package mailtest

import (
	"net"
	"net/textproto"
	"strings"
	"sync"
	"testing"
)

// Message is one delivered email.
type Message struct {
	From string
	To   []string
	Data string // headers and body, CRLF line endings, dot-unstuffed
}

// Server is a running SMTP server on 127.0.0.1.
type Server struct {
	Addr string
	ln   net.Listener
	mu   sync.Mutex
	msgs []Message
	got  chan struct{}
}

// Start runs a server until the test ends.
func Start(t testing.TB) *Server {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Addr: ln.Addr().String(), ln: ln, got: make(chan struct{}, 100)}
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Go(func() { s.serve(c) })
		}
	})
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	return s
}

// Messages returns what was delivered so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

func (s *Server) serve(c net.Conn) {
	defer c.Close()
	tp := textproto.NewConn(c)
	tp.PrintfLine("220 mailtest ESMTP ready")
	var m Message
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		verb := strings.ToUpper(strings.Fields(line + " x")[0])
		switch verb {
		case "EHLO", "HELO":
			tp.PrintfLine("250-mailtest greets you")
			tp.PrintfLine("250 8BITMIME")
		case "MAIL":
			m = Message{From: addrOf(line)}
			tp.PrintfLine("250 OK")
		case "RCPT":
			m.To = append(m.To, addrOf(line))
			tp.PrintfLine("250 OK")
		case "DATA":
			tp.PrintfLine("354 end with <CRLF>.<CRLF>")
			data, err := tp.ReadDotBytes()
			if err != nil {
				return
			}
			m.Data = string(data)
			s.mu.Lock()
			s.msgs = append(s.msgs, m)
			s.mu.Unlock()
			tp.PrintfLine("250 OK queued")
		case "RSET", "NOOP":
			tp.PrintfLine("250 OK")
		case "QUIT":
			tp.PrintfLine("221 bye")
			return
		default:
			tp.PrintfLine("502 command not implemented")
		}
	}
}

// addrOf takes the address out of "MAIL FROM:<a@b>" or "RCPT TO:<a@b>".
func addrOf(line string) string {
	_, rest, _ := strings.Cut(line, ":")
	rest = strings.TrimSpace(rest)
	if i := strings.IndexByte(rest, '>'); strings.HasPrefix(rest, "<") && i > 0 {
		return rest[1:i]
	}
	return rest
}
