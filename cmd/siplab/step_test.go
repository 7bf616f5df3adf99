package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/lessons/stepper"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/golden"
)

const stepData = "../../testdata/step"

// newTestStepper runs a built-in lesson for a test.
func newTestStepper(t *testing.T, id string, lang i18n.Lang, specs ...string) *stepper.Stepper {
	t.Helper()
	l, err := lessons.Find(id)
	if err != nil {
		t.Fatal(err)
	}
	var faults []sim.Fault
	for _, spec := range specs {
		f, err := sim.ParseFault(spec)
		if err != nil {
			t.Fatal(err)
		}
		faults = append(faults, f)
	}
	s, _, err := stepper.ForLesson(l, lessons.RunOptions{Seed: 1, Faults: faults}, stepper.Options{Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// stepOf finds the message from → to whose start line begins with what.
func stepOf(t *testing.T, s *stepper.Stepper, from, to, what string) int {
	t.Helper()
	for _, e := range s.Trace().Events {
		if e.Type == sim.EventMessage && e.From == from && e.To == to && strings.HasPrefix(e.Summary.String(), what) {
			return e.Seq
		}
	}
	t.Fatalf("no message %s → %s %s", from, to, what)
	return 0
}

func TestParseStepCommand(t *testing.T) {
	for _, tc := range []struct {
		line string
		want stepCommand
		err  string
	}{
		{"n", stepCommand{verb: "next"}, ""},
		{"", stepCommand{verb: "next"}, ""},
		{"  next  ", stepCommand{verb: "next"}, ""},
		{"p", stepCommand{verb: "prev"}, ""},
		{"b", stepCommand{verb: "prev"}, ""},
		{"g 5", stepCommand{verb: "goto", n: 5}, ""},
		{"g5", stepCommand{verb: "goto", n: 5}, ""},
		{"goto 12", stepCommand{verb: "goto", n: 12}, ""},
		{"g 0", stepCommand{verb: "goto", n: 0}, ""},
		{"s", stepCommand{verb: "state"}, ""},
		{"f", stepCommand{verb: "full"}, ""},
		{"l", stepCommand{verb: "ladder"}, ""},
		{"?", stepCommand{verb: "help"}, ""},
		{"q", stepCommand{verb: "quit"}, ""},
		{"/BYE", stepCommand{verb: "search", text: "BYE"}, ""},
		{"/ 180 Ringing ", stepCommand{verb: "search", text: "180 Ringing"}, ""},
		{"/", stepCommand{verb: "search"}, ""},
		{"# a comment", stepCommand{verb: "comment"}, ""},
		{"N", stepCommand{verb: "nextmsg"}, ""},
		{"P", stepCommand{verb: "prevmsg"}, ""},
		{"a", stepCommand{verb: "play", speed: 1}, ""},
		{"play 2.5", stepCommand{verb: "play", speed: 2.5}, ""},
		{"a 0", stepCommand{}, `a "0": the speed is a number of steps a second, more than 0 and at most 100`},
		{"a 1000", stepCommand{}, `a "1000": the speed is a number of steps a second, more than 0 and at most 100`},
		{"g", stepCommand{}, "g needs a step number, as in g 5"},
		{"g x", stepCommand{}, "g needs a step number, as in g 5"},
		{"g -1", stepCommand{}, "g needs a step number, as in g 5"},
		{"n 3", stepCommand{}, `unknown command "n 3": ? lists the commands`},
		{"frob", stepCommand{}, `unknown command "frob": ? lists the commands`},
	} {
		got, err := parseStepCommand(tc.line, i18n.EN)
		switch {
		case tc.err != "" && (err == nil || err.Error() != tc.err):
			t.Errorf("%q: error %v, want %q", tc.line, err, tc.err)
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("%q = %+v, %v; want %+v", tc.line, got, err, tc.want)
		}
	}
}

func TestScreenTextAndFit(t *testing.T) {
	for in, want := range map[string]string{
		"plain":          "plain",
		"a\tb":           "a    b",
		"esc\x1b[31m":    `esc\x1b[31m`,
		"bad\xffbyte":    `bad\xffbyte`,
		"中文\r":           `中文\r`,
		"real \uFFFD ok": "real \uFFFD ok",
	} {
		if got := screenText(in); got != want {
			t.Errorf("screenText(%q) = %q, want %q", in, got, want)
		}
	}
	for _, tc := range []struct {
		in   string
		w    int
		want string
	}{
		{"abc", 5, "abc  "}, {"abcdef", 3, "abc"}, {"中文字", 5, "中文 "}, {"x", 0, ""},
	} {
		if got := fit(tc.in, tc.w); got != tc.want {
			t.Errorf("fit(%q, %d) = %q, want %q", tc.in, tc.w, got, tc.want)
		}
	}
}

func TestColourWanted(t *testing.T) {
	for env, want := range map[string]bool{"": true, "1": false, "0": false, "yes": false, "false": false} {
		getenv := func(name string) string {
			if name == "NO_COLOR" {
				return env
			}
			return ""
		}
		if got := colourWanted(getenv); got != want {
			t.Errorf("NO_COLOR=%q: colour %v, want %v", env, got, want)
		}
	}
}

// press sends keys to the view: named keys ("right", "enter", "esc") as
// they are, anything else typed one character at a time.
func press(u *stepUI, keys ...string) bool {
	named := map[string]bool{"right": true, "left": true, "up": true, "down": true, "enter": true, "esc": true,
		"backspace": true, "tab": true, "pgup": true, "pgdown": true, "home": true, "end": true, "ctrl+c": true}
	for _, k := range keys {
		if named[k] {
			if u.press(keyIn{name: k}) {
				return true
			}
			continue
		}
		if k == "space" {
			if u.press(keyIn{name: "space", text: " "}) {
				return true
			}
			continue
		}
		for _, r := range k {
			if u.press(keyIn{name: string(r), text: string(r)}) {
				return true
			}
		}
	}
	return false
}

func TestStepUIKeys(t *testing.T) {
	s := newTestStepper(t, "proxy-call", i18n.EN)
	u := newStepUI(s, false)
	press(u, "n", "right", "space")
	if s.Step() != 3 {
		t.Errorf("n → space: step %d, want 3", s.Step())
	}
	press(u, "p", "left")
	if s.Step() != 1 {
		t.Errorf("p ←: step %d, want 1", s.Step())
	}
	press(u, "p", "p")
	if s.Step() != 0 || u.status != "already before the first event" {
		t.Errorf("p at 0: step %d, status %q", s.Step(), u.status)
	}
	press(u, "g", "1", "1", "enter")
	if s.Step() != 11 || u.input != inputNone {
		t.Errorf("g 11: step %d", s.Step())
	}
	press(u, "g", "9", "9", "9", "enter")
	if s.Step() != 11 || !u.alert || !strings.Contains(u.status, "there is no step 999") {
		t.Errorf("g 999: step %d, status %q", s.Step(), u.status)
	}
	press(u, "2", "x", "5", "backspace", "0", "enter") // a digit starts g; letters are ignored
	if s.Step() != 20 {
		t.Errorf("typed 2x5⌫0: step %d, want 20", s.Step())
	}
	press(u, "g", "3", "esc")
	if s.Step() != 20 || u.input != inputNone {
		t.Errorf("Esc: step %d", s.Step())
	}
	press(u, "/", "B", "Y", "E", "enter")
	if !strings.HasPrefix(s.Event().Summary.String(), "BYE") || !strings.HasPrefix(u.status, `found "BYE" at step `) {
		t.Errorf("/BYE: %v, status %q", s.Event(), u.status)
	}
	press(u, "/", "nothing like this", "enter")
	if !u.alert || u.status != `no step contains "nothing like this"` {
		t.Errorf("search for nothing: %q", u.status)
	}
	press(u, "end")
	if s.Step() != s.Total() {
		t.Errorf("End: step %d", s.Step())
	}
	press(u, "n")
	if u.status != "end of the trace" {
		t.Errorf("n at the end: %q", u.status)
	}
	press(u, "home")
	if s.Step() != 0 || u.status != "" {
		t.Errorf("Home: step %d, status %q", s.Step(), u.status)
	}

	press(u, "f")
	if !u.full {
		t.Error("f did not show the full message")
	}
	press(u, "enter")
	if u.full {
		t.Error("Enter did not toggle the full message off")
	}
	press(u, "s")
	if u.focus != paneState {
		t.Error("s did not show the state")
	}
	press(u, "tab")
	if u.focus != paneMessage {
		t.Error("Tab did not show the message")
	}
	press(u, "?")
	if !u.help {
		t.Error("? did not open the help")
	}
	if press(u, "n") || u.help || s.Step() != 0 {
		t.Error("a key closes the help and does nothing else")
	}
	press(u, "z")
	if !u.alert || !strings.Contains(u.status, `unknown key "z"`) {
		t.Errorf("unknown key: %q", u.status)
	}
	if !press(u, "q") {
		t.Error("q did not quit")
	}
	if !press(newStepUI(s, false), "g", "ctrl+c") {
		t.Error("Ctrl-C did not quit while typing")
	}
}

func TestStepUIScroll(t *testing.T) {
	s := newTestStepper(t, "proxy-call", i18n.EN)
	u := newStepUI(s, false)
	press(u, "g", "1", "1", "enter")
	lay := u.layout()
	n := len(u.paneLines(paneMessage, lay.paneW(paneMessage)))
	press(u, "down", "down", "j")
	if u.scroll[paneMessage] != 3 {
		t.Errorf("scrolled to %d, want 3", u.scroll[paneMessage])
	}
	for i := 0; i < 10; i++ {
		press(u, "pgdown")
	}
	if want := n - lay.paneH; u.scroll[paneMessage] != want {
		t.Errorf("scrolled to %d, want the last page at %d", u.scroll[paneMessage], want)
	}
	press(u, "pgup", "up", "k")
	if want := n - lay.paneH - (lay.paneH - 1) - 2; u.scroll[paneMessage] != want {
		t.Errorf("scrolled back to %d, want %d", u.scroll[paneMessage], want)
	}
	press(u, "n")
	if u.scroll[paneMessage] != 0 {
		t.Error("a move does not start the pane at its top")
	}
}

// TestStepUISizes draws every pane at many sizes: exactly the screen's
// lines and columns, never a panic.
func TestStepUISizes(t *testing.T) {
	s := newTestStepper(t, "proxy-call", i18n.ZH)
	u := newStepUI(s, true)
	sizes := [][2]int{{80, 24}, {0, 0}, {1, 1}, {19, 3}, {20, 4}, {21, 5}, {30, 8}, {40, 10}, {80, 10}, {79, 13}, {100, 40}, {139, 30}, {140, 30}, {200, 60}, {300, 5}}
	for _, sz := range sizes {
		u.width, u.height = sz[0], sz[1]
		for _, keys := range [][]string{nil, {"n"}, {"g", "11", "enter"}, {"s"}, {"f"}, {"?"}, {"end"}, {"down", "pgdown"}} {
			u.help = false
			press(u, keys...)
			lines := u.plain()
			if len(lines) != max(sz[1], 0) {
				t.Errorf("%dx%d after %v: %d lines", sz[0], sz[1], keys, len(lines))
			}
			for i, line := range u.screen() {
				w := 0
				for _, seg := range line {
					w += i18n.Width(seg.text)
				}
				if w != sz[0] {
					t.Errorf("%dx%d after %v: line %d is %d columns: %q", sz[0], sz[1], keys, i, w, lines[i])
				}
			}
			_ = u.render()
		}
	}
}

// TestStepUIGolden keeps the screen at 80×24, as a terminal shows it.
func TestStepUIGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		lang i18n.Lang
		keys []string
		size [2]int
	}{
		{"tui-80x24-start", i18n.EN, nil, [2]int{80, 24}},
		{"tui-80x24-step11", i18n.EN, []string{"g", "11", "enter"}, [2]int{80, 24}},
		{"tui-80x24-step11-state", i18n.EN, []string{"g", "11", "enter", "s"}, [2]int{80, 24}},
		{"tui-80x24-step11-full", i18n.EN, []string{"g", "11", "enter", "f"}, [2]int{80, 24}},
		{"tui-80x24-help", i18n.EN, []string{"?"}, [2]int{80, 24}},
		{"tui-80x24-zh-ack", i18n.ZH, []string{"/", "ACK", "enter", "/", "enter"}, [2]int{80, 24}},
		{"tui-160x30-split", i18n.EN, []string{"g", "26", "enter", "s"}, [2]int{160, 30}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := newStepUI(newTestStepper(t, "proxy-call", tc.lang), false)
			u.width, u.height = tc.size[0], tc.size[1]
			press(u, tc.keys...)
			got := strings.Join(u.plain(), "\n") + "\n"
			golden.CheckString(t, filepath.Join(stepData, tc.name+".golden"), got)
		})
	}
}

