package web

import (
	"net/http"
	"strings"
	"time"

	"duet/internal/duet"
)

// InviteCreatedPage shows a new invite. When it was not emailed, the link
// is shown here once; it is never put in a URL of ours or logged.
type InviteCreatedPage struct {
	Base
	ID         string
	Email      string
	Org        string
	Class      string
	Permission string
	Roles      []string
	URL        string
	Mailed     bool
	Expires    string
}

// inviteCreate serves POST /w/{ws}/invites.
func (s *server) inviteCreate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	form := InviteForm{Email: r.PostForm.Get("email"), Side: r.PostForm.Get("side"),
		Permission: r.PostForm.Get("permission"), Roles: r.PostForm["roles"]}
	a := actorOf(r)
	res, err := s.svc.CreateInvite(r.Context(), a, r.PathValue("ws"), duet.InviteCreate{Email: form.Email,
		Side: duet.Side(form.Side), Permission: duet.Permission(form.Permission), RoleKeys: form.Roles})
	if err != nil {
		fe, ok := formError(err, inviteFields...)
		if !ok {
			s.Error(w, r, err)
			return
		}
		s.showMembers(w, r, duet.HTTPStatus(err), form, fe)
		return
	}
	// The workspace's name and role names head the page.
	d, err := s.svc.Workspace(r.Context(), a, r.PathValue("ws"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	in := res.Invite
	o := orgsOf(d)
	p := &InviteCreatedPage{Base: Base{Title: "Invite created · " + d.Name, Nav: navOf(d, "members")}, ID: d.ID,
		Email: in.Email, Org: o.of(in.Side), Class: sideClass(in.Side), Permission: permissionLabel(in.Permission),
		Mailed: res.Mailed, Expires: in.Expires.In(time.UTC).Format("Mon 2 Jan 2006")}
	for _, k := range in.RoleKeys {
		for _, role := range d.Roles {
			if role.Key == k {
				p.Roles = append(p.Roles, role.Name)
			}
		}
	}
	if !res.Mailed {
		p.URL = s.absolute(r, res.URL)
	}
	s.render(w, r, http.StatusOK, "invite_created", p)
}

// absolute makes a link from core absolute. Core prefixes its configured
// public URL; without one the link is a bare path, completed here from
// the request.
func (s *server) absolute(r *http.Request, link string) string {
	if !strings.HasPrefix(link, "/") {
		return link
	}
	scheme := "http"
	if s.secure || r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + link
}
