package capture

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"net"
	"net/netip"
	"slices"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	"github.com/siplab/siplab/sim"
)

// WriteOptions say how Write writes a capture.
type WriteOptions struct {
	Format Format
	// Comment returns the comment of a packet (pcapng only; nil: none).
	Comment func(p *Packet) string
	// Section is the comment of the file itself (pcapng only): what it
	// records, the lesson's title for instance.
	Section string
}

// The link the packets are captured on.
const (
	mtu     = 1500   // Ethernet's
	snapLen = 262144 // what tcpdump and Wireshark capture by default
	synPort = 49152  // the first ephemeral port (RFC 6335 §6), for TCP clients
	window  = 65535  // every TCP segment's receive window
	ttl     = 64     // every packet's IPv4 TTL or IPv6 hop limit
	sipPort = 5060   // the port of a node whose address has none
)

// Write writes the message events of trace t as a capture in the format
// o.Format (see the package documentation for what it holds).
func Write(w io.Writer, t *sim.Trace, o WriteOptions) error {
	if !slices.Contains(Formats, o.Format) {
		return fmt.Errorf("capture: unknown format %q (choose pcap or pcapng)", o.Format)
	}
	packets, err := Packets(t)
	if err != nil {
		return err
	}
	if o.Format == PCAP {
		err = writePCAP(w, packets)
	} else {
		err = writePCAPNG(w, packets, o)
	}
	if err != nil {
		return fmt.Errorf("capture: %w", err)
	}
	return nil
}

// captureInfo is what a file records of packet p besides its bytes.
func captureInfo(p *Packet) gopacket.CaptureInfo {
	return gopacket.CaptureInfo{Timestamp: p.Time(), CaptureLength: len(p.Data), Length: len(p.Data)}
}

func writePCAP(w io.Writer, packets []Packet) error {
	pw := pcapgo.NewWriterNanos(w)
	if err := pw.WriteFileHeader(snapLen, layers.LinkTypeEthernet); err != nil {
		return err
	}
	for i := range packets {
		if err := pw.WritePacket(captureInfo(&packets[i]), packets[i].Data); err != nil {
			return err
		}
	}
	return nil
}

func writePCAPNG(w io.Writer, packets []Packet, o WriteOptions) error {
	// Every field is set, so that the file does not depend on the machine
	// that writes it (the defaults name its OS and CPU).
	intf := pcapgo.NgInterface{Name: "siplab",
		LinkType: layers.LinkTypeEthernet, SnapLength: snapLen, TimestampResolution: 9}
	nw, err := pcapgo.NewNgWriterInterface(w, intf,
		pcapgo.NgWriterOptions{SectionInfo: pcapgo.NgSectionInfo{Application: "siplab", Comment: o.Section}})
	if err != nil {
		return err
	}
	for i := range packets {
		p := &packets[i]
		var opts pcapgo.NgPacketOptions
		if o.Comment != nil {
			if c := o.Comment(p); c != "" {
				opts.Comments = []string{c}
			}
		}
		if err := nw.WritePacketWithOptions(captureInfo(p), p.Data, opts); err != nil {
			return err
		}
	}
	return nw.Flush()
}

// Packets returns the packets of the message events of trace t, in order.
// An event whose hosts have no address, or an IPv4 host sending to an IPv6
// one, is an error that names it.
func Packets(t *sim.Trace) ([]Packet, error) {
	b := builder{trace: t, conns: map[[2]netip.AddrPort]*conn{}, ipID: map[netip.Addr]uint16{}, moved: map[string]string{}}
	for i := range t.Events {
		e := &t.Events[i]
		if e.Type == sim.EventNote && e.Summary.Key == sim.KeyHostMoved && len(e.Summary.Args) == 3 {
			b.moved[e.Summary.Args[0]] = e.Summary.Args[2] // a host that moved sends and receives at its new address
		}
		if e.Type != sim.EventMessage {
			continue
		}
		if err := b.message(e); err != nil {
			return nil, fmt.Errorf("capture: event %d (%s → %s): %w", e.Seq, e.From, e.To, err)
		}
	}
	return b.out, nil
}

