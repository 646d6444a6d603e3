// Package textdiff compares two texts line by line, for showing what
// changed between two versions of a Markdown or plain-text file (and,
// later, of a document). It finds a shortest edit script with Myers'
// O(ND) algorithm in its linear-space form, so comparing two versions
// that differ in a few places costs little more than reading them, and
// memory stays proportional to the texts whatever they are.
//
// Reference: Eugene W. Myers, "An O(ND) Difference Algorithm and Its
// Variations", Algorithmica 1 (1986), sections 2–4.
package textdiff

import (
	"errors"
	"strings"
)

// Op says what happened to a line.
type Op int

const (
	Equal  Op = iota // in both texts
	Delete           // only in the old text
	Insert           // only in the new text
)

func (o Op) String() string {
	switch o {
	case Equal:
		return "equal"
	case Delete:
		return "delete"
	case Insert:
		return "insert"
	}
	return "Op(?)"
}

// MaxLines bounds each side of a comparison. The worst case (two texts
// with nothing in common) takes time proportional to the product of
// their lengths; at 5000 lines that is still well under a second, and a
// diff longer than that is no use to read in a browser anyway.
const MaxLines = 5000

// ErrTooLarge is returned by Lines when a text has more than MaxLines
// lines. Callers show the versions side by side instead of a diff.
var ErrTooLarge = errors.New("textdiff: a text has more than 5000 lines")

// Line is one line of a diff.
type Line struct {
	Op   Op
	Text string
	Old  int // 1-based line number in the old text; 0 for an inserted line
	New  int // 1-based line number in the new text; 0 for a deleted line
}

// Lines compares a and b line by line and returns every line of both in
// order: equal lines once, and in each changed region the deleted lines
// before the inserted ones. Lines are split on "\n" and a trailing "\r"
// is dropped, so a text saved with Windows line endings equals the same
// text saved with Unix ones; a final newline does not start a line. The
// diff is minimal: no other lists fewer deleted and inserted lines.
func Lines(a, b string) ([]Line, error) {
	al, bl := split(a), split(b)
	if len(al) > MaxLines || len(bl) > MaxLines {
		return nil, ErrTooLarge
	}

	// Compare numbers, not strings: each distinct line gets an id, so
	// the inner loops compare ints however long the lines are.
	ids := make(map[string]int, len(al)+len(bl))
	intern := func(lines []string) []int {
		out := make([]int, len(lines))
		for i, l := range lines {
			id, ok := ids[l]
			if !ok {
				id = len(ids)
				ids[l] = id
			}
			out[i] = id
		}
		return out
	}
	d := newDiffer(intern(al), intern(bl))
	d.compare(0, len(al), 0, len(bl))

	out := make([]Line, 0, max(len(al), len(bl)))
	i, j := 0, 0
	for i < len(al) || j < len(bl) {
		switch {
		case i < len(al) && d.deleted[i]:
			out = append(out, Line{Op: Delete, Text: al[i], Old: i + 1})
			i++
		case j < len(bl) && d.inserted[j]:
			out = append(out, Line{Op: Insert, Text: bl[j], New: j + 1})
			j++
		default:
			// The lines left unmarked on each side are the common
			// subsequence, in order, so they pair up one to one.
			out = append(out, Line{Op: Equal, Text: al[i], Old: i + 1, New: j + 1})
			i++
			j++
		}
	}
	return out, nil
}

