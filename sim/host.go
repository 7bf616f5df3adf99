package sim

import (
	"fmt"
	"net/netip"
)

// A Host is a machine on the simulated network: one SIP element listening on
// one address. Its owner (a UA, a proxy…) sends with Send and receives
// through Receive.
type Host struct {
	Name string         // node name in the trace: "alice", "proxy"
	Kind Kind           // node kind in the trace: ua, proxy, registrar…
	Addr netip.AddrPort // where the host listens

	// Receive is called, from the event loop, with each packet delivered to
	// the host. A packet for a host without a Receive is traced as dropped.
	Receive func(p Packet)

	// Down takes the host off the network: it neither sends nor receives,
	// and every packet it would have sent or received is traced as dropped
	// with a note saying so. It may change at any time; a packet in flight
	// to a host that has gone down is dropped on arrival.
	Down bool

	left netip.AddrPort // the address the host had before its last Move, if it moved

	net *Network
	id  int // creation order in net
}

// A Packet is one message crossing a link: a UDP datagram, or one SIP
// message in a TCP stream.
type Packet struct {
	From, To  netip.AddrPort
	Data      []byte // the message as delivered; read-only: it shares its bytes with the trace's Raw
	Transport Transport
	Seq       int // seq of this copy's message event in the trace
}

// SendOptions carries what the trace should say about a message. The zero
// value is a plain send with an automatic summary.
type SendOptions struct {
	// Summary is the one-line description in the trace; empty means the
	// first line of the data (a SIP start line).
	Summary Text
	// Notes explain the message ("retransmission 2, T1 doubled to 2 s").
	Notes []Text
	// Cause is the seq of the trace event that caused this message (the
	// request a proxy forwards, the request a response answers), 0 if none.
	Cause int
	// Reasons say why the element sent it, with RFC sections.
	Reasons []Reason
	// Retransmission marks an element's own retransmission (Timer A, E, G…).
	Retransmission bool
	// Transport overrides the link's transport for this send; zero means
	// the link's.
	Transport Transport
}

// Send puts data on the wire to the host listening at to, and returns the
// seq of the message event recorded for it (the first one, if the packet is
// duplicated), so that the element can name it as the Cause of later events.
// Send never fails: a packet that cannot be delivered (no host at to, a host
// that is down, a lossy link) is recorded as dropped, with a note saying why.
// Delivery happens later, from the event loop. Send takes data over: the
// trace and the delivered packet share it, and the trace keeps opts' Notes
// and Reasons, so the caller must not modify them afterwards (SIP elements send a freshly serialized message each time).
func (h *Host) Send(to netip.AddrPort, data []byte, opts SendOptions) int {
	return h.net.send(h, to, data, &opts)
}

// Sim returns the simulation the host belongs to, for its clock and timers.
func (h *Host) Sim() *Sim { return h.net.sim }

// KeyHostMoved is the catalog key of the note event a Move records, with
// the host's name, its old address and its new one as arguments: views
// that draw packets (a pcap) read the host's address from it.
const KeyHostMoved = "net.host.moved"

// Move gives the host the address to, as a phone that changes network or
// gets a new lease from DHCP: from now on it sends from to and receives only
// there. Nothing listens at its old address any more: a packet sent there
// finds no host, and one already in flight to it is dropped on arrival.
// Move records a note event of the host and returns its seq; it fails,
// changing nothing, if to is invalid or another host's.
func (h *Host) Move(to netip.AddrPort) (int, error) {
	n := h.net
	switch {
	case !to.IsValid():
		return 0, fmt.Errorf("%s cannot move to an invalid address", h.Name)
	case n.byAddr[to] == h:
		return 0, fmt.Errorf("%s is already at %v", h.Name, to)
	case n.byAddr[to] != nil:
		return 0, fmt.Errorf("%s cannot move to %v: it is host %s's", h.Name, to, n.byAddr[to].Name)
	}
	delete(n.byAddr, h.Addr)
	n.byAddr[to] = h
	h.left, h.Addr = h.Addr, to
	return n.sim.Record(Event{Type: EventNote, Node: h.Name,
		Summary: T(KeyHostMoved, h.Name, h.left.String(), to.String()),
		Notes:   []Text{T("net.host.moved.why", h.left.String())}}), nil
}
