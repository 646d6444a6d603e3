package textdiff

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// render writes a diff compactly: " x" equal, "-x" deleted, "+x" inserted.
func render(lines []Line) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(map[Op]string{Equal: " ", Delete: "-", Insert: "+"}[l.Op])
		b.WriteString(l.Text)
		b.WriteString("\n")
	}
	return b.String()
}

func TestLines(t *testing.T) {
	for _, tc := range []struct {
		name, a, b string
		want       string
	}{
		{"both empty", "", "", ""},
		{"empty to text", "", "a\nb\n", "+a\n+b\n"},
		{"text to empty", "a\nb\n", "", "-a\n-b\n"},
		{"identical", "a\nb\nc\n", "a\nb\nc\n", " a\n b\n c\n"},
		{"one line changed in the middle", "a\nb\nc\nd\ne\n", "a\nb\nX\nd\ne\n", " a\n b\n-c\n+X\n d\n e\n"},
		{"insert at start", "b\nc\n", "a\nb\nc\n", "+a\n b\n c\n"},
		{"insert at end", "a\nb\n", "a\nb\nc\n", " a\n b\n+c\n"},
		{"delete at start", "a\nb\nc\n", "b\nc\n", "-a\n b\n c\n"},
		{"completely different", "a\nb\nc\n", "x\ny\n", "-a\n-b\n-c\n+x\n+y\n"},
		{"CRLF equals LF", "a\r\nb\r\n", "a\nb\n", " a\n b\n"},
		{"CRLF change", "a\r\nb\r\nc\r\n", "a\r\nB\r\nc\r\n", " a\n-b\n+B\n c\n"},
		{"final newline does not matter", "a\nb", "a\nb\n", " a\n b\n"},
		{"blank lines count", "a\n\nb\n", "a\nb\n", " a\n-\n b\n"},
		{"only a lone CR kept inside a line", "a\rb\n", "a\rb\n", " a\rb\n"},
		{"moved line", "a\nb\nc\n", "b\nc\na\n", "-a\n b\n c\n+a\n"},
		{"repeated lines", "x\nx\nx\n", "x\nx\n", " x\n x\n-x\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Lines(tc.a, tc.b)
			if err != nil {
				t.Fatal(err)
			}
			if r := render(got); r != tc.want {
				t.Errorf("Lines(%q, %q) =\n%s\nwant\n%s", tc.a, tc.b, r, tc.want)
			}
			check(t, tc.a, tc.b, got)
		})
	}
}

func TestLineNumbers(t *testing.T) {
	got, err := Lines("a\nb\nc\n", "a\nX\nc\nd\n")
	if err != nil {
		t.Fatal(err)
	}
	want := []Line{
		{Equal, "a", 1, 1},
		{Delete, "b", 2, 0},
		{Insert, "X", 0, 2},
		{Equal, "c", 3, 3},
		{Insert, "d", 0, 4},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Lines = %v\nwant %v", got, want)
	}
}

// check asserts what every diff of a and b must satisfy: the equal and
// deleted lines are a's lines in order, the equal and inserted lines are
// b's, the line numbers count each side from 1, and equal lines are equal.
func check(t testing.TB, a, b string, lines []Line) {
	t.Helper()
	var oldSide, newSide []string
	for i, l := range lines {
		switch l.Op {
		case Equal:
			oldSide = append(oldSide, l.Text)
			newSide = append(newSide, l.Text)
		case Delete:
			oldSide = append(oldSide, l.Text)
		case Insert:
			newSide = append(newSide, l.Text)
		default:
			t.Fatalf("line %d has op %v", i, l.Op)
		}
		wantOld, wantNew := 0, 0
		if l.Op != Insert {
			wantOld = len(oldSide)
		}
		if l.Op != Delete {
			wantNew = len(newSide)
		}
		if l.Old != wantOld || l.New != wantNew {
			t.Fatalf("line %d %+v: numbers want Old %d New %d", i, l, wantOld, wantNew)
		}
	}
	al, bl := split(a), split(b)
	if !slices.Equal(oldSide, al) {
		t.Fatalf("old side of the diff %q is not a %q", oldSide, al)
	}
	if !slices.Equal(newSide, bl) {
		t.Fatalf("applying the diff to a gives %q, not b %q", newSide, bl)
	}
	// An equal line is equal on both sides by its numbers, not only by
	// the text the diff chose to show.
	for _, l := range lines {
		if l.Op == Equal && al[l.Old-1] != bl[l.New-1] {
			t.Fatalf("equal pair %d/%d differs: %q %q", l.Old, l.New, al[l.Old-1], bl[l.New-1])
		}
	}
}

