package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestRulesAccounts(t *testing.T) {
	engines(t, func(t *testing.T, e *env) {
		f := e.f
		ws := "/w/" + f.WS.ID
		counts := func() (host, partner int) {
			rv, err := f.Svc.Rules(context.Background(), f.Admin.Actor, f.WS.ID)
			if err != nil {
				t.Fatal(err)
			}
			return rv.Accounts["host"].Domains, rv.Accounts["partner"].Domains
		}

		// The host uploads a CSV file with a website column; the partner
		// pastes its domains.
		csv := "company,website\nUmbrella,https://www.umbrella.example/\nTyrell,tyrell.example\n"
		e.upload(ws+"/rules/accounts", e.as(f.HostMember), nil, "customers.csv", csv).wantRedirect(t, ws+"/rules?accounts=2#accounts")
		e.post(ws+"/rules/accounts", e.as(f.Partner), url.Values{"domains": {"initech.example\nana@hooli.example\n"}}).
			wantRedirect(t, ws+"/rules?accounts=2#accounts")
		if h, p := counts(); h != 2 || p != 2 {
			t.Fatalf("counts %d %d", h, p)
		}
		// Each side sees both counts, and never the other side's domains.
		page := e.get(ws+"/rules", e.as(f.Partner))
		page.wantBody(t, "2 customer domains")
		page.wantNoBody(t, "umbrella.example", "tyrell.example")

		// A line that is not a domain refuses the whole list, naming the
		// line; the list before stays, and what was pasted is kept.
		bad := e.post(ws+"/rules/accounts", e.as(f.Partner), url.Values{"domains": {"initech.example\nnot a domain\n"}})
		bad.wantStatus(t, http.StatusUnprocessableEntity)
		if msg := fieldError(bad.body, "file"); !strings.Contains(msg, "Line 2: &#34;not a domain&#34; is not a domain, email address or website") {
			t.Errorf("file error %q", msg)
		}
		bad.wantBody(t, "initech.example\nnot a domain\n</textarea>", `<details class="rl-upload" open>`)
		empty := e.upload(ws+"/rules/accounts", e.as(f.Partner), nil, "", "")
		empty.wantStatus(t, http.StatusUnprocessableEntity)
		empty.wantBody(t, "The file lists no domains.")
		if h, p := counts(); h != 2 || p != 2 {
			t.Fatalf("counts after refusals %d %d", h, p)
		}

		// Over the size limit, before a byte is read.
		big := e.upload(ws+"/rules/accounts", e.as(f.Partner), nil, "huge.csv", strings.Repeat("a.example\n", maxCSV/10+1))
		big.wantStatus(t, http.StatusRequestEntityTooLarge)
		big.wantBody(t, "The file is larger than 5.0 MB; nothing was read.")

		// Guests and strangers upload nothing.
		e.post(ws+"/rules/accounts", e.as(f.Guest), url.Values{"domains": {"x.example"}}).wantStatus(t, http.StatusForbidden)
		e.post(ws+"/rules/accounts", e.as(f.Stranger), url.Values{"domains": {"x.example"}}).wantStatus(t, http.StatusNotFound)
		if h, p := counts(); h != 2 || p != 2 {
			t.Fatalf("counts after refusals %d %d", h, p)
		}
	})
}
