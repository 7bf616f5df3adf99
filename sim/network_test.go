package sim

import (
	"bytes"
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"
)

var (
	aliceAddr = netip.MustParseAddrPort("192.0.2.10:5060")
	proxyAddr = netip.MustParseAddrPort("203.0.113.1:5060")
	bobAddr   = netip.MustParseAddrPort("198.51.100.20:5060")
	bob6Addr  = netip.MustParseAddrPort("[2001:db8::20]:5060")
)

// received records what a host got, and when.
type received struct {
	data []string
	at   []time.Duration
	seqs []int
}

func (r *received) on(s *Sim) func(Packet) {
	return func(p Packet) {
		r.data = append(r.data, string(p.Data))
		r.at = append(r.at, s.Now())
		r.seqs = append(r.seqs, p.Seq)
	}
}

// pair returns a sim with hosts alice and bob connected by cfg; bob records
// what it receives.
func pair(seed uint64, cfg LinkConfig) (*Sim, *Host, *Host, *received) {
	s := New(seed)
	a := s.Net.AddHost("alice", "ua", aliceAddr)
	b := s.Net.AddHost("bob", "ua", bobAddr)
	s.Net.Connect(a, b, cfg)
	got := &received{}
	b.Receive = got.on(s)
	return s, a, b, got
}

func run(t *testing.T, s *Sim) {
	t.Helper()
	if err := s.Run(); err != nil {
		t.Fatal(err)
	}
}

func TestSendDeliver(t *testing.T) {
	s, a, b, got := pair(1, LinkConfig{Latency: 20 * time.Millisecond})
	buf := []byte("INVITE sip:bob@biloxi.example.com SIP/2.0\r\nVia: x\r\n\r\n")
	seq := a.Send(b.Addr, buf, SendOptions{Cause: 0, Notes: Lits("first try")})
	// Send takes buf over: the trace and the delivered packet share it.
	run(t, s)

	if seq != 1 || len(got.data) != 1 || got.seqs[0] != 1 {
		t.Fatalf("seq %d, received %v", seq, got)
	}
	if !strings.HasPrefix(got.data[0], "INVITE") || got.at[0] != 20*time.Millisecond {
		t.Errorf("received %q at %v", got.data[0], got.at[0])
	}
	e := s.Trace.Events[0]
	want := Event{Seq: 1, Type: EventMessage, From: "alice", To: "bob",
		Summary: Lit("INVITE sip:bob@biloxi.example.com SIP/2.0"), Arrive: 20 * time.Millisecond,
		Notes: Lits("first try"), Transport: "UDP"}
	if e.Raw != "INVITE sip:bob@biloxi.example.com SIP/2.0\r\nVia: x\r\n\r\n" {
		t.Errorf("Raw = %q", e.Raw)
	}
	e.Raw = ""
	if fmt.Sprint(e) != fmt.Sprint(want) {
		t.Errorf("event\n%v\nwant\n%v", e, want)
	}
}

func TestDefaultLink(t *testing.T) {
	s := New(1)
	a := s.Net.AddHost("alice", "ua", aliceAddr)
	b := s.Net.AddHost("bob", "ua", bob6Addr)
	s.Net.DefaultLink = LinkConfig{Latency: 7 * time.Millisecond, Transport: TCP}
	got := &received{}
	b.Receive = got.on(s)
	if l := s.Net.Link(b, a); l.Name() != "alice–bob" {
		t.Errorf("default link named %s, want alice–bob (order of AddHost)", l.Name())
	}
	a.Send(b.Addr, []byte("hi"), SendOptions{Summary: Lit("greeting")})
	run(t, s)
	if len(got.at) != 1 || got.at[0] != 7*time.Millisecond {
		t.Fatalf("received at %v, want 7ms", got.at)
	}
	e := s.Trace.Events[0]
	if e.Transport != "TCP" || e.Summary.String() != "greeting" {
		t.Errorf("event %v: want TCP, summary greeting", e)
	}
	if l := s.Net.Link(b, a); l.Name() != "alice–bob" || l.Config().Latency != 7*time.Millisecond {
		t.Errorf("link %s %+v", l.Name(), l.Config())
	}
}

