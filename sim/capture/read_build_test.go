package capture

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// The captures of this file are built frame by frame with gopacket's
// layers, for what a loopback capture does not give: raw IP and BSD
// loopback link types, IPv4 fragments, SCTP, and TCP segments that come
// twice, early or several messages at once. Each is checked against tshark
// and against the messages it was built from.

// sipMsg is a small SIP request or response numbered n, with a body of
// size bytes.
func sipMsg(n, size int) []byte {
	body := strings.Repeat("x", size)
	if n%2 == 0 {
		return fmt.Appendf(nil, "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP a.example.com;branch=z9hG4bK%d\r\nFrom: <sip:a@example.com>;tag=1\r\n"+
			"To: <sip:b@example.com>;tag=2\r\nCall-ID: c%d\r\nCSeq: %d MESSAGE\r\nContent-Length: %d\r\n\r\n%s", n, n, n, size, body)
	}
	return fmt.Appendf(nil, "MESSAGE sip:b@example.com SIP/2.0\r\nVia: SIP/2.0/UDP a.example.com;branch=z9hG4bK%d\r\nMax-Forwards: 70\r\n"+
		"From: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>\r\nCall-ID: c%d\r\nCSeq: %d MESSAGE\r\nContent-Type: text/plain\r\n"+
		"Content-Length: %d\r\n\r\n%s", n, n, n, size, body)
}

var (
	hostA = net.IP{192, 0, 2, 1}
	hostB = net.IP{192, 0, 2, 2}
	host6 = net.ParseIP("2001:db8::1")
	host7 = net.ParseIP("2001:db8::2")
)

// serialize builds a frame of layers.
func serialize(t *testing.T, ls ...gopacket.SerializableLayer) []byte {
	t.Helper()
	for _, l := range ls {
		if tl, ok := l.(interface {
			SetNetworkLayerForChecksum(gopacket.NetworkLayer) error
		}); ok {
			for _, n := range ls {
				if nl, ok := n.(gopacket.NetworkLayer); ok {
					tl.SetNetworkLayerForChecksum(nl)
				}
			}
		}
	}
	buf := gopacket.NewSerializeBuffer()
	if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}, ls...); err != nil {
		t.Fatal(err)
	}
	return bytes.Clone(buf.Bytes())
}

func ip4(proto layers.IPProtocol) *layers.IPv4 {
	return &layers.IPv4{Version: 4, IHL: 5, TTL: 64, Protocol: proto, SrcIP: hostA, DstIP: hostB}
}

func eth(typ layers.EthernetType) *layers.Ethernet {
	return &layers.Ethernet{SrcMAC: net.HardwareAddr{2, 0, 0, 0, 0, 1}, DstMAC: net.HardwareAddr{2, 0, 0, 0, 0, 2}, EthernetType: typ}
}

func udp(src, dst int) *layers.UDP {
	return &layers.UDP{SrcPort: layers.UDPPort(src), DstPort: layers.UDPPort(dst)}
}

