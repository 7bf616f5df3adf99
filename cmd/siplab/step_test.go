package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/nodes"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/golden"
)

const stepData = "../../testdata/step"

// newTestStepper runs a built-in lesson for a test.
func newTestStepper(t *testing.T, id string, lang i18n.Lang, specs ...string) *stepper {
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
	s, _, err := newStepper(l, lessons.RunOptions{Seed: 1, Faults: faults}, lang)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// stepOf finds the message from → to whose start line begins with what.
func stepOf(t *testing.T, s *stepper, from, to, what string) int {
	t.Helper()
	for _, e := range s.trace.Events {
		if e.Type == sim.EventMessage && e.From == from && e.To == to && strings.HasPrefix(e.Summary.String(), what) {
			return e.Seq
		}
	}
	t.Fatalf("no message %s → %s %s", from, to, what)
	return 0
}

func element(t *testing.T, s *stepper, name string) nodes.ElementState {
	t.Helper()
	snap, err := s.State()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range snap.Elements {
		if e.Name == name {
			return e
		}
	}
	t.Fatalf("no element %s at step %d", name, s.Step())
	return nodes.ElementState{}
}

func TestStepperNavigation(t *testing.T) {
	s := newTestStepper(t, "proxy-call", i18n.EN)
	n := s.Total()
	if n < 20 {
		t.Fatalf("proxy-call has only %d steps", n)
	}
	if s.Step() != 0 || s.Event() != nil || s.At() != 0 {
		t.Fatalf("a stepper starts before the first event: step %d", s.Step())
	}
	if s.Prev() || s.Step() != 0 {
		t.Error("Prev at step 0 moved")
	}
	for i := 1; i <= 3; i++ {
		if !s.Next() || s.Step() != i || s.Event().Seq != i {
			t.Fatalf("Next %d: at step %d", i, s.Step())
		}
	}
	if !s.Prev() || s.Step() != 2 {
		t.Errorf("Prev: at step %d, want 2", s.Step())
	}
	for _, bad := range []int{-1, n + 1, 1 << 30} {
		err := s.Goto(bad)
		if err == nil || s.Step() != 2 {
			t.Errorf("Goto(%d): err %v, at step %d; want an error and no move", bad, err, s.Step())
			continue
		}
		want := "there is no step " + strconv.Itoa(bad) + ": steps go from 0 to " + strconv.Itoa(n)
		if err.Error() != want {
			t.Errorf("Goto(%d) error %q, want %q", bad, err, want)
		}
	}
	if err := s.Goto(n); err != nil || s.Step() != n {
		t.Fatalf("Goto(last): %v, at %d", err, s.Step())
	}
	if s.Next() || s.Step() != n {
		t.Error("Next at the last step moved")
	}
	if err := s.Goto(0); err != nil || s.Step() != 0 {
		t.Errorf("Goto(0): %v", err)
	}
}

func TestStepperSearch(t *testing.T) {
	s := newTestStepper(t, "proxy-call", i18n.EN)
	firstBye := stepOf(t, s, "alice", "proxy", "BYE")

	found, wrapped, err := s.Search("bye") // case does not matter
	if err != nil || !found || wrapped || s.Step() != firstBye {
		t.Fatalf("Search(bye) = %v, %v, %v at step %d; want the step of alice's BYE, %d", found, wrapped, err, s.Step(), firstBye)
	}
	// An empty search repeats the last one: the proxy's BYE, then the
	// 200 OK with CSeq: … BYE in its bytes.
	if found, _, _ := s.Search(""); !found || s.Event().From != "proxy" || !strings.HasPrefix(s.Event().Summary.String(), "BYE") {
		t.Errorf("repeated search landed on %v", s.Event())
	}
	if found, _, _ := s.Search(""); !found || !strings.Contains(s.Event().Raw, "CSeq: 2 BYE") {
		t.Errorf("a search looks in the bytes too; landed on %v", s.Event())
	}

	// Past the end it wraps around to the start.
	if err := s.Goto(s.Total()); err != nil {
		t.Fatal(err)
	}
	found, wrapped, _ = s.Search("REGISTER sip:")
	if !found || !wrapped || s.Step() != 1 {
		t.Errorf("wrapped search: found %v wrapped %v at %d, want step 1", found, wrapped, s.Step())
	}
	// Only the current step matches: it is found again, wrapped.
	if found, wrapped, _ = s.Search("REGISTER sip:"); !found || !wrapped || s.Step() != 1 {
		t.Errorf("search for the current step only: found %v wrapped %v at %d", found, wrapped, s.Step())
	}

	before := s.Step()
	if found, _, err := s.Search("no such text"); found || err != nil || s.Step() != before {
		t.Errorf("a search that finds nothing: found %v, err %v, moved to %d", found, err, s.Step())
	}

	fresh := newTestStepper(t, "direct-call", i18n.ZH)
	if _, _, err := fresh.Search(""); err == nil || !strings.Contains(err.Error(), "/BYE") {
		t.Errorf("empty first search: %v", err)
	}
}

// TestStepperState checks the state at given steps of proxy-call, and that
// going back in time gives the same state again.
func TestStepperState(t *testing.T) {
	s := newTestStepper(t, "proxy-call", i18n.EN)
	if err := s.Goto(0); err != nil {
		t.Fatal(err)
	}
	if b := element(t, s, "location").Bindings; len(b) != 0 {
		t.Errorf("bindings before anything happened: %+v", b)
	}

	forward := stepOf(t, s, "proxy", "bob", "INVITE")
	if err := s.Goto(forward); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]nodes.TxInfo{}
	for _, tx := range element(t, s, "proxy").Transactions {
		kinds[tx.Kind] = tx
	}
	if tx := kinds["node.tx.ist"]; tx.State != nodes.Proceeding {
		t.Errorf("proxy's INVITE server transaction: %+v, want Proceeding", tx)
	}
	client := kinds["node.tx.ict"]
	if client.State != nodes.Calling {
		t.Errorf("proxy's INVITE client transaction: %+v, want Calling", client)
	}
	timers := map[string]bool{}
	for _, tm := range client.Timers {
		timers[tm.Name] = true
	}
	if !timers["A"] || !timers["B"] {
		t.Errorf("the proxy's INVITE client transaction should run Timers A and B: %+v", client.Timers)
	}
	atForward := s.stateLines()
	text := joinLines(atForward)
	for _, want := range []string{
		"state of every element after step " + strconv.Itoa(forward) + " (",
		"proxy · proxy server",
		"  INVITE client transaction (INVITE): Calling, branch " + client.Branch,
		"Timer A due at ",
		"INVITE server transaction (INVITE): Proceeding, branch ",
		"  binding sip:bob@biloxi.example.com → sip:bob@client.biloxi.example.com, expires in ",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("state at step %d lacks %q:\n%s", forward, want, text)
		}
	}

	// After the ACK reached bob both UAs have a confirmed dialog through
	// the proxy.
	if err := s.Goto(stepOf(t, s, "proxy", "bob", "ACK")); err != nil {
		t.Fatal(err)
	}
	for _, ua := range []string{"alice", "bob"} {
		if d := element(t, s, ua).Dialogs; len(d) != 1 || !d[0].Confirmed || len(d[0].RouteSet) != 1 {
			t.Errorf("%s's dialogs after the ACK: %+v", ua, d)
		}
	}
	if text := joinLines(s.stateLines()); !strings.Contains(text, ": confirmed") || !strings.Contains(text, "route set: <sip:proxy.biloxi.example.com;lr>") {
		t.Errorf("dialog lines:\n%s", text)
	}

	// Back in time: the same state as before, and as a fresh run's.
	if err := s.Goto(forward); err != nil {
		t.Fatal(err)
	}
	if got := joinLines(s.stateLines()); got != text {
		t.Errorf("going back to step %d gave another state:\n%s\nwant\n%s", forward, got, joinLines(atForward))
	}
	fresh := newTestStepper(t, "proxy-call", i18n.EN)
	if err := fresh.Goto(forward); err != nil {
		t.Fatal(err)
	}
	if got, want := joinLines(fresh.stateLines()), joinLines(atForward); got != want {
		t.Errorf("a fresh run to step %d gives another state:\n%s\nwant\n%s", forward, got, want)
	}
}

