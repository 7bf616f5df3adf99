package sim

import (
	"net/netip"
	"testing"
	"time"
)

// TestNAT: a host behind a NAT reaches the outside with its source mapped
// to a binding (a new port per inside address, the same one on every
// packet out); the outside answers the binding and reaches it; an outside
// packet to another port, to the private address itself, or to a binding
// idle for the timeout is dropped, and the binding's end is traced.
func TestNAT(t *testing.T) {
	s := New(1)
	nat := s.Net.AddNAT("nat", netip.MustParseAddr("198.51.100.1"), netip.MustParsePrefix("10.0.0.0/24"), 30*time.Second)
	in := s.Net.AddHost("alice", "ua", netip.MustParseAddrPort("10.0.0.10:5060"))
	out := s.Net.AddHost("proxy", "proxy", proxyAddr)
	var inGot, outGot []Packet
	in.Receive = func(p Packet) { inGot = append(inGot, p) }
	out.Receive = func(p Packet) { outGot = append(outGot, p) }

	in.Send(proxyAddr, []byte("one"), SendOptions{})
	s.After(20*time.Second, func() { in.Send(proxyAddr, []byte("two"), SendOptions{}) }) // refreshes
	mapped := netip.MustParseAddrPort("198.51.100.1:20000")
	s.After(45*time.Second, func() { out.Send(mapped, []byte("back"), SendOptions{}) })     // still bound
	s.After(46*time.Second, func() { out.Send(in.Addr, []byte("private"), SendOptions{}) }) // not routable
	s.After(47*time.Second, func() { out.Send(netip.MustParseAddrPort("198.51.100.1:5060"), []byte("port"), SendOptions{}) })
	s.After(60*time.Second, func() { out.Send(mapped, []byte("late"), SendOptions{}) }) // expired at 50 s
	if err := s.Run(); err != nil {
		t.Fatal(err)
	}
	if len(outGot) != 2 || outGot[0].From != mapped || outGot[1].From != mapped {
		t.Fatalf("outside got %v, want two packets from %v", outGot, mapped)
	}
	if len(inGot) != 1 || string(inGot[0].Data) != "back" || inGot[0].To != in.Addr {
		t.Fatalf("inside got %v, want only \"back\", to its own address", inGot)
	}
	var expired []time.Duration
	dropped := map[string]string{}
	for _, e := range s.Trace.Events {
		switch {
		case e.Type == EventNote && e.Summary.Key == "net.nat.expired":
			expired = append(expired, e.At)
		case e.Type == EventMessage && e.Dropped:
			dropped[e.Raw] = e.To + " " + e.Notes[len(e.Notes)-1].Key
		}
	}
	// The last packet out went at 20 s: the binding lives 30 s after it.
	if len(expired) != 1 || expired[0] != 50*time.Second {
		t.Errorf("binding expired at %v, want once at 50s", expired)
	}
	want := map[string]string{"private": "alice net.nat.private", "port": "nat net.nat.nobinding", "late": "nat net.nat.nobinding"}
	for raw, w := range want {
		if dropped[raw] != w {
			t.Errorf("%q: dropped as %q, want %q", raw, dropped[raw], w)
		}
	}
	if nat.Outside.String() != "198.51.100.1" || s.Trace.Node("nat").Kind != KindNAT {
		t.Errorf("the NAT is not listed as a node of kind nat: %+v", s.Trace.Node("nat"))
	}
}
