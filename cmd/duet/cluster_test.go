package main

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"duet/internal/coretest"
	"duet/internal/store"
)

// getJSON fetches url with a bearer token and decodes the JSON answer.
func getJSON(t *testing.T, url, token string, out any) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("GET %s: %d", url, res.StatusCode)
	}
	if err := json.NewDecoder(res.Body).Decode(out); err != nil {
		t.Fatal(err)
	}
}

// TestTwoNodesShareLiveEvents starts two real duet processes on one
// PostgreSQL database: a message posted through one node reaches an event
// stream held open on the other, and a host-only message never reaches
// the partner's stream on either.
func TestTwoNodesShareLiveEvents(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if !slices.Contains(coretest.Engines(t), store.Postgres) {
		t.Skip("PostgreSQL is not available")
	}
	bin := filepath.Join(t.TempDir(), "duet")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	dsn := coretest.SchemaURL(t, os.Getenv("DUET_TEST_DATABASE_URL"))
	_, nodeA, out := start(t, bin, "--demo", "--database-url", dsn)
	_, nodeB, _ := start(t, bin, "--database-url", dsn)

	passwords := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 1 && strings.Contains(f[0], "@") {
			passwords[f[0]] = f[1]
		}
	}
	token := func(node, email string) string {
		status, tok := post(t, node+"/api/v1/tokens", "", map[string]string{"email": email, "password": passwords[email]})
		if status != 201 {
			t.Fatalf("token for %s: %d %v", email, status, tok)
		}
		return tok["token"].(string)
	}
	host, partner := token(nodeA, "maya@lumen.example"), token(nodeB, "jordan@brightwave.example")

	var list struct {
		Workspaces []struct{ ID string } `json:"workspaces"`
	}
	getJSON(t, nodeA+"/api/v1/workspaces", host, &list)
	if len(list.Workspaces) == 0 {
		t.Fatal("no demo workspace")
	}
	ws := list.Workspaces[0].ID
	var channels struct {
		Channels []struct{ ID, Key string } `json:"channels"`
	}
	getJSON(t, nodeA+"/api/v1/workspaces/"+ws+"/channels", host, &channels)
	var day string
	for _, c := range channels.Channels {
		if c.Key == "day-to-day" {
			day = c.ID
		}
	}
	status, internal := post(t, nodeA+"/api/v1/workspaces/"+ws+"/channels", host, map[string]string{"name": "pricing", "visibility": "host"})
	if status != 201 {
		t.Fatalf("create host-only channel: %d %v", status, internal)
	}

	// The partner's stream is on node B.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", nodeB+"/api/v1/workspaces/"+ws+"/events", nil)
	req.Header.Set("Authorization", "Bearer "+partner)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("stream: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	lines := bufio.NewScanner(res.Body)
	lines.Scan() // retry: — the stream is attached once the head and this arrive

	status, secret := post(t, nodeA+"/api/v1/workspaces/"+ws+"/channels/"+internal["id"].(string)+"/messages", host, map[string]string{"body": "host-only margin note"})
	if status != 201 {
		t.Fatalf("post host-only: %d %v", status, secret)
	}
	status, shared := post(t, nodeA+"/api/v1/workspaces/"+ws+"/channels/"+day+"/messages", host, map[string]string{"body": "hello from node A"})
	if status != 201 {
		t.Fatalf("post shared: %d %v", status, shared)
	}
	for lines.Scan() {
		line := lines.Text()
		if strings.Contains(line, secret["id"].(string)) || strings.Contains(line, internal["id"].(string)) {
			t.Fatalf("partner stream on node B carried a host-only event: %s", line)
		}
		if strings.HasPrefix(line, "data:") && strings.Contains(line, shared["id"].(string)) {
			return // the shared message arrived, after the host-only one was skipped
		}
	}
	t.Fatalf("the message posted on node A never reached node B's stream: %v", lines.Err())
}
