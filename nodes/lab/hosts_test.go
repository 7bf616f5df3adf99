package lab

import (
	"fmt"
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/siplab/siplab/sim/sip"
)

// hostAt is the name of the lab's host at a, "" when it has none.
func hostAt(t *testing.T, srv *Server, a netip.AddrPort) string {
	t.Helper()
	got := make(chan string, 1)
	if !srv.wall.Do(func() {
		if h := srv.sim.Net.HostAt(a); h != nil {
			got <- h.Name
		} else {
			got <- ""
		}
	}) {
		t.Fatal("the lab has stopped")
	}
	return <-got
}

// spray sends one datagram from each of n new source ports: garbage from
// two in three, a REGISTER without credentials from the third; every 100,
// it waits for the lab to read them (the kernel drops what a socket's
// buffer cannot hold).
func spray(t *testing.T, srv *Server, n int) {
	t.Helper()
	lab := srv.Addrs()[0]
	for i := range n {
		if i%100 == 99 {
			srv.Stats()
		}
		c, err := net.ListenUDP("udp", net.UDPAddrFromAddrPort(netip.MustParseAddrPort("127.0.0.1:0")))
		if err != nil {
			t.Fatal(err)
		}
		data := fmt.Sprintf("garbage %d \x00\xff", i)
		if i%3 == 2 {
			p := &phone{t: t, user: fmt.Sprintf("stray%d", i), c: c, lab: lab}
			data = string(p.request(sip.REGISTER, "sip:127.0.0.1", "<sip:"+p.user+"@127.0.0.1>", "spray-"+p.user, 1).Bytes())
		}
		c.WriteToUDPAddrPort([]byte(data), lab)
		c.Close()
	}
}

