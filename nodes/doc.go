// Package nodes holds siplab's SIP elements, built on the simulation engine
// (package sim) and the wire format (package sim/sip). Every message an
// element sends follows from RFC 3261 logic; nothing here replays a script
// of expected messages.
//
// The concepts, one file each:
//
//   - element.go: Element, what every SIP element shares: a host, its
//     transport and transaction layers, deterministic identifiers, and the
//     way it records why it acted.
//   - transport.go: the transport layer (§18): Via sent-by and branch,
//     received/rport on receipt, responses routed back by the top Via, the
//     switch to a congestion-controlled transport for large requests.
//   - transaction.go: the transaction layer (§17): matching, the states and
//     the timer values T1, T2 and T4.
//   - client_invite.go, client_noninvite.go, server_invite.go,
//     server_noninvite.go: the four state machines of §17, timers A–K.
//   - dialog.go: dialogs (§12): Call-ID, tags, CSeq, route set, remote target.
//   - ua.go: the user agent, both UAC and UAS (§8, §13, §15).
//   - proxy.go: the stateful proxy (§16), Timer C included; stateless.go: the stateless one
//     (§16.11); hide.go: RFC 2543's hop-by-hop Via hiding.
//   - redirect.go: the redirect server (§8.3); registrar.go: the registrar
//     (§10.3); location.go: the location service both consult.
//   - sdp.go: offer and answer (RFC 3264).
//   - fault.go: the node faults injected into an element (respond,
//     noanswer, password, max-forwards, down) and where the cores consult them.
package nodes
