package nodes

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// newRegistrarHarness puts a registrar for biloxi.example.com in bob's
// place; alice sends it REGISTERs built by hand (register).
func newRegistrarHarness(t *testing.T) (*txHarness, *Registrar, *Location) {
	h := newTxHarness(t, sim.UDP)
	loc := NewLocation(h.s, "location", "192.0.2.40", "biloxi.example.com")
	return h, NewRegistrar(h.bob, loc), loc
}

const aliceContact = "sip:alice@alice.atlanta.example.com"

// register sends, at virtual time at, a REGISTER for
// sip:alice@biloxi.example.com with the given Call-ID, CSeq number and
// Expires, in a new transaction.
func (h *txHarness) register(at time.Duration, callID string, cseq uint32, expires int) {
	h.s.After(at, func() {
		m := sip.NewRequest(sip.REGISTER, sip.URI{Scheme: "sip", Host: "biloxi.example.com"})
		m.Add("Via", h.alice.NewVia(h.bob.Addr()).String())
		m.Add("Max-Forwards", "70")
		m.Add("From", "<sip:alice@biloxi.example.com>;tag="+h.alice.NewTag())
		m.Add("To", "<sip:alice@biloxi.example.com>")
		m.Add("Call-ID", callID)
		m.Add("CSeq", sip.CSeq{Seq: cseq, Method: sip.REGISTER}.String())
		m.Add("Contact", "<"+aliceContact+">")
		m.Add("Expires", strconv.Itoa(expires))
		h.start(m)
	})
}

// codes is the status of every final response alice got, in order.
func (h *txHarness) codes() []int {
	var out []int
	for _, r := range h.responses {
		out = append(out, r.in.Msg.StatusCode)
	}
	return out
}

// TestRegistrarRefusesAnOlderCSeq: §10.3 step 7. With the Call-ID of the
// binding, a CSeq that is not higher aborts the update and the request fails
// (500: the registrar's updates are all or nothing); another Call-ID may
// update the binding whatever its CSeq.
func TestRegistrarRefusesAnOlderCSeq(t *testing.T) {
	h, _, loc := newRegistrarHarness(t)
	h.register(0, "reg-1", 5, 3600)
	h.register(time.Second, "reg-1", 4, 0)   // older: must not remove the binding
	h.register(2*time.Second, "reg-1", 5, 0) // the same number again
	h.register(3*time.Second, "reg-2", 1, 1800)
	h.run()
	if want := []int{200, 500, 500, 200}; !slices.Equal(h.codes(), want) {
		t.Fatalf("responses %v, want %v", h.codes(), want)
	}
	b := loc.Existing("sip:alice@biloxi.example.com", sip.URI{Scheme: "sip", User: "alice", Host: "alice.atlanta.example.com"})
	if b == nil || b.CallID != "reg-2" || b.CSeq != 1 || b.Expires != 3*time.Second+txLatency+1800*time.Second {
		t.Errorf("binding %+v, want reg-2's (CSeq 1, 1800 s from 3 s)", b)
	}
	for _, e := range h.messages(msgMatch{from: "bob", code: 500}) {
		if e.Reasons[0].Text.Key != "node.registrar.stale" || e.Reasons[0].RFC != "RFC 3261 §10.3 step 7" {
			t.Errorf("500 gives %+v", e.Reasons)
		}
	}
}

// TestRegistrarBoundsTheExpiry: §10.3 step 7. A registrar may grant less
// than asked (the lab's MiniSipServer: 120 s for 3600), and refuses an
// expiry below its minimum with 423 and Min-Expires; Expires: 0 is a
// removal, never too brief.
func TestRegistrarBoundsTheExpiry(t *testing.T) {
	h, r, _ := newRegistrarHarness(t)
	r.MinExpires, r.MaxExpires = 60*time.Second, 120*time.Second
	h.register(0, "reg-1", 1, 3600)
	h.register(time.Second, "reg-1", 2, 30)
	h.register(2*time.Second, "reg-1", 3, 0)
	h.run()
	if want := []int{200, 423, 200}; !slices.Equal(h.codes(), want) {
		t.Fatalf("responses %v, want %v", h.codes(), want)
	}
	ok, brief := h.responses[0].in.Msg, h.responses[1].in.Msg
	if c := ok.Get("Contact"); c != "<"+aliceContact+">;expires=120" {
		t.Errorf("200 Contact %q, want the 120 s granted", c)
	}
	if m := brief.Get("Min-Expires"); m != "60" {
		t.Errorf("423 Min-Expires %q, want 60", m)
	}
}

