package api

import (
	"net/http"

	"duet/internal/duet"
)

// decisionList lists the decision log, newest first, filtered by kind
// and status.
func (h *Handler) decisionList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	list, err := h.svc.Decisions(r.Context(), actorFrom(r.Context()), r.PathValue("id"), duet.DecisionFilter{Kind: q.Get("kind"), Status: q.Get("status")})
	if err != nil {
		return err
	}
	out := make([]decisionDTO, 0, len(list))
	for _, d := range list {
		out = append(out, toDecision(d, false))
	}
	writeJSON(w, http.StatusOK, map[string]any{"decisions": out})
	return nil
}

// candidateList lists messages that read like decisions and were neither
// recorded nor dismissed.
func (h *Handler) candidateList(w http.ResponseWriter, r *http.Request) error {
	ws := r.PathValue("id")
	ms, err := h.svc.Candidates(r.Context(), actorFrom(r.Context()), ws)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"candidates": toMessages(ms, h.viewer(r.Context(), ws))})
	return nil
}

// decisionInput is the text of a new decision.
type decisionInput struct {
	Kind      string   `json:"kind"`
	Title     string   `json:"title"`
	Body      string   `json:"body"`
	Rationale string   `json:"rationale"`
	Signers   []string `json:"signers"`
}

// decisionCreate proposes a decision, possibly recording a message as it.
func (h *Handler) decisionCreate(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		decisionInput
		FromMessage string `json:"from_message"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ws := r.PathValue("id")
	d, err := h.svc.ProposeDecision(r.Context(), actorFrom(r.Context()), ws, duet.DecisionCreate{Kind: in.Kind, Title: in.Title,
		Body: in.Body, Rationale: in.Rationale, FromMessage: in.FromMessage, Signers: in.Signers})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/workspaces/"+ws+"/decisions/"+d.ID)
	writeJSON(w, http.StatusCreated, toDecision(d, true))
	return nil
}

// decisionGet returns one decision with its sign-offs.
func (h *Handler) decisionGet(w http.ResponseWriter, r *http.Request) error {
	d, err := h.svc.Decision(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("decision"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toDecision(d, true))
	return nil
}

// decisionEdit changes a proposed decision's text at the version the
// caller read; every sign-off given so far is reset.
func (h *Handler) decisionEdit(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Version   int    `json:"version"`
		Title     string `json:"title"`
		Body      string `json:"body"`
		Rationale string `json:"rationale"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	d, err := h.svc.EditDecision(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("decision"), duet.DecisionUpdate{
		Version: in.Version, Title: in.Title, Body: in.Body, Rationale: in.Rationale})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toDecision(d, true))
	return nil
}

// decisionSign signs the version the caller read, for every unsigned
// role of theirs.
func (h *Handler) decisionSign(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Version int `json:"version"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	d, err := h.svc.SignDecision(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("decision"), in.Version)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toDecision(d, true))
	return nil
}

// decisionReject closes a proposed decision as rejected, with a reason.
func (h *Handler) decisionReject(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Reason string `json:"reason"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	d, err := h.svc.RejectDecision(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("decision"), in.Reason)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toDecision(d, true))
	return nil
}

// decisionWithdraw closes a proposed decision as withdrawn; the reason
// is optional, and so is the body.
func (h *Handler) decisionWithdraw(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Reason string `json:"reason"`
	}
	if err := decodeOptional(w, r, &in); err != nil {
		return err
	}
	d, err := h.svc.WithdrawDecision(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("decision"), in.Reason)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toDecision(d, true))
	return nil
}

// decisionSupersede proposes a decision that replaces an approved one
// once it is approved itself.
func (h *Handler) decisionSupersede(w http.ResponseWriter, r *http.Request) error {
	var in decisionInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ws := r.PathValue("id")
	d, err := h.svc.ProposeDecision(r.Context(), actorFrom(r.Context()), ws, duet.DecisionCreate{Kind: in.Kind, Title: in.Title,
		Body: in.Body, Rationale: in.Rationale, Supersedes: r.PathValue("decision"), Signers: in.Signers})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/workspaces/"+ws+"/decisions/"+d.ID)
	writeJSON(w, http.StatusCreated, toDecision(d, true))
	return nil
}