func TestStepperStateOfOtherElements(t *testing.T) {
	// hide-hop: the proxy keeps the Via it hid under an index.
	s := newTestStepper(t, "hide-hop", i18n.EN)
	var hidden bool
	for s.Next() {
		if len(element(t, s, "proxy").HiddenVias) > 0 {
			hidden = true
			break
		}
	}
	if !hidden {
		t.Fatal("hide-hop: the proxy never hid a Via")
	}
	if text := joinLines(s.stateLines()); !regexp.MustCompile(`(?m)^  hidden Via #\d+: SIP/2\.0/UDP `).MatchString(text) {
		t.Errorf("hidden Via lines:\n%s", text)
	}

	// A node that is down says so.
	s = newTestStepper(t, "proxy-call", i18n.EN, "down:bob")
	if text := joinLines(s.stateLines()); !strings.Contains(text, "bob · user agent (UA)\n  down: neither receives nor sends") {
		t.Errorf("down:bob:\n%s", text)
	}
}

func joinLines(lines []textLine) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.text + "\n")
	}
	return b.String()
}

func TestStepperEventLines(t *testing.T) {
	s := newTestStepper(t, "proxy-call", i18n.EN)
	forward := stepOf(t, s, "proxy", "bob", "INVITE")
	if err := s.Goto(forward); err != nil {
		t.Fatal(err)
	}
	e := s.Event()
	lines := s.eventLines(true)
	if lines[0].kind != lineHeading || !strings.HasPrefix(lines[0].text, "step "+strconv.Itoa(forward)+" of "+strconv.Itoa(s.Total())+" · 1.010s · message · proxy → bob · arrives at ") {
		t.Errorf("heading %q", lines[0].text)
	}
	text := joinLines(lines)
	for _, want := range []string{
		"\n" + e.Summary.String() + "\n",
		"\n  INVITE — " + i18n.EN.T("method.INVITE") + "\n",
		"\n  Max-Forwards: 69 — " + i18n.EN.T("header.Max-Forwards") + "\n",
		"\n  Record-Route: <sip:proxy.biloxi.example.com;lr> — " + i18n.EN.T("header.Record-Route") + "\n",
		"\nheaders (11):\n",
		"\nbody: 198 bytes of application/sdp\n  | v=0\n",
		"\nwhy:\n",
		"[RFC 3261 §16.6 step 8]\n",
		"\ncaused by #",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("step %d lacks %q:\n%s", forward, want, text)
		}
	}
	// For narrow panes the explanation gets a line of its own.
	narrow := joinLines(s.eventLines(false))
	if !strings.Contains(narrow, "\n  Max-Forwards: 69\n      "+i18n.EN.T("header.Max-Forwards")+"\n") {
		t.Errorf("two-line form:\n%s", narrow)
	}

	// A response is explained by its status code, a note by its notes.
	if err := s.Goto(stepOf(t, s, "proxy", "alice", "SIP/2.0 100")); err != nil {
		t.Fatal(err)
	}
	if text := joinLines(s.eventLines(true)); !strings.Contains(text, "\n  100 Trying — "+i18n.EN.T("status.100")+"\n") {
		t.Errorf("100 Trying:\n%s", text)
	}
	// Step 0 says nothing happened yet and introduces the lesson.
	if err := s.Goto(0); err != nil {
		t.Fatal(err)
	}
	if text := joinLines(s.eventLines(true)); !strings.Contains(text, "nothing has happened yet") || !strings.Contains(text, "Record-Route") {
		t.Errorf("step 0:\n%s", text)
	}
	// An introduction of several paragraphs comes one line per paragraph.
	for _, id := range []string{"register", "stateless-proxy"} {
		l, err := lessons.Find(id)
		if err != nil {
			continue // not in the catalog (yet)
		}
		paras := strings.Split(strings.TrimSpace(i18n.EN.Text(l.Intro)), "\n")
		lines := newTestStepper(t, id, i18n.EN).eventLines(true)
		if len(lines) != 3+len(paras) {
			t.Errorf("%s: %d lines at step 0 for %d paragraphs", id, len(lines), len(paras))
		}
		for _, line := range lines {
			if strings.Contains(line.text, "\n") {
				t.Errorf("%s: a line with a line break: %q", id, line.text)
			}
		}
	}
}

