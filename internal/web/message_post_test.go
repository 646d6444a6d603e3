package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestMessagePost(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ch := channelID(t, f, "day-to-day")
		path := "/w/" + f.WS.ID + "/c/" + ch

		// A plain form post goes back to the channel, at the message.
		r := e.post(path+"/messages", e.as(f.Partner), url.Values{"body": {"Blue, please."}})
		r.wantStatus(t, http.StatusSeeOther)
		if loc := r.Header().Get("Location"); !strings.HasPrefix(loc, path+"#m-") {
			t.Fatalf("Location %q", loc)
		}
		e.get(path, e.as(f.Admin)).wantBody(t, "Blue, please.")

		// htmx gets an empty composer and an event naming the message.
		h := e.hx(http.MethodPost, path+"/messages", e.as(f.Guest), url.Values{"body": {"Guests may post."}})
		h.wantStatus(t, http.StatusOK)
		h.wantBody(t, `id="composer"`, `></textarea>`)
		if trig := h.Header().Get("HX-Trigger"); !strings.Contains(trig, `"duet:posted"`) || !strings.Contains(trig, `"id":"`) {
			t.Errorf("HX-Trigger %q", trig)
		}

		// A reply goes to its thread.
		root := say(t, f, f.Admin, ch, "Which image?")
		rp := e.post(path+"/messages", e.as(f.Partner), url.Values{"body": {"The blue one."}, "parent_id": {root.ID}})
		if loc := rp.Header().Get("Location"); !strings.HasPrefix(loc, "/w/"+f.WS.ID+"/m/"+root.ID+"#m-") {
			t.Errorf("reply Location %q", loc)
		}
	})
}

func TestMessagePostErrors(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ch := channelID(t, f, "day-to-day")
		path := "/w/" + f.WS.ID + "/c/" + ch

		// Empty: the page again, the error next to the composer.
		r := e.post(path+"/messages", e.as(f.Partner), url.Values{"body": {"   "}})
		r.wantStatus(t, http.StatusUnprocessableEntity)
		r.wantBody(t, `id="body-error"`, "The text is empty; write something first.", `aria-invalid="true"`, "#day-to-day")

		// Too long: the text typed stays in the composer, for htmx and not.
		long := strings.Repeat("Lorem ipsum dolor sit amet. ", 1500)
		for _, res := range []response{
			e.post(path+"/messages", e.as(f.Partner), url.Values{"body": {long}}),
			e.hx(http.MethodPost, path+"/messages", e.as(f.Partner), url.Values{"body": {long}}),
		} {
			res.wantStatus(t, http.StatusUnprocessableEntity)
			res.wantBody(t, "The text is 42 KB; the limit is 40 KB.", "Lorem ipsum dolor sit amet. Lorem ipsum")
		}
		hx := e.hx(http.MethodPost, path+"/messages", e.as(f.Partner), url.Values{"body": {""}})
		hx.wantBody(t, `<form class="composer" id="composer"`, "The text is empty")
		hx.wantNoBody(t, "<html")

		// A reply failing stays on its thread.
		root := say(t, f, f.Admin, ch, "Which image?")
		th := e.post(path+"/messages", e.as(f.Partner), url.Values{"body": {""}, "parent_id": {root.ID}})
		th.wantStatus(t, http.StatusUnprocessableEntity)
		th.wantBody(t, "Which image?", `name="parent_id" value="`+root.ID+`"`, "The text is empty")

		// #decisions takes decisions only.
		d := e.post("/w/"+f.WS.ID+"/c/"+channelID(t, f, "decisions")+"/messages", e.as(f.Admin), url.Values{"body": {"Approved!"}})
		d.wantStatus(t, http.StatusUnprocessableEntity)
		d.wantBody(t, "holds decisions only", "Approved!")

		// Unknown and hidden channels are not found.
		e.post("/w/"+f.WS.ID+"/c/nope/messages", e.as(f.Admin), url.Values{"body": {"Hi"}}).wantStatus(t, http.StatusNotFound)
		e.post("/w/"+f.WS.ID+"/c/"+hostRoom(t, f)+"/messages", e.as(f.Partner), url.Values{"body": {"Hi"}}).wantStatus(t, http.StatusNotFound)
	})
}
