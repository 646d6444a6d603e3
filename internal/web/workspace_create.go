package web

import (
	"net/http"

	"duet/internal/duet"
)

// workspaceCreate serves POST /w: it opens the campaign and goes to it.
func (s *server) workspaceCreate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	f := r.PostForm
	form := WorkspaceForm{Template: f.Get("template"), Name: f.Get("name"), PartnerOrg: f.Get("partner_org"),
		KickoffOn: f.Get("kickoff_on"), LaunchOn: f.Get("launch_on"), TimeZone: f.Get("time_zone")}
	a := actorOf(r)
	d, err := s.svc.CreateWorkspace(r.Context(), a, duet.WorkspaceCreate{Name: form.Name, Template: form.Template,
		PartnerOrg: form.PartnerOrg, KickoffOn: form.KickoffOn, LaunchOn: form.LaunchOn, TimeZone: form.TimeZone})
	if err != nil {
		fe, ok := formError(err, workspaceFields...)
		if !ok {
			s.Error(w, r, err)
			return
		}
		s.render(w, r, duet.HTTPStatus(err), "workspace_new", s.newWorkspacePage(a, form, fe))
		return
	}
	http.Redirect(w, r, "/w/"+d.ID, http.StatusSeeOther)
}
