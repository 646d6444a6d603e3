package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"duet/internal/duet"
)

// verdict is a review form as the page sends it.
func verdict(step, v, comment string, version int) url.Values {
	return url.Values{"step": {step}, "verdict": {v}, "comment": {comment}, "version": {strconv.Itoa(version)}}
}

// TestAssetReview walks an ebook through copy, design, legal and the
// partner's sign-off through the pages' forms: each reviewer sees a form
// for their own step only; a request for changes needs a comment and
// holds the review until a new version; out of turn, the other side's
// step and a replaced version are refused with words; once every step
// approved, the version ships, and a later draft never replaces it.
func TestAssetReview(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		designer, legal := reviewers(t, f)
		hal, dee, lee, pia := e.as(f.HostMember), e.as(designer), e.as(legal), e.as(f.Partner)
		a := addAsset(t, f, f.HostMember, duet.AssetCreate{Title: "Data pipelines at scale"}, file("ebook.pdf", pdfFile))
		path := ws + "/assets/" + a.ID
		requestReview(t, f, f.HostMember, a.ID, 1)

		// Only the open step's reviewer has a form.
		e.get(path, hal).wantBody(t, "Your review: Copy review", "v1 is in review. Now: Copy review (Content Lead, Hostco).")
		for _, who := range []string{dee, lee, pia} {
			e.get(path, who).wantNoBody(t, "Your review:")
		}

		// Out of turn, the other side's step: refused in words.
		r := e.post(path+"/reviews", pia, verdict("partner-signoff", duet.VerdictApprove, "", 1))
		r.wantStatus(t, http.StatusUnprocessableEntity)
		r.wantBody(t, `id="review-error"`, "Partner sign-off comes after Copy review, Design review and Legal review, which have not approved version 1 yet.")
		r = e.post(path+"/reviews", pia, verdict("copy", duet.VerdictApprove, "", 1))
		r.wantStatus(t, http.StatusForbidden)
		r.wantBody(t, "Copy review is done by the host side&#39;s Content Lead; you are on the partner side.")
		e.post(path+"/reviews", dee, verdict("copy", duet.VerdictApprove, "", 1)).wantStatus(t, http.StatusForbidden)

		e.post(path+"/reviews", hal, verdict("copy", duet.VerdictApprove, "Reads well.", 1)).wantRedirect(t, path+"#review")

		// Changes need a comment, kept with the error at the field; sent
		// by htmx, every region of the page comes back out of band.
		r = e.hx(http.MethodPost, path+"/reviews", dee, verdict("design", duet.VerdictChanges, "  ", 1))
		r.wantStatus(t, http.StatusUnprocessableEntity)
		if got := fieldError(r.body, "comment"); got != "Comment is required: say what must change." {
			t.Errorf("changes without a comment: %q", got)
		}
		r = e.hx(http.MethodPost, path+"/reviews", dee, verdict("design", duet.VerdictChanges, "The partner logo is the old one.", 1))
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, `id="asset-review" data-live="asset" aria-labelledby="review-title" hx-swap-oob="true"`, `id="asset-head"`,
			`<span class="astatus astatus-changes_requested">`, "The partner logo is the old one.", "Design review asked for changes on v1.")
		r.wantNoBody(t, "<html")

		// A new version sends it back to review from design; copy's
		// approval of v1 is kept.
		addVersion(t, f, f.HostMember, a.ID, file("ebook-v2.pdf", pdfFile+"% new logo\n"))
		r = e.post(path+"/reviews", dee, verdict("design", duet.VerdictApprove, "", 1))
		r.wantStatus(t, http.StatusConflict)
		r.wantBody(t, "Version 2 was uploaded after the version 1 you reviewed. Review version 2.")
		e.get(path, dee).wantBody(t, "Your review: Design review", `name="version" value="2"`)
		e.post(path+"/reviews", dee, verdict("design", duet.VerdictApprove, "", 2)).wantRedirect(t, path+"#review")
		// The guest holds the host's legal role: guests review.
		e.get(path, lee).wantBody(t, "Your review: Legal review", "Guests review the steps of the roles they hold")
		e.post(path+"/reviews", lee, verdict("legal", duet.VerdictApprove, "Claims are fine.", 2)).wantRedirect(t, path+"#review")
		e.post(path+"/reviews", pia, verdict("partner-signoff", duet.VerdictApprove, "", 2)).wantRedirect(t, path+"#review")

		ad := assetOf(t, f, f.Admin, a.ID)
		if ad.Asset.Status != duet.AssetApproved || ad.Asset.Shipping == nil || ad.Asset.Shipping.Number != 2 {
			t.Fatalf("after every step: %+v", ad.Asset)
		}
		hash := "sha256:" + ad.Versions[0].File.Hash[:12]
		v1 := "sha256:" + ad.Versions[1].File.Hash[:12]
		page := e.get(path, pia)
		page.wantBody(t, `<span class="visually-hidden">The version that ships: </span><span class="ships-n">v2</span>`, "ebook-v2.pdf", path+"/ships", "Its approval trail",
			// Each approval with the exact content it approved: copy's
			// approval was given to v1 and kept.
			"<strong>Copy review</strong> · Approved v1", v1, "<strong>Legal review</strong> · Approved v2", hash, "Claims are fine.",
			"Every step approved v2: it is the version that ships.", `<span class="vtag vtag-ships">Ships</span>`)

		// A later draft does not replace it.
		addVersion(t, f, f.HostMember, a.ID, file("ebook-v3.pdf", pdfFile+"% typo\n"))
		page = e.get(path, pia)
		page.wantBody(t, `<span class="visually-hidden">The version that ships: </span><span class="ships-n">v2</span>`, "v3 came later and is a draft: it does not ship until every step approves it.")
		e.get(ws+"/assets", pia).wantBody(t, `<strong class="ships-pin-v">v2</strong>`, "v3 · draft")

		// A host-only asset's reviews are not there for the partner.
		secret := hostAsset(t, f, "Margin sheet", file("m.pdf", pdfFile))
		e.post(ws+"/assets/"+secret.ID+"/reviews", pia, verdict("copy", duet.VerdictApprove, "", 1)).wantStatus(t, http.StatusNotFound)
		e.post(path+"/reviews", e.as(f.Stranger), verdict("copy", duet.VerdictApprove, "", 3)).wantStatus(t, http.StatusNotFound)
	})
}