func TestUDPLossRate(t *testing.T) {
	const n = 10_000
	s, a, b, got := pair(1, LinkConfig{Latency: 10 * time.Millisecond, Loss: 0.2})
	for range n {
		a.Send(b.Addr, []byte("x"), SendOptions{})
	}
	run(t, s)
	dropped := 0
	for _, e := range s.Trace.Events {
		if e.Dropped {
			dropped++
			if len(e.Notes) != 1 || e.Notes[0].String() != "net.link.loss(alice–bob, 20%)" {
				t.Fatalf("notes of a lost packet: %q", e.Notes)
			}
		}
	}
	if dropped+len(got.data) != n || len(s.Trace.Events) != n {
		t.Fatalf("%d dropped + %d received, %d events; want %d", dropped, len(got.data), len(s.Trace.Events), n)
	}
	// Expected 2000, σ = 40: the band is ±5σ.
	if dropped < 1800 || dropped > 2200 {
		t.Errorf("dropped %d of %d at 20%% loss", dropped, n)
	}
	// The exact figure for seed 1: it changes only if the draws change.
	if dropped != lossSeed1 {
		t.Errorf("dropped %d, want exactly %d for seed 1", dropped, lossSeed1)
	}
}

const lossSeed1 = 2013

func TestUDPDuplication(t *testing.T) {
	s, a, b, got := pair(1, LinkConfig{Latency: 10 * time.Millisecond, Dup: 1})
	seq := a.Send(b.Addr, []byte("x"), SendOptions{Cause: 9})
	run(t, s)
	if seq != 1 || len(got.data) != 2 || got.seqs[0] != 1 || got.seqs[1] != 2 {
		t.Fatalf("seq %d, received %+v", seq, got)
	}
	if len(s.Trace.Events) != 2 {
		t.Fatalf("%d events, want one per copy", len(s.Trace.Events))
	}
	e1, e2 := s.Trace.Events[0], s.Trace.Events[1]
	if e1.Cause != 9 || e2.Cause != 9 {
		t.Errorf("copies lost their cause: %d, %d", e1.Cause, e2.Cause)
	}
	if fmt.Sprint(e1.Notes) != "[net.link.dup(alice–bob, 100%)]" ||
		fmt.Sprint(e2.Notes) != "[net.link.dup(alice–bob, 100%) net.dupof(1)]" {
		t.Errorf("notes %q, %q", e1.Notes, e2.Notes)
	}
}

func TestJitter(t *testing.T) {
	for _, tc := range []struct {
		tr          Transport
		wantReorder bool
	}{{UDP, true}, {TCP, false}} {
		t.Run(tc.tr.String(), func(t *testing.T) {
			cfg := LinkConfig{Latency: 2 * time.Millisecond, Jitter: 10 * time.Millisecond, Transport: tc.tr}
			s, a, b, got := pair(3, cfg)
			sent := map[string]time.Duration{}
			for i := range 1000 {
				at := time.Duration(i) * time.Millisecond
				s.After(at, func() {
					msg := fmt.Sprint(i)
					sent[msg] = s.Now()
					a.Send(b.Addr, []byte(msg), SendOptions{})
				})
			}
			run(t, s)
			if len(got.data) != 1000 {
				t.Fatalf("received %d of 1000", len(got.data))
			}
			reordered, early := 0, 0
			for i, msg := range got.data {
				var n int
				fmt.Sscan(msg, &n)
				if n != i {
					reordered++
				}
				if d := got.at[i] - sent[msg]; d < 0 {
					t.Fatalf("%s arrived %v before it was sent", msg, -d)
				} else if d < cfg.Latency {
					early++
				}
			}
			if (reordered > 0) != tc.wantReorder {
				t.Errorf("%d packets out of order", reordered)
			}
			if early == 0 {
				t.Error("jitter never shortened the latency")
			}
		})
	}
}

