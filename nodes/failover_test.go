package nodes

import (
	"net/netip"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// srvNet is alice and two servers of biloxi.example.com, ss1 (SRV priority
// 10) and ss2 (priority 20), each a UA for the test: what matters is where
// alice's INVITEs go.
func srvNet(t *testing.T) (*sim.Sim, *UA, *UA, *UA) {
	t.Helper()
	s := sim.New(1)
	ua := func(name, host, domain, addr string) *UA {
		el := NewElement(s, name, sim.KindUA, host, domain, netip.MustParseAddrPort(addr))
		return NewUA(el, name, "", sip.URI{Scheme: "sip", User: name, Host: domain})
	}
	alice := ua("alice", "client.atlanta.example.com", "atlanta.example.com", "192.0.2.101:5060")
	ss1 := ua("ss1", "ss1.biloxi.example.com", "biloxi.example.com", "192.0.2.21:5060")
	ss2 := ua("ss2", "ss2.biloxi.example.com", "biloxi.example.com", "192.0.2.22:5060")
	for _, peer := range []*UA{ss1, ss2} {
		s.Net.Connect(alice.Host, peer.Host, sim.LinkConfig{Latency: 10 * time.Millisecond, Transport: sim.UDP})
	}
	for _, rec := range []string{
		"_sip._udp.biloxi.example.com SRV 10 0 5060 ss1.biloxi.example.com",
		"_sip._udp.biloxi.example.com SRV 20 0 5060 ss2.biloxi.example.com",
	} {
		r, err := sim.ParseRecord(rec)
		if err != nil {
			t.Fatal(err)
		}
		s.DNS.Add(r)
	}
	return s, alice, ss1, ss2
}

// invitesTo are the INVITEs sent to node, and when.
func invitesTo(s *sim.Sim, node string) (times []time.Duration, msgs []*sip.Message) {
	for _, e := range s.Trace.Events {
		if e.Type == sim.EventMessage && e.To == node {
			if m, err := sip.Parse([]byte(e.Raw)); err == nil && m.Method == sip.INVITE {
				times, msgs = append(times, e.At), append(msgs, m)
			}
		}
	}
	return times, msgs
}

// TestCallFailsOver: RFC 3263 §4.3. ss1 is down: alice's INVITE
// transaction times out (Timer B, 64·T1) and the same INVITE, with a new
// branch, goes to ss2, whose address is looked up only then. With ss1
// answering 503, the INVITE goes to ss2 at once.
func TestCallFailsOver(t *testing.T) {
	bob := sip.URI{Scheme: "sip", User: "bob", Host: "biloxi.example.com"}
	for _, tc := range []struct {
		name  string
		setup func(ss1 *UA)
		after time.Duration // when the INVITE goes to ss2
		tries int           // INVITEs sent to ss1
	}{
		{"timeout", func(ss1 *UA) { ss1.Host.Down = true }, 64 * T1, 7},
		{"503", func(ss1 *UA) { ss1.AnswerCode = sip.StatusServiceUnavailable }, 20 * time.Millisecond, 1},
	} {
		s, alice, ss1, _ := srvNet(t)
		tc.setup(ss1)
		var call *Call
		s.After(0, func() { call = alice.Call(bob, CallOptions{}) })
		if err := s.Run(); err != nil {
			t.Fatal(err)
		}
		t1, first := invitesTo(s, "ss1")
		t2, second := invitesTo(s, "ss2")
		if len(first) != tc.tries || len(second) != 1 || t2[0] != tc.after {
			t.Fatalf("%s: INVITEs to ss1 at %v, to ss2 at %v; want %d to ss1, then one to ss2 at %v", tc.name, t1, t2, tc.tries, tc.after)
		}
		for _, h := range []string{"CSeq", "Call-ID", "From", "To"} {
			if first[0].Get(h) != second[0].Get(h) {
				t.Errorf("%s: %s %q to ss2, %q to ss1: not the same request", tc.name, h, second[0].Get(h), first[0].Get(h))
			}
		}
		v1, _ := first[0].TopVia()
		v2, _ := second[0].TopVia()
		if v1.Branch() == v2.Branch() {
			t.Errorf("%s: the same branch %s: not a new transaction", tc.name, v1.Branch())
		}
		var aAt []time.Duration
		for _, e := range s.Trace.Events {
			if e.Type == sim.EventLookup && e.Summary.Key == "net.dns.a.found" {
				aAt = append(aAt, e.At)
			}
		}
		if len(aAt) != 2 || aAt[0] != 0 || aAt[1] != tc.after {
			t.Errorf("%s: A lookups at %v, want at 0 and %v", tc.name, aAt, tc.after)
		}
		if call == nil || !call.Answered {
			t.Errorf("%s: the call through ss2 was not answered", tc.name)
		}
	}
}
