package web

import (
	"net/http"
)

// taskComment serves POST /w/{ws}/tasks/{task}/comments: a comment in
// Markdown, like a message; mentions notify. Guests may comment.
func (s *server) taskComment(w http.ResponseWriter, r *http.Request) {
	if err := parseLongForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	body := r.PostForm.Get("body")
	c, err := s.svc.CommentOnTask(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("task"), body)
	if err != nil {
		s.taskFailed(w, r, err, "task-comments", []string{"body"}, func(p *TaskPage, fe FormError) any {
			p.Comments.Err, p.Comments.Body = fe, body
			return p.Comments
		})
		return
	}
	s.taskDone(w, r, "task-comments", "#c-"+c.ID, func(p *TaskPage) any { return p.Comments })
}
