package capture

// Reading (read.go, stream.go, text.go): Scan walks a capture file frame by
// frame, once, and hands every SIP message it finds to its caller as soon as
// the frame that completes it is read. It keeps only what a message still
// being received needs: IPv4 fragments (gopacket's ip4defrag), the bytes of
// TCP streams not yet framed into messages, and the DATA of an SCTP message
// not yet complete. SIP is recognised by its content, on any port.

import (
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"slices"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/ip4defrag"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// A Found is one SIP message found in a capture.
type Found struct {
	Frame     int            // the frame that completed it, 1-based (a text file: the message's number)
	Line      int            // a text file: the line it starts on; 0 in a capture
	Time      time.Time      // when that frame was captured
	From, To  netip.AddrPort // the packet's source and destination (zero in a text file)
	Transport string         // UDP, TCP, WS or SCTP; a text file: the top Via's
	Data      []byte         // the message's bytes, the caller's to keep
}

// A Problem is something wrong in a capture that did not stop the reading:
// a message that does not parse, half a message at the end of a stream.
type Problem struct {
	Frame int
	Line  int // text files
	Err   error
}

func (p Problem) Error() string {
	if p.Line > 0 {
		return fmt.Sprintf("line %d: %v", p.Line, p.Err)
	}
	return fmt.Sprintf("frame %d: %v", p.Frame, p.Err)
}

// Stats count what Scan read.
type Stats struct {
	Frames   int       // frames read (messages, for a text file)
	Messages int       // SIP messages found
	Skipped  int       // frames that carry no SIP, not even part of a message (handshakes, ACKs, other protocols)
	Problems []Problem // in frame order
}

// File kinds, by their first bytes.
type fileKind int

const (
	notCapture fileKind = iota
	pcapFile
	pcapngFile
	textFile
)

// kindOf tells a capture from its first bytes: pcap's magic numbers (both
// byte orders, micro- and nanosecond), pcapng's section header block, or
// text that begins with a SIP start line.
func kindOf(head []byte) fileKind {
	if len(head) >= 4 {
		switch m := string(head[:4]); m {
		case "\xd4\xc3\xb2\xa1", "\xa1\xb2\xc3\xd4", "\x4d\x3c\xb2\xa1", "\xa1\xb2\x3c\x4d":
			return pcapFile
		case "\x0a\x0d\x0d\x0a":
			return pcapngFile
		}
	}
	// A text: a SIP start line among its first lines, unless it is JSON
	// (a trace) or a lesson (front matter).
	if t := bytes.TrimLeft(head, " \t\r\n"); len(t) > 0 && t[0] != '{' && !bytes.HasPrefix(t, []byte("---")) {
		for line := t; len(line) > 0; {
			if startLine(line) {
				return textFile
			}
			i := bytes.IndexByte(line, '\n')
			if i < 0 {
				break
			}
			line = line[i+1:]
		}
	}
	return notCapture
}

// IsCapture reports whether a file that begins with head is one Scan reads:
// pcap, pcapng, or a text of SIP messages. Give it the first HeadSize
// bytes (or all of a shorter file).
func IsCapture(head []byte) bool { return kindOf(head) != notCapture }

// HeadSize is how much of a file IsCapture looks at: a text may begin with
// a few lines of log before its first message.
const HeadSize = 4096

// Scan reads the capture r (pcap, pcapng, or text) and calls fn with every
// SIP message, in the order their last frames come. An error from fn stops
// it and is returned. A file that is not a capture, or whose header is
// damaged, is an error; a file damaged or cut off after its first frame is
// a Problem, after the messages before it.
func Scan(r io.Reader, fn func(*Found) error) (*Stats, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	head, _ := br.Peek(HeadSize)
	st := &Stats{}
	switch kindOf(head) {
	case textFile:
		return st, scanText(br, st, fn)
	case notCapture:
		return st, errors.New("not a capture: neither pcap, pcapng nor a text of SIP messages")
	}
	src, err := openPackets(br, kindOf(head))
	if err != nil {
		return st, err
	}
	d := newDecoder(st, fn)
	for {
		data, ci, err := src.ZeroCopyReadPacketData()
		if err == io.EOF {
			break
		}
		if err != nil {
			// What came before stands: a capture cut short (a sniffer
			// stopped, a file copied too early) is still worth reading.
			err = fmt.Errorf("%w (the file is truncated or damaged); reading stops here", err)
			if st.Frames == 0 {
				return st, fmt.Errorf("frame 1: %w", err)
			}
			d.frameNo = st.Frames + 1
			d.problem(err)
			break
		}
		st.Frames++
		lt := src.linkType(ci.InterfaceIndex)
		if err := d.frame(data, ci.Timestamp, lt); err != nil {
			return st, err
		}
	}
	d.finish()
	return st, d.err
}

// packetSource is what Scan needs of pcapgo's two readers.
type packetSource struct {
	gopacket.ZeroCopyPacketDataSource
	linkType func(intf int) layers.LinkType
}

func openPackets(r io.Reader, k fileKind) (*packetSource, error) {
	if k == pcapFile {
		pr, err := pcapgo.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("pcap header: %w", err)
		}
		return &packetSource{pr, func(int) layers.LinkType { return pr.LinkType() }}, nil
	}
	nr, err := pcapgo.NewNgReader(r, pcapgo.NgReaderOptions{})
	if err != nil {
		return nil, fmt.Errorf("pcapng header: %w", err)
	}
	return &packetSource{nr, func(i int) layers.LinkType {
		if intf, err := nr.Interface(i); err == nil {
			return intf.LinkType
		}
		return layers.LinkTypeNull
	}}, nil
}

