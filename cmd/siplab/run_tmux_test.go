package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim/golden"
)

// TestRunFitsTheTerminal runs `siplab run` on a real terminal, tmux 72
// columns wide: the ladder keeps to the terminal's width, long notes going
// on under their row, where piped it would run to 190 columns.
func TestRunFitsTheTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no end-to-end test in tmux")
	}
	bin, run := tmuxWithSiplab(t)
	const width = 72
	shell := bin + " run proxy-call; echo END-OF-RUN; sleep 60"
	if out, err := run("new-session", "-d", "-x", "72", "-y", "40", "-s", "run", shell); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	var screen string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		screen, _ = run("capture-pane", "-p", "-J", "-S", "-", "-t", "run")
		if strings.Contains(screen, "END-OF-RUN") {
			break
		}
	}
	if !strings.Contains(screen, "END-OF-RUN") || !strings.Contains(screen, "15 messages, 0 lost") {
		t.Fatalf("the run did not finish on the terminal:\n%s", screen)
	}
	for _, line := range strings.Split(screen, "\n") {
		if i18n.Width(strings.TrimRight(line, " ")) > width {
			t.Errorf("a line wider than the terminal's %d columns (-J joined it): %q", width, line)
		}
	}
	// The location service's binding is written in full, over two lines.
	if !strings.Contains(screen, "| bind sip:bob@biloxi.example.com") || !strings.Contains(screen, "3600 s") {
		t.Errorf("the binding is not written in full:\n%s", screen)
	}
}

// tmuxWithSiplab builds siplab for test t and starts a tmux server of its
// own, on a socket of the test and without the user's configuration, so
// that nothing else is touched and nothing else matters; run runs a tmux
// command on it. It skips (fails in CI) without tmux.
func tmuxWithSiplab(t *testing.T) (bin string, run func(args ...string) (string, error)) {
	t.Helper()
	tmux := golden.NeedTool(t, "tmux")
	bin = filepath.Join(t.TempDir(), "siplab")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	socket := filepath.Join(t.TempDir(), "tmux")
	run = func(args ...string) (string, error) {
		out, err := exec.Command(tmux, append([]string{"-f", "/dev/null", "-S", socket}, args...)...).CombinedOutput()
		return string(out), err
	}
	t.Cleanup(func() { run("kill-server") })
	return bin, run
}