var sgrRE = regexp.MustCompile("\x1b\\[([0-9;]*)m")

// TestStepUIColours: colours by default, none with NO_COLOR, where only
// bold and reverse video set the title, the current step and the status
// line apart.
func TestStepUIColours(t *testing.T) {
	s := newTestStepper(t, "proxy-call", i18n.EN)
	for _, colour := range []bool{true, false} {
		u := newStepUI(s, colour)
		press(u, "g", "11", "enter")
		params := map[string]bool{}
		for _, m := range sgrRE.FindAllStringSubmatch(u.render(), -1) {
			for _, p := range strings.Split(m[1], ";") {
				params[p] = true
			}
		}
		if colour && (!params["43"] || !params["44"]) {
			t.Errorf("colours on: SGR parameters %v, want the current step on yellow and the title on blue", params)
		}
		if !colour {
			for p := range params {
				if p != "0" && p != "1" && p != "7" {
					t.Errorf("NO_COLOR: SGR parameter %s is not bold, reverse or reset", p)
				}
			}
		}
		want := map[bool]string{true: "\x1b[1;30;43m>11 ", false: "\x1b[7m>11 "}[colour]
		if !strings.Contains(u.render(), want) {
			t.Errorf("colour %v: the current step's row does not start with %q", colour, want)
		}
	}
}