// lcs is the length of a longest common subsequence by the textbook
// quadratic table: the number of equal lines a minimal diff must have.
func lcs(a, b []string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func equalCount(lines []Line) int {
	n := 0
	for _, l := range lines {
		if l.Op == Equal {
			n++
		}
	}
	return n
}

// TestExhaustiveSmall diffs every pair of texts of up to 5 lines over a
// two-letter alphabet and up to 4 over three letters, and checks each
// diff is valid and minimal. Small alphabets make repeated lines and
// many equally short scripts, where a search that leaves the edit grid or
// stops early goes wrong.
func TestExhaustiveSmall(t *testing.T) {
	for _, alpha := range []struct {
		letters string
		maxLen  int
	}{{"ab", 5}, {"abc", 4}} {
		texts := allTexts(alpha.letters, alpha.maxLen)
		for _, a := range texts {
			for _, b := range texts {
				got, err := Lines(a, b)
				if err != nil {
					t.Fatal(err)
				}
				check(t, a, b, got)
				if e, w := equalCount(got), lcs(split(a), split(b)); e != w {
					t.Fatalf("Lines(%q, %q) keeps %d equal lines, a minimal diff %d:\n%s", a, b, e, w, render(got))
				}
			}
		}
	}
}

// allTexts lists every text of up to n lines, each line one letter.
func allTexts(letters string, n int) []string {
	texts := []string{""}
	level := []string{""}
	for range n {
		var next []string
		for _, p := range level {
			for _, c := range letters {
				next = append(next, p+string(c)+"\n")
			}
		}
		texts = append(texts, next...)
		level = next
	}
	return texts
}

// TestRandomEdits applies random edits to random texts and checks the
// diff reproduces the result and is minimal.
func TestRandomEdits(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2)) // fixed seed: deterministic
	for round := range 500 {
		n := rng.IntN(200)
		alphabet := 2 + rng.IntN(30)
		a := make([]string, n)
		for i := range a {
			a[i] = fmt.Sprint(rng.IntN(alphabet))
		}
		b := slices.Clone(a)
		for range rng.IntN(20) {
			switch i := rng.IntN(len(b) + 1); {
			case rng.IntN(2) == 0 && i < len(b):
				b = slices.Delete(b, i, i+1)
			default:
				b = slices.Insert(b, i, fmt.Sprint(rng.IntN(alphabet)))
			}
		}
		at, bt := strings.Join(a, "\n"), strings.Join(b, "\n")
		got, err := Lines(at, bt)
		if err != nil {
			t.Fatal(err)
		}
		check(t, at, bt, got)
		if e, w := equalCount(got), lcs(a, b); e != w {
			t.Fatalf("round %d: %d equal lines, minimal diff has %d", round, e, w)
		}
	}
}

func TestTooLarge(t *testing.T) {
	ok := strings.Repeat("line\n", MaxLines)
	over := ok + "one more\n"
	if _, err := Lines(ok, ok); err != nil {
		t.Errorf("%d lines: %v", MaxLines, err)
	}
	for _, pair := range [][2]string{{over, ok}, {ok, over}} {
		if _, err := Lines(pair[0], pair[1]); !errors.Is(err, ErrTooLarge) {
			t.Errorf("err = %v, want ErrTooLarge", err)
		}
	}
}

// TestLargestWorstCase compares two MaxLines texts with nothing in
// common, the slowest input Lines accepts.
func TestLargestWorstCase(t *testing.T) {
	var a, b strings.Builder
	for i := range MaxLines {
		fmt.Fprintf(&a, "old %d\n", i)
		fmt.Fprintf(&b, "new %d\n", i)
	}
	got, err := Lines(a.String(), b.String())
	if err != nil {
		t.Fatal(err)
	}
	if ins, del := Stats(got); ins != MaxLines || del != MaxLines {
		t.Errorf("Stats = %d, %d; want %d, %d", ins, del, MaxLines, MaxLines)
	}
}

// numbered is a text of n lines "line 1" … "line n".
func numbered(n int) []string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf("line %d", i+1)
	}
	return lines
}

func TestHunks(t *testing.T) {
	a := numbered(100)
	b := slices.Clone(a)
	b[9] = "changed 10"                      // one change near the top
	b = slices.Insert(b, 80, "new after 80") // one far below
	lines, err := Lines(strings.Join(a, "\n"), strings.Join(b, "\n"))
	if err != nil {
		t.Fatal(err)
	}
	hunks := Hunks(lines, 2)
	if len(hunks) != 2 {
		t.Fatalf("%d hunks, want 2:\n%v", len(hunks), hunks)
	}
	if got, want := render(hunks[0].Lines), " line 8\n line 9\n-line 10\n+changed 10\n line 11\n line 12\n"; got != want {
		t.Errorf("first hunk\n%s\nwant\n%s", got, want)
	}
	if h := hunks[0]; h.OldStart != 8 || h.NewStart != 8 {
		t.Errorf("first hunk starts at -%d +%d, want -8 +8", h.OldStart, h.NewStart)
	}
	if got, want := render(hunks[1].Lines), " line 79\n line 80\n+new after 80\n line 81\n line 82\n"; got != want {
		t.Errorf("second hunk\n%s\nwant\n%s", got, want)
	}
	if h := hunks[1]; h.OldStart != 79 || h.NewStart != 79 {
		t.Errorf("second hunk starts at -%d +%d, want -79 +79", h.OldStart, h.NewStart)
	}
}

