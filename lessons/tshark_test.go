package lessons

import (
	"bytes"
	"encoding/binary"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/golden"
)

// TestWiresharkAcceptsEveryMessage hands every message of every lesson to
// an independent SIP parser, Wireshark's (tshark), as UDP datagrams in a
// capture file, and requires that it reports no malformed packet and no
// warning. It skips where tshark is not installed, but fails in CI
// (.ci/run installs it).
func TestWiresharkAcceptsEveryMessage(t *testing.T) {
	tshark := golden.NeedTool(t, "tshark")
	var traces []*sim.Trace
	for _, l := range All() {
		traces = append(traces, run(t, l.ID, 1))
	}
	file, frames := messagesPcap(t, traces)
	out, err := exec.Command(tshark, "-r", file, "-Y", "_ws.malformed || _ws.expert.severity >= 6291456",
		"-T", "fields", "-e", "frame.number", "-e", "_ws.expert.message").CombinedOutput()
	if err != nil {
		t.Fatalf("tshark: %v\n%s", err, out)
	}
	var problems []string
	for _, line := range strings.Split(string(out), "\n") {
		if line != "" && !strings.HasPrefix(line, "Running as user") {
			problems = append(problems, line)
		}
	}
	if len(problems) > 0 {
		t.Errorf("Wireshark finds problems in %d of %d messages:\n%s", len(problems), frames, strings.Join(problems, "\n"))
	}
	count, _ := exec.Command(tshark, "-r", file, "-Y", "sip", "-T", "fields", "-e", "frame.number").Output()
	if n := strings.Count(string(count), "\n"); n != frames {
		t.Errorf("Wireshark decodes %d of %d frames as SIP", n, frames)
	}
}

// messagesPcap writes every message of the traces (but corrupted ones) as
// a UDP datagram between the nodes' addresses into a pcap file, and
// returns the file and the number of frames.
func messagesPcap(t *testing.T, traces []*sim.Trace) (file string, frames int) {
	var pcap bytes.Buffer
	w := func(v ...any) {
		for _, x := range v {
			binary.Write(&pcap, binary.LittleEndian, x)
		}
	}
	w(uint32(0xa1b2c3d4), uint16(2), uint16(4), int32(0), uint32(0), uint32(65535), uint32(1)) // Ethernet
	for _, tr := range traces {
		for _, e := range tr.Events {
			if e.Type != sim.EventMessage || corrupted(e) {
				continue
			}
			from, to := address(tr, e.From), address(tr, e.To)
			if !from.IsValid() || !to.IsValid() {
				continue
			}
			pkt := udpFrame(from, to, []byte(e.Raw), frames)
			w(uint32(frames), uint32(0), uint32(len(pkt)), uint32(len(pkt)))
			pcap.Write(pkt)
			frames++
		}
	}
	file = filepath.Join(t.TempDir(), "siplab.pcap")
	if err := os.WriteFile(file, pcap.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return file, frames
}

func address(tr *sim.Trace, node string) netip.AddrPort {
	if n := tr.Node(node); n != nil {
		ap, _ := netip.ParseAddrPort(n.Address)
		return ap
	}
	return netip.AddrPort{}
}

// udpFrame wraps a datagram in UDP, IPv4 and Ethernet headers.
func udpFrame(from, to netip.AddrPort, payload []byte, id int) []byte {
	udp := binary.BigEndian.AppendUint16(nil, from.Port())
	udp = binary.BigEndian.AppendUint16(udp, to.Port())
	udp = binary.BigEndian.AppendUint16(udp, uint16(8+len(payload)))
	udp = append(binary.BigEndian.AppendUint16(udp, 0), payload...)
	ip := []byte{0x45, 0, 0, 0, byte(id >> 8), byte(id), 0, 0, 64, 17, 0, 0}
	binary.BigEndian.PutUint16(ip[2:], uint16(20+len(udp)))
	src, dst := from.Addr().As4(), to.Addr().As4()
	ip = append(append(ip, src[:]...), dst[:]...)
	var sum uint32
	for i := 0; i < len(ip); i += 2 {
		sum += uint32(ip[i])<<8 | uint32(ip[i+1])
	}
	for sum > 0xffff {
		sum = sum&0xffff + sum>>16
	}
	binary.BigEndian.PutUint16(ip[10:], ^uint16(sum))
	eth := []byte{0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 8, 0}
	return append(append(eth, ip...), udp...)
}
