package nodes

import (
	"cmp"
	"maps"
	"net/netip"
	"slices"
	"strconv"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// ALGFirstPort is the first relay port an ALG gives a media stream; each
// stream takes two, RTP on the even one and RTCP above it (RFC 3550 §11).
const ALGFirstPort = 30000

// An ALG makes a proxy the SIP application layer gateway of a firewall, as
// in RFC 3665 §3.5: the callers inside route their requests through it (a
// pre-loaded Route) and it stays on the dialog's path (Record-Route), like
// any proxy; what makes it an ALG is that it also rewrites the session
// descriptions it forwards. The c= address and m= port of every offer and
// answer become its own address and a relay port, so that each side sends
// its media to the ALG, which bridges the two streams: the media is not end
// to end any more, and the address of the phone inside never leaves the
// firewall in an SDP body. It keeps the table of its relays, per call,
// and frees a call's relays when the call ends (BYE).
type ALG struct {
	el     *Element
	next   uint16
	relays map[string]map[netip.AddrPort]netip.AddrPort // Call-ID → the media address a side gave → the relay's
}

// NewALG returns the ALG of the proxy's element.
func NewALG(el *Element) *ALG {
	return &ALG{el: el, next: ALGFirstPort, relays: map[string]map[netip.AddrPort]netip.AddrPort{}}
}

// Rewrite replaces the media addresses in the SDP body of m, a request or
// response the proxy forwards, with relays of the ALG, made on first use,
// and appends the reasons. A message without SDP is left alone; a BYE ends
// the call's relays.
func (a *ALG) Rewrite(m *sip.Message, reasons []sim.Reason) []sim.Reason {
	if m.IsRequest() && m.Method == sip.BYE {
		return a.release(m.CallID(), reasons)
	}
	if len(m.Body) == 0 || m.Get("Content-Type") != "application/sdp" {
		return reasons
	}
	s, err := sip.ParseSDP(m.Body)
	if err != nil {
		return reasons
	}
	own := a.el.Addr().Addr()
	for i := range s.Media {
		md := &s.Media[i]
		if md.Connection == nil && s.Connection != nil {
			c := *s.Connection // the stream's own c= from now on, as the session's becomes the ALG's
			md.Connection = &c
		}
		ip, err := netip.ParseAddr(md.Connection.Address)
		if md.Port == 0 || err != nil {
			continue // a rejected stream, or one named by host: nothing to relay
		}
		from := netip.AddrPortFrom(ip, uint16(md.Port))
		relay, ok := a.relays[m.CallID()][from]
		if !ok {
			relay = netip.AddrPortFrom(own, a.next)
			a.next += 2
			if a.relays[m.CallID()] == nil {
				a.relays[m.CallID()] = map[netip.AddrPort]netip.AddrPort{}
			}
			a.relays[m.CallID()][from] = relay
			a.el.Note(a.el.T("node.alg.bind", from.String(), relay.String()), a.el.T("node.alg.bind.why"))
		}
		md.Port = int(relay.Port())
		md.Connection = nil
		reasons = append(reasons, a.el.Reason("RFC 3665 §3.5, RFC 4566 §5.7, §5.14", "node.alg.sdp", md.Type, from.String(), relay.String()))
	}
	s.Connection = &sip.Connection{NetType: "IN", AddrType: "IP4", Address: own.String()}
	if own.Is6() {
		s.Connection.AddrType = "IP6"
	}
	m.Body = s.Bytes()
	return reasons
}

// release frees the relays of a call that ends, each traced on the ALG's
// lane, in the order of their ports.
func (a *ALG) release(callID string, reasons []sim.Reason) []sim.Reason {
	table := a.relays[callID]
	if len(table) == 0 {
		return reasons
	}
	delete(a.relays, callID)
	for _, from := range slices.SortedFunc(maps.Keys(table), func(x, y netip.AddrPort) int { return cmp.Compare(table[x].Port(), table[y].Port()) }) {
		a.el.Note(a.el.T("node.alg.closed", from.String(), table[from].String()))
	}
	return append(reasons, a.el.Reason("RFC 3665 §3.5", "node.alg.release", strconv.Itoa(len(table))))
}

// Relays returns the relay of each media address of a call (a copy).
func (a *ALG) Relays(callID string) map[netip.AddrPort]netip.AddrPort {
	return maps.Clone(a.relays[callID])
}