func TestTCPInOrderUnderLoss(t *testing.T) {
	cfg := LinkConfig{Latency: 10 * time.Millisecond, Jitter: 9 * time.Millisecond, Loss: 0.3, Dup: 0.3, Transport: TCP}
	s, a, b, got := pair(5, cfg)
	for i := range 500 {
		s.After(time.Duration(i)*time.Millisecond, func() {
			a.Send(b.Addr, []byte(fmt.Sprint(i)), SendOptions{})
		})
	}
	run(t, s)
	if len(got.data) != 500 {
		t.Fatalf("received %d of 500: TCP must hide loss and duplication", len(got.data))
	}
	for i, msg := range got.data {
		if msg != fmt.Sprint(i) {
			t.Fatalf("packet %d is %q: TCP must deliver in order", i, msg)
		}
		if i > 0 && got.at[i] < got.at[i-1] {
			t.Fatalf("packet %d arrived before packet %d", i, i-1)
		}
	}
	retransmitted, discarded := 0, 0
	for _, e := range s.Trace.Events {
		if e.Dropped {
			t.Fatalf("event %v dropped on TCP", e)
		}
		for _, n := range e.Notes {
			if n.String() == "net.tcp.retransmitted(200ms)" {
				retransmitted++
			}
			if n.Key == "net.tcp.dupdiscarded" {
				discarded++
			}
		}
	}
	if retransmitted == 0 || discarded == 0 {
		t.Errorf("%d retransmissions and %d discarded duplicates noted", retransmitted, discarded)
	}
}

func TestTCPGivesUp(t *testing.T) {
	s, a, b, got := pair(1, LinkConfig{Latency: 10 * time.Millisecond, Loss: 1, Transport: TCP})
	a.Send(b.Addr, []byte("x"), SendOptions{})
	run(t, s)
	e := s.Trace.Events[0]
	if len(got.data) != 0 || !e.Dropped {
		t.Fatalf("a packet lost on every attempt was delivered: %v", e)
	}
	// Each attempt's loss, then what TCP did about it.
	last := 2 * tcpMaxRetries
	if len(e.Notes) != last+2 ||
		e.Notes[0].String() != "net.link.loss(alice–bob, 100%)" ||
		e.Notes[1].String() != "net.tcp.retransmitted(200ms)" ||
		e.Notes[3].String() != "net.tcp.retransmitted(400ms)" ||
		e.Notes[last].String() != "net.link.loss(alice–bob, 100%)" ||
		e.Notes[last+1].String() != "net.tcp.gaveup(6)" {
		t.Errorf("notes %q", e.Notes)
	}
}

func TestTCPRetransmissionDelay(t *testing.T) {
	// A filter that drops the first two attempts: the packet arrives after
	// latency + 200 ms + 400 ms, and a later packet waits behind it.
	s, a, b, got := pair(1, LinkConfig{Latency: 10 * time.Millisecond, Transport: TCP})
	s.Net.AddFilter(FilterFunc(func(p *Packet, ctx FilterContext) Verdict {
		if string(p.Data) == "first" && ctx.Attempt < 2 {
			return Drop(Lit("dropped by test"))
		}
		return Pass()
	}))
	a.Send(b.Addr, []byte("first"), SendOptions{})
	s.After(time.Millisecond, func() { a.Send(b.Addr, []byte("second"), SendOptions{}) })
	run(t, s)
	want := []time.Duration{610 * time.Millisecond, 610 * time.Millisecond}
	if fmt.Sprint(got.data) != "[first second]" || fmt.Sprint(got.at) != fmt.Sprint(want) {
		t.Errorf("received %v at %v, want [first second] at %v", got.data, got.at, want)
	}
}

func TestDownHost(t *testing.T) {
	s, a, b, got := pair(1, LinkConfig{Latency: 10 * time.Millisecond})
	gotA := &received{}
	a.Receive = gotA.on(s)

	b.Down = true
	a.Send(b.Addr, []byte("to a down host"), SendOptions{})
	b.Send(a.Addr, []byte("from a down host"), SendOptions{})
	b.Down = false
	a.Send(b.Addr, []byte("goes down in flight"), SendOptions{})
	s.After(5*time.Millisecond, func() { b.Down = true })
	s.After(20*time.Millisecond, func() { b.Down = false; a.Send(b.Addr, []byte("back up"), SendOptions{}) })
	run(t, s)

	if fmt.Sprint(got.data) != "[back up]" || len(gotA.data) != 0 {
		t.Fatalf("bob received %q, alice %q", got.data, gotA.data)
	}
	for i, want := range []struct {
		dropped bool
		note    string
	}{
		{true, "net.host.down(bob)"},
		{true, "net.host.down(bob)"},
		{true, "net.host.down(bob)"},
		{false, ""},
	} {
		e := s.Trace.Events[i]
		if e.Dropped != want.dropped || textsJoined(e.Notes) != want.note {
			t.Errorf("event %v: want dropped=%v note %q", e, want.dropped, want.note)
		}
		if e.Dropped && e.Arrive != 0 {
			t.Errorf("dropped event %v has an arrival time", e)
		}
	}
}

