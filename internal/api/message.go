package api

import (
	"context"
	"net/http"
	"strconv"

	"duet/internal/duet"
)

// viewer returns the caller's member id in a workspace, "" when it cannot
// be told. The message use cases answer messages but not who asked, and a
// reaction is the caller's own when their member id is among its
// reactors; the workspace structure comes from core's cache, so this
// costs one small read after the use case has already checked access.
func (h *Handler) viewer(ctx context.Context, wsID string) string {
	a := actorFrom(ctx)
	d, err := h.svc.Workspace(ctx, a, wsID)
	if err != nil || a == nil {
		return ""
	}
	for _, m := range d.Members {
		if m.UserID == a.User.ID {
			return m.ID
		}
	}
	return ""
}

// queryInt reads an optional whole-number query parameter (0 when absent).
func queryInt(r *http.Request, name string) (int64, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, &duet.Error{Kind: duet.EBadRequest, Field: name, Msg: "must be a whole number"}
	}
	return n, nil
}

// messageList returns a page of a channel's top-level messages, newest
// first; next_before is the cursor for the next (older) page.
func (h *Handler) messageList(w http.ResponseWriter, r *http.Request) error {
	before, err := queryInt(r, "before")
	if err != nil {
		return err
	}
	limit, err := queryInt(r, "limit")
	if err != nil {
		return err
	}
	limit = max(min(limit, 201), -1) // core refuses what is out of 1–200; int() stays exact
	ws := r.PathValue("id")
	v, err := h.svc.ChannelMessages(r.Context(), actorFrom(r.Context()), ws, r.PathValue("channel"), duet.MessageFilter{Before: before, Limit: int(limit)})
	if err != nil {
		return err
	}
	var next *int64
	if v.Page.Before > 0 {
		next = &v.Page.Before
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"channel":     toChannelRef(v.Channel),
		"messages":    toMessages(v.Page.Messages, h.viewer(r.Context(), ws)),
		"next_before": next,
	})
	return nil
}

// messagePost posts to a channel, or replies in a thread with parent_id.
func (h *Handler) messagePost(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Body     string `json:"body"`
		ParentID string `json:"parent_id"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ws := r.PathValue("id")
	m, err := h.svc.PostMessage(r.Context(), actorFrom(r.Context()), ws, r.PathValue("channel"), duet.MessagePost{Body: in.Body, ParentID: in.ParentID})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/workspaces/"+ws+"/messages/"+m.ID)
	writeJSON(w, http.StatusCreated, toMessage(m, h.viewer(r.Context(), ws)))
	return nil
}

// messageGet returns a message's thread: the top-level message and its
// replies, oldest first. For a reply, it is the thread the reply is in.
func (h *Handler) messageGet(w http.ResponseWriter, r *http.Request) error {
	ws := r.PathValue("id")
	t, err := h.svc.Thread(r.Context(), actorFrom(r.Context()), ws, r.PathValue("message"))
	if err != nil {
		return err
	}
	viewer := h.viewer(r.Context(), ws)
	writeJSON(w, http.StatusOK, map[string]any{
		"channel": toChannelRef(t.Channel),
		"message": toMessage(t.Root, viewer),
		"replies": toMessages(t.Replies, viewer),
	})
	return nil
}

// messageEdit replaces the text of the caller's own message.
func (h *Handler) messageEdit(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Body string `json:"body"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ws := r.PathValue("id")
	m, err := h.svc.EditMessage(r.Context(), actorFrom(r.Context()), ws, r.PathValue("message"), in.Body)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toMessage(m, h.viewer(r.Context(), ws)))
	return nil
}

// messageDelete removes a message's text and history.
func (h *Handler) messageDelete(w http.ResponseWriter, r *http.Request) error {
	if err := h.svc.DeleteMessage(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("message")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// messageHistory returns a message with its earlier texts, oldest first.
func (h *Handler) messageHistory(w http.ResponseWriter, r *http.Request) error {
	ws := r.PathValue("id")
	m, edits, err := h.svc.MessageHistory(r.Context(), actorFrom(r.Context()), ws, r.PathValue("message"))
	if err != nil {
		return err
	}
	out := make([]messageEditDTO, 0, len(edits))
	for _, e := range edits {
		out = append(out, messageEditDTO{Body: e.Body, HTML: string(e.HTML), ReplacedAt: stamp(e.Replaced), Editor: e.Editor})
	}
	writeJSON(w, http.StatusOK, map[string]any{"message": toMessage(m, h.viewer(r.Context(), ws)), "edits": out})
	return nil
}

// messageReact toggles the caller's emoji reaction.
func (h *Handler) messageReact(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Emoji string `json:"emoji"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ws := r.PathValue("id")
	m, err := h.svc.React(r.Context(), actorFrom(r.Context()), ws, r.PathValue("message"), in.Emoji)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toMessage(m, h.viewer(r.Context(), ws)))
	return nil
}

// messageDismiss says a message flagged as a possible decision is not one.
func (h *Handler) messageDismiss(w http.ResponseWriter, r *http.Request) error {
	var in struct{}
	if err := decodeOptional(w, r, &in); err != nil {
		return err
	}
	if err := h.svc.DismissCandidate(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("message")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