// awaitHosts waits until the lab holds want hosts, and returns what it
// holds then.
func awaitHosts(t *testing.T, srv *Server, want int) Stats {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		st, _ := srv.Stats()
		if st.Hosts == want {
			return st
		}
		if time.Now().After(deadline) {
			t.Fatalf("10 s later the lab still holds %+v, want %d hosts", st, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// unregister removes the phone's binding (Expires: 0, §10.2.2), answering
// the challenge with password.
func (p *phone) unregister(password string) {
	p.t.Helper()
	req := p.request(sip.REGISTER, "sip:127.0.0.1", fmt.Sprintf("<sip:%s@127.0.0.1>", p.user), "reg-"+p.user, 3)
	req.Set("Expires", "0")
	p.sendMsg(req)
	p.authorize(req, p.await("SIP/2.0 401"), password)
	p.sendMsg(req)
	if ok := p.await("SIP/2.0 "); ok.StatusCode != sip.StatusOK {
		p.t.Fatalf("%s: unREGISTER got %s", p.user, ok.StartLine())
	}
}

// TestLabHostsBounded: thousands of source ports send garbage or a
// REGISTER without credentials. The hosts never pass MaxHosts (the least
// recently used go first), and once HostIdle has passed they are freed,
// all but the host of bob, who registered before the flood and has said
// nothing since: his binding holds it. A call from alice, who registers
// now, still reaches him. The trace lists far fewer nodes than senders
// (it records no more once full), each name once, and reads back.
func TestLabHostsBounded(t *testing.T) {
	const senders, maxHosts = 3000, 1000
	srv, stop := startLab(t, Config{Users: map[string]string{"alice": "wonderland", "bob": "builder"},
		HostIdle: 3 * time.Second, Sweep: 100 * time.Millisecond, MaxHosts: maxHosts, MaxTraceBytes: 1 << 20})
	lab := srv.Addrs()[0]
	bob := newPhone(t, "bob", lab)
	bob.register("builder")

	spray(t, srv, senders)
	if st, _ := srv.Stats(); st.Hosts > maxHosts || st.Hosts < maxHosts/2 {
		t.Errorf("after %d senders the lab holds %d hosts, want at most MaxHosts, %d, and more than half that", senders, st.Hosts, maxHosts)
	}
	awaitHosts(t, srv, 1)
	if name := hostAt(t, srv, bob.addr()); name != "bob" {
		t.Fatalf("bob's host is %q, want bob: his binding holds it", name)
	}

	alice := newPhone(t, "alice", lab)
	alice.register("wonderland")
	callBob(t, alice, bob, "call-after-the-flood")
	if st, _ := srv.Stats(); st.Hosts != 2 {
		t.Errorf("after the call the lab holds %d hosts, want alice's and bob's", st.Hosts)
	}

	tr := stop()
	names := map[string]bool{}
	for _, n := range tr.Nodes {
		if names[n.Name] {
			t.Errorf("the trace lists %s twice", n.Name)
		}
		names[n.Name] = true
	}
	if len(tr.Nodes) >= senders/2 || !names["bob"] {
		t.Errorf("the trace lists %d nodes for %d senders, bob among them: %v; want far fewer", len(tr.Nodes), senders, names["bob"])
	}
	if ladder := recordedLadder(t, tr); !strings.Contains(ladder, "REGISTER") {
		t.Errorf("the ladder of the recorded trace lacks bob's REGISTER:\n%s", ladder)
	}
}

// TestLabHostsFull: when every host holds something live (two phones
// registered, MaxHosts 2), a request from a new address is answered 503
// with Retry-After by the socket (§21.5.4), garbage from it dropped, and
// the lab notes how many it refused; the registered phones still call.
// Once a binding ends (bob unregisters) and his host is idle, there is
// room again.
func TestLabHostsFull(t *testing.T) {
	srv, stop := startLab(t, Config{Users: map[string]string{"alice": "wonderland", "bob": "builder", "carol": "x"},
		HostIdle: 200 * time.Millisecond, Sweep: 50 * time.Millisecond, MaxHosts: 2})
	lab := srv.Addrs()[0]
	alice, bob, carol := newPhone(t, "alice", lab), newPhone(t, "bob", lab), newPhone(t, "carol", lab)
	alice.register("wonderland")
	bob.register("builder")
	time.Sleep(400 * time.Millisecond) // both idle past HostIdle: only their bindings hold them

	carol.send("garbage")
	reg := carol.request(sip.REGISTER, "sip:127.0.0.1", "<sip:carol@127.0.0.1>", "reg-carol", 1)
	carol.sendMsg(reg)
	busy := carol.await("SIP/2.0 ")
	if busy.StatusCode != sip.StatusServiceUnavailable || busy.Get("Retry-After") == "" || busy.CallID() != "reg-carol" {
		t.Fatalf("carol, the third endpoint, got %s (Retry-After %q), want 503 with Retry-After", busy.StartLine(), busy.Get("Retry-After"))
	}
	if st, _ := srv.Stats(); st.Hosts != 2 || hostAt(t, srv, carol.addr()) != "" {
		t.Errorf("the lab holds %d hosts, carol's among them: %q; want alice's and bob's only", st.Hosts, hostAt(t, srv, carol.addr()))
	}
	callBob(t, alice, bob, "call-full")

	// bob unregisters (Expires: 0, §10.2.2): his host is held no more.
	bob.unregister("builder")
	awaitHosts(t, srv, 1)
	carol.register("x")

	tr := stop()
	refused := 0
	for _, e := range tr.Events {
		if e.Summary.Key == "node.lab.hostcap" {
			refused++
		}
	}
	if refused != 1 {
		t.Errorf("%d notes of requests refused for want of room, want 1", refused)
	}
}

// TestLabHostMadeAgain: bob answers a call, then unregisters and says
// nothing for longer than HostIdle: his host is freed. alice's BYE in the
// call still reaches him, on the host the lab makes again when the proxy
// sends to his Contact, by the name the trace knows him by.
func TestLabHostMadeAgain(t *testing.T) {
	srv, stop := startLab(t, Config{Users: map[string]string{"alice": "wonderland", "bob": "builder"},
		HostIdle: 200 * time.Millisecond, Sweep: 50 * time.Millisecond})
	lab := srv.Addrs()[0]
	alice, bob := newPhone(t, "alice", lab), newPhone(t, "bob", lab)
	alice.register("wonderland")
	bob.register("builder")
	ok := dialBob(t, alice, bob, "call-again")
	bob.unregister("builder")
	awaitHosts(t, srv, 1) // alice's: her binding holds it
	if name := hostAt(t, srv, bob.addr()); name != "" {
		t.Fatalf("bob's host %q is still there", name)
	}

	alice.sendMsg(alice.inDialog(sip.BYE, ok, 3))
	bye := bob.await("BYE ")
	bob.sendMsg(bob.answer(bye, sip.StatusOK))
	alice.await("SIP/2.0 200")
	if name := hostAt(t, srv, bob.addr()); name != "bob" {
		t.Errorf("bob's host made again is %q, want bob", name)
	}
	tr := stop()
	n := 0
	for _, node := range tr.Nodes {
		if node.Address == bob.addr().String() {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the trace lists %d nodes at bob's address, want 1: %v", n, tr.Nodes)
	}
}
