package core

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Hasher hashes passwords with argon2id. The parameters are written into
// every hash, so they can be raised later without breaking old hashes.
type Hasher struct {
	Time    uint32
	Memory  uint32 // KiB
	Threads uint8
}

// DefaultHasher follows the OWASP minimum for argon2id.
var DefaultHasher = Hasher{Time: 2, Memory: 19 * 1024, Threads: 1}

// Hash returns a PHC-format argon2id hash of password.
func (h Hasher) Hash(password string) string {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	key := argon2.IDKey([]byte(password), salt, h.Time, h.Memory, h.Threads, 32)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, h.Memory, h.Time, h.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key))
}

// checkPassword reports whether password matches the stored hash.
func checkPassword(hash, password string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var version int
	var h Hasher
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &h.Memory, &h.Time, &h.Threads); err != nil {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, h.Time, h.Memory, h.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// hashPassword and passwordMatches run argon2id at most a few at a time:
// each run holds Memory KiB, so a burst of sign-ins queues instead of
// exhausting memory.
func (s *Service) hashPassword(password string) string {
	s.hashing <- struct{}{}
	defer func() { <-s.hashing }()
	return s.hasher.Hash(password)
}

func (s *Service) passwordMatches(hash, password string) bool {
	s.hashing <- struct{}{}
	defer func() { <-s.hashing }()
	return checkPassword(hash, password)
}
