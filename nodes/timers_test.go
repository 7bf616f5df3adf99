package nodes

import (
	"strings"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// The timers of RFC 3261 §17 (Table 4), at the exact virtual times the
// trace records them: T1 = 500 ms, T2 = 4 s, T4 = 5 s, and a 10 ms link.

// times turns milliseconds into virtual times.
func times(ms ...int) []time.Duration {
	out := make([]time.Duration, len(ms))
	for i, n := range ms {
		out[i] = msec(n)
	}
	return out
}

func TestTimerValues(t *testing.T) {
	// §17.1.1.1 and Table 4.
	if T1 != 500*time.Millisecond || T2 != 4*time.Second || T4 != 5*time.Second {
		t.Errorf("T1, T2, T4 = %v, %v, %v; want 500ms, 4s, 5s", T1, T2, T4)
	}
}

// §17.1.1.2: over UDP Timer A retransmits the INVITE at T1, then doubles
// without a cap; Timer B ends the transaction at 64·T1 in any case.
func TestInviteClientTimersAB(t *testing.T) {
	for _, tc := range []struct {
		name    string
		tr      sim.Transport
		retrans []time.Duration
	}{
		{"UDP", sim.UDP, times(500, 1500, 3500, 7500, 15500, 31500)},
		{"TCP", sim.TCP, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newTxHarness(t, tc.tr)
			h.drop(msgMatch{from: "bob"}, -1) // no response ever reaches alice
			req := h.request(sip.INVITE)
			tx := h.start(req)
			h.run()

			sent := h.messages(msgMatch{from: "alice", method: sip.INVITE})
			if len(sent) == 0 || sent[0].At != 0 || sent[0].Retransmission {
				t.Fatalf("first INVITE: %v", sent)
			}
			assertTimes(t, "INVITE retransmissions", eventTimes(sent[1:]), tc.retrans)
			for _, e := range sent[1:] {
				if !e.Retransmission || e.Raw != sent[0].Raw {
					t.Errorf("#%d: retransmission %v, same bytes %v; want a verbatim retransmission",
						e.Seq, e.Retransmission, e.Raw == sent[0].Raw)
				}
			}
			assertTimes(t, "Timer A", h.timerFired("alice", "A"), tc.retrans)
			assertTimes(t, "Timer B", h.timerFired("alice", "B"), times(32000))
			assertTimes(t, "OnTimeout", callTimes(h.timeouts), times(32000))
			if len(h.timeouts) == 1 && h.timeouts[0].client != tx {
				t.Error("OnTimeout called for another transaction")
			}
			if len(h.responses) != 0 {
				t.Errorf("TU got %d responses, want none", len(h.responses))
			}
			if tx.State != Terminated {
				t.Errorf("state %v, want Terminated", tx.State)
			}
			if at, ok := h.enteredAt("alice", tx.Branch, Terminated); !ok || at != 64*T1 {
				t.Errorf("Terminated at %v (%v), want 32s", at, ok)
			}
			if len(h.alice.clients) != 0 {
				t.Errorf("%d client transactions left", len(h.alice.clients))
			}
		})
	}
}

// §17.1.1.2: a provisional response moves the transaction to Proceeding,
// where it no longer retransmits, and Timer B no longer applies.
func TestInviteClientProvisionalStopsTimers(t *testing.T) {
	for _, tc := range []struct {
		name    string
		ring    time.Duration // bob's TU sends 180 this long after the INVITE arrives
		retrans []time.Duration
	}{
		{"at once", 0, nil},
		{"after 1s", msec(990), times(500)},
		{"after 5s", msec(4990), times(500, 1500, 3500)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newTxHarness(t, sim.UDP)
			h.drop(msgMatch{from: "bob", code: sip.StatusTrying}, -1)
			h.answer([]int{sip.StatusRinging}, []time.Duration{tc.ring})
			tx := h.start(h.request(sip.INVITE))
			h.run()

			sent := h.messages(msgMatch{from: "alice", method: sip.INVITE})
			assertTimes(t, "INVITE retransmissions", eventTimes(sent[1:]), tc.retrans)
			arrive := tc.ring + 2*txLatency
			assertTimes(t, "180 passed up", callTimes(h.responses), []time.Duration{arrive})
			if at, ok := h.enteredAt("alice", tx.Branch, Proceeding); !ok || at != arrive {
				t.Errorf("Proceeding at %v (%v), want %v", at, ok, arrive)
			}
			if got := h.timerFired("alice", "B"); len(got) != 0 || len(h.timeouts) != 0 {
				t.Errorf("Timer B fired at %v, OnTimeout %d times; want neither in Proceeding", got, len(h.timeouts))
			}
			if tx.State != Proceeding {
				t.Errorf("state %v, want Proceeding", tx.State)
			}
		})
	}
}

