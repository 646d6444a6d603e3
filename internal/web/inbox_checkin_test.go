package web

import (
	"context"
	"testing"

	"duet/internal/duet"
)

// TestInboxCheckIns: a check-in opening for answers, and the nudge before
// it meets, read as sentences about the check-in and link its meeting.
func TestInboxCheckIns(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ctx := context.Background()
		ws := "/w/" + f.WS.ID
		mon := current(t, f, checkIn(t, f, "monday-check-in").ID)
		thu := current(t, f, checkIn(t, f, "thursday-readiness").ID)
		secret := current(t, f, hostCheckIn(t, f, "Partner health").ID)
		if _, err := f.Svc.SendReminders(ctx, f.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		r := e.get("/inbox", e.as(f.Partner))
		r.wantBody(t, "<strong>Weekly campaign check-in</strong> is open for your answers", `href="`+ws+`/occurrences/`+mon.ID+`"`,
			"<strong>Thursday launch readiness</strong> is open for your answers", `class="note note-checkin_open is-unread"`, "Answer now")
		r.wantNoBody(t, "Partner health", secret.ID)
		e.get("/inbox", e.as(f.HostMember)).wantBody(t, "<strong>Partner health</strong> is open for your answers")

		// The nudge goes to those who have not answered.
		answer(t, f, f.Partner, thu.ID, "launch-risk", "Speaker travel.", duet.VisShared)
		f.Clock.Advance(thu.NudgeAt.Sub(f.Clock.Now()))
		if _, err := f.Svc.SendReminders(ctx, f.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		h := e.get("/inbox", e.login(f.HostMember.Email, f.HostMember.Password))
		h.wantBody(t, "<strong>Thursday launch readiness</strong> meets soon — you have not answered", `class="note note-checkin_nudge is-unread"`,
			"Answer before it meets", `href="`+ws+`/occurrences/`+thu.ID+`"`)
		e.get("/inbox", e.login(f.Partner.Email, f.Partner.Password)).wantNoBody(t, "meets soon")
	})
}