// split cuts s into lines: on "\n", without a trailing "\r", and without
// the empty line after a final newline (so "a\n" is one line, like "a").
func split(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// differ holds one comparison: the two sides as line ids, the marks the
// search leaves on deleted and inserted lines, and the two arrays of
// furthest-reaching points the middle-snake search reuses at every level
// of recursion.
type differ struct {
	a, b     []int
	deleted  []bool // deleted[i]: a[i] is not in the common subsequence
	inserted []bool // inserted[j]: b[j] is not in the common subsequence
	// fwd[off+k] is the furthest x reached on diagonal k (x-y = k) from
	// the start of the current region; rev[off+k] the same from its end,
	// on the reversed region.
	fwd, rev []int
	off      int
}

func newDiffer(a, b []int) *differ {
	// A search over a region of n+m lines goes at most (n+m+1)/2 steps,
	// and step d reads diagonals -d-1 to d+1.
	steps := (len(a) + len(b) + 1) / 2
	return &differ{
		a: a, b: b,
		deleted:  make([]bool, len(a)),
		inserted: make([]bool, len(b)),
		fwd:      make([]int, 2*steps+3),
		rev:      make([]int, 2*steps+3),
		off:      steps + 1,
	}
}

// compare marks the deleted lines of a[aLo:aHi] and inserted lines of
// b[bLo:bHi] along a shortest edit script between them: it finds a point
// on such a script (the middle snake) and recurses on either side of it.
// Each half needs at most about half the edits, so the recursion is
// about log2(D) deep for D edits.
func (d *differ) compare(aLo, aHi, bLo, bHi int) {
	// Common lines at either end are in every shortest script; taking
	// them off first is cheap and leaves the search only the changes.
	for aLo < aHi && bLo < bHi && d.a[aLo] == d.b[bLo] {
		aLo++
		bLo++
	}
	for aLo < aHi && bLo < bHi && d.a[aHi-1] == d.b[bHi-1] {
		aHi--
		bHi--
	}
	switch {
	case aLo == aHi:
		for j := bLo; j < bHi; j++ {
			d.inserted[j] = true
		}
		return
	case bLo == bHi:
		for i := aLo; i < aHi; i++ {
			d.deleted[i] = true
		}
		return
	}
	x, y := d.middle(aLo, aHi, bLo, bHi)
	d.compare(aLo, x, bLo, y)
	d.compare(x, aHi, y, bHi)
}

// middle returns a point (x, y) on a shortest edit script from (aLo, bLo)
// to (aHi, bHi) that is neither end, found by searching forward from the
// start and backward from the end, one edit at a time each, until the
// two searches overlap on a diagonal (Myers, section 4b). The region's
// first lines differ and so do its last lines (compare took the common
// ends off), so a script needs at least two edits: one to the middle
// point and one after it, which is why the point is never an end.
func (d *differ) middle(aLo, aHi, bLo, bHi int) (x, y int) {
	n, m := aHi-aLo, bHi-bLo
	delta := n - m
	// The searches meet after D/2 steps each. When D is odd the forward
	// search, one step ahead, detects the overlap; when it is even the
	// reverse one does. D has the parity of delta.
	odd := delta&1 != 0
	fwd, rev, off := d.fwd, d.rev, d.off
	fwd[off+1], rev[off+1] = 0, 0

	for step := 0; step <= (n+m+1)/2; step++ {
		// Forward: extend the furthest-reaching paths of step-1 by one
		// edit each (a deletion moves right from diagonal k-1, an
		// insertion down from k+1; take whichever gets further), then
		// follow the diagonal while lines match.
		for k := -step; k <= step; k += 2 {
			var x int
			if k == -step || (k != step && fwd[off+k-1] < fwd[off+k+1]) {
				x = fwd[off+k+1]
			} else {
				x = fwd[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && d.a[aLo+x] == d.b[bLo+y] {
				x++
				y++
			}
			fwd[off+k] = x
			// Diagonal k forward is diagonal delta-k in reverse; the
			// reverse search has been there if it is within its last
			// step's range. Overlap: forward got at least as far right
			// as reverse got left.
			if kr := delta - k; odd && -(step-1) <= kr && kr <= step-1 && x >= n-rev[off+kr] {
				return aLo + x, bLo + y
			}
		}
		// Reverse: the same on the region read backwards.
		for k := -step; k <= step; k += 2 {
			var x int
			if k == -step || (k != step && rev[off+k-1] < rev[off+k+1]) {
				x = rev[off+k+1]
			} else {
				x = rev[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && d.a[aHi-1-x] == d.b[bHi-1-y] {
				x++
				y++
			}
			rev[off+k] = x
			if kf := delta - k; !odd && -step <= kf && kf <= step && fwd[off+kf] >= n-x {
				return aHi - x, bHi - y
			}
		}
	}
	// Unreachable: the searches meet by step (n+m+1)/2 at the latest,
	// since every region has a script of n+m edits.
	panic("textdiff: the searches did not meet")
}

// Hunk is one changed region of a diff with the equal lines around it.
// OldStart and NewStart are the 1-based line numbers at which the hunk
// begins in each text; when the hunk has no line on a side (text only
// inserted, say), it is the number of the line that follows the hunk
// there, as in unified diffs' "-n,0" once one is subtracted.
type Hunk struct {
	OldStart, NewStart int
	Lines              []Line // shares its array with the diff it came from
}

// Hunks groups a diff into its changed regions with up to context equal
// lines before and after each, for display. Changes closer together than
// twice the context share a hunk, so no line is shown twice. A diff
// without changes has no hunks.
func Hunks(lines []Line, context int) []Hunk {
	context = max(context, 0)
	var hunks []Hunk
	// nOld and nNew count the lines of each text before lines[pos].
	pos, nOld, nNew := 0, 0, 0
	advance := func(to int) {
		for ; pos < to; pos++ {
			if lines[pos].Op != Insert {
				nOld++
			}
			if lines[pos].Op != Delete {
				nNew++
			}
		}
	}
	i := 0
	for {
		for i < len(lines) && lines[i].Op == Equal {
			i++
		}
		if i == len(lines) {
			return hunks
		}
		start := max(i-context, 0) // past the previous hunk: its gap was > 2*context
		end := i
		for {
			for end < len(lines) && lines[end].Op != Equal {
				end++
			}
			next := end
			for next < len(lines) && lines[next].Op == Equal {
				next++
			}
			if next == len(lines) || next-end > 2*context {
				end = min(end+context, len(lines))
				break
			}
			end = next // the next change is close: same hunk
		}
		advance(start)
		hunks = append(hunks, Hunk{OldStart: nOld + 1, NewStart: nNew + 1, Lines: lines[start:end]})
		i = end
	}
}

// Stats counts the inserted and deleted lines of a diff.
func Stats(lines []Line) (inserted, deleted int) {
	for _, l := range lines {
		switch l.Op {
		case Insert:
			inserted++
		case Delete:
			deleted++
		}
	}
	return inserted, deleted
}