// §17.1.1.2: Timer D absorbs retransmitted final responses for 32 s over
// UDP, and is zero over TCP.
func TestInviteClientTimerD(t *testing.T) {
	for _, tc := range []struct {
		name string
		tr   sim.Transport
		wait time.Duration
	}{
		{"UDP", sim.UDP, 32 * time.Second},
		{"TCP", sim.TCP, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newTxHarness(t, tc.tr)
			h.answer([]int{sip.StatusBusyHere}, []time.Duration{0})
			tx := h.start(h.request(sip.INVITE))
			h.run()

			final := h.messages(msgMatch{from: "bob", code: sip.StatusBusyHere})
			if len(final) != 1 {
				t.Fatalf("bob sent %d 486s, want 1", len(final))
			}
			arrive := final[0].Arrive
			if at, ok := h.enteredAt("alice", tx.Branch, Completed); !ok || at != arrive {
				t.Errorf("Completed at %v (%v), want %v", at, ok, arrive)
			}
			assertTimes(t, "Timer D", h.timerFired("alice", "D"), []time.Duration{arrive + tc.wait})
			if at, ok := h.enteredAt("alice", tx.Branch, Terminated); !ok || at != arrive+tc.wait {
				t.Errorf("Terminated at %v (%v), want %v", at, ok, arrive+tc.wait)
			}
			if len(h.timeouts) != 0 || len(h.timerFired("alice", "B")) != 0 {
				t.Error("Timer B fired after a final response")
			}
		})
	}
}

// §17.1.2.2: Timer E retransmits a non-INVITE request at T1, doubling up
// to T2; Timer F ends the transaction at 64·T1.
func TestNonInviteClientTimersEF(t *testing.T) {
	for _, tc := range []struct {
		name    string
		tr      sim.Transport
		retrans []time.Duration
	}{
		{"UDP", sim.UDP, times(500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500)},
		{"TCP", sim.TCP, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newTxHarness(t, tc.tr)
			h.drop(msgMatch{from: "bob"}, -1)
			tx := h.start(h.request(sip.OPTIONS))
			h.run()

			sent := h.messages(msgMatch{from: "alice", method: sip.OPTIONS})
			assertTimes(t, "OPTIONS retransmissions", eventTimes(sent[1:]), tc.retrans)
			assertTimes(t, "Timer E", h.timerFired("alice", "E"), tc.retrans)
			assertTimes(t, "Timer F", h.timerFired("alice", "F"), times(32000))
			assertTimes(t, "OnTimeout", callTimes(h.timeouts), times(32000))
			if tx.State != Terminated || len(h.alice.clients) != 0 {
				t.Errorf("state %v with %d client transactions left, want Terminated and none", tx.State, len(h.alice.clients))
			}
		})
	}
}

// §17.1.2.2: in Proceeding, Timer E fires every T2; Timer F still runs.
func TestNonInviteClientProceedingRetransmitsEveryT2(t *testing.T) {
	for _, tc := range []struct {
		name    string
		trying  time.Duration // bob's TU sends 100 this long after the request arrives
		retrans []time.Duration
	}{
		// The 100 arrives at 20 ms: Timer E, already set for 500 ms,
		// fires in Proceeding and is reset to T2 from then on.
		{"100 before the first retransmission", 0,
			times(500, 4500, 8500, 12500, 16500, 20500, 24500, 28500)},
		// The 100 arrives at 730 ms, between the retransmissions at 500
		// ms (Trying: next in 2·T1) and 1.5 s (Proceeding: next in T2).
		{"100 after the first retransmission", msec(710),
			times(500, 1500, 5500, 9500, 13500, 17500, 21500, 25500, 29500)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newTxHarness(t, sim.UDP)
			h.answer([]int{sip.StatusTrying}, []time.Duration{tc.trying})
			tx := h.start(h.request(sip.MESSAGE))
			h.run()

			sent := h.messages(msgMatch{from: "alice", method: sip.MESSAGE})
			assertTimes(t, "MESSAGE retransmissions", eventTimes(sent[1:]), tc.retrans)
			assertTimes(t, "Timer F", h.timerFired("alice", "F"), times(32000))
			assertTimes(t, "OnTimeout", callTimes(h.timeouts), times(32000))
			if at, ok := h.enteredAt("alice", tx.Branch, Proceeding); !ok || at != tc.trying+2*txLatency {
				t.Errorf("Proceeding at %v (%v), want %v", at, ok, tc.trying+2*txLatency)
			}
			// Bob's transaction answers each retransmission that finds it
			// in Proceeding with the 100 again (§17.2.2), and alice's
			// passes every provisional response up.
			want := []time.Duration{tc.trying + 2*txLatency}
			for _, at := range tc.retrans {
				if at > tc.trying+txLatency {
					want = append(want, at+2*txLatency)
				}
			}
			assertTimes(t, "100s passed up", callTimes(h.responses), want)
		})
	}
}

