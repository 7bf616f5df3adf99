// Package capture converts between siplab's traces and packet captures, the
// files of Wireshark, tshark and sngrep: pcap and pcapng. The file formats
// and the packet layers are gopacket's (pcapgo and layers), pure Go.
//
// Writing (write.go): every message event of a trace becomes what a
// sniffer on the sender's link would have seen, Ethernet + IPv4 or IPv6 +
// UDP or TCP, at a fixed epoch plus the event's virtual time, so that the
// same trace always gives the same bytes:
//
//   - over UDP, one datagram per message;
//   - over TCP, one connection per pair of hosts, opened by the first of
//     them to send (from an ephemeral port, to the other's SIP port) with
//     the three-way handshake before its first message; each message is
//     sent in segments of at most the MSS, with sequence and
//     acknowledgement numbers consistent both ways, so that Wireshark
//     reassembles it;
//   - a message lost in flight is written all the same: the capture point
//     is the sender's link, where it was seen leaving.
//
// In pcapng every packet may carry a comment, which the caller writes (the
// translation of a step's explanation belongs to package render).
//
// Reading (read.go, stream.go, text.go, trace.go, calls.go): Scan finds the
// SIP messages of a pcap, a pcapng or a text of messages pasted from a log,
// in one pass, on any port: Ethernet, Linux cooked (SLL, SLL2), raw IP and
// BSD loopback frames, IPv4 (fragments reassembled by gopacket's ip4defrag)
// and IPv6, UDP, TCP (each byte once, in order, framed by Content-Length),
// WebSocket (RFC 7118) and SCTP DATA. ReadTrace makes them a trace with
// "source":"capture" whose nodes are the endpoints, named by their roles,
// and whose events note what the capture shows; Calls lists the calls.
package capture

import (
	"net/netip"
	"time"

	"github.com/siplab/siplab/sim"
)

// Format is a capture file format.
type Format string

// The formats of capture files.
const (
	PCAP   Format = "pcap"   // libpcap's classic format, with nanosecond timestamps
	PCAPNG Format = "pcapng" // pcap next generation: a comment on every packet
)

// Formats lists the capture formats, in the order help texts name them.
var Formats = []Format{PCAP, PCAPNG}

// Epoch is the wall-clock time of virtual time 0 in a capture.
var Epoch = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

// Kind is what a packet of a capture carries.
type Kind int

// The kinds of packets: a message (or a segment of it), or the TCP
// handshake before the first message of a connection.
const (
	Message Kind = iota // a message, or one TCP segment of it
	SYN                 // the handshake's first packet, from the connecting host
	SYNACK              // its second, from the host connected to
	ACK                 // its third, from the connecting host
)

// A Packet is one frame of a capture.
type Packet struct {
	Event *sim.Event // the message event it carries, or whose connection it opens
	Kind  Kind
	// Segment and Segments number a message's packets: 1 of 1 over UDP,
	// i of n over TCP when the message takes n segments; 0 for the handshake.
	Segment, Segments int
	From, To          netip.AddrPort // the packet's source and destination
	Data              []byte         // the frame, from the Ethernet header on
}

// Time is when the packet was seen: the epoch plus its event's virtual time.
func (p *Packet) Time() time.Time { return Epoch.Add(p.Event.At) }
