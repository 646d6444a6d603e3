package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"duet/internal/duet"
)

func TestAssetCompare(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		pia := e.as(f.Partner)
		var old, cur strings.Builder
		for i := 1; i <= 30; i++ {
			fmt.Fprintf(&old, "Line %d of the brief.\n", i)
			switch i {
			case 4:
				cur.WriteString("Line 4 of the brief, reworded.\n")
			case 20:
			default:
				fmt.Fprintf(&cur, "Line %d of the brief.\n", i)
			}
		}
		cur.WriteString("A closing line.\n")
		brief := addAsset(t, f, f.HostMember, duet.AssetCreate{Title: "Webinar brief", Kind: duet.AssetOther}, file("brief.md", old.String()))
		addVersion(t, f, f.HostMember, brief.ID, file("brief.md", cur.String()))
		path := ws + "/assets/" + brief.ID

		e.get(path, pia).wantBody(t, `href="`+path+`/compare?from=1&amp;to=2">Compare with v1</a>`)
		r := e.get(path+"/compare?from=1&to=2", pia)
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, "Compare v1 and v2", "Webinar brief", "2 lines added, 2 removed",
			// Three hunks, each with three lines of context, numbered on
			// both sides, with +/− gutters and words for screen readers.
			"v1 lines 1–7 · v2 lines 1–7", "v1 lines 17–23 · v2 lines 17–22", "v1 lines 28–30 · v2 lines 27–30",
			`<tr class="dl dl-del"><td class="dl-n">4</td><td class="dl-n"></td><td class="dl-sign">−</td><td class="dl-text"><span class="visually-hidden">Removed from v1: </span>Line 4 of the brief.</td></tr>`,
			`<tr class="dl dl-ins"><td class="dl-n"></td><td class="dl-n">4</td><td class="dl-sign">&#43;</td><td class="dl-text"><span class="visually-hidden">Added in v2: </span>Line 4 of the brief, reworded.</td></tr>`,
			`<tr class="dl dl-eq"><td class="dl-n">5</td><td class="dl-n">5</td>`, "A closing line.")
		if n := strings.Count(r.body, `<section class="card hunk">`); n != 3 {
			t.Errorf("%d hunks, want 3", n)
		}
		r.wantNoBody(t, "Line 12 of the brief.")
		// With a third version any two can be picked.
		addVersion(t, f, f.HostMember, brief.ID, file("brief-final.txt", cur.String()+"Signed off.\n"))
		e.get(path, pia).wantBody(t, `<form class="compare-form" method="get" action="`+path+`/compare">`,
			`<option value="2" selected>v2 · brief.md</option>`, `<option value="3" selected>v3 · brief-final.txt</option>`)
		e.get(path+"/compare?from=1&to=3", pia).wantBody(t, "3 lines added, 2 removed")

		// Two images side by side, at 800 px.
		banner := addAsset(t, f, f.HostMember, duet.AssetCreate{Title: "Banner", Kind: duet.AssetAdCreative}, file("banner.png", pngFile(t, 60, 30)))
		addVersion(t, f, f.HostMember, banner.ID, file("banner-blue.jpg", jpegFile(t)))
		bp := ws + "/assets/" + banner.ID
		e.get(bp, pia).wantBody(t, "Side by side with v1")
		r = e.get(bp+"/compare?from=1&to=2", pia)
		r.wantStatus(t, http.StatusOK)
		r.wantBody(t, `<img src="`+bp+`/versions/1/preview?size=800" alt="v1: banner.png">`, `<img src="`+bp+`/versions/2/preview?size=800"`)

		// Anything else is refused with the reason.
		addVersion(t, f, f.HostMember, banner.ID, file("banner.pdf", pdfFile))
		r = e.get(bp+"/compare?from=2&to=3", pia)
		r.wantStatus(t, http.StatusUnprocessableEntity)
		r.wantBody(t, `id="compare-error"`, "v2 (JPEG image) and v3 (PDF) cannot be compared: Duet compares plain text and Markdown versions line by line, and PNG or JPEG images side by side.")
		r = e.get(bp+"/compare?from=2&to=2", pia)
		r.wantStatus(t, http.StatusUnprocessableEntity)
		r.wantBody(t, "Choose two different versions to compare.")
		e.get(bp+"/compare?from=2&to=9", pia).wantStatus(t, http.StatusNotFound)

		// A host-only asset's versions are not compared for the partner.
		secret := hostAsset(t, f, "Margins", file("m.txt", "18 percent\n"))
		addVersion(t, f, f.HostMember, secret.ID, file("m.txt", "20 percent\n"))
		e.get(ws+"/assets/"+secret.ID+"/compare?from=1&to=2", e.as(f.HostMember)).wantBody(t, "20 percent")
		nf := e.get(ws+"/assets/"+secret.ID+"/compare?from=1&to=2", pia)
		nf.wantStatus(t, http.StatusNotFound)
		nf.wantNoBody(t, "percent")
	})
}