// A decoder takes frames apart down to their SIP messages. Its layers are
// reused from frame to frame (gopacket's DecodingLayer), so that reading
// allocates only for what it keeps.
type decoder struct {
	st      *Stats
	fn      func(*Found) error
	err     error // the first error of fn
	frameNo int
	now     time.Time
	carried bool // the frame carries SIP: a message, or part of one

	eth    layers.Ethernet
	sll    layers.LinuxSLL
	sll2   layers.LinuxSLL2
	loop   layers.Loopback
	vlan   layers.Dot1Q
	ip4    layers.IPv4
	ip6    layers.IPv6
	ext    layers.IPv6ExtensionSkipper
	frag6  layers.IPv6Fragment
	udp    layers.UDP
	tcp    layers.TCP
	sctp   layers.SCTP
	defrag *ip4defrag.IPv4Defragmenter

	streams map[flowKey]*stream
	sctpBuf map[sctpKey][]byte // DATA fragments of a message per association and stream
	unknown map[layers.LinkType]bool
}

func newDecoder(st *Stats, fn func(*Found) error) *decoder {
	return &decoder{st: st, fn: fn, defrag: ip4defrag.NewIPv4Defragmenter(),
		streams: map[flowKey]*stream{}, sctpBuf: map[sctpKey][]byte{}, unknown: map[layers.LinkType]bool{}}
}

// frame decodes one frame of link type lt.
func (d *decoder) frame(data []byte, ts time.Time, lt layers.LinkType) error {
	d.frameNo, d.now, d.carried = d.st.Frames, ts, false
	d.link(data, lt)
	if !d.carried {
		d.st.Skipped++
	}
	if d.st.Frames%4096 == 0 {
		d.defrag.DiscardOlderThan(ts.Add(-30 * time.Second)) // RFC 791's reassembly timeout, generously
	}
	return d.err
}

