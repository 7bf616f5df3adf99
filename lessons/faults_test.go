package lessons

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
)

// at finds the messages from>to whose label is label and returns their
// send times and whether each was lost.
func sent(tr *sim.Trace, from, to, lbl string) (times []time.Duration, lost []bool) {
	for _, e := range tr.Events {
		if e.Type == sim.EventMessage && e.From == from && e.To == to && label(e.Summary) == lbl {
			times = append(times, e.At)
			lost = append(lost, e.Dropped)
		}
	}
	return times, lost
}

func ms(v ...int) []time.Duration {
	out := make([]time.Duration, len(v))
	for i, x := range v {
		out[i] = time.Duration(x) * time.Millisecond
	}
	return out
}

func equalTimes(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestLostInviteRetransmissions(t *testing.T) {
	tr := run(t, "lost-invite", 1)
	times, lost := sent(tr, "alice", "proxy", "INVITE")
	// Timer A: T1 after the first copy, then 2·T1 after the second.
	if !equalTimes(times, ms(1000, 1500, 2500)) || !lost[0] || !lost[1] || lost[2] {
		t.Errorf("INVITE copies at %v lost %v; want 1s, 1.5s (lost) and 2.5s", times, lost)
	}
	if got := flow(tr); !strings.Contains(got, "proxy>alice 100\n") || !strings.Contains(got, "alice>proxy BYE\n") {
		t.Errorf("the call did not complete after the retransmission:\n%s", got)
	}
}

func TestLostOKRetransmittedByUAS(t *testing.T) {
	tr := run(t, "lost-ok", 1)
	oks, lost := sent(tr, "bob", "alice", "200")
	// The first 200 OK is lost; bob's UAS core resends it T1 later; the
	// third 200 answers the BYE.
	if len(oks) != 3 || oks[1]-oks[0] != 500*time.Millisecond || !lost[0] || lost[1] {
		t.Errorf("200 OKs at %v lost %v", oks, lost)
	}
	acks, _ := sent(tr, "alice", "bob", "ACK")
	if len(acks) != 1 || acks[0] != oks[1]+10*time.Millisecond {
		t.Errorf("ACK at %v, want one, 10 ms after the retransmitted 200 at %v", acks, oks[1])
	}
}

func TestTimeoutTimerB(t *testing.T) {
	tr := run(t, "timeout", 1)
	times, _ := sent(tr, "proxy", "bob", "INVITE")
	// First copy at 10 ms, then Timer A: +0.5, +1.5, +3.5, +7.5, +15.5, +31.5 s.
	if !equalTimes(times, ms(10, 510, 1510, 3510, 7510, 15510, 31510)) {
		t.Errorf("proxy's INVITE copies at %v", times)
	}
	var timerB time.Duration
	for _, e := range tr.Events {
		if e.Type == sim.EventTimer && e.Node == "proxy" && e.Summary.Key == "node.timer.timeout" && e.Summary.Args[0] == "B" {
			timerB = e.At
		}
	}
	if timerB != 32010*time.Millisecond {
		t.Errorf("Timer B at %v, want 32.01 s (64·T1 after the first INVITE)", timerB)
	}
	if got, _ := sent(tr, "proxy", "alice", "408"); !equalTimes(got, ms(32010)) {
		t.Errorf("408 to alice at %v", got)
	}
}

func TestNoAnswerCancel(t *testing.T) {
	tr := run(t, "no-answer", 1)
	want := `alice>proxy CANCEL
proxy>alice 200
proxy>bob CANCEL
bob>proxy 200
bob>proxy 487
proxy>bob ACK
proxy>alice 487
alice>proxy ACK
`
	if got := flow(tr); !strings.HasSuffix(got, want) {
		t.Errorf("flow ends\n%s\nwant\n%s", got, want)
	}
	if c, _ := sent(tr, "alice", "proxy", "CANCEL"); !equalTimes(c, ms(21000)) {
		t.Errorf("CANCEL at %v, want 21 s (20 s after the INVITE)", c)
	}
	msgs := messages(tr)
	var invite, cancel, ack487 string
	for _, e := range msgs {
		m := parse(t, e)
		v, _ := m.TopVia()
		switch {
		case e.From == "proxy" && e.To == "bob" && m.Method == "INVITE":
			invite = v.Branch()
		case e.From == "proxy" && e.To == "bob" && m.Method == "CANCEL":
			cancel = v.Branch()
		case e.From == "proxy" && e.To == "bob" && m.Method == "ACK":
			ack487 = v.Branch()
		}
	}
	if invite == "" || cancel != invite || ack487 != invite {
		t.Errorf("branches: INVITE %s CANCEL %s ACK %s: all three must be the same", invite, cancel, ack487)
	}
}

// TestErrorResponses: each error lesson ends with its response at alice,
// ACKed when it answers an INVITE.
func TestErrorResponses(t *testing.T) {
	for id, want := range map[string]string{
		"busy":               "proxy>alice 486\nalice>proxy ACK\n",
		"decline":            "proxy>alice 603\nalice>proxy ACK\n",
		"unknown-user":       "proxy>alice 480\nalice>proxy ACK\n",
		"too-many-hops":      "proxy>alice 483\nalice>proxy ACK\n",
		"loop-detected":      "proxy>alice 482\nalice>proxy ACK\n",
		"bad-request":        "proxy>alice 400\nalice>proxy ACK\n",
		"server-overload":    "proxy>alice 503\nalice>proxy ACK\n",
		"timeout":            "proxy>alice 408\nalice>proxy ACK\n",
		"method-not-allowed": "registrar>alice 405\n",
		"wrong-password":     "alice>registrar REGISTER\nregistrar>alice 401\nalice>registrar REGISTER\nregistrar>alice 401\n",
	} {
		if got := flow(run(t, id, 1)); !strings.HasSuffix(got, want) {
			t.Errorf("%s: flow\n%s\nshould end with\n%s", id, got, want)
		}
	}
}

func TestErrorResponseHeaders(t *testing.T) {
	last := func(id string) string {
		var raw string
		for _, e := range messages(run(t, id, 1)) {
			if e.To == "alice" {
				raw = e.Raw
			}
		}
		return raw
	}
	if r := last("server-overload"); !strings.Contains(r, "Retry-After: 30\r\n") {
		t.Errorf("503 without Retry-After:\n%s", r)
	}
	if r := last("method-not-allowed"); !strings.Contains(r, "Allow: REGISTER, OPTIONS\r\n") {
		t.Errorf("405 without Allow:\n%s", r)
	}
	if r := last("bad-request"); !strings.Contains(r, `Warning: 399 siplab "line 10: Content-Length: 298 is larger than the 198 bytes of body received"`) {
		t.Errorf("400 without the parser's error in Warning:\n%s", r)
	}
}

// faults parses fault specs, as the command line does.
func faults(t testing.TB, specs ...string) []sim.Fault {
	t.Helper()
	var out []sim.Fault
	for _, spec := range specs {
		f, err := sim.ParseFault(spec)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}

// TestFaultSpecsFromTheCommandLine: RunOptions.Faults work on any lesson,
// and their errors name the problem.
func TestFaultSpecsFromTheCommandLine(t *testing.T) {
	l, _ := Find("proxy-call")
	r, err := RunDetailed(l, RunOptions{Seed: 1, Faults: faults(t, "respond:bob=486", "drop:BYE")})
	if err != nil {
		t.Fatal(err)
	}
	if got := flow(r.Trace); !strings.Contains(got, "proxy>alice 486\n") {
		t.Errorf("respond:bob=486 had no effect:\n%s", got)
	}
	if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "drop:BYE never matched") {
		t.Errorf("warnings %q", r.Warnings)
	}
	for spec, want := range map[string]string{
		"down:carol":            `node "carol" is not a node of the lesson`,
		"noanswer:proxy":        "noanswer applies to user agents",
		"drop:INVITE@alice>dan": `receiver "dan" is not a node`,
		"loss:alice-location=5": "location service",
		"respond:bob=200":       "not a final failure status",
	} {
		f, err := sim.ParseFault(spec) // at the edge: the command line
		if err == nil {
			_, err = Run(l, RunOptions{Seed: 1, Faults: []sim.Fault{f}})
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", spec, err, want)
		}
	}
}

// BenchmarkTimeoutLesson: 32 virtual seconds of retransmissions and Timer B
// take well under 100 ms of wall time.
func BenchmarkTimeoutLesson(b *testing.B) {
	l, _ := Find("timeout")
	for b.Loop() {
		if _, err := Run(l, RunOptions{Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDuplicateAbsorbed: a duplicated INVITE is absorbed by the proxy's
// server transaction, which answers the copy with its last response.
func TestDuplicateAbsorbed(t *testing.T) {
	l, _ := Find("proxy-call")
	tr, err := Run(l, RunOptions{Seed: 1, Faults: faults(t, "dup:INVITE@alice>proxy")})
	if err != nil {
		t.Fatal(err)
	}
	if invites, _ := sent(tr, "proxy", "bob", "INVITE"); len(invites) != 1 {
		t.Errorf("the proxy forwarded %d INVITEs, want 1", len(invites))
	}
	if tries, _ := sent(tr, "proxy", "alice", "100"); len(tries) != 2 {
		t.Errorf("%d 100 Trying, want 2: one for the INVITE, one resent for its copy", len(tries))
	}
	absorbed := false
	for _, e := range tr.Events {
		if e.Type == sim.EventNote && e.Node == "proxy" && e.Summary.Key == "node.tx.absorbed" {
			absorbed = true
		}
	}
	if !absorbed {
		t.Error("no note says the copy was absorbed")
	}
}

// TestDelayFault: delay holds the message, and the receiver's timing follows.
func TestDelayFault(t *testing.T) {
	l, _ := Find("direct-call")
	tr, err := Run(l, RunOptions{Seed: 1, Faults: faults(t, "delay:180=3s")})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range tr.Events {
		if e.Type == sim.EventMessage && label(e.Summary) == "180" {
			if e.Arrive-e.At != 3*time.Second+10*time.Millisecond {
				t.Errorf("180 took %v, want 3.01 s", e.Arrive-e.At)
			}
			return
		}
	}
	t.Error("no 180")
}

// TestLossFault: loss on a link drops a seeded share of the datagrams, and
// the transactions recover.
func TestLossFault(t *testing.T) {
	l, _ := Find("direct-call")
	tr, err := Run(l, RunOptions{Seed: 3, Faults: faults(t, "loss:alice-bob=50")})
	if err != nil {
		t.Fatal(err)
	}
	lost := 0
	for _, e := range messages(tr) {
		if e.Dropped {
			lost++
		}
	}
	if lost == 0 {
		t.Errorf("50%% loss lost nothing:\n%s", flow(tr))
	}
	again, _ := Run(l, RunOptions{Seed: 3, Faults: faults(t, "loss:alice-bob=50")})
	if flow(again) != flow(tr) {
		t.Error("the same seed gave another loss pattern")
	}
}

// TestDownAt: down:NODE@T takes the node off the network at T, not before:
// the call is set up, then the BYE and its retransmissions are lost.
func TestDownAt(t *testing.T) {
	l, _ := Find("direct-call")
	tr, err := Run(l, RunOptions{Seed: 1, Faults: faults(t, "down:bob@3s")})
	if err != nil {
		t.Fatal(err)
	}
	if oks, lost := sent(tr, "bob", "alice", "200"); len(oks) != 1 || lost[0] || oks[0] != 2010*time.Millisecond {
		t.Errorf("bob's 200 OK at %v lost %v; want one at 2.01 s, before bob goes down", oks, lost)
	}
	byes, lost := sent(tr, "alice", "bob", "BYE")
	// Timer E: 500 ms, doubling up to T2 (4 s), until Timer F at 64·T1.
	if !equalTimes(byes, ms(5020, 5520, 6520, 8520, 12520, 16520, 20520, 24520, 28520, 32520, 36520)) || slices.Contains(lost, false) {
		t.Errorf("BYEs at %v lost %v; want every one lost", byes, lost)
	}
	var down []sim.Event
	for _, e := range tr.Events {
		if e.Type == sim.EventState && e.Node == "bob" && e.Summary.Key == "node.fault.down" && e.Summary.Args[0] == "down:bob@3s" {
			down = append(down, e)
		}
	}
	if len(down) != 1 || down[0].At != 3*time.Second {
		t.Errorf("state events for bob going down: %+v; want one at 3 s", down)
	}
}
