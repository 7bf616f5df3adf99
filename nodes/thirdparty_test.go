package nodes

import (
	"bytes"
	"net/netip"
	"slices"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// sdpFormats is the formats of the first stream of a message's body; nil
// when it has no session description.
func sdpFormats(m *sip.Message) []string {
	s, err := sip.ParseSDP(m.Body)
	if err != nil || len(s.Media) == 0 {
		return nil
	}
	return s.Media[0].Formats
}

// controller adds a third UA, "controller", linked to alice and bob.
func (h *callHarness) controller() *UA {
	el := NewElement(h.s, "controller", sim.KindUA, "c2d.atlanta.example.com", "atlanta.example.com", netip.MustParseAddrPort("192.0.2.50:5060"))
	for _, other := range []*Element{h.alice, h.bob} {
		h.s.Net.Connect(el.Host, other.Host, sim.LinkConfig{Latency: txLatency, Transport: sim.UDP})
	}
	ctl := NewUA(el, "c2d", "", sip.URI{Scheme: "sip", User: "c2d", Host: "atlanta.example.com"})
	return ctl
}

// RFC 3261 §13.2.1, RFC 3264 §5: an INVITE without an offer gets the
// UAS's offer in the 2xx (not an empty stream), and the UAC's ACK carries
// the answer, which the UAS takes.
func TestOfferlessInviteAnswerInACK(t *testing.T) {
	h := newCallHarness(t, false)
	h.bobUA.NoAnswer, h.bobUA.RingFor = false, time.Second
	h.bobUA.Codecs = []string{"8", "0"}
	h.aliceUA.Codecs = []string{"0"}
	h.aliceUA.Call(h.bobUA.Contact().URI, CallOptions{NoOffer: true, HangupAfter: time.Second})
	h.run()

	invites := h.messages(msgMatch{from: "alice", method: sip.INVITE})
	oks := h.messages(msgMatch{from: "bob", to: "alice", code: sip.StatusOK})
	acks := h.messages(msgMatch{from: "alice", method: sip.ACK})
	if len(invites) != 1 || len(oks) == 0 || len(acks) != 1 {
		t.Fatalf("%d INVITEs, %d 200s, %d ACKs; want one INVITE answered and ACKed", len(invites), len(oks), len(acks))
	}
	if inv := h.parsed(invites[0]); len(inv.Body) != 0 || inv.Has("Content-Type") {
		t.Errorf("the INVITE carries %q (Content-Type %q), want no offer", inv.Body, inv.Get("Content-Type"))
	}
	if got := sdpFormats(h.parsed(oks[0])); !slices.Equal(got, []string{"8", "0"}) {
		t.Errorf("the 200 offers %v, want bob's codecs [8 0]", got)
	}
	ack := h.parsed(acks[0])
	if got := sdpFormats(ack); !slices.Equal(got, []string{"0"}) || ack.Get("Content-Type") != "application/sdp" {
		t.Errorf("the ACK answers %v (%q), want [0] as application/sdp", got, ack.Get("Content-Type"))
	}
	if len(h.events(sim.EventNote, "bob", "node.ua.ack.gotanswer")) != 1 {
		t.Error("bob did not take the answer from the ACK")
	}
	if n := len(h.messages(msgMatch{from: "alice", method: sip.BYE})); n != 1 {
		t.Errorf("%d BYEs, want alice to hang up once", n)
	}
}

// RFC 3725 §4.1 Flow I: the controller INVITEs alice without SDP; her 200
// carries offer1; the controller INVITEs bob with offer1; bob's 200
// carries answer1; the controller ACKs bob, then ACKs alice with answer1.
// Meanwhile alice retransmits her 200, which the controller cannot ACK yet.
// Later it hangs up both.
func TestClickToDial(t *testing.T) {
	h := newCallHarness(t, false)
	h.aliceUA.NoAnswer, h.aliceUA.RingFor = false, 500*time.Millisecond
	h.bobUA.NoAnswer, h.bobUA.RingFor = false, 2*time.Second
	h.aliceUA.Codecs, h.bobUA.Codecs = []string{"0", "8"}, []string{"8"}
	ctl := h.controller()
	ctl.ClickToDial(h.aliceUA.Contact().URI, h.bobUA.Contact().URI, 5*time.Second)
	h.run()

	one := func(m msgMatch) (sim.Event, *sip.Message) {
		t.Helper()
		evs := h.messages(m)
		if len(evs) == 0 {
			t.Fatalf("no message %+v", m)
		}
		return evs[0], h.parsed(evs[0])
	}
	_, inviteA := one(msgMatch{from: "controller", to: "alice", method: sip.INVITE})
	okA, ok1 := one(msgMatch{from: "alice", to: "controller", code: sip.StatusOK})
	inviteBEv, inviteB := one(msgMatch{from: "controller", to: "bob", method: sip.INVITE})
	okBEv, ok2 := one(msgMatch{from: "bob", to: "controller", code: sip.StatusOK})
	ackBEv, ackB := one(msgMatch{from: "controller", to: "bob", method: sip.ACK})
	ackAEv, ackA := one(msgMatch{from: "controller", to: "alice", method: sip.ACK})

	if len(inviteA.Body) != 0 {
		t.Errorf("(1) the INVITE to alice carries %q, want no SDP", inviteA.Body)
	}
	if len(ok1.Body) == 0 || !bytes.Equal(inviteB.Body, ok1.Body) || inviteBEv.Cause != okA.Seq {
		t.Errorf("(3) the INVITE to bob (caused by #%d) must carry alice's offer from her 200 #%d", inviteBEv.Cause, okA.Seq)
	}
	if got := sdpFormats(ok2); !slices.Equal(got, []string{"8"}) {
		t.Errorf("(4) bob answers %v, want [8]", got)
	}
	if len(ackB.Body) != 0 {
		t.Errorf("(5) the ACK to bob carries %q, want none: his 200 was an answer", ackB.Body)
	}
	if !bytes.Equal(ackA.Body, ok2.Body) || ackAEv.Cause != okBEv.Seq || ackAEv.At < ackBEv.At {
		t.Errorf("(6) the ACK to alice must carry bob's answer, after bob's ACK, caused by bob's 200 #%d (got #%d)", okBEv.Seq, ackAEv.Cause)
	}
	if n := len(h.messages(msgMatch{from: "alice", to: "controller", code: sip.StatusOK})); n < 3 {
		t.Errorf("alice sent her 200 %d times, want retransmissions while bob rings (RFC 3725 §4.1's timing problem)", n)
	}
	if len(h.events(sim.EventNote, "alice", "node.ua.ack.gotanswer")) != 1 {
		t.Error("alice did not take bob's answer from the ACK")
	}
	for _, to := range []string{"alice", "bob"} {
		if n := len(h.messages(msgMatch{from: "controller", to: to, method: sip.BYE})); n != 1 {
			t.Errorf("%d BYEs to %s, want the controller to hang up each once", n, to)
		}
	}
}

// RFC 3725 §4.1: if bob does not answer, the controller still ACKs
// alice's 200, with an answer that refuses her stream (port 0, RFC 3264
// §6), and hangs up.
func TestClickToDialPeerRefuses(t *testing.T) {
	h := newCallHarness(t, false)
	h.aliceUA.NoAnswer, h.aliceUA.RingFor = false, 500*time.Millisecond
	h.bobUA.NoAnswer, h.bobUA.AnswerCode = false, sip.StatusBusyHere
	ctl := h.controller()
	ctl.ClickToDial(h.aliceUA.Contact().URI, h.bobUA.Contact().URI, 0)
	h.run()

	acks := h.messages(msgMatch{from: "controller", to: "alice", method: sip.ACK})
	if len(acks) != 1 {
		t.Fatalf("%d ACKs to alice, want 1", len(acks))
	}
	s, err := sip.ParseSDP(h.parsed(acks[0]).Body)
	if err != nil || len(s.Media) != 1 || s.Media[0].Port != 0 {
		t.Errorf("the ACK to alice answers %+v (%v), want the stream refused with port 0", s, err)
	}
	if n := len(h.messages(msgMatch{from: "controller", to: "alice", method: sip.BYE})); n != 1 {
		t.Errorf("%d BYEs to alice, want 1", n)
	}
	if len(h.events(sim.EventNote, "alice", "node.ua.ack.refused")) != 1 {
		t.Error("alice did not see that the answer in the ACK refuses her stream")
	}
}

// A peer the controller cannot route to fails like a peer that refuses:
// the controller still owes alice her ACK, refusing her stream, then BYE.
func TestClickToDialPeerUnroutable(t *testing.T) {
	h := newCallHarness(t, false)
	h.aliceUA.NoAnswer, h.aliceUA.RingFor = false, 500*time.Millisecond
	ctl := h.controller()
	ctl.ClickToDial(h.aliceUA.Contact().URI, sip.URI{Scheme: "sip", User: "carol", Host: "nowhere.example.net"}, 0)
	h.run()

	if len(h.events(sim.EventNote, "controller", "node.ua.noroute")) != 1 {
		t.Fatal("the controller did not note that the peer has no route")
	}
	if n := len(h.messages(msgMatch{from: "controller", to: "alice", method: sip.ACK})); n != 1 {
		t.Errorf("%d ACKs to alice, want 1", n)
	}
	if n := len(h.messages(msgMatch{from: "controller", to: "alice", method: sip.BYE})); n != 1 {
		t.Errorf("%d BYEs to alice, want 1", n)
	}
}
