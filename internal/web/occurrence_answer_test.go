package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"duet/internal/duet"
)

func TestOccurrenceAnswer(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		o := current(t, f, checkIn(t, f, "monday-check-in").ID)
		path := ws + "/occurrences/" + o.ID
		answers := func() map[string][]duet.Answer {
			od, err := f.Svc.Occurrence(context.Background(), f.Admin.Actor, f.WS.ID, o.ID)
			if err != nil {
				t.Fatal(err)
			}
			return od.Answers
		}

		// A plain form post saves and goes back to the question's form.
		e.post(path+"/answers", e.as(f.Admin), url.Values{"question": {"progress"}, "body": {"Brief **approved** by both sides."}, "visibility": {"shared"}}).
			wantRedirect(t, path+"#ans-progress")
		page := e.get(path, e.as(f.Partner))
		page.wantBody(t, "Brief <strong>approved</strong> by both sides.", "<strong>Ada Admin</strong>", "1 of 4 answered")

		// Changing it replaces it: still one answer, the new text.
		e.post(path+"/answers", e.as(f.Admin), url.Values{"question": {"progress"}, "body": {"Brief approved; RACI drafted."}, "visibility": {"shared"}}).
			wantRedirect(t, path+"#ans-progress")
		if got := answers()["progress"]; len(got) != 1 || got[0].Body != "Brief approved; RACI drafted." {
			t.Fatalf("answers after an edit: %+v", got)
		}

		// htmx gets the form back, saved, and the answers out of band.
		r := e.hx(http.MethodPost, path+"/answers", e.as(f.Partner), url.Values{"question": {"blockers"}, "body": {"Legal review queue."}, "visibility": {"partner"}})
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, `<form class="form ans-form" id="ans-blockers"`, `<p class="ans-saved" role="status">Saved.</p>`, "Legal review queue.</textarea>",
			`<input type="radio" name="visibility" value="partner" checked>`, `id="occ-answers" data-live="checkin" hx-swap-oob="true"`,
			"2 of 4 answered", `<span class="badge badge-partner">Partnerco only</span>`)
		r.wantNoBody(t, "<html")
		e.get(path, e.as(f.Admin)).wantNoBody(t, "Legal review queue.")

		// An empty answer is refused at the field; nothing is saved.
		empty := e.post(path+"/answers", e.as(f.HostMember), url.Values{"question": {"decisions-needed"}, "body": {"  "}, "visibility": {"shared"}})
		empty.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(empty.body, "ans-decisions-needed-body"); got != "Write an answer, or leave the question for later." {
			t.Errorf("body error %q", got)
		}
		fx := e.hx(http.MethodPost, path+"/answers", e.as(f.HostMember), url.Values{"question": {"decisions-needed"}, "body": {""}})
		fx.wantStatus(t, http.StatusUnprocessableEntity)
		fx.wantBody(t, `id="ans-decisions-needed-body-error"`, `aria-invalid="true"`)

		// Nobody answers for someone else: refused, named, and the
		// partner's answer stays as it was.
		partnerID := memberID(t, f, f.Partner)
		forged := e.post(path+"/answers", e.as(f.Admin), url.Values{"question": {"blockers"}, "body": {"Nothing is blocked."}, "member_id": {partnerID}})
		forged.wantStatus(t, http.StatusForbidden)
		forged.wantBody(t, "You can only answer for yourself.", "Nothing is blocked.</textarea>")
		for _, a := range answers()["blockers"] {
			if a.Body == "Nothing is blocked." {
				t.Fatalf("an answer was saved for someone else: %+v", a)
			}
		}
		// A question the check-in does not ask is named.
		e.post(path+"/answers", e.as(f.Admin), url.Values{"question": {"budget"}, "body": {"Fine."}}).
			wantBody(t, "&#34;budget&#34; is not a question of Weekly campaign check-in.")

		// A check-in that asks only a role refuses everyone else, saying whom it asks.
		c, err := f.Svc.CreateCheckIn(context.Background(), f.Admin.Actor, f.WS.ID, duet.CheckInSave{Title: "Legal sync", Schedule: "FREQ=WEEKLY;BYDAY=TU",
			Time: "09:00", DurationMinutes: 15, AskRoles: []string{"legal-reviewer"}, Questions: []duet.TemplateQuestion{{Key: "claims", Text: "Which claims are open?"}}})
		if err != nil {
			t.Fatal(err)
		}
		legal := current(t, f, c.ID)
		notAsked := e.post(ws+"/occurrences/"+legal.ID+"/answers", e.as(f.HostMember), url.Values{"question": {"claims"}, "body": {"None."}})
		notAsked.wantStatus(t, http.StatusForbidden)
		notAsked.wantBody(t, "Legal sync does not ask you; it asks Legal Reviewer.", `id="occ-alert"`)
		e.get(ws+"/occurrences/"+legal.ID, e.as(f.HostMember)).wantBody(t, "Legal sync asks Legal Reviewer answer; you can read the answers and comment.")

		// Guests may answer what asks their side; strangers get nothing.
		e.post(path+"/answers", e.as(f.Guest), url.Values{"question": {"progress"}, "body": {"Read the brief."}}).wantRedirect(t, path+"#ans-progress")
		e.post(path+"/answers", e.as(f.Stranger), url.Values{"question": {"progress"}, "body": {"Hi."}}).wantStatus(t, http.StatusNotFound)

		// Once the next check-in has met, answers are closed.
		f.Clock.Advance(o.ClosesAt.Sub(f.Clock.Now()) + time.Minute)
		closed := e.post(path+"/answers", e.login(f.Admin.Email, f.Admin.Password), url.Values{"question": {"progress"}, "body": {"Too late."}})
		closed.wantStatus(t, http.StatusConflict)
		closed.wantBody(t, "This check-in closed when the next one met; answer the current one instead.", `<span class="occ-state occ-state-closed">Closed</span>`)
		closed.wantNoBody(t, "Your answers")
		if got := answers()["progress"]; len(got) != 2 || got[0].Body == "Too late." || got[1].Body == "Too late." {
			t.Errorf("answers after a refused late answer: %+v", got)
		}
	})
}

// TestAnswerSkipped: a skipped meeting takes no answers, and says why.
func TestAnswerSkipped(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		o := current(t, f, checkIn(t, f, "thursday-readiness").ID)
		if _, err := f.Svc.SkipOccurrence(context.Background(), f.Admin.Actor, f.WS.ID, o.ID, "Team offsite"); err != nil {
			t.Fatal(err)
		}
		path := ws + "/occurrences/" + o.ID
		r := e.post(path+"/answers", e.as(f.Partner), url.Values{"question": {"launch-risk"}, "body": {"None."}})
		r.wantStatus(t, http.StatusConflict)
		r.wantBody(t, "This check-in was skipped: Team offsite", `<span class="occ-state occ-state-skipped">Skipped: Team offsite</span>`,
			"This check-in was skipped: nobody votes.")
		v := e.post(path+"/votes", e.as(f.Partner), url.Values{"vote": {"go"}})
		v.wantStatus(t, http.StatusConflict)
		v.wantBody(t, "This check-in was skipped: Team offsite")
	})
}
