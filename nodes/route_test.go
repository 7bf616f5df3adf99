package nodes

import (
	"slices"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// §8.1.2, RFC 3665 §3.8 F1: a UA with an outbound proxy preloads it as a
// Route and sends the INVITE to it; the proxy, a loose router, removes the
// Route that names it (§16.4) before forwarding. The dialog's route set is
// the Record-Route of the 2xx only (§12.1.2), so the ACK and the BYE carry
// the proxy's Record-Route as their Route, and the proxy removes it again.
func TestOutboundProxyIsAPreloadedRoute(t *testing.T) {
	h := newCallHarness(t, true)
	h.bobUA.NoAnswer, h.bobUA.RingFor = false, time.Second
	h.aliceUA.Call(bobAOR, CallOptions{HangupAfter: time.Second})
	h.run()
	proxyRoute := "<sip:proxy.biloxi.example.com;lr>"
	for _, method := range []string{sip.INVITE, sip.ACK, sip.BYE} {
		sent := h.messages(msgMatch{from: "alice", to: "proxy", method: method})
		if len(sent) != 1 {
			t.Fatalf("%d %s from alice to the proxy, want 1", len(sent), method)
		}
		if got := h.parsed(sent[0]).Values("Route"); !slices.Equal(got, []string{proxyRoute}) {
			t.Errorf("alice's %s: Route %q, want %q", method, got, proxyRoute)
		}
		fwd := h.messages(msgMatch{from: "proxy", to: "bob", method: method})
		if len(fwd) != 1 {
			t.Fatalf("%d %s from the proxy to bob, want 1", len(fwd), method)
		}
		if got := h.parsed(fwd[0]).Values("Route"); len(got) != 0 {
			t.Errorf("the proxy's %s still has Route %q; a loose router removes its own (§16.4)", method, got)
		}
		if !slices.ContainsFunc(fwd[0].Reasons, func(r sim.Reason) bool {
			return r.RFC == "RFC 3261 §16.4" && r.Text.Key == "node.proxy.route"
		}) {
			t.Errorf("the proxy's %s gives no §16.4 reason: %v", method, fwd[0].Reasons)
		}
	}
	invite := h.parsed(h.messages(msgMatch{from: "alice", method: sip.INVITE})[0])
	// RFC 3665's order: the Route right after Max-Forwards.
	var names []string
	for _, hd := range invite.Headers {
		names = append(names, hd.Name)
	}
	if i := slices.Index(names, "Route"); i < 1 || names[i-1] != "Max-Forwards" {
		t.Errorf("INVITE headers %v: want Route right after Max-Forwards", names)
	}
	if rr := h.parsed(h.messages(msgMatch{from: "proxy", to: "bob", method: sip.INVITE})[0]).Values("Record-Route"); !slices.Equal(rr, []string{proxyRoute}) {
		t.Errorf("forwarded INVITE Record-Route %q, want %q", rr, proxyRoute)
	}
}

// A UA without an outbound proxy sends no Route: the server of the
// Request-URI's domain is found by DNS (RFC 3263).
func TestNoOutboundProxyNoRoute(t *testing.T) {
	h := newCallHarness(t, false)
	h.bobUA.NoAnswer = false
	h.aliceUA.Call(h.bobUA.Contact().URI, CallOptions{})
	h.run()
	sent := h.messages(msgMatch{from: "alice", method: sip.INVITE})
	if len(sent) == 0 || h.parsed(sent[0]).Has("Route") {
		t.Errorf("alice's INVITE without an outbound proxy: %d sent, Route %v", len(sent), len(sent) > 0 && h.parsed(sent[0]).Has("Route"))
	}
}