// §17.1.2.2: Timer K absorbs retransmitted responses for T4 over UDP, and
// is zero over TCP.
func TestNonInviteClientTimerK(t *testing.T) {
	for _, tc := range []struct {
		name string
		tr   sim.Transport
		wait time.Duration
	}{
		{"UDP", sim.UDP, 5 * time.Second},
		{"TCP", sim.TCP, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newTxHarness(t, tc.tr)
			h.answer([]int{sip.StatusOK}, []time.Duration{0})
			tx := h.start(h.request(sip.OPTIONS))
			h.run()

			arrive := 2 * txLatency
			assertTimes(t, "200 passed up", callTimes(h.responses), []time.Duration{arrive})
			if at, ok := h.enteredAt("alice", tx.Branch, Completed); !ok || at != arrive {
				t.Errorf("Completed at %v (%v), want %v", at, ok, arrive)
			}
			assertTimes(t, "Timer K", h.timerFired("alice", "K"), []time.Duration{arrive + tc.wait})
			if at, ok := h.enteredAt("alice", tx.Branch, Terminated); !ok || at != arrive+tc.wait {
				t.Errorf("Terminated at %v (%v), want %v", at, ok, arrive+tc.wait)
			}
			if n := len(h.messages(msgMatch{from: "alice"})); n != 1 {
				t.Errorf("alice sent %d messages, want the request only", n)
			}
		})
	}
}

// §17.2.1: while no ACK comes, Timer G retransmits a non-2xx final response
// at T1, 2·T1, 4·T1… capped at T2 (over UDP only), and Timer H gives up at
// 64·T1 and tells the TU.
func TestInviteServerTimersGH(t *testing.T) {
	for _, tc := range []struct {
		name    string
		tr      sim.Transport
		retrans []time.Duration // after the final response
	}{
		{"UDP", sim.UDP, times(500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500)},
		{"TCP", sim.TCP, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newTxHarness(t, tc.tr)
			h.drop(msgMatch{from: "alice", method: sip.ACK}, -1)
			var stx *ServerTx
			var timeouts []time.Duration
			h.bobTU.onRequest = func(in *Incoming, tx *ServerTx) {
				stx = tx
				tx.OnTimeout = func(*ServerTx) { timeouts = append(timeouts, h.s.Now()) }
				tx.OnACK = func(*ServerTx, *Incoming) { t.Error("OnACK called, but every ACK was lost") }
				h.respond(tx, sip.StatusDecline, 0)
			}
			h.start(h.request(sip.INVITE))
			h.run()

			finals := h.messages(msgMatch{from: "bob", code: sip.StatusDecline})
			if len(finals) == 0 {
				t.Fatal("bob sent no 603")
			}
			sentAt := finals[0].At
			if sentAt != txLatency {
				t.Errorf("603 sent at %v, want %v", sentAt, txLatency)
			}
			want := shift(tc.retrans, sentAt)
			assertTimes(t, "603 retransmissions", eventTimes(finals[1:]), want)
			for _, e := range finals[1:] {
				if !e.Retransmission || e.Raw != finals[0].Raw {
					t.Errorf("#%d is not a verbatim retransmission", e.Seq)
				}
			}
			assertTimes(t, "Timer G", h.timerFired("bob", "G"), want)
			assertTimes(t, "Timer H", h.timerFired("bob", "H"), []time.Duration{sentAt + 64*T1})
			assertTimes(t, "OnTimeout", timeouts, []time.Duration{sentAt + 64*T1})
			if stx.State != Terminated || len(h.bob.servers) != 0 {
				t.Errorf("state %v with %d server transactions left, want Terminated and none", stx.State, len(h.bob.servers))
			}
		})
	}
}

