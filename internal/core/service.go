// Package core holds Duet's use cases. Each exported method is one thing
// an actor does: it validates, runs one transaction that checks the policy
// and writes the change with its event, and only after commit has side
// effects such as sending mail.
package core

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"time"

	"duet/internal/duet"
	"duet/internal/store"
	"duet/templates"
)

// Service is the set of use cases over one store.
type Service struct {
	db        *store.DB
	templates *templates.Registry
	now       func() time.Time
	log       *slog.Logger
	mailer    Mailer
	baseURL   string
	hasher    Hasher
	throttle  *throttle
	details   *detailCache
	hashing   chan struct{} // slots for concurrent password hashing
	events    Publisher
	files     FileStore
	maxUpload int64
	uploads   uploads

	dummyOnce sync.Once
	dummy     string
}

// Config is what the service is built from; zero values get defaults.
type Config struct {
	DB        *store.DB
	Templates *templates.Registry
	Now       func() time.Time // the clock; time.Now when nil
	Logger    *slog.Logger
	Mailer    Mailer    // nil: invite links are shown to the inviter only
	BaseURL   string    // public URL for links, e.g. https://duet.example.com
	Hasher    Hasher    // password hashing cost; DefaultHasher when zero
	Events    Publisher // live streams; nil when nothing listens
	Files     FileStore // uploaded files; nil refuses uploads
	MaxUpload int64     // bytes; DefaultMaxUpload when zero
}

// New returns a service.
func New(c Config) *Service {
	s := &Service{db: c.DB, templates: c.Templates, now: c.Now, log: c.Logger, mailer: c.Mailer,
		baseURL: strings.TrimRight(c.BaseURL, "/"), hasher: c.Hasher, events: c.Events,
		files: c.Files, maxUpload: c.MaxUpload}
	if s.maxUpload <= 0 {
		s.maxUpload = DefaultMaxUpload
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.hasher == (Hasher{}) {
		s.hasher = DefaultHasher
	}
	s.throttle = newThrottle(s.now)
	s.uploads.n = map[string]int{}
	s.details = newDetailCache(4096)
	s.hashing = make(chan struct{}, runtime.NumCPU())
	return s
}

// Now returns the service's current time.
func (s *Service) Now() time.Time { return s.now().UTC() }

// Templates returns the loaded templates.
func (s *Service) Templates() []*duet.Template { return s.templates.List() }

// Template returns one template by key.
func (s *Service) Template(key string) (*duet.Template, error) {
	t, ok := s.templates.Get(key)
	if !ok {
		return nil, duet.Invalid("template", "unknown template %q", key)
	}
	return t, nil
}

// Ping reports whether the database answers.
func (s *Service) Ping(ctx context.Context) error { return s.db.Ping(ctx) }

// newSecret returns a random token of 256 bits with a readable prefix.
func newSecret(prefix string) string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return prefix + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
}

// hashSecret is how every bearer secret is stored: tokens carry 256 random
// bits, so a fast hash is enough and lookups stay indexable.
func hashSecret(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}
