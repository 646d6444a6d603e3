package api

import (
	"net/http"
	"strconv"
	"strings"

	"duet/internal/duet"
)

// workspaceList lists the caller's workspaces.
func (h *Handler) workspaceList(w http.ResponseWriter, r *http.Request) error {
	list, err := h.svc.Workspaces(r.Context(), actorFrom(r.Context()))
	if err != nil {
		return err
	}
	out := []workspaceSummaryDTO{}
	for _, s := range list {
		out = append(out, toSummary(s))
	}
	writeJSON(w, http.StatusOK, map[string]any{"workspaces": out})
	return nil
}

// workspaceCreate opens a workspace from a template.
func (h *Handler) workspaceCreate(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Name       string `json:"name"`
		Template   string `json:"template"`
		PartnerOrg string `json:"partner_org"`
		KickoffOn  string `json:"kickoff_on"`
		LaunchOn   string `json:"launch_on"`
		TimeZone   string `json:"time_zone"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	d, err := h.svc.CreateWorkspace(r.Context(), actorFrom(r.Context()), duet.WorkspaceCreate{
		Name: in.Name, Template: in.Template, PartnerOrg: in.PartnerOrg, KickoffOn: in.KickoffOn, LaunchOn: in.LaunchOn, TimeZone: in.TimeZone})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/workspaces/"+d.ID)
	writeJSON(w, http.StatusCreated, toWorkspace(d))
	return nil
}

// workspaceGet returns a workspace's whole structure.
func (h *Handler) workspaceGet(w http.ResponseWriter, r *http.Request) error {
	d, err := h.svc.Workspace(r.Context(), actorFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	b, err := h.bodies.workspaceBody(d)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", b.etag)
	w.Header().Set("Cache-Control", "private, no-cache")
	w.Header().Set("Vary", "Accept-Encoding")
	if r.Header.Get("If-None-Match") == b.etag {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	body := b.body
	if acceptsGzip(r) {
		body = b.gzipped
		w.Header().Set("Content-Encoding", "gzip")
	}
	// A known length lets the server send headers and body in one go
	// instead of chunking.
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Write(body)
	return nil
}

// acceptsGzip reports whether the client takes gzip (and has not refused
// it with q=0).
func acceptsGzip(r *http.Request) bool {
	for part := range strings.SplitSeq(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			q := strings.ReplaceAll(params, " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}
