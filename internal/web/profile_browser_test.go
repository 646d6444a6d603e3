package web

import (
	"context"
	"flag"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"duet/internal/coretest"
)

// profileShots, when set, is a folder TestProfileScreenshots writes the
// profile page's screenshots into, at desktop and phone widths:
//
//	go test ./internal/web -run ProfileScreenshots -profile-screenshots /tmp/shots
var profileShots = flag.String("profile-screenshots", "", "write the profile page's screenshots into this folder")

func TestProfileScreenshots(t *testing.T) {
	if *profileShots == "" {
		t.Skip("no -profile-screenshots folder")
	}
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not installed")
	}
	if err := os.MkdirAll(*profileShots, 0o755); err != nil {
		t.Fatal(err)
	}
	f := coretest.New(t, "sqlite")
	e := newEnv(t, f, f.Svc)
	srv := httptest.NewServer(e.h)
	t.Cleanup(srv.Close)

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	ctx, cancel3 := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(cancel3)

	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	shoot := func(name string) {
		t.Helper()
		for _, w := range []struct {
			suffix string
			width  int64
		}{{"", 1280}, {"-phone", 390}} {
			run("viewport", chromedp.EmulateViewport(w.width, 844))
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(*profileShots, name+w.suffix+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		run("viewport", chromedp.EmulateViewport(1280, 900))
	}

	run("sign in", chromedp.Navigate(srv.URL+"/login"),
		chromedp.SendKeys(chromedp.CSS("#email"), f.Partner.Email),
		chromedp.SendKeys(chromedp.CSS("#password"), f.Partner.Password),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`a.account-link`)))
	run("open profile", chromedp.Navigate(srv.URL+"/profile"), chromedp.WaitVisible(chromedp.CSS(".profile-calendar")))
	shoot("profile")
	run("create URL", chromedp.Click(chromedp.CSS(`form[action="/profile/calendar#calendar"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#calendar-url")))
	shoot("profile-created")
	run("reopen profile", chromedp.Navigate(srv.URL+"/profile"), chromedp.WaitVisible(chromedp.CSS(".profile-calendar")))
	shoot("profile-active")
}
