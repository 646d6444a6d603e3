package api

import (
	"net/http"
)

// tokenCreate exchanges an email and password for a new API token.
func (h *Handler) tokenCreate(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Email    string `json:"email"`
		Password string `json:"password"`
		Label    string `json:"label"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	token, err := h.svc.LoginToken(r.Context(), in.Email, in.Password, in.Label, clientIP(r))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]string{"token": token, "label": in.Label})
	return nil
}

// meGet returns the token's user.
func (h *Handler) meGet(w http.ResponseWriter, r *http.Request) error {
	a := actorFrom(r.Context())
	writeJSON(w, http.StatusOK, userDTO{ID: a.User.ID, Email: a.User.Email, Name: a.User.Name,
		Org: &orgDTO{ID: a.Org.ID, Name: a.Org.Name}, IsAdmin: a.User.IsAdmin && a.Org.IsHost})
	return nil
}

// templateList lists the workspace templates.
func (h *Handler) templateList(w http.ResponseWriter, r *http.Request) error {
	out := []templateDTO{}
	for _, t := range h.svc.Templates() {
		out = append(out, toTemplate(t))
	}
	writeJSON(w, http.StatusOK, map[string]any{"templates": out})
	return nil
}
