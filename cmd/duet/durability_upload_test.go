package main

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// pdfBody is an upload body: a PDF header, then n bytes of filler.
func pdfBody(w io.Writer, n int) error {
	if _, err := io.WriteString(w, "%PDF-1.7\n"); err != nil {
		return err
	}
	chunk := []byte(strings.Repeat("0123456789abcdef", 4096)) // 64 KiB
	for n > 0 {
		k := min(n, len(chunk))
		if _, err := w.Write(chunk[:k]); err != nil {
			return err
		}
		n -= k
	}
	return nil
}

// uploadVersion streams a multipart upload of size bytes and returns
// the status. When sent is not nil, the body is left open after size
// bytes and sent is closed: the request stays in flight.
func uploadVersion(t *testing.T, url, token, name string, size int, sent chan<- struct{}) int {
	t.Helper()
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		part, err := mw.CreateFormFile("file", name)
		if err == nil {
			err = pdfBody(part, size)
		}
		if sent != nil {
			close(sent)
			return // never finished: the process dies first
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	req, _ := http.NewRequest("POST", url, pr)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	res.Body.Close()
	return res.StatusCode
}

// files lists the regular files under dir, by base name.
func filesUnder(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			out = append(out, d.Name())
		}
		return nil
	})
	return out
}

// TestKill9MidUpload kills the real binary while an upload streams in,
// and leaves behind a file written to the store whose version never
// committed (the window between the two). After a restart on the same
// data directory the acknowledged version is there with its file, and no
// half version, temporary file or unreferenced file is left.
func TestKill9MidUpload(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "duet")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	data := t.TempDir()
	cmd, base, out := start(t, bin, "--demo", "--data", data)
	var password string
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "ines@lumen.example" {
			password = f[1]
		}
	}
	status, tok := post(t, base+"/api/v1/tokens", "", map[string]string{"email": "ines@lumen.example", "password": password})
	if status != 201 {
		t.Fatalf("token: %d %v", status, tok)
	}
	token := tok["token"].(string)
	var list struct {
		Workspaces []struct{ ID string } `json:"workspaces"`
	}
	getJSON(t, base+"/api/v1/workspaces", token, &list)
	ws := base + "/api/v1/workspaces/" + list.Workspaces[0].ID
	status, asset := post(t, ws+"/assets", token, map[string]string{"title": "Ebook", "kind": "ebook", "dri": "role:content-lead"})
	if status != 201 {
		t.Fatalf("create asset: %d %v", status, asset)
	}
	versions := ws + "/assets/" + asset["id"].(string) + "/versions"
	if status := uploadVersion(t, versions, token, "v1.pdf", 1<<20, nil); status != 201 {
		t.Fatalf("acknowledged upload: %d", status)
	}

	// Eight MiB are in when the process dies: the pipe only accepts what
	// the server reads, give or take the socket buffers.
	sent := make(chan struct{})
	go uploadVersion(t, versions, token, "v2.pdf", 8<<20, sent)
	<-sent
	if tmp := filesUnder(t, filepath.Join(data, "files", "tmp")); len(tmp) == 0 {
		t.Fatal("no upload in progress when the process was killed")
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	// The moment between a file reaching the store and its version
	// committing, as a crash there leaves it.
	orphan := sha256.Sum256([]byte("a version that never committed"))
	hash := hex.EncodeToString(orphan[:])
	dir := filepath.Join(data, "files", "blobs", hash[:2])
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, hash), []byte("a version that never committed"), 0o600); err != nil {
		t.Fatal(err)
	}

	_, base, _ = start(t, bin, "--data", data)
	ws = base + "/api/v1/workspaces/" + list.Workspaces[0].ID
	versions = ws + "/assets/" + asset["id"].(string) + "/versions"
	var got struct {
		Versions []struct {
			Number int `json:"number"`
			File   *struct {
				SHA256 string `json:"sha256"`
			} `json:"file"`
		} `json:"versions"`
	}
	getJSON(t, versions, token, &got)
	if len(got.Versions) != 1 || got.Versions[0].File == nil {
		t.Fatalf("versions after restart: %+v, want only the acknowledged one", got.Versions)
	}
	if tmp := filesUnder(t, filepath.Join(data, "files", "tmp")); len(tmp) != 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
	blobs := filesUnder(t, filepath.Join(data, "files", "blobs"))
	if len(blobs) != 1 || blobs[0] != got.Versions[0].File.SHA256 {
		t.Errorf("stored files %v, want only %s", blobs, got.Versions[0].File.SHA256)
	}
	req, _ := http.NewRequest("GET", versions+"/1/file", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	h := sha256.New()
	io.Copy(h, res.Body)
	if res.StatusCode != 200 || hex.EncodeToString(h.Sum(nil)) != got.Versions[0].File.SHA256 {
		t.Errorf("download of the acknowledged version: %d, hash %x", res.StatusCode, h.Sum(nil))
	}
}
