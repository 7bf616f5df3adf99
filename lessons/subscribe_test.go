package lessons

import (
	"strings"
	"testing"
	"time"

	"github.com/siplab/siplab/sim/sip"
)

// TestSubscribeNotifyDetail: the presence lesson's subscription dialog
// (RFC 6665, RFC 3856): the SUBSCRIBE's Event, Accept and Expires; the 200
// with the notifier's tag and the granted Expires; three NOTIFYs within the
// dialog, from bob's tag to alice's, with bob's own CSeq counting up, the
// Subscription-State active then terminated;reason=timeout when the 60 s
// run out, and PIDF bodies open, closed, closed.
func TestSubscribeNotifyDetail(t *testing.T) {
	l, err := Find("subscribe-notify")
	if err != nil {
		t.Fatal(err)
	}
	tr, err := Run(l, RunOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	sub := one(t, tr, "alice", "bob", "SUBSCRIBE", 1)
	for h, want := range map[string]string{"Event": "presence", "Accept": "application/pidf+xml", "Expires": "60"} {
		if got := sub.Get(h); got != want {
			t.Errorf("SUBSCRIBE %s: %q, want %q", h, got, want)
		}
	}
	ok := one(t, tr, "bob", "alice", "200", 1)
	if c := cseqOf(t, ok); c.Method != sip.SUBSCRIBE {
		t.Fatalf("first 200 answers %v, want the SUBSCRIBE", c)
	}
	if ok.Get("Expires") != "60" {
		t.Errorf("200 Expires %q, want 60", ok.Get("Expires"))
	}
	subFrom, _ := sub.From()
	okTo, _ := ok.To()
	if okTo.Tag() == "" {
		t.Fatal("the 200 to the SUBSCRIBE has no To tag: no dialog")
	}
	notifies := matching(tr, "bob", "alice", "NOTIFY")
	if len(notifies) != 3 {
		t.Fatalf("%d NOTIFYs, want 3: initial, change, timeout", len(notifies))
	}
	want := []struct {
		state, basic string
		at           time.Duration
	}{
		{"active;expires=60", "open", 10 * time.Millisecond},
		{"active;expires=41", "closed", 20 * time.Second},
		{"terminated;reason=timeout", "closed", 60*time.Second + 10*time.Millisecond},
	}
	var first uint32
	for i, e := range notifies {
		n := parse(t, e)
		from, _ := n.From()
		to, _ := n.To()
		if from.Tag() != okTo.Tag() || to.Tag() != subFrom.Tag() || n.CallID() != sub.CallID() {
			t.Errorf("NOTIFY %d: From tag %q To tag %q Call-ID %q, want the dialog's %q, %q, %q",
				i+1, from.Tag(), to.Tag(), n.CallID(), okTo.Tag(), subFrom.Tag(), sub.CallID())
		}
		c := cseqOf(t, n)
		if i == 0 {
			first = c.Seq
		} else if c.Seq != first+uint32(i) {
			t.Errorf("NOTIFY %d CSeq %d, want %d: bob's count in the dialog, one up each time", i+1, c.Seq, first+uint32(i))
		}
		if n.Get("Event") != "presence" || n.Get("Subscription-State") != want[i].state {
			t.Errorf("NOTIFY %d: Event %q, Subscription-State %q; want presence, %q", i+1, n.Get("Event"), n.Get("Subscription-State"), want[i].state)
		}
		if n.ContentType() != "application/pidf+xml" || !strings.Contains(string(n.Body), "<basic>"+want[i].basic+"</basic>") {
			t.Errorf("NOTIFY %d: %s body %q, want a PIDF document with basic %s", i+1, n.ContentType(), n.Body, want[i].basic)
		}
		if e.At != want[i].at {
			t.Errorf("NOTIFY %d at %v, want %v", i+1, e.At, want[i].at)
		}
	}
	if oks := matching(tr, "alice", "bob", "200"); len(oks) != 3 {
		t.Errorf("alice answered %d NOTIFYs with 200, want 3", len(oks))
	}
}

// TestMessageWaitingDetail: the message-summary lesson (RFC 3842): the
// SUBSCRIBE's Event and Accept; the NOTIFY at once in the dialog with
// Messages-Waiting: yes, the account and Voice-Message: 2/8 (0/2) from the
// mailbox's configuration; the last NOTIFY terminated;reason=timeout at 30 s.
func TestMessageWaitingDetail(t *testing.T) {
	l, err := Find("message-waiting")
	if err != nil {
		t.Fatal(err)
	}
	tr, err := Run(l, RunOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	sub := one(t, tr, "alice", "vmail", "SUBSCRIBE", 1)
	if sub.Get("Event") != "message-summary" || sub.Get("Accept") != "application/simple-message-summary" {
		t.Errorf("SUBSCRIBE Event %q Accept %q", sub.Get("Event"), sub.Get("Accept"))
	}
	ok := one(t, tr, "vmail", "alice", "200", 1)
	okTo, _ := ok.To()
	subFrom, _ := sub.From()
	first := one(t, tr, "vmail", "alice", "NOTIFY", 1)
	from, _ := first.From()
	to, _ := first.To()
	if from.Tag() != okTo.Tag() || to.Tag() != subFrom.Tag() {
		t.Errorf("NOTIFY From tag %q To tag %q, want %q and %q", from.Tag(), to.Tag(), okTo.Tag(), subFrom.Tag())
	}
	wantBody := "Messages-Waiting: yes\r\nMessage-Account: sip:alice@atlanta.example.com\r\nVoice-Message: 2/8 (0/2)\r\n"
	if first.Get("Event") != "message-summary" || first.ContentType() != "application/simple-message-summary" || string(first.Body) != wantBody {
		t.Errorf("NOTIFY Event %q, %s body %q; want message-summary, %q", first.Get("Event"), first.ContentType(), first.Body, wantBody)
	}
	last := one(t, tr, "vmail", "alice", "NOTIFY", 2)
	if last.Get("Subscription-State") != "terminated;reason=timeout" || cseqOf(t, last).Seq != cseqOf(t, first).Seq+1 {
		t.Errorf("last NOTIFY %q CSeq %v", last.Get("Subscription-State"), cseqOf(t, last))
	}
	if n := len(matching(tr, "vmail", "alice", "NOTIFY")); n != 2 {
		t.Errorf("%d NOTIFYs, want 2", n)
	}

	// With no new message the lamp goes out: Messages-Waiting: no.
	none := *l
	none.Nodes = append([]Node(nil), l.Nodes...)
	none.Nodes[1].VoiceMessages = "0/10"
	tr, err = Run(&none, RunOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if b := string(one(t, tr, "vmail", "alice", "NOTIFY", 1).Body); !strings.HasPrefix(b, "Messages-Waiting: no\r\n") {
		t.Errorf("with 0/10, body %q, want Messages-Waiting: no", b)
	}
}

// TestNotifyBeforeTheOK: with the 200 of the SUBSCRIBE held back, the first
// NOTIFY reaches alice first; she accepts it and it creates the dialog
// (RFC 6665 §4.1.2.4), so every NOTIFY gets a 200, none a 481.
func TestNotifyBeforeTheOK(t *testing.T) {
	l, err := Find("subscribe-notify")
	if err != nil {
		t.Fatal(err)
	}
	tr, err := Run(l, RunOptions{Seed: 1, Faults: faults(t, "delay:200@bob>alice#1=100ms")})
	if err != nil {
		t.Fatal(err)
	}
	early := 0
	for _, e := range tr.Events {
		if e.Node == "alice" && e.Summary.Key == "node.ua.notify.early" {
			early++
		}
	}
	if early != 1 {
		t.Errorf("alice noted %d NOTIFYs before the 200, want 1: the delay should put the NOTIFY first", early)
	}
	if n := len(matching(tr, "alice", "bob", "481")); n != 0 {
		t.Errorf("%d 481s: the NOTIFY before the 200 was refused", n)
	}
	if n := len(matching(tr, "alice", "bob", "200")); n != 3 {
		t.Errorf("%d 200s from alice, want 3, one per NOTIFY", n)
	}
}
