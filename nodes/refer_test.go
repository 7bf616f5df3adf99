package nodes

import (
	"net/netip"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// answeredCall makes alice call bob directly; bob answers after a second.
func answeredCall(t *testing.T) (*callHarness, *Call) {
	h := newCallHarness(t, false)
	h.bobUA.NoAnswer, h.bobUA.RingFor = false, time.Second
	return h, h.call(0)
}

// RFC 3891 §3: an INVITE whose Replaces names a confirmed dialog of the
// UAS (the to-tag its local tag, the from-tag its remote one) is answered
// at once, without ringing, and once the ACK confirms it the UAS ends the
// replaced dialog with BYE; one that names no dialog gets 481 and ends
// nothing. A Replaces with the tags swapped names no dialog either.
func TestReplacesMatchesADialog(t *testing.T) {
	for _, c := range []struct {
		name      string
		swap, bad bool
		code      int
	}{{"matching", false, false, 200}, {"unknown tag", false, true, 481}, {"tags swapped", true, false, 481}} {
		t.Run(c.name, func(t *testing.T) {
			h, first := answeredCall(t)
			h.s.After(3*time.Second, func() {
				d := first.Dialog
				to, from := d.RemoteTag, d.LocalTag // bob's tag, alice's tag
				if c.swap {
					to, from = from, to
				}
				if c.bad {
					to = "nosuchtag"
				}
				h.aliceUA.Call(h.bobUA.Contact().URI, CallOptions{headers: []sip.Header{{Name: "Replaces", Value: d.CallID + ";to-tag=" + to + ";from-tag=" + from}}})
			})
			h.run()
			invites := h.messages(msgMatch{from: "alice", method: sip.INVITE})
			if len(invites) != 2 {
				t.Fatalf("%d INVITEs, want 2", len(invites))
			}
			second := h.parsed(invites[1]).CallID()
			var finals []int
			rang := false
			for _, e := range h.messages(msgMatch{from: "bob", responses: true}) {
				if m := h.parsed(e); m.CallID() == second {
					if m.StatusCode == sip.StatusRinging {
						rang = true
					} else if m.StatusCode >= 200 {
						finals = append(finals, m.StatusCode)
					}
				}
			}
			if len(finals) != 1 || finals[0] != c.code {
				t.Fatalf("the INVITE with Replaces got %v, want %d", finals, c.code)
			}
			if rang {
				t.Error("the INVITE with Replaces rang (180); a replacing call is answered at once")
			}
			byes := h.messages(msgMatch{from: "bob", method: sip.BYE})
			switch {
			case c.code == 200 && (len(byes) != 1 || h.parsed(byes[0]).CallID() != first.Dialog.CallID):
				t.Errorf("%d BYEs from bob, want 1 ending the replaced call %s", len(byes), first.Dialog.CallID)
			case c.code != 200 && len(byes) != 0:
				t.Errorf("bob sent BYE though nothing was replaced")
			}
		})
	}
}

// RFC 3515 §2.4.1: a REFER without a Refer-To, or with two, gets 400; a
// REFER outside any call is declined with 403 (§2.4.2), and nobody is
// called.
func TestReferIsRefused(t *testing.T) {
	for _, c := range []struct {
		name     string
		referTos []string
		inDialog bool
		code     int
	}{
		{"no Refer-To", nil, true, 400},
		{"two Refer-To", []string{"<sip:carol@chicago.example.com>", "<sip:dave@chicago.example.com>"}, true, 400},
		{"a tel URI", []string{"<tel:+15551234>"}, true, 400},
		{"outside a call", []string{"<sip:carol@chicago.example.com>"}, false, 403},
	} {
		t.Run(c.name, func(t *testing.T) {
			h, first := answeredCall(t)
			h.s.After(3*time.Second, func() {
				req, dest, _ := h.aliceUA.dialogRequest(first.Dialog, sip.REFER)
				if !c.inDialog {
					req = h.aliceUA.newRequest(sip.REFER, h.bobUA.Contact().URI, sip.Address{URI: bobAOR}, h.aliceUA.NewCallID(), 1, dest, nil)
				}
				req.Add("Contact", h.aliceUA.Contact().String())
				addAll(req, "Refer-To", c.referTos)
				h.aliceUA.sendNonInvite(req, dest, Out{}, nil)
			})
			h.run()
			resps := h.messages(msgMatch{from: "bob", responses: true})
			last := h.parsed(resps[len(resps)-1])
			if cseq, _ := last.CSeq(); cseq.Method != sip.REFER || last.StatusCode != c.code {
				t.Errorf("the REFER got %s (%s), want %d", last.StartLine(), cseq.Method, c.code)
			}
			if n := len(h.messages(msgMatch{from: "bob", method: sip.INVITE})); n != 0 {
				t.Errorf("bob sent %d INVITEs after a refused REFER", n)
			}
		})
	}
}

// RFC 3515 §2.4.5, §2.4.7: when the referred call fails, the transferee's
// last NOTIFY carries the failure's status line as its sipfrag, with
// Subscription-State terminated;reason=noresource; the first said 100
// Trying. In an unattended transfer the transferor has already hung up
// after the first NOTIFY (RFC 5359 §2.4).
func TestReferReportsAFailure(t *testing.T) {
	t.Run("busy", testReferBusy)
	t.Run("no route", func(t *testing.T) {
		h, _ := answeredCall(t)
		h.s.After(3*time.Second, func() { h.bobUA.Transfer(sip.URI{Scheme: "sip", User: "carol", Host: "nowhere.invalid"}) })
		h.run()
		notifies := h.messages(msgMatch{from: "alice", method: sip.NOTIFY})
		if len(notifies) != 2 {
			t.Fatalf("%d NOTIFYs, want 2", len(notifies))
		}
		if n := h.parsed(notifies[1]); string(n.Body) != "SIP/2.0 503 Service Unavailable\r\n" || n.Get("Subscription-State") != "terminated;reason=noresource" {
			t.Errorf("last NOTIFY %q, %q; want the 503 of a reference that failed (RFC 3515 §2.4.5), terminated", n.Body, n.Get("Subscription-State"))
		}
	})
}

func testReferBusy(t *testing.T) {
	h, _ := answeredCall(t)
	el := NewElement(h.s, "carol", sim.KindUA, "carol.chicago.example.com", "chicago.example.com", netip.MustParseAddrPort("192.0.2.50:5060"))
	carol := NewUA(el, "carol", "Carol", sip.URI{Scheme: "sip", User: "carol", Host: "chicago.example.com"})
	carol.AnswerCode = sip.StatusBusyHere
	h.s.After(3*time.Second, func() { h.bobUA.Transfer(carol.Contact().URI) })
	h.run()
	refer := h.messages(msgMatch{from: "bob", method: sip.REFER})
	if len(refer) != 1 || h.parsed(refer[0]).Get("Refer-To") != "<sip:carol@carol.chicago.example.com>" {
		t.Fatalf("REFERs %v, want one with Refer-To carol", refer)
	}
	invites := h.messages(msgMatch{from: "alice", to: "carol", method: sip.INVITE})
	if len(invites) != 1 || h.parsed(invites[0]).Get("Referred-By") != "<sip:bob@biloxi.example.com>" {
		t.Fatalf("alice's INVITEs to carol %v, want one with Referred-By bob", invites)
	}
	notifies := h.messages(msgMatch{from: "alice", method: sip.NOTIFY})
	want := []struct{ state, body string }{
		{"active;expires=60", "SIP/2.0 100 Trying\r\n"},
		{"terminated;reason=noresource", "SIP/2.0 486 Busy Here\r\n"},
	}
	if len(notifies) != len(want) {
		t.Fatalf("%d NOTIFYs, want %d", len(notifies), len(want))
	}
	for i, w := range want {
		n := h.parsed(notifies[i])
		if n.Get("Event") != "refer" || n.ContentType() != "message/sipfrag" || n.Get("Subscription-State") != w.state || string(n.Body) != w.body {
			t.Errorf("NOTIFY %d: Event %q, %s, Subscription-State %q, body %q; want refer, message/sipfrag, %q, %q",
				i+1, n.Get("Event"), n.ContentType(), n.Get("Subscription-State"), n.Body, w.state, w.body)
		}
	}
	byes := h.messages(msgMatch{from: "bob", method: sip.BYE})
	if len(byes) != 1 || byes[0].At > notifies[1].At {
		t.Errorf("bob's BYEs %v: want one, before the last NOTIFY", byes)
	}
	for i, e := range h.messages(msgMatch{from: "bob", to: "alice", code: sip.StatusOK}) {
		if m := h.parsed(e); m.CallID() != h.parsed(notifies[0]).CallID() {
			t.Errorf("200 %d from bob is in another dialog", i)
		}
	}
}
