package duet

import (
	"strings"
	"time"
)

// HillChart tracks each scope of work uphill (figuring out what to do)
// and downhill (making it happen).
type HillChart struct {
	ID     string
	Title  string
	Scopes []HillScope
}

// HillScope is one dot; Position runs from 0 (start) to 100 (done), and
// 50 is the top of the hill.
type HillScope struct {
	ID         string
	Title      string
	TaskListID string
	Position   int
	Moved      *time.Time // when the dot last moved; nil if never
	// Stale is computed: the scope's tasks changed in the last StaleAfter
	// while the dot did not move.
	Stale bool
}

// StaleAfter is how long a dot may sit still while its tasks change.
const StaleAfter = 7 * 24 * time.Hour

// Phase says which half of the hill a position is on.
func Phase(pos int) string {
	if pos <= 50 {
		return "Figuring it out"
	}
	return "Making it happen"
}

// MarkStale sets Stale on every dot whose task list changed within
// StaleAfter of now (lastChange maps a task list id to its latest task
// change) while the dot itself did not move in that time.
func (h *HillChart) MarkStale(now time.Time, lastChange map[string]time.Time) {
	since := now.Add(-StaleAfter)
	for i := range h.Scopes {
		s := &h.Scopes[i]
		changed, ok := lastChange[s.TaskListID]
		s.Stale = s.TaskListID != "" && ok && changed.After(since) && (s.Moved == nil || s.Moved.Before(since))
	}
}

// HillMove is one dot moving in a snapshot.
type HillMove struct {
	ScopeID string
	Title   string
	From    int
	To      int
}

// HillSnapshot is the chart as saved once: every dot's position, which
// moved, who moved them and why.
type HillSnapshot struct {
	ID        string
	ChartID   string
	Actor     Author
	At        time.Time
	Note      string
	Positions map[string]int // scope id → position after the save
	Moves     []HillMove
}

// HillUpdate moves dots and records a snapshot. Only the scopes named
// move, so two people moving different dots at once both keep their move;
// a note alone records a snapshot without moves.
type HillUpdate struct {
	Positions map[string]int
	Note      string
}

// Validate checks the positions and the note.
func (in *HillUpdate) Validate() error {
	in.Note = strings.TrimSpace(in.Note)
	if len(in.Positions) == 0 && in.Note == "" {
		return Invalid("positions", "move at least one dot, or add a note")
	}
	for _, p := range in.Positions {
		if p < 0 || p > 100 {
			return Invalid("position", "must be between 0 and 100, not %d", p)
		}
	}
	if len(in.Note) > 2000 {
		return Invalid("note", "must be at most 2000 characters")
	}
	return nil
}

// HillScopeCreate adds a dot to the chart.
type HillScopeCreate struct {
	Title      string
	TaskListID string // optional: the list whose tasks make the dot stale
}

// Validate checks the input.
func (in *HillScopeCreate) Validate() error {
	in.Title = strings.TrimSpace(in.Title)
	return textField("title", in.Title, 80)
}
