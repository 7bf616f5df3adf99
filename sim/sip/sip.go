// Package sip is siplab's wire format: the SIP message model of RFC 3261 and
// its codec. Every arrow in every lesson is a message that one element built
// with this package and another parsed with it.
//
// The concepts, one file each:
//
//   - message.go: Message (a request or a response), its ordered Header list,
//     and typed accessors (Via, From/To, CSeq, Contact, …).
//   - parse.go: Parse, strict per RFC 3261 §7 and §25, with datagram body
//     rules (§18.3); errors are *ParseError values naming the line and header.
//   - write.go: Bytes, the canonical serialization (full header names, CRLF,
//     a correct Content-Length). No field can add a line to a message: quote
//     and the URI writer escape what their grammar cannot hold, and Bytes
//     writes any other CR or LF in a field as a space.
//   - scan.go: the one tokenizer of the codec: character classes, quoted
//     strings (quote, unquote), line folding (unfold), parameters
//     (scanParam) and comma lists, shared by headers, URIs and digest.
//   - names.go: canonical and compact header names (§7.3.3).
//   - uri.go: SIP, SIPS and tel URIs and other absolute URIs (§19.1, §25).
//   - params.go: ";name=value" parameter lists as used by URIs and headers.
//   - address.go: name-addr and addr-spec values (From, To, Contact, Route).
//   - via.go: the Via header (§20.42), cseq.go: CSeq and the scalar headers.
//   - sdp.go: a small SDP model (RFC 4566) for offer/answer (RFC 3264).
//   - status.go: the reason phrases of the response codes (§21).
//   - digest.go, digest_server.go: HTTP digest authentication as SIP uses it
//     (§22, RFC 2617, RFC 7616).
//
// The package depends on the standard library only.
package sip
