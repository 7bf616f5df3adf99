package lessons

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// only is the only message from>to with the label lbl.
func only(t *testing.T, tr *sim.Trace, from, to, lbl string) sim.Event {
	t.Helper()
	evs := matching(tr, from, to, lbl)
	if len(evs) != 1 {
		t.Fatalf("%d %s>%s %s, want 1:\n%s", len(evs), from, to, lbl, flow(tr))
	}
	return evs[0]
}

func branch(t *testing.T, e sim.Event) string {
	t.Helper()
	v, err := parse(t, e).TopVia()
	if err != nil {
		t.Fatalf("#%d: %v", e.Seq, err)
	}
	return v.Branch()
}

// invitesFromProxy is whom the proxy sent INVITEs to, in order.
func invitesFromProxy(tr *sim.Trace) []string {
	var to []string
	for _, e := range messages(tr) {
		if e.From == "proxy" && label(e.Summary) == "INVITE" {
			to = append(to, e.To)
		}
	}
	return to
}

// checkProxyCancel: the proxy's CANCEL to callee matches its INVITE there
// as §9.1 requires: the same Request-URI, Call-ID, From, To, CSeq number
// and top Via branch, with CSeq method CANCEL; the callee answers it 200
// and the INVITE 487, which the proxy ACKs on the INVITE's branch.
func checkProxyCancel(t *testing.T, tr *sim.Trace, callee string) sim.Event {
	t.Helper()
	invE, cancelE := only(t, tr, "proxy", callee, "INVITE"), only(t, tr, "proxy", callee, "CANCEL")
	inv, cancel := parse(t, invE), parse(t, cancelE)
	if b := branch(t, cancelE); b != branch(t, invE) {
		t.Errorf("CANCEL branch %s, want the INVITE's %s (§9.1)", b, branch(t, invE))
	}
	if cancel.RequestURI.String() != inv.RequestURI.String() {
		t.Errorf("CANCEL Request-URI %s, want the INVITE's %s", cancel.RequestURI, inv.RequestURI)
	}
	for _, h := range []string{"Call-ID", "From", "To"} {
		if cancel.Get(h) != inv.Get(h) {
			t.Errorf("CANCEL %s %q, want the INVITE's %q (§9.1)", h, cancel.Get(h), inv.Get(h))
		}
	}
	ic, _ := inv.CSeq()
	if cc, _ := cancel.CSeq(); cc.Seq != ic.Seq || cc.Method != sip.CANCEL {
		t.Errorf("CANCEL CSeq %v, want %d CANCEL (§9.1)", cc, ic.Seq)
	}
	ack := only(t, tr, "proxy", callee, "ACK")
	if b := branch(t, ack); b != branch(t, invE) {
		t.Errorf("ACK of the 487 on branch %s, want the INVITE's %s (§17.1.1.3)", b, branch(t, invE))
	}
	only(t, tr, callee, "proxy", "487")
	return cancelE
}

// TestParallelFork: both phones get the INVITE at once, each on a branch
// of its own; the mobile's 200 goes to alice, and only then the proxy
// cancels the desk phone's branch (§16.7 step 10), whose 487 stays in the
// proxy.
func TestParallelFork(t *testing.T) {
	tr := run(t, "parallel-fork", 1)
	desk, mobile := only(t, tr, "proxy", "bob", "INVITE"), only(t, tr, "proxy", "bob-mobile", "INVITE")
	if desk.At != mobile.At || branch(t, desk) == branch(t, mobile) {
		t.Errorf("INVITEs at %v and %v on branches %s and %s: want both at once, on different branches (§16.6)",
			desk.At, mobile.At, branch(t, desk), branch(t, mobile))
	}
	won := matching(tr, "bob-mobile", "proxy", "200")[0] // the INVITE's; then the BYE's
	cancel := checkProxyCancel(t, tr, "bob")
	if cancel.At < won.Arrive || cancel.Cause != won.Seq {
		t.Errorf("CANCEL at %v caused by #%d, want after the mobile's 200 (#%d, %v) and caused by it", cancel.At, cancel.Cause, won.Seq, won.Arrive)
	}
	if n := len(matching(tr, "proxy", "bob-mobile", "CANCEL")); n != 0 {
		t.Errorf("the answered branch was cancelled %d time(s)", n)
	}
	if evs := matching(tr, "proxy", "alice", "487"); len(evs) != 0 {
		t.Errorf("the cancelled branch's 487 reached alice:\n%s", flow(tr))
	}
}

