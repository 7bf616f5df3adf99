package nodes

import (
	"strings"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// StatelessProxy forwards each request and response on its own, keeping no
// transaction (§16.11): no 100 Trying, no retransmissions of its own (the
// end points retransmit through it), and a branch computed from the
// request so that a retransmitted request leaves with the same branch.
type StatelessProxy struct {
	*Proxy
}

// NewStatelessProxy makes el a stateless proxy for its domain.
func NewStatelessProxy(el *Element, loc *Location) *StatelessProxy {
	el.Stateless = true
	s := &StatelessProxy{Proxy: &Proxy{Element: el, Location: loc}}
	el.SetCore(s)
	return s
}

// Request forwards the request to the target the location service gives
// for the Request-URI, or answers the errors a proxy must (483, 404, 480)
// statelessly.
func (s *StatelessProxy) Request(in *Incoming, _ *ServerTx) {
	req := in.Msg
	if mf, ok := req.MaxForwards(); ok && mf == 0 && req.Method != sip.ACK {
		s.respondWith(in, nil, sip.StatusTooManyHops, "RFC 3261 §16.3 step 3", "node.proxy.toomanyhops")
		return
	}
	var why []sim.Reason
	if routed, ok := s.preprocessRoute(req); ok {
		why = append(why, routed)
	}
	uri := req.RequestURI
	if !req.Has("Route") && strings.EqualFold(uri.Host, s.Domain) {
		found := s.Location.Lookup(s.Name, uri.AddrOfRecord(), in.Seq)
		if len(found) == 0 {
			if req.Method != sip.ACK {
				code, rfc, key := s.Location.NoBinding(uri.AddrOfRecord())
				s.respondWith(in, nil, code, rfc, key, uri.AddrOfRecord())
			}
			return
		}
		// A stateless proxy forwards to one target only (§16.11).
		req.RequestURI = found[0].Contact.URI
		why = append(why, s.Reason("RFC 3261 §16.5", "node.proxy.located", uri.AddrOfRecord(), req.RequestURI.String()))
	}
	s.forwardStateless(in, statelessBranch(s.Name, req), why)
}
