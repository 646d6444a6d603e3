package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"duet/internal/duet"
)

//go:embed views/*.html
var viewFiles embed.FS

// Base is what the layout needs on every page; each page struct embeds it.
type Base struct {
	Title string
	// Narrow pages (sign in, setup, invite) are one centred card.
	Narrow bool
	// Nav is the workspace's sub-navigation, on the workspace's pages.
	Nav *WorkspaceNav

	// Set by render.
	Actor *duet.Actor
	Path  string
	HTMX  bool
}

func (b *Base) base() *Base { return b }

// page is any page struct.
type page interface{ base() *Base }

// WorkspaceNav heads every page inside a workspace.
type WorkspaceNav struct {
	ID      string
	Name    string
	Host    string // organization names
	Partner string
	Active  string // "overview" or "members"
}

// views are the parsed templates, one set per page, each the layout plus
// the shared partials plus the page.
type views struct {
	pages map[string]*template.Template
}

// parseViews parses every view once.
func parseViews(a *assets) (*views, error) {
	base, err := template.New("layout.html").Funcs(template.FuncMap{"static": a.url, "initials": initials}).
		ParseFS(viewFiles, "views/layout.html", "views/partials.html")
	if err != nil {
		return nil, err
	}
	files, err := fs.Glob(viewFiles, "views/*.html")
	if err != nil {
		return nil, err
	}
	v := &views{pages: map[string]*template.Template{}}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		if name == "layout" || name == "partials" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(viewFiles, f)
		if err != nil {
			return nil, err
		}
		v.pages[name] = t
	}
	return v, nil
}

// render writes a page with its status. The page is rendered to a buffer
// first, so a template failure becomes a clean error page.
func (s *server) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	b := p.base()
	b.Actor, b.Path, b.HTMX = actorOf(r), r.URL.Path, s.assets.has(htmxFile)
	t, ok := s.views.pages[name]
	var buf bytes.Buffer
	err := fmt.Errorf("no view %q", name)
	if ok {
		err = t.ExecuteTemplate(&buf, "layout", p)
	}
	if err != nil {
		s.log.Error("render failed", "view", name, "path", logPath(r), "err", err)
		if name != "error" {
			s.Error(w, r, err)
			return
		}
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	// Pages show one person's view of private work: never keep them.
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}
