package markdown

import (
	"fmt"
	"html"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

var testPeople = []Mentionable{
	{Kind: "role", ID: "legal", Name: "Legal"},
	{Kind: "role", ID: "legal-reviewer", Name: "Legal Reviewer"},
	{Kind: "member", ID: "m1", Name: "Maya Chen"},
	{Kind: "member", ID: "m2", Name: "Maya"},
	{Kind: "member", ID: "m3", Name: "Ünal Öz"},
	{Kind: "member", ID: "m4", Name: `Eve <b>"x"</b>`},
	{Kind: "group", ID: "g1", Name: "Everyone"}, // unknown kind: never mentioned
}

// testResolver resolves every ref except number 99 and records the hrefs it
// handed out.
func testResolver(hrefs map[string]bool) func(Ref) (string, string, bool) {
	return func(r Ref) (string, string, bool) {
		if r.Number == 99 {
			return "", "", false
		}
		href := fmt.Sprintf("/w/abc/%ss/%d", r.Kind, r.Number)
		if hrefs != nil {
			hrefs[href] = true
		}
		return fmt.Sprintf("Item %d", r.Number), href, true
	}
}

func testOptions() Options {
	return Options{Mentionables: testPeople, ResolveRef: testResolver(nil)}
}

type renderCase struct {
	name string
	in   string
	want []string // fragments that must appear
	not  []string // fragments that must not appear
}

func runRenderCases(t *testing.T, o Options, cases []renderCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := string(Render(tc.in, o))
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("Render(%q)\n got: %s\nwant fragment: %s", tc.in, got, w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("Render(%q)\n got: %s\nmust not contain: %s", tc.in, got, n)
				}
			}
			checkSafe(t, got, nil)
		})
	}
}

func TestRenderExact(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"  \n ", ""},
		{"hello", "<p>hello</p>"},
		{"**bold** and *em*", "<p><strong>bold</strong> and <em>em</em></p>"},
		{"- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"},
		{"```go\nx := 1 < 2\n```", "<pre><code class=\"language-go\">x := 1 &lt; 2\n</code></pre>"},
		{"one\ntwo", "<p>one<br>\ntwo</p>"},
		{"~~gone~~", "<p><del>gone</del></p>"},
		{"<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"},
		{"[x](javascript:alert(1))", "<p>x</p>"},
		{"[x](/relative)", "<p>x</p>"},
		{"see https://example.com/a",
			`<p>see <a href="https://example.com/a" rel="nofollow noopener noreferrer" target="_blank">https://example.com/a</a></p>`},
		{"hi @maya chen, D-12",
			`<p>hi <span class="mention" data-kind="member">@Maya Chen</span>, <a class="chip chip-decision" href="/w/abc/decisions/12">D-12 · Item 12</a></p>`},
	}
	for _, tc := range cases {
		if got := string(Render(tc.in, testOptions())); got != tc.want {
			t.Errorf("Render(%q)\n got: %q\nwant: %q", tc.in, got, tc.want)
		}
	}
}