// TestStepUIUpdate drives the bubbletea side: sizes, key messages, quit.
func TestStepUIUpdate(t *testing.T) {
	s := newTestStepper(t, "proxy-call", i18n.EN)
	u := newStepUI(s, false)
	u.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if u.width != 100 || u.height != 30 {
		t.Fatalf("size %dx%d", u.width, u.height)
	}
	u.Update(tea.KeyPressMsg{Code: 'n', Text: "n"})
	u.Update(tea.KeyPressMsg{Code: tea.KeyRight})
	u.Update(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	if s.Step() != 3 {
		t.Errorf("n → space: step %d", s.Step())
	}
	u.Update(tea.KeyPressMsg{Code: '/', Text: "/"})
	u.Update(tea.PasteMsg{Content: "BYE"})
	u.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	if !strings.HasPrefix(s.Event().Summary.String(), "BYE") {
		t.Errorf("pasted search: %v", s.Event())
	}
	v := u.View()
	if !v.AltScreen || len(strings.Split(v.Content, "\n")) != 30 {
		t.Errorf("view: alt screen %v, %d lines", v.AltScreen, len(strings.Split(v.Content, "\n")))
	}
	if _, cmd := u.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}); cmd == nil {
		t.Error("Ctrl-C returned no command")
	} else if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("Ctrl-C does not quit")
	}
	if _, cmd := u.Update(tea.KeyPressMsg{Code: 'q', Text: "q"}); cmd == nil {
		t.Error("q does not quit")
	}
}

