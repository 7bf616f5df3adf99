package rfccheck_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/rfccheck"
)

// want is an expected finding: where, which rule, which section.
type want struct {
	seq  int
	rule string
	rfc  string
}

// deliberate lists the findings of the lessons whose point is a fault or a
// real server's quirk; every other lesson checks clean.
var deliberate = map[string][]want{
	// GB28181 servers and MiniSipServer challenge without qop, as the
	// course's captures show.
	"gb28181-register": {{2, rfccheck.RuleQOP, "RFC 3261 §22.4; RFC 2617 §3.2.1"}},
	// GB/T 28181 platforms challenge without qop in every lesson that registers a device.
	"gb28181-keepalive": {{2, rfccheck.RuleQOP, "RFC 3261 §22.4; RFC 2617 §3.2.1"}},
	"gb28181-catalog":   {{2, rfccheck.RuleQOP, "RFC 3261 §22.4; RFC 2617 §3.2.1"}},
	"register-expires":  {{2, rfccheck.RuleQOP, "RFC 3261 §22.4; RFC 2617 §3.2.1"}, {14, rfccheck.RuleQOP, "RFC 3261 §22.4; RFC 2617 §3.2.1"}},
	// The lesson's malformed request: its body is cut short.
	"bad-request": {{7, rfccheck.RuleContentLength, "RFC 3261 §18.3, §20.14"}},
}

