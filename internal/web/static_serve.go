package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"time"

	"duet/internal/duet"
)

// The app's own CSS, JS and icon, and the vendored htmx when the build put
// it in static/vendor/ (it is not in the repository).
//
//go:embed static
var embedded embed.FS

// htmxFile is where the build installs htmx inside static/.
const htmxFile = "vendor/htmx.min.js"

// staticFiles returns the embedded static folder.
func staticFiles() fs.FS {
	sub, err := fs.Sub(embedded, "static")
	if err != nil {
		panic(err) // the folder is embedded at build time
	}
	return sub
}

// asset is one static file with the hash of its content.
type asset struct {
	data []byte
	hash string
}

// assets are the static files, read and hashed once at start.
type assets struct {
	files map[string]asset
}

func newAssets(fsys fs.FS) (*assets, error) {
	a := &assets{files: map[string]asset{}}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		a.files[name] = asset{data: data, hash: hex.EncodeToString(sum[:6])}
		return nil
	})
	return a, err
}

// url returns the content-hash URL of a static file; asking for a file
// that does not exist is a mistake in a view.
func (a *assets) url(name string) (string, error) {
	f, ok := a.files[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return "/static/" + f.hash + "/" + name, nil
}

// has reports whether a static file exists.
func (a *assets) has(name string) bool {
	_, ok := a.files[name]
	return ok
}

// staticServe serves GET /static/{hash}/{file...}. The hash names one
// version of the file, so it is cached for good; an old hash is gone.
func (s *server) staticServe(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	f, ok := s.assets.files[name]
	if !ok || f.hash != r.PathValue("hash") {
		s.Error(w, r, duet.NotFound("file"))
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", `"`+f.hash+`"`)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(f.data))
}
