package render

import (
	"net/netip"
	"slices"

	"github.com/siplab/siplab/sim"
)

// The lane ranks, left to right. Servers sit between the two user agents in
// the order a request meets them, as in the call flows of RFC 3665: the
// caller's proxy first, the location service and DNS it consults behind it.
const (
	rankCaller = iota
	rankProxy
	rankRedirect
	rankRegistrar
	rankLocation
	rankDNS
	rankOther
	rankCallee
)

// A candidate is a node that may get a lane.
type candidate struct {
	name string
	kind sim.Kind
	role sim.Role
	rank int
}

// LaneOrder returns the names of the ladder's lanes, left to right: one lane
// per node of t.Nodes (a name listed twice counts once), shown even if no
// event involves it, in this order:
//
//   - the caller: the user agent whose role in the trace is the caller, or
//     else the first user agent;
//   - the proxies (kinds proxy and stateless-proxy), then
//     the redirect servers, registrars and location services;
//   - the pseudo-node "dns", only if some event uses it;
//   - anything else, such as a third user agent;
//   - the callee, rightmost: the user agent whose role is the callee, or
//     else the last user agent.
//
// Nodes of the same rank keep their t.Nodes order. An event may also name an
// endpoint that t.Nodes lacks (a message sent to an address where no host
// listens, a lookup of a service the trace did not list); it gets a lane too,
// after the listed nodes, in order of first use, ranked with anything else
// (the resolver's pseudo-node sim.DNSNode with DNS). An endpoint that is the
// address of a listed node is that node.
func LaneOrder(t *sim.Trace) []string {
	if t == nil {
		return nil
	}
	cands := candidates(t)

	// The caller and the callee, among the user agents: by their roles, or
	// else the first and the last.
	ua := func(c candidate) bool { return c.kind == sim.KindUA }
	caller := slices.IndexFunc(cands, func(c candidate) bool { return ua(c) && c.role == sim.RoleCaller })
	if caller < 0 {
		caller = slices.IndexFunc(cands, ua)
	}
	if caller >= 0 {
		cands[caller].rank = rankCaller
	}
	callee := slices.IndexFunc(cands, func(c candidate) bool {
		return ua(c) && c.role == sim.RoleCallee && c.rank != rankCaller
	})
	for i := len(cands) - 1; callee < 0 && i >= 0; i-- {
		if ua(cands[i]) && i != caller {
			callee = i
		}
	}
	if callee >= 0 {
		cands[callee].rank = rankCallee
	}

	slices.SortStableFunc(cands, func(a, b candidate) int { return a.rank - b.rank })
	names := make([]string, len(cands))
	for i, c := range cands {
		names[i] = c.name
	}
	return names
}

// candidates lists the nodes of t, then the endpoints its events name that
// t.Nodes lacks, each with its rank as a server (user agents rank as
// "anything else" until LaneOrder picks the caller and the callee). The dns
// pseudo-node is left out when no event uses it.
func candidates(t *sim.Trace) []candidate {
	used := map[string]bool{}
	for _, e := range t.Events {
		for _, n := range endpoints(e) {
			used[n] = true
		}
	}
	var cands []candidate
	known := map[string]bool{} // names and addresses of the listed nodes
	for _, n := range t.Nodes {
		if n.Name == "" || known[n.Name] {
			continue
		}
		known[n.Name] = true
		c := candidate{name: n.Name, kind: n.Kind, role: n.Role, rank: serverRank(n.Kind, n.Name)}
		if c.rank == rankDNS && !used[n.Name] {
			continue
		}
		cands = append(cands, c)
	}
	for _, n := range t.Nodes {
		if n.Address != "" {
			known[n.Address] = true
		}
	}
	for _, e := range t.Events {
		for _, name := range endpoints(e) {
			if known[name] {
				continue
			}
			known[name] = true
			cands = append(cands, candidate{name: name, rank: serverRank("", name)})
		}
	}
	return cands
}

// endpoints returns the node names event e involves: sender and receiver of a
// message or lookup, the node of a timer, state or note; never "".
func endpoints(e sim.Event) []string {
	var out []string
	for _, n := range []string{e.From, e.To, e.Node} {
		if n != "" {
			out = append(out, n)
		}
	}
	return out
}

// serverRanks places a server by its kind.
var serverRanks = map[sim.Kind]int{
	sim.KindProxy: rankProxy, sim.KindStatelessProxy: rankProxy, sim.KindRedirect: rankRedirect,
	sim.KindRegistrar: rankRegistrar, sim.KindLocation: rankLocation, sim.KindDNS: rankDNS,
}

// serverRank places a node by its kind; the pseudo-node is recognised by its
// name too, since a resolver is not a host.
func serverRank(kind sim.Kind, name string) int {
	if r, ok := serverRanks[kind]; ok {
		return r
	}
	if name == sim.DNSNode {
		return rankDNS
	}
	return rankOther
}

// laneIndex maps every name an event may use for a lane (its node name, or
// the address of a listed node) to the lane's index in order; "" has none.
func laneIndex(t *sim.Trace, order []string) map[string]int {
	idx := make(map[string]int, 2*len(order))
	for i, name := range order {
		idx[name] = i
	}
	for _, n := range t.Nodes {
		if i, ok := idx[n.Name]; ok && n.Address != "" {
			if _, taken := idx[n.Address]; !taken {
				idx[n.Address] = i
			}
		}
	}
	return idx
}

// displayAddress is how a lane's address is shown under its name: the
// default SIP port 5060 (RFC 3261 §19.1.2) is left out, as in the figures of
// RFC 3665, and so are the brackets it required around an IPv6 address.
func displayAddress(addr string) string {
	ap, err := netip.ParseAddrPort(addr)
	if err != nil || ap.Port() != sim.DefaultSIPPort {
		return addr
	}
	return ap.Addr().String()
}
