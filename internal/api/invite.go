package api

import (
	"net/http"

	"duet/internal/core"
	"duet/internal/duet"
)

// inviteList lists the invites the caller manages.
func (h *Handler) inviteList(w http.ResponseWriter, r *http.Request) error {
	list, err := h.svc.Invites(r.Context(), actorFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	out := []inviteDTO{}
	for _, in := range list {
		out = append(out, toInvite(in, h.svc.Now()))
	}
	writeJSON(w, http.StatusOK, map[string]any{"invites": out})
	return nil
}

// inviteCreate invites someone; the answer carries the link, once.
func (h *Handler) inviteCreate(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Email      string   `json:"email"`
		Side       string   `json:"side"`
		Permission string   `json:"permission"`
		Roles      []string `json:"roles"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	res, err := h.svc.CreateInvite(r.Context(), actorFrom(r.Context()), r.PathValue("id"), duet.InviteCreate{
		Email: in.Email, Side: duet.Side(in.Side), Permission: duet.Permission(in.Permission), RoleKeys: in.Roles})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, toCreatedInvite(res, h.svc.Now()))
	return nil
}

// inviteRevoke revokes a pending invite.
func (h *Handler) inviteRevoke(w http.ResponseWriter, r *http.Request) error {
	if err := h.svc.RevokeInvite(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("invite")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// inviteAccept accepts an invite with the token from its link and returns
// an API token for the new member.
func (h *Handler) inviteAccept(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Name     string `json:"name"`
		Password string `json:"password"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	acc, err := h.svc.AcceptInvite(r.Context(), r.PathValue("token"), core.AcceptInput{Name: in.Name, Password: in.Password})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]any{
		"workspace_id": acc.WorkspaceID,
		"user":         userDTO{ID: acc.User.ID, Email: acc.User.Email, Name: acc.User.Name},
	})
	return nil
}