// builder turns message events into packets.
type builder struct {
	trace *sim.Trace
	conns map[[2]netip.AddrPort]*conn // by the two hosts' addresses, the lower first
	ipID  map[netip.Addr]uint16       // the next IPv4 identification of each host
	moved map[string]string           // the address of each host that moved, by name
	out   []Packet
}

// A conn is a TCP connection between two hosts.
type conn struct {
	host [2]netip.AddrPort // the hosts' SIP addresses: [0] connected, [1] was connected to
	end  [2]netip.AddrPort // the connection's endpoints: the client's ephemeral port, the server's
	next [2]uint32         // the sequence number each end sends next
}

// message adds the packets of message event e.
func (b *builder) message(e *sim.Event) error {
	from, err := b.address(e.From)
	if err != nil {
		return err
	}
	to, err := b.address(e.To)
	if err != nil {
		return err
	}
	if from.Addr().Is4() != to.Addr().Is4() {
		return fmt.Errorf("%s and %s are not both IPv4 or both IPv6", from, to)
	}
	payload := []byte(e.Raw)
	// A message over TLS is written as the TCP payload it was before
	// encryption, as a dissector holding the keys shows it: decode port
	// 5061 as SIP (tshark -d tcp.port==5061,sip) to read it.
	if e.Transport != "TCP" && e.Transport != "TLS" {
		limit := 1<<16 - 1 - 8 // UDP's length field counts its header
		if from.Addr().Is4() {
			limit -= 20 // and IPv4's, its own
		}
		if len(payload) > limit {
			return fmt.Errorf("a UDP message of %d bytes does not fit in one IP packet", len(payload))
		}
		udp := &layers.UDP{SrcPort: layers.UDPPort(from.Port()), DstPort: layers.UDPPort(to.Port())}
		return b.add(Packet{Event: e, Kind: Message, Segment: 1, Segments: 1, From: from, To: to}, udp, payload)
	}

	c, side, err := b.connect(e, from, to)
	if err != nil {
		return err
	}
	mss := mssOf(from.Addr())
	n := max(1, (len(payload)+mss-1)/mss)
	for i := range n {
		chunk := payload[i*mss : min(len(payload), (i+1)*mss)]
		seg := c.segment(side)
		seg.ACK, seg.PSH = true, i == n-1
		c.next[side] += uint32(len(chunk))
		p := Packet{Event: e, Kind: Message, Segment: i + 1, Segments: n, From: c.end[side], To: c.end[1-side]}
		if err := b.add(p, seg, chunk); err != nil {
			return err
		}
	}
	return nil
}

// connect returns the connection between the hosts at from and to, and
// the sender's side of it, opening it (the handshake's three packets) if
// it is the first message between them.
func (b *builder) connect(e *sim.Event, from, to netip.AddrPort) (*conn, int, error) {
	key := [2]netip.AddrPort{from, to}
	if key[1].Compare(key[0]) < 0 {
		key[0], key[1] = key[1], key[0]
	}
	if c := b.conns[key]; c != nil {
		if c.host[0] == from {
			return c, 0, nil
		}
		return c, 1, nil
	}
	client := netip.AddrPortFrom(from.Addr(), synPort+uint16(len(b.conns)%(1<<14))) // 49152–65535
	c := &conn{host: [2]netip.AddrPort{from, to}, end: [2]netip.AddrPort{client, to}}
	c.next = [2]uint32{isn(client, to), isn(to, client)}
	b.conns[key] = c

	mss := binary.BigEndian.AppendUint16(nil, uint16(mssOf(from.Addr())))
	for _, h := range []struct {
		kind Kind
		side int
	}{{SYN, 0}, {SYNACK, 1}, {ACK, 0}} {
		seg := c.segment(h.side)
		seg.SYN, seg.ACK = h.kind != ACK, h.kind != SYN
		if seg.SYN {
			seg.Options = []layers.TCPOption{{OptionType: layers.TCPOptionKindMSS, OptionLength: 4, OptionData: mss}}
			c.next[h.side]++ // a SYN takes a sequence number
		}
		if h.kind == SYN {
			seg.Ack = 0
		}
		p := Packet{Event: e, Kind: h.kind, From: c.end[h.side], To: c.end[1-h.side]}
		if err := b.add(p, seg, nil); err != nil {
			return nil, 0, err
		}
	}
	return c, 0, nil
}

