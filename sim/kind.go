package sim

// Kind is what a node of the trace is: the "kind" of a node in the trace
// JSON. Views choose a node's lane and its label by its kind.
type Kind string

// The kinds of node of the trace contract.
const (
	KindUA             Kind = "ua"              // a user agent (UAC and UAS)
	KindProxy          Kind = "proxy"           // a stateful proxy (RFC 3261 §16)
	KindStatelessProxy Kind = "stateless-proxy" // a stateless proxy (§16.11)
	KindRedirect       Kind = "redirect"        // a redirect server (§8.3)
	KindRegistrar      Kind = "registrar"       // a registrar (§10.3)
	KindLocation       Kind = "location"        // a location service (§10)
	KindDNS            Kind = "dns"             // the resolver pseudo-node (RFC 3263)
	KindNAT            Kind = "nat"             // a network address translator (RFC 4787): not a SIP element
)

// Kinds lists the kinds of node, in the order a request meets them.
func Kinds() []Kind {
	return []Kind{KindUA, KindProxy, KindStatelessProxy, KindRedirect, KindRegistrar, KindLocation, KindDNS, KindNAT}
}

// Role is the part a user agent plays in the flow a trace records, which
// views use to place its lane: the caller on the left, the callee on the
// right.
type Role string

// The roles of the trace contract; the zero Role is none in particular.
const (
	RoleCaller Role = "caller" // starts the flow: the first request of the script
	RoleCallee Role = "callee" // the user agent the caller's first request is for
)
