package stepper

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/nodes"
	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
)

// newTestStepper runs a built-in lesson for a test.
func newTestStepper(t *testing.T, id string, lang i18n.Lang, specs ...string) *Stepper {
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
	s, _, err := ForLesson(l, lessons.RunOptions{Seed: 1, Faults: faults}, Options{Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// stepOf finds the message from → to whose start line begins with what.
func stepOf(t *testing.T, s *Stepper, from, to, what string) int {
	t.Helper()
	for _, e := range s.trace.Events {
		if e.Type == sim.EventMessage && e.From == from && e.To == to && strings.HasPrefix(e.Summary.String(), what) {
			return e.Seq
		}
	}
	t.Fatalf("no message %s → %s %s", from, to, what)
	return 0
}

// rowSeq returns the step number a ladder row starts with, or 0.
func rowSeq(line string) int {
	f := strings.Fields(line)
	if len(f) < 2 || !strings.HasSuffix(f[1], "s") {
		return 0
	}
	n, err := strconv.Atoi(f[0])
	if err != nil {
		return 0
	}
	return n
}

func element(t *testing.T, s *Stepper, name string) nodes.ElementState {
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

func TestNavigation(t *testing.T) {
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

func TestSearch(t *testing.T) {
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
func TestState(t *testing.T) {
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
	kinds := map[string]nodes.TxInfo{} // by catalog key: "node.tx.ist" is the INVITE server transaction
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
	atForward := s.StateLines()
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
	if text := joinLines(s.StateLines()); !strings.Contains(text, ": confirmed") || !strings.Contains(text, "route set: <sip:proxy.biloxi.example.com;lr>") {
		t.Errorf("dialog lines:\n%s", text)
	}

	// Back in time: the same state as before, and as a fresh run's.
	if err := s.Goto(forward); err != nil {
		t.Fatal(err)
	}
	if got := joinLines(s.StateLines()); got != text {
		t.Errorf("going back to step %d gave another state:\n%s\nwant\n%s", forward, got, joinLines(atForward))
	}
	fresh := newTestStepper(t, "proxy-call", i18n.EN)
	if err := fresh.Goto(forward); err != nil {
		t.Fatal(err)
	}
	if got, want := joinLines(fresh.StateLines()), joinLines(atForward); got != want {
		t.Errorf("a fresh run to step %d gives another state:\n%s\nwant\n%s", forward, got, want)
	}
}

func TestStateOfOtherElements(t *testing.T) {
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
	if text := joinLines(s.StateLines()); !regexp.MustCompile(`(?m)^  hidden Via #\d+: SIP/2\.0/UDP `).MatchString(text) {
		t.Errorf("hidden Via lines:\n%s", text)
	}

	// A node that is down says so.
	s = newTestStepper(t, "proxy-call", i18n.EN, "down:bob")
	if text := joinLines(s.StateLines()); !strings.Contains(text, "bob · user agent (UA)\n  down: neither receives nor sends") {
		t.Errorf("down:bob:\n%s", text)
	}
}

func joinLines(lines []Line) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.Text + "\n")
	}
	return b.String()
}

func TestEventLines(t *testing.T) {
	s := newTestStepper(t, "proxy-call", i18n.EN)
	forward := stepOf(t, s, "proxy", "bob", "INVITE")
	if err := s.Goto(forward); err != nil {
		t.Fatal(err)
	}
	e := s.Event()
	lines := s.EventLines(true)
	if lines[0].Kind != Heading || !strings.HasPrefix(lines[0].Text, "step "+strconv.Itoa(forward)+" of "+strconv.Itoa(s.Total())+" · 1.010s · message · proxy → bob · arrives at ") {
		t.Errorf("heading %q", lines[0].Text)
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
	narrow := joinLines(s.EventLines(false))
	if !strings.Contains(narrow, "\n  Max-Forwards: 69\n      "+i18n.EN.T("header.Max-Forwards")+"\n") {
		t.Errorf("two-line form:\n%s", narrow)
	}

	// A response is explained by its status code, a note by its notes.
	if err := s.Goto(stepOf(t, s, "proxy", "alice", "SIP/2.0 100")); err != nil {
		t.Fatal(err)
	}
	if text := joinLines(s.EventLines(true)); !strings.Contains(text, "\n  100 Trying — "+i18n.EN.T("status.100")+"\n") {
		t.Errorf("100 Trying:\n%s", text)
	}
	// Step 0 says nothing happened yet and introduces the lesson.
	if err := s.Goto(0); err != nil {
		t.Fatal(err)
	}
	if text := joinLines(s.EventLines(true)); !strings.Contains(text, "nothing has happened yet") || !strings.Contains(text, "Record-Route") {
		t.Errorf("step 0:\n%s", text)
	}
	// An introduction of several paragraphs comes one line per paragraph.
	for _, id := range []string{"register", "stateless-proxy"} {
		l, err := lessons.Find(id)
		if err != nil {
			continue // not in the catalog (yet)
		}
		paras := strings.Split(strings.TrimSpace(i18n.EN.Text(l.Intro)), "\n")
		lines := newTestStepper(t, id, i18n.EN).EventLines(true)
		if len(lines) != 3+len(paras) {
			t.Errorf("%s: %d lines at step 0 for %d paragraphs", id, len(lines), len(paras))
		}
		for _, line := range lines {
			if strings.Contains(line.Text, "\n") {
				t.Errorf("%s: a line with a line break: %q", id, line.Text)
			}
		}
	}
}

func TestLostAndCorrupt(t *testing.T) {
	s := newTestStepper(t, "proxy-call", i18n.EN, "drop:INVITE")
	lost := stepOf(t, s, "alice", "proxy", "INVITE")
	if err := s.Goto(lost); err != nil {
		t.Fatal(err)
	}
	lines := s.EventLines(true)
	if !strings.HasSuffix(lines[0].Text, " · lost") || lines[1].Kind != Alert {
		t.Errorf("a lost message: %q, %v", lines[0].Text, lines[1].Kind)
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
	text := joinLines(s.EventLines(true))
	if _, err := s.Message(bad); err != nil && !strings.Contains(text, "the message does not parse: ") {
		t.Errorf("a corrupted message that does not parse:\n%s", text)
	}
}

func TestFullLines(t *testing.T) {
	s := newTestStepper(t, "proxy-call", i18n.EN)
	step := stepOf(t, s, "alice", "proxy", "INVITE")
	if err := s.Goto(step); err != nil {
		t.Fatal(err)
	}
	lines := s.FullLines()
	raw := strings.Split(strings.TrimSuffix(s.Event().Raw, "\r\n"), "\r\n")
	if len(lines) != len(raw)+2 {
		t.Fatalf("%d lines for a message of %d", len(lines), len(raw))
	}
	for i, r := range raw {
		if lines[i+2].Text != r {
			t.Errorf("line %d: %q, want %q", i+1, lines[i+2].Text, r)
		}
	}
	if want := "the message of step " + strconv.Itoa(step) + " as sent, " + strconv.Itoa(len(s.Event().Raw)) + " bytes:"; lines[1].Text != want {
		t.Errorf("%q, want %q", lines[1].Text, want)
	}
	if err := s.Goto(0); err != nil {
		t.Fatal(err)
	}
	if lines := s.FullLines(); lines[1].Kind != Alert || !strings.Contains(lines[1].Text, "not a message") {
		t.Errorf("full message at step 0: %+v", lines)
	}
}

func TestLadder(t *testing.T) {
	s := newTestStepper(t, "proxy-call", i18n.EN)
	lad := s.Ladder(79)
	if len(lad.Rows) != s.Total() {
		t.Fatalf("%d rows for %d steps", len(lad.Rows), s.Total())
	}
	for i, r := range lad.Rows {
		if rowSeq(r) != i+1 {
			t.Errorf("row %d is %q", i+1, r)
		}
	}
	if len(lad.Header) != 2 || !strings.Contains(lad.Header[0], "alice") || !strings.Contains(lad.Header[1], "192.0.2.20") {
		t.Errorf("header %q", lad.Header)
	}
	if !strings.Contains(lad.Summary, "messages") {
		t.Errorf("summary %q", lad.Summary)
	}

	for _, tc := range []struct{ step, height, n, at, top int }{
		{0, 7, 7, -1, 0}, // before the first event: the top, nothing marked
		{1, 7, 7, 0, 0},  // the first row
		{11, 7, 7, 2, 8}, // a third of the way down
		{s.Total(), 7, 7, 6, s.Total() - 7},
		{5, 0, 0, -1, 0}, // no room
		{5, 1000, s.Total(), 4, 0},
	} {
		rows, at, top := lad.Window(tc.step, tc.height)
		if len(rows) != tc.n || at != tc.at || top != tc.top {
			t.Errorf("window(%d, %d) = %d rows, at %d, top %d; want %d, %d, %d", tc.step, tc.height, len(rows), at, top, tc.n, tc.at, tc.top)
			continue
		}
		if at >= 0 && (!strings.HasPrefix(rows[at], ">") || rowSeq(rows[at][1:]) != tc.step) {
			t.Errorf("window(%d): marked row %q", tc.step, rows[at])
		}
	}
}

// TestSavedTrace: a trace read back from its JSON steps like the run it
// came from, without the state of its elements, which only a simulation
// knows.
func TestSavedTrace(t *testing.T) {
	run := newTestStepper(t, "proxy-call", i18n.EN)
	var b bytes.Buffer
	if err := render.JSON(&b, run.Trace()); err != nil {
		t.Fatal(err)
	}
	tr, err := sim.ReadTrace(&b)
	if err != nil {
		t.Fatal(err)
	}
	s := New(tr, Options{Lang: i18n.EN})
	if s.Total() != run.Total() || s.Title() != run.Title() {
		t.Fatalf("saved trace: %d steps, title %q; the run: %d, %q", s.Total(), s.Title(), run.Total(), run.Title())
	}
	forward := stepOf(t, s, "proxy", "bob", "INVITE")
	for _, st := range []*Stepper{s, run} {
		if err := st.Goto(forward); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := joinLines(s.EventLines(true)), joinLines(run.EventLines(true)); got != want {
		t.Errorf("step %d of the saved trace:\n%s\nwant\n%s", forward, got, want)
	}
	if got, want := s.Ladder(0).Marked(forward), run.Ladder(0).Marked(forward); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("ladder of the saved trace:\n%s", strings.Join(got, "\n"))
	}
	if _, err := s.State(); !errors.Is(err, ErrNoState) {
		t.Errorf("State of a saved trace: %v, want ErrNoState", err)
	}
	if lines := s.StateLines(); len(lines) != 1 || lines[0].Kind != Alert || !strings.Contains(lines[0].Text, "not known") {
		t.Errorf("state lines of a saved trace: %+v", lines)
	}
	if New(nil, Options{}).Total() != 0 {
		t.Error("no trace, steps")
	}
}

// TestLinesAreEscaped: nothing from a trace reaches a terminal as a control
// character: summaries, names, reasons, notes, headers, bodies, the bytes in
// full and the ladder are escaped as render.Printable does; a tab is kept.
func TestLinesAreEscaped(t *testing.T) {
	tr := &sim.Trace{Lesson: "evil\x1b]0;owned\x07", Title: sim.Lit("title\r\nInjected: yes"), Nodes: []sim.NodeInfo{{Name: "a\x1b[31m"}, {Name: "b"}}}
	tr.Add(sim.Event{Type: sim.EventMessage, From: "a\x1b[31m", To: "b", Summary: sim.Lit("INFO\x1b[2J sip:b SIP/2.0"),
		Raw:     "INFO sip:b SIP/2.0\r\nSubject: hi\x1b[2Jthere\r\n\tfolded\r\nContent-Length: 9\r\n\r\nbody\x1b[0m\r\n",
		Reasons: []sim.Reason{{Text: sim.Lit("because\x07"), RFC: "§1\x00"}}, Notes: sim.Lits("note\x9b1m")})
	tr.Add(sim.Event{Type: sim.EventTimer, Node: "b", Summary: sim.Lit("Timer\x1b[5m fired\xff")})
	tr.Intro = sim.Lit("intro\x1b[1m\nsecond")
	s := New(tr, Options{Lang: i18n.EN})
	var all []Line
	all = append(all, Line{Text: s.Title()})
	all = append(all, s.EventLines(true)...)
	for s.Next() {
		all = append(all, s.EventLines(true)...)
		all = append(all, s.EventLines(false)...)
		all = append(all, s.FullLines()...)
		all = append(all, s.StateLines()...)
	}
	for _, r := range s.Ladder(0).Marked(1) {
		all = append(all, Line{Text: r})
	}
	for _, l := range all {
		for _, r := range l.Text {
			if unicode.IsControl(r) && r != '\t' || r == utf8.RuneError {
				t.Errorf("a control character %q in %q", r, l.Text)
			}
		}
	}
	text := joinLines(all)
	for _, want := range []string{`INFO\x1b[2J sip:b SIP/2.0`, `Subject: hi\x1b[2Jthere`, "\tfolded", `body\x1b[0m`,
		`because\a [§1\x00]`, `note\x9b1m`, `Timer\x1b[5m fired\xff`, `a\x1b[31m → b`, `intro\x1b[1m`, `evil\x1b]0;owned\a`} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
}

// No line the stepper shows, at any step of any lesson and in either
// language, holds a catalog key that is missing ("!{key}") or arguments
// that do not fit their format ("%!d").
func TestEveryStepResolvesEveryKey(t *testing.T) {
	for _, l := range lessons.All() {
		for _, lang := range i18n.Langs() {
			s, _, err := ForLesson(l, lessons.RunOptions{Seed: 1}, Options{Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			for step := 0; step <= s.Total(); step++ {
				if err := s.Goto(step); err != nil {
					t.Fatal(err)
				}
				lines := append(append(s.EventLines(false), s.FullLines()...), s.StateLines()...)
				lines = append(lines, Line{Text: s.Title()}, Line{Text: s.Heading()})
				for _, ln := range lines {
					for _, marker := range []string{"!{", "%!"} {
						if strings.Contains(ln.Text, marker) {
							t.Errorf("%s (%s) step %d: %q", l.ID, lang, step, ln.Text)
						}
					}
				}
			}
		}
	}
}

// TestStaticBinding: a binding the lesson provisions shows as static, in
// both languages, never as an expiry billions of seconds away.
func TestStaticBinding(t *testing.T) {
	for lang, want := range map[i18n.Lang]string{
		i18n.EN: "binding sip:bob@biloxi.example.com → sip:bob@proxy.biloxi.example.com, static",
		i18n.ZH: "绑定 sip:bob@biloxi.example.com → sip:bob@proxy.biloxi.example.com，静态",
	} {
		s := newTestStepper(t, "loop-detected", lang)
		if err := s.Goto(1); err != nil {
			t.Fatal(err)
		}
		text := joinLines(s.StateLines())
		if !strings.Contains(text, want) || strings.Contains(text, "461168") {
			t.Errorf("%s: state lacks %q:\n%s", lang, want, text)
		}
	}
}