func run(t testing.TB, id string, seed uint64) *sim.Trace {
	t.Helper()
	l, err := lessons.Find(id)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := lessons.Run(l, lessons.RunOptions{Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func got(fs []rfccheck.Finding) []want {
	out := []want{}
	for _, f := range fs {
		out = append(out, want{f.Seq, f.Rule, f.RFC})
	}
	return out
}

// TestLessonsCheckClean runs every lesson with two seeds: its findings are
// exactly the deliberate ones.
func TestLessonsCheckClean(t *testing.T) {
	for _, l := range lessons.All() {
		for _, seed := range []uint64{1, 7} {
			fs := rfccheck.Check(run(t, l.ID, seed), rfccheck.Options{})
			w := deliberate[l.ID]
			if w == nil {
				w = []want{}
			}
			if seed != 1 { // the steps of a fault may move with the seed; the rules may not
				fs = slices.DeleteFunc(fs, func(f rfccheck.Finding) bool {
					return slices.ContainsFunc(w, func(x want) bool { return x.rule == f.Rule })
				})
				w = []want{}
			}
			if g := got(fs); !slices.Equal(g, w) {
				t.Errorf("%s seed %d: findings %v, want %v", l.ID, seed, fs, w)
			}
		}
	}
}

// doctor edits the raw bytes of message event seq.
func doctor(t *testing.T, tr *sim.Trace, seq int, edit func(string) string) {
	t.Helper()
	e := tr.Get(seq)
	if e == nil || e.Type != sim.EventMessage {
		t.Fatalf("event %d is not a message", seq)
	}
	raw := edit(e.Raw)
	if raw == e.Raw {
		t.Fatalf("the edit changed nothing in event %d:\n%s", seq, e.Raw)
	}
	e.Raw = raw
}

// find returns the seq of the first message event sent from→to whose
// start line begins with start.
func find(t *testing.T, tr *sim.Trace, from, to, start string) int {
	t.Helper()
	for _, e := range tr.Events {
		if e.Type == sim.EventMessage && e.From == from && e.To == to && strings.HasPrefix(e.Raw, start) {
			return e.Seq
		}
	}
	t.Fatalf("no %q from %s to %s", start, from, to)
	return 0
}

// header rewrites the first line that matches re.
func header(re, repl string) func(string) string {
	r := regexp.MustCompile("(?m)" + re)
	return func(raw string) string {
		done := false
		return r.ReplaceAllStringFunc(raw, func(s string) string {
			if done {
				return s
			}
			done = true
			return r.ReplaceAllString(s, repl)
		})
	}
}

func TestPlantedViolations(t *testing.T) {
	for _, tc := range []struct {
		name, lesson string
		// plant edits the trace and returns the seq the finding must name.
		plant    func(t *testing.T, tr *sim.Trace) int
		rule     string
		rfc      string
		severity rfccheck.Severity
		related  bool // the finding names the message it was compared with
	}{
		{"request without Max-Forwards", "direct-call", func(t *testing.T, tr *sim.Trace) int {
			s := find(t, tr, "alice", "bob", "INVITE")
			doctor(t, tr, s, header(`^Max-Forwards: .*\r\n`, ""))
			return s
		}, rfccheck.RuleMandatory, "RFC 3261 §8.1.1", rfccheck.Error, false},
		{"response without CSeq", "direct-call", func(t *testing.T, tr *sim.Trace) int {
			s := find(t, tr, "bob", "alice", "SIP/2.0 180")
			doctor(t, tr, s, header(`^CSeq: .*\r\n`, ""))
			return s
		}, rfccheck.RuleMandatory, "RFC 3261 §8.2.6.2, §20", rfccheck.Error, false},
		{"body longer than Content-Length", "direct-call", func(t *testing.T, tr *sim.Trace) int {
			s := find(t, tr, "alice", "bob", "INVITE")
			doctor(t, tr, s, func(raw string) string { return raw + "a=extra\r\n" })
			return s
		}, rfccheck.RuleContentLength, "RFC 3261 §18.3, §20.14", rfccheck.Error, false},
		{"body shorter than Content-Length", "direct-call", func(t *testing.T, tr *sim.Trace) int {
			s := find(t, tr, "alice", "bob", "INVITE")
			doctor(t, tr, s, func(raw string) string { return raw[:len(raw)-10] })
			return s
		}, rfccheck.RuleContentLength, "RFC 3261 §18.3, §20.14", rfccheck.Error, false},
		{"no Content-Length over TCP", "direct-call", func(t *testing.T, tr *sim.Trace) int {
			s := find(t, tr, "bob", "alice", "SIP/2.0 180")
			doctor(t, tr, s, header(`^Content-Length: .*\r\n`, ""))
			tr.Get(s).Transport = "TCP"
			return s
		}, rfccheck.RuleContentLength, "RFC 3261 §18.3, §20.14", rfccheck.Error, false},
		{"response with another Call-ID", "direct-call", func(t *testing.T, tr *sim.Trace) int {
			s := find(t, tr, "bob", "alice", "SIP/2.0 180")
			doctor(t, tr, s, header(`^Call-ID: .*`, "Call-ID: changed@biloxi.example.com"))
			return s
		}, rfccheck.RuleResponse, "RFC 3261 §8.2.6.2, §17.1.3", rfccheck.Error, true},
		{"response with another From tag", "proxy-call", func(t *testing.T, tr *sim.Trace) int {
			s := find(t, tr, "proxy", "alice", "SIP/2.0 180")
			doctor(t, tr, s, header(`^(From: .*;tag=)\w+`, "${1}f00"))
			return s
		}, rfccheck.RuleResponse, "RFC 3261 §8.2.6.2, §17.1.3", rfccheck.Error, true},
		{"response that drops a Via", "proxy-call", func(t *testing.T, tr *sim.Trace) int {
			s := find(t, tr, "bob", "proxy", "SIP/2.0 180")
			doctor(t, tr, s, header(`^Via: .*\r\n(Via: )`, "$1"))
			return s
		}, rfccheck.RuleResponse, "RFC 3261 §8.2.6.2, §17.1.3", rfccheck.Error, true},
		{"final response without To tag", "direct-call", func(t *testing.T, tr *sim.Trace) int {
			s := find(t, tr, "bob", "alice", "SIP/2.0 200")
			doctor(t, tr, s, header(`^(To: [^;\r]*);tag=\w+`, "$1"))
			return s
		}, rfccheck.RuleToTag, "RFC 3261 §8.2.6.2, §12.1.1", rfccheck.Error, false},
		{"ACK for 2xx with the INVITE's branch", "direct-call", func(t *testing.T, tr *sim.Trace) int {
			inv := tr.Get(find(t, tr, "alice", "bob", "INVITE")).Raw
			branch := regexp.MustCompile(`branch=(\w+)`).FindStringSubmatch(inv)[1]
			s := find(t, tr, "alice", "bob", "ACK")
			doctor(t, tr, s, header(`branch=\w+`, "branch="+branch))
			return s
		}, rfccheck.RuleACKBranch, "RFC 3261 §13.2.2.4, §17.1.1.3", rfccheck.Error, true},
		{"ACK for non-2xx with a new branch", "busy", func(t *testing.T, tr *sim.Trace) int {
			s := find(t, tr, "proxy", "bob", "ACK")
			doctor(t, tr, s, header(`branch=[\w.]+`, "branch=z9hG4bKnew"))
			return s
		}, rfccheck.RuleACKBranch, "RFC 3261 §17.1.1.3", rfccheck.Error, true},
		{"proxy keeps Max-Forwards", "proxy-call", func(t *testing.T, tr *sim.Trace) int {
			s := find(t, tr, "proxy", "bob", "INVITE")
			doctor(t, tr, s, header(`^Max-Forwards: \d+`, "Max-Forwards: 70"))
			return s
		}, rfccheck.RuleMaxForwards, "RFC 3261 §16.6 step 3", rfccheck.Error, true},
		{"proxy does not push its Via", "proxy-call", func(t *testing.T, tr *sim.Trace) int {
			s := find(t, tr, "proxy", "bob", "INVITE")
			doctor(t, tr, s, header(`^Via: .*\r\n`, ""))
			return s
		}, rfccheck.RuleProxyVia, "RFC 3261 §16.6 step 8", rfccheck.Error, true},
		{"BYE reusing the INVITE's CSeq", "direct-call", func(t *testing.T, tr *sim.Trace) int {
			s := find(t, tr, "alice", "bob", "BYE")
			doctor(t, tr, s, header(`^CSeq: \d+`, "CSeq: 1"))
			return s
		}, rfccheck.RuleCSeq, "RFC 3261 §12.2.1.1", rfccheck.Error, true},
		{"REGISTER challenge without qop", "digest-register", func(t *testing.T, tr *sim.Trace) int {
			s := find(t, tr, "registrar", "alice", "SIP/2.0 401")
			doctor(t, tr, s, header(`, *qop="auth"`, ""))
			return s
		}, rfccheck.RuleQOP, "RFC 3261 §22.4; RFC 2617 §3.2.1", rfccheck.Warning, false},
		{"retransmission too early", "timeout", func(t *testing.T, tr *sim.Trace) int {
			copies := inviteCopies(t, tr)
			tr.Get(copies[3]).At -= 500 * time.Millisecond
			return copies[3]
		}, rfccheck.RuleRetransmit, "RFC 3261 §17.1.1.2", rfccheck.Warning, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := run(t, tc.lesson, 1)
			if fs := rfccheck.Check(tr, rfccheck.Options{}); slices.ContainsFunc(fs, func(f rfccheck.Finding) bool { return f.Rule == tc.rule }) {
				t.Fatalf("the clean trace has a %s finding already: %v", tc.rule, fs)
			}
			seq := tc.plant(t, tr)
			fs := rfccheck.Check(tr, rfccheck.Options{Frame: func(e *sim.Event) int { return e.Seq * 10 }})
			i := slices.IndexFunc(fs, func(f rfccheck.Finding) bool { return f.Rule == tc.rule && f.Seq == seq })
			if i < 0 {
				t.Fatalf("no %s finding at step %d: %v", tc.rule, seq, fs)
			}
			f := fs[i]
			if f.RFC != tc.rfc || f.Severity != tc.severity || f.Frame != seq*10 || (f.Related != 0) != tc.related {
				t.Errorf("finding %+v, want RFC %q, severity %s, frame %d, related %v", f, tc.rfc, tc.severity, seq*10, tc.related)
			}
			if tc.severity == rfccheck.Error && !rfccheck.HasErrors(fs) {
				t.Errorf("HasErrors is false with an error finding")
			}
			t.Log(fmt.Sprint(fs))
		})
	}
}

// TestResponseRetransmissions: bob's UAS resends its 2xx at T1, 2·T1… up
// to T2 while alice never gets it (§13.3.1.4): clean as it runs, a warning
// when one copy is moved.
func TestResponseRetransmissions(t *testing.T) {
	l, err := lessons.Find("direct-call")
	if err != nil {
		t.Fatal(err)
	}
	f, err := sim.ParseFault("drop:200@bob>alice#*")
	if err != nil {
		t.Fatal(err)
	}
	tr, err := lessons.Run(l, lessons.RunOptions{Seed: 1, Faults: []sim.Fault{f}})
	if err != nil {
		t.Fatal(err)
	}
	var copies []int
	for _, e := range tr.Events {
		if e.Type == sim.EventMessage && e.From == "bob" && strings.HasPrefix(e.Raw, "SIP/2.0 200") && strings.Contains(e.Raw, "INVITE\r\n") {
			copies = append(copies, e.Seq)
		}
	}
	if len(copies) < 7 {
		t.Fatalf("only %d copies of the 200", len(copies))
	}
	if fs := rfccheck.Check(tr, rfccheck.Options{}); len(fs) > 0 {
		t.Fatalf("the 2xx retransmissions have findings: %v", fs)
	}
	tr.Get(copies[5]).At += time.Second // 4 s after the cap: 5 s
	fs := rfccheck.Check(tr, rfccheck.Options{})
	if g, w := got(fs), []want{{copies[5], rfccheck.RuleRetransmit, "RFC 3261 §13.3.1.4"}, {copies[6], rfccheck.RuleRetransmit, "RFC 3261 §13.3.1.4"}}; !slices.Equal(g, w) {
		t.Errorf("findings %v, want %v", fs, w)
	}
	// A retransmitted INVITE in between: the server answered it, and the
	// copies are no schedule any more.
	inv := *tr.Get(1)
	inv.At = tr.Get(copies[4]).At + time.Millisecond
	tr.Add(inv)
	if fs := rfccheck.Check(tr, rfccheck.Options{}); len(fs) > 0 {
		t.Errorf("copies answering a retransmitted INVITE have findings: %v", fs)
	}
}

// TestLateFirstRetransmission: the proxy's INVITE copies in timeout all
// come 150 ms late, as sipp's do (654 ms, then 1 s, 2 s): the first copy
// is off RFC 3261's default T1, and the copies after it, doubling from
// there, are on time; a schedule taken from the late first interval would
// find every later copy wrong instead.
func TestLateFirstRetransmission(t *testing.T) {
	tr := run(t, "timeout", 1)
	copies := inviteCopies(t, tr)
	for _, s := range copies[1:] {
		tr.Get(s).At += 150 * time.Millisecond
	}
	fs := rfccheck.Check(tr, rfccheck.Options{})
	if g, w := got(fs), []want{{copies[1], rfccheck.RuleRetransmit, "RFC 3261 §17.1.1.2"}}; !slices.Equal(g, w) {
		t.Errorf("findings %v, want %v", fs, w)
	}
	if len(fs) == 1 && fs[0].Text.Key != "check.retransmit.first" {
		t.Errorf("finding %v, want check.retransmit.first", fs[0].Text)
	}
}

// inviteCopies lists the steps of the proxy's INVITE to bob in timeout:
// the first sending and its copies, four at least.
func inviteCopies(t *testing.T, tr *sim.Trace) []int {
	t.Helper()
	var copies []int
	for _, e := range tr.Events {
		if e.Type == sim.EventMessage && e.From == "proxy" && e.To == "bob" && strings.HasPrefix(e.Raw, "INVITE") {
			copies = append(copies, e.Seq)
		}
	}
	if len(copies) < 4 {
		t.Fatalf("only %d copies of the INVITE", len(copies))
	}
	return copies
}
