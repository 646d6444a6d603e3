// Command planning measures the planning pages on SQLite and PostgreSQL:
//
//   - the workspace overview and one task list page, with 5,000 tasks in
//     the workspace;
//   - "My work" for a person who is DRI in 50 workspaces.
//
// Each page is fetched through the real HTTP handler, signed in, one
// request at a time; p50 and p99 are printed.
//
// Usage: go run ./scripts/load/planning [-engines sqlite,postgres] [-tasks 5000] [-workspaces 50]
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"time"

	"duet/internal/core"
	"duet/internal/duet"
	"duet/internal/web"
	"duet/scripts/load/loadkit"
	"duet/templates"
)

func main() {
	engines := flag.String("engines", "sqlite,postgres", "engines to measure")
	tasks := flag.Int("tasks", 5000, "tasks in the workspace for the overview and list pages")
	workspaces := flag.Int("workspaces", 50, "workspaces for My work")
	requests := flag.Int("requests", 300, "requests per page")
	pgURL := flag.String("pg", loadkit.Env("DUET_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"), "PostgreSQL URL")
	flag.Parse()
	for _, engine := range strings.Split(*engines, ",") {
		if err := measure(engine, *pgURL, *tasks, *workspaces, *requests); err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", engine, err)
			os.Exit(1)
		}
	}
}

func measure(engine, pgURL string, tasks, workspaces, requests int) error {
	ctx := context.Background()
	dsn, cleanup, err := loadkit.DSN(engine, pgURL)
	if err != nil {
		return err
	}
	defer cleanup()
	fmt.Printf("== %s\n", engine)
	svc, db, err := loadkit.Service(ctx, dsn, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	logins, err := svc.SeedDemo(ctx)
	if err != nil {
		return err
	}
	const email = "maya@lumen.example"
	var password string
	for _, l := range logins {
		if l.Email == email {
			password = l.Password
		}
	}
	tok, err := svc.CreateToken(ctx, email, "load")
	if err != nil {
		return err
	}
	maya, err := svc.TokenActor(ctx, tok)
	if err != nil {
		return err
	}
	wss, err := svc.Workspaces(ctx, maya)
	if err != nil || len(wss) == 0 {
		return fmt.Errorf("demo workspace: %v", err)
	}
	ws, err := svc.Workspace(ctx, maya, wss[0].ID)
	if err != nil {
		return err
	}
	t0 := time.Now()
	if err := fill(ctx, svc, maya, ws, tasks-25); err != nil {
		return err
	}
	fmt.Printf("   filled %d tasks in %.1fs\n", tasks, time.Since(t0).Seconds())

	srv := httptest.NewServer(web.New(svc, web.Options{Logger: loadkit.Quiet}))
	defer srv.Close()
	cookie, err := loadkit.Login(srv.URL, email, password)
	if err != nil {
		return err
	}
	list := ws.TaskLists[1].ID
	for _, page := range []struct{ name, path string }{
		{"overview", "/w/" + ws.ID},
		{"task list (" + ws.TaskLists[1].Title + ")", "/w/" + ws.ID + "/lists/" + list},
	} {
		if err := loadkit.TimePage(srv.URL+page.path, cookie, requests, fmt.Sprintf("%s, %d tasks", page.name, tasks)); err != nil {
			return err
		}
	}

	// My work across many workspaces: Maya opens each (and so holds its
	// first host role) and is DRI of extra tasks in every one.
	t0 = time.Now()
	for i := 1; i < workspaces; i++ {
		d, err := svc.CreateWorkspace(ctx, maya, duet.WorkspaceCreate{Name: fmt.Sprintf("Campaign %d", i), Template: templates.DefaultKey,
			PartnerOrg: fmt.Sprintf("Partner %d", i), KickoffOn: ws.KickoffOn.String(), LaunchOn: ws.LaunchOn.String(), TimeZone: ws.TimeZone})
		if err != nil {
			return err
		}
		if err := fill(ctx, svc, maya, d, 20); err != nil {
			return err
		}
	}
	fmt.Printf("   created %d more workspaces in %.1fs\n", workspaces-1, time.Since(t0).Seconds())
	return loadkit.TimePage(srv.URL+"/my", cookie, requests, fmt.Sprintf("my work, %d workspaces", workspaces))
}

// fill adds n tasks spread over the workspace's lists, half of them with
// the creator as DRI, from eight writers at once.
func fill(ctx context.Context, svc *core.Service, a *duet.Actor, d *duet.WorkspaceDetail, n int) error {
	var me string
	for _, m := range d.Members {
		if m.UserID == a.User.ID {
			me = m.ID
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 8 {
		wg.Go(func() {
			for i := w; i < n; i += 8 {
				dri := "role:content-lead"
				if i%2 == 0 {
					dri = "member:" + me
				}
				_, err := svc.CreateTask(ctx, a, d.ID, duet.TaskCreate{ListID: d.TaskLists[i%len(d.TaskLists)].ID,
					Title: fmt.Sprintf("Load task %d", i), DRI: dri, Due: fmt.Sprintf("launch%+dd", i%40-20)})
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	return <-errs
}
