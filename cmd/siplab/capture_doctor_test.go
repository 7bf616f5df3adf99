package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	"github.com/siplab/siplab/sim/golden"
)

// doctor copies the pcapng capture name to a temporary file with frame n's
// UDP payload changed by edit; gopacket serializes that frame again, with
// its IP and UDP lengths and checksums fixed, as a real sender would have.
func doctor(t *testing.T, name string, n int, edit func([]byte) []byte) string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := pcapgo.NewNgReader(f, pcapgo.DefaultNgReaderOptions)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w, err := pcapgo.NewNgWriter(&out, r.LinkType())
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; ; i++ {
		data, ci, err := r.ReadPacketData()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		if i == n {
			var ls []gopacket.SerializableLayer
			p := gopacket.NewPacket(data, r.LinkType(), gopacket.Default)
			for _, l := range p.Layers() {
				if udp, ok := l.(*layers.UDP); ok {
					udp.SetNetworkLayerForChecksum(p.NetworkLayer())
					ls = append(ls, udp, gopacket.Payload(edit(bytes.Clone(udp.Payload))))
					break
				}
				ls = append(ls, l.(gopacket.SerializableLayer))
			}
			buf := gopacket.NewSerializeBuffer()
			if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}, ls...); err != nil {
				t.Fatal(err)
			}
			data = buf.Bytes()
			ci.CaptureLength, ci.Length, ci.InterfaceIndex = len(data), len(data), 0
		}
		if err := w.WritePacket(ci, data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	doctored := filepath.Join(t.TempDir(), "doctored-"+filepath.Base(name))
	if err := os.WriteFile(doctored, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return doctored
}

// TestCheckDoctoredCaptures plants one violation in a capture of real
// tools (testdata/capture/real/make.sh) and checks that check finds it at
// its frame, while the capture as recorded checks clean.
func TestCheckDoctoredCaptures(t *testing.T) {
	tshark := golden.NeedTool(t, "tshark")
	for _, c := range []struct {
		name  string
		frame int
		from  string // a regexp, what frame's payload has
		to    string // what it becomes
		want  string
	}{
		// sipp -sn uas answers the INVITE with 200 OK: its To tag is taken out.
		{"sipp-udp-call.pcapng", 3, `(To: [^\r]*);tag=[^\r]*`, "$1", "frame 3 (step 3): error: 200 without a To tag"},
		// kamailio forwards alice's INVITE (Max-Forwards 70) with 69: it is put back to 70.
		{"kamailio-register-call.pcapng", 7, `Max-Forwards: 69`, "Max-Forwards: 70", "frame 7 (step 7): error: proxy-registrar forwards the request with Max-Forwards 70 after receiving 70"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if code, out, errOut := runCLI(t, []string{"check", captureFile(c.name)}, nil); code != 0 || !strings.Contains(out, "no RFC findings") {
				t.Errorf("as recorded: exit %d: %s%s", code, out, errOut)
			}
			re := regexp.MustCompile(c.from)
			name := doctor(t, captureFile(c.name), c.frame, func(b []byte) []byte {
				if !re.Match(b) {
					t.Fatalf("frame %d has no %q:\n%s", c.frame, c.from, b)
				}
				return re.ReplaceAll(b, []byte(c.to))
			})
			// tshark finds the doctored frame's IP and UDP checksums good (1).
			sums, err := exec.Command(tshark, "-r", name, "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
				"-Y", "frame.number == "+strconv.Itoa(c.frame), "-T", "fields", "-e", "ip.checksum.status", "-e", "udp.checksum.status").Output()
			if err != nil || strings.TrimSpace(string(sums)) != "1\t1" {
				t.Errorf("tshark: checksums %q, %v", sums, err)
			}
			code, out, errOut := runCLI(t, []string{"check", name}, nil)
			if code != 1 || !strings.Contains(out, c.want) {
				t.Errorf("doctored: exit %d, want 1 and %q:\n%s%s", code, c.want, out, errOut)
			}
		})
	}
}

// TestCheckRealRetransmissions: sipp resends its unanswered INVITE after
// 654 ms, 1 s and 2 s; check warns about the first copy only (late against
// T1), with exit 0.
func TestCheckRealRetransmissions(t *testing.T) {
	code, out, errOut := runCLI(t, []string{"check", captureFile("sipp-udp-no-answer.pcapng")}, nil)
	if code != 0 || !strings.Contains(out, "frame 2 (step 2): warning: resent 654.212625ms after the first copy: 500ms expected") ||
		!strings.Contains(out, "0 errors, 1 warnings") {
		t.Errorf("exit %d: %s%s", code, out, errOut)
	}
}