// §17.2.1: the ACK moves the transaction to Confirmed, stops Timers G and
// H, and Timer I absorbs further ACKs for T4 over UDP (zero over TCP).
func TestInviteServerACKStopsGAndStartsI(t *testing.T) {
	for _, tc := range []struct {
		name      string
		tr        sim.Transport
		lostACKs  int
		retrans   []time.Duration // of the 486
		confirmed time.Duration
		timerI    time.Duration
	}{
		{"UDP, first ACK arrives", sim.UDP, 0, nil, msec(30), msec(5030)},
		{"UDP, one ACK lost", sim.UDP, 1, times(510), msec(530), msec(5530)},
		{"UDP, two ACKs lost", sim.UDP, 2, times(510, 1510), msec(1530), msec(6530)},
		{"TCP", sim.TCP, 0, nil, msec(30), msec(30)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newTxHarness(t, tc.tr)
			h.drop(msgMatch{from: "alice", method: sip.ACK}, tc.lostACKs)
			var stx *ServerTx
			var acks []time.Duration
			h.bobTU.onRequest = func(in *Incoming, tx *ServerTx) {
				if tx == nil {
					t.Errorf("bob's TU got %s without a transaction", in.Msg.Method)
					return
				}
				stx = tx
				tx.OnACK = func(*ServerTx, *Incoming) { acks = append(acks, h.s.Now()) }
				tx.OnTimeout = func(*ServerTx) { t.Error("Timer H fired after the ACK") }
				h.respond(tx, sip.StatusBusyHere, 0)
			}
			h.start(h.request(sip.INVITE))
			h.run()

			finals := h.messages(msgMatch{from: "bob", code: sip.StatusBusyHere})
			assertTimes(t, "486 retransmissions", eventTimes(finals[1:]), tc.retrans)
			assertTimes(t, "OnACK", acks, []time.Duration{tc.confirmed})
			if at, ok := h.enteredAt("bob", stx.Branch, Confirmed); !ok || at != tc.confirmed {
				t.Errorf("Confirmed at %v (%v), want %v", at, ok, tc.confirmed)
			}
			assertTimes(t, "Timer I", h.timerFired("bob", "I"), []time.Duration{tc.timerI})
			if at, ok := h.enteredAt("bob", stx.Branch, Terminated); !ok || at != tc.timerI {
				t.Errorf("Terminated at %v (%v), want %v", at, ok, tc.timerI)
			}
			if got := h.timerFired("bob", "H"); len(got) != 0 {
				t.Errorf("Timer H fired at %v", got)
			}
			if n := len(h.bobTU.requests); n != 1 {
				t.Errorf("bob's TU got %d requests, want the INVITE only (the ACK stays in the transaction)", n)
			}
		})
	}
}

// §17.2.1: the INVITE server transaction sends 100 Trying itself when its TU
// has sent no provisional response within 200 ms, and only then.
func TestInviteServerAuto100(t *testing.T) {
	type sent struct {
		code int
		at   time.Duration
	}
	for _, tc := range []struct {
		name  string
		codes []int
		after []time.Duration
		want  []sent
	}{
		{"TU silent", nil, nil, []sent{{100, msec(210)}}},
		{"TU rings at once", []int{180}, times(0), []sent{{180, msec(10)}}},
		{"TU rings within 200 ms", []int{180}, times(100), []sent{{180, msec(110)}}},
		{"TU refuses within 200 ms", []int{486}, times(150), []sent{{486, msec(160)}}},
		{"TU rings after 200 ms", []int{180}, times(300), []sent{{100, msec(210)}, {180, msec(310)}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newTxHarness(t, sim.UDP)
			h.answer(tc.codes, tc.after)
			h.start(h.request(sip.INVITE))
			h.run()

			var got []sent
			for _, e := range h.messages(msgMatch{from: "bob", responses: true}) {
				got = append(got, sent{h.parsed(e).StatusCode, e.At})
			}
			if len(got) != len(tc.want) {
				t.Fatalf("bob sent %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("bob sent %v, want %v", got, tc.want)
					break
				}
			}
			if got[0].code != sip.StatusTrying {
				return
			}
			trying := h.messages(msgMatch{from: "bob", code: sip.StatusTrying})[0]
			invite := h.messages(msgMatch{from: "alice", method: sip.INVITE})[0]
			if trying.Cause != invite.Seq || trying.Retransmission {
				t.Errorf("100 Trying: cause #%d, retransmission %v; want cause #%d (the INVITE), not a retransmission",
					trying.Cause, trying.Retransmission, invite.Seq)
			}
			if to, err := h.parsed(trying).To(); err != nil || to.Tag() != "" {
				t.Errorf("100 Trying To %v (%v): the transaction has no tag to add", to, err)
			}
		})
	}
}

