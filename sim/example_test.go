package sim_test

import (
	"bytes"
	"fmt"
	"net/netip"
	"os"
	"time"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
)

// Two hosts exchange a datagram over a 20 ms link; bob answers it.
func Example() {
	s := sim.New(1)
	alice := s.Net.AddHost("alice", "ua", netip.MustParseAddrPort("192.0.2.10:5060"))
	bob := s.Net.AddHost("bob", "ua", netip.MustParseAddrPort("198.51.100.20:5060"))
	s.Net.Connect(alice, bob, sim.LinkConfig{Latency: 20 * time.Millisecond})

	bob.Receive = func(p sim.Packet) {
		fmt.Printf("%v bob got %q\n", s.Now(), p.Data)
		bob.Send(p.From, []byte("pong"), sim.SendOptions{Cause: p.Seq})
	}
	alice.Receive = func(p sim.Packet) {
		fmt.Printf("%v alice got %q\n", s.Now(), p.Data)
	}
	alice.Send(bob.Addr, []byte("ping"), sim.SendOptions{})
	if err := s.Run(); err != nil {
		fmt.Println(err)
	}
	for _, e := range s.Trace.Events {
		fmt.Println(e)
	}
	// Output:
	// 20ms bob got "ping"
	// 40ms alice got "pong"
	// #1 0s message alice → bob UDP: ping (arrives 20ms)
	// #2 20ms message bob → alice UDP: pong (arrives 40ms)
}

// A timer set for 500 ms, like RFC 3261's T1, fires after 500 ms of virtual
// time, which takes no wall-clock time at all.
func ExampleSim_After() {
	s := sim.New(1)
	s.After(500*time.Millisecond, func() {
		s.Timer("alice", sim.T("node.timer.retransmit", "A", "INVITE"))
	})
	stopped := s.After(32*time.Second, func() { fmt.Println("never") })
	stopped.Stop()
	s.Run()
	fmt.Println(s.Now())
	fmt.Println(s.Trace.Events[0])
	// Output:
	// 500ms
	// #1 500ms timer alice: node.timer.retransmit(A, INVITE)
}

// The trace in its JSON form: every sentence in English (the views'
// catalog, i18n.EN), its key and arguments beside it.
func ExampleTrace_WriteJSON() {
	s := sim.New(7)
	s.Trace.Lesson, s.Trace.Title = "demo", sim.Lit("One lost datagram")
	alice := s.Net.AddHost("alice", "ua", netip.MustParseAddrPort("192.0.2.10:5060"))
	bob := s.Net.AddHost("bob", "ua", netip.MustParseAddrPort("198.51.100.20:5060"))
	s.Net.Connect(alice, bob, sim.LinkConfig{Latency: 20 * time.Millisecond, Loss: 1})
	alice.Send(bob.Addr, []byte("MESSAGE sip:bob@biloxi.example.com SIP/2.0\r\n\r\n"), sim.SendOptions{})
	s.Run()
	s.Trace.WriteJSON(os.Stdout, i18n.EN)
	// Output:
	// {
	//   "lesson": "demo",
	//   "title": "One lost datagram",
	//   "seed": 7,
	//   "nodes": [
	//     {
	//       "name": "alice",
	//       "kind": "ua",
	//       "address": "192.0.2.10:5060"
	//     },
	//     {
	//       "name": "bob",
	//       "kind": "ua",
	//       "address": "198.51.100.20:5060"
	//     }
	//   ],
	//   "events": [
	//     {
	//       "seq": 1,
	//       "at_ms": 0,
	//       "type": "message",
	//       "from": "alice",
	//       "to": "bob",
	//       "summary": "MESSAGE sip:bob@biloxi.example.com SIP/2.0",
	//       "raw": "MESSAGE sip:bob@biloxi.example.com SIP/2.0\r\n\r\n",
	//       "dropped": true,
	//       "notes": [
	//         "lost on link alice–bob (loss 100%)"
	//       ],
	//       "note_texts": [
	//         {
	//           "key": "net.link.loss",
	//           "args": [
	//             "alice–bob",
	//             "100%"
	//           ]
	//         }
	//       ],
	//       "transport": "UDP"
	//     }
	//   ]
	// }
}

// Resolving a domain finds its SIP server; an IP literal resolves to itself.
func ExampleDNS_Resolve() {
	s := sim.New(1)
	s.DNS.AddDomain("biloxi.example.com", netip.MustParseAddrPort("198.51.100.20:5060"))
	for _, host := range []string{"biloxi.example.com", "BILOXI.example.com.", "biloxi.example.com:5070", "192.0.2.4", "[2001:db8::4]:5062", "nowhere.example.com"} {
		addr, ok := s.DNS.Resolve(host)
		fmt.Println(host, addr, ok)
	}
	// Output:
	// biloxi.example.com 198.51.100.20:5060 true
	// BILOXI.example.com. 198.51.100.20:5060 true
	// biloxi.example.com:5070 198.51.100.20:5070 true
	// 192.0.2.4 192.0.2.4:5060 true
	// [2001:db8::4]:5062 [2001:db8::4]:5062 true
	// nowhere.example.com invalid AddrPort false
}

// A fault is a Filter: this one loses the first INVITE, the way
// "--fault drop:INVITE" does, and lets everything else through.
func ExampleFilterFunc() {
	s := sim.New(1)
	alice := s.Net.AddHost("alice", "ua", netip.MustParseAddrPort("192.0.2.10:5060"))
	bob := s.Net.AddHost("bob", "ua", netip.MustParseAddrPort("198.51.100.20:5060"))
	bob.Receive = func(sim.Packet) {}
	matched := 0
	s.Net.AddFilter(sim.FilterFunc(func(p *sim.Packet, ctx sim.FilterContext) sim.Verdict {
		if bytes.HasPrefix(p.Data, []byte("INVITE ")) {
			if matched++; matched == 1 {
				return sim.Drop(sim.T("net.fault.drop", "drop:INVITE#1"))
			}
		}
		return sim.Pass()
	}))
	invite := []byte("INVITE sip:bob@biloxi.example.com SIP/2.0\r\n\r\n")
	alice.Send(bob.Addr, invite, sim.SendOptions{})
	s.After(500*time.Millisecond, func() {
		alice.Send(bob.Addr, invite, sim.SendOptions{Retransmission: true})
	})
	s.Run()
	for _, e := range s.Trace.Events {
		fmt.Println(e)
	}
	// Output:
	// #1 0s message alice → bob UDP: INVITE sip:bob@biloxi.example.com SIP/2.0 (dropped) [net.fault.drop(drop:INVITE#1)]
	// #2 500ms message alice → bob UDP: INVITE sip:bob@biloxi.example.com SIP/2.0 (arrives 510ms)
}
