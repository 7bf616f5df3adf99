package nodes

import (
	"net/netip"
	"slices"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// CANCEL (RFC 3261 §9.1, §16.10): a CANCEL may only follow a provisional
// response. Asked for before one, it waits on the INVITE client
// transaction and goes when the first 1xx arrives; if a final response
// comes first, it is never sent. A 2xx that crosses the CANCEL still
// establishes the call, and the caller, who wanted to give up, ends it with
// BYE (§15).

// ---- the transaction: ClientTx.CancelInvite ----

// cancelTx asks tx for its CANCEL, recording the responses to it.
func (h *txHarness) cancelTx(tx *ClientTx, got *[]int) {
	tx.CancelInvite(Out{}, func(_ *ClientTx, in *Incoming) {
		*got = append(*got, in.Msg.StatusCode)
	}, nil)
}

// §9.1: asked for in Calling, the CANCEL waits for the first provisional
// response (here the 100 bob's transaction sends by itself after 200 ms,
// §17.2.1) and goes when it arrives, caused by it: one Via equal to the
// INVITE's, the same Request-URI, Call-ID, From, To and CSeq number.
func TestInviteClientCancelWaitsForProvisional(t *testing.T) {
	h := newTxHarness(t, sim.UDP)
	var cancelled []int
	h.bobTU.onRequest = func(in *Incoming, tx *ServerTx) {
		if in.Msg.Method == sip.CANCEL {
			h.respond(tx, sip.StatusOK, 0)
		}
	}
	req := h.request(sip.INVITE)
	tx := h.start(req)
	h.s.After(msec(50), func() { h.cancelTx(tx, &cancelled) })
	h.run()

	trying := h.messages(msgMatch{from: "bob", code: sip.StatusTrying})
	cancels := h.messages(msgMatch{from: "alice", method: sip.CANCEL})
	if len(trying) == 0 || len(cancels) != 1 {
		t.Fatalf("%d 100s and %d CANCELs, want a 100 and one CANCEL", len(trying), len(cancels))
	}
	if c := cancels[0]; c.At != trying[0].Arrive || c.Cause != trying[0].Seq {
		t.Errorf("CANCEL at %v caused by #%d, want at %v (the 100 arrives) caused by #%d", c.At, c.Cause, trying[0].Arrive, trying[0].Seq)
	}
	cancel := h.parsed(cancels[0])
	top, _ := req.TopVia()
	cv, _ := cancel.TopVia()
	cseq, _ := cancel.CSeq()
	if len(cancel.Values("Via")) != 1 || cv.String() != top.String() || cancel.RequestURI != req.RequestURI ||
		cancel.CallID() != req.CallID() || cancel.Get("From") != req.Get("From") || cancel.Get("To") != req.Get("To") ||
		cseq.Seq != h.cseq || cseq.Method != sip.CANCEL {
		t.Errorf("CANCEL does not copy the INVITE (§9.1):\n%s", cancels[0].Raw)
	}
	if !slices.Equal(cancelled, []int{sip.StatusOK}) {
		t.Errorf("the CANCEL's transaction passed up %v, want [200]", cancelled)
	}
}

// §9.1: a final response before any provisional one: the CANCEL that
// waited is never sent; the non-2xx is ACKed as usual, the 2xx passed up.
func TestInviteClientCancelDroppedByFinal(t *testing.T) {
	for _, code := range []int{sip.StatusOK, 486} {
		t.Run(sip.StatusText(code), func(t *testing.T) {
			h := newTxHarness(t, sim.UDP)
			h.answer([]int{code}, times(100))
			tx := h.start(h.request(sip.INVITE))
			var cancelled []int
			h.s.After(msec(50), func() { h.cancelTx(tx, &cancelled) })
			h.run()

			if n := len(h.messages(msgMatch{method: sip.CANCEL})); n != 0 {
				t.Errorf("%d CANCELs sent after a final response came first, want none", n)
			}
			if len(h.responses) != 1 || h.responses[0].in.Msg.StatusCode != code {
				t.Errorf("TU got %d responses, want the %d", len(h.responses), code)
			}
			if acks := h.messages(msgMatch{from: "alice", method: sip.ACK}); (code >= 300) != (len(acks) == 1) {
				t.Errorf("%d ACKs from the transaction for a %d", len(acks), code)
			}
		})
	}
}

// §9.1: in Proceeding the CANCEL goes at once, and asking twice sends it
// once.
func TestInviteClientCancelInProceedingOnce(t *testing.T) {
	h := newTxHarness(t, sim.UDP)
	h.bobTU.onRequest = func(in *Incoming, tx *ServerTx) {
		switch in.Msg.Method {
		case sip.INVITE:
			h.respond(tx, sip.StatusRinging, 0)
		case sip.CANCEL:
			// §9.2: 200 for the CANCEL, 487 for the INVITE it matches.
			v, _ := in.Msg.TopVia()
			h.respond(tx, sip.StatusOK, 0)
			h.respond(h.bob.ServerInvite(v.Branch(), v.SentBy()), 487, 0)
		}
	}
	tx := h.start(h.request(sip.INVITE))
	var cancelled []int
	h.s.After(msec(100), func() { h.cancelTx(tx, &cancelled) })
	h.s.After(msec(150), func() { h.cancelTx(tx, &cancelled) })
	h.run()

	cancels := h.messages(msgMatch{from: "alice", method: sip.CANCEL})
	if len(cancels) != 1 || cancels[0].At != msec(100) || cancels[0].Cause != 0 {
		t.Errorf("CANCELs at %v, want one at 100ms, with the TU's cause", eventTimes(cancels))
	}
	if !slices.Equal(cancelled, []int{sip.StatusOK}) || len(h.messages(msgMatch{from: "alice", method: sip.ACK})) != 1 {
		t.Errorf("the CANCEL got %v and the 487 %d ACKs; want [200] and 1", cancelled, len(h.messages(msgMatch{from: "alice", method: sip.ACK})))
	}
}

// §9.1: once the INVITE has its final response, a CANCEL would change
// nothing and is not sent.
func TestInviteClientNoCancelAfterFinal(t *testing.T) {
	h := newTxHarness(t, sim.UDP)
	h.answer([]int{486}, times(0))
	tx := h.start(h.request(sip.INVITE))
	var cancelled []int
	h.s.After(msec(100), func() { h.cancelTx(tx, &cancelled) })
	h.run()

	if n := len(h.messages(msgMatch{method: sip.CANCEL})); n != 0 {
		t.Errorf("%d CANCELs after the final response, want none", n)
	}
}

// ---- the cores: a UA calling bob directly, or through a proxy ----

// callHarness is the transaction harness with real cores: alice and bob
// are UAs, and proxy, when asked for, is a record-routing stateful proxy
// for biloxi.example.com that knows where bob is.
type callHarness struct {
	*txHarness
	aliceUA, bobUA *UA
	proxy          *Proxy
}

var bobAOR = sip.URI{Scheme: "sip", User: "bob", Host: "biloxi.example.com"}

func newCallHarness(t *testing.T, withProxy bool) *callHarness {
	t.Helper()
	h := &callHarness{txHarness: newTxHarness(t, sim.UDP)}
	h.aliceUA = NewUA(h.alice, "alice", "Alice", sip.URI{Scheme: "sip", User: "alice", Host: "atlanta.example.com"})
	h.bobUA = NewUA(h.bob, "bob", "Bob", bobAOR)
	h.bobUA.NoAnswer = true
	if withProxy {
		el := NewElement(h.s, "proxy", sim.KindProxy, "proxy.biloxi.example.com", "biloxi.example.com",
			netip.MustParseAddrPort("192.0.2.30:5060"))
		loc := NewLocation(h.s, "location", "192.0.2.40", "biloxi.example.com")
		loc.Provision(bobAOR.AddrOfRecord(), h.bobUA.Contact())
		h.proxy = NewProxy(el, loc, true)
		h.aliceUA.Outbound = el.LooseRoute()
	}
	return h
}

// call makes alice call bob (through the proxy, if there is one), and give
// up with CANCEL after cancelAfter.
func (h *callHarness) call(cancelAfter time.Duration) *Call {
	target := bobAOR
	if h.proxy == nil {
		target = h.bobUA.Contact().URI
	}
	return h.aliceUA.Call(target, CallOptions{CancelAfter: cancelAfter})
}

// hold delays every message that matches until at least virtual time
// until, as a slow or congested path would.
func (h *txHarness) hold(m msgMatch, until time.Duration) {
	h.s.Net.AddFilter(sim.FilterFunc(func(p *sim.Packet, ctx sim.FilterContext) sim.Verdict {
		msg, err := sip.Parse(p.Data)
		if err != nil || !m.matches(ctx.From.Name, ctx.To.Name, msg) || h.s.Now() >= until {
			return sim.Pass()
		}
		return sim.Delay(until-h.s.Now(), sim.Lit("test: held"))
	}))
}

// assertNoCall checks that the cancelled call left no session: no 2xx to
// the INVITE, and neither UA has an established call.
func (h *callHarness) assertNoCall(c *Call) {
	h.t.Helper()
	for _, e := range h.messages(msgMatch{code: sip.StatusOK}) {
		if cseq, _ := h.parsed(e).CSeq(); cseq.Method == sip.INVITE {
			h.t.Errorf("#%d %s>%s: the INVITE was answered 200", e.Seq, e.From, e.To)
		}
	}
	if c.Answered || !c.Ended {
		h.t.Errorf("alice's call: answered %v, ended %v; want unanswered and ended", c.Answered, c.Ended)
	}
	if n, m := len(h.aliceUA.established()), len(h.bobUA.established()); n+m != 0 {
		h.t.Errorf("established calls: alice %d, bob %d; want none", n, m)
	}
}

// assertHungUp checks that the call a 2xx established despite the CANCEL
// was ACKed and at once hung up by alice with BYE (§13.2.2.4, §15), which
// bob answered, so that no call is left.
func (h *callHarness) assertHungUp() {
	h.t.Helper()
	oks := h.messages(msgMatch{code: sip.StatusOK, to: "alice"})
	var ok *sim.Event
	for i, e := range oks {
		if cseq, _ := h.parsed(e).CSeq(); cseq.Method == sip.INVITE {
			ok = &oks[i]
			break
		}
	}
	if ok == nil {
		h.t.Fatal("no 2xx to the INVITE reached alice")
	}
	acks := h.messages(msgMatch{from: "alice", method: sip.ACK})
	byes := h.messages(msgMatch{from: "alice", method: sip.BYE})
	if len(acks) != 1 || acks[0].Cause != ok.Seq {
		h.t.Errorf("alice's ACKs %d, want one for the 2xx #%d", len(acks), ok.Seq)
	}
	if len(byes) != 1 || byes[0].Cause != ok.Seq || byes[0].At != ok.Arrive {
		h.t.Fatalf("alice's BYEs: %d, want one caused by the 2xx #%d at %v", len(byes), ok.Seq, ok.Arrive)
	}
	if got := byes[0].Reasons; len(got) != 1 || got[0].RFC != "RFC 3261 §15" {
		h.t.Errorf("BYE reasons %v, want one citing RFC 3261 §15", got)
	}
	if bobBYE := h.messages(msgMatch{to: "bob", method: sip.BYE}); len(bobBYE) != 1 {
		h.t.Errorf("%d BYEs reached bob, want 1", len(bobBYE))
	}
	if n, m := len(h.aliceUA.established()), len(h.bobUA.established()); n+m != 0 {
		h.t.Errorf("established calls after the BYE: alice %d, bob %d; want none", n, m)
	}
}

// §16.10, §9.1: alice cancels at 1 s; bob's 180 is held on the way until
// 2 s, so the proxy's branch has no provisional response when the CANCEL
// reaches it. The proxy answers the CANCEL 200 at once, and sends its own
// CANCEL when the 180 comes; bob answers 487, which goes back to alice.
// Bob would answer at 5 s: a CANCEL lost at the proxy would let the call
// be established.
func TestProxyCancelWaitsForBranchProvisional(t *testing.T) {
	h := newCallHarness(t, true)
	h.bobUA.NoAnswer, h.bobUA.RingFor = false, 5*time.Second
	h.hold(msgMatch{from: "bob", code: sip.StatusRinging}, 2*time.Second)
	c := h.call(time.Second)
	h.run()

	upstream := h.messages(msgMatch{from: "alice", method: sip.CANCEL})
	if len(upstream) != 1 || upstream[0].At != time.Second {
		t.Fatalf("alice's CANCELs at %v, want one at 1s", eventTimes(upstream))
	}
	okCancel := h.messages(msgMatch{from: "proxy", to: "alice", code: sip.StatusOK})
	if len(okCancel) == 0 || okCancel[0].Cause != upstream[0].Seq || okCancel[0].At != upstream[0].Arrive {
		t.Errorf("the proxy's 200 for the CANCEL: %v, want at once (§16.10)", eventTimes(okCancel))
	}
	ringing := h.messages(msgMatch{from: "bob", to: "proxy", code: sip.StatusRinging})
	downstream := h.messages(msgMatch{from: "proxy", to: "bob", method: sip.CANCEL})
	if len(ringing) == 0 || len(downstream) != 1 {
		t.Fatalf("%d 180s from bob and %d CANCELs from the proxy, want a 180 and one CANCEL", len(ringing), len(downstream))
	}
	if d := downstream[0]; d.At != ringing[0].Arrive || d.Cause != ringing[0].Seq {
		t.Errorf("the proxy's CANCEL at %v caused by #%d, want at %v caused by the 180 #%d (§9.1)", d.At, d.Cause, ringing[0].Arrive, ringing[0].Seq)
	}
	invites := h.messages(msgMatch{from: "proxy", to: "bob", method: sip.INVITE})
	iv, _ := h.parsed(invites[0]).TopVia()
	if cv, _ := h.parsed(downstream[0]).TopVia(); cv.Branch() != iv.Branch() {
		t.Errorf("the proxy's CANCEL has branch %s, its INVITE %s", cv.Branch(), iv.Branch())
	}
	for _, hop := range []msgMatch{{from: "bob", to: "proxy", code: 487}, {from: "proxy", to: "alice", code: 487},
		{from: "proxy", to: "bob", method: sip.ACK}, {from: "alice", to: "proxy", method: sip.ACK}} {
		if len(h.messages(hop)) == 0 {
			t.Errorf("no %+v: the INVITE must end with a 487, ACKed hop by hop", hop)
		}
	}
	h.assertNoCall(c)
}

// §9.1, §16.7: bob's provisional responses are all lost, so the branch is
// still Calling when bob's 200 arrives: the proxy's waiting CANCEL is never
// sent, and the 2xx is forwarded. alice, who cancelled, ACKs it and hangs
// up with BYE (§15).
func TestProxyCancelBranchFinalFirst(t *testing.T) {
	h := newCallHarness(t, true)
	h.bobUA.NoAnswer, h.bobUA.RingFor = false, 2*time.Second
	h.drop(msgMatch{from: "bob", code: sip.StatusRinging}, -1)
	h.call(time.Second)
	h.run()

	if n := len(h.messages(msgMatch{from: "proxy", method: sip.CANCEL})); n != 0 {
		t.Errorf("the proxy sent %d CANCELs to a branch that had a final response first, want none (§9.1)", n)
	}
	h.assertHungUp()
}

// §9.1: a UA cancelling before any provisional response: bob's 180 is held
// until 2 s, alice cancels at 1 s; her CANCEL goes when the 180 arrives,
// and the INVITE ends with 487.
func TestUACancelWaitsForProvisional(t *testing.T) {
	h := newCallHarness(t, false)
	h.bobUA.NoAnswer, h.bobUA.RingFor = false, 5*time.Second
	h.hold(msgMatch{from: "bob", code: sip.StatusRinging}, 2*time.Second)
	c := h.call(time.Second)
	h.run()

	ringing := h.messages(msgMatch{from: "bob", code: sip.StatusRinging})
	cancels := h.messages(msgMatch{from: "alice", method: sip.CANCEL})
	if len(ringing) == 0 || len(cancels) != 1 {
		t.Fatalf("%d 180s and %d CANCELs, want a 180 and one CANCEL", len(ringing), len(cancels))
	}
	if c := cancels[0]; c.At != ringing[0].Arrive || c.Cause != ringing[0].Seq {
		t.Errorf("CANCEL at %v caused by #%d, want at %v caused by the 180 #%d", c.At, c.Cause, ringing[0].Arrive, ringing[0].Seq)
	}
	if len(h.messages(msgMatch{from: "bob", code: 487})) == 0 || len(h.messages(msgMatch{from: "alice", method: sip.ACK})) != 1 {
		t.Error("the INVITE should end with 487, ACKed by alice")
	}
	h.assertNoCall(c)
}

// §9.1, §15: the final response comes first. With every 180 lost, bob's
// 200 reaches alice while her CANCEL still waits: no CANCEL is sent, and
// she ACKs the 2xx and hangs up.
func TestUACancelFinalFirst(t *testing.T) {
	h := newCallHarness(t, false)
	h.bobUA.NoAnswer, h.bobUA.RingFor = false, 2*time.Second
	h.drop(msgMatch{from: "bob", code: sip.StatusRinging}, -1)
	h.call(time.Second)
	h.run()

	if n := len(h.messages(msgMatch{method: sip.CANCEL})); n != 0 {
		t.Errorf("%d CANCELs after the final response came first, want none (§9.1)", n)
	}
	h.assertHungUp()
}

// §9.2, §15: the 200 and the CANCEL cross. bob answers at 1.005 s, alice
// cancels at 1 s: the CANCEL finds bob's INVITE transaction ended and is
// answered 481; the 200 establishes the call, and alice ends it with BYE.
func TestUACancelCrossesThe2xx(t *testing.T) {
	h := newCallHarness(t, false)
	h.bobUA.NoAnswer, h.bobUA.RingFor = false, time.Second-5*time.Millisecond
	h.call(time.Second)
	h.run()

	cancels := h.messages(msgMatch{from: "alice", method: sip.CANCEL})
	if len(cancels) != 1 || cancels[0].At != time.Second {
		t.Fatalf("CANCELs at %v, want one at 1s", eventTimes(cancels))
	}
	if len(h.messages(msgMatch{from: "bob", code: sip.StatusCallDoesNotExist})) != 1 {
		t.Error("the CANCEL that arrived after the 200 should be answered 481 (§9.2)")
	}
	h.assertHungUp()
}

// §9.1: every 487 is lost, so no final response comes after the CANCEL;
// 64·T1 after sending it, alice takes the INVITE as cancelled and destroys
// its transaction, and the call ends.
func TestUACancelGivesUpAfter64T1(t *testing.T) {
	h := newCallHarness(t, false)
	h.drop(msgMatch{from: "bob", code: 487}, -1)
	c := h.call(time.Second)
	// The CANCEL goes at 1 s, when alice gives up: probe just before and
	// just after 64·T1 later.
	var before, after TxState
	h.s.After(time.Second+64*T1-time.Millisecond, func() { before = c.tx.State })
	h.s.After(time.Second+64*T1+time.Millisecond, func() { after = c.tx.State })
	h.run()

	cancels := h.messages(msgMatch{from: "alice", method: sip.CANCEL})
	if len(cancels) != 1 || cancels[0].At != time.Second {
		t.Fatalf("CANCELs at %v, want one at 1s", eventTimes(cancels))
	}
	if before != Proceeding || after != Terminated {
		t.Errorf("alice's INVITE transaction %v just before and %v just after 64·T1 from the CANCEL, want Proceeding and Terminated", before, after)
	}
	if len(h.messages(msgMatch{from: "alice", method: sip.ACK})) != 0 {
		t.Error("alice ACKed a 487 she never received")
	}
	h.assertNoCall(c)
}