// TestStepIsPipedWithoutATerminal: Main with a reader as stdin takes the
// line mode, which prints no escape codes.
func TestStepIsPipedWithoutATerminal(t *testing.T) {
	code, out, errOut := runCLI(t, []string{"step", "proxy-call"}, []byte("n\ns\nf\n"))
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.Contains(out, "\x1b") {
		t.Error("the line mode printed an escape code")
	}
	if !strings.Contains(out, "step 1 of ") || !strings.Contains(out, "state of every element after step 1 ") {
		t.Errorf("output:\n%s", out)
	}
}

// TestStepLessonFile: a lesson file steps like the built-in lesson it
// describes; an unknown lesson is an error that lists the built-in ones.
func TestStepLessonFile(t *testing.T) {
	script := []byte("g 11\ns\nf\n")
	code, byID, errOut := runCLI(t, []string{"step", "proxy-call"}, script)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	file := "../../lessons/catalog/07-proxy-call.md"
	if _, err := os.Stat(file); err != nil {
		t.Skip("no lesson file for proxy-call:", err)
	}
	code, byFile, errOut := runCLI(t, []string{"step", file}, script)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if byFile != byID {
		t.Errorf("stepping %s differs from stepping proxy-call:\n%s", file, byFile)
	}

	code, _, errOut = runCLI(t, []string{"step", "no-such-lesson"}, nil)
	if code != 1 || !strings.Contains(errOut, `unknown lesson "no-such-lesson"`) || !strings.Contains(errOut, "proxy-call") {
		t.Errorf("unknown lesson: exit %d, %s", code, errOut)
	}
}

