package nodes

import (
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// RFC 4028: alice asks for 60 s; bob's Min-SE is 90 s, so he answers 422
// with Min-SE: 90 (§9) and alice retries with Session-Expires and Min-SE 90
// (§7.3). bob's 200 grants 90 s with refresher=uac and Require: timer;
// alice refreshes with an UPDATE every 45 s (§10), each answered with the
// interval again. Once her refreshes stop reaching bob, he sends BYE
// min(32 s, 90/3) = 30 s before the session would expire (§10), and so
// does alice, whose refresh got no 2xx.
func TestSessionTimer(t *testing.T) {
	h := newCallHarness(t, false)
	h.bobUA.NoAnswer, h.bobUA.RingFor = false, time.Second
	h.aliceUA.SessionExpires = 60 * time.Second
	h.bobUA.MinSE = 90 * time.Second
	// From 100 s on, nothing alice sends reaches bob.
	h.s.Net.AddFilter(sim.FilterFunc(func(p *sim.Packet, ctx sim.FilterContext) sim.Verdict {
		if ctx.From.Name == "alice" && h.s.Now() >= 100*time.Second {
			return sim.Drop(sim.Lit("test: alice is gone"))
		}
		return sim.Pass()
	}))
	h.aliceUA.Call(h.bobUA.Contact().URI, CallOptions{})
	h.run()

	invites := h.messages(msgMatch{from: "alice", method: sip.INVITE})
	if len(invites) != 2 {
		t.Fatalf("%d INVITEs, want the first and its retry after the 422", len(invites))
	}
	first, retry := h.parsed(invites[0]), h.parsed(invites[1])
	if !hasOption(first, "Supported", optionTimer) || first.Get("Session-Expires") != "60" || first.Has("Min-SE") {
		t.Errorf("first INVITE: Supported %q, Session-Expires %q, Min-SE %q; want timer, 60, none",
			first.Get("Supported"), first.Get("Session-Expires"), first.Get("Min-SE"))
	}
	tooSmall := h.messages(msgMatch{from: "bob", code: sip.StatusIntervalTooSmall})
	if len(tooSmall) != 1 || h.parsed(tooSmall[0]).Get("Min-SE") != "90" {
		t.Fatalf("want one 422 with Min-SE: 90, got %d", len(tooSmall))
	}
	fc, _ := first.CSeq()
	rc, _ := retry.CSeq()
	ff, _ := first.From()
	rf, _ := retry.From()
	if retry.Get("Session-Expires") != "90" || retry.Get("Min-SE") != "90" || rc.Seq != fc.Seq+1 || rf.Tag() != ff.Tag() || retry.CallID() != first.CallID() {
		t.Errorf("retry: Session-Expires %q, Min-SE %q, CSeq %d; want 90, 90, %d with the same Call-ID and From tag",
			retry.Get("Session-Expires"), retry.Get("Min-SE"), rc.Seq, fc.Seq+1)
	}
	oks := h.messages(msgMatch{from: "bob", code: sip.StatusOK})
	if len(oks) < 2 {
		t.Fatalf("%d 200s from bob, want the INVITE's and the refreshes'", len(oks))
	}
	for _, e := range oks[:2] {
		ok := h.parsed(e)
		if ok.Get("Session-Expires") != "90;refresher=uac" || !hasOption(ok, "Require", optionTimer) {
			t.Errorf("bob's %s: Session-Expires %q, Require %q; want 90;refresher=uac and timer", ok.StartLine(), ok.Get("Session-Expires"), ok.Get("Require"))
		}
	}
	updates := h.messages(msgMatch{from: "alice", method: sip.UPDATE})
	if len(updates) < 3 {
		t.Fatalf("%d UPDATEs, want refreshes at 45 s intervals", len(updates))
	}
	answered := oks[0].Arrive
	for i, e := range updates[:2] {
		if want := answered + 45*time.Second; e.At != want {
			t.Errorf("refresh %d at %v, want 45 s after the last 2xx, %v", i+1, e.At, want)
		}
		u := h.parsed(e)
		if len(u.Body) != 0 || u.Get("Session-Expires") != "90;refresher=uac" || u.Get("Min-SE") != "90" {
			t.Errorf("refresh %d: body %q, Session-Expires %q, Min-SE %q", i+1, u.Body, u.Get("Session-Expires"), u.Get("Min-SE"))
		}
		answered = oks[i+1].Arrive
	}
	// bob last heard a refresh when he answered the second one.
	byes := h.messages(msgMatch{from: "bob", method: sip.BYE})
	if len(byes) == 0 {
		t.Fatal("bob never sent BYE, though the refreshes stopped")
	}
	if want := oks[2].At + 60*time.Second; byes[0].At != want {
		t.Errorf("bob's BYE at %v, want %v: 90 s − min(32 s, 30 s) after the last refresh", byes[0].At, want)
	}
	// alice, the refresher, got no 2xx to her last refresh: she too sends
	// BYE before the session expires, 60 s after the last 2xx she got.
	aliceByes := h.messages(msgMatch{from: "alice", method: sip.BYE})
	if len(aliceByes) == 0 || aliceByes[0].At != oks[2].Arrive+60*time.Second {
		t.Errorf("alice's BYEs %v, want the first 60 s after the last refresh's 200 arrived (%v)", aliceByes, oks[2].Arrive+60*time.Second)
	}
}

// RFC 4028 §9: a UAS without session timers ignores Session-Expires: no
// 422, no Session-Expires in its 2xx, and no refresh follows.
func TestSessionTimerUnsupported(t *testing.T) {
	h := newCallHarness(t, false)
	h.bobUA.NoAnswer, h.bobUA.RingFor = false, time.Second
	h.aliceUA.SessionExpires = 60 * time.Second
	h.aliceUA.Call(h.bobUA.Contact().URI, CallOptions{HangupAfter: 100 * time.Second})
	h.run()
	oks := h.messages(msgMatch{from: "bob", code: sip.StatusOK})
	if len(oks) == 0 || h.parsed(oks[0]).Has("Session-Expires") {
		t.Fatal("bob's 200 should carry no Session-Expires")
	}
	if n := len(h.messages(msgMatch{method: sip.UPDATE})) + len(h.messages(msgMatch{code: sip.StatusIntervalTooSmall})); n != 0 {
		t.Errorf("%d refreshes or 422s without a session timer, want none", n)
	}
}

// RFC 4028 §7.4, §10: a re-INVITE within the dialog is a session refresh
// too: it carries the running timer (Session-Expires with the refresher,
// Supported: timer), its 2xx grants it again, and the next UPDATE refresh
// comes half an interval after that 2xx, not after the first one.
func TestReinviteRefreshesTheSession(t *testing.T) {
	h := newCallHarness(t, false)
	h.bobUA.NoAnswer, h.bobUA.RingFor = false, time.Second
	h.aliceUA.SessionExpires = 90 * time.Second
	h.bobUA.MinSE = 90 * time.Second
	c := h.aliceUA.Call(h.bobUA.Contact().URI, CallOptions{HangupAfter: 80 * time.Second})
	h.s.After(20*time.Second, c.Hold)
	h.run()

	invites := h.messages(msgMatch{from: "alice", method: sip.INVITE})
	if len(invites) != 2 {
		t.Fatalf("%d INVITEs, want the call and the hold", len(invites))
	}
	reinvite := h.parsed(invites[1])
	if reinvite.Get("Session-Expires") != "90;refresher=uac" || !hasOption(reinvite, "Supported", optionTimer) {
		t.Errorf("the re-INVITE: Session-Expires %q, Supported %q; want 90;refresher=uac and timer", reinvite.Get("Session-Expires"), reinvite.Get("Supported"))
	}
	oks := h.messages(msgMatch{from: "bob", code: sip.StatusOK})
	if len(oks) < 2 || h.parsed(oks[1]).Get("Session-Expires") != "90;refresher=uac" {
		t.Fatal("bob's 200 to the re-INVITE should grant the timer again")
	}
	updates := h.messages(msgMatch{from: "alice", method: sip.UPDATE})
	if len(updates) == 0 || updates[0].At != oks[1].Arrive+45*time.Second {
		t.Errorf("UPDATE refreshes %v, want the first 45 s after the re-INVITE's 200 arrived (%v)", updates, oks[1].Arrive+45*time.Second)
	}
}