// contactQs lists the q of each Contact of a message.
func contactQs(t *testing.T, e sim.Event) []string {
	t.Helper()
	list, _, err := parse(t, e).Contacts()
	if err != nil {
		t.Fatal(err)
	}
	var qs []string
	for _, c := range list {
		q, _ := c.Params.Get("q")
		qs = append(qs, c.URI.Host+" q="+q)
	}
	return qs
}

// TestSequentialFork: the registrar keeps each device's q and lists the
// bindings best q first, though the devices registered in another order;
// the proxy tries the devices one at a time in q order, each after the
// previous branch ended, and cancels the one that rings too long after
// the lesson's branch_timeout.
func TestSequentialFork(t *testing.T) {
	tr := run(t, "sequential-fork", 1)
	want := []string{"client.biloxi.example.com q=1.0", "laptop.biloxi.example.com q=0.8", "home.biloxi.example.com q=0.6", "mobile.biloxi.example.com q=0.4"}
	if got := contactQs(t, only(t, tr, "registrar", "bob-laptop", "200")); !slices.Equal(got, want) {
		t.Errorf("the last 200 to REGISTER lists %q, want %q (§10.2.1.2, §10.3 step 8)", got, want)
	}
	if got := contactQs(t, only(t, tr, "bob-laptop", "registrar", "REGISTER")); !slices.Equal(got, want[1:2]) {
		t.Errorf("the laptop's REGISTER has Contact %q, want %q", got, want[1:2])
	}
	order := []string{"bob", "bob-laptop", "bob-home", "bob-mobile"}
	if got := invitesFromProxy(tr); !slices.Equal(got, order) {
		t.Fatalf("the proxy tried %v, want %v: highest q first, one at a time (§16.6)", got, order)
	}
	// Each try starts when the previous branch's final response arrives.
	for i, end := range []struct{ from, code string }{{"bob", "487"}, {"bob-laptop", "480"}, {"bob-home", "486"}} {
		failed := only(t, tr, end.from, "proxy", end.code)
		next := only(t, tr, "proxy", order[i+1], "INVITE")
		if next.At != failed.Arrive {
			t.Errorf("INVITE to %s at %v, want when %s's %s arrived (%v)", order[i+1], next.At, end.from, end.code, failed.Arrive)
		}
	}
	cancel := checkProxyCancel(t, tr, "bob")
	if desk := only(t, tr, "proxy", "bob", "INVITE"); cancel.At != desk.At+6*time.Second {
		t.Errorf("CANCEL at %v, want branch_timeout (6s) after the INVITE (%v)", cancel.At, desk.At)
	}
	for _, code := range []string{"480", "486", "487"} {
		if evs := matching(tr, "proxy", "alice", code); len(evs) != 0 {
			t.Errorf("a failed branch's %s reached alice (§16.7 step 6)", code)
		}
	}
	answered(t, tr)
}

// TestForwardBusy: the desk phone's 486 is ACKed and kept; the INVITE goes
// on to the mobile, and alice sees neither the 486 nor a CANCEL.
func TestForwardBusy(t *testing.T) {
	tr := run(t, "forward-busy", 1)
	if got, want := invitesFromProxy(tr), []string{"bob", "bob-mobile"}; !slices.Equal(got, want) {
		t.Fatalf("the proxy tried %v, want %v", got, want)
	}
	busy, next := only(t, tr, "bob", "proxy", "486"), only(t, tr, "proxy", "bob-mobile", "INVITE")
	if next.At != busy.Arrive {
		t.Errorf("INVITE to the mobile at %v, want when the 486 arrived (%v)", next.At, busy.Arrive)
	}
	if b := branch(t, only(t, tr, "proxy", "bob", "ACK")); b != branch(t, only(t, tr, "proxy", "bob", "INVITE")) {
		t.Errorf("ACK of the 486 on branch %s, want the INVITE's (§17.1.1.3)", b)
	}
	if len(matching(tr, "proxy", "alice", "486"))+len(matching(tr, "proxy", "bob", "CANCEL")) != 0 {
		t.Errorf("a 486 to alice or a CANCEL to bob:\n%s", flow(tr))
	}
	// Every INVITE the proxy sent is alice's: the same Call-ID, From and CSeq.
	alice := parse(t, only(t, tr, "alice", "proxy", "INVITE"))
	for _, to := range []string{"bob", "bob-mobile"} {
		inv := parse(t, only(t, tr, "proxy", to, "INVITE"))
		for _, h := range []string{"Call-ID", "From", "CSeq"} {
			if inv.Get(h) != alice.Get(h) {
				t.Errorf("INVITE to %s: %s %q, want alice's %q (§16.6 step 1)", to, h, inv.Get(h), alice.Get(h))
			}
		}
	}
}

