package web

import (
	"net/http"

	"duet/internal/duet"
)

// answerFields are the inputs of an answer form as core names them.
var answerFields = []string{"body", "visibility"}

// AnswerSaved is what an htmx save of an answer returns: the form, saved,
// and the answers panel swapped out of band.
type AnswerSaved struct {
	Form    AnswerForm
	Answers AnswersPanel
}

// occurrenceAnswer serves POST /w/{ws}/occurrences/{occ}/answers: the
// viewer's answer to one question, new or replacing theirs, shared or
// kept to their side. Answers change until the next meeting. Nobody
// answers for someone else: a member_id other than the viewer's own is
// refused.
func (s *server) occurrenceAnswer(w http.ResponseWriter, r *http.Request) {
	if err := parseLongForm(w, r); err != nil {
		s.Error(w, r, err)
		return
	}
	pf := r.PostForm
	in := duet.AnswerSave{Question: pf.Get("question"), Body: pf.Get("body"), Visibility: duet.Visibility(pf.Get("visibility")),
		MemberID: pf.Get("member_id")}
	if _, err := s.svc.AnswerOccurrence(r.Context(), actorOf(r), r.PathValue("ws"), r.PathValue("occ"), in); err != nil {
		s.occurrenceFailed(w, r, err, "occ-answer-form", answerFields, func(p *OccurrencePage, fe FormError) any {
			f := p.answerForm(in.Question)
			f.Err, f.Body = fe, in.Body
			for i := range f.VisOptions {
				f.VisOptions[i].Selected = f.VisOptions[i].Value == string(in.Visibility)
			}
			if !p.CanAnswer {
				p.Alert = fe.Msg
			}
			return *f
		})
		return
	}
	s.occurrenceDone(w, r, "occ-answer-saved", "#ans-"+in.Question, func(p *OccurrencePage) any {
		f := p.answerForm(in.Question)
		f.Done = true
		ans := p.Answers
		ans.OOB = true
		return AnswerSaved{Form: *f, Answers: ans}
	})
}

// answerForm returns the page's form for a question, adding one for a
// question the page does not ask (so its refusal has a place to show).
func (p *OccurrencePage) answerForm(key string) *AnswerForm {
	for i := range p.Yours {
		if p.Yours[i].Key == key {
			return &p.Yours[i]
		}
	}
	p.Yours = append(p.Yours, AnswerForm{URL: occurrenceURL(p.WS, p.ID) + "/answers", ID: "ans-" + duet.Slug(key), Key: key, Text: key})
	return &p.Yours[len(p.Yours)-1]
}
