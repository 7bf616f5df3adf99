package lessons

import (
	"testing"

	"github.com/siplab/siplab/sim/sip"
)

// TestHold: RFC 5359 §2.1 — the hold re-INVITE offers a=sendonly and bob
// answers a=recvonly; the resume offers and is answered a=sendrecv; every
// new description keeps its o= session id and raises the version by one
// (RFC 3264 §8, §8.4), and the re-INVITEs stay in the dialog.
func TestHold(t *testing.T) {
	tr := run(t, "hold", 1)
	invites := []*sip.Message{one(t, tr, "alice", "bob", "INVITE", 1), one(t, tr, "alice", "bob", "INVITE", 2), one(t, tr, "alice", "bob", "INVITE", 3)}
	oks := []*sip.Message{one(t, tr, "bob", "alice", "200", 1), one(t, tr, "bob", "alice", "200", 2), one(t, tr, "bob", "alice", "200", 3)}
	for i, want := range []struct{ offer, answer string }{{"", ""}, {"sendonly", "recvonly"}, {"sendrecv", "sendrecv"}} {
		if got := directionOf(t, invites[i]); got != want.offer {
			t.Errorf("INVITE %d offers direction %q, want %q", i+1, got, want.offer)
		}
		if got := directionOf(t, oks[i]); got != want.answer {
			t.Errorf("200 %d answers direction %q, want %q", i+1, got, want.answer)
		}
		if c := cseqOf(t, invites[i]); c.Seq != uint32(i+1) || c.Method != sip.INVITE {
			t.Errorf("INVITE %d has CSeq %v", i+1, c)
		}
		if i == 0 {
			continue
		}
		if invites[i].CallID() != invites[0].CallID() || toOf(t, invites[i]).Tag() != toOf(t, oks[0]).Tag() {
			t.Errorf("re-INVITE %d is not in the dialog: %s / %s", i+1, invites[i].CallID(), invites[i].Get("To"))
		}
		for _, pair := range []struct {
			who      string
			old, new *sip.Message
		}{{"alice's offer", invites[i-1], invites[i]}, {"bob's answer", oks[i-1], oks[i]}} {
			o1, o2 := sdpOf(t, pair.old).Origin, sdpOf(t, pair.new).Origin
			if o1.SessionID != o2.SessionID || !versionPlusOne(o1.SessionVersion, o2.SessionVersion) {
				t.Errorf("%s %d: o= %s %s after %s %s, want the same id and the next version", pair.who, i+1, o2.SessionID, o2.SessionVersion, o1.SessionID, o1.SessionVersion)
			}
		}
	}
	for k := 1; k <= 3; k++ {
		if c := cseqOf(t, one(t, tr, "alice", "bob", "ACK", k)); c.Seq != uint32(k) || c.Method != sip.ACK {
			t.Errorf("ACK %d has CSeq %v", k, c)
		}
	}
}

// directionOf is the direction attribute of the first stream of a
// message's SDP ("" for none).
func directionOf(t *testing.T, m *sip.Message) string {
	t.Helper()
	for _, a := range sdpOf(t, m).Media[0].Attributes {
		switch a {
		case "sendonly", "recvonly", "inactive", "sendrecv":
			return a
		}
	}
	return ""
}