func TestNoHostAndNoReceiver(t *testing.T) {
	s := New(1)
	a := s.Net.AddHost("alice", "ua", aliceAddr)
	s.Net.AddHost("proxy", "proxy", proxyAddr) // no Receive
	nowhere := netip.MustParseAddrPort("203.0.113.99:5060")
	a.Send(nowhere, []byte("x"), SendOptions{})
	a.Send(proxyAddr, []byte("y"), SendOptions{})
	run(t, s)
	e1, e2 := s.Trace.Events[0], s.Trace.Events[1]
	if !e1.Dropped || e1.To != "203.0.113.99:5060" || fmt.Sprint(e1.Notes) != "[net.host.none(203.0.113.99:5060)]" {
		t.Errorf("send to nowhere: %v", e1)
	}
	if !e2.Dropped || e2.To != "proxy" || fmt.Sprint(e2.Notes) != "[net.host.noreceiver(proxy)]" {
		t.Errorf("send to a host without Receive: %v", e2)
	}
}

func TestFilters(t *testing.T) {
	s, a, b, got := pair(1, LinkConfig{Latency: 10 * time.Millisecond})
	var order []string
	trace := func(name string, v Verdict) Filter {
		return FilterFunc(func(p *Packet, ctx FilterContext) Verdict {
			order = append(order, name)
			if ctx.From != a || ctx.To != b || ctx.Link.Name() != "alice–bob" || ctx.Transport != UDP {
				t.Errorf("%s: context %+v", name, ctx)
			}
			return v
		})
	}
	upper := func(b []byte) []byte { return bytes.ToUpper(b) }
	s.Net.Link(a, b).AddFilter(trace("link", Delay(time.Second, Lit("held 1s"))))
	s.Net.AddFilter(trace("net1", Corrupt(upper, Lit("corrupted"))))
	s.Net.AddFilter(trace("net2", Duplicate(2, Lit("tripled"))))
	a.Send(b.Addr, []byte("hello"), SendOptions{})
	run(t, s)

	if fmt.Sprint(order) != "[net1 net2 link]" {
		t.Errorf("filter order %v", order)
	}
	if fmt.Sprint(got.data) != "[HELLO HELLO HELLO]" || got.at[2] != 1010*time.Millisecond {
		t.Errorf("received %v at %v", got.data, got.at)
	}
	e := s.Trace.Events[0]
	if e.Raw != "HELLO" || fmt.Sprint(e.Notes) != "[corrupted tripled held 1s]" {
		t.Errorf("event %v raw %q: the trace shows the bytes as they travelled", e, e.Raw)
	}

	// A drop ends the chain and discards the notes of earlier filters.
	order = nil
	s.Net.AddFilter(trace("net3", Drop(Lit("gone"))))
	a.Send(b.Addr, []byte("bye"), SendOptions{Notes: Lits("mine")})
	run(t, s)
	e = s.Trace.Events[s.Trace.Len()-1]
	if fmt.Sprint(order) != "[net1 net2 net3]" || !e.Dropped || fmt.Sprint(e.Notes) != "[mine gone]" {
		t.Errorf("order %v, event %v", order, e)
	}
}

func TestAddHostPanics(t *testing.T) {
	for _, tc := range []struct {
		name string
		addr netip.AddrPort
		want string
	}{
		{"", bobAddr, "empty host name"},
		{"alice", bobAddr, `host name "alice" is already taken`},
		{"carol", aliceAddr, "address 192.0.2.10:5060 is already host alice's"},
		{"carol", netip.AddrPort{}, "invalid address"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			s := New(1)
			s.Net.AddHost("alice", "ua", aliceAddr)
			defer func() {
				r := recover()
				if r == nil || !strings.Contains(fmt.Sprint(r), tc.want) {
					t.Errorf("panic %v, want %q", r, tc.want)
				}
			}()
			s.Net.AddHost(tc.name, "ua", tc.addr)
		})
	}
}

