package capture

import (
	"bytes"
	"fmt"
	"io"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/golden"
)

// sipMessage is a SIP request or response with a body of n bytes.
func sipMessage(start string, n int) string {
	return fmt.Sprintf("%s\r\nCall-ID: c1@test\r\nCSeq: 1 MESSAGE\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s",
		start, n, strings.Repeat("x", n))
}

// testTrace is a run between alice, bob and a proxy at the addresses given:
// a small MESSAGE over UDP, then over TCP a MESSAGE of three segments, its
// answer, a second MESSAGE on the same connection, one from the proxy that
// opens a connection of its own, and one lost in flight.
func testTrace(alice, proxy, bob string) *sim.Trace {
	t := &sim.Trace{Lesson: "test", Seed: 1, Nodes: []sim.NodeInfo{
		{Name: "alice", Address: alice}, {Name: "proxy", Address: proxy}, {Name: "bob", Address: bob}}}
	msg := func(at time.Duration, from, to, transport, raw string) {
		t.Add(sim.Event{Type: sim.EventMessage, At: at, From: from, To: to, Transport: transport, Raw: raw,
			Summary: sim.Lit(raw[:strings.Index(raw, "\r\n")]), Arrive: at + 10*time.Millisecond})
	}
	msg(0, "alice", "proxy", "UDP", sipMessage("MESSAGE sip:bob@b.example SIP/2.0", 10))
	msg(time.Second, "alice", "proxy", "TCP", sipMessage("MESSAGE sip:bob@b.example SIP/2.0", 3500))
	t.Add(sim.Event{Type: sim.EventNote, At: time.Second, Node: "proxy", Summary: sim.Lit("not a packet")})
	msg(1010*time.Millisecond, "proxy", "alice", "TCP", sipMessage("SIP/2.0 200 OK", 0))
	msg(2*time.Second+1500*time.Microsecond, "alice", "proxy", "TCP", sipMessage("MESSAGE sip:bob@b.example SIP/2.0", 5))
	msg(3*time.Second, "proxy", "bob", "TCP", sipMessage("MESSAGE sip:bob@b.example SIP/2.0", 1460))
	msg(4*time.Second, "alice", "bob", "UDP", sipMessage("MESSAGE sip:bob@b.example SIP/2.0", 1))
	e := &t.Events[len(t.Events)-1]
	e.Dropped, e.Arrive = true, 0
	return t
}

