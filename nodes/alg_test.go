package nodes

import (
	"net/netip"
	"testing"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// RFC 3665 §3.5: a proxy that is an ALG rewrites the c= address and m=
// port of the offer it forwards and of the answer it sends back to relays
// of its own (the same relay for the same media address), keeps the call's
// relay table while the call lasts, and frees it when the BYE passes. The
// SIP headers are a proxy's as ever, and the phones' own SDP is untouched
// on the legs the ALG did not forward. Without ALG, the same proxy passes
// the SDP on unchanged.
func TestALGRelaysTheMedia(t *testing.T) {
	for _, alg := range []bool{true, false} {
		h := newCallHarness(t, true)
		h.bobUA.NoAnswer = false
		if alg {
			h.proxy.ALG = NewALG(h.proxy.Element)
		}
		c := h.aliceUA.Call(bobAOR, CallOptions{HangupAfter: msec(500)})
		callID := ""
		h.s.After(msec(400), func() {
			callID = c.Dialog.CallID
			if relays := h.proxy.ALG; alg && len(relays.Relays(callID)) != 2 {
				t.Errorf("during the call: relays %v, want alice's and bob's", relays.Relays(callID))
			}
		})
		h.run()

		media := func(from, to string, code int, method string) netip.AddrPort {
			t.Helper()
			evs := h.messages(msgMatch{from: from, to: to, code: code, method: method})
			if len(evs) == 0 {
				t.Fatalf("alg %v: no %d%s %s>%s", alg, code, method, from, to)
			}
			s, err := sip.ParseSDP(h.parsed(evs[0]).Body)
			if err != nil || len(s.Media) != 1 {
				t.Fatalf("alg %v: %s>%s: SDP %v", alg, from, to, err)
			}
			return netip.AddrPortFrom(netip.MustParseAddr(s.Connection.Address), uint16(s.Media[0].Port))
		}
		aliceMedia := netip.AddrPortFrom(h.alice.Addr().Addr(), MediaPort)
		bobMedia := netip.AddrPortFrom(h.bob.Addr().Addr(), MediaPort)
		proxyIP := h.proxy.Addr().Addr()
		wantOffer, wantAnswer := aliceMedia, bobMedia
		if alg {
			wantOffer, wantAnswer = netip.AddrPortFrom(proxyIP, ALGFirstPort), netip.AddrPortFrom(proxyIP, ALGFirstPort+2)
		}
		if got := media("alice", "proxy", 0, sip.INVITE); got != aliceMedia {
			t.Errorf("alg %v: alice offers %v, want %v", alg, got, aliceMedia)
		}
		if got := media("proxy", "bob", 0, sip.INVITE); got != wantOffer {
			t.Errorf("alg %v: bob is offered %v, want %v", alg, got, wantOffer)
		}
		if got := media("bob", "proxy", sip.StatusOK, ""); got != bobMedia {
			t.Errorf("alg %v: bob answers %v, want %v", alg, got, bobMedia)
		}
		if got := media("proxy", "alice", sip.StatusOK, ""); got != wantAnswer {
			t.Errorf("alg %v: alice gets the answer %v, want %v", alg, got, wantAnswer)
		}
		if !alg {
			continue
		}
		if n, m := len(h.events(sim.EventNote, "proxy", "node.alg.bind")), len(h.events(sim.EventNote, "proxy", "node.alg.closed")); n != 2 || m != 2 {
			t.Errorf("%d relays made and %d closed, want 2 (one per side)", n, m)
		}
		if left := h.proxy.ALG.Relays(callID); len(left) != 0 {
			t.Errorf("after the BYE the relays %v are left", left)
		}
		bye := h.messages(msgMatch{from: "proxy", to: "bob", method: sip.BYE})
		if len(bye) == 0 || !hasReason(bye[0], "node.alg.release", "2") {
			t.Errorf("the forwarded BYE does not say the ALG closed its 2 relays: %v", bye)
		}
	}
}

// hasReason reports whether the event gives the reason key with args.
func hasReason(e sim.Event, key string, args ...string) bool {
	for _, r := range e.Reasons {
		if r.Text.Key == key && hasArgs(r.Text, args) {
			return true
		}
	}
	return false
}