// TestForwardNoAnswer: the desk phone rings for branch_timeout; the proxy
// cancels it with a timer event as the cause, and tries the mobile when
// the 487 comes.
func TestForwardNoAnswer(t *testing.T) {
	tr := run(t, "forward-no-answer", 1)
	cancel := checkProxyCancel(t, tr, "bob")
	desk := only(t, tr, "proxy", "bob", "INVITE")
	if cancel.At != desk.At+6*time.Second {
		t.Errorf("CANCEL at %v, want 6s after the INVITE (%v)", cancel.At, desk.At)
	}
	if c := tr.Events[cancel.Cause-1]; c.Type != sim.EventTimer || c.Node != "proxy" {
		t.Errorf("the CANCEL's cause is %+v, want the proxy's no-answer timer", c)
	}
	if next, ended := only(t, tr, "proxy", "bob-mobile", "INVITE"), only(t, tr, "bob", "proxy", "487"); next.At != ended.Arrive {
		t.Errorf("INVITE to the mobile at %v, want when the 487 arrived (%v)", next.At, ended.Arrive)
	}
	answered(t, tr)
}

// TestSequentialSearchStops: a caller's CANCEL, or a 6xx, ends a
// sequential search: no other target is tried, and the caller gets the
// final response (487, or the 6xx).
func TestSequentialSearchStops(t *testing.T) {
	t.Run("caller cancels", func(t *testing.T) {
		l := fork(t, "sequential-fork")
		for i := range l.Script {
			if l.Script[i].Do == "call" {
				l.Script[i].CancelAfter = 3 * time.Second // the desk phone is still ringing
			}
		}
		tr, err := Run(l, RunOptions{Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		if got := invitesFromProxy(tr); !slices.Equal(got, []string{"bob"}) {
			t.Errorf("the proxy tried %v after alice's CANCEL, want only bob:\n%s", got, flow(tr))
		}
		only(t, tr, "proxy", "alice", "487")
	})
	t.Run("6xx", func(t *testing.T) {
		tr, err := Run(fork(t, "sequential-fork"), RunOptions{Seed: 1, Faults: faults(t, "respond:bob-laptop=603")})
		if err != nil {
			t.Fatal(err)
		}
		if got := invitesFromProxy(tr); !slices.Equal(got, []string{"bob", "bob-laptop"}) {
			t.Errorf("the proxy tried %v after a 603, want bob and bob-laptop only (§16.7 step 5):\n%s", got, flow(tr))
		}
		only(t, tr, "proxy", "alice", "603")
	})
}

// fork is a copy of a built-in lesson whose script a test may change.
func fork(t *testing.T, id string) *Lesson {
	t.Helper()
	base, err := Find(id)
	if err != nil {
		t.Fatal(err)
	}
	l := *base
	l.Script = slices.Clone(base.Script)
	if !strings.Contains(l.Nodes[1].Name, "proxy") || !l.Nodes[1].Sequential {
		t.Fatalf("%s: nodes[2] is not a sequential proxy", id)
	}
	return &l
}

// answered: alice's INVITE got its 200 through the proxy.
func answered(t *testing.T, tr *sim.Trace) {
	t.Helper()
	for _, e := range matching(tr, "proxy", "alice", "200") {
		if c, _ := parse(t, e).CSeq(); c.Method == sip.INVITE {
			return
		}
	}
	t.Errorf("no 200 to alice's INVITE:\n%s", flow(tr))
}
