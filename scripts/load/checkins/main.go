// Command checkins measures check-ins on SQLite and PostgreSQL:
//
//   - the Thursday go/no-go page (answers, votes and the readiness agenda
//     computed from a workspace of 2,000 tasks), fetched through the real
//     HTTP handler one request at a time while 16 writers answer the
//     Monday check-in at full speed;
//   - those answers' latency;
//   - one scheduler run opening the check-ins of 200 workspaces at once.
//
// Usage: go run ./scripts/load/checkins [-engines sqlite,postgres] [-tasks 2000] [-workspaces 200]
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"duet/internal/duet"
	"duet/internal/web"
	"duet/scripts/load/loadkit"
	"duet/templates"
)

func main() {
	engines := flag.String("engines", "sqlite,postgres", "engines to measure")
	tasks := flag.Int("tasks", 2000, "tasks in the demo workspace")
	workspaces := flag.Int("workspaces", 200, "workspaces whose check-ins open at once")
	requests := flag.Int("requests", 200, "page requests")
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
	actors := map[string]*duet.Actor{}
	var mayaPassword string
	for _, l := range logins {
		tok, err := svc.CreateToken(ctx, l.Email, "load")
		if err != nil {
			return err
		}
		if actors[l.Email], err = svc.TokenActor(ctx, tok); err != nil {
			return err
		}
		if l.Email == "maya@lumen.example" {
			mayaPassword = l.Password
		}
	}
	maya := actors["maya@lumen.example"]
	wss, err := svc.Workspaces(ctx, maya)
	if err != nil || len(wss) == 0 {
		return fmt.Errorf("demo workspace: %v", err)
	}
	ws, err := svc.Workspace(ctx, maya, wss[0].ID)
	if err != nil {
		return err
	}
	for i := range tasks - 25 {
		if _, err := svc.CreateTask(ctx, maya, ws.ID, duet.TaskCreate{ListID: ws.TaskLists[i%len(ws.TaskLists)].ID,
			Title: fmt.Sprintf("Load task %d", i), DRI: "role:content-lead", Due: fmt.Sprintf("launch%+dd", i%60-45)}); err != nil {
			return err
		}
	}
	occ := map[string]duet.Occurrence{}
	for _, c := range ws.CheckIns {
		if occ[c.Key], err = svc.CurrentOccurrence(ctx, maya, ws.ID, c.ID); err != nil {
			return err
		}
	}

	srv := httptest.NewServer(web.New(svc, web.Options{Logger: loadkit.Quiet}))
	defer srv.Close()
	cookie, err := loadkit.Login(srv.URL, "maya@lumen.example", mayaPassword)
	if err != nil {
		return err
	}
	// Writers: every demo member answers the Monday questions again and
	// again (each answer replaces the last).
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	var writes []time.Duration
	var failed atomic.Int64
	questions := []string{"progress", "blockers", "decisions-needed"}
	for w := range 16 {
		a := actors[logins[w%len(logins)].Email]
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				t0 := time.Now()
				_, err := svc.AnswerOccurrence(ctx, a, ws.ID, occ["monday-check-in"].ID,
					duet.AnswerSave{Question: questions[i%3], Body: fmt.Sprintf("Update %d from writer %d: on track.", i, w)})
				if err != nil {
					failed.Add(1)
					continue
				}
				mu.Lock()
				writes = append(writes, time.Since(t0))
				mu.Unlock()
			}
		})
	}
	err = loadkit.TimePage(srv.URL+"/w/"+ws.ID+"/occurrences/"+occ["thursday-readiness"].ID, cookie, requests,
		fmt.Sprintf("go/no-go page, %d tasks, under 16 writers", tasks))
	close(stop)
	wg.Wait()
	if err != nil {
		return err
	}
	mu.Lock()
	fmt.Printf("   %-52s p50 %6.1f ms  p99 %6.1f ms  (%d answers, %d failed)\n", "answer, 16 writers at once:",
		loadkit.Ms(loadkit.Pct(writes, 50)), loadkit.Ms(loadkit.Pct(writes, 99)), len(writes), failed.Load())
	mu.Unlock()

	// The scheduler: 200 workspaces' check-ins open at the same minute.
	for i := 1; i < workspaces; i++ {
		if _, err := svc.CreateWorkspace(ctx, maya, duet.WorkspaceCreate{Name: fmt.Sprintf("Campaign %d", i), Template: templates.DefaultKey,
			PartnerOrg: fmt.Sprintf("Partner %d", i), KickoffOn: ws.KickoffOn.String(), LaunchOn: ws.LaunchOn.String(), TimeZone: ws.TimeZone}); err != nil {
			return err
		}
	}
	t0 := time.Now()
	if _, err := svc.SendReminders(ctx, time.Now()); err != nil {
		return err
	}
	fmt.Printf("   %-52s %6.1f ms\n", fmt.Sprintf("open the check-ins of %d workspaces:", workspaces), loadkit.Ms(time.Since(t0)))
	return nil
}
