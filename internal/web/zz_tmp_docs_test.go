package web

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"duet/internal/coretest"
)

func TestTmpDocViews(t *testing.T) {
	f := coretest.New(t, "sqlite")
	s := newServer(f.Svc, Options{}, staticFiles())
	for name, c := range docViews(t) {
		t.Run(name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r = r.WithContext(withActor(r.Context(), f.Admin.Actor, "token"))
			rec := httptest.NewRecorder()
			s.render(rec, r, http.StatusOK, name, c.page)
			body := rec.Body.String()
			os.WriteFile("/tmp/view-"+name+".html", []byte(body), 0o644)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d:\n%s", rec.Code, body)
			}
			for _, w := range c.wants {
				if !strings.Contains(body, w) {
					t.Errorf("lacks %q", w)
				}
			}
			for _, bad := range []string{"ZgotmplZ", "<no value>", " style=", "<style", "<script>", " onclick=", " onchange=", " onsubmit="} {
				if strings.Contains(body, bad) {
					t.Errorf("contains %q", bad)
				}
			}
		})
	}
}