// writeFile writes frames as a pcap of link type lt.
func writeFrames(t *testing.T, name string, lt layers.LinkType, frames [][]byte) string {
	t.Helper()
	var b bytes.Buffer
	w := pcapgo.NewWriterNanos(&b)
	if err := w.WriteFileHeader(65535, lt); err != nil {
		t.Fatal(err)
	}
	at := Epoch
	for _, f := range frames {
		at = at.Add(10 * time.Millisecond)
		if err := w.WritePacket(gopacket.CaptureInfo{Timestamp: at, CaptureLength: len(f), Length: len(f)}, f); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// tcpSeg is a TCP segment from A:40000 to B:5080 (not SIP's port) at
// offset off of the stream.
func tcpSeg(t *testing.T, off int, data []byte, flags string) []byte {
	seg := &layers.TCP{SrcPort: 40000, DstPort: 5080, Seq: 1000 + uint32(off), Ack: 1, ACK: true, PSH: true, Window: 65535,
		SYN: strings.Contains(flags, "S"), FIN: strings.Contains(flags, "F")}
	if seg.SYN {
		seg.Seq--
		seg.ACK, seg.PSH = false, false
	}
	return serialize(t, eth(layers.EthernetTypeIPv4), ip4(layers.IPProtocolTCP), seg, gopacket.Payload(data))
}

// fragments splits an IPv4 UDP datagram into fragments of at most size
// bytes of payload (a multiple of 8), in the order given.
func fragments(t *testing.T, msg []byte, size int, order []int) [][]byte {
	whole := serialize(t, ip4(layers.IPProtocolUDP), udp(5060, 5060), gopacket.Payload(msg))
	payload := whole[20:]
	var frags [][]byte
	for off := 0; off < len(payload); off += size {
		ip := ip4(layers.IPProtocolUDP)
		ip.Id = 7
		ip.FragOffset = uint16(off / 8)
		if off+size < len(payload) {
			ip.Flags = layers.IPv4MoreFragments
		}
		frags = append(frags, serialize(t, eth(layers.EthernetTypeIPv4), ip, gopacket.Payload(payload[off:min(len(payload), off+size)])))
	}
	var out [][]byte
	for _, i := range order {
		out = append(out, frags[i])
	}
	return out
}

func sctpData(t *testing.T, tsn uint32, data []byte, begin, end bool) []byte {
	chunk := &layers.SCTPData{SCTPChunk: layers.SCTPChunk{Type: layers.SCTPChunkTypeData, Length: uint16(16 + len(data))},
		BeginFragment: begin, EndFragment: end, TSN: tsn, StreamId: 1, PayloadProtocol: 0, Payload: data}
	return serialize(t, eth(layers.EthernetTypeIPv4), ip4(layers.IPProtocolSCTP),
		&layers.SCTP{SrcPort: 5060, DstPort: 5060, VerificationTag: 1}, chunk)
}

// built are the hand-built captures: name, link type, frames, and the SIP
// messages expected, as "frame CSeq".
func built(t *testing.T) []struct {
	name  string
	path  string
	frame []string
} {
	m1, m2, m3 := sipMsg(1, 10), sipMsg(2, 0), sipMsg(3, 3000)
	big := sipMsg(5, 4000)
	cases := []struct {
		name  string
		lt    layers.LinkType
		f     [][]byte
		frame []string
	}{
		{"raw-ip.pcap", layers.LinkTypeRaw, [][]byte{
			serialize(t, ip4(layers.IPProtocolUDP), udp(5060, 5060), gopacket.Payload(m1)),
			serialize(t, &layers.IPv6{Version: 6, HopLimit: 64, NextHeader: layers.IPProtocolUDP, SrcIP: host6, DstIP: host7},
				udp(7777, 7777), gopacket.Payload(m2)),
		}, []string{"1 1 MESSAGE", "2 2 MESSAGE"}},
		{"null.pcap", layers.LinkTypeNull, [][]byte{
			serialize(t, &layers.Loopback{Family: layers.ProtocolFamilyIPv4}, ip4(layers.IPProtocolUDP), udp(5060, 5060), gopacket.Payload(m1)),
			serialize(t, &layers.Loopback{Family: layers.ProtocolFamilyIPv4}, ip4(layers.IPProtocolUDP), udp(53, 53), gopacket.Payload([]byte("not sip\r\n"))),
		}, []string{"1 1 MESSAGE"}},
		{"fragments.pcap", layers.LinkTypeEthernet, fragments(t, big, 1480, []int{1, 0, 2}),
			[]string{"3 5 MESSAGE"}},
		{"sctp.pcap", layers.LinkTypeEthernet, [][]byte{
			sctpData(t, 1, m1, true, true),
			sctpData(t, 2, m3[:1000], true, false),
			sctpData(t, 3, m3[1000:], false, true),
		}, []string{"1 1 MESSAGE", "3 3 MESSAGE"}},
		{"tcp-doctored.pcap", layers.LinkTypeEthernet, [][]byte{
			tcpSeg(t, 0, nil, "S"),
			tcpSeg(t, 0, append(bytes.Clone(m1), m2...), ""),   // two messages in one segment
			tcpSeg(t, len(m1)+len(m2)+1000, m3[1000:2000], ""), // early: waits for the gap
			tcpSeg(t, len(m1)+len(m2), m3[:1000], ""),
			tcpSeg(t, len(m1)+len(m2), m3[:1000], ""), // retransmitted
			tcpSeg(t, len(m1)+len(m2)+2000, m3[2000:], ""),
			tcpSeg(t, len(m1)+len(m2)+1500, m3[1500:], ""), // overlaps what came
		}, []string{"2 1 MESSAGE", "2 2 MESSAGE", "6 3 MESSAGE"}},
		{"tcp-midway.pcap", layers.LinkTypeEthernet, [][]byte{ // no SYN: the capture began with the end of a message
			tcpSeg(t, 0, m3[len(m3)-1500:], ""),
			tcpSeg(t, 1500, m1, ""),
		}, []string{"2 1 MESSAGE"}},
	}
	var out []struct {
		name  string
		path  string
		frame []string
	}
	for _, c := range cases {
		out = append(out, struct {
			name  string
			path  string
			frame []string
		}{c.name, writeFrames(t, c.name, c.lt, c.f), c.frame})
	}
	return out
}

// TestBuiltCaptures compares with tshark too, told that port 5080 is SIP
// and to reassemble TCP out of order (its default is not to).
func TestBuiltCaptures(t *testing.T) {
	_, err := exec.LookPath("tshark")
	for _, c := range built(t) {
		t.Run(c.name, func(t *testing.T) {
			got := frames(t, c.path)
			if strings.Join(got, "\n") != strings.Join(c.frame, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.frame, "\n"))
			}
			if err != nil {
				return
			}
			if ts := tsharkFrames(t, c.path, "-o", "sip.tcp.port:5080", "-o", "tcp.reassemble_out_of_order:TRUE"); strings.Join(got, "\n") != strings.Join(ts, "\n") {
				t.Errorf("siplab\n%s\ntshark\n%s", strings.Join(got, "\n"), strings.Join(ts, "\n"))
			}
		})
	}
}
