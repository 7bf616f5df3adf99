package nodes

import (
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// RFC 2543 §6.22 as the course models it: the hiding proxy keeps each
// hidden Via in a table only while its client transaction needs it. A
// call's INVITE and BYE entries are freed by their final responses, the
// ACK never gets one, so nothing is left after the call.
func TestHideTableFreedByFinalResponses(t *testing.T) {
	h := newCallHarness(t, true)
	h.aliceUA.HideVia = true
	h.bobUA.NoAnswer, h.bobUA.RingFor = false, time.Second
	h.aliceUA.Call(bobAOR, CallOptions{HangupAfter: time.Second})
	h.run()
	if kept := h.events(sim.EventNote, "proxy", "node.proxy.hidden"); len(kept) != 2 {
		t.Errorf("%d table entries made, want 2 (INVITE and BYE; an ACK keeps none)", len(kept))
	}
	for _, method := range []string{sip.INVITE, sip.ACK, sip.BYE} {
		fwd := h.messages(msgMatch{from: "proxy", to: "bob", method: method})
		if len(fwd) != 1 {
			t.Fatalf("%d %s forwarded to bob, want 1", len(fwd), method)
		}
		if v, _ := h.parsed(fwd[0]).Vias(); len(v) < 2 || !v[1].Params.Has("hidden") {
			t.Errorf("%s reached bob without a hidden Via: %v", method, v)
		}
	}
	if got := h.proxy.Hidden(); len(got) != 0 {
		t.Errorf("the table still holds %v after the call; every entry should be freed", got)
	}
	if got := h.messages(msgMatch{to: "alice", code: sip.StatusOK}); len(got) != 2 {
		t.Errorf("%d 200 OK reached alice, want 2 (INVITE and BYE): the Via was not restored", len(got))
	}
}

// A branch that times out (Timer B) frees its entry too.
func TestHideTableFreedByBranchTimeout(t *testing.T) {
	h := newCallHarness(t, true)
	h.aliceUA.HideVia = true
	h.drop(msgMatch{from: "proxy", to: "bob"}, -1)
	h.aliceUA.Call(bobAOR, CallOptions{})
	h.run()
	if kept := h.events(sim.EventNote, "proxy", "node.proxy.hidden"); len(kept) != 1 {
		t.Fatalf("%d table entries made, want 1", len(kept))
	}
	if got := h.messages(msgMatch{from: "proxy", to: "alice", code: sip.StatusRequestTimeout}); len(got) != 1 {
		t.Errorf("%d 408 for alice, want 1", len(got))
	}
	if got := h.proxy.Hidden(); len(got) != 0 {
		t.Errorf("the table still holds %v after the branch timed out", got)
	}
}

// The UAS retransmits a 2xx to an INVITE until the ACK comes (§13.3.1.4);
// the hiding proxy, whose INVITE transaction ended with the first 2xx,
// forwards the retransmission statelessly and must still find the hidden
// Via: the entry of a 2xx to an INVITE lives 64·T1 more.
func TestHideTableKeepsA2xxEntryForItsRetransmissions(t *testing.T) {
	h := newCallHarness(t, true)
	h.aliceUA.HideVia = true
	h.bobUA.NoAnswer, h.bobUA.RingFor = false, time.Second
	h.drop(msgMatch{from: "alice", to: "proxy", method: sip.ACK}, 1)
	h.aliceUA.Call(bobAOR, CallOptions{})
	h.run()
	var oks int
	for _, e := range h.messages(msgMatch{from: "proxy", to: "alice", code: sip.StatusOK}) {
		if cseq, _ := h.parsed(e).CSeq(); cseq.Method == sip.INVITE {
			oks++
		}
	}
	if oks < 2 {
		t.Errorf("%d 200 OK to the INVITE reached alice, want the first and its retransmission", oks)
	}
	if got := h.proxy.Hidden(); len(got) != 0 {
		t.Errorf("the table still holds %v at the end", got)
	}
}
