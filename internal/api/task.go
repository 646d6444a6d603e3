package api

import (
	"net/http"
	"strings"

	"duet/internal/duet"
)

// taskListList lists the task lists in order, with the caller's view of
// their tasks counted; archived lists come last.
func (h *Handler) taskListList(w http.ResponseWriter, r *http.Request) error {
	ws := r.PathValue("id")
	lists, err := h.svc.TaskLists(r.Context(), actorFrom(r.Context()), ws)
	if err != nil {
		return err
	}
	out := make([]taskListInfoDTO, 0, len(lists))
	for _, l := range lists {
		out = append(out, toTaskListInfo(ws, l))
	}
	writeJSON(w, http.StatusOK, map[string]any{"task_lists": out})
	return nil
}

// taskListCreate adds a task list at the end.
func (h *Handler) taskListCreate(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Title       string `json:"title"`
		Description string `json:"description"`
		DRI         string `json:"dri"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ws := r.PathValue("id")
	l, err := h.svc.CreateTaskList(r.Context(), actorFrom(r.Context()), ws, duet.TaskListCreate{Title: in.Title, Description: in.Description, DRI: in.DRI})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, toTaskList(ws, l))
	return nil
}

// taskListUpdate renames, re-describes, reassigns, moves or archives a
// task list; fields left out (or null) stay as they are.
func (h *Handler) taskListUpdate(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Title       *string `json:"title"`
		Description *string `json:"description"`
		DRI         *string `json:"dri"`
		Position    *int    `json:"position"`
		Archived    *bool   `json:"archived"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ws := r.PathValue("id")
	l, err := h.svc.UpdateTaskList(r.Context(), actorFrom(r.Context()), ws, r.PathValue("list"), duet.TaskListUpdate{
		Title: in.Title, Description: in.Description, DRI: in.DRI, Position: in.Position, Archived: in.Archived})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toTaskList(ws, l))
	return nil
}

// taskFilter reads the task filters of the query. dri=me is the caller.
func (h *Handler) taskFilter(r *http.Request) (duet.TaskFilter, error) {
	q := r.URL.Query()
	f := duet.TaskFilter{ListID: q.Get("list"), DRI: strings.TrimSpace(q.Get("dri")), Status: q.Get("status")}
	for _, d := range []struct {
		name string
		to   *duet.Date
	}{{"due_from", &f.DueFrom}, {"due_to", &f.DueTo}} {
		if s := q.Get(d.name); s != "" {
			v, err := duet.ParseDate(s)
			if err != nil {
				return f, duet.Invalid(d.name, "must be a date like 2026-03-12, not %q", s)
			}
			*d.to = v
		}
	}
	switch q.Get("archived") {
	case "", "false":
	case "true":
		f.Archived = true
	default:
		return f, duet.Invalid("archived", "must be true or false")
	}
	limit, err := queryInt(r, "limit")
	if err != nil {
		return f, err
	}
	if q.Has("limit") && limit == 0 {
		limit = -1 // limit=0 asks for nothing, which the filter refuses
	}
	f.Limit = int(max(min(limit, duet.MaxTaskPage+1), -1)) // core refuses what is out of range; int() stays exact
	if f.DRI != "" && f.DRI != "me" {
		if err := h.checkMember(r, f.DRI); err != nil {
			return f, err
		}
	}
	return f, nil
}

