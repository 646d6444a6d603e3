package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"duet/internal/duet"
)

func TestLeadImport(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		w := newLeadWorld(t, f)
		ws := "/w/" + f.WS.ID
		w.approveRules(t, euRules())
		w.intake(t, f.Admin, duet.LeadIn{Email: "known@acme.example", Country: "US"})
		count := func() int {
			ls, err := f.Svc.Leads(context.Background(), f.Admin.Actor, f.WS.ID, duet.LeadFilter{Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			return len(ls)
		}

		form := e.get(ws+"/leads/import", e.as(f.Partner))
		form.wantStatus(t, http.StatusOK)
		form.wantBody(t, "Import leads", `enctype="multipart/form-data"`, `data-max-bytes="5242880"`, "Check the file")
		e.get(ws+"/leads/import", e.as(f.Guest)).wantStatus(t, http.StatusForbidden)

		// The preview: per-row errors with their lines, duplicates, the
		// rule each good row would hit; nothing is written yet.
		var b strings.Builder
		b.WriteString("email,name,company,country,employees,consent,score\n")
		for i := 1; i <= 12; i++ {
			fmt.Fprintf(&b, "lead%d@globex.example,Lead %d,Globex,%s,%d,yes,7\n", i, i, []string{"DE", "US"}[i%2], i*10)
		}
		b.WriteString("not-an-email,Bad Email,Globex,DE,10,yes,1\n")     // line 14
		b.WriteString("lots@globex.example,Lots,Globex,DE,lots,yes,1\n") // line 15
		b.WriteString("maybe@globex.example,Maybe,Globex,DE,10,maybe,1\n")
		b.WriteString("known@acme.example,Known,Acme,US,,no,1\n")
		csv := b.String()
		p := e.upload(ws+"/leads/import", e.as(f.HostMember), nil, "leads.csv", csv)
		p.wantStatus(t, http.StatusOK)
		p.wantBody(t, "Check the import", `<p class="ld-sum-big">12</p><p>to import</p>`, `<p class="ld-sum-big">3</p><p>with errors, left out</p>`,
			`<p class="ld-sum-big">1</p><p>already there, skipped</p>`, "Columns not read: score.",
			`<td class="ld-line">14</td><td>email</td>`, `<td class="ld-line">15</td><td>employees</td>`,
			"&#34;lots&#34; is not an employee count such as 250 or 201-500.", `<td class="ld-line">16</td><td>consent</td>`,
			"&#34;maybe&#34; is not yes or no.", "EU leads", "Everything else", "Import 12 leads", `action="`+ws+`/leads/import?confirm=1"`,
			`<textarea id="import-csv" name="csv" hidden readonly>email,name,company`)
		if n := count(); n != 1 {
			t.Fatalf("a preview wrote leads: %d", n)
		}

		// Confirmed (the preview's form carries the file forward): the
		// good rows go in and are routed, the bad ones listed again.
		confirm := func() response {
			body, ct := multipartForm(t, []field{{"csv", csv}}, "", "")
			return e.send(httptest.NewRequest(http.MethodPost, ws+"/leads/import?confirm=1", body), ct, e.as(f.HostMember))
		}
		done := confirm()
		done.wantStatus(t, http.StatusOK)
		done.wantBody(t, "Leads imported", `<p class="ld-sum-big">12</p><p>created</p>`, `<p class="ld-sum-big">1</p><p>already there, skipped</p>`,
			`<p class="ld-sum-big">3</p><p>refused</p>`, `<td class="ld-line">14</td>`, "Open the inbox")
		if n := count(); n != 13 {
			t.Fatalf("after the import: %d leads", n)
		}
		inbox := e.get(ws+"/leads?q=globex", e.as(f.Partner))
		inbox.wantBody(t, "6 leads", "EU leads")
		// Importing the same file again adds nothing.
		confirm().wantBody(t, `<p class="ld-sum-big">0</p><p>created</p>`, `<p class="ld-sum-big">13</p><p>already there, skipped</p>`)

		// Pasted rows work too.
		e.post(ws+"/leads/import", e.as(f.Partner), url.Values{"csv": {"email\npasted@hooli.example\n"}}).
			wantBody(t, `<p class="ld-sum-big">1</p><p>to import</p>`)

		// A file that is not CSV, or has no email column, is refused
		// whole, naming the line; nothing is imported.
		broken := e.upload(ws+"/leads/import?confirm=1", e.as(f.HostMember), nil, "broken.csv", "email,name\nx@y.example,\"Unclosed\n")
		broken.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(broken.body, "file"); !strings.Contains(msg, "The file is not valid CSV at line 2") {
			t.Errorf("broken error %q", msg)
		}
		noEmail := e.upload(ws+"/leads/import", e.as(f.HostMember), nil, "names.csv", "name,company\nAna,Acme\n")
		if msg := fieldError(noEmail.body, "file"); msg != "Line 1 has no email column; name the columns on the first line (email, name, company, country, …)." {
			t.Errorf("no email column %q", msg)
		}
		nothing := e.upload(ws+"/leads/import", e.as(f.HostMember), nil, "", "")
		nothing.wantStatus(t, http.StatusUnprocessableEntity)
		nothing.wantBody(t, "The file is required: choose a CSV file, or paste its rows.")
		if n := count(); n != 13 {
			t.Fatalf("refused files imported leads: %d", n)
		}

		// Over 5 MB: refused before it is read.
		big := e.upload(ws+"/leads/import", e.as(f.HostMember), nil, "big.csv", "email\n"+strings.Repeat("a@b.example\n", maxCSV/12+1))
		big.wantStatus(t, http.StatusRequestEntityTooLarge)
		big.wantBody(t, "The file is larger than 5.0 MB; nothing was read.")

		e.upload(ws+"/leads/import", e.as(f.Guest), nil, "leads.csv", csv).wantStatus(t, http.StatusForbidden)
		// Core asks first too, even of a file whose every row is refused.
		if _, err := f.Svc.ImportLeads(context.Background(), f.Stranger.Actor, f.WS.ID, strings.NewReader("email\nbad\n")); duet.ErrorKind(err) != duet.ENotFound {
			t.Errorf("a stranger's import: %v", err)
		}
		e.upload(ws+"/leads/import", e.as(f.Stranger), nil, "leads.csv", csv).wantStatus(t, http.StatusNotFound)
	})
}
