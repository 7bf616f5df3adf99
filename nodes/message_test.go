package nodes

import (
	"strings"
	"testing"
	"time"

	"github.com/siplab/siplab/sim/sip"
)

// RFC 3428 §8: a MESSAGE that would exceed 1300 bytes is not sent; the UA
// uses the session model instead, an INVITE with an MSRP offer (RFC 4975
// §8) that the callee answers with its own path, and a BYE ChatTime after.
// A short body still goes in a MESSAGE, and so does a large one from a UA
// that knows its path is congestion-controlled: over TCP (§18.1.1).
func TestLargeMessageUsesTheSessionModel(t *testing.T) {
	for _, c := range []struct {
		size             int
		safe, session    bool
		messageTransport string
	}{{100, false, false, "UDP"}, {1300, false, true, ""}, {1300, true, false, "TCP"}} {
		h := newCallHarness(t, true)
		h.bobUA.NoAnswer, h.bobUA.RingFor = false, time.Second
		h.aliceUA.CongestionSafe = c.safe
		h.aliceUA.Message(bobAOR, "text/plain", strings.Repeat("x", c.size))
		h.run()
		messages, invites := h.messages(msgMatch{from: "alice", method: sip.MESSAGE}), h.messages(msgMatch{from: "alice", method: sip.INVITE})
		if got := len(invites) == 1 && len(messages) == 0; got != c.session {
			t.Errorf("%d bytes: %d MESSAGE, %d INVITE; session model %v, want %v", c.size, len(messages), len(invites), got, c.session)
			continue
		}
		if !c.session {
			if v, _ := h.parsed(messages[0]).TopVia(); v.Transport != c.messageTransport {
				t.Errorf("%d bytes, congestion-safe %v: MESSAGE over %s, want %s", c.size, c.safe, v.Transport, c.messageTransport)
			}
			continue
		}
		offer, err := sip.ParseSDP(h.parsed(invites[0]).Body)
		if err != nil || len(offer.Media) != 1 || !isMSRP(offer.Media[0]) {
			t.Fatalf("the INVITE offers %+v (%v), want one MSRP stream", offer, err)
		}
		oks := h.messages(msgMatch{from: "bob", code: sip.StatusOK})
		answer, err := sip.ParseSDP(h.parsed(oks[0]).Body)
		if err != nil || !isMSRP(answer.Media[0]) {
			t.Fatalf("bob answers %+v (%v), want MSRP", answer, err)
		}
		if path, _ := answer.Media[0].Attribute("path"); !strings.HasPrefix(path, "msrp://"+h.bobUA.HostName+":") {
			t.Errorf("bob's path %q", path)
		}
		if byes := h.messages(msgMatch{from: "alice", method: sip.BYE}); len(byes) != 1 {
			t.Errorf("%d BYE from alice, want 1 to end the MSRP session", len(byes))
		}
	}
}
