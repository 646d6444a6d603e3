package web

import (
	"net/http"
	"testing"
)

func TestDecisionNew(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		plain := e.get(ws+"/decisions/new", e.as(f.Partner))
		plain.wantStatus(t, http.StatusOK)
		plain.wantBody(t, "Propose a decision", `<option value="creative">Creative</option>`, `<option value="other" selected>Other</option>`,
			`id="title"`, `id="body"`, `id="rationale"`)

		// Recording a message: its text, and a title from its first line.
		m := say(t, f, f.Admin, channelID(t, f, "day-to-day"), "ok, we agreed to go with the **blue** hero image\nfiles follow")
		from := e.get(ws+"/decisions/new?from="+m.ID, e.as(f.Partner))
		from.wantBody(t, "Record as decision", `name="from_message" value="`+m.ID+`"`,
			`value="Ok, we agreed to go with the blue hero image"`, "ok, we agreed to go with the **blue** hero image\nfiles follow</textarea>",
			"<strong>blue</strong>", "Ada Admin")

		// Proposing a change to an approved decision starts from its text.
		d := sign(t, f, f.Partner, sign(t, f, f.Admin, propose(t, f, f.Admin, "Blue hero image")))
		sup := e.get(ws+"/decisions/new?supersedes="+d.ID, e.as(f.HostMember))
		sup.wantBody(t, "Propose a change to D-1", `name="supersedes" value="`+d.ID+`"`, `value="Blue hero image"`, "Because both sides said so.</textarea>")

		e.get(ws+"/decisions/new", e.as(f.Guest)).wantStatus(t, http.StatusForbidden)
		e.get(ws+"/decisions/new?from=nope", e.as(f.Admin)).wantStatus(t, http.StatusNotFound)
	})
}
