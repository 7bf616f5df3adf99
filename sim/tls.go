package sim

import "time"

// handshake runs the TLS handshake on link before the first message
// between its hosts, from the client (the sender of that message) to the
// server, and returns how long the message waits for it: one round trip.
// It is TLS 1.3's full handshake (RFC 8446 §2), shown as lookup events,
// not computed: the ClientHello now, the server's ServerHello with its
// Certificate and Finished one latency later, the client's Finished (with
// which the first message may go) after another. The message events stay
// the SIP messages in clear, as a dissector holding the keys shows them.
func (n *Network) handshake(l *Link, from, to *Host) time.Duration {
	if l.tlsUp {
		return 0
	}
	l.tlsUp = true
	s, lat := n.sim, l.cfg.Latency
	server := to.Name
	if info := s.Trace.Node(to.Name); info != nil && info.Host != "" {
		server = info.Host
	}
	hello := s.Record(Event{Type: EventLookup, From: from.Name, To: to.Name, Summary: T("net.tls.clienthello", server),
		Reasons: []Reason{{Text: T("net.tls.clienthello.why"), RFC: "RFC 8446 §4.1.2; RFC 3261 §26.2.1"}}})
	s.After(lat, func() {
		reply := s.Record(Event{Type: EventLookup, From: to.Name, To: from.Name, Cause: hello, Summary: T("net.tls.serverhello", server),
			Reasons: []Reason{{Text: T("net.tls.serverhello.why", server), RFC: "RFC 8446 §4.1.3, §4.4.2; RFC 5922 §7.3"}}})
		s.After(lat, func() {
			s.Record(Event{Type: EventLookup, From: from.Name, To: to.Name, Cause: reply, Summary: T("net.tls.finished"),
				Reasons: []Reason{{Text: T("net.tls.finished.why"), RFC: "RFC 8446 §4.4.4"}}})
		})
	})
	return 2 * lat
}
