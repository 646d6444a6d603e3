package web

import (
	"fmt"
	"net/http"
	"testing"
)

func TestMessageOlder(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ch := channelID(t, f, "kickoff")
		var seqs []int64
		for i := range 120 {
			seqs = append(seqs, say(t, f, f.Partner, ch, fmt.Sprintf("Line %03d", i)).Seq)
		}
		path := "/w/" + f.WS.ID + "/c/" + ch
		// The page shows lines 70–119; the next page is the 50 before.
		r := e.hx(http.MethodGet, fmt.Sprintf("%s/older?before=%d", path, seqs[70]), e.as(f.Admin), nil)
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "Line 020", "Line 069", fmt.Sprintf("older?before=%d", seqs[20]), `id="older"`)
		r.wantNoBody(t, "Line 019", "Line 070", "<html")
		if r.count(`class="msg msg-`) != 50 {
			t.Errorf("%d messages, want 50", r.count(`class="msg msg-`))
		}
		// The first page has no control before it.
		last := e.hx(http.MethodGet, fmt.Sprintf("%s/older?before=%d", path, seqs[20]), e.as(f.Admin), nil)
		last.wantBody(t, "Line 000", "Line 019")
		last.wantNoBody(t, `id="older"`)

		// Without htmx it is the channel page at that cursor.
		e.get(fmt.Sprintf("%s/older?before=%d", path, seqs[70]), e.as(f.Admin)).wantRedirect(t, fmt.Sprintf("%s?before=%d", path, seqs[70]))
	})
}
