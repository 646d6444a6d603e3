package web

import (
	"net/http"
	"strconv"

	"duet/internal/duet"
)

// RulesComparePage compares two versions of the lead-share rules, rule
// by rule, one line each.
type RulesComparePage struct {
	Base
	WS      string
	Tabs    LeadTabs
	Back    string
	From    string // "Version 2"
	To      string
	FromSt  string
	ToSt    string
	Err     string
	Hunks   []HunkView
	Added   int
	Removed int
	Summary string
	Compare RulesCompare
}

// rulesCompare serves GET /w/{ws}/rules/compare?from=1&to=2.
func (s *server) rulesCompare(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	ws := v.d.ID
	q := r.URL.Query()
	from, ferr := strconv.Atoi(q.Get("from"))
	to, terr := strconv.Atoi(q.Get("to"))
	p := &RulesComparePage{WS: ws, Tabs: leadTabs(ws, "rules"), Back: rulesURL(ws)}
	status := http.StatusOK
	if ferr != nil || terr != nil || from == to || from < 1 || to < 1 {
		p.Err, status = "Choose two different versions to compare.", http.StatusUnprocessableEntity
	} else {
		diff, err := s.svc.DiffDoc(r.Context(), actorOf(r), ws, duet.DocRules, from, to)
		if err != nil {
			if _, ok := formError(err); !ok {
				s.Error(w, r, err)
				return
			}
			p.Err, status = fieldMessage("", duet.ErrorMessage(err)), duet.HTTPStatus(err)
		} else {
			p.From, p.To = "Version "+strconv.Itoa(from), "Version "+strconv.Itoa(to)
			p.FromSt, p.ToSt = docStatusLabels[diff.From.Status], docStatusLabels[diff.To.Status]
			p.Added, p.Removed = diff.Inserted, diff.Deleted
			p.Summary = plural(p.Added, "line", "lines") + " added, " + strconv.Itoa(p.Removed) + " removed"
			for _, h := range diff.Hunks {
				p.Hunks = append(p.Hunks, hunkView(h, "v"+strconv.Itoa(from), "v"+strconv.Itoa(to)))
			}
		}
	}
	if rv, err := s.svc.Rules(r.Context(), actorOf(r), ws); err == nil && len(rv.Versions) > 1 {
		p.Compare = rulesCompareForm(ws, rv.Versions)
		for i := range p.Compare.From {
			p.Compare.From[i].Selected = p.Compare.From[i].Value == strconv.Itoa(from)
			p.Compare.To[i].Selected = p.Compare.To[i].Value == strconv.Itoa(to)
		}
	}
	nav, bell, err := s.frame(r, v, "rules", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p.Base = Base{Title: "Compare rules versions · " + v.d.Name, Nav: nav, Bell: bell}
	s.render(w, r, status, "rules_compare", p)
}
