package nodes

import (
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// The stateful proxy's own rules (RFC 3261 §16): forking and the 6xx,
// Timer C, stray responses, the Route it removes, and what the transport
// layer answers to a request that does not parse.

// newForkHarness is the call harness with a second phone of bob's, bob2,
// bound to the same address-of-record after bob: the proxy forks alice's
// INVITE to both (§16.5, §16.6). bob2 rings and never answers.
func newForkHarness(t *testing.T) (*callHarness, *UA) {
	t.Helper()
	h := newCallHarness(t, true)
	el := NewElement(h.s, "bob2", sim.KindUA, "mobile.biloxi.example.com", "biloxi.example.com",
		netip.MustParseAddrPort("192.0.2.21:5060"))
	bob2 := NewUA(el, "bob", "Bob", bobAOR)
	bob2.NoAnswer = true
	h.proxy.Location.Provision(bobAOR.AddrOfRecord(), bob2.Contact())
	return h, bob2
}

// firstCopies leaves out the retransmissions.
func firstCopies(evs []sim.Event) []sim.Event {
	return slices.DeleteFunc(evs, func(e sim.Event) bool { return e.Retransmission })
}

// cites reports whether one of the event's reasons cites rfc and has the
// catalog key.
func cites(e sim.Event, rfc, key string) bool {
	return slices.ContainsFunc(e.Reasons, func(r sim.Reason) bool {
		return strings.Contains(r.RFC, rfc) && r.Text.Key == key
	})
}

// §16.7 step 5: bob declines with 603 (held on the way until 2 s, as if he
// pressed "reject" after two seconds) while bob2 is ringing. The proxy
// does not forward the 603 at once: it cancels bob2's branch, ACKs its
// 487, and only then sends the 603 to alice, the best response of the
// context (step 6). alice never sees the 487.
func TestProxy6xxCancelsPendingBranchesFirst(t *testing.T) {
	h, _ := newForkHarness(t)
	h.bobUA.NoAnswer, h.bobUA.AnswerCode = false, 603
	h.hold(msgMatch{from: "bob", code: 603}, 2*time.Second)
	h.call(0)
	h.run()

	if n := len(firstCopies(h.messages(msgMatch{from: "proxy", method: sip.INVITE}))); n != 2 {
		t.Fatalf("the proxy forwarded %d INVITEs, want one to each phone", n)
	}
	declined := firstCopies(h.messages(msgMatch{from: "bob", to: "proxy", code: 603}))
	cancels := h.messages(msgMatch{from: "proxy", to: "bob2", method: sip.CANCEL})
	if len(declined) != 1 || len(cancels) != 1 {
		t.Fatalf("%d 603s from bob, %d CANCELs to bob2; want one of each", len(declined), len(cancels))
	}
	if c := cancels[0]; c.At != declined[0].Arrive || c.Cause != declined[0].Seq || !cites(c, "§16.7 step 5", "node.proxy.cancel.6xx") {
		t.Errorf("the CANCEL to bob2 at %v caused by #%d with %v; want at %v, caused by the 603 #%d, citing §16.7 step 5",
			c.At, c.Cause, c.Reasons, declined[0].Arrive, declined[0].Seq)
	}
	if len(h.events(sim.EventNote, "proxy", "node.proxy.6xx.wait", "603")) != 1 {
		t.Errorf("the proxy does not say that it holds the 603 back")
	}
	terminated := h.messages(msgMatch{from: "bob2", to: "proxy", code: 487})
	up := h.messages(msgMatch{from: "proxy", to: "alice", code: 603})
	if len(terminated) != 1 || len(up) != 1 {
		t.Fatalf("%d 487s from bob2, %d 603s to alice; want one of each", len(terminated), len(up))
	}
	if up[0].At != terminated[0].Arrive || !cites(up[0], "§16.7 step 6", "node.proxy.best") {
		t.Errorf("the 603 left for alice at %v (%v), want when bob2's 487 arrived, %v, as the best response (§16.7 step 6)",
			up[0].At, up[0].Reasons, terminated[0].Arrive)
	}
	if len(h.messages(msgMatch{from: "proxy", to: "bob2", method: sip.ACK})) != 1 {
		t.Errorf("the proxy did not ACK bob2's 487")
	}
	if n := len(h.messages(msgMatch{to: "alice", code: 487})); n != 0 {
		t.Errorf("alice got %d 487s; the 6xx is the response she must see", n)
	}
}

// A 6xx on the only branch has nothing to wait for: it goes up at once.
func TestProxy6xxAloneGoesUpAtOnce(t *testing.T) {
	h := newCallHarness(t, true)
	h.bobUA.NoAnswer, h.bobUA.AnswerCode = false, 603
	h.call(0)
	h.run()
	declined, up := h.messages(msgMatch{from: "bob", code: 603}), h.messages(msgMatch{from: "proxy", to: "alice", code: 603})
	if len(declined) != 1 || len(up) != 1 || up[0].At != declined[0].Arrive {
		t.Errorf("603 from bob %v, to alice %v; want it forwarded on arrival", eventTimes(declined), eventTimes(up))
	}
	if len(h.events(sim.EventNote, "proxy", "node.proxy.6xx.wait")) != 0 || len(h.messages(msgMatch{method: sip.CANCEL})) != 0 {
		t.Errorf("a 6xx with no other branch made the proxy wait or cancel")
	}
}

// proxyRequest builds an INVITE from alice for bob's address-of-record and
// sends it to the proxy in a client transaction of alice's bare element,
// whose TU never cancels.
func proxyInvite(h *callHarness) {
	req := h.request(sip.INVITE)
	req.SetTopVia(h.alice.NewVia(h.proxy.Addr()))
	h.alice.StartClient(req, h.proxy.Addr(), Out{}, h.gotResponse, h.gotTimeout)
}

// §16.6 step 11, §16.7 step 2, §16.8: bob sends two 182s and a 180, a
// second apart, and then rings forever; the caller never gives up. Timer C
// is set on the forwarded INVITE, set again by each provisional response,
// and fires TimerC after the last one (before that, the state view shows
// it on the branch). The branch has had a provisional response, so the
// proxy cancels it; bob answers 487, which goes to the caller.
func TestProxyTimerC(t *testing.T) {
	h := newCallHarness(t, true)
	h.alice.SetCore(h.aliceTU) // a bare caller, which never cancels
	h.bobUA.Queued = 2
	var shown []TxInfo
	h.s.After(10*time.Second, func() { shown = h.proxy.Transactions() })
	proxyInvite(h)
	h.run()

	provisional := h.messages(msgMatch{from: "bob", to: "proxy", responses: true})
	provisional = slices.DeleteFunc(provisional, func(e sim.Event) bool { return h.parsed(e).StatusCode >= 200 })
	if len(provisional) != 3 {
		t.Fatalf("bob sent %d provisional responses, want 182, 182, 180", len(provisional))
	}
	last := provisional[len(provisional)-1].Arrive
	fired := h.timerFired("proxy", "C")
	assertTimes(t, "Timer C", fired, []time.Duration{last + TimerC})
	var timerC *TimerInfo
	for _, tx := range shown {
		if tx.Method == sip.INVITE && strings.HasPrefix(tx.Kind, "node.tx.ict") {
			if i := slices.IndexFunc(tx.Timers, func(ti TimerInfo) bool { return ti.Name == "C" }); i >= 0 {
				timerC = &tx.Timers[i]
			}
		}
	}
	if timerC == nil || timerC.Due != last+TimerC {
		t.Errorf("the state view at 10 s shows Timer C %+v on the proxy's branch, want due at %v", timerC, last+TimerC)
	}
	cancels := h.messages(msgMatch{from: "proxy", to: "bob", method: sip.CANCEL})
	if len(cancels) != 1 || cancels[0].At != last+TimerC || !cites(cancels[0], "§16.8", "node.proxy.timerc.cancel") {
		t.Fatalf("the proxy's CANCELs: %v, want one when Timer C fires, citing §16.8", eventTimes(cancels))
	}
	if up := h.messages(msgMatch{from: "proxy", to: "alice", code: 487}); len(up) != 1 {
		t.Errorf("%d 487s reached the caller, want the cancelled branch's", len(up))
	}
}

// §16.8: Timer C firing on a branch that has had no provisional response
// at all makes the proxy act as if the branch answered 408: no CANCEL (it
// could not be sent), and with no other branch, 408 to the caller. Timer B
// (32 s) is shorter than Timer C and normally ends such a branch first, so
// the test fires Timer C itself, at 1 s, on a branch whose callee hears
// nothing.
func TestProxyTimerCWithoutProvisional(t *testing.T) {
	h := newCallHarness(t, true)
	h.drop(msgMatch{to: "bob"}, -1)
	h.call(0)
	h.s.After(time.Second, func() {
		for _, c := range h.proxy.clients {
			for _, ctx := range h.proxy.contexts {
				c.timerC.Stop()
				h.proxy.timerC(ctx, c)
			}
		}
	})
	h.run()
	up := h.messages(msgMatch{from: "proxy", to: "alice", code: sip.StatusRequestTimeout})
	if len(up) != 1 || up[0].At != time.Second || !cites(up[0], "§16.8", "node.proxy.timeout") {
		t.Fatalf("408s to alice %v, want one at 1s citing §16.8", eventTimes(up))
	}
	if n := len(h.messages(msgMatch{method: sip.CANCEL})); n != 0 {
		t.Errorf("%d CANCELs for a branch with no provisional response", n)
	}
	if fired := h.timerFired("proxy", "B"); len(fired) != 0 {
		t.Errorf("Timer B fired at %v on a branch Timer C ended", fired)
	}
}

// A branch that gets its final response stops Timer C: a call answered,
// and one declined, leave nothing to fire.
func TestProxyTimerCStopsOnFinal(t *testing.T) {
	for _, code := range []int{200, 486} {
		h := newCallHarness(t, true)
		h.bobUA.NoAnswer, h.bobUA.RingFor = false, time.Second
		if code != 200 {
			h.bobUA.AnswerCode = code
		}
		h.call(0)
		h.run()
		if fired := h.timerFired("proxy", "C"); len(fired) != 0 {
			t.Errorf("%d: Timer C fired at %v after the final response", code, fired)
		}
	}
}

// §16.7, first paragraph: a response that matches no client transaction
// is forwarded as a stateless proxy would (§16.11): a 180 for a branch the
// proxy does not know goes to the next Via, the proxy's own Via removed.
func TestProxyForwardsStrayProvisional(t *testing.T) {
	h := newCallHarness(t, true)
	h.alice.SetCore(h.aliceTU)
	h.bob.SetCore(h.bobTU)
	req := h.request(sip.INVITE)
	req.Prepend("Via", h.proxy.NewVia(h.bob.Addr()).String())
	h.bob.SendRaw(h.proxy.Addr(), h.response(req, sip.StatusRinging), Out{})
	h.run()

	fwd := h.messages(msgMatch{from: "proxy", to: "alice", code: sip.StatusRinging})
	if len(fwd) != 1 || !cites(fwd[0], "§16.7", "node.proxy.stray") {
		t.Fatalf("the proxy forwarded %d 180s to alice, want the stray one, citing §16.7", len(fwd))
	}
	vias, err := h.parsed(fwd[0]).Vias()
	if want, _ := req.Vias(); err != nil || len(vias) != 1 || vias[0].Branch() != want[1].Branch() {
		t.Errorf("forwarded Vias %v, want alice's alone", vias)
	}
	if len(h.aliceTU.strays) != 1 {
		t.Errorf("alice's element got %d stray responses, want the 180", len(h.aliceTU.strays))
	}
}

// §16.4: the proxy removes the Route that names it, and only that value:
// the other header lines keep their places (§16.6 step 1).
func TestProxyPopsItsRouteInPlace(t *testing.T) {
	h := newCallHarness(t, true)
	req := h.request(sip.BYE)
	req.Headers = slices.Insert(req.Headers, 2, sip.Header{Name: "Route", Value: "<sip:proxy.biloxi.example.com;lr>, <sip:p2.biloxi.example.com;lr>"})
	names := func(m *sip.Message) (out []string) {
		for _, hd := range m.Headers {
			out = append(out, hd.Name)
		}
		return out
	}
	want := names(req)
	h.proxy.preprocessRoute(req)
	if got := names(req); !slices.Equal(got, want) || req.Get("Route") != "<sip:p2.biloxi.example.com;lr>" {
		t.Errorf("after the proxy's Route: headers %v Route %q; want %v and the second Route", got, req.Get("Route"), want)
	}
}

// §18.2.1: the 400 for a request that does not parse carries received on
// its top Via, like every response to a request whose sent-by is not the
// address it came from.
func TestBadRequestResponseHasReceived(t *testing.T) {
	// Not the transaction harness, which wants every message to parse.
	s := sim.New(1)
	alice := NewElement(s, "alice", sim.KindUA, "alice.atlanta.example.com", "atlanta.example.com", netip.MustParseAddrPort("192.0.2.10:5060"))
	bob := NewElement(s, "bob", sim.KindUA, "bob.biloxi.example.com", "biloxi.example.com", netip.MustParseAddrPort("192.0.2.20:5060"))
	aliceTU := &tuRecorder{s: s}
	alice.SetCore(aliceTU)
	bob.SetCore(&tuRecorder{s: s})
	bad := "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n" +
		"Via: SIP/2.0/UDP alice.atlanta.example.com:5060;branch=z9hG4bKbad1\r\nMax-Forwards: 70\r\n" +
		"From: <sip:alice@atlanta.example.com>;tag=1\r\nTo: <sip:bob@biloxi.example.com>\r\n" +
		"Call-ID: bad@atlanta\r\nCSeq: 1 INVITE\r\nContent-Length: 99\r\n\r\nshort"
	alice.Host.Send(bob.Addr(), []byte(bad), sim.SendOptions{})
	if err := s.Run(); err != nil {
		t.Fatal(err)
	}
	if len(aliceTU.strays) != 1 || aliceTU.strays[0].in.Msg.StatusCode != sip.StatusBadRequest {
		t.Fatalf("alice got %d responses, want the 400", len(aliceTU.strays))
	}
	if v, err := aliceTU.strays[0].in.Msg.TopVia(); err != nil || v.Received() != "192.0.2.10" {
		t.Errorf("the 400's top Via %v (%v), want received=192.0.2.10", v, err)
	}
}

// §11.2: bob's answer to OPTIONS lists Allow, Accept, Accept-Encoding,
// Accept-Language and Supported, and describes his media in SDP (port 0,
// RFC 3264 §9) when the request accepts application/sdp or has no Accept;
// not when it accepts text/plain only.
func TestOptionsAnswer(t *testing.T) {
	for _, c := range []struct {
		accept string
		sdp    bool
	}{{"application/sdp", true}, {"", true}, {"text/plain", false}, {"text/plain, application/sdp;level=1", true}} {
		h := newCallHarness(t, false)
		req := h.request(sip.OPTIONS)
		if c.accept != "" {
			req.Add("Accept", c.accept)
		}
		h.start(req)
		h.run()
		ok := h.messages(msgMatch{from: "bob", code: sip.StatusOK})
		if len(ok) != 1 {
			t.Fatalf("Accept %q: %d answers, want a 200", c.accept, len(ok))
		}
		m := h.parsed(ok[0])
		for _, name := range []string{"Allow", "Accept", "Accept-Encoding", "Accept-Language", "Supported"} {
			if !m.Has(name) {
				t.Errorf("Accept %q: the 200 has no %s", c.accept, name)
			}
		}
		if !c.sdp {
			if len(m.Body) != 0 || m.Has("Content-Type") {
				t.Errorf("Accept %q: a body of type %q, want none", c.accept, m.ContentType())
			}
			continue
		}
		s, err := sip.ParseSDP(m.Body)
		if err != nil || m.ContentType() != "application/sdp" || len(s.Media) != 1 || s.Media[0].Port != 0 || s.Media[0].Formats[0] != "0" {
			t.Errorf("Accept %q: %q body %q (%v), want bob's codecs with port 0", c.accept, m.ContentType(), m.Body, err)
		}
	}
}

// §16.6, sequential search: bob (q=1) is busy; the next contact by q, 0.7,
// names a host the proxy cannot resolve, so no branch starts there and the
// proxy goes on to bob2 (q=0.5), which answers. Only then does alice get a
// final response: the 200, never the 486.
func TestSequentialSearchSkipsUnreachableTarget(t *testing.T) {
	h := newCallHarness(t, true)
	h.proxy.Sequential = true
	h.bobUA.NoAnswer, h.bobUA.AnswerCode = false, 486
	h.proxy.Location.Provision(bobAOR.AddrOfRecord(), sip.Address{URI: sip.URI{Scheme: "sip", User: "bob", Host: "nowhere.invalid"}, Params: ";q=0.7"})
	el := NewElement(h.s, "bob2", sim.KindUA, "mobile.biloxi.example.com", "biloxi.example.com", netip.MustParseAddrPort("192.0.2.21:5060"))
	bob2 := NewUA(el, "bob", "Bob", bobAOR)
	c := bob2.Contact()
	c.Params = ";q=0.5"
	h.proxy.Location.Provision(bobAOR.AddrOfRecord(), c)
	h.call(0)
	h.run()

	var to []string
	for _, e := range firstCopies(h.messages(msgMatch{from: "proxy", method: sip.INVITE})) {
		to = append(to, e.To)
	}
	if !slices.Equal(to, []string{"bob", "bob2"}) {
		t.Fatalf("the proxy sent INVITEs to %v, want bob then bob2", to)
	}
	if n := len(h.events(sim.EventNote, "proxy", "node.ua.noroute", "sip:bob@nowhere.invalid")); n != 1 {
		t.Errorf("%d notes that sip:bob@nowhere.invalid has no route, want 1", n)
	}
	if len(h.messages(msgMatch{from: "proxy", to: "alice", code: 486})) != 0 || len(h.messages(msgMatch{from: "proxy", to: "alice", code: 200})) == 0 {
		t.Errorf("alice got a 486 or no 200")
	}
}