func TestStepperLostAndCorrupt(t *testing.T) {
	s := newTestStepper(t, "proxy-call", i18n.EN, "drop:INVITE")
	lost := stepOf(t, s, "alice", "proxy", "INVITE")
	if err := s.Goto(lost); err != nil {
		t.Fatal(err)
	}
	lines := s.eventLines(true)
	if !strings.HasSuffix(lines[0].text, " · lost") || lines[1].kind != lineAlert {
		t.Errorf("a lost message: %q, %v", lines[0].text, lines[1].kind)
	}
	if _, _, err := s.Search("Timer A fired"); err != nil || s.Event().Summary.Key != "node.timer.retransmit" {
		t.Errorf("search for the retransmission timer: %v", s.Event())
	}
	// The search matches either language, whatever the stepper shows.
	if err := s.Goto(0); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Search("定时器 A"); err != nil || s.Event().Summary.Key != "node.timer.retransmit" {
		t.Errorf("search in Chinese for the retransmission timer: %v", s.Event())
	}

	s = newTestStepper(t, "direct-call", i18n.EN, "corrupt:INVITE")
	bad := stepOf(t, s, "alice", "bob", "")
	if err := s.Goto(bad); err != nil {
		t.Fatal(err)
	}
	text := joinLines(s.eventLines(true))
	if _, err := s.message(bad); err != nil && !strings.Contains(text, "the message does not parse: ") {
		t.Errorf("a corrupted message that does not parse:\n%s", text)
	}
}

