// Package icaltest finds the independent iCalendar parser the feed tests
// check Duet's output with: Debian's python3-icalendar and
// python3-recurring-ical-events.
package icaltest

import (
	"os"
	"os/exec"
	"testing"
)

// Python returns a Python interpreter that imports both modules. Debian's
// packages install into the system interpreter, which a pyenv or
// virtualenv python3 earlier on PATH does not see, so /usr/bin/python3 is
// tried too. Without one the test is skipped, except under CI=true, where
// scripts/test-deps.sh has installed them.
func Python(t testing.TB) string {
	t.Helper()
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(py, "-c", "import icalendar, recurring_ical_events").Run() == nil {
			return py
		}
	}
	msg := "no python3 that imports icalendar and recurring_ical_events; " +
		"install Debian's python3-icalendar and python3-recurring-ical-events (scripts/test-deps.sh does)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}