// checkMember refuses a dri filter that names no member of the workspace,
// which would otherwise silently match nothing. The members come from
// core's cache, after the same access check as every use case.
func (h *Handler) checkMember(r *http.Request, id string) error {
	d, err := h.svc.Workspace(r.Context(), actorFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	for _, m := range d.Members {
		if m.ID == id {
			return nil
		}
	}
	return duet.Invalid("dri", "must be the id of a member of this workspace, or me")
}

// taskList lists the tasks the caller sees, in list then position order,
// filtered by list, DRI, status and due date.
func (h *Handler) taskList(w http.ResponseWriter, r *http.Request) error {
	f, err := h.taskFilter(r)
	if err != nil {
		return err
	}
	tasks, err := h.svc.Tasks(r.Context(), actorFrom(r.Context()), r.PathValue("id"), f)
	if err != nil {
		return err
	}
	out := make([]taskDTO, 0, len(tasks))
	for _, t := range tasks {
		out = append(out, toTask(t))
	}
	writeJSON(w, http.StatusOK, map[string]any{"tasks": out})
	return nil
}

// taskCreate adds a task to a list.
func (h *Handler) taskCreate(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		List          string   `json:"list"`
		Title         string   `json:"title"`
		Notes         string   `json:"notes"`
		DRI           string   `json:"dri"`
		Collaborators []string `json:"collaborators"`
		Due           string   `json:"due"`
		Visibility    string   `json:"visibility"`
		DependsOn     []string `json:"depends_on"`
		Checklist     []string `json:"checklist"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ws := r.PathValue("id")
	t, err := h.svc.CreateTask(r.Context(), actorFrom(r.Context()), ws, duet.TaskCreate{ListID: in.List, Title: in.Title, Notes: in.Notes,
		DRI: in.DRI, Collaborators: in.Collaborators, Due: in.Due, Visibility: duet.Visibility(in.Visibility), DependsOn: in.DependsOn,
		Checklist: in.Checklist})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/workspaces/"+ws+"/tasks/"+t.ID)
	writeJSON(w, http.StatusCreated, toTaskFull(t))
	return nil
}

// taskGet returns one task with its notes rendered, checklist,
// dependencies both ways, comments and history.
func (h *Handler) taskGet(w http.ResponseWriter, r *http.Request) error {
	d, err := h.svc.Task(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("task"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toTaskPage(d))
	return nil
}

// taskUpdate changes a task at the version the caller read; fields left
// out (or null) stay as they are.
func (h *Handler) taskUpdate(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Version       int       `json:"version"`
		Title         *string   `json:"title"`
		Notes         *string   `json:"notes"`
		DRI           *string   `json:"dri"`
		Collaborators *[]string `json:"collaborators"`
		Due           *string   `json:"due"`
		Status        *string   `json:"status"`
		BlockedReason string    `json:"blocked_reason"`
		DependsOn     *[]string `json:"depends_on"`
		List          *string   `json:"list"`
		Position      *int      `json:"position"`
		Archived      *bool     `json:"archived"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	t, err := h.svc.UpdateTask(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("task"), duet.TaskUpdate{
		Version: in.Version, Title: in.Title, Notes: in.Notes, DRI: in.DRI, Collaborators: in.Collaborators, Due: in.Due,
		Status: in.Status, BlockedReason: in.BlockedReason, DependsOn: in.DependsOn, ListID: in.List, Position: in.Position,
		Archived: in.Archived})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toTaskFull(t))
	return nil
}

// checklistAdd appends an item to a task's checklist.
func (h *Handler) checklistAdd(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Text string `json:"text"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	t, err := h.svc.AddChecklistItem(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("task"), in.Text)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, toTaskFull(t))
	return nil
}

// checklistCheck checks or unchecks a checklist item.
func (h *Handler) checklistCheck(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Done *bool `json:"done"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Done == nil {
		return duet.Invalid("done", "is required: true or false")
	}
	t, err := h.svc.CheckItem(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("task"), r.PathValue("item"), *in.Done)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toTaskFull(t))
	return nil
}

// taskComment comments on a task; guests may.
func (h *Handler) taskComment(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Body string `json:"body"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	c, err := h.svc.CommentOnTask(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("task"), in.Body)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, toTaskComment(c))
	return nil
}

// myWork is everything where the caller is DRI or a required signer,
// across their workspaces, grouped by when it is due.
func (h *Handler) myWork(w http.ResponseWriter, r *http.Request) error {
	mw, err := h.svc.MyWork(r.Context(), actorFrom(r.Context()))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"overdue": toWorkItems(mw.Overdue),
		"this_week": toWorkItems(mw.ThisWeek), "later": toWorkItems(mw.Later)})
	return nil
}
