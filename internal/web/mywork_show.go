package web

import (
	"net/http"

	"duet/internal/core"
	"duet/internal/duet"
)

// MyWorkPage is everything the viewer is directly responsible for, or
// must sign, across their workspaces: overdue, due this week, later.
type MyWorkPage struct {
	Base
	Groups []WorkGroup
	Total  int
}

// WorkGroup is one group of My work.
type WorkGroup struct {
	Key   string // "overdue", "week", "later"
	Title string
	Hint  string
	Empty string
	Items []WorkItemView
}

// WorkItemView is one thing on the viewer's plate.
type WorkItemView struct {
	Kind          string // "task", "criterion", "decision"
	KindLabel     string
	Ref           string
	Title         string
	URL           string
	Workspace     string
	WorkspaceURL  string
	Why           string
	Due           string
	DueISO        string
	DueRel        string
	Overdue       bool
	Status        string
	StatusLabel   string
	BlockedReason string
}

// myworkShow serves GET /my.
func (s *server) myworkShow(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	mw, err := s.svc.MyWork(r.Context(), a)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	// Each workspace judges "today" in its own time zone.
	wss, err := s.svc.Workspaces(r.Context(), a)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	now, days := s.svc.Now(), map[string]duet.Date{}
	for _, w := range wss {
		days[w.ID] = today(now, w.TimeZone)
	}
	unread, err := s.svc.UnreadNotifications(r.Context(), a)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := myWorkPage(mw, days)
	p.Base = Base{Title: "My work", Bell: &BellView{Count: unread}}
	s.render(w, r, http.StatusOK, "mywork_show", p)
}

// myWorkPage lays out the groups of My work; days is each workspace's
// today.
func myWorkPage(mw core.MyWork, days map[string]duet.Date) *MyWorkPage {
	p := &MyWorkPage{}
	for _, g := range []struct {
		key, title, hint, empty string
		items                   []core.WorkItem
	}{
		{"overdue", "Overdue", "Past their due date and not done", "Nothing overdue.", mw.Overdue},
		{"week", "This week", "Due from today to Sunday, and sign-offs waiting for you", "Nothing due this week.", mw.ThisWeek},
		{"later", "Later", "Due after this week, or without a due date", "Nothing further out.", mw.Later},
	} {
		wg := WorkGroup{Key: g.key, Title: g.title, Hint: g.hint, Empty: g.empty}
		for _, it := range g.items {
			wg.Items = append(wg.Items, workItem(it, days[it.WorkspaceID]))
		}
		p.Total += len(wg.Items)
		p.Groups = append(p.Groups, wg)
	}
	return p
}

// workItem lays out one item of My work and links it to its page.
func workItem(it core.WorkItem, today duet.Date) WorkItemView {
	ws := "/w/" + it.WorkspaceID
	v := WorkItemView{Kind: it.Kind, Ref: it.Ref, Title: it.Title, Workspace: it.WorkspaceName, WorkspaceURL: ws, Why: it.Why,
		Overdue: it.Overdue, Status: it.Status, BlockedReason: it.BlockedReason}
	switch it.Kind {
	case "task":
		v.KindLabel, v.URL, v.StatusLabel = "Task", taskURL(it.WorkspaceID, it.ID), duet.TaskStatusName(it.Status)
	case "criterion":
		v.KindLabel, v.URL, v.StatusLabel = "Milestone", ws+"/milestones#m-"+it.ID, statusLabel(it.Status)
	case "decision":
		v.KindLabel, v.URL, v.StatusLabel = "Sign-off", ws+"/decisions/"+it.ID, decisionStatusLabel(it.Status)
	default:
		v.KindLabel, v.URL, v.StatusLabel = statusLabel(it.Kind), ws, statusLabel(it.Status)
	}
	if !it.DueOn.IsZero() {
		v.Due, v.DueISO = formatDate(it.DueOn), it.DueOn.String()
		if !today.IsZero() {
			v.DueRel = relDays(daysFrom(today, it.DueOn))
		}
	}
	return v
}