// §17.2.2: Timer J absorbs retransmitted requests for 64·T1 over UDP, and
// is zero over TCP.
func TestNonInviteServerTimerJ(t *testing.T) {
	for _, tc := range []struct {
		name string
		tr   sim.Transport
		wait time.Duration
	}{
		{"UDP", sim.UDP, 32 * time.Second},
		{"TCP", sim.TCP, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newTxHarness(t, tc.tr)
			h.answer([]int{sip.StatusOK}, []time.Duration{0})
			h.start(h.request(sip.OPTIONS))
			h.run()

			if len(h.bobTU.requests) != 1 || h.bobTU.requests[0].server == nil {
				t.Fatalf("bob's TU got %d requests, want 1 with a transaction", len(h.bobTU.requests))
			}
			stx := h.bobTU.requests[0].server
			if at, ok := h.enteredAt("bob", stx.Branch, Completed); !ok || at != txLatency {
				t.Errorf("Completed at %v (%v), want %v", at, ok, txLatency)
			}
			assertTimes(t, "Timer J", h.timerFired("bob", "J"), []time.Duration{txLatency + tc.wait})
			if at, ok := h.enteredAt("bob", stx.Branch, Terminated); !ok || at != txLatency+tc.wait {
				t.Errorf("Terminated at %v (%v), want %v", at, ok, txLatency+tc.wait)
			}
			if stx.State != Terminated || len(h.bob.servers) != 0 {
				t.Errorf("state %v with %d server transactions left", stx.State, len(h.bob.servers))
			}
		})
	}
}

// §18.1.1 and §17.1.2.2: a request too large for UDP goes over TCP, and so
// its transaction is a reliable one: no Timer E; Timer F still at 64·T1,
// Timer K zero. Bob's transaction, created by a request that came over TCP,
// has Timer J zero.
func TestLargeRequestTransactionIsReliable(t *testing.T) {
	for _, tc := range []struct {
		name   string
		answer bool
	}{
		{"no answer", false},
		{"answered", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newTxHarness(t, sim.UDP)
			if tc.answer {
				h.answer([]int{sip.StatusOK}, times(0))
			} else {
				h.drop(msgMatch{from: "bob"}, -1)
			}
			req := h.request(sip.MESSAGE)
			req.Add("Content-Type", "text/plain")
			req.Body = []byte(strings.Repeat("x", MaxUDPSize))
			tx := h.start(req)
			h.run()

			sent := h.messages(msgMatch{from: "alice", method: sip.MESSAGE})
			if len(sent) != 1 || sent[0].Transport != "TCP" || tx.Transport != sim.TCP {
				t.Fatalf("MESSAGE sent %d times, over %v (tx %v); want once over TCP", len(sent), eventTransports(sent), tx.Transport)
			}
			if v, _ := h.parsed(sent[0]).TopVia(); v.Transport != "TCP" {
				t.Errorf("Via transport %s, want TCP", v.Transport)
			}
			if got := h.timerFired("alice", "E"); len(got) != 0 {
				t.Errorf("Timer E fired at %v over TCP", got)
			}
			if !tc.answer {
				assertTimes(t, "Timer F", h.timerFired("alice", "F"), times(32000))
				return
			}
			assertTimes(t, "Timer K", h.timerFired("alice", "K"), times(20))
			assertTimes(t, "Timer J", h.timerFired("bob", "J"), times(10))
		})
	}
}

func eventTransports(evs []sim.Event) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.Transport)
	}
	return out
}
