package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestChannelShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ch := channelID(t, f, "day-to-day")
		first := say(t, f, f.Admin, ch, "Morning! Draft is up, see **hero section**.")
		flagged := say(t, f, f.Admin, ch, "ok, we agreed to go with the blue hero image")
		say(t, f, f.Partner, ch, "Thanks @"+f.Admin.Name+" <script>alert(1)</script>")
		say(t, f, f.HostMember, ch, "Nested reply", first.ID)
		path := "/w/" + f.WS.ID + "/c/" + ch

		r := e.get(path, e.as(f.Admin))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "#day-to-day", "Daily coordination", `class="vis-badge vis-shared"`, ">Shared<",
			// Authors with their organization, host and partner told apart.
			`<span class="side-tag side-tag-host">Hostco</span>`, `<span class="side-tag side-tag-partner">Partnerco</span>`,
			// Rendered Markdown; typed HTML is text; mentions are marked.
			"<strong>hero section</strong>", "&lt;script&gt;alert(1)&lt;/script&gt;", `class="mention"`,
			// Newest at the bottom, the reply counted under its message.
			"1 reply", `id="composer-body"`, `data-send-on-ctrl-enter`, "Markdown",
			// The author is nudged to record the decision made in chat.
			"This reads like a decision", "/decisions/new?from="+flagged.ID,
			// Reactions, and the author's own edit and delete.
			`value="👍"`, `/m/`+first.ID+`/edit`, `/m/`+first.ID+`/delete`, "Rename", "Archive")
		r.wantNoBody(t, "<script>alert(1)</script>", "Load older")
		if strings.Index(r.body, "Morning!") > strings.Index(r.body, "blue hero image") {
			t.Error("the newest message is not at the bottom")
		}
		if r.count(`class="msg msg-`) != 3 {
			t.Errorf("%d messages listed, want 3 (replies stay in their thread)", r.count(`class="msg msg-`))
		}

		// Another member sees no nudge and cannot edit the admin's words; a
		// guest may react and reply but not record decisions or rename.
		m := e.get(path, e.as(f.HostMember))
		m.wantNoBody(t, "This reads like a decision", `/m/`+first.ID+`/edit`)
		g := e.get(path, e.as(f.Guest))
		g.wantBody(t, `value="👍"`, `id="composer-body"`)
		g.wantNoBody(t, "Record<span", "Rename", "/decisions/new?from=")

		// #decisions is the decision log.
		e.get("/w/"+f.WS.ID+"/c/"+channelID(t, f, "decisions"), e.as(f.Partner)).wantRedirect(t, "/w/"+f.WS.ID+"/decisions")
		e.get("/w/"+f.WS.ID+"/c/no-such-channel", e.as(f.Admin)).wantStatus(t, http.StatusNotFound)
		e.get(path+"?before=x", e.as(f.Admin)).wantStatus(t, http.StatusUnprocessableEntity)
	})
}

func TestChannelShowPages(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ch := channelID(t, f, "kickoff")
		for i := range 55 {
			say(t, f, f.Partner, ch, fmt.Sprintf("Note number %03d", i))
		}
		path := "/w/" + f.WS.ID + "/c/" + ch
		r := e.get(path, e.as(f.Admin))
		r.wantBody(t, "Note number 054", "Note number 005", "Load older messages")
		r.wantNoBody(t, "Note number 004")
		before := strings.Split(strings.Split(r.body, "?before=")[1], `"`)[0]

		older := e.get(path+"?before="+url.QueryEscape(before), e.as(f.Admin))
		older.wantStatus(t, http.StatusOK)
		older.wantBody(t, "Note number 000", "Note number 004", "Back to the latest")
		older.wantNoBody(t, "Note number 005", "Load older messages")
	})
}

func TestChannelShowHostOnly(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		room := hostRoom(t, f)
		say(t, f, f.Admin, room, "Margin floor is 18 percent.")
		path := "/w/" + f.WS.ID + "/c/" + room
		r := e.get(path, e.as(f.HostMember))
		r.wantBody(t, "Host only", "Only Hostco sees this channel", "Margin floor")
		for _, u := range []string{e.as(f.Partner), e.as(f.Stranger)} {
			p := e.get(path, u)
			p.wantStatus(t, http.StatusNotFound)
			p.wantNoBody(t, "Margin", "host-room")
		}
		// Nor does its name reach the partner's sidebar anywhere.
		e.get("/w/"+f.WS.ID+"/c/"+channelID(t, f, "kickoff"), e.as(f.Partner)).wantNoBody(t, "host-room", room)
		e.get("/w/"+f.WS.ID, e.as(f.Partner)).wantNoBody(t, "host-room", room)
	})
}