func packets(t *testing.T, tr *sim.Trace) []Packet {
	t.Helper()
	ps, err := Packets(tr)
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// decoded is what gopacket reads back from a frame.
type decoded struct {
	eth     *layers.Ethernet
	src     netip.Addr
	dst     netip.Addr
	udp     *layers.UDP
	tcp     *layers.TCP
	payload []byte
}

func decode(t *testing.T, data []byte) decoded {
	t.Helper()
	p := gopacket.NewPacket(data, layers.LayerTypeEthernet, gopacket.Default)
	if err := p.ErrorLayer(); err != nil {
		t.Fatalf("gopacket cannot decode a frame: %v", err.Error())
	}
	d := decoded{eth: p.Layer(layers.LayerTypeEthernet).(*layers.Ethernet)}
	switch ip := p.NetworkLayer().(type) {
	case *layers.IPv4:
		d.src, _ = netip.AddrFromSlice(ip.SrcIP)
		d.dst, _ = netip.AddrFromSlice(ip.DstIP)
	case *layers.IPv6:
		d.src, _ = netip.AddrFromSlice(ip.SrcIP)
		d.dst, _ = netip.AddrFromSlice(ip.DstIP)
	}
	d.udp, _ = p.Layer(layers.LayerTypeUDP).(*layers.UDP)
	d.tcp, _ = p.Layer(layers.LayerTypeTCP).(*layers.TCP)
	switch {
	case d.udp != nil:
		d.payload = d.udp.Payload
	case d.tcp != nil:
		d.payload = d.tcp.Payload
	}
	return d
}

// TestTCPConnections follows every TCP connection of the test trace as its
// receiver would: one handshake per pair of hosts, before the first
// message; every sequence number where the sender's last segment ended and
// every acknowledgement where the peer's did; segments of at most the MSS
// that put the message back together; the ports the same both ways.
func TestTCPConnections(t *testing.T) {
	for _, v6 := range []bool{false, true} {
		tr := testTrace("192.0.2.101:5060", "192.0.2.20:5060", "192.0.2.201:5060")
		mss := 1460
		if v6 {
			tr = testTrace("[2001:db8::101]:5060", "[2001:db8::20]:5060", "[2001:db8::201]:5060")
			mss = 1440
		}
		next := map[netip.AddrPort]uint32{} // the next sequence number each endpoint sends
		handshakes := map[[2]netip.AddrPort]int{}
		messages := map[int][]byte{} // seq of the event → the payload its segments carried
		for _, p := range packets(t, tr) {
			d := decode(t, p.Data)
			if d.src != p.From.Addr() || d.dst != p.To.Addr() {
				t.Errorf("event %d: IP %s → %s, want %s → %s", p.Event.Seq, d.src, d.dst, p.From, p.To)
			}
			if !bytes.Equal(d.eth.SrcMAC, mac(d.src)) || !bytes.Equal(d.eth.DstMAC, mac(d.dst)) {
				t.Errorf("event %d: MACs %s → %s are not the hosts'", p.Event.Seq, d.eth.SrcMAC, d.eth.DstMAC)
			}
			if p.Event.Transport == "UDP" {
				if d.udp == nil || string(d.payload) != p.Event.Raw {
					t.Errorf("event %d: not the message in one UDP datagram", p.Event.Seq)
				}
				continue
			}
			seg := d.tcp
			if seg == nil {
				t.Fatalf("event %d: not TCP", p.Event.Seq)
			}
			from, to := p.From, p.To
			if int(seg.SrcPort) != int(from.Port()) || int(seg.DstPort) != int(to.Port()) {
				t.Errorf("event %d: ports %d → %d, want %s → %s", p.Event.Seq, seg.SrcPort, seg.DstPort, from, to)
			}
			switch p.Kind {
			case SYN:
				if !seg.SYN || seg.ACK || len(seg.Options) == 0 || int(seg.Options[0].OptionData[0])<<8|int(seg.Options[0].OptionData[1]) != mss {
					t.Errorf("event %d: a SYN without ACK with MSS %d expected, got %+v", p.Event.Seq, mss, seg)
				}
				if _, open := next[from]; open {
					t.Errorf("event %d: a second handshake from %s", p.Event.Seq, from)
				}
				handshakes[[2]netip.AddrPort{from, to}]++
				next[from] = seg.Seq + 1
				continue
			case SYNACK:
				if !seg.SYN || !seg.ACK || seg.Ack != next[to] {
					t.Errorf("event %d: SYN-ACK %+v does not acknowledge the SYN", p.Event.Seq, seg)
				}
				next[from] = seg.Seq + 1
				continue
			}
			if seg.SYN || !seg.ACK {
				t.Errorf("event %d: flags SYN %v ACK %v on a segment after the handshake", p.Event.Seq, seg.SYN, seg.ACK)
			}
			want, open := next[from]
			if !open {
				t.Fatalf("event %d: a segment from %s before any handshake", p.Event.Seq, from)
			}
			if seg.Seq != want || seg.Ack != next[to] {
				t.Errorf("event %d segment %d: seq %d ack %d, want %d and %d", p.Event.Seq, p.Segment, seg.Seq, seg.Ack, want, next[to])
			}
			if len(d.payload) > mss {
				t.Errorf("event %d: a segment of %d bytes, larger than the MSS %d", p.Event.Seq, len(d.payload), mss)
			}
			if last := p.Segment == p.Segments; seg.PSH != (last && p.Kind == Message) {
				t.Errorf("event %d segment %d of %d: PSH %v", p.Event.Seq, p.Segment, p.Segments, seg.PSH)
			}
			next[from] += uint32(len(d.payload))
			if p.Kind == Message {
				messages[p.Event.Seq] = append(messages[p.Event.Seq], d.payload...)
			}
		}
		if len(handshakes) != 2 {
			t.Errorf("v6 %v: %d connections, want 2 (alice–proxy, proxy–bob): %v", v6, len(handshakes), handshakes)
		}
		for _, e := range tr.Events {
			if e.Transport == "TCP" && string(messages[e.Seq]) != e.Raw {
				t.Errorf("v6 %v: event %d: the segments carry %d bytes, not the message's %d", v6, e.Seq, len(messages[e.Seq]), len(e.Raw))
			}
		}
	}
}

// TestSegmentsOfALargeMessage: 3500 bytes take three segments, the last
// one partly filled; exactly the MSS takes one.
func TestSegmentsOfALargeMessage(t *testing.T) {
	counts := map[int]int{}
	for _, p := range packets(t, testTrace("192.0.2.1:5060", "192.0.2.2:5060", "192.0.2.3:5060")) {
		if p.Kind == Message {
			counts[p.Event.Seq] = p.Segments
		}
	}
	tr := testTrace("192.0.2.1:5060", "192.0.2.2:5060", "192.0.2.3:5060")
	for _, e := range tr.Events {
		if e.Type != sim.EventMessage {
			continue
		}
		want := 1
		if e.Transport == "TCP" {
			want = (len(e.Raw) + 1459) / 1460
		}
		if counts[e.Seq] != want {
			t.Errorf("event %d (%d bytes over %s): %d segments, want %d", e.Seq, len(e.Raw), e.Transport, counts[e.Seq], want)
		}
	}
}

// writeBoth writes tr in both formats.
func writeBoth(t *testing.T, tr *sim.Trace, comment func(*Packet) string) map[Format][]byte {
	t.Helper()
	out := map[Format][]byte{}
	for _, f := range Formats {
		var b bytes.Buffer
		if err := Write(&b, tr, WriteOptions{Format: f, Comment: comment, Section: "test"}); err != nil {
			t.Fatal(err)
		}
		out[f] = b.Bytes()
	}
	return out
}

type frame struct {
	at      time.Time
	data    []byte
	comment []string
}

// readBack reads a capture with gopacket's readers.
func readBack(t *testing.T, f Format, file []byte) []frame {
	t.Helper()
	var frames []frame
	switch f {
	case PCAP:
		r, err := pcapgo.NewReader(bytes.NewReader(file))
		if err != nil {
			t.Fatal(err)
		}
		if r.LinkType() != layers.LinkTypeEthernet || r.Resolution().ToDuration() != time.Nanosecond {
			t.Errorf("pcap: link type %v, resolution %v", r.LinkType(), r.Resolution())
		}
		for {
			data, ci, err := r.ReadPacketData()
			if err == io.EOF {
				return frames
			}
			if err != nil {
				t.Fatal(err)
			}
			frames = append(frames, frame{at: ci.Timestamp, data: data})
		}
	default:
		r, err := pcapgo.NewNgReader(bytes.NewReader(file), pcapgo.DefaultNgReaderOptions)
		if err != nil {
			t.Fatal(err)
		}
		for {
			data, ci, opts, err := r.ReadPacketDataWithOptions()
			if err == io.EOF {
				return frames
			}
			if err != nil {
				t.Fatal(err)
			}
			frames = append(frames, frame{at: ci.Timestamp, data: data, comment: opts.Comments})
		}
	}
}

// TestFilesHoldThePackets: both formats hold the packets, in order, at the
// epoch plus their virtual time, pcapng with their comments; the same
// trace gives the same bytes.
func TestFilesHoldThePackets(t *testing.T) {
	tr := testTrace("192.0.2.101:5060", "192.0.2.20:5060", "192.0.2.201:5060")
	comment := func(p *Packet) string {
		return fmt.Sprintf("#%d kind %d %d/%d", p.Event.Seq, p.Kind, p.Segment, p.Segments)
	}
	files := writeBoth(t, tr, comment)
	again := writeBoth(t, tr, comment)
	want := packets(t, tr)
	for _, f := range Formats {
		if !bytes.Equal(files[f], again[f]) {
			t.Errorf("%s: the same trace gives different bytes", f)
		}
		got := readBack(t, f, files[f])
		if len(got) != len(want) {
			t.Fatalf("%s: %d frames, want %d", f, len(got), len(want))
		}
		for i, p := range want {
			g := got[i]
			if at := Epoch.Add(p.Event.At); !g.at.Equal(at) || !bytes.Equal(g.data, p.Data) {
				t.Errorf("%s frame %d: %v, %d bytes; want %v, %d bytes", f, i+1, g.at, len(g.data), at, len(p.Data))
			}
			if c := comment(&p); f == PCAPNG && (len(g.comment) != 1 || g.comment[0] != c) {
				t.Errorf("%s frame %d: comments %q, want %q", f, i+1, g.comment, c)
			}
		}
	}
	if lost := want[len(want)-1]; !lost.Event.Dropped {
		t.Error("the message lost in flight is not the last packet")
	}
}

func TestWriteErrors(t *testing.T) {
	mixed := testTrace("192.0.2.101:5060", "[2001:db8::20]:5060", "192.0.2.201:5060")
	nameless := testTrace("192.0.2.101:5060", "proxy.example.com:5060", "192.0.2.201:5060")
	big := testTrace("192.0.2.101:5060", "192.0.2.20:5060", "192.0.2.201:5060")
	big.Events[0].Raw = strings.Repeat("x", 65508)
	for _, tc := range []struct {
		name   string
		tr     *sim.Trace
		format Format
		want   string
	}{
		{"mixed", mixed, PCAP, `capture: event 1 (alice → proxy): 192.0.2.101:5060 and [2001:db8::20]:5060 are not both IPv4 or both IPv6`},
		{"nameless", nameless, PCAPNG, `capture: event 1 (alice → proxy): "proxy" has no IP address`},
		{"big", big, PCAP, "capture: event 1 (alice → proxy): a UDP message of 65508 bytes does not fit in one IP packet"},
		{"format", big, "pcapng.gz", `capture: unknown format "pcapng.gz" (choose pcap or pcapng)`},
	} {
		err := Write(io.Discard, tc.tr, WriteOptions{Format: tc.format})
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: error %v, want %s", tc.name, err, tc.want)
		}
	}
}

