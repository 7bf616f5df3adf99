package sim

import (
	"net/netip"
	"testing"
	"time"
)

// TestHostMove: a host that moves sends from its new address and receives
// only there; a packet sent to its old address finds no host, one in flight
// to it when it moves is dropped on arrival, and the move is traced as a
// state event naming both addresses. A move to a taken or invalid address
// fails and changes nothing.
func TestHostMove(t *testing.T) {
	s := New(1)
	old, moved := netip.MustParseAddrPort("192.0.2.201:5060"), netip.MustParseAddrPort("192.0.2.150:5060")
	bob := s.Net.AddHost("bob", "ua", old)
	alice := s.Net.AddHost("alice", "ua", netip.MustParseAddrPort("192.0.2.101:5060"))
	var bobGot, aliceGot []Packet
	bob.Receive = func(p Packet) { bobGot = append(bobGot, p) }
	alice.Receive = func(p Packet) { aliceGot = append(aliceGot, p) }

	alice.Send(old, []byte("before"), SendOptions{}) // arrives at 10 ms
	s.After(time.Second, func() { alice.Send(old, []byte("inflight"), SendOptions{}) })
	s.After(time.Second+5*time.Millisecond, func() {
		if _, err := bob.Move(alice.Addr); err == nil {
			t.Error("moving onto alice's address succeeded")
		}
		if _, err := bob.Move(netip.AddrPort{}); err == nil {
			t.Error("moving to an invalid address succeeded")
		}
		if bob.Addr != old {
			t.Fatalf("a failed move changed the address to %v", bob.Addr)
		}
		if _, err := bob.Move(moved); err != nil {
			t.Fatal(err)
		}
	})
	s.After(2*time.Second, func() {
		alice.Send(old, []byte("stale"), SendOptions{})
		alice.Send(moved, []byte("fresh"), SendOptions{})
		bob.Send(alice.Addr, []byte("from bob"), SendOptions{})
	})
	if err := s.Run(); err != nil {
		t.Fatal(err)
	}
	if len(bobGot) != 2 || string(bobGot[0].Data) != "before" || string(bobGot[1].Data) != "fresh" || bobGot[1].To != moved {
		t.Fatalf("bob got %v, want \"before\" at the old address and \"fresh\" at the new one", bobGot)
	}
	if len(aliceGot) != 1 || aliceGot[0].From != moved {
		t.Fatalf("alice got %v, want one packet from %v", aliceGot, moved)
	}
	if s.Net.HostAt(old) != nil || s.Net.HostAt(moved) != bob {
		t.Errorf("the network still lists bob at %v or not at %v", old, moved)
	}
	dropped := map[string]string{}
	var moves []Event
	for _, e := range s.Trace.Events {
		switch {
		case e.Type == EventMessage && e.Dropped:
			dropped[e.Raw] = e.Notes[len(e.Notes)-1].Key
		case e.Type == EventNote && e.Summary.Key == KeyHostMoved:
			moves = append(moves, e)
		}
	}
	want := map[string]string{"inflight": "net.host.gone", "stale": "net.host.none"}
	if len(dropped) != len(want) {
		t.Errorf("dropped %v, want %v", dropped, want)
	}
	for raw, w := range want {
		if dropped[raw] != w {
			t.Errorf("%q: dropped as %q, want %q", raw, dropped[raw], w)
		}
	}
	if len(moves) != 1 || moves[0].Node != "bob" || moves[0].At != time.Second+5*time.Millisecond ||
		moves[0].Summary.Args[1] != old.String() || moves[0].Summary.Args[2] != moved.String() {
		t.Errorf("move events %+v, want one for bob from %v to %v at 1.005s", moves, old, moved)
	}
}
