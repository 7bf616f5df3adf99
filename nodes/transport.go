package nodes

import (
	"errors"
	"net/netip"
	"strconv"
	"strings"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// MaxUDPSize is the limit of RFC 3261 §18.1.1: a request within 200 bytes
// of the path MTU (1500 bytes), or larger than 1300 bytes when the MTU is
// unknown, goes over a congestion-controlled transport such as TCP.
const MaxUDPSize = 1300

// Out says what the trace should record about a message an element sends.
type Out struct {
	Cause          int // seq of the event that caused it
	Reasons        []sim.Reason
	Retransmission bool
	// Transport, if set, is the one to use: a response goes back over the
	// transport its request came on (§18.2.2).
	Transport sim.Transport
}

// TransportTo is the transport the element uses towards dest: the link's.
func (e *Element) TransportTo(dest netip.AddrPort) sim.Transport {
	if h := e.Sim.Net.HostAt(dest); h != nil {
		if t := e.Sim.Net.Link(e.Host, h).Config().Transport; t != 0 {
			return t
		}
	}
	return sim.UDP
}

// NewVia returns a Via for a request the element sends to dest: its own
// sent-by and a fresh branch (§8.1.1.7, §16.6 step 8), and an empty rport
// when the element asks for it (RFC 3581 §3).
func (e *Element) NewVia(dest netip.AddrPort) sip.Via {
	params := sip.Params(";branch=" + e.NewBranch())
	if e.RPort {
		params += ";rport"
	}
	return sip.Via{
		Protocol:  "SIP/2.0",
		Transport: e.TransportTo(dest).String(),
		Host:      e.HostName,
		Port:      int(e.Addr().Port()),
		Params:    params,
	}
}

// SendRaw serializes m and puts it on the wire to dest. A request larger
// than MaxUDPSize that would go over UDP goes over TCP instead, with its Via
// saying so (§18.1.1). It returns the seq of the message event.
func (e *Element) SendRaw(dest netip.AddrPort, m *sip.Message, o Out) int {
	tr := o.Transport
	if tr == 0 {
		tr = e.TransportTo(dest)
	}
	raw := m.Bytes()
	if m.IsRequest() && tr == sim.UDP && len(raw) > MaxUDPSize {
		if top, err := m.TopVia(); err == nil && top.Host == e.HostName {
			top.Transport = "TCP"
			m.SetTopVia(top)
			raw = m.Bytes()
		}
		tr = sim.TCP
		o.Reasons = append(o.Reasons, e.Reason("RFC 3261 §18.1.1", "node.transport.large", len(raw), MaxUDPSize))
	}
	return e.Host.Send(dest, raw, sim.SendOptions{
		Cause: o.Cause, Reasons: o.Reasons,
		Retransmission: o.Retransmission, Transport: tr,
	})
}

// ResponseAddr is where a response goes (§18.2.2): the top Via's received
// address, or its sent-by host, at the rport, the sent-by port, or 5060.
func (e *Element) ResponseAddr(resp *sip.Message) (netip.AddrPort, bool) {
	v, err := resp.TopVia()
	if err != nil {
		return netip.AddrPort{}, false
	}
	host := v.Host
	if r := v.Received(); r != "" {
		host = r
	}
	port := v.Port
	if rp, ok := v.RPort(); ok && rp != "" {
		if n, err := strconv.Atoi(rp); err == nil {
			port = n
		}
	}
	if port == 0 {
		port = sim.DefaultSIPPort
	}
	return e.resolveHost(host, port)
}

// Resolve finds where a request for uri goes (RFC 3263, simplified): its
// maddr, or its host.
func (e *Element) Resolve(uri sip.URI) (netip.AddrPort, bool) {
	host := uri.Host
	if m := uri.Params.Value("maddr"); m != "" {
		host = m
	}
	return e.resolveHost(host, uri.Port)
}

// resolveHost finds host: an IP literal at port (the default SIP port when
// 0), or a DNS name or domain, at port when one is given.
func (e *Element) resolveHost(host string, port int) (netip.AddrPort, bool) {
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if a, err := netip.ParseAddr(host); err == nil {
		if port == 0 {
			port = sim.DefaultSIPPort
		}
		return netip.AddrPortFrom(a, uint16(port)), true
	}
	if port != 0 {
		return e.Sim.DNS.Resolve(host + ":" + strconv.Itoa(port))
	}
	return e.Sim.DNS.Resolve(host)
}

// receive is the host's packet handler: parse, the transport layer's checks
// on receipt (§18.2.1, §18.1.2), then the transaction layer.
func (e *Element) receive(p sim.Packet) {
	// The packet's bytes are read-only (they are the trace's record of the
	// message): the message may share them.
	m, err := sip.ParseShared(p.Data)
	if err != nil {
		e.badMessage(p, err)
		return
	}
	in := &Incoming{Msg: m, Seq: p.Seq, Source: p.From, Transport: p.Transport}
	if m.IsRequest() {
		stampVia(m, p.From)
		e.dispatchRequest(in)
		return
	}
	// §18.1.2: a response whose top Via is not ours is discarded.
	if v, err := m.TopVia(); err != nil || !strings.EqualFold(v.Host, e.HostName) {
		e.Note(e.T("node.transport.notmine"), e.T("node.transport.notmine.why"))
		return
	}
	e.dispatchResponse(in)
}

// stampVia adds received (and fills rport) to the top Via of m when its
// sent-by is not the address the request came from (§18.2.1, RFC 3581): on
// a request received, or on the response built for one that did not parse.
func stampVia(m *sip.Message, from netip.AddrPort) {
	v, err := m.TopVia()
	if err != nil {
		return
	}
	src := from.Addr().String()
	changed := false
	if v.Host != src && strings.Trim(v.Host, "[]") != src {
		v.Params = v.Params.Set("received", src)
		changed = true
	}
	if rp, ok := v.RPort(); ok && rp == "" {
		v.Params = v.Params.Set("rport", strconv.Itoa(int(from.Port())))
		v.Params = v.Params.Set("received", src)
		changed = true
	}
	if changed {
		m.SetTopVia(v)
	}
}

// badMessage handles a datagram that does not parse: a request is answered
// 400 (or 505 for a version siplab does not speak) when enough of it can be
// read to route a response (§8.2.1, §21.4.1); anything else is discarded
// (§18.1.2, §18.3).
func (e *Element) badMessage(p sim.Packet, perr error) {
	text := string(p.Data)
	if strings.HasPrefix(strings.ToUpper(text), "SIP/") {
		e.Note(e.T("node.transport.badresponse"), sim.Lit(perr.Error()))
		return
	}
	code := sip.StatusBadRequest
	if errors.Is(perr, sip.ErrVersion) {
		code = sip.StatusVersionNotSupported
	}
	resp := salvageResponse(text, code, perr.Error(), e.ownTag())
	if resp == nil {
		e.Note(e.T("node.transport.badrequest.drop"), sim.Lit(perr.Error()))
		return
	}
	// The response goes where any response goes (§18.2.2): the top Via
	// says where the request came from, received included (§18.2.1).
	stampVia(resp, p.From)
	rfc := "RFC 3261 §8.2.1, §21.4.1"
	if errors.Is(perr, sip.ErrTruncated) {
		rfc = "RFC 3261 §18.3, §21.4.1" // a datagram shorter than its Content-Length
	}
	e.SendRaw(p.From, resp, Out{Cause: p.Seq, Reasons: []sim.Reason{
		e.Reason(rfc, "node.transport.badrequest", perr.Error()),
	}})
}

// ownTag is a new To tag for a final response sent with no transaction,
// remembered so that its ACK is recognised (Proxy.Request). Only the last
// maxOwnTags are: an ACK comes within 64·T1 of its response, and a flood of
// bad requests must not fill the memory.
func (e *Element) ownTag() string {
	tag := e.NewTag()
	e.ownTags[tag] = true
	e.ownOrder = append(e.ownOrder, tag)
	if len(e.ownOrder) > maxOwnTags {
		delete(e.ownTags, e.ownOrder[0])
		e.ownOrder = e.ownOrder[1:]
	}
	return tag
}

const maxOwnTags = 1024

// salvageResponse builds the response of status code (400, 505, 513) for a
// request that was not parsed, from the header lines a response must copy
// (§8.2.6.2), with warning as a Warning. It returns nil when there is no Via
// to send it back along.
func salvageResponse(text string, code int, warning, tag string) *sip.Message {
	resp := &sip.Message{StatusCode: code, Reason: sip.StatusText(code)}
	head, _, _ := strings.Cut(text, "\r\n\r\n")
	hasVia := false
	for _, line := range strings.Split(head, "\r\n")[1:] {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		switch n := sip.CanonicalName(strings.TrimSpace(name)); n {
		case "Via", "From", "To", "Call-ID", "CSeq":
			if n == "To" && !strings.Contains(strings.ToLower(value), ";tag=") {
				// The response needs a To tag (§8.2.6.2): the
				// request's To is copied, and the tag appended.
				value += ";tag=" + tag
			}
			resp.Headers = append(resp.Headers, sip.Header{Name: n, Value: value})
			hasVia = hasVia || n == "Via"
		}
	}
	if !hasVia {
		return nil
	}
	// RFC 3261 §20.43: 399 is the miscellaneous warning code.
	resp.Add("Warning", "399 siplab "+sip.Quote(warning))
	return resp
}
