package nodes

import (
	"fmt"
	"math/rand/v2"
	"net/netip"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// Core is the part of an element above the transaction layer: the
// transaction user (TU) of RFC 3261 §17.
type Core interface {
	// Request is called for each new request. tx is the server transaction
	// created for it; it is nil for an ACK that matches no transaction (the
	// ACK for a 2xx, §17.2.3) and for every request at a stateless element.
	Request(in *Incoming, tx *ServerTx)
	// StrayResponse is called for a response that matches no client
	// transaction: a 2xx retransmitted after the INVITE transaction ended
	// (§13.2.2.4, §16.7), or any response at a stateless element.
	StrayResponse(in *Incoming)
}

// Incoming is a message as it arrived.
type Incoming struct {
	Msg       *sip.Message
	Seq       int            // seq of its message event in the trace
	Source    netip.AddrPort // where the packet came from
	Transport sim.Transport
}

// Element is what every SIP element shares: a host on the simulated
// network, its transport and transaction layers, and identifiers drawn from
// the run's seed. It explains itself in catalog texts (sim.Text), which the
// views translate: an element has no language.
type Element struct {
	Name     string // node name: "alice", "proxy"
	HostName string // the host's DNS name, used in Via and Contact
	Domain   string // the domain the element serves or belongs to
	Host     *sim.Host
	Sim      *sim.Sim

	// Stateless elements create no transactions (§16.11).
	Stateless bool
	// RPort asks the next hop to write in the Via the port a request came
	// from (RFC 3581), as softphones behind NATs do.
	RPort bool

	core     Core
	ids      *rand.Rand // the element's own random stream, from the run's seed
	clients  map[txKey]*ClientTx
	servers  map[txKey]*ServerTx
	ownTags  map[string]bool             // To tags of final responses sent with no transaction
	ownOrder []string                    // the same, oldest first (ownTag)
	faults   map[sim.FaultKind]sim.Fault // node faults injected into the element (Inject), the last of each kind
}

// NewElement puts an element on the network at addr, with the DNS name
// hostName, and connects it to its core.
func NewElement(s *sim.Sim, name string, kind sim.Kind, hostName, domain string, addr netip.AddrPort) *Element {
	e := &Element{
		Name: name, HostName: hostName, Domain: domain, Sim: s,
		ids:     s.Stream("ids/" + name),
		clients: map[txKey]*ClientTx{},
		servers: map[txKey]*ServerTx{},
		ownTags: map[string]bool{},
		faults:  map[sim.FaultKind]sim.Fault{},
	}
	e.Host = s.Net.AddHost(name, kind, addr)
	e.Host.Receive = e.receive
	if info := s.Trace.Node(name); info != nil {
		info.Host, info.Domain = hostName, domain
	}
	if hostName != "" {
		s.DNS.AddName(hostName, addr.Addr())
	}
	return e
}

// SetCore connects the element to its transaction user.
func (e *Element) SetCore(c Core) { e.core = c }

// Addr is where the element listens.
func (e *Element) Addr() netip.AddrPort { return e.Host.Addr }

// T is an explanation from the catalog, for the views to translate
// (sim.T).
func (e *Element) T(key string, args ...any) sim.Text { return sim.T(key, args...) }

// Reason builds a trace reason from a catalog key and the RFC section.
func (e *Element) Reason(rfc, key string, args ...any) sim.Reason {
	return sim.Reason{Text: sim.T(key, args...), RFC: rfc}
}

// Note records a note event on the element.
func (e *Element) Note(summary sim.Text, notes ...sim.Text) int {
	return e.Sim.Note(e.Name, summary, notes...)
}

// NewBranch returns a fresh branch with the magic cookie (§8.1.1.7).
func (e *Element) NewBranch() string {
	return sip.MagicCookie + fmt.Sprintf("%08x", e.ids.Uint32())
}

// NewTag returns a fresh tag (§19.3).
func (e *Element) NewTag() string { return fmt.Sprintf("%08x", e.ids.Uint32()) }

// NewCallID returns a fresh Call-ID: a random word @ the element's host
// (§8.1.1.4).
func (e *Element) NewCallID() string {
	return fmt.Sprintf("%012x@%s", e.ids.Uint64()>>16, e.HostName)
}

// LooseRoute is the element's URI as a loose router names itself in a
// Route or Record-Route header (§16.6 step 4, §19.1.1): its host name, or
// its address when it has none, a port other than 5060, and lr.
func (e *Element) LooseRoute() sip.URI {
	uri := sip.URI{Scheme: "sip", Host: e.HostName, Params: ";lr"}
	if uri.Host == "" {
		uri.Host = e.Addr().Addr().String()
	}
	if p := e.Addr().Port(); p != sim.DefaultSIPPort {
		uri.Port = int(p)
	}
	return uri
}
