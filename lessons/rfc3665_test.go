package lessons

import (
	"testing"
)

// TestTemporarilyUnavailable: RFC 3665 §3.11 — bob's 180 and 480 carry
// the same To tag (one early dialog, ended by its UAS); every hop ACKs the
// 480 it receives with the branch of the INVITE it sent (RFC 3261
// §17.1.1.3), and the 480 alice gets is the one bob sent, Call-ID and tags
// unchanged.
func TestTemporarilyUnavailable(t *testing.T) {
	tr := run(t, "callee-unavailable", 1)
	ringing, unavailable := one(t, tr, "bob", "proxy2", "180", 1), one(t, tr, "bob", "proxy2", "480", 1)
	r, _ := ringing.To()
	u, _ := unavailable.To()
	if r.Tag() == "" || r.Tag() != u.Tag() {
		t.Errorf("180 To tag %q, 480 To tag %q: want the same early dialog", r.Tag(), u.Tag())
	}
	for _, hop := range [][2]string{{"proxy2", "bob"}, {"proxy1", "proxy2"}, {"alice", "proxy1"}} {
		invite, ack := one(t, tr, hop[0], hop[1], "INVITE", 1), one(t, tr, hop[0], hop[1], "ACK", 1)
		iv, _ := invite.TopVia()
		av, _ := ack.TopVia()
		if iv.Branch() != av.Branch() || cseqOf(t, ack).Seq != cseqOf(t, invite).Seq {
			t.Errorf("%s>%s ACK branch %s CSeq %s, want the INVITE's %s and %d", hop[0], hop[1], av.Branch(), ack.Get("CSeq"), iv.Branch(), cseqOf(t, invite).Seq)
		}
		if to, _ := ack.To(); to.Tag() != u.Tag() {
			t.Errorf("%s>%s ACK To tag %q, want the 480's %q", hop[0], hop[1], to.Tag(), u.Tag())
		}
	}
	final := one(t, tr, "proxy1", "alice", "480", 1)
	if to, _ := final.To(); to.Tag() != u.Tag() || final.CallID() != unavailable.CallID() {
		t.Errorf("alice's 480: To tag %q, Call-ID %s", to.Tag(), final.CallID())
	}
	if n := len(matching(tr, "", "", "200")); n != 1 { // the REGISTER's only
		t.Errorf("%d 200 responses, want only the REGISTER's", n)
	}
}