// TestAddresses: a node without a port listens on 5060; a message sent
// where no node is goes to the address it names.
func TestAddresses(t *testing.T) {
	tr := testTrace("192.0.2.101", "192.0.2.20:5070", "192.0.2.201:5060")
	tr.Events[0].To = "192.0.2.99:5080"
	ps := packets(t, tr)
	if got := ps[0].From.String() + " → " + ps[0].To.String(); got != "192.0.2.101:5060 → 192.0.2.99:5080" {
		t.Errorf("first packet %s", got)
	}
	if mac(netip.MustParseAddr("192.0.2.101")).String() != "02:00:c0:00:02:65" ||
		mac(netip.MustParseAddr("2001:db8::1:2:3")).String() != "02:01:00:02:00:03" {
		t.Errorf("MACs %s %s", mac(netip.MustParseAddr("192.0.2.101")), mac(netip.MustParseAddr("2001:db8::1:2:3")))
	}
}

// TestWiresharkSummary keeps tshark's one-line summary of every packet of
// the test trace's pcap, over IPv4 and IPv6, with checksum validation on:
// handshakes, segments reassembled into SIP, absolute UTC times. tshark
// reads the pcapng too (TestFilesHoldThePackets checks that its frames are
// the pcap's), and finds no expert warning and no malformed packet in it.
func TestWiresharkSummary(t *testing.T) {
	tshark := golden.NeedTool(t, "tshark")
	dir := t.TempDir()
	var out strings.Builder
	for _, tr := range []*sim.Trace{
		testTrace("192.0.2.101:5060", "192.0.2.20:5060", "192.0.2.201:5060"),
		testTrace("[2001:db8::101]:5060", "[2001:db8::20]:5060", "[2001:db8::201]:5060"),
	} {
		files := writeBoth(t, tr, func(p *Packet) string { return fmt.Sprint("step ", p.Event.Seq) })
		tsharkRead := func(f Format, args ...string) string {
			t.Helper()
			file := filepath.Join(dir, "test."+string(f))
			if err := os.WriteFile(file, files[f], 0o644); err != nil {
				t.Fatal(err)
			}
			args = append([]string{"-n", "-r", file, "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
				"-o", "udp.check_checksum:TRUE"}, args...)
			got, err := exec.Command(tshark, args...).Output()
			if err != nil {
				t.Fatalf("tshark %s: %v", f, err)
			}
			return string(got)
		}
		out.WriteString(tr.Nodes[0].Address + " …\n" + tsharkRead(PCAP, "-t", "ud"))
		if warns := tsharkRead(PCAPNG, "-Y", "_ws.expert.severity > 4194304 || _ws.malformed",
			"-T", "fields", "-e", "frame.number", "-e", "_ws.expert.message"); warns != "" {
			t.Errorf("tshark warns:\n%s", warns)
		}
	}
	golden.CheckString(t, filepath.Join("..", "..", "testdata", "capture", "summary.txt"), out.String())
}
