package web

import (
	"net/http"
	"strconv"

	"duet/internal/duet"
)

// DocComparePage compares two versions of the brief or the RACI, line by
// line, as the text core writes for each version.
type DocComparePage struct {
	Base
	Tabs    DocTabs
	Doc     string // "Campaign brief"
	Name    string // "campaign brief"
	Back    string
	From    DocVersionView
	To      DocVersionView
	Err     string
	Hunks   []HunkView
	Added   int
	Removed int
	Summary string
}

// briefCompare serves GET /w/{ws}/brief/compare?from=1&to=2.
func (s *server) briefCompare(w http.ResponseWriter, r *http.Request) {
	s.docCompare(w, r, duet.DocBrief)
}

// docCompare serves the comparison of two versions of a document.
func (s *server) docCompare(w http.ResponseWriter, r *http.Request, kind string) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	ws := v.d.ID
	name := "campaign brief"
	active := "brief"
	if kind == duet.DocRACI {
		name, active = "RACI matrix", "raci"
	}
	p := &DocComparePage{Tabs: DocTabs{WS: ws, Active: kind}, Doc: capitalize(name), Name: name, Back: docURL(ws, kind) + "#" + kind + "-versions"}
	q := r.URL.Query()
	from, ferr := strconv.Atoi(q.Get("from"))
	to, terr := strconv.Atoi(q.Get("to"))
	status := http.StatusOK
	if ferr != nil || terr != nil || from == to || from < 1 || to < 1 {
		p.Err, status = "Choose two different versions to compare.", http.StatusUnprocessableEntity
	} else {
		diff, err := s.svc.DiffDoc(r.Context(), actorOf(r), ws, kind, from, to)
		if err != nil {
			if _, ok := formError(err); !ok {
				s.Error(w, r, err)
				return
			}
			p.Err, status = sentence("", duet.ErrorMessage(err)), duet.HTTPStatus(err)
		} else {
			p.From, p.To = v.docVersion(diff.From), v.docVersion(diff.To)
			p.Added, p.Removed = diff.Inserted, diff.Deleted
			p.Summary = plural(p.Added, "line", "lines") + " added, " + strconv.Itoa(p.Removed) + " removed"
			for _, h := range diff.Hunks {
				p.Hunks = append(p.Hunks, hunkView(h, versionLabel(from), versionLabel(to)))
			}
		}
	}
	nav, bell, err := s.frame(r, v, active, "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	title := "Compare versions"
	if p.From.Label != "" {
		title = "Compare " + p.From.Label + " and " + p.To.Label
	}
	p.Base = Base{Title: title + " · " + p.Doc + " · " + v.d.Name, Nav: nav, Bell: bell}
	s.render(w, r, status, "doc_compare", p)
}
