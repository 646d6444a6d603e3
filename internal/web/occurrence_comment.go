package web

import (
	"net/http"
)

// occurrenceComment serves POST /w/{ws}/occurrences/{occ}/comments: a
// comment on the meeting, in Markdown.
func (s *server) occurrenceComment(w http.ResponseWriter, r *http.Request) {
	if err := parseLongForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	body := r.PostForm.Get("body")
	c, err := s.svc.CommentOnOccurrence(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("occ"), body)
	if err != nil {
		s.occurrenceFailed(w, r, err, "occ-comments", []string{"body"}, func(p *OccurrencePage, fe FormError) any {
			p.Comments.Err, p.Comments.Body = fe, body
			return p.Comments
		})
		return
	}
	s.occurrenceDone(w, r, "occ-comments", "#c-"+c.ID, func(p *OccurrencePage) any { return p.Comments })
}
