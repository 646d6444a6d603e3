package duet

import (
	"strings"
	"unicode"
)

// decisionPhrases are what people write when they settle something in
// chat. A message containing one is offered "Record as decision" and is
// listed as possibly unrecorded until recorded or dismissed. The list is
// short on purpose: a false alarm costs one click, but a noisy detector
// gets ignored.
var decisionPhrases = []string{
	"we agreed",
	"we've agreed",
	"we have agreed",
	"agreed to",
	"let's go with",
	"lets go with",
	"let us go with",
	"we'll go with",
	"we will go with",
	"going with",
	"approved",
	"final version",
	"signed off",
	"sign-off is done",
	"decided",
	"decision is",
}

// LooksLikeDecision reports whether a message reads like a decision made
// in chat, and the phrase that matched.
func LooksLikeDecision(body string) (phrase string, ok bool) {
	text := normalizeForDetection(body)
	for _, p := range decisionPhrases {
		if containsWords(text, p) {
			return p, true
		}
	}
	return "", false
}

// normalizeForDetection lowercases, straightens quotes and drops code, so
// `approved` in a code span or block does not count.
func normalizeForDetection(s string) string {
	var b strings.Builder
	inCode := false
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			inCode = !inCode
			continue
		}
		if inCode {
			continue
		}
		parts := strings.Split(line, "`")
		for i := 0; i < len(parts); i += 2 { // even parts are outside code spans
			b.WriteString(parts[i])
			b.WriteByte(' ')
		}
		b.WriteByte('\n')
	}
	r := strings.NewReplacer("’", "'", "‘", "'")
	return strings.ToLower(r.Replace(b.String()))
}

// containsWords finds phrase in text at word boundaries, so "unapproved"
// or "preapproved" do not match "approved".
func containsWords(text, phrase string) bool {
	for from := 0; ; {
		i := strings.Index(text[from:], phrase)
		if i < 0 {
			return false
		}
		start, end := from+i, from+i+len(phrase)
		if boundary(text, start-1) && boundary(text, end) {
			return true
		}
		from = start + 1
	}
}

func boundary(text string, i int) bool {
	if i < 0 || i >= len(text) {
		return true
	}
	r := rune(text[i])
	return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r >= 0x80)
}
