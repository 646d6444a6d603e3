package api

import (
	"net/http"

	"duet/internal/duet"
)

// hillGet returns the hill chart with its dots, stale ones marked.
func (h *Handler) hillGet(w http.ResponseWriter, r *http.Request) error {
	c, err := h.svc.HillChart(r.Context(), actorFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	if c.ID != r.PathValue("chart") {
		return duet.NotFound("hill chart")
	}
	writeJSON(w, http.StatusOK, toHillChart(c))
	return nil
}

// hillSnapshots returns the chart's saved snapshots, newest first.
func (h *Handler) hillSnapshots(w http.ResponseWriter, r *http.Request) error {
	limit, err := queryInt(r, "limit")
	if err != nil {
		return err
	}
	switch {
	case !r.URL.Query().Has("limit"):
		limit = 20
	case limit < 1 || limit > 200:
		return duet.Invalid("limit", "must be between 1 and 200")
	}
	snaps, err := h.svc.HillSnapshots(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("chart"), int(limit))
	if err != nil {
		return err
	}
	out := make([]hillSnapshotDTO, 0, len(snaps))
	for _, s := range snaps {
		out = append(out, toHillSnapshot(s))
	}
	writeJSON(w, http.StatusOK, map[string]any{"snapshots": out})
	return nil
}

// hillMove moves the named dots and records a snapshot with the note.
func (h *Handler) hillMove(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Positions map[string]int `json:"positions"`
		Note      string         `json:"note"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	s, err := h.svc.MoveHill(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("chart"), duet.HillUpdate{Positions: in.Positions, Note: in.Note})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, toHillSnapshot(s))
	return nil
}

// hillScopeAdd adds a dot at the start of the hill.
func (h *Handler) hillScopeAdd(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Title    string `json:"title"`
		TaskList string `json:"task_list"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	c, err := h.svc.AddHillScope(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("chart"), duet.HillScopeCreate{Title: in.Title, TaskListID: in.TaskList})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, toHillChart(c))
	return nil
}
