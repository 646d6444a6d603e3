package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// start runs the real duet binary and returns its base URL and what it
// printed before it began serving.
func start(t *testing.T, bin string, args ...string) (*exec.Cmd, string, string) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	// One pipe for stdout and stderr keeps their order: the log line
	// "duet serving … addr=…" comes after everything else at start-up.
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = w, w
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait(); r.Close() })
	sc := bufio.NewScanner(r)
	addr := regexp.MustCompile(`msg="duet serving" addr=(\S+)`)
	var out strings.Builder
	for sc.Scan() {
		if m := addr.FindStringSubmatch(sc.Text()); m != nil {
			go io.Copy(io.Discard, r)
			return cmd, "http://" + m[1], out.String()
		}
		out.WriteString(sc.Text() + "\n")
	}
	t.Fatalf("duet did not start: %v\n%s", sc.Err(), out.String())
	return nil, "", ""
}

func post(t *testing.T, url, token string, body any) (int, map[string]any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", url, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil
	}
	defer res.Body.Close()
	out := map[string]any{}
	json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

// TestKill9KeepsAcknowledgedWrites kills the real binary with SIGKILL
// right after a run of acknowledged writes, restarts it on the same data
// directory, and finds every acknowledged workspace there.
func TestKill9KeepsAcknowledgedWrites(t *testing.T) {
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
		if f := strings.Fields(line); len(f) > 1 && f[0] == "maya@lumen.example" {
			password = f[1]
		}
	}
	status, tok := post(t, base+"/api/v1/tokens", "", map[string]string{"email": "maya@lumen.example", "password": password})
	if status != 201 {
		t.Fatalf("token: %d %v", status, tok)
	}
	token := tok["token"].(string)

	var acked []string
	for i := range 25 {
		status, ws := post(t, base+"/api/v1/workspaces", token, map[string]string{
			"name": fmt.Sprintf("Campaign %d", i), "template": "partner-co-marketing", "partner_org": "Brightwave Cloud",
			"kickoff_on": "2027-01-04", "launch_on": "2027-02-15", "time_zone": "UTC"})
		if status != 201 {
			t.Fatalf("create %d: %d %v", i, status, ws)
		}
		acked = append(acked, ws["id"].(string))
	}
	// One more write in flight when the process dies; it may or may not land.
	go post(t, base+"/api/v1/workspaces", token, map[string]string{"name": "In flight", "template": "partner-co-marketing",
		"partner_org": "Brightwave Cloud", "kickoff_on": "2027-01-04", "launch_on": "2027-02-15", "time_zone": "UTC"})
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	_, base, _ = start(t, bin, "--data", data)
	for _, id := range acked {
		req, _ := http.NewRequest("GET", base+"/api/v1/workspaces/"+id, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("acknowledged workspace %s: %d after kill -9", id, res.StatusCode)
		}
	}
	if _, err := os.Stat(filepath.Join(data, "duet.db")); err != nil {
		t.Fatal(err)
	}
}
