package web

// THROWAWAY: screenshots for design review; deleted before hand-off.

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"duet/internal/core"
	"duet/internal/coretest"
	"duet/internal/duet"
	"duet/internal/store"
)

func TestZZShot(t *testing.T) {
	if os.Getenv("DUET_SHOT") == "" {
		t.Skip()
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "duet.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	svc := core.New(core.Config{DB: db, Templates: coretest.Registry(t), Hasher: coretest.CheapHasher, BaseURL: "http://duet.test"})
	logins, err := svc.SeedDemo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_ = now
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	pos := []int{100, 62, 28, 0}
	if os.Getenv("DUET_SHOT_ZERO") != "" {
		pos = []int{0, 0, 0, 0}
	}
	rows, _ := raw.Query(`SELECT id FROM hill_scopes ORDER BY sort`)
	var ids []string
	for rows.Next() {
		var id string
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	for i, id := range ids {
		if _, err := raw.Exec(`UPDATE hill_scopes SET hill_position = $1 WHERE id = $2`, pos[i%4], id); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	who := 0
	if w := os.Getenv("DUET_SHOT_WHO"); w != "" {
		fmt.Sscan(w, &who)
	}
	tok, _, err := svc.Login(ctx, logins[who].Email, logins[who].Password, "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := svc.SessionActor(ctx, tok)
	list, _ := svc.Workspaces(ctx, a)
	wsID := list[0].ID
	// a pending invite for the members page
	var invTok string
	if who == 0 {
		res, err := svc.CreateInvite(ctx, a, wsID, duet.InviteCreate{Email: "alex@brightwave.example", Side: duet.SidePartner, Permission: duet.PermMember, RoleKeys: []string{"partner-legal-reviewer"}})
		if err != nil {
			t.Fatal(err)
		}
		invTok = res.Token
	}
	h := Secure(New(svc, Options{}), Options{})
	anon := map[string]bool{"/login": true}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("anon") == "" && !anon[r.URL.Path] && !strings.HasPrefix(r.URL.Path, "/invite/") {
			r.AddCookie(&http.Cookie{Name: "duet_session", Value: tok})
		}
		if strings.HasPrefix(r.URL.Path, "/__post") {
			q := r.URL.Query()
			target := q.Get("to")
			q.Del("to")
			r2 := httptest.NewRequest("POST", target, strings.NewReader(q.Encode()))
			r2.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			r2.Header.Set("Sec-Fetch-Site", "same-origin")
			r2.Host = r.Host
			for _, c := range r.Cookies() {
				r2.AddCookie(c)
			}
			if r.URL.Query().Get("anon") == "" {
				r2.AddCookie(&http.Cookie{Name: "duet_session", Value: tok})
			}
			h.ServeHTTP(w, r2)
			return
		}
		h.ServeHTTP(w, r)
	}))
	defer srv.Close()
	pages := strings.Fields(os.Getenv("DUET_SHOT"))
	for _, p := range pages {
		name, url, _ := strings.Cut(p, "=")
		url = strings.ReplaceAll(url, "WS", wsID)
		url = strings.ReplaceAll(url, "TOKEN", invTok)
		for _, width := range []string{"1366", "390"} {
			height := "2600"
			if width == "390" {
				height = "5200"
			}
			if hh := os.Getenv("DUET_SHOT_H"); hh != "" {
				height = hh
			}
			out := fmt.Sprintf("/tmp/shots/%s-%s.png", name, width)
			cmd := exec.Command("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--hide-scrollbars", "--screenshot="+out, "--window-size="+width+","+height, srv.URL+url)
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%v: %s", err, b)
			}
		}
	}
}