func TestRenderMarkdownAndSafety(t *testing.T) {
	runRenderCases(t, testOptions(), []renderCase{
		{name: "bold", in: "**bold**", want: []string{"<strong>bold</strong>"}},
		{name: "ordered list start", in: "3. c\n4. d", want: []string{`<ol start="3">`, "<li>c</li>"}},
		{name: "code block keeps html escaped", in: "    <b>x</b>", want: []string{"<pre><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre>"}},
		{name: "heading", in: "# Title", want: []string{"<h1>Title</h1>"}},
		{name: "blockquote", in: "> quoted", want: []string{"<blockquote>\n<p>quoted</p>\n</blockquote>"}},
		{name: "table", in: "| a | b |\n|:--|--:|\n| 1 | 2 |",
			want: []string{`<th align="left">a</th>`, `<td align="right">2</td>`}},
		{name: "task list", in: "- [x] done\n- [ ] todo",
			want: []string{`<input checked="" disabled="" type="checkbox"> done`, `<input disabled="" type="checkbox"> todo`}},
		{name: "script tag escaped", in: "<script>alert(1)</script>",
			want: []string{"&lt;script&gt;alert(1)&lt;/script&gt;"}, not: []string{"<script"}},
		{name: "script block escaped", in: "<script>\nalert(1)\n</script>",
			want: []string{"&lt;script&gt;"}, not: []string{"<script"}},
		{name: "img onerror escaped", in: "<img src=x onerror=alert(1)>",
			want: []string{"<p>&lt;img src=x onerror=alert(1)&gt;</p>"}, not: []string{"<img"}},
		{name: "javascript link", in: "[x](javascript:alert(1))", want: []string{"<p>x</p>"}, not: []string{"href"}},
		{name: "javascript mixed case", in: "[x](JaVaScRiPt:alert(1))", want: []string{"<p>x</p>"}, not: []string{"href"}},
		{name: "javascript entity", in: "[x](jav&#x61;script:alert(1))", want: []string{"<p>x</p>"}, not: []string{"href"}},
		{name: "relative link", in: "[x](/admin)", want: []string{"<p>x</p>"}, not: []string{"href"}},
		{name: "relative reference link", in: "[x][a]\n\n[a]: /w/abc/decisions/12", want: []string{"<p>x</p>"}, not: []string{"href"}},
		{name: "protocol relative", in: "[x](//evil.example)", want: []string{"<p>x</p>"}, not: []string{"href"}},
		{name: "data url", in: "[x](data:text/html;base64,PHNjcmlwdD4=)", want: []string{"<p>x</p>"}, not: []string{"href", "data:"}},
		{name: "data image", in: "![x](data:image/png;base64,AAAA)", want: []string{"<p>x</p>"}, not: []string{"<img", "href"}},
		{name: "scheme without host", in: "[a](https:/admin) [b](http:admin) [c](https:) [d](mailto:)", want: []string{"<p>a b c d</p>"}},
		{name: "ftp", in: "[x](ftp://a.example/f)", want: []string{"<p>x</p>"}, not: []string{"href"}},
		{name: "title injection", in: `[x](https://a.example "\"><a href=javascript:alert(1)>")`,
			want: []string{`<p><a href="https://a.example" rel="nofollow noopener noreferrer" target="_blank">x</a></p>`},
			not:  []string{"title", "javascript"}},
		{name: "autolink rel target", in: "go to https://example.com/x?a=1&b=2 now",
			want: []string{`<a href="https://example.com/x?a=1&amp;b=2" rel="nofollow noopener noreferrer" target="_blank">https://example.com/x?a=1&amp;b=2</a>`}},
		{name: "angle autolink", in: "<https://example.com>",
			want: []string{`<a href="https://example.com" rel="nofollow noopener noreferrer" target="_blank">https://example.com</a>`}},
		{name: "user https link", in: "[docs](https://example.com/docs)",
			want: []string{`<a href="https://example.com/docs" rel="nofollow noopener noreferrer" target="_blank">docs</a>`}},
		{name: "mailto", in: "[mail](mailto:a@example.com) or b@example.com",
			want: []string{`<a href="mailto:a@example.com">mail</a>`, `<a href="mailto:b@example.com">b@example.com</a>`}},
		{name: "image becomes link", in: "![logo](https://example.com/l.png)",
			want: []string{`<a href="https://example.com/l.png" rel="nofollow noopener noreferrer" target="_blank">logo</a>`}, not: []string{"<img"}},
		{name: "image inside link", in: "[![alt @Maya](https://e.example/i.png)](https://e.example)",
			want: []string{`<p><a href="https://e.example" rel="nofollow noopener noreferrer" target="_blank">alt @Maya</a></p>`}},
		{name: "no nested anchors", in: "[a <https://x.example> b](https://e.example)",
			want: []string{`<p><a href="https://e.example" rel="nofollow noopener noreferrer" target="_blank">a https://x.example b</a></p>`}},
		{name: "html comment is text", in: "<!-- hidden -->", want: []string{"&lt;!-- hidden --&gt;"}},
	})
}