// TestAssetRequestReview sends a draft to review: the first stage's
// reviewer finds a note in the inbox that links the asset's review.
func TestAssetRequestReview(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		a := addAsset(t, f, f.Admin, duet.AssetCreate{Title: "Data pipelines at scale"}, file("ebook.pdf", pdfFile))
		path := ws + "/assets/" + a.ID
		admin := e.as(f.Admin)

		r := e.get(path, admin)
		r.wantBody(t, "v1 is a draft: review has not been requested.", "Request review of v1")
		// Members of the other side, guests and the stale may not.
		e.get(path, e.as(f.Partner)).wantNoBody(t, "Request review of")
		e.post(path+"/review-request", e.as(f.Partner), url.Values{"version": {"1"}}).wantStatus(t, http.StatusForbidden)
		e.post(path+"/review-request", e.as(f.Guest), url.Values{"version": {"1"}}).wantStatus(t, http.StatusForbidden)
		r = e.post(path+"/review-request", admin, url.Values{"version": {"2"}})
		r.wantStatus(t, http.StatusConflict)
		r.wantBody(t, `id="request-error"`, "Version 1 was uploaded meanwhile; reload to see it.")

		r = e.hx(http.MethodPost, path+"/review-request", admin, url.Values{"version": {"1"}})
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, `<span class="astatus astatus-in_review">`, "v1 is in review. Now: Copy review", `hx-swap-oob="true"`)
		r = e.post(path+"/review-request", admin, url.Values{"version": {"1"}})
		r.wantStatus(t, http.StatusConflict)
		r.wantBody(t, "Review of version 1 was already requested.")

		inbox := e.get("/inbox", e.as(f.HostMember))
		inbox.wantBody(t, "asks for your review of", `<a href="`+path+`#review">A-1 Data pipelines at scale</a>`)
		if strings.Contains(e.get("/inbox", e.as(f.Partner)).body, "Data pipelines at scale") {
			t.Error("the partner's step is not open yet, but the partner was asked")
		}
	})
}
