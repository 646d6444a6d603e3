package web

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"duet/internal/coretest"
)

func TestStaticServe(t *testing.T) {
	f := coretest.New(t, "sqlite")
	e := newEnv(t, f, f.Svc)
	page := e.get("/login", "")
	css := regexp.MustCompile(`href="(/static/[0-9a-f]{12}/app\.css)"`).FindStringSubmatch(page.body)
	js := regexp.MustCompile(`src="(/static/[0-9a-f]{12}/app\.js)"`).FindStringSubmatch(page.body)
	if css == nil || js == nil {
		t.Fatalf("no hashed asset URLs in the layout:\n%s", excerpt(page.body))
	}
	for path, ctype := range map[string]string{css[1]: "text/css", js[1]: "text/javascript"} {
		r := e.get(path, "")
		r.wantStatus(t, http.StatusOK)
		if got := r.Header().Get("Content-Type"); !strings.HasPrefix(got, ctype) {
			t.Errorf("%s: Content-Type %q", path, got)
		}
		if got := r.Header().Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
			t.Errorf("%s: Cache-Control %q", path, got)
		}
		if r.body == "" {
			t.Errorf("%s: empty", path)
		}
	}
	// Another hash, or a file that does not exist, is not found.
	e.get("/static/000000000000/app.css", "").wantStatus(t, http.StatusNotFound)
	e.get("/static/000000000000/nope.css", "").wantStatus(t, http.StatusNotFound)
}

// TestHTMXOnlyWhenBuilt checks that the layout loads htmx exactly when the
// build put it into static/vendor/.
func TestHTMXOnlyWhenBuilt(t *testing.T) {
	f := coretest.New(t, "sqlite")
	files := fstest.MapFS{}
	for name, a := range newServerAssets(t).files {
		files[name] = &fstest.MapFile{Data: a.data}
	}
	delete(files, htmxFile)
	without := renderLogin(t, newServer(f.Svc, Options{}, files))
	if strings.Contains(without, "htmx") {
		t.Error("htmx referenced although it is not there")
	}
	files[htmxFile] = &fstest.MapFile{Data: []byte("/* htmx */")}
	with := renderLogin(t, newServer(f.Svc, Options{}, files))
	if !regexp.MustCompile(`<script src="/static/[0-9a-f]{12}/vendor/htmx\.min\.js" defer></script>`).MatchString(with) {
		t.Errorf("htmx not loaded:\n%s", excerpt(with))
	}
	if !strings.Contains(with, `"includeIndicatorStyles":false`) {
		t.Error("htmx would inject an inline style, which the CSP blocks")
	}
}

func newServerAssets(t *testing.T) *assets {
	a, err := newAssets(staticFiles())
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func renderLogin(t *testing.T, s *server) string {
	rec := httptest.NewRecorder()
	s.handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/login", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	return rec.Body.String()
}
