package web

import (
	"net/http"
	"testing"
	"time"

	"duet/internal/duet"
)

func TestBriefShow(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		hal, pia, gus := e.as(f.HostMember), e.as(f.Partner), e.as(f.Guest)

		// Before anyone writes it: an invitation to, for members.
		r := e.get(ws+"/brief", hal)
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "Nobody has written the brief yet", `href="`+ws+`/brief/edit">Write the brief</a>`, `aria-current="page">Campaign brief</a>`,
			`href="`+ws+`/raci">RACI matrix</a>`, "Starting goals", "Qualified leads", "It starts from the template's goals below.")
		r.wantNoBody(t, `id="brief-signoff"`)
		e.get(ws+"/brief", gus).wantBody(t, "Guests read the brief once a member of either side writes it.")

		// Written and signed by the host: goals, texts as sanitized
		// Markdown, the budget with each side's part, the sign-off.
		b := webinarBrief()
		b.Scope = "See [the plan](https://example.com/plan) and [this](javascript:alert(1)) <script>alert(1)</script>"
		saveBrief(t, f, f.HostMember, b, "First draft")
		signDoc(t, f, f.HostMember, duet.DocBrief, 1)
		r = e.get(ws+"/brief", pia)
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "Version 1, saved by hal@host.test (Hostco)", "Webinar registrations", "600", "registrations",
			`<span class="side-tag side-tag-partner">Partnerco</span>`, "Leads routed", "Entered by hand",
			"<strong>200+</strong>", `<a href="https://example.com/plan" rel="nofollow noopener noreferrer" target="_blank">the plan</a>`,
			"&lt;script&gt;", "<li>2 Dec: landing page live</li>", "Paid social", "60% Hostco · 40% Partnerco",
			"EUR 8,000", "EUR 5,600", "EUR 2,400", "Pia for the partner&#39;s newsletter.",
			"Waiting for the partner side", "hal@host.test</strong> signed version 1", "Sign for Partnerco (version 1)",
			`action="`+ws+`/brief/sign"`, `name="version" value="1"`, "First draft", `href="`+ws+`/brief/edit">Edit the brief</a>`)
		r.wantNoBody(t, "javascript:", "<script>alert", "Of target", "Nobody has written")
		// The host, who signed, has no button; the guest reads only.
		e.get(ws+"/brief", hal).wantNoBody(t, "Sign for Hostco")
		g := e.get(ws+"/brief", gus)
		g.wantStatus(t, http.StatusOK)
		g.wantNoBody(t, "Sign for", "/brief/edit", `action="`+ws+`/brief/actuals"`)

		// Both signed; a second version waits again, and says which one
		// both sides signed; the history links the comparison.
		signDoc(t, f, f.Partner, duet.DocBrief, 1)
		e.get(ws+"/brief", pia).wantBody(t, "Signed by both sides", "pia@partner.test</strong> signed version 1")
		b.Goals[0].Target = 700
		saveBrief(t, f, f.Partner, b, "More seats")
		r = e.get(ws+"/brief", pia)
		r.wantBody(t, "Waiting for both sides", "Version 1 is the one both sides signed", "More seats",
			`href="`+ws+`/brief/compare?from=1&amp;to=2"`, `<span class="status status-approved">Approved</span>`)

		// After launch the goals are compared with their actuals, and
		// members enter those measured by hand.
		f.Clock.Advance(f.WS.LaunchOn.Time.Sub(f.Clock.Now()) + 24*time.Hour)
		hal, gus = e.login(f.HostMember.Email, f.HostMember.Password), e.login(f.Guest.Email, f.Guest.Password)
		r = e.get(ws+"/brief", hal)
		r.wantBody(t, "Of target", `id="actual-webinar-registrations"`, `action="`+ws+`/brief/actuals"`)
		r.wantNoBody(t, `id="actual-mqls"`)
		e.get(ws+"/brief", gus).wantNoBody(t, `id="actual-webinar-registrations"`)

		e.get(ws+"/brief", e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
	})
}
