package api

import (
	"net/http"

	"duet/internal/duet"
)

// channelList lists the channels the caller may see, with unread counts.
func (h *Handler) channelList(w http.ResponseWriter, r *http.Request) error {
	list, err := h.svc.Channels(r.Context(), actorFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	out := make([]channelInfoDTO, 0, len(list))
	for _, c := range list {
		out = append(out, toChannelInfo(c))
	}
	writeJSON(w, http.StatusOK, map[string]any{"channels": out})
	return nil
}

// channelCreate adds a channel, shared or kept to the caller's side.
func (h *Handler) channelCreate(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Name       string `json:"name"`
		Purpose    string `json:"purpose"`
		Visibility string `json:"visibility"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	c, err := h.svc.CreateChannel(r.Context(), actorFrom(r.Context()), r.PathValue("id"), duet.ChannelCreate{
		Name: in.Name, Purpose: in.Purpose, Visibility: duet.Visibility(in.Visibility)})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, toChannelState(c))
	return nil
}

// channelUpdate renames, re-purposes, archives or restores a channel;
// fields left out (or null) stay as they are.
func (h *Handler) channelUpdate(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Name     *string `json:"name"`
		Purpose  *string `json:"purpose"`
		Archived *bool   `json:"archived"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	c, err := h.svc.UpdateChannel(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("channel"), duet.ChannelUpdate{
		Name: in.Name, Purpose: in.Purpose, Archived: in.Archived})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toChannelState(c))
	return nil
}

// channelRead records that the caller has read a channel up to seq.
func (h *Handler) channelRead(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Seq *int64 `json:"seq"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Seq == nil || *in.Seq < 0 {
		return duet.Invalid("seq", "is required: the seq of the newest message you have read")
	}
	if err := h.svc.MarkRead(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("channel"), *in.Seq); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