func TestHunksMerge(t *testing.T) {
	a := numbered(20)
	b := slices.Clone(a)
	b[4] = "X" // line 5
	b[9] = "Y" // line 10: 4 equal lines between, = 2×context
	lines, err := Lines(strings.Join(a, "\n"), strings.Join(b, "\n"))
	if err != nil {
		t.Fatal(err)
	}
	if h := Hunks(lines, 2); len(h) != 1 || len(h[0].Lines) != 2+2+4+2+2 {
		t.Errorf("changes 4 lines apart with context 2: %d hunks %v, want one of 12 lines", len(h), h)
	}
	if h := Hunks(lines, 1); len(h) != 2 {
		t.Errorf("with context 1: %d hunks, want 2", len(h))
	}
	// Every line of the diff, once, when the context covers it all.
	if h := Hunks(lines, 100); len(h) != 1 || len(h[0].Lines) != len(lines) {
		t.Errorf("with context 100: %v", h)
	}
}

func TestHunksEdges(t *testing.T) {
	if h := Hunks(nil, 3); h != nil {
		t.Errorf("Hunks(nil) = %v", h)
	}
	same, _ := Lines("a\nb\n", "a\nb\n")
	if h := Hunks(same, 3); h != nil {
		t.Errorf("no changes: %v", h)
	}
	// Insertions at the very start: no context before, numbers from 1.
	lines, _ := Lines("a\nb\nc\nd\n", "new\na\nb\nc\nd\n")
	h := Hunks(lines, 2)
	if len(h) != 1 || h[0].OldStart != 1 || h[0].NewStart != 1 || render(h[0].Lines) != "+new\n a\n b\n" {
		t.Errorf("insert at start: %+v", h)
	}
	// A deletion at the end: no context after.
	lines, _ = Lines("a\nb\nc\nd\n", "a\nb\nc\n")
	h = Hunks(lines, 2)
	if len(h) != 1 || h[0].OldStart != 2 || h[0].NewStart != 2 || render(h[0].Lines) != " b\n c\n-d\n" {
		t.Errorf("delete at end: %+v", h)
	}
	// Into an empty text: no old lines; OldStart is where they would go.
	lines, _ = Lines("", "a\n")
	h = Hunks(lines, 2)
	if len(h) != 1 || h[0].OldStart != 1 || h[0].NewStart != 1 {
		t.Errorf("into empty: %+v", h)
	}
	// A negative context is no context.
	lines, _ = Lines("a\nb\nc\n", "a\nX\nc\n")
	if h := Hunks(lines, -1); len(h) != 1 || render(h[0].Lines) != "-b\n+X\n" {
		t.Errorf("context -1: %+v", h)
	}
}

func TestStats(t *testing.T) {
	lines, err := Lines("a\nb\nc\n", "a\nX\nY\nc\nZ\n")
	if err != nil {
		t.Fatal(err)
	}
	if ins, del := Stats(lines); ins != 3 || del != 1 {
		t.Errorf("Stats = %d inserted, %d deleted; want 3, 1", ins, del)
	}
}

func FuzzLines(f *testing.F) {
	f.Add("", "")
	f.Add("a\nb\nc\n", "a\nX\nc\n")
	f.Add("a\r\nb\r\n", "a\nb")
	f.Add("x\nx\nx\ny\n", "y\nx\nx\n")
	f.Add("\n\n\n", "\n")
	f.Fuzz(func(t *testing.T, a, b string) {
		lines, err := Lines(a, b)
		if errors.Is(err, ErrTooLarge) {
			if len(split(a)) <= MaxLines && len(split(b)) <= MaxLines {
				t.Fatal("ErrTooLarge for texts within the limit")
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		check(t, a, b, lines)
		// Hunks with any context cover every change exactly once.
		ins, del := Stats(lines)
		for _, c := range []int{0, 3} {
			hi, hd := 0, 0
			for _, h := range Hunks(lines, c) {
				i, d := Stats(h.Lines)
				hi += i
				hd += d
			}
			if hi != ins || hd != del {
				t.Fatalf("hunks with context %d hold %d+ %d-, the diff %d+ %d-", c, hi, hd, ins, del)
			}
		}
	})
}

func BenchmarkLines(b *testing.B) {
	old := numbered(MaxLines)
	edited := slices.Clone(old)
	for i := 0; i < len(edited); i += 100 {
		edited[i] = "edited"
	}
	at, bt := strings.Join(old, "\n"), strings.Join(edited, "\n")
	b.Run("few changes", func(b *testing.B) {
		for b.Loop() {
			if _, err := Lines(at, bt); err != nil {
				b.Fatal(err)
			}
		}
	})
	var other strings.Builder
	for i := range MaxLines {
		fmt.Fprintf(&other, "other %d\n", i)
	}
	ot := other.String()
	b.Run("nothing in common", func(b *testing.B) {
		for b.Loop() {
			if _, err := Lines(at, ot); err != nil {
				b.Fatal(err)
			}
		}
	})
}
