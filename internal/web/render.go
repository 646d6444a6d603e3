package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
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
	// Full pages (a channel, a thread) fill the window: the conversation
	// scrolls inside it, above the composer.
	Full bool
	// Nav is the workspace's sub-navigation and sidebar, on the
	// workspace's pages.
	Nav *WorkspaceNav
	// Bell is the inbox count in the header; nil when the page did not
	// load it, and the browser then fetches it.
	Bell *BellView

	// Set by render.
	Actor *duet.Actor
	Path  string
	HTMX  bool
}

func (b *Base) base() *Base { return b }

// page is any page struct.
type page interface{ base() *Base }

// WorkspaceNav heads every page inside a workspace. The sidebar fields
// are set by frame; pages without them show no sidebar.
type WorkspaceNav struct {
	ID      string
	Name    string
	Host    string // organization names
	Partner string
	Active  string // "overview", "members", "channel", "tasks", "decisions", "search", "milestones", "hill" or "checkins"
	Sidebar *SidebarView
}

// BellView is the unread count of the inbox.
type BellView struct {
	Count int
}

// Label is the count as the badge shows it: "" for none, "99+" past 99.
func (b BellView) Label() string { return countLabel(b.Count) }

// views are the parsed templates, one set per page, each the layout plus
// the shared partials plus the page; fragments are partials rendered on
// their own, for htmx and live updates.
type views struct {
	pages map[string]*template.Template
	base  *template.Template
}

// parseViews parses every view once. Files named partials*.html hold
// shared templates; every other file but the layout is a page.
func parseViews(a *assets) (*views, error) {
	base, err := template.New("layout.html").Funcs(template.FuncMap{"static": a.url, "initials": initials}).
		ParseFS(viewFiles, "views/layout.html", "views/partials*.html")
	if err != nil {
		return nil, err
	}
	files, err := fs.Glob(viewFiles, "views/*.html")
	if err != nil {
		return nil, err
	}
	v := &views{pages: map[string]*template.Template{}, base: base}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		if name == "layout" || strings.HasPrefix(name, "partials") {
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

// fragment writes one shared template on its own: the piece of a page an
// htmx request or a live update swaps in. Like render, it renders to a
// buffer first.
func (s *server) fragment(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	var buf bytes.Buffer
	if err := s.views.base.ExecuteTemplate(&buf, name, data); err != nil {
		s.log.Error("render failed", "fragment", name, "path", logPath(r), "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Vary", "HX-Request")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// wantsFragment reports whether htmx asked for a piece of a page rather
// than a whole one. Boosted links and history restores get whole pages.
func wantsFragment(r *http.Request) bool {
	h := r.Header
	return h.Get("HX-Request") == "true" && h.Get("HX-Boosted") != "true" && h.Get("HX-History-Restore-Request") != "true"
}

// countLabel writes an unread count for a badge: "" for none, "99+" past
// 99 (core counts up to duet.UnreadCap and no further).
func countLabel(n int) string {
	switch {
	case n <= 0:
		return ""
	case n >= duet.UnreadCap:
		return "99+"
	}
	return strconv.Itoa(n)
}