func TestMentions(t *testing.T) {
	span := func(kind, name string) string {
		return `<span class="mention" data-kind="` + kind + `">@` + name + `</span>`
	}
	runRenderCases(t, testOptions(), []renderCase{
		{name: "longest match", in: "ask @Legal Reviewer now",
			want: []string{"ask " + span("role", "Legal Reviewer") + " now"}},
		{name: "shorter when longer does not fit", in: "ask @Legal today",
			want: []string{"ask " + span("role", "Legal") + " today"}},
		{name: "longer name then letter falls back", in: "@Legal Reviewers",
			want: []string{span("role", "Legal") + " Reviewers"}},
		{name: "case insensitive canonical text", in: "@legal reviewer and @MAYA CHEN",
			want: []string{span("role", "Legal Reviewer"), span("member", "Maya Chen")}},
		{name: "unicode fold", in: "hi @ünal öz!", want: []string{span("member", "Ünal Öz") + "!"}},
		{name: "punctuation after", in: "@Maya Chen, please",
			want: []string{"<p>" + span("member", "Maya Chen") + ", please</p>"}},
		{name: "possessive", in: "@Maya's turn", want: []string{span("member", "Maya") + "&#39;s turn"}},
		{name: "start of text and parens", in: "(@Maya)", want: []string{"(" + span("member", "Maya") + ")"}},
		{name: "not followed by letter", in: "@Mayan culture", want: []string{"<p>@Mayan culture</p>"}, not: []string{"mention"}},
		{name: "not followed by digit", in: "@Maya2", want: []string{"<p>@Maya2</p>"}},
		{name: "email is not a mention", in: "write to team@Maya.example",
			not: []string{"mention"}},
		{name: "word before is not a mention", in: "x@Maya", want: []string{"x@Maya"}, not: []string{"mention"}},
		{name: "underscore before", in: "a_@Maya", not: []string{"mention"}},
		{name: "escaped at", in: `\@Maya`, want: []string{"<p>@Maya</p>"}, not: []string{"mention"}},
		{name: "code span", in: "`@Maya Chen`", want: []string{"<code>@Maya Chen</code>"}, not: []string{"mention"}},
		{name: "fenced code", in: "```\n@Maya Chen\n```", want: []string{"<pre><code>@Maya Chen\n</code></pre>"}, not: []string{"mention"}},
		{name: "indented code", in: "    @Maya Chen", not: []string{"mention"}},
		{name: "link text", in: "[@Maya Chen](https://example.com)", want: []string{`target="_blank">@Maya Chen</a>`}, not: []string{"mention"}},
		{name: "link url", in: "https://example.com/@Maya", not: []string{"mention"}},
		{name: "unknown name", in: "@Nobody here", want: []string{"<p>@Nobody here</p>"}},
		{name: "unknown kind ignored", in: "@Everyone", want: []string{"<p>@Everyone</p>"}},
		{name: "name is escaped", in: `@eve <b>"x"</b> hi`, want: []string{span("member", "Eve &lt;b&gt;&#34;x&#34;&lt;/b&gt;") + " hi"}},
		{name: "inside emphasis", in: "**@Maya Chen**", want: []string{"<strong>" + span("member", "Maya Chen") + "</strong>"}},
		{name: "across soft break is not one name", in: "@Maya\nChen", want: []string{span("member", "Maya") + "<br>\nChen"}},
		{name: "in table cell", in: "| who |\n|---|\n| @Maya |", want: []string{"<td>" + span("member", "Maya") + "</td>"}},
	})

	t.Run("no mentionables", func(t *testing.T) {
		if got := string(Render("@Maya", Options{})); got != "<p>@Maya</p>" {
			t.Errorf("got %q", got)
		}
	})
}