// link decodes the link layer, then what it carries.
func (d *decoder) link(data []byte, lt layers.LinkType) {
	var l gopacket.DecodingLayer
	switch lt {
	case layers.LinkTypeEthernet:
		l = &d.eth
	case layers.LinkTypeLinuxSLL:
		l = &d.sll
	case layers.LinkTypeLinuxSLL2:
		l = &d.sll2
	case layers.LinkTypeNull, layers.LinkTypeLoop:
		l = &d.loop
	case layers.LinkTypeRaw, layers.LinkTypeIPv4, layers.LinkTypeIPv6, 12: // 12: DLT_RAW on OpenBSD
		d.network(data, ipVersion(data))
		return
	default:
		if !d.unknown[lt] {
			d.unknown[lt] = true
			d.problem(fmt.Errorf("link type %d (%s) is not one siplab reads; its frames are skipped", int(lt), lt))
		}
		return
	}
	if l.DecodeFromBytes(data, gopacket.NilDecodeFeedback) != nil {
		return
	}
	d.network(l.LayerPayload(), l.NextLayerType())
}

// ipVersion is the layer type of a raw IP packet, by its version nibble.
func ipVersion(data []byte) gopacket.LayerType {
	if len(data) > 0 && data[0]>>4 == 6 {
		return layers.LayerTypeIPv6
	}
	return layers.LayerTypeIPv4
}

// network decodes an IP packet (behind VLAN tags), reassembling IPv4
// fragments.
func (d *decoder) network(data []byte, next gopacket.LayerType) {
	for next == layers.LayerTypeDot1Q {
		if d.vlan.DecodeFromBytes(data, gopacket.NilDecodeFeedback) != nil {
			return
		}
		data, next = d.vlan.Payload, d.vlan.NextLayerType()
	}
	var src, dst netip.Addr
	switch next {
	case layers.LayerTypeIPv4:
		ip := &d.ip4
		if ip.DecodeFromBytes(data, gopacket.NilDecodeFeedback) != nil {
			return
		}
		if ip.Flags&layers.IPv4MoreFragments != 0 || ip.FragOffset != 0 {
			// The defragmenter keeps the fragment: give it its own copy.
			frag := &layers.IPv4{}
			if frag.DecodeFromBytes(bytes.Clone(data), gopacket.NilDecodeFeedback) != nil {
				return
			}
			whole, err := d.defrag.DefragIPv4WithTimestamp(frag, d.now)
			if err != nil || whole == nil {
				return
			}
			ip = whole
		}
		src, _ = netip.AddrFromSlice(ip.SrcIP.To4())
		dst, _ = netip.AddrFromSlice(ip.DstIP.To4())
		d.transport(ip.Payload, ip.Protocol, src, dst)
	case layers.LayerTypeIPv6:
		if d.ip6.DecodeFromBytes(data, gopacket.NilDecodeFeedback) != nil {
			return
		}
		src, _ = netip.AddrFromSlice(d.ip6.SrcIP)
		dst, _ = netip.AddrFromSlice(d.ip6.DstIP)
		proto, payload := d.ip6.NextHeader, d.ip6.Payload
		for range 8 { // extension headers
			switch proto {
			case layers.IPProtocolIPv6HopByHop, layers.IPProtocolIPv6Destination, layers.IPProtocolIPv6Routing:
				if d.ext.DecodeFromBytes(payload, gopacket.NilDecodeFeedback) != nil {
					return
				}
				proto, payload = d.ext.NextHeader, d.ext.Payload
			case layers.IPProtocolIPv6Fragment:
				if d.frag6.DecodeFromBytes(payload, gopacket.NilDecodeFeedback) != nil ||
					d.frag6.FragmentOffset != 0 || d.frag6.MoreFragments {
					return // IPv6 fragments are not reassembled: only an atomic fragment is read
				}
				proto, payload = d.frag6.NextHeader, d.frag6.Payload
			}
		}
		d.transport(payload, proto, src, dst)
	}
}

