// Package mail sends Duet's email over SMTP.
package mail

import (
	"context"
	"fmt"
	"net"
	"net/smtp"
	"net/url"
	"strings"
	"time"
)

// SMTP sends plain-text mail through one relay.
type SMTP struct {
	addr string
	host string
	from string
	auth smtp.Auth
}

// New parses smtp://[user:password@]host:port[?from=address]. With a user
// it authenticates with PLAIN, which net/smtp only allows over TLS or to
// localhost; the connection upgrades with STARTTLS whenever the relay
// offers it.
func New(raw string) (*SMTP, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "smtp" || u.Host == "" {
		return nil, fmt.Errorf("--smtp-url must look like smtp://user:password@host:587?from=duet@example.com")
	}
	host, port, err := net.SplitHostPort(u.Host)
	if err != nil {
		host, port = u.Host, "25"
	}
	s := &SMTP{addr: net.JoinHostPort(host, port), host: host, from: u.Query().Get("from")}
	if s.from == "" {
		s.from = "duet@" + host
	}
	if u.User != nil {
		pw, _ := u.User.Password()
		s.auth = smtp.PlainAuth("", u.User.Username(), pw, host)
	}
	return s, nil
}

// Message is one plain-text email. ID, when set, becomes its Message-ID:
// a message sent again after a crash carries the same one, so mail
// clients show it once.
type Message struct {
	To      string `json:"to"`
	Subject string `json:"subject"`
	Body    string `json:"body"`
	ID      string `json:"id,omitempty"`
}

// Send delivers one message; it gives up when ctx ends.
func (s *SMTP) Send(ctx context.Context, to, subject, body string) error {
	return s.Deliver(ctx, Message{To: to, Subject: subject, Body: body})
}

// Deliver delivers one message; it gives up when ctx ends.
func (s *SMTP) Deliver(ctx context.Context, m Message) error {
	to, subject, body := m.To, m.Subject, m.Body
	if strings.ContainsAny(to+subject+m.ID, "\r\n<>") {
		return fmt.Errorf("mail: header values must be single lines")
	}
	headers := []string{
		"From: Duet <" + s.from + ">",
		"To: " + to,
		"Subject: " + subject,
		"Date: " + time.Now().Format(time.RFC1123Z),
	}
	if m.ID != "" {
		headers = append(headers, "Message-ID: <"+m.ID+"@"+s.host+">")
	}
	msg := strings.Join(append(headers,
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset=utf-8",
		"Content-Transfer-Encoding: 8bit",
		"",
		strings.ReplaceAll(body, "\n", "\r\n"),
	), "\r\n")
	done := make(chan error, 1)
	go func() { done <- smtp.SendMail(s.addr, s.auth, s.from, []string{to}, []byte(msg)) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
