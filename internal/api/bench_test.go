package api_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"duet/internal/api"
	"duet/internal/coretest"
	"duet/internal/duet"
)

// BenchmarkWorkspaceGet measures GET /api/v1/workspaces/{id} end to end
// in-process: token check, membership, structure and JSON.
func BenchmarkWorkspaceGet(b *testing.B) {
	coretest.EachEngine(b, func(b *testing.B, engine string) {
		f := coretest.New(b, engine)
		h := api.New(f.Svc, slog.New(slog.DiscardHandler), nil)
		token, err := f.Svc.CreateToken(b.Context(), f.Partner.Email, "bench")
		if err != nil {
			b.Fatal(err)
		}
		req := httptest.NewRequest("GET", "/api/v1/workspaces/"+f.WS.ID, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		b.ReportAllocs()
		for b.Loop() {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != http.StatusOK {
				b.Fatal(w.Code)
			}
		}
	})
}

// BenchmarkLeadIntakeBatch100 measures POST /api/v1/workspaces/{id}/leads
// with batches of 100 new leads end to end in-process, under approved
// rules (a customer list condition, a country list to a weighted round
// robin, a range and a form list, and a fallback to the host's inbox):
// token check, decoding, deduplication, routing, the routing records,
// history and notifications, and the JSON answer.
func BenchmarkLeadIntakeBatch100(b *testing.B) {
	coretest.EachEngine(b, func(b *testing.B, engine string) {
		f := coretest.New(b, engine)
		dana := f.Join(b, f.WS.ID, "dana@host.test", duet.SideHost, duet.PermMember, "demand-gen-lead")
		sam := f.Join(b, f.WS.ID, "sam@partner.test", duet.SidePartner, duet.PermMember, "partner-sales-lead")
		sue := f.Join(b, f.WS.ID, "sue@partner.test", duet.SidePartner, duet.PermMember)
		approveRules(b, f, dana, sam, teamRules(b, f, sam, sue))
		if _, err := f.Svc.UploadAccounts(b.Context(), sam.Actor, f.WS.ID, strings.NewReader("acme.example\nbeta.example\n")); err != nil {
			b.Fatal(err)
		}
		h := api.New(f.Svc, slog.New(slog.DiscardHandler), nil)
		token, err := f.Svc.CreateToken(b.Context(), f.HostMember.Email, "bench")
		if err != nil {
			b.Fatal(err)
		}
		countries := []string{"DE", "US", "FR", "GB", "NL"}
		batch := 0
		body := func() []byte {
			var s strings.Builder
			s.WriteString(`{"leads":[`)
			for i := range 100 {
				if i > 0 {
					s.WriteByte(',')
				}
				n := batch*100 + i
				domain := fmt.Sprintf("company-%d.example", n%700)
				if n%25 == 0 {
					domain = "acme.example" // a partner customer
				}
				fmt.Fprintf(&s, `{"email":"lead-%d@%s","name":"Lead %d","company":"Company %d","country":%q,"employees":%d,"form_id":"webinar","consent":%t}`,
					n, domain, n, n%700, countries[n%len(countries)], (n%9)*400, n%3 != 0)
			}
			s.WriteString(`]}`)
			batch++
			return []byte(s.String())
		}
		b.ReportAllocs()
		for b.Loop() {
			req := httptest.NewRequest("POST", "/api/v1/workspaces/"+f.WS.ID+"/leads", bytes.NewReader(body()))
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Content-Type", "application/json")
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != http.StatusOK || !bytes.Contains(w.Body.Bytes(), []byte(`"created":100,`)) {
				b.Fatalf("%d %.300s", w.Code, w.Body.Bytes())
			}
		}
		b.ReportMetric(float64(b.N*100)/b.Elapsed().Seconds(), "leads/s")
	})
}