// mssOf is the maximum segment size of a TCP connection between hosts of
// the family of a: the MTU less the IP and TCP headers (RFC 9293 §3.7.1).
func mssOf(a netip.Addr) int {
	if a.Is4() {
		return mtu - 20 - 20
	}
	return mtu - 40 - 20
}

// segment starts the TCP header of a segment that side sends: ports,
// sequence number, and the acknowledgement of all that the other side sent.
func (c *conn) segment(side int) *layers.TCP {
	return &layers.TCP{SrcPort: layers.TCPPort(c.end[side].Port()), DstPort: layers.TCPPort(c.end[1-side].Port()),
		Seq: c.next[side], Ack: c.next[1-side], Window: window}
}

// isn is the initial sequence number of the connection from a to b: made
// up from the addresses, so that a capture is the same every time.
func isn(a, b netip.AddrPort) uint32 {
	h := fnv.New32a()
	h.Write([]byte(a.String() + ">" + b.String()))
	return h.Sum32()
}

// transportLayer is UDP or TCP: a layer that needs the IP header for its
// checksum.
type transportLayer interface {
	gopacket.SerializableLayer
	SetNetworkLayerForChecksum(gopacket.NetworkLayer) error
}

// add serializes p's frame, Ethernet, IP, the transport header tl and the
// payload, and appends p.
func (b *builder) add(p Packet, tl transportLayer, payload []byte) error {
	src, dst := p.From.Addr(), p.To.Addr()
	proto := layers.IPProtocolUDP
	if _, ok := tl.(*layers.TCP); ok {
		proto = layers.IPProtocolTCP
	}
	eth := &layers.Ethernet{SrcMAC: mac(src), DstMAC: mac(dst), EthernetType: layers.EthernetTypeIPv4}
	var ip gopacket.NetworkLayer
	if src.Is4() {
		id := b.ipID[src] + 1
		b.ipID[src] = id
		ip = &layers.IPv4{Version: 4, IHL: 5, TTL: ttl, Id: id, Flags: layers.IPv4DontFragment, Protocol: proto,
			SrcIP: src.AsSlice(), DstIP: dst.AsSlice()}
	} else {
		eth.EthernetType = layers.EthernetTypeIPv6
		ip = &layers.IPv6{Version: 6, HopLimit: ttl, NextHeader: proto, SrcIP: src.AsSlice(), DstIP: dst.AsSlice()}
	}
	if err := tl.SetNetworkLayerForChecksum(ip); err != nil {
		return err
	}
	buf := gopacket.NewSerializeBuffer()
	opts := gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}
	if err := gopacket.SerializeLayers(buf, opts, eth, ip.(gopacket.SerializableLayer), tl, gopacket.Payload(payload)); err != nil {
		return err
	}
	p.Data = buf.Bytes()
	b.out = append(b.out, p)
	return nil
}

// mac is the Ethernet address of the host at ip: a locally administered
// unicast address (02:…) that ends with the IPv4 address, or with the last
// five bytes of the IPv6 one.
func mac(ip netip.Addr) net.HardwareAddr {
	a := ip.As16()
	m := net.HardwareAddr{0x02, 0, 0, 0, 0, 0}
	if ip.Is4() {
		copy(m[2:], a[12:])
	} else {
		copy(m[1:], a[11:])
	}
	return m
}

// address is the SIP address of a node of the trace (its latest, if it
// moved), or, for a message sent where no node was, the address it was
// sent to. A node whose address
// has no port listens on 5060.
func (b *builder) address(name string) (netip.AddrPort, error) {
	s := name
	if a, ok := b.moved[name]; ok {
		s = a
	} else if n := b.trace.Node(name); n != nil {
		s = n.Address
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap, nil
	}
	if a, err := netip.ParseAddr(s); err == nil {
		return netip.AddrPortFrom(a, sipPort), nil
	}
	return netip.AddrPort{}, fmt.Errorf("%q has no IP address", name)
}