func TestLinkConfigValidate(t *testing.T) {
	for _, tc := range []struct {
		cfg  LinkConfig
		want string
	}{
		{LinkConfig{}, ""},
		{LinkConfig{Latency: time.Second, Jitter: time.Second, Loss: 1, Dup: 0, Transport: TCP}, ""},
		{LinkConfig{Latency: -1}, "latency -1ns is negative"},
		{LinkConfig{Jitter: -1}, "jitter -1ns is negative"},
		{LinkConfig{Latency: MaxDuration + 1}, "latency 24h0m0.000000001s is longer than 24h0m0s"},
		{LinkConfig{Jitter: 1000 * time.Hour}, "jitter 1000h0m0s is longer than 24h0m0s"},
		{LinkConfig{Loss: 1.5}, "loss 1.5 is not between 0 and 1"},
		{LinkConfig{Dup: -0.1}, "duplication -0.1 is not between 0 and 1"},
		{LinkConfig{Transport: 9}, "unknown link transport Transport(9)"},
	} {
		err := tc.cfg.Validate()
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%+v: Validate = %v, want %q", tc.cfg, err, tc.want)
		}
	}
}

func TestConnectAgainKeepsFilters(t *testing.T) {
	s, a, b, got := pair(1, LinkConfig{Latency: 10 * time.Millisecond})
	l := s.Net.Link(a, b)
	l.AddFilter(FilterFunc(func(*Packet, FilterContext) Verdict { return Delay(time.Second, Lit("")) }))
	if l2 := s.Net.Connect(b, a, LinkConfig{Latency: 30 * time.Millisecond}); l2 != l {
		t.Fatal("Connect of a connected pair made a new link")
	}
	a.Send(b.Addr, []byte("x"), SendOptions{})
	run(t, s)
	if len(got.at) != 1 || got.at[0] != 1030*time.Millisecond {
		t.Errorf("received at %v, want 1.03s", got.at)
	}
}

func textsJoined(ts []Text) string {
	var b strings.Builder
	for _, t := range ts {
		b.WriteString(t.String())
	}
	return b.String()
}

// TestRemoveHost: a removed host's name, address and links are gone (its
// address finds no host, its name and address can be taken again, by a
// host with a link of its own), the others keep theirs, and the trace
// still lists it.
func TestRemoveHost(t *testing.T) {
	s, a, b, got := pair(1, LinkConfig{Latency: 10 * time.Millisecond, Transport: TCP})
	p := s.Net.AddHost("proxy", "proxy", proxyAddr)
	s.Net.Connect(a, p, LinkConfig{Latency: time.Millisecond})
	s.Net.RemoveHost(b, nil)
	s.Net.RemoveHost(b) // again: nothing
	if s.Net.Host("bob") != nil || s.Net.HostAt(bobAddr) != nil || len(s.Net.Hosts()) != 2 {
		t.Fatalf("bob still on the network: %v", s.Net.Hosts())
	}
	if links := s.Net.LinkInfos(); len(links) != 1 || links[0].A != "alice" || links[0].B != "proxy" {
		t.Errorf("links after removing bob: %+v, want alice–proxy only", links)
	}
	a.Send(bobAddr, []byte("x"), SendOptions{})
	run(t, s)
	if e := s.Trace.Events[0]; !e.Dropped || fmt.Sprint(e.Notes) != "[net.host.none(198.51.100.20:5060)]" || len(got.data) != 0 {
		t.Errorf("a send to a removed host's address: %v, delivered %q", e, got.data)
	}
	b2 := s.Net.AddHost("bob", "ua", bobAddr)
	if l := s.Net.Link(a, b2); l.Config().Transport != UDP || l.A != a {
		t.Errorf("the new bob's link to alice: %+v, want a new UDP one (the default)", l.Config())
	}
	if s.Net.Link(a, p).Config().Latency != time.Millisecond {
		t.Error("alice–proxy lost its config")
	}
	if n := len(s.Trace.Nodes); n != 4 || s.Trace.Node("bob") == nil {
		t.Errorf("trace nodes %v: want alice, bob, proxy, bob", s.Trace.Nodes)
	}
	other := New(1).Net.AddHost("alice", "ua", aliceAddr)
	s.Net.RemoveHost(other) // another network's: ignored
	if s.Net.Host("alice") != a {
		t.Error("removing another network's alice removed ours")
	}
}
