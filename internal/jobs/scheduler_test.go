package jobs

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"duet/internal/duet"
)

// TestSchedulerRunsAtLocalTimesAcrossDST: a task that asks to run at a
// check-in's next opening runs at that instant, Monday 10:00 Berlin time
// before and after the spring change, and never in between. The fake
// clock of synctest advances only when every goroutine waits.
func TestSchedulerRunsAtLocalTimesAcrossDST(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	synctest.Test(t, func(t *testing.T) {
		// synctest's clock starts at 2000-01-01 UTC; the campaign starts
		// on the Monday before the spring change of that year (26 March).
		start, _ := duet.ParseDate("2000-03-06")
		c := duet.CheckIn{Schedule: "FREQ=WEEKLY;BYDAY=MO", Time: "10:00", StartsOn: start}
		var ran []string
		ctx, cancel := context.WithCancel(context.Background())
		task := Task{Name: "open", Run: func(_ context.Context, now time.Time) (time.Time, error) {
			local := now.In(berlin)
			if local.Weekday() == time.Monday && local.Hour() == 10 {
				ran = append(ran, local.Format("2006-01-02 15:04 MST"))
				if len(ran) == 5 {
					cancel()
				}
			}
			next := c.Upcoming(start, berlin, now, 1)
			return next[0].StartsAt, nil
		}}
		s := &Scheduler{Tasks: []Task{task}, MaxWait: 24 * time.Hour}
		s.Run(ctx)
		want := []string{"2000-03-06 10:00 CET", "2000-03-13 10:00 CET", "2000-03-20 10:00 CET", "2000-03-27 10:00 CEST", "2000-04-03 10:00 CEST"}
		if len(ran) != len(want) {
			t.Fatalf("ran %v, want %v", ran, want)
		}
		for i := range want {
			if ran[i] != want[i] {
				t.Errorf("run %d at %s, want %s", i, ran[i], want[i])
			}
		}
	})
}

// TestSchedulerRetriesAFailingTask: a failing task is logged and tried
// again after RetryWait, not in a tight loop; Wake runs tasks at once.
func TestSchedulerRetriesAFailingTask(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var at []time.Duration
		t0 := time.Now()
		ctx, cancel := context.WithCancel(context.Background())
		wake := make(chan struct{})
		fails := Task{Name: "flaky", Run: func(_ context.Context, now time.Time) (time.Time, error) {
			at = append(at, now.Sub(t0))
			if len(at) == 3 {
				return now.Add(time.Hour), nil
			}
			return time.Time{}, errors.New("database unavailable")
		}}
		s := &Scheduler{Tasks: []Task{fails}, RetryWait: 10 * time.Second, MaxWait: 24 * time.Hour, Wake: wake}
		done := make(chan struct{})
		go func() { s.Run(ctx); close(done) }()
		synctest.Wait()
		time.Sleep(30 * time.Minute) // fake time: the task waits for its hour
		wake <- struct{}{}
		synctest.Wait()
		cancel()
		<-done
		want := []time.Duration{0, 10 * time.Second, 20 * time.Second, 30 * time.Minute}
		if len(at) != len(want) {
			t.Fatalf("runs at %v, want %v", at, want)
		}
		for i := range want {
			if at[i] != want[i] {
				t.Errorf("run %d at %v, want %v", i, at[i], want[i])
			}
		}
	})
}
