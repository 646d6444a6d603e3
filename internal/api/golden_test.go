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
	"time"

	"duet/internal/coretest"
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

// anyID matches random identifiers anywhere, also inside rendered HTML.
var anyID = regexp.MustCompile(`\b[a-z2-7]{16}\b`)

// TestMessagingGolden pins the JSON shapes of channels, a thread and a
// decision as a partner member sees them; run with -update after an
// intended change.
func TestMessagingGolden(t *testing.T) {
	e := serve(t, "sqlite")
	f := e.f
	host, partner, admin := e.as(tokenOf(t, f, f.HostMember.Email)), e.as(tokenOf(t, f, f.Partner.Email)), e.as(tokenOf(t, f, f.Admin.Email))
	w := "/api/v1/workspaces/" + f.WS.ID
	day := coretest.Channel(t, f.WS, "day-to-day")
	_, root := host.do("POST", w+"/channels/"+day.ID+"/messages", map[string]string{"body": "We agreed on the **blue** banner, @Partner Marketing Lead."})
	partner.do("POST", w+"/channels/"+day.ID+"/messages", map[string]string{"body": "Yes, blue.", "parent_id": root["id"].(string)})
	f.Clock.Advance(time.Minute) // reactions are listed in the order given
	admin.do("POST", w+"/messages/"+root["id"].(string)+"/reactions", map[string]string{"emoji": "👍"})
	f.Clock.Advance(time.Minute)
	partner.do("POST", w+"/messages/"+root["id"].(string)+"/reactions", map[string]string{"emoji": "👍"})
	_, dec := admin.do("POST", w+"/decisions", map[string]any{"kind": "creative", "title": "Blue banner", "body": "The banner is blue.",
		"rationale": "Both brands use blue.", "from_message": root["id"]})
	admin.do("POST", w+"/decisions/"+dec["id"].(string)+"/signoffs", map[string]int{"version": 1})

	_, channels := partner.do("GET", w+"/channels", nil)
	_, thread := partner.do("GET", w+"/messages/"+root["id"].(string), nil)
	_, decision := partner.do("GET", w+"/decisions/"+dec["id"].(string), nil)
	_, decisions := partner.do("GET", w+"/decisions", nil)
	_, hits := partner.do("GET", w+"/search?q=banner", nil)
	_, inbox := partner.do("GET", "/api/v1/notifications", nil)
	got, _ := json.MarshalIndent(map[string]any{"channels": channels, "thread": thread, "decision": decision, "decisions": decisions,
		"search": hits, "notifications": inbox}, "", "  ")
	got = append(anyID.ReplaceAll(got, []byte(`<id>`)), '\n')
	path := filepath.Join("testdata", "messaging.golden.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("messaging JSON differs from %s; run go test ./internal/api -run Golden -update and review the diff", path)
	}
}
