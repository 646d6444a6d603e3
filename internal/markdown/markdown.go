// Package markdown renders user-written Markdown (chat messages, decision
// text, comments) to sanitized HTML, decorating @mentions and item
// references (D-12, T-7), and extracts mentions, references and plain text.
//
// Pipeline and why it is safe:
//
//  1. goldmark parses the text with its raw-HTML parsers removed, so any HTML
//     the user types is plain text and ends up escaped.
//  2. Mentions and references are found in the AST's text runs (never inside
//     code, links or images) and replaced by opaque placeholders. A
//     placeholder is letters and digits around a per-process random nonce
//     that users cannot guess.
//  3. The rendered HTML goes through a strict bluemonday policy: only the
//     elements goldmark emits, links only http, https and mailto. No relative
//     URL is allowed, so a user-written [x](/admin) loses its link.
//  4. Only then are placeholders, and only those in text (never inside a
//     tag), swapped for HTML that this package builds with every user- or
//     resolver-supplied value escaped. That is how chip hrefs built by Duet
//     (relative paths) survive while user relative links do not, without the
//     sanitizer ever accepting relative URLs.
package markdown

import (
	"bytes"
	"crypto/rand"
	"html"
	"html/template"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Mentionable is someone or something an @mention can reach.
type Mentionable struct {
	Kind string // "member" or "role"
	ID   string // member id or role key; opaque here
	Name string // display name as written after @
}

// Ref is an item reference written in text, e.g. D-12.
type Ref struct {
	Kind   string // "decision" for D-n, "task" for T-n
	Number int
}

// Options tune one rendering.
type Options struct {
	Mentionables []Mentionable
	// ResolveRef returns a chip's title and its href (a path beginning with
	// "/", built by Duet, e.g. "/w/abc/decisions/xyz") for a reference;
	// ok=false leaves the token as text. May be nil.
	ResolveRef func(r Ref) (title, href string, ok bool)
}

// Immutable after package initialisation; both are safe for concurrent use.
var (
	md     = newMarkdown()
	policy = newPolicy()
	// phPrefix starts every placeholder. The random part keeps users from
	// forging one; even a forged one could only repeat a fragment we built.
	phPrefix = "duet" + rand.Text() + "x"
)

// bluemonday appends noopener last; we reorder to the documented form.
const (
	relSanitizer = ` rel="nofollow noreferrer noopener"`
	relWanted    = ` rel="nofollow noopener noreferrer"`
)

func newMarkdown() goldmark.Markdown {
	// Dropping the HTML parsers makes typed HTML literal text (escaped on
	// output) instead of silently vanishing as "raw HTML omitted".
	var blocks, inlines []util.PrioritizedValue
	for _, v := range parser.DefaultBlockParsers() {
		if v.Value != parser.NewHTMLBlockParser() {
			blocks = append(blocks, v)
		}
	}
	for _, v := range parser.DefaultInlineParsers() {
		if v.Value != parser.NewRawHTMLParser() {
			inlines = append(inlines, v)
		}
	}
	p := parser.NewParser(
		parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(inlines...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	)
	return goldmark.New(
		goldmark.WithParser(p),
		// Chat text: a newline the user typed is a line break.
		goldmark.WithRendererOptions(gmhtml.WithHardWraps()),
		goldmark.WithExtensions(
			extension.Linkify,
			extension.Strikethrough,
			extension.TaskList,
			// align= rather than style= so no CSS has to be allowed.
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
		),
	)
}

// newPolicy allows exactly what goldmark emits for the features above.
// Mention spans and chips are not listed: they never pass the sanitizer.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "hr", "em", "strong", "del", "blockquote",
		"ul", "ol", "li", "pre", "code", "h1", "h2", "h3", "h4", "h5", "h6",
		"table", "thead", "tbody", "tr", "th", "td")
	p.AllowAttrs("start").Matching(regexp.MustCompile(`^[0-9]{1,9}$`)).OnElements("ol")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^language-[A-Za-z0-9_+#.-]{1,40}$`)).OnElements("code")
	p.AllowAttrs("align").Matching(regexp.MustCompile(`^(left|center|right)$`)).OnElements("th", "td")
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^checkbox$`)).OnElements("input")
	p.AllowAttrs("checked", "disabled").Matching(regexp.MustCompile(`^$`)).OnElements("input")
	// No title: a tooltip is not worth an attribute full of user text.
	p.AllowAttrs("href").OnElements("a")
	// A host is required: browsers resolve "https:/admin" against the page,
	// which would let a user-written relative link through.
	hasHost := func(u *url.URL) bool { return u.Host != "" && u.Opaque == "" }
	p.AllowURLSchemeWithCustomPolicy("http", hasHost)
	p.AllowURLSchemeWithCustomPolicy("https", hasHost)
	p.AllowURLSchemeWithCustomPolicy("mailto", func(u *url.URL) bool { return u.Opaque != "" })
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(false)
	p.RequireNoFollowOnFullyQualifiedLinks(true)
	p.RequireNoReferrerOnFullyQualifiedLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	return p
}

func parse(src string) ([]byte, ast.Node) {
	// CommonMark replaces NUL; doing it up front keeps every stage agreeing.
	source := []byte(strings.ReplaceAll(src, "\x00", "\uFFFD"))
	return source, md.Parser().Parse(text.NewReader(source))
}

// Render returns sanitized HTML for src.
func Render(src string, o Options) template.HTML {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	source, doc := parse(src)
	r := renderer{source: source, resolve: o.ResolveRef}
	if strings.Contains(src, "@") {
		r.names = candidates(o.Mentionables)
	}
	eachRun(doc, source, true, r.decorate)

	var buf bytes.Buffer
	buf.Grow(len(source) + len(source)/2 + 64)
	if err := md.Renderer().Render(&buf, source, doc); err != nil {
		// Unreachable with a bytes.Buffer; fall back to escaped text.
		return template.HTML("<p>" + html.EscapeString(src) + "</p>")
	}
	var clean bytes.Buffer
	clean.Grow(buf.Len() + buf.Len()/4)
	if err := policy.SanitizeReaderToWriter(bytes.NewReader(buf.Bytes()), &clean); err != nil {
		return "" // nothing unsanitized ever goes out
	}
	out := substitute(clean.String(), r.frags)
	out = strings.ReplaceAll(out, relSanitizer, relWanted)
	return template.HTML(strings.TrimRight(out, "\n"))
}

// Mentions returns the distinct mentionables that src mentions, in order of
// first appearance (same matching rules as Render: not in code, not in links).
func Mentions(src string, ms []Mentionable) []Mentionable {
	if !strings.Contains(src, "@") {
		return nil
	}
	names := candidates(ms)
	if len(names) == 0 {
		return nil
	}
	source, doc := parse(src)
	var out []Mentionable
	seen := map[string]bool{}
	eachRun(doc, source, false, func(run []*ast.Text) {
		seg := runValue(source, run)
		for _, m := range findMatches(seg, names, false) {
			c := names[m.mention]
			key := c.Kind + "\x00" + c.ID + "\x00" + c.Name
			if !seen[key] {
				seen[key] = true
				out = append(out, c)
			}
		}
	})
	return out
}

// Refs returns the distinct item references in src, in order of first
// appearance (same rules).
func Refs(src string) []Ref {
	if !strings.Contains(src, "-") {
		return nil
	}
	source, doc := parse(src)
	var out []Ref
	eachRun(doc, source, false, func(run []*ast.Text) {
		for _, m := range findMatches(runValue(source, run), nil, true) {
			if !slices.Contains(out, m.ref) {
				out = append(out, m.ref)
			}
		}
	})
	return out
}

// Plain returns src as plain text (markup removed, whitespace collapsed to
// single spaces), for search indexing, notifications and snippets.
func Plain(src string) string {
	source, doc := parse(src)
	var b strings.Builder
	b.Grow(len(source))
	plain(&b, doc, source)
	return strings.Join(strings.Fields(b.String()), " ")
}

func plain(b *strings.Builder, n ast.Node, source []byte) {
	switch n := n.(type) {
	case *ast.Text:
		b.Write(unescape(n.Segment.Value(source)))
		if n.SoftLineBreak() || n.HardLineBreak() {
			b.WriteByte(' ')
		}
		return
	case *ast.String:
		b.Write(n.Value)
		return
	case *ast.CodeSpan:
		// Code is literal: no escapes or entities to resolve.
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				b.Write(t.Segment.Value(source))
			}
		}
		return
	case *ast.AutoLink:
		b.Write(n.Label(source))
		return
	}
	if n.Type() == ast.TypeBlock {
		b.WriteByte(' ')
		if n.IsRaw() { // code blocks
			lines := n.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				b.Write(seg.Value(source))
				b.WriteByte(' ')
			}
			return
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		plain(b, c, source)
	}
	if n.Type() == ast.TypeBlock {
		b.WriteByte(' ')
	}
}

// unescape resolves backslash escapes and character references the way the
// HTML renderer would, minus the HTML escaping.
func unescape(v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return v
	}
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	return util.ResolveEntityNames(v)
}

// eachRun calls fn for every run of adjacent, source-contiguous text nodes
// outside code, links and images. goldmark may split one line of text into
// several nodes (e.g. at linkify's trigger characters), and a name like
// "Maya Chen" must still match across such a split. With render set, images
// become plain links first: no third-party image loads from user text, and
// the sanitizer vets the URL like any other link.
func eachRun(n ast.Node, source []byte, render bool, fn func(run []*ast.Text)) {
	var run []*ast.Text
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		switch c := c.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.RawHTML,
			*ast.HTMLBlock, *ast.AutoLink:
		case *ast.Link:
			if render {
				flattenLinkText(c, source)
			}
		case *ast.Image:
			if render {
				l := ast.NewLink()
				l.Destination, l.Title = c.Destination, c.Title
				for gc := c.FirstChild(); gc != nil; {
					gnext := gc.NextSibling()
					l.AppendChild(l, gc)
					gc = gnext
				}
				n.ReplaceChild(n, c, l)
				flattenLinkText(l, source)
			}
		case *ast.Text:
			if c.IsRaw() || c.Segment.Padding != 0 {
				break
			}
			run = append(run[:0], c)
			for {
				last := run[len(run)-1]
				t, ok := next.(*ast.Text)
				if !ok || t.IsRaw() || t.Segment.Padding != 0 || last.SoftLineBreak() ||
					last.HardLineBreak() || t.Segment.Start != last.Segment.Stop {
					break
				}
				run = append(run, t)
				next = t.NextSibling()
			}
			fn(run)
		default:
			eachRun(c, source, render, fn)
		}
		c = next
	}
}

// flattenLinkText leaves only text inside a link: nested anchors are invalid
// HTML, and an image there would be dropped along with its alt text.
func flattenLinkText(n ast.Node, source []byte) {
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		switch c := c.(type) {
		case *ast.Image, *ast.Link:
			flattenLinkText(c, source)
			for gc := c.FirstChild(); gc != nil; {
				gnext := gc.NextSibling()
				n.InsertBefore(n, c, gc)
				gc = gnext
			}
			n.RemoveChild(n, c)
		case *ast.AutoLink:
			n.ReplaceChild(n, c, ast.NewString(c.Label(source)))
		default:
			flattenLinkText(c, source)
		}
		c = next
	}
}

func runValue(source []byte, run []*ast.Text) []byte {
	return source[run[0].Segment.Start:run[len(run)-1].Segment.Stop]
}

// candidates returns the usable mentionables, longest name first so the
// first match found is the longest (stable: earlier entries win ties).
func candidates(ms []Mentionable) []Mentionable {
	var out []Mentionable
	for _, m := range ms {
		if (m.Kind == "member" || m.Kind == "role") && strings.TrimSpace(m.Name) != "" {
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out, func(a, b Mentionable) int {
		return utf8.RuneCountInString(b.Name) - utf8.RuneCountInString(a.Name)
	})
	return out
}

type match struct {
	start, end int // byte offsets in the run
	mention    int // index into candidates, or -1 for a ref
	ref        Ref
}

const maxRefDigits = 9 // fits an int everywhere

// findMatches finds mentions (if names is non-empty) and refs (if refs).
func findMatches(s []byte, names []Mentionable, refs bool) []match {
	var out []match
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '@' && len(names) > 0 && wordBoundaryBefore(s, i) && !escaped(s, i):
			rest := s[i+1:]
			for k, m := range names {
				n, ok := foldPrefix(rest, m.Name)
				if !ok {
					continue
				}
				if r, _ := utf8.DecodeRune(rest[n:]); n < len(rest) && isAlnum(r) {
					continue
				}
				out = append(out, match{start: i, end: i + 1 + n, mention: k})
				i += n
				break
			}
		case (c == 'D' || c == 'T') && refs && i+2 < len(s) && s[i+1] == '-' &&
			s[i+2] >= '1' && s[i+2] <= '9' && wordBoundaryBefore(s, i):
			j := i + 2
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if j-(i+2) > maxRefDigits {
				i = j - 1
				continue
			}
			if r, _ := utf8.DecodeRune(s[j:]); j < len(s) && isWord(r) {
				continue
			}
			num, _ := strconv.Atoi(string(s[i+2 : j]))
			kind := "decision"
			if c == 'T' {
				kind = "task"
			}
			out = append(out, match{start: i, end: j, mention: -1, ref: Ref{Kind: kind, Number: num}})
			i = j - 1
		}
	}
	return out
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }
func isWord(r rune) bool  { return r == '_' || isAlnum(r) }

func wordBoundaryBefore(s []byte, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRune(s[:i])
	return !isWord(r)
}

// escaped reports whether s[i] follows an odd number of backslashes, i.e. the
// user wrote \@ to mean a literal @.
func escaped(s []byte, i int) bool {
	n := 0
	for i > 0 && s[i-1] == '\\' {
		n++
		i--
	}
	return n%2 == 1
}

// foldPrefix reports whether s starts with name under Unicode simple case
// folding, and how many bytes of s that takes (it can differ from len(name)).
func foldPrefix(s []byte, name string) (int, bool) {
	j := 0
	for _, nr := range name {
		if j >= len(s) {
			return 0, false
		}
		sr, size := utf8.DecodeRune(s[j:])
		if !foldEq(sr, nr) {
			return 0, false
		}
		j += size
	}
	return j, true
}

func foldEq(a, b rune) bool {
	if a == b {
		return true
	}
	if a < utf8.RuneSelf && b < utf8.RuneSelf {
		return 'A' <= a && a <= 'Z' && a+'a'-'A' == b || 'A' <= b && b <= 'Z' && b+'a'-'A' == a
	}
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}

type resolved struct {
	frag string
	ok   bool
}

// renderer holds one Render call's state.
type renderer struct {
	source  []byte
	names   []Mentionable
	resolve func(Ref) (title, href string, ok bool)
	frags   []string // placeholder i is replaced by frags[i]
	cache   map[Ref]resolved
}

// decorate replaces mentions and resolvable refs in run by placeholders.
func (r *renderer) decorate(run []*ast.Text) {
	base := run[0].Segment.Start
	matches := findMatches(runValue(r.source, run), r.names, r.resolve != nil)
	if len(matches) == 0 {
		return
	}
	var nodes []ast.Node
	cur := 0
	for _, m := range matches {
		frag, ok := r.fragment(m)
		if !ok {
			continue
		}
		if m.start > cur {
			nodes = append(nodes, ast.NewTextSegment(text.NewSegment(base+cur, base+m.start)))
		}
		ph := ast.NewString([]byte(phPrefix + strconv.Itoa(len(r.frags)) + "x"))
		ph.SetCode(true) // written verbatim
		nodes = append(nodes, ph)
		r.frags = append(r.frags, frag)
		cur = m.end
	}
	if nodes == nil {
		return
	}
	last := run[len(run)-1]
	end := last.Segment.Stop - base
	if cur < end || last.SoftLineBreak() || last.HardLineBreak() {
		t := ast.NewTextSegment(text.NewSegment(base+cur, base+end))
		t.SetSoftLineBreak(last.SoftLineBreak())
		t.SetHardLineBreak(last.HardLineBreak())
		nodes = append(nodes, t)
	}
	parent := run[0].Parent()
	for _, nd := range nodes {
		parent.InsertBefore(parent, run[0], nd)
	}
	for _, t := range run {
		parent.RemoveChild(parent, t)
	}
}

func (r *renderer) fragment(m match) (string, bool) {
	if m.mention >= 0 {
		c := r.names[m.mention]
		return `<span class="mention" data-kind="` + c.Kind + `">@` + html.EscapeString(c.Name) + `</span>`, true
	}
	if v, ok := r.cache[m.ref]; ok {
		return v.frag, v.ok
	}
	var v resolved
	if title, href, ok := r.resolve(m.ref); ok && safeHref(href) {
		kind, token := "decision", "D-"
		if m.ref.Kind == "task" {
			kind, token = "task", "T-"
		}
		token += strconv.Itoa(m.ref.Number)
		label := token
		if title = strings.TrimSpace(title); title != "" {
			label += " · " + html.EscapeString(title)
		}
		v = resolved{`<a class="chip chip-` + kind + `" href="` + html.EscapeString(href) + `">` + label + `</a>`, true}
	}
	if r.cache == nil {
		r.cache = map[Ref]resolved{}
	}
	r.cache[m.ref] = v
	return v.frag, v.ok
}

// safeHref accepts only a same-origin path: "//host" and "/\host" would
// leave the site, and controls or spaces have no place in a path Duet built.
func safeHref(h string) bool {
	if len(h) == 0 || h[0] != '/' || strings.HasPrefix(h, "//") {
		return false
	}
	for i := 0; i < len(h); i++ {
		if c := h[i]; c <= ' ' || c == 0x7f || c == '\\' {
			return false
		}
	}
	return true
}

// substitute swaps placeholders in sanitized HTML for their fragments. The
// sanitizer escapes < and > in text and attribute values, so the last of
// them before a position tells whether it is inside a tag; placeholders
// there are left alone (we never emit any, but a fragment must never land in
// an attribute).
func substitute(s string, frags []string) string {
	if len(frags) == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 80*len(frags))
	inTag := false
	pos := 0
	for {
		k := strings.Index(s[pos:], phPrefix)
		if k < 0 {
			break
		}
		k += pos
		if j := strings.LastIndexAny(s[pos:k], "<>"); j >= 0 {
			inTag = s[pos+j] == '<'
		}
		digits := k + len(phPrefix)
		e := digits
		for e < len(s) && e-digits < 10 && s[e] >= '0' && s[e] <= '9' {
			e++
		}
		idx, err := strconv.Atoi(s[digits:e])
		if inTag || err != nil || idx >= len(frags) || e >= len(s) || s[e] != 'x' {
			b.WriteString(s[pos:digits])
			pos = digits
			continue
		}
		b.WriteString(s[pos:k])
		b.WriteString(frags[idx])
		pos = e + 1
	}
	b.WriteString(s[pos:])
	return b.String()
}
