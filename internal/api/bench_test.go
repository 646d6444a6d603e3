package api_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"duet/internal/api"
	"duet/internal/coretest"
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
