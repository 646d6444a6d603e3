package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"duet/internal/core"
	"duet/internal/duet"
)

func TestAssetList(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		hal := e.as(f.HostMember)

		// Empty, it says what the folder is for and how to start.
		r := e.get(ws+"/assets", hal)
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "The folder is empty", "Add the first asset", `href="`+ws+`/assets" aria-current="page">Assets</a>`)
		e.get(ws+"/assets", e.as(f.Guest)).wantNoBody(t, "Add the first asset", "New asset")

		designer, _ := reviewers(t, f)
		ebook := addAsset(t, f, f.HostMember, duet.AssetCreate{Title: "Data pipelines at scale", DueOn: "2026-11-13", Tags: "launch"},
			file("ebook.pdf", pdfFile))
		requestReview(t, f, f.HostMember, ebook.ID, 1)
		review(t, f, f.HostMember, ebook.ID, "copy", duet.VerdictApprove, "", 1)
		review(t, f, designer, ebook.ID, "design", duet.VerdictChanges, "Old logo.", 1)
		landing := addAsset(t, f, f.HostMember, duet.AssetCreate{Title: "Registration page", Kind: duet.AssetLandingPage},
			&core.VersionUpload{VersionCreate: duet.VersionCreate{Link: "https://docs.google.com/document/d/lp"}})
		hostAsset(t, f, "Margin sheet", nil)
		addAsset(t, f, f.Partner, duet.AssetCreate{Title: "Partner newsletter", Kind: duet.AssetEmail, DRI: "role:partner-marketing-lead", Tags: "launch"}, nil)
		// The registration page publishes tomorrow and is still a draft.
		if _, err := f.Svc.CreateEntry(context.Background(), f.Admin.Actor, f.WS.ID, duet.EntrySave{Title: "Registration page goes live",
			Channel: duet.ChanLandingPage, DRI: "role:content-lead", PublishAt: "2026-11-17T10:00", Visibility: duet.VisShared,
			Assets: []string{landing.ID}}); err != nil {
			t.Fatal(err)
		}

		r = e.get(ws+"/assets", hal)
		r.wantBody(t, "4 assets", "A-1", "Data pipelines at scale", "Ebook / whitepaper", "Margin sheet", "Hostco only", "Partner newsletter",
			// Status in words, steps in order with their state, what ships.
			`<span class="astatus astatus-changes_requested">`, "Changes requested", "1 of 4 steps approved",
			`<span class="rpill is-approved"`, "Copy review<span class=\"visually-hidden\">: Approved</span>",
			`<span class="rpill is-changes_requested"`, "Nothing approved yet",
			// Overdue approval and the calendar's slip, in red and in words.
			`<span class="late-mark">Overdue</span>`, "Timing slip:", "A-2 Registration page is still a draft",
			"#launch")
		// The partner does not learn of the host-only asset.
		p := e.get(ws+"/assets", e.as(f.Partner))
		p.wantBody(t, "3 assets", "Data pipelines at scale")
		p.wantNoBody(t, "Margin sheet")

		// Filters narrow the folder, as a plain GET form.
		for q, want := range map[string][]string{
			"?status=changes_requested":                    {"1 asset matches the filter", "Data pipelines at scale"},
			"?kind=landing_page":                           {"1 asset matches the filter", "Registration page"},
			"?side=partner":                                {"1 asset matches the filter", "Partner newsletter"},
			"?tag=%23Launch":                               {"2 assets match the filter", "Data pipelines at scale", "Partner newsletter"},
			"?dri=role:partner-marketing-lead":             {"1 asset matches the filter", "Partner newsletter"},
			"?status=draft&side=host&kind=other&dri=&tag=": {"1 asset matches the filter", "Margin sheet"},
		} {
			r := e.get(ws+"/assets"+q, hal)
			r.wantStatus(t, http.StatusOK)
			r.wantBody(t, append(want, "Clear")...)
		}
		e.get(ws+"/assets?status=approved", hal).wantBody(t, "No asset matches these filters.", "Show every asset")
		e.get(ws+"/assets?side=partner", hal).wantBody(t, `<option value="partner" selected>Partnerco</option>`)
		bad := e.get(ws+"/assets?status=lost", hal)
		bad.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(bad.body, "status"); got != "Status must be one of draft, in_review, changes_requested, approved." {
			t.Errorf("bad status: %q", got)
		}

		e.get(ws+"/assets", e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
		e.get(ws+"/assets", "").wantRedirect(t, "/login?next=%2Fw%2F"+f.WS.ID+"%2Fassets")
	})
}

func TestAssetNew(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		r := e.get(ws+"/assets/new", e.as(f.Partner))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "New asset", `action="`+ws+`/assets" enctype="multipart/form-data"`, `<option value="ebook" selected>`,
			`<option value="role:partner-marketing-lead">`, "Only Partnerco", `name="request_review"`, `accept=".pdf,`)
		// The file input is the form's last field: its text comes first.
		if i, j := strings.Index(r.body, `name="file"`), strings.Index(r.body, `name="link"`); i < j || j < 0 {
			t.Error("the file input is not after the other fields")
		}
		e.get(ws+"/assets/new", e.as(f.Guest)).wantStatus(t, http.StatusForbidden)
		e.get(ws+"/assets/new", e.as(f.Stranger)).wantStatus(t, http.StatusNotFound)
	})
}