// transport decodes UDP, TCP or SCTP.
func (d *decoder) transport(data []byte, proto layers.IPProtocol, src, dst netip.Addr) {
	switch proto {
	case layers.IPProtocolUDP:
		if d.udp.DecodeFromBytes(data, gopacket.NilDecodeFeedback) != nil {
			return
		}
		from, to := netip.AddrPortFrom(src, uint16(d.udp.SrcPort)), netip.AddrPortFrom(dst, uint16(d.udp.DstPort))
		if p := d.udp.Payload; startLine(p) {
			d.emit(from, to, "UDP", bytes.Clone(p))
		}
	case layers.IPProtocolTCP:
		if d.tcp.DecodeFromBytes(data, gopacket.NilDecodeFeedback) != nil {
			return
		}
		t := &d.tcp
		k := flowKey{netip.AddrPortFrom(src, uint16(t.SrcPort)), netip.AddrPortFrom(dst, uint16(t.DstPort))}
		d.segment(k, t.Seq, t.SYN, t.FIN || t.RST, t.Payload)
	case layers.IPProtocolSCTP:
		if d.sctp.DecodeFromBytes(data, gopacket.NilDecodeFeedback) != nil {
			return
		}
		k := flowKey{netip.AddrPortFrom(src, uint16(d.sctp.SrcPort)), netip.AddrPortFrom(dst, uint16(d.sctp.DstPort))}
		d.sctpChunks(k, d.sctp.Payload)
	}
}

// sctpChunks reads the DATA chunks of an SCTP packet (RFC 9260 §3.3.1): a
// SIP message is one user message (RFC 4168 §5), in one chunk or in
// fragments from the B(eginning) flag to the E(nd) flag.
func (d *decoder) sctpChunks(k flowKey, data []byte) {
	for len(data) >= 4 {
		typ, flags, n := data[0], data[1], int(data[2])<<8|int(data[3])
		if n < 4 || n > len(data) {
			return
		}
		chunk := data[:n]
		data = data[min(len(data), (n+3)&^3):]
		if typ != 0 || n < 16 { // 0: DATA
			continue
		}
		stream := sctpKey{k, uint16(chunk[8])<<8 | uint16(chunk[9])}
		user := chunk[16:]
		begin, end := flags&2 != 0, flags&1 != 0
		if begin {
			delete(d.sctpBuf, stream)
		}
		buf, ok := d.sctpBuf[stream]
		if !begin && !ok {
			continue // the rest of a message whose beginning was not captured
		}
		buf = append(buf, user...)
		if len(buf) > maxBody {
			d.problem(fmt.Errorf("%s → %s: an SCTP message of more than %d bytes", k.from, k.to, maxBody))
			delete(d.sctpBuf, stream)
			continue
		}
		if !end {
			d.carried = true
			d.sctpBuf[stream] = buf
			continue
		}
		delete(d.sctpBuf, stream)
		if startLine(buf) {
			d.emit(k.from, k.to, "SCTP", bytes.Clone(buf))
		}
	}
}

// sctpKey names an SCTP stream: the association's direction and the stream
// identifier.
type sctpKey struct {
	flowKey
	sid uint16
}

// emit hands a message to the caller.
func (d *decoder) emit(from, to netip.AddrPort, transport string, data []byte) {
	d.st.Messages++
	d.carried = true
	if d.err != nil {
		return
	}
	d.err = d.fn(&Found{Frame: d.frameNo, Time: d.now, From: from, To: to, Transport: transport, Data: data})
}

func (d *decoder) problem(err error) {
	d.st.Problems = append(d.st.Problems, Problem{Frame: d.frameNo, Err: err})
}

// finish reports the messages left unfinished at the end of the file.
func (d *decoder) finish() {
	for k, s := range d.streams {
		if s.sip && len(s.buf) > 0 {
			d.frameNo = s.lastFrame
			d.problem(fmt.Errorf("%s → %s: the capture ends in the middle of a message (%d bytes of it)", k.from, k.to, len(s.buf)))
		}
	}
	slicesSortProblems(d.st.Problems)
}

func slicesSortProblems(p []Problem) {
	slices.SortStableFunc(p, func(a, b Problem) int { return cmp.Compare(a.Frame, b.Frame) })
}