// TestPipedAnswersEachCommand: a program driving the stepper through pipes
// gets each answer before it sends the next command.
func TestPipedAnswersEachCommand(t *testing.T) {
	s := newTestStepper(t, "direct-call", i18n.EN)
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		_, err := runPiped(s, inR, outW, io.Discard, 0)
		outW.Close()
		done <- err
	}()
	answers := bufio.NewScanner(outR)
	waitFor := func(want string) {
		t.Helper()
		found := make(chan bool, 1)
		go func() {
			for answers.Scan() {
				if strings.Contains(answers.Text(), want) {
					found <- true
					return
				}
			}
			found <- false
		}()
		select {
		case ok := <-found:
			if !ok {
				t.Fatalf("the output ended before %q", want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("no %q: the answer was not flushed", want)
		}
	}
	waitFor("steps: n next")
	fmt.Fprintln(inW, "n")
	waitFor("step 1 of ")
	fmt.Fprintln(inW, "g 3")
	waitFor("step 3 of ")
	fmt.Fprintln(inW, "q")
	go io.Copy(io.Discard, outR)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestPipedEscapesTheTrace: the line mode prints what comes from a trace
// escaped, as the full screen shows it: a message cannot drive the terminal
// the output ends on. It steps a trace that is not a lesson's run, too.
func TestPipedEscapesTheTrace(t *testing.T) {
	tr := &sim.Trace{Lesson: "evil\x1b]0;owned\x07", Nodes: []sim.NodeInfo{{Name: "a"}, {Name: "b\x1b[31m"}}}
	tr.Add(sim.Event{Type: sim.EventMessage, From: "a", To: "b\x1b[31m", Summary: sim.Lit("MESSAGE\x1b[2J sip:b SIP/2.0"),
		Raw: "MESSAGE sip:b SIP/2.0\r\nSubject: \x1b[2J\r\nContent-Length: 0\r\n\r\n", Notes: sim.Lits("\x1b[5mblink")})
	var out, errOut strings.Builder
	bad, err := runPiped(stepper.New(tr, stepper.Options{Lang: i18n.EN}), strings.NewReader("n\nf\ns\nl\n/2J\n"), &out, &errOut, 0)
	if err != nil || bad != 0 || errOut.Len() != 0 {
		t.Fatalf("runPiped: %d bad, %v, %s", bad, err, errOut.String())
	}
	if strings.Contains(out.String(), "\x1b") || strings.Contains(out.String(), "\x07") {
		t.Errorf("the line mode printed a control character:\n%q", out.String())
	}
	for _, want := range []string{`evil\x1b]0;owned\a`, `MESSAGE\x1b[2J sip:b SIP/2.0`, `Subject: \x1b[2J`, `\x1b[5mblink`, `a → b\x1b[31m`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in\n%s", want, out.String())
		}
	}
}

// TestStepSavedTrace: a trace saved as JSON steps as the lesson it came
// from does, in either language, except for the state of the elements,
// which only a simulation knows.
func TestStepSavedTrace(t *testing.T) {
	file := filepath.Join(t.TempDir(), "proxy-call.json")
	if code, _, errOut := runCLI(t, []string{"run", "proxy-call", "--format", "json", "-o", file}, nil); code != 0 {
		t.Fatalf("run: exit %d: %s", code, errOut)
	}
	script := []byte("g 11\nf\nl\n/BYE\n")
	for _, lang := range []string{"en", "zh"} {
		code, byLesson, errOut := runCLI(t, []string{"step", "proxy-call", "--lang", lang}, script)
		if code != 0 {
			t.Fatalf("step proxy-call: exit %d: %s", code, errOut)
		}
		code, byTrace, errOut := runCLI(t, []string{"step", file, "--lang", lang}, script)
		if code != 0 {
			t.Fatalf("step %s: exit %d: %s", file, code, errOut)
		}
		if byTrace != byLesson {
			t.Errorf("--lang %s: stepping the saved trace differs from stepping the lesson:\n%s\nwant\n%s", lang, byTrace, byLesson)
		}
	}
	code, out, _ := runCLI(t, []string{"step", file}, []byte("g 3\ns\n"))
	if code != 0 || !strings.Contains(out, i18n.EN.T("step.state.none")) {
		t.Errorf("state of a saved trace: exit %d:\n%s", code, out)
	}
	if code, _, errOut := runCLI(t, []string{"step", file, "--fault", "drop:INVITE"}, nil); code != 2 || !strings.Contains(errOut, "--fault") {
		t.Errorf("--fault with a saved trace: exit %d, %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, []string{"step", filepath.Join(t.TempDir(), "none.json")}, nil); code != 1 {
		t.Errorf("a missing trace: exit %d, %s", code, errOut)
	}
}

// TestStepUIPlayAndMessages: N and P jump from message to message; a
// plays a step at each tick of the current play, pauses, + and - change
// the speed; a tick of an old play is dropped, and play stops at the end.
func TestStepUIPlayAndMessages(t *testing.T) {
	s := newTestStepper(t, "proxy-call", i18n.EN)
	u := newStepUI(s, false)
	u.Update(tea.KeyPressMsg{Code: 'N', Text: "N"})
	u.Update(tea.KeyPressMsg{Code: 'N', Text: "N"})
	first := s.Step()
	if e := s.Event(); e == nil || e.Type != sim.EventMessage || s.PrevMessage() && s.PrevMessage() {
		t.Errorf("N N: step %d, %v", first, e)
	}
	if err := s.Goto(first); err != nil {
		t.Fatal(err)
	}
	press(u, "]", "[")
	if s.Step() != first {
		t.Errorf("] [: step %d, want %d", s.Step(), first)
	}

	_, cmd := u.Update(tea.KeyPressMsg{Code: 'a', Text: "a"})
	if !u.playing || cmd == nil || !strings.HasPrefix(u.status, "playing: 1 steps a second") {
		t.Fatalf("a: playing %v, command %v, status %q", u.playing, cmd != nil, u.status)
	}
	old := u.plays
	press(u, "+", "+")
	if u.speed != 4 {
		t.Errorf("+ +: speed %v", u.speed)
	}
	u.Update(tea.KeyPressMsg{Code: '+', Text: "+"}) // through Update: a new play at the new speed
	if u.plays == old {
		t.Error("a new speed does not start a new play")
	}
	at := s.Step()
	u.Update(playTick{old})
	if s.Step() != at {
		t.Errorf("a tick of the old play moved to step %d", s.Step())
	}
	if _, cmd := u.Update(playTick{u.plays}); s.Step() != at+1 || cmd == nil {
		t.Errorf("a tick moved from %d to %d; next tick %v", at, s.Step(), cmd != nil)
	}
	u.Update(tea.KeyPressMsg{Code: 'a', Text: "a"})
	if u.playing {
		t.Error("a does not pause")
	}
	if _, cmd := u.Update(playTick{u.plays}); s.Step() != at+1 || cmd != nil {
		t.Errorf("paused, a tick moved to %d", s.Step())
	}
	if err := s.Goto(s.Total() - 1); err != nil {
		t.Fatal(err)
	}
	u.Update(tea.KeyPressMsg{Code: 'a', Text: "a"})
	u.Update(playTick{u.plays})
	if _, cmd := u.Update(playTick{u.plays}); u.playing || cmd != nil || s.Step() != s.Total() {
		t.Errorf("at the end: playing %v, step %d of %d", u.playing, s.Step(), s.Total())
	}
}