func TestStepperFullLines(t *testing.T) {
	s := newTestStepper(t, "proxy-call", i18n.EN)
	step := stepOf(t, s, "alice", "proxy", "INVITE")
	if err := s.Goto(step); err != nil {
		t.Fatal(err)
	}
	lines := s.fullLines()
	raw := strings.Split(strings.TrimSuffix(s.Event().Raw, "\r\n"), "\r\n")
	if len(lines) != len(raw)+2 {
		t.Fatalf("%d lines for a message of %d", len(lines), len(raw))
	}
	for i, r := range raw {
		if lines[i+2].text != r {
			t.Errorf("line %d: %q, want %q", i+1, lines[i+2].text, r)
		}
	}
	if want := "the message of step " + strconv.Itoa(step) + " as sent, " + strconv.Itoa(len(s.Event().Raw)) + " bytes:"; lines[1].text != want {
		t.Errorf("%q, want %q", lines[1].text, want)
	}
	if err := s.Goto(0); err != nil {
		t.Fatal(err)
	}
	if lines := s.fullLines(); lines[1].kind != lineAlert || !strings.Contains(lines[1].text, "not a message") {
		t.Errorf("full message at step 0: %+v", lines)
	}
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

func TestStepLadder(t *testing.T) {
	s := newTestStepper(t, "proxy-call", i18n.EN)
	lad := newStepLadder(s.trace, i18n.EN, 79)
	if len(lad.rows) != s.Total() {
		t.Fatalf("%d rows for %d steps", len(lad.rows), s.Total())
	}
	for i, r := range lad.rows {
		if rowSeq(r) != i+1 {
			t.Errorf("row %d is %q", i+1, r)
		}
	}
	if len(lad.header) != 2 || !strings.Contains(lad.header[0], "alice") || !strings.Contains(lad.header[1], "192.0.2.20") {
		t.Errorf("header %q", lad.header)
	}
	if !strings.Contains(lad.summary, "messages") {
		t.Errorf("summary %q", lad.summary)
	}

	for _, tc := range []struct{ step, height, n, at, top int }{
		{0, 7, 7, -1, 0}, // before the first event: the top, nothing marked
		{1, 7, 7, 0, 0},  // the first row
		{11, 7, 7, 2, 8}, // a third of the way down
		{s.Total(), 7, 7, 6, s.Total() - 7},
		{5, 0, 0, -1, 0}, // no room
		{5, 1000, s.Total(), 4, 0},
	} {
		rows, at, top := lad.window(tc.step, tc.height)
		if len(rows) != tc.n || at != tc.at || top != tc.top {
			t.Errorf("window(%d, %d) = %d rows, at %d, top %d; want %d, %d, %d", tc.step, tc.height, len(rows), at, top, tc.n, tc.at, tc.top)
			continue
		}
		if at >= 0 && (!strings.HasPrefix(rows[at], ">") || rowSeq(rows[at][1:]) != tc.step) {
			t.Errorf("window(%d): marked row %q", tc.step, rows[at])
		}
	}
}

func TestWrapCols(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w    int
		want []string
	}{
		{"short", 10, []string{"short"}},
		{"one two three", 7, []string{"one two", "  three"}},
		{"  Via: SIP/2.0/UDP host;branch=z9hG4bK", 16, []string{"  Via:", "    SIP/2.0/UDP", "    host;branch=", "    z9hG4bK"}},
		{"中文句子需要换行", 6, []string{"中文句", "  子需", "  要换", "  行"}},
		{"abc", 0, nil},
		{"中", 1, []string{"中"}}, // a character wider than the line is not lost
	} {
		got := wrapCols(tc.in, tc.w, 2)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
			t.Errorf("wrapCols(%q, %d, 2) = %q, want %q", tc.in, tc.w, got, tc.want)
		}
	}
	if got := wrapCols("a paragraph of prose", 11, 0); strings.Join(got, "|") != "a paragraph|of prose" {
		t.Errorf("a paragraph wraps without a hanging indent: %q", got)
	}
}

func TestSafeTextAndFit(t *testing.T) {
	for in, want := range map[string]string{
		"plain":          "plain",
		"a\tb":           "a    b",
		"esc\x1b[31m":    `esc\x1b[31m`,
		"bad\xffbyte":    `bad\xffbyte`,
		"中文\r":           `中文\r`,
		"real \uFFFD ok": "real \uFFFD ok",
	} {
		if got := safeText(in); got != want {
			t.Errorf("safeText(%q) = %q, want %q", in, got, want)
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

// BenchmarkStepperStates takes the state after every step of proxy-call,
// as a student stepping through it does: one re-run of the lesson each.
func BenchmarkStepperStates(b *testing.B) {
	l, err := lessons.Find("proxy-call")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		s, _, err := newStepper(l, lessons.RunOptions{Seed: 1}, i18n.EN)
		if err != nil {
			b.Fatal(err)
		}
		for s.Next() {
			if _, err := s.State(); err != nil {
				b.Fatal(err)
			}
		}
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
		_, err := runPiped(s, inR, outW, io.Discard)
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
