package sim

import "net/netip"

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