func TestMentionsList(t *testing.T) {
	cases := []struct {
		in   string
		want []string // IDs
	}{
		{"@Maya Chen and @Legal Reviewer, again @maya chen and @Legal", []string{"m1", "legal-reviewer", "legal"}},
		{"`@Maya` [@Legal](https://x.example) a@Maya.example @Maya", []string{"m2"}},
		{"```\n@Maya\n```\n\n> @Legal", []string{"legal"}},
		{"@Everyone @Nobody", nil},
		{"", nil},
	}
	for _, tc := range cases {
		var got []string
		for _, m := range Mentions(tc.in, testPeople) {
			got = append(got, m.ID)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Mentions(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
	if got := Mentions("@Maya", nil); got != nil {
		t.Errorf("Mentions with no mentionables = %v", got)
	}
	// Returned values are the caller's, unchanged.
	if got := Mentions("@legal reviewer", testPeople); len(got) != 1 || got[0] != testPeople[1] {
		t.Errorf("Mentions returned %v", got)
	}
}

func TestRefs(t *testing.T) {
	chip := func(kind, token, href, title string) string {
		return `<a class="chip chip-` + kind + `" href="` + href + `">` + token + ` · ` + title + `</a>`
	}
	d12 := chip("decision", "D-12", "/w/abc/decisions/12", "Item 12")
	runRenderCases(t, testOptions(), []renderCase{
		{name: "decision", in: "see D-12.", want: []string{"<p>see " + d12 + ".</p>"}},
		{name: "task", in: "(T-7)", want: []string{"(" + chip("task", "T-7", "/w/abc/tasks/7", "Item 7") + ")"}},
		{name: "unresolved stays text", in: "D-99 is gone", want: []string{"<p>D-99 is gone</p>"}, not: []string{"chip"}},
		{name: "code span", in: "`D-12`", want: []string{"<code>D-12</code>"}, not: []string{"chip"}},
		{name: "code block", in: "```\nD-12\n```", not: []string{"chip"}},
		{name: "letter before", in: "XD-12", want: []string{"<p>XD-12</p>"}},
		{name: "digit before", in: "1D-12", not: []string{"chip"}},
		{name: "letter after", in: "D-12a", want: []string{"<p>D-12a</p>"}},
		{name: "underscore after", in: "D-12_x", not: []string{"chip"}},
		{name: "lowercase", in: "d-12 t-7", not: []string{"chip"}},
		{name: "leading zero", in: "D-012", not: []string{"chip"}},
		{name: "too long", in: "D-1234567890", not: []string{"chip"}},
		{name: "link text", in: "[D-12](https://example.com)", not: []string{"chip"}},
		{name: "in url", in: "https://example.com/D-12", not: []string{"chip"}},
		{name: "two in a row", in: "D-12,T-7", want: []string{d12 + "," + chip("task", "T-7", "/w/abc/tasks/7", "Item 7")}},
		{name: "with hyphen after", in: "D-12-ish", want: []string{d12 + "-ish"}},
	})

	t.Run("title escaped", func(t *testing.T) {
		o := Options{ResolveRef: func(Ref) (string, string, bool) {
			return `<b>Bold</b> & "q"`, `/w/a"b/decisions/x?y=1&z=2`, true
		}}
		got := string(Render("D-1", o))
		want := `<p><a class="chip chip-decision" href="/w/a&#34;b/decisions/x?y=1&amp;z=2">D-1 · &lt;b&gt;Bold&lt;/b&gt; &amp; &#34;q&#34;</a></p>`
		if got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	})

	t.Run("empty title", func(t *testing.T) {
		o := Options{ResolveRef: func(Ref) (string, string, bool) { return " ", "/w/a/tasks/b", true }}
		if got := string(Render("T-3", o)); got != `<p><a class="chip chip-task" href="/w/a/tasks/b">T-3</a></p>` {
			t.Errorf("got %s", got)
		}
	})

	t.Run("unsafe resolver hrefs stay text", func(t *testing.T) {
		for _, href := range []string{"", "javascript:alert(1)", "//evil.example/x", `/\evil.example`, "https://x.example", "/a b", "/a\nb", "w/rel"} {
			o := Options{ResolveRef: func(Ref) (string, string, bool) { return "t", href, true }}
			if got := string(Render("D-1", o)); got != "<p>D-1</p>" {
				t.Errorf("href %q: got %s", href, got)
			}
		}
	})

	t.Run("resolver called once per ref", func(t *testing.T) {
		calls := 0
		o := Options{ResolveRef: func(r Ref) (string, string, bool) {
			calls++
			return "t", "/x", true
		}}
		Render("D-1 D-1 T-1 D-1", o)
		if calls != 2 {
			t.Errorf("resolver called %d times, want 2", calls)
		}
	})

	t.Run("list", func(t *testing.T) {
		got := Refs("T-7 then D-12, D-12 again, `D-3`, XD-4, D-5a, [D-6](https://x.example), T-7. D-99")
		want := []Ref{{"task", 7}, {"decision", 12}, {"decision", 99}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Refs = %v, want %v", got, want)
		}
		if got := Refs("nothing here"); got != nil {
			t.Errorf("Refs = %v", got)
		}
	})
}

func TestPlain(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"**Hello**   _world_\n\n- a\n- b", "Hello world a b"},
		{"# Title\nbody text", "Title body text"},
		{"[docs](https://example.com) and `co  de` and <https://x.example>", "docs and co de and https://x.example"},
		{"```go\nx := 1\ny := 2\n```\nafter", "x := 1 y := 2 after"},
		{"AT&amp;T &lt;b&gt; \\*not em\\*", "AT&T <b> *not em*"},
		{"<b>raw</b>", "<b>raw</b>"},
		{"@Maya Chen see D-12", "@Maya Chen see D-12"},
		{"| a | b |\n|---|---|\n| 1 | 2 |", "a b 1 2"},
		{"- [x] done\n- [ ] todo", "done todo"},
		{"![alt text](https://x.example/i.png)", "alt text"},
		{"line\none\t\ttwo", "line one two"},
	}
	for _, tc := range cases {
		if got := Plain(tc.in); got != tc.want {
			t.Errorf("Plain(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSubstituteOnlyInText(t *testing.T) {
	ph := phPrefix + "0x"
	in := `<a title="` + ph + `">` + ph + `</a>` + phPrefix + "7x" + phPrefix + "x"
	got := substitute(in, []string{"<b>F</b>"})
	want := `<a title="` + ph + `"><b>F</b></a>` + phPrefix + "7x" + phPrefix + "x"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestPathological(t *testing.T) {
	o := testOptions()
	inputs := []string{
		strings.Repeat("> ", 20000),
		strings.Repeat("[", 40000),
		strings.Repeat("*a", 20000),
		strings.Repeat("@", 40000),
		strings.Repeat("@Maya Chen ", 3600),
		strings.Repeat("D-1 ", 10000),
		strings.Repeat("- ", 20000),
		strings.Repeat("`", 40000),
		strings.Repeat("<a", 20000),
		strings.Repeat("|a", 20000) + "\n" + strings.Repeat("|-", 20000),
		"\x00\xff\xfe@Maya\x00D-1",
	}
	for _, in := range inputs {
		start := time.Now()
		out := string(Render(in, o))
		checkSafe(t, out, nil)
		Plain(in)
		Mentions(in, testPeople)
		Refs(in)
		// Generous: goldmark itself is slow on deep nesting, more so under -race.
		if d := time.Since(start); d > 60*time.Second {
			t.Errorf("input %.20q took %v", in, d)
		}
	}
}

func TestConcurrentRender(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 50 {
				in := fmt.Sprintf("hi @Maya Chen, see D-%d and https://example.com/%d", i+1, j)
				got := string(Render(in, testOptions()))
				if !strings.Contains(got, fmt.Sprintf(`href="/w/abc/decisions/%d"`, i+1)) {
					t.Errorf("got %s", got)
					return
				}
			}
		})
	}
	wg.Wait()
}

// checkSafe asserts structural safety of rendered output: only known tags and
// attributes, no event handlers, no script, hrefs only http(s), mailto or
// one the resolver produced (when hrefs is non-nil).
func checkSafe(t *testing.T, out string, hrefs map[string]bool) {
	t.Helper()
	allowed := map[string]map[string]bool{
		"a":     {"href": true, "rel": true, "target": true, "class": true},
		"span":  {"class": true, "data-kind": true},
		"code":  {"class": true},
		"ol":    {"start": true},
		"th":    {"align": true},
		"td":    {"align": true},
		"input": {"type": true, "checked": true, "disabled": true},
	}
	for _, tag := range strings.Fields("p br hr em strong del blockquote ul li pre h1 h2 h3 h4 h5 h6 table thead tbody tr") {
		allowed[tag] = map[string]bool{}
	}
	lower := strings.ToLower(out)
	if strings.Contains(lower, "<script") {
		t.Fatalf("output contains <script: %s", out)
	}
	if strings.Contains(out, phPrefix) {
		t.Fatalf("placeholder leaked: %s", out)
	}
	inAnchor := false
	for i := 0; i < len(out); i++ {
		if out[i] == '>' {
			t.Fatalf("bare > in text at %d: %s", i, out)
		}
		if out[i] != '<' {
			continue
		}
		end := strings.IndexByte(out[i:], '>')
		if end < 0 {
			t.Fatalf("unterminated tag: %s", out)
		}
		tag := out[i+1 : i+end]
		i += end
		if strings.Contains(strings.ToLower(tag), "javascript:") {
			t.Fatalf("javascript: in tag %q", tag)
		}
		if closing, ok := strings.CutPrefix(tag, "/"); ok {
			if _, ok := allowed[closing]; !ok {
				t.Fatalf("unexpected closing tag %q in %s", tag, out)
			}
			if closing == "a" {
				inAnchor = false
			}
			continue
		}
		name, rest, _ := strings.Cut(tag, " ")
		if name == "a" {
			if inAnchor {
				t.Fatalf("nested anchor in %s", out)
			}
			inAnchor = true
		}
		attrs, ok := allowed[name]
		if !ok {
			t.Fatalf("unexpected tag %q in %s", tag, out)
		}
		for rest = strings.TrimSpace(rest); rest != ""; rest = strings.TrimSpace(rest) {
			key, after, ok := strings.Cut(rest, `="`)
			if !ok || strings.ContainsAny(key, ` "'`) {
				t.Fatalf("malformed attributes in %q", tag)
			}
			val, after2, ok := strings.Cut(after, `"`)
			if !ok {
				t.Fatalf("unterminated attribute in %q", tag)
			}
			rest = after2
			if strings.HasPrefix(strings.ToLower(key), "on") || !attrs[key] {
				t.Fatalf("attribute %q not allowed on %s: %s", key, name, out)
			}
			v := html.UnescapeString(val)
			switch {
			case key == "href":
				lv := strings.ToLower(v)
				if !strings.HasPrefix(lv, "http://") && !strings.HasPrefix(lv, "https://") &&
					!strings.HasPrefix(lv, "mailto:") && (hrefs == nil || !hrefs[v]) &&
					!(hrefs == nil && strings.HasPrefix(v, "/w/abc/")) {
					t.Fatalf("href %q not allowed in %s", v, out)
				}
			case key == "class" && name == "a":
				if v != "chip chip-decision" && v != "chip chip-task" {
					t.Fatalf("a class %q", v)
				}
			case key == "class" && name == "span":
				if v != "mention" {
					t.Fatalf("span class %q", v)
				}
			case key == "data-kind":
				if v != "member" && v != "role" {
					t.Fatalf("data-kind %q", v)
				}
			case key == "rel":
				if v != "nofollow noopener noreferrer" {
					t.Fatalf("rel %q", v)
				}
			case key == "target":
				if v != "_blank" {
					t.Fatalf("target %q", v)
				}
			}
		}
	}
}

func FuzzRender(f *testing.F) {
	seeds := []string{
		"**bold** @Maya Chen D-12 T-7 https://example.com",
		"<script>alert(1)</script><img src=x onerror=alert(1)>",
		"[x](javascript:alert(1)) [y](/admin) [z](data:text/html,hi) ![i](//e.example)",
		`[x](https://a.example "\"><a href=javascript:x>") <https://b.example>`,
		"`@Maya` ```\nD-1\n``` [@Legal](https://x.example) a@b.example",
		"| a | b |\n|---|---|\n| @Legal Reviewer | D-3 |\n\n- [x] T-99",
		"&#64;Maya &lt;script&gt; \\@Maya D&#45;12 &#x6A;avascript:",
		"@Eve <b>\"x\"</b> @ünal öz",
		"[](https:)0",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		hrefs := map[string]bool{}
		o := Options{Mentionables: testPeople, ResolveRef: testResolver(hrefs)}
		out := string(Render(src, o))
		checkSafe(t, out, hrefs)
		// Mentions and Refs must agree with what Render decorated.
		ms := Mentions(src, testPeople)
		for _, m := range ms {
			if m.Kind != "member" && m.Kind != "role" {
				t.Fatalf("mention of kind %q", m.Kind)
			}
			if !strings.Contains(out, `data-kind="`+m.Kind+`">@`+html.EscapeString(m.Name)+`</span>`) {
				t.Fatalf("Mentions has %q but Render shows no such mention: %s", m.Name, out)
			}
		}
		if (len(ms) == 0) != !strings.Contains(out, `class="mention"`) {
			t.Fatalf("Mentions %v disagrees with Render: %s", ms, out)
		}
		want := map[string]bool{}
		for _, r := range Refs(src) {
			if r.Number <= 0 || (r.Kind != "decision" && r.Kind != "task") {
				t.Fatalf("bad ref %+v", r)
			}
			if r.Number != 99 {
				want[fmt.Sprintf("/w/abc/%ss/%d", r.Kind, r.Number)] = true
			}
		}
		if !reflect.DeepEqual(want, hrefs) {
			t.Fatalf("Refs gives %v, Render resolved %v", want, hrefs)
		}
		Plain(src)
	})
}

// BenchmarkRender renders 2 KB messages: typical prose with a few mentions
// and refs, and a dense one where almost every line has links, mentions,
// refs and inline code.
func BenchmarkRender(b *testing.B) {
	build := func(lines ...string) string {
		var sb strings.Builder
		for sb.Len() < 2048 {
			for _, l := range lines {
				sb.WriteString(l)
			}
		}
		return sb.String()
	}
	people := append([]Mentionable(nil), testPeople...)
	for i := range 50 {
		people = append(people, Mentionable{Kind: "member", ID: fmt.Sprint("x", i), Name: fmt.Sprintf("Person Number %d", i)})
	}
	o := Options{Mentionables: people, ResolveRef: testResolver(nil)}
	for _, bc := range []struct{ name, src string }{
		{"prose", build(
			"We reviewed the co-marketing plan with @Maya Chen yesterday and agreed to move the launch webinar ",
			"to the second week of March, pending the budget decision in D-12. The partner team will draft the ",
			"landing page copy; legal review is tracked in T-7 and should not block the **first draft**.\n\n")},
		{"dense", build(
			"Hi @Maya Chen and @Legal Reviewer, **please** check D-12 and T-7 before Friday.\n",
			"- see https://example.com/docs?a=1 and [the brief](https://example.com/brief)\n",
			"- `code` and _emphasis_ with an email a@example.com\n\n")},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.src)))
			b.ReportAllocs()
			for b.Loop() {
				Render(bc.src, o)
			}
		})
	}
}
