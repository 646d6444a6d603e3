package web

import (
	"context"
	"net/http"
	"testing"
)

func TestMessageHistory(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ch := channelID(t, f, "day-to-day")
		m := say(t, f, f.Partner, ch, "Launch is on the 12th.")
		if _, err := f.Svc.EditMessage(context.Background(), f.Partner.Actor, f.WS.ID, m.ID, "Launch is on the **19th**."); err != nil {
			t.Fatal(err)
		}
		r := e.get("/w/"+f.WS.ID+"/m/"+m.ID+"/history", e.as(f.Admin))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "Edit history", "<strong>19th</strong>", "Launch is on the 12th.", "by pia@partner.test")
	})
}
