package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark/text"
)

func benchSrc() string {
	var sb strings.Builder
	for sb.Len() < 2048 {
		sb.WriteString("Hi @Maya Chen and @Legal Reviewer, **please** check D-12 and T-7 before Friday.\n")
		sb.WriteString("- see https://example.com/docs?a=1 and [the brief](https://example.com/brief)\n")
		sb.WriteString("- `code` and _emphasis_ with an email a@example.com\n\n")
	}
	return sb.String()
}
func BenchmarkParse(b *testing.B) {
	src := []byte(benchSrc())
	for b.Loop() { md.Parser().Parse(text.NewReader(src)) }
}
func BenchmarkGoldmark(b *testing.B) {
	src := []byte(benchSrc())
	var buf bytes.Buffer
	for b.Loop() { buf.Reset(); md.Convert(src, &buf) }
}
func BenchmarkSanitize(b *testing.B) {
	src := []byte(benchSrc())
	var buf bytes.Buffer
	md.Convert(src, &buf)
	h := buf.String()
	for b.Loop() { policy.Sanitize(h) }
}
func BenchmarkPlainOnly(b *testing.B) {
	src := benchSrc()
	for b.Loop() { Plain(src) }
}
