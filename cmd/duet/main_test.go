package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"duet/internal/coretest"
	"duet/internal/store"
)

// run runs one subcommand in-process and returns its output and error.
func run(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: io.Discard, Getenv: func(string) string { return "" }, Hasher: coretest.CheapHasher}
	err := m.Run(context.Background(), args)
	return out.String(), err
}

// dbFlags returns the flags selecting a fresh database on the engine.
func dbFlags(t *testing.T, engine string) []string {
	if engine == store.Postgres {
		return []string{"--database-url", coretest.SchemaURL(t, os.Getenv("DUET_TEST_DATABASE_URL"))}
	}
	return []string{"--data", t.TempDir()}
}

// syncBuffer is a buffer the server goroutine writes while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// boot starts `duet serve` on port 0 and returns its base URL and what it
// printed before listening; the server stops when the test ends, and must
// stop cleanly.
func boot(t *testing.T, args ...string) (string, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	var out syncBuffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: io.Discard, Getenv: func(string) string { return "" },
		Hasher: coretest.CheapHasher, Listening: func(a string) { addr <- a }}
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)) }()
	var base string
	select {
	case a := <-addr:
		base = "http://" + a
	case err := <-done:
		t.Fatalf("serve exited: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve did not shut down cleanly: %v", err)
		}
	})
	return base, out.String()
}

func TestServeDemoOnBothEngines(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		flags := dbFlags(t, engine)
		base, out := boot(t, append([]string{"--demo"}, flags...)...)
		res, err := http.Get(base + "/healthz")
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("healthz: %v %v", res, err)
		}
		res.Body.Close()
		if !strings.Contains(out, "maya@lumen.example") {
			t.Fatalf("demo logins not printed:\n%s", out)
		}
		// Log in through the API with a printed demo password.
		var email, password string
		for _, line := range strings.Split(out, "\n") {
			if f := strings.Fields(line); len(f) > 2 && f[0] == "jordan@brightwave.example" {
				email, password = f[0], f[1]
			}
		}
		body, _ := json.Marshal(map[string]string{"email": email, "password": password})
		res, err = http.Post(base+"/api/v1/tokens", "application/json", bytes.NewReader(body))
		if err != nil || res.StatusCode != 201 {
			t.Fatalf("token for demo partner: %v %v", res, err)
		}
		var tok struct{ Token string }
		json.NewDecoder(res.Body).Decode(&tok)
		res.Body.Close()
		req, _ := http.NewRequest("GET", base+"/api/v1/workspaces", nil)
		req.Header.Set("Authorization", "Bearer "+tok.Token)
		res, err = http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var list struct{ Workspaces []struct{ Side string } }
		json.NewDecoder(res.Body).Decode(&list)
		res.Body.Close()
		if len(list.Workspaces) != 1 || list.Workspaces[0].Side != "partner" {
			t.Errorf("demo partner sees %+v", list)
		}
		// Security headers reach every response, the API's too.
		if res.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(res.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("headers: %v", res.Header)
		}
	})
}

func TestServePrintsOneTimeSetupLink(t *testing.T) {
	dir := t.TempDir()
	_, out := boot(t, "--data", dir)
	if !strings.Contains(out, "/setup?token=setup_") {
		t.Fatalf("no setup link:\n%s", out)
	}
}

func TestSetupTokenAndMigrateCommands(t *testing.T) {
	coretest.EachEngine(t, func(t *testing.T, engine string) {
		flags := dbFlags(t, engine)
		if out, err := run(t, "", append([]string{"migrate"}, flags...)...); err != nil || !strings.Contains(out, "Migrated") {
			t.Fatalf("migrate: %q %v", out, err)
		}
		setup := append([]string{"setup", "--email", "ada@host.test", "--name", "Ada", "--org", "Hostco"}, flags...)
		if _, err := run(t, "short\n", setup...); err == nil || !strings.Contains(err.Error(), "password") {
			t.Errorf("short password: %v", err)
		}
		if out, err := run(t, "a long enough password\n", setup...); err != nil || !strings.Contains(out, "Ada") {
			t.Fatalf("setup: %q %v", out, err)
		}
		if _, err := run(t, "a long enough password\n", setup...); err == nil || !strings.Contains(err.Error(), "already set up") {
			t.Errorf("second setup: %v", err)
		}
		out, err := run(t, "", append([]string{"token", "create", "--email", "ada@host.test", "--label", "ci"}, flags...)...)
		if err != nil || !strings.HasPrefix(out, "duet_") {
			t.Errorf("token create: %q %v", out, err)
		}
		if _, err := run(t, "", append([]string{"token", "create", "--email", "nobody@host.test"}, flags...)...); err == nil || !strings.Contains(err.Error(), "email") {
			t.Errorf("token for unknown email: %v", err)
		}
	})
}

func TestTemplateCommands(t *testing.T) {
	out, err := run(t, "", "template", "list")
	if err != nil || !strings.HasPrefix(out, "partner-co-marketing") {
		t.Fatalf("template list: %q %v", out, err)
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("key: bad\nname: Bad\ndescription: x\nroles:\n  - key: pmm\n    name: PMM\n    side: both\n"), 0o600)
	out, err = run(t, "", "template", "validate", bad)
	if err == nil || exitCode(err) != 1 {
		t.Errorf("validate bad: exit %v", err)
	}
	if !strings.Contains(out, bad+":7: roles[0].side: ") {
		t.Errorf("validate output lacks FILE:LINE: path: message:\n%s", out)
	}
	if _, err := run(t, "", "nonsense"); exitCode(err) != 2 {
		t.Errorf("unknown command: %v", err)
	}
	if _, err := run(t, "", "serve", "--database-url", "mysql://x"); err == nil || !strings.Contains(err.Error(), "postgres://") {
		t.Errorf("bad database url: %v", err)
	}
}
