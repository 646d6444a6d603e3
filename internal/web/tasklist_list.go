package web

import (
	"net/http"
)

// TaskListsPage is every task list (stage) of the campaign with its
// counts, the form to add one, and the lists archived.
type TaskListsPage struct {
	Base
	WS       string
	Lists    []TaskListCard
	Archived []TaskListCard
	CanEdit  bool
	New      TaskListFormView
}

// TaskListForm is what the task list forms send.
type TaskListForm struct {
	Title       string
	Description string
	DRI         string
}

// TaskListFormView is the form that adds a task list, or changes one.
type TaskListFormView struct {
	WS     string
	ListID string // the list changed; "" for a new one
	Form   TaskListForm
	Err    FormError
	DRI    DRIChoice
}

// Action is where the form posts.
func (f TaskListFormView) Action() string {
	if f.ListID == "" {
		return "/w/" + f.WS + "/lists"
	}
	return taskListURL(f.WS, f.ListID)
}

// IDPrefix keeps the ids of the add and the change forms apart.
func (f TaskListFormView) IDPrefix() string {
	if f.ListID == "" {
		return "new-list"
	}
	return "edit-list"
}

// listForm is a task list form with what was typed and its error.
func (v *viewer) listForm(listID string, f TaskListForm, fe FormError) TaskListFormView {
	fv := TaskListFormView{WS: v.d.ID, ListID: listID, Form: f, Err: fe}
	fv.DRI = v.driChoice(fv.IDPrefix()+"-dri", f.DRI, fe.For("dri"))
	return fv
}

// tasklistList serves GET /w/{ws}/lists: the campaign's stages.
func (s *server) tasklistList(w http.ResponseWriter, r *http.Request) {
	s.showTaskLists(w, r, http.StatusOK, TaskListForm{}, FormError{})
}

// showTaskLists renders the lists page, also again after a failed add
// with what was typed.
func (s *server) showTaskLists(w http.ResponseWriter, r *http.Request, status int, f TaskListForm, fe FormError) {
	v, err := s.viewerOf(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	infos, err := s.svc.TaskLists(r.Context(), actorOf(r), v.d.ID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	nav, bell, err := s.frame(r, v, "tasks", "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &TaskListsPage{Base: Base{Title: "Task lists · " + v.d.Name, Nav: nav, Bell: bell}, WS: v.d.ID, CanEdit: !v.guest(),
		New: v.listForm("", f, fe)}
	p.Lists, p.Archived = v.listCards(infos)
	for i := range p.Lists {
		p.Lists[i].Manage = p.CanEdit
	}
	for i := range p.Archived {
		p.Archived[i].Manage = p.CanEdit
	}
	s.render(w, r, status, "tasklist_list", p)
}
