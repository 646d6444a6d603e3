package api

import (
	"net/http"
)

// search finds the messages and decisions the caller may see.
func (h *Handler) search(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query().Get("q")
	hits, err := h.svc.Search(r.Context(), actorFrom(r.Context()), r.PathValue("id"), q)
	if err != nil {
		return err
	}
	out := make([]searchHitDTO, 0, len(hits))
	for _, hit := range hits {
		out = append(out, toSearchHit(hit))
	}
	writeJSON(w, http.StatusOK, map[string]any{"query": q, "hits": out})
	return nil
}

// notificationList returns the caller's newest notifications across their
// workspaces and how many are unread.
func (h *Handler) notificationList(w http.ResponseWriter, r *http.Request) error {
	in, err := h.svc.Notifications(r.Context(), actorFrom(r.Context()))
	if err != nil {
		return err
	}
	out := make([]notificationDTO, 0, len(in.Notifications))
	for _, n := range in.Notifications {
		out = append(out, toNotification(n))
	}
	writeJSON(w, http.StatusOK, map[string]any{"notifications": out, "unread": in.Unread})
	return nil
}

// notificationsRead marks the given notifications read, or all of them
// when ids is left out.
func (h *Handler) notificationsRead(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		IDs []string `json:"ids"`
	}
	if err := decodeOptional(w, r, &in); err != nil {
		return err
	}
	if in.IDs != nil && len(in.IDs) == 0 {
		w.WriteHeader(http.StatusNoContent) // an empty list marks nothing, not everything
		return nil
	}
	if err := h.svc.MarkNotificationsRead(r.Context(), actorFrom(r.Context()), in.IDs); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
