package api_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// ids matches the random identifiers, which differ on every run.
var ids = regexp.MustCompile(`"[a-z2-7]{16}"`)

// TestWorkspaceGolden pins the whole JSON shape of a workspace as a
// partner member sees it; run with -update after an intended change.
func TestWorkspaceGolden(t *testing.T) {
	f, as := setup(t, "sqlite")
	partner := as(tokenOf(t, f, f.Partner.Email))
	req, _ := http.NewRequest("GET", partner.base+"/api/v1/workspaces/"+f.WS.ID, nil)
	req.Header.Set("Authorization", "Bearer "+partner.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var v any
	if err := json.NewDecoder(res.Body).Decode(&v); err != nil {
		t.Fatal(err)
	}
	got, _ := json.MarshalIndent(v, "", "  ")
	got = append(ids.ReplaceAll(got, []byte(`"<id>"`)), '\n')
	path := filepath.Join("testdata", "workspace.golden.json")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("workspace JSON differs from %s; run go test ./internal/api -run Golden -update and review the diff", path)
	}
}