// TestRegistrarDates: every 200 to a REGISTER carries a Date (§10.3 step 8)
// from the virtual clock, in RFC 1123 form; a GB/T 28181 platform writes its
// own form in every response, the challenge included.
func TestRegistrarDates(t *testing.T) {
	h, _, _ := newRegistrarHarness(t)
	h.register(5*time.Second, "reg-1", 1, 3600)
	h.run()
	if d := h.responses[0].in.Msg.Get("Date"); d != "Thu, 01 Jan 2026 00:00:05 GMT" {
		t.Errorf("200 Date %q", d)
	}

	h, r, _ := newRegistrarHarness(t)
	r.Date = DateGB28181
	r.Auth.Users = map[string]string{"alice": "secret"}
	h.register(5*time.Second, "reg-1", 1, 3600)
	h.run()
	resp := h.responses[0].in.Msg
	if resp.StatusCode != 401 || resp.Get("Date") != "2026-01-01T00:00:05.010" {
		t.Errorf("%s with Date %q, want a 401 dated 2026-01-01T00:00:05.010", resp.StartLine(), resp.Get("Date"))
	}
}

// TestNoBinding: a user the domain knows but who has no binding is
// temporarily unavailable (480); a user it does not have is not found
// (404), §16.5.
func TestNoBinding(t *testing.T) {
	s := sim.New(1)
	loc := NewLocation(s, "location", "192.0.2.40", "biloxi.example.com")
	loc.Know("sip:bob@biloxi.example.com")
	carol := sip.Address{URI: sip.URI{Scheme: "sip", User: "carol", Host: "client.biloxi.example.com"}}
	loc.Update("registrar", "sip:carol@biloxi.example.com", carol, time.Hour, "c", 1, 0)
	loc.Update("registrar", "sip:carol@biloxi.example.com", carol, 0, "c", 2, 0)
	for aor, want := range map[string]int{
		"sip:bob@biloxi.example.com":   480, // known, never registered
		"sip:carol@biloxi.example.com": 480, // her binding was removed
		"sip:zoe@biloxi.example.com":   404,
	} {
		if code, _, _ := loc.NoBinding(aor); code != want {
			t.Errorf("%s: %d, want %d", aor, code, want)
		}
	}
}

// TestRPort: an element that asks for rport (RFC 3581 §3) sends it empty
// in its Via, and the receiver fills it with the source port and adds
// received, even when the sent-by is already the source address (§4).
func TestRPort(t *testing.T) {
	h := newTxHarness(t, sim.UDP)
	h.alice.RPort = true
	h.answer([]int{200}, []time.Duration{0})
	h.start(h.request(sip.OPTIONS))
	h.run()
	sent, _ := h.parsed(h.messages(msgMatch{from: "alice", method: sip.OPTIONS})[0]).TopVia()
	if v, ok := sent.RPort(); !ok || v != "" {
		t.Errorf("alice's Via %v has no empty rport", sent)
	}
	got, _ := h.bobTU.requests[0].in.Msg.TopVia()
	if v, _ := got.RPort(); v != "5060" || got.Received() != "192.0.2.10" {
		t.Errorf("bob's view of the Via %v: want rport=5060;received=192.0.2.10", got)
	}
	back, _ := h.responses[0].in.Msg.TopVia()
	if v, _ := back.RPort(); v != "5060" {
		t.Errorf("the response's Via %v does not carry the filled rport", back)
	}
}
