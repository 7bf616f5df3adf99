package sim

import (
	"math/rand/v2"
	"net/netip"
	"strconv"
	"strings"
)

// DNSNode is the node name of the resolver in lookup events. It is added to
// the trace's nodes (kind "dns", no address) by the first traced lookup.
const DNSNode = "dns"

// DefaultSIPPort is the port used when a target names none (RFC 3261 §19.1.2,
// RFC 3263 §4.2: 5060 for UDP and TCP).
const DefaultSIPPort = 5060

// DNS is a tiny resolver for SIP targets: a simplified RFC 3263 §4.
//
// A real client asks NAPTR records which transports a domain supports, then
// SRV records which servers and ports serve it, then A/AAAA records for their
// addresses, with priorities, weights and fail-over between servers. Here a
// domain has exactly one SIP server, and the transport comes from the link,
// not from DNS. What is kept is the part of §4.2 that decides which lookup
// applies:
//
//   - a numeric IP address is used as is, with the port given or 5060;
//   - a name with a port is looked up as an A/AAAA record, at that port;
//   - a name without a port is looked up as a domain (standing in for the
//     NAPTR/SRV lookups), falling back to an A/AAAA record at port 5060.
//
// AddDomain therefore creates both the domain's "SRV" record and an A record
// for the domain name pointing at the same server; AddName adds plain A
// records, which take precedence over that implied one. Names are
// case-insensitive and may end with a dot.
//
// A domain can also be published with real NAPTR and SRV records (Add, in
// srv.go): then Locate finds its servers as RFC 3263 §4.1 and §4.2 say,
// several of them in order, and traces every lookup.
type DNS struct {
	sim     *Sim
	domains map[string]netip.AddrPort // "SRV": domain → its SIP server
	names   map[string]netip.Addr     // A/AAAA
	records map[string][]Record       // NAPTR and SRV, by owner name (srv.go)
	rng     *rand.Rand                // the SRV weight draws: the run's "dns" stream
	traced  bool                      // the dns node is in the trace
}

func newDNS(s *Sim) *DNS {
	return &DNS{sim: s, domains: make(map[string]netip.AddrPort), names: make(map[string]netip.Addr)}
}

// AddDomain makes addr the SIP server of domain: requests for
// sip:anyone@domain are sent there.
func (d *DNS) AddDomain(domain string, addr netip.AddrPort) {
	d.domains[canonicalName(domain)] = addr
}

// AddName adds an A (or, for an IPv6 address, AAAA) record.
func (d *DNS) AddName(host string, addr netip.Addr) {
	d.names[canonicalName(host)] = addr
}

// Resolve returns where to send requests for host, which may be a domain
// ("biloxi.example.com"), a name with a port ("pc33.atlanta.example.com:5070"),
// or an IP literal ("192.0.2.4", "192.0.2.4:5070", "[2001:db8::4]:5060").
// It reports false when nothing is known about the name.
func (d *DNS) Resolve(host string) (netip.AddrPort, bool) {
	addr, _, ok := d.resolve(host)
	return addr, ok
}

// ResolveTraced is Resolve, recorded in the trace as a lookup event from
// node from to DNSNode, with the rule of RFC 3263 §4.2 that applied as its
// reason. The event's seq is the trace's Len right after the call.
func (d *DNS) ResolveTraced(from *Host, host string) (netip.AddrPort, bool) {
	addr, why, ok := d.resolve(host)
	d.listed()
	e := Event{Type: EventLookup, To: DNSNode, Reasons: []Reason{{Text: why, RFC: "RFC 3263 §4.2"}}}
	if from != nil {
		e.From = from.Name
	}
	if ok {
		e.Summary = T("net.dns.found", host, addr.String())
	} else {
		e.Summary = T("net.dns.notfound", host)
	}
	d.sim.Record(e)
	return addr, ok
}

// listed adds the dns node to the trace's nodes, once.
func (d *DNS) listed() {
	if !d.traced {
		d.traced = true
		if d.sim.Net.Host(DNSNode) == nil {
			d.sim.Trace.Nodes = append(d.sim.Trace.Nodes, NodeInfo{Name: DNSNode, Kind: KindDNS})
		}
	}
}

// resolve implements Resolve and says which rule applied.
func (d *DNS) resolve(host string) (netip.AddrPort, Text, bool) {
	if ap, err := netip.ParseAddrPort(host); err == nil {
		return ap, T("net.dns.numeric"), true
	}
	literal := host
	if strings.HasPrefix(literal, "[") && strings.HasSuffix(literal, "]") {
		literal = literal[1 : len(literal)-1]
	}
	if a, err := netip.ParseAddr(literal); err == nil {
		return netip.AddrPortFrom(a, DefaultSIPPort), T("net.dns.numericnoport"), true
	}
	name, port := host, ""
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		name, port = host[:i], host[i+1:]
	}
	name = canonicalName(name)
	if name == "" {
		return netip.AddrPort{}, T("net.dns.empty"), false
	}
	if port != "" {
		p, err := strconv.ParseUint(port, 10, 16)
		if err != nil {
			return netip.AddrPort{}, T("net.dns.badport", strconv.Quote(port)), false
		}
		if a, ok := d.address(name); ok {
			return netip.AddrPortFrom(a, uint16(p)), T("net.dns.a.port"), true
		}
		return netip.AddrPort{}, T("net.dns.a.port.none", name), false
	}
	if ap, ok := d.domains[name]; ok {
		return ap, T("net.dns.srv"), true
	}
	if a, ok := d.names[name]; ok {
		return netip.AddrPortFrom(a, DefaultSIPPort), T("net.dns.a"), true
	}
	return netip.AddrPort{}, T("net.dns.none", name), false
}

// address is the A/AAAA lookup: an explicit record, or the one implied by
// AddDomain.
func (d *DNS) address(name string) (netip.Addr, bool) {
	if a, ok := d.names[name]; ok {
		return a, true
	}
	if ap, ok := d.domains[name]; ok {
		return ap.Addr(), true
	}
	return netip.Addr{}, false
}

func canonicalName(s string) string {
	return strings.ToLower(strings.TrimSuffix(s, "."))
}
