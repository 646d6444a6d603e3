package api

import (
	"net/http"

	"duet/internal/duet"
)

// milestoneList lists the milestones in order, each gate evaluated.
func (h *Handler) milestoneList(w http.ResponseWriter, r *http.Request) error {
	ms, err := h.svc.Milestones(r.Context(), actorFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	out := make([]milestoneDTO, 0, len(ms))
	for _, m := range ms {
		out = append(out, toMilestone(m))
	}
	writeJSON(w, http.StatusOK, map[string]any{"milestones": out})
	return nil
}

// milestoneGet returns one milestone, evaluated, with its history.
func (h *Handler) milestoneGet(w http.ResponseWriter, r *http.Request) error {
	m, history, err := h.svc.Milestone(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("milestone"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, struct {
		milestoneDTO
		History []changeDTO `json:"history"`
	}{toMilestone(m), toChanges(history)})
	return nil
}

// milestoneUpdate changes a milestone's due date at the version the
// caller read.
func (h *Handler) milestoneUpdate(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Version int     `json:"version"`
		Due     *string `json:"due"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	m, err := h.svc.UpdateMilestone(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("milestone"),
		duet.MilestoneUpdate{Version: in.Version, Due: in.Due})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toMilestone(m))
	return nil
}

// milestoneComplete completes a milestone; with an unmet criterion, the
// override reason is proposed as a decision both sides sign.
func (h *Handler) milestoneComplete(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Version        int    `json:"version"`
		OverrideKind   string `json:"override_kind"`
		OverrideReason string `json:"override_reason"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	m, err := h.svc.CompleteMilestone(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("milestone"), duet.MilestoneCompletion{
		Version: in.Version, OverrideKind: in.OverrideKind, OverrideReason: in.OverrideReason})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toMilestone(m))
	return nil
}

// milestoneReopen undoes a completion, at the version the caller read.
func (h *Handler) milestoneReopen(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Version int `json:"version"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Version < 1 {
		return duet.Invalid("version", "is required: the version of the milestone you read")
	}
	m, err := h.svc.ReopenMilestone(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("milestone"), in.Version)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toMilestone(m))
	return nil
}

// criterionAdd adds a manual criterion with its DRI.
func (h *Handler) criterionAdd(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Text string `json:"text"`
		DRI  string `json:"dri"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	m, err := h.svc.AddCriterion(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("milestone"),
		duet.CriterionCreate{Text: in.Text, DRI: in.DRI})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, toMilestone(m))
	return nil
}

// criterionCheck checks off, or un-checks, a criterion decided by hand.
func (h *Handler) criterionCheck(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Checked *bool `json:"checked"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Checked == nil {
		return duet.Invalid("checked", "is required: true or false")
	}
	m, err := h.svc.CheckCriterion(r.Context(), actorFrom(r.Context()), r.PathValue("id"), r.PathValue("milestone"), r.PathValue("criterion"), *in.Checked)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toMilestone(m))
	return nil
}

// rescheduleInput is the campaign's new kickoff and launch, and the dates
// the caller's preview was made from.
type rescheduleInput struct {
	KickoffOn   string `json:"kickoff_on"`
	LaunchOn    string `json:"launch_on"`
	FromKickoff string `json:"from_kickoff"`
	FromLaunch  string `json:"from_launch"`
}

func (in rescheduleInput) reschedule() duet.Reschedule {
	return duet.Reschedule{KickoffOn: in.KickoffOn, LaunchOn: in.LaunchOn, FromKickoff: in.FromKickoff, FromLaunch: in.FromLaunch}
}

// reschedulePreview lists the due dates new campaign dates would move,
// changing nothing.
func (h *Handler) reschedulePreview(w http.ResponseWriter, r *http.Request) error {
	var in rescheduleInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	moves, err := h.svc.PreviewReschedule(r.Context(), actorFrom(r.Context()), r.PathValue("id"), in.reschedule())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"moves": toDateMoves(moves)})
	return nil
}

// reschedule moves the kickoff and launch and every date set from them.
func (h *Handler) reschedule(w http.ResponseWriter, r *http.Request) error {
	var in rescheduleInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	moves, err := h.svc.Reschedule(r.Context(), actorFrom(r.Context()), r.PathValue("id"), in.reschedule())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"moves": toDateMoves(moves)})
	return nil
}
