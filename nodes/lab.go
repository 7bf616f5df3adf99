package nodes

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// Lab is the server of `siplab lab`, a small PBX on one element: the
// registrar of its domain and a record-routing stateful proxy for it,
// sharing a location service, as MiniSipServer is for the course's lab.
// It serves its domain only: a request for any other is refused with 403,
// never relayed, so that the lab is no open relay on a class LAN.
type Lab struct {
	*Element
	Registrar *Registrar
	Proxy     *Proxy
}

// NewLab makes el the registrar and proxy of its domain, writing to loc.
// users, if not nil, maps user names to passwords: REGISTERs are
// challenged with 401 (with registerWith407, 407 as MiniSipServer does),
// and requests that start a dialog or stand alone with 407 (§22).
func NewLab(el *Element, loc *Location, users map[string]string, registerWith407 bool) *Lab {
	l := &Lab{Element: el, Registrar: NewRegistrar(el, loc), Proxy: NewProxy(el, loc, true)}
	l.Registrar.Auth.Users = users
	l.Registrar.Auth.Proxy = registerWith407
	l.Proxy.Auth.Users = users
	for u := range users {
		loc.Know("sip:" + u + "@" + el.Domain)
	}
	el.SetCore(l)
	return l
}

// Request sends REGISTER to the registrar, answers OPTIONS for the server
// itself, refuses what is not for its domain and proxies the rest.
func (l *Lab) Request(in *Incoming, tx *ServerTx) {
	req := in.Msg
	if host, ok := l.foreign(req); ok {
		if tx == nil {
			l.Note(l.T("node.lab.foreign.ack", host))
			return
		}
		l.respondWith(in, tx, sip.StatusForbidden, "RFC 3261 §21.4.4", "node.lab.foreign", host, l.Domain)
		return
	}
	switch {
	case req.Method == sip.REGISTER:
		l.Registrar.Request(in, tx)
	case req.Method == sip.OPTIONS && req.RequestURI.User == "" && tx != nil:
		answerOptions(l.Element, in, tx, nil, "")
	default:
		l.Proxy.Request(in, tx)
	}
}

// StrayResponse: responses are the proxy's.
func (l *Lab) StrayResponse(in *Incoming) { l.Proxy.StrayResponse(in) }

// foreign reports the host a request is for when it is not the lab's to
// serve: outside a dialog, a Request-URI in another domain; inside one (a
// To tag, or the ACK of a 2xx), a request that does not come through the
// lab's Record-Route (§16.4: its top Route names the lab).
func (l *Lab) foreign(req *sip.Message) (string, bool) {
	uri := req.RequestURI
	to, _ := req.To()
	if to.Tag() == "" && req.Method != sip.ACK {
		mine := strings.EqualFold(uri.Host, l.Domain) || l.Proxy.isMe(uri.Host, uri.Port)
		return uri.Host, !mine
	}
	routes, err := req.Routes()
	if err != nil || len(routes) == 0 {
		return uri.Host, !l.Proxy.isMe(uri.Host, uri.Port)
	}
	return uri.Host, !l.Proxy.isMe(routes[0].URI.Host, routes[0].URI.Port)
}

// TooLarge handles a message of len(data) bytes from from, over the limit
// of the lab's transport, without parsing it all: a request whose start
// line and Via can be read is answered 513 Message Too Large (§21.4.11),
// sent where it came from (§18.2.2); anything else (a response, an ACK,
// bytes without a Via) is dropped with a note. Only a note stands for the
// message in the trace, never its bytes.
func (l *Lab) TooLarge(from netip.AddrPort, data []byte, limit int) {
	size := len(data)
	data = data[:min(size, limit)] // the start line and the headers a response copies come first
	resp, method := Refusal(data, from, sip.StatusMessageTooLarge, fmt.Sprintf("over %d bytes", limit), l.ownTag())
	if resp == nil {
		l.Note(l.T("node.lab.toolarge", size, from.String(), limit))
		return
	}
	seq := l.Note(l.T("node.lab.toolarge.read", method, size, from.String(), limit))
	l.SendRaw(from, resp, Out{Cause: seq, Reasons: []sim.Reason{l.Reason("RFC 3261 §21.4.11", "node.lab.toolarge.513", limit)}})
}

// Refusal is the response of status code to the request in data, read
// only as far as its start line and the headers a response copies
// (§8.2.6.2), with warning as a Warning and tag as the To tag, its Via
// stamped with where it came from (§18.2.1), and the request's method.
// It is nil for what must not be answered or cannot be: a response, an
// ACK (§17.1.1.3), bytes without a request line or a Via.
func Refusal(data []byte, from netip.AddrPort, code int, warning, tag string) (*sip.Message, string) {
	text := string(data)
	line, _, _ := strings.Cut(text, "\r\n")
	method, rest, _ := strings.Cut(line, " ")
	if _, version, _ := strings.Cut(rest, " "); method == "" || method == sip.ACK || version != "SIP/2.0" {
		return nil, method
	}
	resp := salvageResponse(text, code, warning, tag)
	if resp != nil {
		stampVia(resp, from)
	}
	return resp, method
}

// Flows are the addresses the live bindings of the lab's location service
// reach their phones at: the source of their REGISTER when it asked for
// rport (RFC 3581 §4), else their contact's address (§10.2.1). A request
// for a registered user goes there (§16.5), so the lab keeps the hosts at
// them while the bindings live.
func (l *Lab) Flows(loc *Location) map[netip.AddrPort]bool {
	now := loc.sim.Now()
	out := map[netip.AddrPort]bool{}
	for _, list := range loc.aors {
		for _, b := range list {
			if b.Expires <= now {
				continue
			}
			if b.Source.IsValid() {
				out[b.Source] = true
			} else if a, ok := l.Resolve(b.Contact.URI); ok {
				out[a] = true
			}
		}
	}
	return out
}
