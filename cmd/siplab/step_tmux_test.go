package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim/golden"
)

// TestStepInTmux runs `siplab step proxy-call` on a real terminal, tmux at
// 80×24, types keys and reads the screen, as a student would. It skips
// under -short, and when tmux is not installed (in CI it fails then).
func TestStepInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no end-to-end test in tmux")
	}
	tmux := golden.NeedTool(t, "tmux")
	s := newTestStepper(t, "proxy-call", i18n.EN)
	total := strconv.Itoa(s.Total())
	forward := stepOf(t, s, "proxy", "bob", "INVITE")
	bye := stepOf(t, s, "alice", "proxy", "BYE")

	bin := filepath.Join(t.TempDir(), "siplab")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	// A server of our own, on its own socket, so that nothing else is touched.
	socket := "siplab-step-test-" + strconv.Itoa(os.Getpid())
	run := func(args ...string) (string, error) {
		out, err := exec.Command(tmux, append([]string{"-L", socket}, args...)...).CombinedOutput()
		return string(out), err
	}
	t.Cleanup(func() { run("kill-server") })

	start := func(name, env string) {
		t.Helper()
		shell := "env TERM=xterm-256color " + env + " " + bin + " step proxy-call"
		if out, err := run("new-session", "-d", "-x", "80", "-y", "24", "-s", name, shell); err != nil {
			t.Fatalf("tmux new-session: %v\n%s", err, out)
		}
	}
	capture := func(name string, escapes bool) string {
		args := []string{"capture-pane", "-p", "-t", name}
		if escapes {
			args = append(args, "-e")
		}
		out, _ := run(args...)
		return out
	}
	waitFor := func(name string, ok func(screen string) bool, what string) string {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for {
			screen := capture(name, false)
			if ok(screen) {
				return screen
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: the screen never showed %s:\n%s", name, what, screen)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	shows := func(name, want string) string {
		t.Helper()
		return waitFor(name, func(s string) bool { return strings.Contains(s, want) }, strconv.Quote(want))
	}
	// The current step's ladder row starts with ">": "> 3   0.010s", ">11   1.010s".
	marked := func(name string, step int) string {
		t.Helper()
		re := regexp.MustCompile(`(?m)^> *` + strconv.Itoa(step) + ` `)
		return waitFor(name, re.MatchString, "the row of step "+strconv.Itoa(step)+" marked")
	}
	keys := func(name string, k ...string) {
		t.Helper()
		if out, err := run(append([]string{"send-keys", "-t", name}, k...)...); err != nil {
			t.Fatalf("tmux send-keys: %v\n%s", err, out)
		}
	}

	start("plain", "NO_COLOR=1")
	screen := shows("plain", "step 0 of "+total)
	if lines := strings.Split(strings.TrimRight(screen, "\n"), "\n"); len(lines) != 24 {
		t.Errorf("the screen has %d lines, want 24:\n%s", len(lines), screen)
	}
	keys("plain", "n", "Right", "Space")
	marked("plain", 3)
	keys("plain", "p")
	marked("plain", 2)
	keys("plain", append([]string{"g"}, append(strings.Split(strconv.Itoa(forward), ""), "Enter")...)...)
	screen = marked("plain", forward)
	for _, want := range []string{"step " + strconv.Itoa(forward) + " of " + total + " · ", " · message · proxy → bob", "|--- INVITE ---", "── message "} {
		if !strings.Contains(screen, want) {
			t.Errorf("step %d lacks %q:\n%s", forward, want, screen)
		}
	}
	keys("plain", "s")
	screen = shows("plain", "state of every element after step "+strconv.Itoa(forward)+" (")
	if !regexp.MustCompile(`INVITE client transaction \(INVITE\): Calling, branch z9hG4bK\S+\.1`).MatchString(screen) ||
		!strings.Contains(screen, "INVITE server transaction (INVITE): Proceeding") {
		t.Errorf("the proxy's transactions at step %d:\n%s", forward, screen)
	}
	// NO_COLOR: bold and reverse video only (tmux adds resets: 22, 27, and
	// 39 and 49 for the default colours).
	allowed := map[string]bool{"": true, "0": true, "1": true, "7": true, "22": true, "27": true, "39": true, "49": true}
	for _, m := range sgrRE.FindAllStringSubmatch(capture("plain", true), -1) {
		for _, p := range strings.Split(m[1], ";") {
			if !allowed[p] {
				t.Errorf("NO_COLOR, yet the screen has SGR %q", m[0])
			}
		}
	}
	keys("plain", "/", "B", "Y", "E", "Enter")
	shows("plain", `found "BYE" at step `+strconv.Itoa(bye))
	keys("plain", "?")
	shows("plain", "── help ")

	// A resize redraws the whole screen at the new size.
	if out, err := run("resize-window", "-t", "plain", "-x", "100", "-y", "30"); err != nil {
		t.Fatalf("tmux resize-window: %v\n%s", err, out)
	}
	waitFor("plain", func(s string) bool {
		lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
		return len(lines) == 30 && utf8.RuneCountInString(strings.TrimRight(lines[0], " ")) == 99
	}, "a title line 100 columns wide on 30 lines")

	keys("plain", "q")
	deadline := time.Now().Add(15 * time.Second)
	for {
		if _, err := run("has-session", "-t", "plain"); err != nil {
			break // the program ended and its session with it
		}
		if time.Now().After(deadline) {
			t.Fatalf("q did not quit:\n%s", capture("plain", false))
		}
		time.Sleep(50 * time.Millisecond)
	}

	// Colours, when NO_COLOR is not set: the current step on yellow.
	start("colour", "NO_COLOR=")
	shows("colour", "step 0 of "+total)
	keys("colour", "n")
	marked("colour", 1)
	if screen := capture("colour", true); !regexp.MustCompile("\x1b\\[[0-9;]*43[;m]").MatchString(screen) {
		t.Errorf("no yellow background for the current step:\n%q", screen)
	}
	keys("colour", "C-c")
}
