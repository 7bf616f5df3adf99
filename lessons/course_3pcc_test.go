package lessons

import (
	"bytes"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
)

// TestClickToDialDetail: the SDP placement of RFC 3725 §4.1 Flow I in the
// lesson: no body in the INVITE to alice; her 200's offer in the INVITE to
// bob, byte for byte (o= and c= still alice's); no body in the ACK to bob;
// bob's answer in the ACK to alice, sent only after bob's 200.
func TestClickToDialDetail(t *testing.T) {
	tr := run(t, "click-to-dial", 1)
	inviteA := one(t, tr, "controller", "alice", "INVITE", 1)
	okA := one(t, tr, "alice", "controller", "200", 1)
	inviteB := one(t, tr, "controller", "bob", "INVITE", 1)
	okB := one(t, tr, "bob", "controller", "200", 1)
	ackB := one(t, tr, "controller", "bob", "ACK", 1)
	ackA := one(t, tr, "controller", "alice", "ACK", 1)
	if len(inviteA.Body) != 0 || inviteA.Has("Content-Type") || inviteA.Get("Content-Length") != "0" {
		t.Errorf("INVITE to alice: body %q, Content-Type %q; want none", inviteA.Body, inviteA.Get("Content-Type"))
	}
	if !bytes.Contains(okA.Body, []byte("o=alice ")) || !bytes.Equal(inviteB.Body, okA.Body) {
		t.Errorf("INVITE to bob carries %q, want alice's offer from her 200:\n%s", inviteB.Body, okA.Body)
	}
	if !bytes.Contains(okB.Body, []byte("o=bob ")) || !bytes.Contains(okB.Body, []byte("m=audio 49170 RTP/AVP 0 8")) {
		t.Errorf("bob's 200 answers %q, want his o= and the offer's codecs in its order, PCMU, PCMA", okB.Body)
	}
	if len(ackB.Body) != 0 {
		t.Errorf("ACK to bob carries %q, want no body", ackB.Body)
	}
	if !bytes.Equal(ackA.Body, okB.Body) || ackA.Get("Content-Type") != "application/sdp" {
		t.Errorf("ACK to alice carries %q (%q), want bob's answer as application/sdp", ackA.Body, ackA.Get("Content-Type"))
	}
	ackEv, okEv := matching(tr, "controller", "alice", "ACK")[0], matching(tr, "bob", "controller", "200")[0]
	if ackEv.Cause != okEv.Seq {
		t.Errorf("the ACK to alice is caused by #%d, want bob's 200 #%d", ackEv.Cause, okEv.Seq)
	}
	if n := len(matching(tr, "alice", "controller", "200")); n < 3 {
		t.Errorf("alice sent %d 200s, want her retransmissions while the ACK waits", n)
	}
}

// TestSessionTimerDetail: the RFC 4028 headers of the lesson: Supported:
// timer and Session-Expires: 60 in the first INVITE; 422 with Min-SE: 90;
// the retry with Session-Expires and Min-SE 90 and the next CSeq; the 200
// with Session-Expires: 90;refresher=uac and Require: timer; the UPDATE
// without a body 45 s after the 200; bob's BYE 60 s after the refresh.
func TestSessionTimerDetail(t *testing.T) {
	tr := run(t, "session-timer", 1)
	first := one(t, tr, "alice", "bob", "INVITE", 1)
	want := func(what string, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s: %q, want %q", what, got, want)
		}
	}
	want("INVITE 1 Supported", first.Get("Supported"), "timer")
	want("INVITE 1 Session-Expires", first.Get("Session-Expires"), "60")
	want("422 Min-SE", one(t, tr, "bob", "alice", "422", 1).Get("Min-SE"), "90")
	retry := one(t, tr, "alice", "bob", "INVITE", 2)
	want("INVITE 2 Session-Expires", retry.Get("Session-Expires"), "90")
	want("INVITE 2 Min-SE", retry.Get("Min-SE"), "90")
	if c1, c2 := cseqOf(t, first), cseqOf(t, retry); c2.Seq != c1.Seq+1 || retry.CallID() != first.CallID() {
		t.Errorf("retry CSeq %d Call-ID %s, want %d and the same Call-ID", c2.Seq, retry.CallID(), c1.Seq+1)
	}
	ok := one(t, tr, "bob", "alice", "200", 1)
	want("200 Session-Expires", ok.Get("Session-Expires"), "90;refresher=uac")
	want("200 Require", ok.Get("Require"), "timer")
	update := one(t, tr, "alice", "bob", "UPDATE", 1)
	want("UPDATE Session-Expires", update.Get("Session-Expires"), "90;refresher=uac")
	want("UPDATE Supported", update.Get("Supported"), "timer")
	if len(update.Body) != 0 {
		t.Errorf("the refresh UPDATE carries %q, want no SDP", update.Body)
	}
	at := func(from, to, lbl string, k int) sim.Event { return matching(tr, from, to, lbl)[k-1] }
	okEv, updEv := at("bob", "alice", "200", 1), at("alice", "bob", "UPDATE", 1)
	if d := updEv.At - okEv.Arrive; d != 45*time.Second {
		t.Errorf("the refresh %v after the 200 arrived, want 45 s (half of 90)", d)
	}
	refreshed, bye := at("bob", "alice", "200", 2), at("bob", "alice", "BYE", 1)
	if d := bye.At - refreshed.At; d != 60*time.Second {
		t.Errorf("bob's BYE %v after the last refresh, want 60 s (90 − min(32, 30))", d)
	}
}
