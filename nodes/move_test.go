package nodes

import (
	"net/netip"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// RFC 3665 §3.7 with the caller moving: once the call is up, alice's host
// moves; a move onto bob's address fails with a note and sends nothing.
// The real move sends bob a re-INVITE whose Via and Contact carry the new
// address, and bob, its UAS, takes the Contact as his remote target
// (RFC 3261 §12.2.2): his BYE goes to the new address and reaches her.
func TestMoveReinvites(t *testing.T) {
	h := newCallHarness(t, false)
	h.bobUA.NoAnswer, h.bobUA.RingFor = false, time.Second
	moved := netip.MustParseAddrPort("192.0.2.150:5060")
	c := h.call(0)
	h.s.After(2*time.Second, func() { h.aliceUA.Move(h.bobUA.Addr()) })
	h.s.After(3*time.Second, func() { h.aliceUA.Move(moved) })
	h.s.After(5*time.Second, h.bobUA.HangupAll)
	h.run()

	if h.aliceUA.Addr() != moved || h.s.Net.HostAt(moved) != h.alice.Host {
		t.Fatalf("alice is at %v, want %v", h.aliceUA.Addr(), moved)
	}
	failed := 0
	for _, e := range h.s.Trace.Events {
		if e.Type == sim.EventNote && e.Summary.Key == "node.ua.move.failed" && e.Node == "alice" {
			failed++
		}
	}
	reinvites := h.messages(msgMatch{from: "alice", method: sip.INVITE})
	if failed != 1 || len(reinvites) != 2 {
		t.Fatalf("%d failed-move notes, %d INVITEs from alice; want 1 and the call's INVITE plus one re-INVITE", failed, len(reinvites))
	}
	re := h.parsed(reinvites[1])
	v, _ := re.TopVia()
	if re.Get("Contact") != "<sip:alice@192.0.2.150>" || v.SentBy() != "192.0.2.150:5060" || reinvites[1].At != 3*time.Second {
		t.Errorf("re-INVITE at %v: Contact %q, Via sent-by %s; want at 3s, both at 192.0.2.150", reinvites[1].At, re.Get("Contact"), v.SentBy())
	}
	byes := h.messages(msgMatch{from: "bob", method: sip.BYE})
	if len(byes) != 1 || byes[0].To != "alice" || byes[0].Dropped || h.parsed(byes[0]).RequestURI.String() != "sip:alice@192.0.2.150" {
		t.Fatalf("bob's BYE: %+v; want one, to sip:alice@192.0.2.150, delivered", byes)
	}
	if !c.Ended {
		t.Error("alice's call did not end with bob's BYE")
	}
}
