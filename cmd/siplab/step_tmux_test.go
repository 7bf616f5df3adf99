package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/siplab/siplab/render/i18n"
)

// TestStepInTmux runs `siplab step proxy-call` on a real terminal, tmux at
// 80×24, types keys and reads the screen, as a student would. It skips
// under -short, and when tmux is not installed (in CI it fails then).
func TestStepInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no end-to-end test in tmux")
	}
	s := newTestStepper(t, "proxy-call", i18n.EN)
	total := strconv.Itoa(s.Total())
	forward := stepOf(t, s, "proxy", "bob", "INVITE")
	bye := stepOf(t, s, "alice", "proxy", "BYE")
	bin, run := tmuxWithSiplab(t)

	start := func(name, env string) {
		t.Helper()
		// The locale set, so that the language does not depend on the machine.
		shell := "env TERM=xterm-256color LC_ALL=C.UTF-8 " + env + " " + bin + " step proxy-call"
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
	// waitFor captures the screen until it passes every check, and returns
	// it. A check is never made on one capture alone: the program writes a
	// screen in pieces, and tmux may show the top of the new screen above
	// the bottom of the old one.
	type check struct {
		what string
		ok   func(screen string) bool
	}
	waitFor := func(name string, checks ...check) string {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for {
			screen := capture(name, false)
			var failed []string
			for _, c := range checks {
				if !c.ok(screen) {
					failed = append(failed, c.what)
				}
			}
			if failed == nil {
				return screen
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: the screen never showed %s:\n%s", name, strings.Join(failed, ", "), screen)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	has := func(want string) check {
		return check{strconv.Quote(want), func(s string) bool { return strings.Contains(s, want) }}
	}
	matches := func(re string) check {
		return check{"/" + re + "/", regexp.MustCompile(re).MatchString}
	}
	// The current step's ladder row starts with ">": "> 3   0.010s", ">11   1.010s".
	marked := func(step int) check {
		c := matches(`(?m)^> *` + strconv.Itoa(step) + ` `)
		c.what = "the row of step " + strconv.Itoa(step) + " marked"
		return c
	}
	size := func(w, h int) check {
		return check{fmt.Sprintf("%d lines under a title line %d columns wide", h, w), func(s string) bool {
			lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
			return len(lines) == h && utf8.RuneCountInString(strings.TrimRight(lines[0], " ")) == w-1
		}}
	}
	keys := func(name string, k ...string) {
		t.Helper()
		if out, err := run(append([]string{"send-keys", "-t", name}, k...)...); err != nil {
			t.Fatalf("tmux send-keys: %v\n%s", err, out)
		}
	}

	// Both programs start now: tmux's server exits with its last session,
	// and a session started while it exits fails ("server exited
	// unexpectedly").
	start("plain", "NO_COLOR=1")
	start("colour", "NO_COLOR=")

	waitFor("plain", has("step 0 of "+total), size(80, 24))
	keys("plain", "n", "Right", "Space")
	waitFor("plain", marked(3))
	keys("plain", "p")
	waitFor("plain", marked(2))
	keys("plain", append([]string{"g"}, append(strings.Split(strconv.Itoa(forward), ""), "Enter")...)...)
	waitFor("plain", marked(forward), has("step "+strconv.Itoa(forward)+" of "+total+" · "),
		has(" · message · proxy → bob"), has("|--- INVITE ---"), has("── message "))
	keys("plain", "s")
	waitFor("plain", has("state of every element after step "+strconv.Itoa(forward)+" ("),
		matches(`INVITE client transaction \(INVITE\): Calling, branch z9hG4bK\S+\.1`),
		has("INVITE server transaction (INVITE): Proceeding"))
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
	waitFor("plain", has(`found "BYE" at step `+strconv.Itoa(bye)))
	keys("plain", "?")
	waitFor("plain", has("── help "))

	// A resize redraws the whole screen at the new size.
	if out, err := run("resize-window", "-t", "plain", "-x", "100", "-y", "30"); err != nil {
		t.Fatalf("tmux resize-window: %v\n%s", err, out)
	}
	waitFor("plain", size(100, 30))

	keys("plain", "q")
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := run("has-session", "-t", "plain"); err != nil {
			break // the program ended and its session with it
		}
		if time.Now().After(deadline) {
			t.Fatalf("q did not quit:\n%s", capture("plain", false))
		}
		time.Sleep(50 * time.Millisecond)
	}

	// Colours, when NO_COLOR is not set: the current step on yellow. Once
	// the mark shows, so does its colour, which comes before it.
	waitFor("colour", has("step 0 of "+total))
	keys("colour", "n")
	waitFor("colour", marked(1))
	if screen := capture("colour", true); !regexp.MustCompile("\x1b\\[[0-9;]*43[;m]").MatchString(screen) {
		t.Errorf("no yellow background for the current step:\n%q", screen)
	}
	// N skips to the next message; a plays, at 8 steps a second after
	// three +, to the end.
	keys("colour", "N")
	s.Goto(1)
	s.NextMessage()
	waitFor("colour", marked(s.Step()))
	keys("colour", "+", "+", "+", "a")
	waitFor("colour", has("step "+total+" of "+total+" · "))
	keys("colour", "C-c")
}
