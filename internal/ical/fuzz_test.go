package ical

import (
	"strings"
	"testing"
	"time"
	"unicode"
)

// unescapeText reverses escapeText, for checking round trips.
func unescapeText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// FuzzEncodeText: whatever text a user writes into a check-in's title or
// purpose, the feed stays well-formed — CRLF lines of at most 75 octets,
// valid UTF-8, no line a client would read as a new property — and the
// text comes back as written, less control characters.
func FuzzEncodeText(f *testing.F) {
	for _, s := range []string{"Weekly check-in", "a;b,c\\d\ne", "Lancement — café, «partenaires»; " + strings.Repeat("é", 60),
		"\r\nBEGIN:VEVENT\r\nSUMMARY:injected", "\x00\x1b[31m", "\xff\xfe"} {
		f.Add(s, s)
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, summary, description string) {
		c := Calendar{Name: summary, Events: []Event{{UID: "x@duet", Stamp: time.Unix(0, 0), Summary: summary, Description: description,
			Start: time.Date(2026, 3, 2, 10, 0, 0, 0, berlin), Duration: time.Hour, RRule: "FREQ=WEEKLY;BYDAY=MO"}}}
		b, err := c.Encode()
		if err != nil {
			t.Fatal(err)
		}
		doc := string(b)
		checkPhysicalLines(t, doc)
		if n := strings.Count(unfold(doc), "\r\nBEGIN:VEVENT\r\n"); n != 1 {
			t.Fatalf("%d events after encoding %q", n, summary)
		}
		want := strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || !unicode.IsControl(r) {
				return r
			}
			return -1
		}, strings.ReplaceAll(strings.ToValidUTF8(summary, "\uFFFD"), "\r\n", "\n"))
		want = strings.ReplaceAll(want, "\r", "")
		for line := range strings.SplitSeq(unfold(doc), "\r\n") {
			if v, ok := strings.CutPrefix(line, "SUMMARY:"); ok {
				if got := unescapeText(v); got != want && !strings.Contains(summary, "\r") {
					t.Fatalf("summary %q came back as %q, want %q", summary, got, want)
				}
			}
		}
	})
}
