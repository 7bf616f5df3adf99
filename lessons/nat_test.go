package lessons

import (
	"slices"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
)

// TestNATRPortDetail: the nat-rport lesson's addresses. alice's REGISTER
// asks for rport and its 200 comes back filled in (received, rport: the
// NAT's binding, RFC 3581 §4) through the NAT; carol's, without rport, is
// sent to the Via's port 5060 and dropped there (RFC 3261 §18.2.2). The
// proxy sends bob's INVITE to alice's flow with her contact as Request-URI;
// once her keep-alives stop the binding expires 30 s after her last packet
// out, and the second INVITE is dropped at the NAT.
func TestNATRPortDetail(t *testing.T) {
	tr := run(t, "nat-rport", 1)
	reg := one(t, tr, "alice", "registrar", "REGISTER", 1)
	if v, _ := reg.TopVia(); v.Params.Value("rport") != "" || !v.Params.Has("rport") {
		t.Errorf("alice's REGISTER Via %q: want an empty rport", v)
	}
	ok := one(t, tr, "registrar", "alice", "200", 1)
	v, _ := ok.TopVia()
	if got := v.Received(); got != "198.51.100.1" {
		t.Errorf("200 to alice: received=%q, want the NAT's address", got)
	}
	if got, _ := v.RPort(); got != "20000" {
		t.Errorf("200 to alice: rport=%q, want the binding's port 20000", got)
	}

	lost := matching(tr, "registrar", "nat", "200")
	if len(lost) == 0 {
		t.Fatal("no 200 for carol lost at the NAT")
	}
	for _, e := range lost {
		m := parse(t, e)
		v, _ := m.TopVia()
		if _, asked := v.RPort(); asked || v.Received() != "198.51.100.1" || v.Port != 5060 || !e.Dropped {
			t.Errorf("#%d: carol's 200 Via %q dropped=%v: want received only, port 5060, dropped", e.Seq, v, e.Dropped)
		}
		if !hasNote(e, "net.nat.nobinding", "198.51.100.1:5060") {
			t.Errorf("#%d: no note that the NAT has no binding at 5060: %v", e.Seq, e.Notes)
		}
	}
	if n := len(matching(tr, "registrar", "carol", "200")); n != 0 {
		t.Errorf("%d 200s reached carol, want none", n)
	}

	invites := matching(tr, "proxy", "alice", "INVITE")
	if len(invites) != 1 {
		t.Fatalf("%d INVITEs reached alice, want 1", len(invites))
	}
	if uri := parse(t, invites[0]).RequestURI.String(); uri != "sip:alice@client.atlanta.example.com" {
		t.Errorf("INVITE Request-URI %s, want alice's contact", uri)
	}
	if !hasNote(invites[0], "net.nat.in", "198.51.100.1:20000", "10.0.0.10:5060") {
		t.Errorf("INVITE to alice: no NAT translation note: %v", invites[0].Notes)
	}

	var expired time.Duration
	for _, e := range tr.Events {
		if e.Type == sim.EventNote && e.Node == "nat" && e.Summary.Key == "net.nat.expired" && e.Summary.Args[0] == "10.0.0.10:5060" {
			expired = e.At
		}
	}
	if want := 78060 * time.Millisecond; expired != want {
		t.Errorf("alice's binding expired at %v, want %v (30 s after her 200 to the BYE)", expired, want)
	}
	second := matching(tr, "proxy", "nat", "INVITE")
	if len(second) == 0 || second[0].At < expired {
		t.Fatalf("the second INVITE is not dropped at the NAT after the binding expired: %v", second)
	}
	if one(t, tr, "proxy", "bob", "408", 1) == nil {
		t.Error("bob gets no 408")
	}
}

// hasNote reports whether e has a note with the key and these first args.
func hasNote(e sim.Event, key string, args ...string) bool {
	return slices.ContainsFunc(e.Notes, func(n sim.Text) bool {
		return n.Key == key && len(n.Args) >= len(args) && slices.Equal(n.Args[len(n.Args)-len(args):], args)
	})
}
