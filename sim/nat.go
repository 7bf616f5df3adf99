package sim

import (
	"fmt"
	"net/netip"
	"time"
)

// NATFirstPort is the first outside port a NAT gives a binding: it does
// not preserve the inside port, so that what RFC 3581 fixes shows.
const NATFirstPort = 20000

// A NAT hides the hosts of a private network (Inside) behind one public
// address (Outside). A packet a host inside sends to a host outside leaves
// with its source rewritten to the outside address and the port of the
// binding of its inside address and port, made on first use (endpoint-
// independent mapping, RFC 4787 §4.1). A packet that comes to the outside
// address at a bound port goes to the inside address of the binding
// (endpoint-independent filtering, §5); at any other port it is dropped.
// A binding expires when no packet has gone out through it for Timeout
// (UDP, §4.3): packets coming in do not refresh it, which is why a phone
// behind a NAT must keep its binding alive.
type NAT struct {
	Name    string
	Outside netip.Addr
	Inside  netip.Prefix
	Timeout time.Duration

	net      *Network
	next     uint16
	byInside map[netip.AddrPort]*natBinding
	byPort   map[uint16]*natBinding
}

type natBinding struct {
	inside, outside netip.AddrPort
	last            time.Duration // when a packet last went out through it
}

// AddNAT adds a NAT to the network and lists it in the trace's nodes, at
// its outside address. Hosts whose address is in inside are behind it.
// AddNAT panics on an invalid address or prefix, a timeout that is not
// positive, or a taken name: the lesson's validation checks them first.
func (n *Network) AddNAT(name string, outside netip.Addr, inside netip.Prefix, timeout time.Duration) *NAT {
	switch {
	case !outside.IsValid() || !inside.IsValid():
		panic(fmt.Sprintf("sim: AddNAT %s: invalid address", name))
	case timeout <= 0:
		panic(fmt.Sprintf("sim: AddNAT %s: timeout %v is not positive", name, timeout))
	case n.byName[name] != nil || n.natNamed(name) != nil:
		panic(fmt.Sprintf("sim: AddNAT: name %q is already taken", name))
	}
	t := &NAT{Name: name, Outside: outside, Inside: inside.Masked(), Timeout: timeout, net: n, next: NATFirstPort,
		byInside: map[netip.AddrPort]*natBinding{}, byPort: map[uint16]*natBinding{}}
	n.nats = append(n.nats, t)
	n.sim.Trace.Nodes = append(n.sim.Trace.Nodes, NodeInfo{Name: name, Kind: KindNAT, Address: outside.String(), Inside: inside.Masked().String()})
	return t
}

func (n *Network) natNamed(name string) *NAT {
	for _, t := range n.nats {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// behind returns the NAT a host is behind, or nil.
func (n *Network) behind(h *Host) *NAT {
	for _, t := range n.nats {
		if t.Inside.Contains(h.Addr.Addr()) {
			return t
		}
	}
	return nil
}

// natAt returns the NAT whose outside address is a, or nil.
func (n *Network) natAt(a netip.Addr) *NAT {
	for _, t := range n.nats {
		if t.Outside == a {
			return t
		}
	}
	return nil
}

// outbound translates the source of a packet leaving through the NAT: the
// binding of from, made now if there is none, and refreshed. It returns
// the outside address and a note for the message.
func (t *NAT) outbound(from netip.AddrPort) (netip.AddrPort, Text) {
	s := t.net.sim
	b := t.byInside[from]
	if b == nil {
		for t.byPort[t.next] != nil {
			t.next++
		}
		b = &natBinding{inside: from, outside: netip.AddrPortFrom(t.Outside, t.next)}
		t.next++
		t.byInside[from], t.byPort[b.outside.Port()] = b, b
		s.Note(t.Name, T("net.nat.bind", from.String(), b.outside.String()), T("net.nat.bind.why", t.Timeout))
		t.expireAt(b, s.now+t.Timeout)
	}
	b.last = s.now
	return b.outside, T("net.nat.out", t.Name, from.String(), b.outside.String())
}

// expireAt checks at time at whether the binding has been idle for Timeout,
// and removes it then; otherwise it checks again when it would be.
func (t *NAT) expireAt(b *natBinding, at time.Duration) {
	s := t.net.sim
	s.After(at-s.now, func() {
		if due := b.last + t.Timeout; due > s.now {
			t.expireAt(b, due)
			return
		}
		delete(t.byInside, b.inside)
		delete(t.byPort, b.outside.Port())
		s.Note(t.Name, T("net.nat.expired", b.inside.String(), b.outside.String()), T("net.nat.expired.why", t.Timeout))
	})
}

// inbound finds where a packet for the NAT's outside address at port goes:
// the inside address of the binding, or none.
func (t *NAT) inbound(port uint16) (netip.AddrPort, bool) {
	if b := t.byPort[port]; b != nil {
		return b.inside, true
	}
	return netip.AddrPort{}, false
}
