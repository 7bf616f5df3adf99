package render

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/gopacket/gopacket/pcapgo"
	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/capture"
	"github.com/siplab/siplab/sim/golden"
)

// A lessonCapture is a lesson's run and its capture files.
type lessonCapture struct {
	id      string
	lang    i18n.Lang // of the pcapng's comments
	trace   *sim.Trace
	packets []capture.Packet
	files   map[capture.Format][]byte
}

// lessonCaptures runs every lesson and writes its captures, the pcapng's
// comments in English and Chinese by turns, once for all the tests. Each
// is written twice: the same run must give the same bytes.
func lessonCaptures(t *testing.T) []*lessonCapture {
	t.Helper()
	all, err := allLessonCaptures()
	if err != nil {
		t.Fatal(err)
	}
	return all
}

var allLessonCaptures = sync.OnceValues(func() ([]*lessonCapture, error) {
	var out []*lessonCapture
	for i, l := range lessons.All() {
		tr, err := lessons.Run(l, lessons.RunOptions{Seed: 1})
		if err != nil {
			return nil, err
		}
		ps, err := capture.Packets(tr)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", l.ID, err)
		}
		c := &lessonCapture{id: l.ID, lang: i18n.Langs()[i%2], trace: tr, packets: ps, files: map[capture.Format][]byte{}}
		for _, f := range capture.Formats {
			var a, b bytes.Buffer
			if err := Capture(&a, tr, f, c.lang); err != nil {
				return nil, fmt.Errorf("%s %s: %w", l.ID, f, err)
			}
			if err := Capture(&b, tr, f, c.lang); err != nil || !bytes.Equal(a.Bytes(), b.Bytes()) {
				return nil, fmt.Errorf("%s %s: the same trace gives different bytes (%v)", l.ID, f, err)
			}
			c.files[f] = a.Bytes()
		}
		out = append(out, c)
	}
	return out, nil
})

// startLines are the first lines of the trace's messages, in order: what
// a reader must find, one per message.
func startLines(t *sim.Trace) []string {
	var out []string
	for _, e := range t.Events {
		if e.Type == sim.EventMessage {
			line, _, _ := strings.Cut(e.Raw, "\r\n")
			out = append(out, line)
		}
	}
	return out
}

// pcapHeader is the length of a pcap file's header.
const pcapHeader = 24

// joined puts captures into one file for one run of a reader: pcapng
// files one after the other, each its own section; pcap files under the
// first one's header, which all of them share.
func joined(t *testing.T, f capture.Format, files [][]byte) []byte {
	t.Helper()
	var all []byte
	for i, data := range files {
		if f == capture.PCAPNG || i == 0 {
			all = append(all, data...)
			continue
		}
		if !bytes.Equal(data[:pcapHeader], files[0][:pcapHeader]) {
			t.Fatalf("pcap headers differ: % x and % x", data[:pcapHeader], files[0][:pcapHeader])
		}
		all = append(all, data[pcapHeader:]...)
	}
	return all
}

// batches groups the lessons so that no two in a group open a TCP
// connection between the same endpoints: a reader of their joined capture
// would take the second for the first one's segments again.
func batches(all []*lessonCapture) [][]*lessonCapture {
	var out [][]*lessonCapture
	var conns []map[string]bool
	for _, c := range all {
		mine := map[string]bool{}
		for _, p := range c.packets {
			if p.Kind == capture.SYN {
				mine[p.From.String()+">"+p.To.String()] = true
			}
		}
		i := slices.IndexFunc(conns, func(taken map[string]bool) bool {
			for k := range mine {
				if taken[k] {
					return false
				}
			}
			return true
		})
		if i < 0 {
			out, conns = append(out, nil), append(conns, map[string]bool{})
			i = len(out) - 1
		}
		out[i] = append(out[i], c)
		for k := range mine {
			conns[i][k] = true
		}
	}
	return out
}

// tsharkFrame is what tshark dissected in one frame.
type tsharkFrame struct {
	severities, experts string // of its expert items, comma-separated
	sipLine             string // the Request-Line or Status-Line of the SIP message it completes
	reassembled         []byte // the TCP payload it completes, from several segments
	comment             string
}

// tsharkRead dissects file with tshark, checksums validated.
func tsharkRead(t *testing.T, tshark, file string) []tsharkFrame {
	t.Helper()
	fields := []string{"_ws.expert.severity", "_ws.expert.message", "sip.Request-Line", "sip.Status-Line",
		"tcp.reassembled.data", "frame.comment"}
	// Messages over TLS are written decrypted on port 5061 (tls-call).
	args := []string{"-n", "-r", file, "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
		"-o", "tcp.check_checksum:TRUE", "-d", "tcp.port==5061,sip", "-T", "fields", "-E", "occurrence=a"}
	for _, f := range fields {
		args = append(args, "-e", f)
	}
	out, err := exec.Command(tshark, args...).Output()
	if err != nil {
		t.Fatalf("tshark -r %s: %v", file, err)
	}
	var frames []tsharkFrame
	for _, line := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
		v := strings.SplitN(line, "\t", len(fields))
		if len(v) != len(fields) {
			t.Fatalf("tshark: a line of %d fields: %q", len(v), line)
		}
		data, err := hex.DecodeString(strings.ReplaceAll(v[4], ":", ""))
		if err != nil {
			t.Fatalf("tshark: tcp.reassembled.data %q: %v", v[4], err)
		}
		frames = append(frames, tsharkFrame{severities: v[0], experts: v[1], sipLine: v[2] + v[3], reassembled: data, comment: v[5]})
	}
	return frames
}

// noteSeverity is Wireshark's PI_NOTE: the expert items above it are
// warnings and errors (a malformed packet is an error).
const noteSeverity = 0x00400000

// TestEveryLessonCaptureInWireshark writes every lesson as pcap and pcapng
// and has Wireshark (tshark, checksums validated) read them: no expert
// warning or malformed packet, one SIP message per message of the trace,
// with the same start lines in the same order; a message sent over TCP in
// several segments reassembled into exactly its bytes; and in pcapng every
// packet's comment as written, the step's number and start line first.
// The captures of all lessons are read in a few runs of tshark, joined.
func TestEveryLessonCaptureInWireshark(t *testing.T) {
	tshark := golden.NeedTool(t, "tshark")
	dir := t.TempDir()
	all := lessonCaptures(t)
	tcp := 0
	for bi, batch := range batches(all) {
		for _, f := range capture.Formats {
			var files [][]byte
			total := 0
			for _, c := range batch {
				files = append(files, c.files[f])
				total += len(c.packets)
			}
			file := filepath.Join(dir, fmt.Sprintf("lessons-%d.%s", bi, f))
			if err := os.WriteFile(file, joined(t, f, files), 0o644); err != nil {
				t.Fatal(err)
			}
			frames := tsharkRead(t, tshark, file)
			if len(frames) != total {
				t.Fatalf("%s: tshark reads %d frames, the lessons sent %d packets", f, len(frames), total)
			}
			for _, c := range batch {
				mine := frames[:len(c.packets)]
				frames = frames[len(c.packets):]
				var lines []string
				for i, fr := range mine {
					p := &c.packets[i]
					where := fmt.Sprintf("%s %s frame %d (step %d)", c.id, f, i+1, p.Event.Seq)
					for _, s := range strings.Split(fr.severities, ",") {
						var sev int
						if _, err := fmt.Sscan(s, &sev); err == nil && sev > noteSeverity {
							t.Errorf("%s: Wireshark warns: %s", where, fr.experts)
							break
						}
					}
					if fr.sipLine != "" {
						lines = append(lines, fr.sipLine)
					}
					if p.Kind == capture.Message && p.Segment == p.Segments && p.Segments > 1 {
						tcp++
						if string(fr.reassembled) != p.Event.Raw {
							t.Errorf("%s: Wireshark reassembles %d bytes from %d segments, not the message's %d",
								where, len(fr.reassembled), p.Segments, len(p.Event.Raw))
						}
					}
					if f == capture.PCAPNG {
						checkComment(t, where, fr.comment, p, c.lang)
					}
				}
				if want := startLines(c.trace); !slices.Equal(lines, want) {
					t.Errorf("%s %s: Wireshark finds the SIP messages\n%s\nthe trace has\n%s", c.id, f,
						strings.Join(lines, "\n"), strings.Join(want, "\n"))
				}
			}
		}
	}
	if tcp == 0 {
		t.Error("no lesson sends a message over TCP in several segments: the reassembly went untested")
	}
}

// checkComment compares a packet's comment as Wireshark read it with what
// Capture wrote, and that with what the trace says of the step.
func checkComment(t *testing.T, where, got string, p *capture.Packet, lang i18n.Lang) {
	t.Helper()
	if want := packetComment(p, lang); got != want {
		t.Errorf("%s: comment %q, want %q", where, got, want)
	}
	if strings.Contains(got, "!{") || strings.Contains(got, "%!") {
		t.Errorf("%s: comment %q misses a catalog key or its arguments", where, got)
	}
	step := lang.T("capture.step", p.Event.Seq, "")
	line, _, _ := strings.Cut(p.Event.Raw, "\r\n")
	switch {
	case p.Kind != capture.Message:
		if !strings.HasPrefix(got, step) || !strings.Contains(got, "TCP") {
			t.Errorf("%s: the handshake's comment %q names neither its step nor TCP", where, got)
		}
	case !strings.HasPrefix(got, step+line):
		t.Errorf("%s: comment %q does not start with the step and %q", where, got, line)
	case p.Event.Dropped != strings.Contains(got, lang.T("capture.lost.plain")):
		t.Errorf("%s: lost %v, comment %q", where, p.Event.Dropped, got)
	}
}

// TestEveryLessonCaptureInSngrep has sngrep read every lesson's pcap and
// pcapng and save what it understood (sngrep -N -I FILE -O OUT): the SIP
// messages, which tshark then lists, must be the trace's, in order.
func TestEveryLessonCaptureInSngrep(t *testing.T) {
	sngrep := golden.NeedTool(t, "sngrep")
	tshark := golden.NeedTool(t, "tshark")
	dir := t.TempDir()
	kept := func(c *lessonCapture, f capture.Format) string {
		return filepath.Join(dir, c.id+"-"+string(f)+"-sngrep.pcap")
	}
	all := lessonCaptures(t)
	// sngrep sleeps half a second after reading a file, doing nothing:
	// they all run at once.
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	for _, c := range all {
		for _, f := range capture.Formats {
			in := filepath.Join(dir, c.id+"."+string(f))
			if err := os.WriteFile(in, c.files[f], 0o644); err != nil {
				t.Fatal(err)
			}
			wg.Go(func() {
				if out, err := exec.Command(sngrep, "-F", "-N", "-q", "-I", in, "-O", kept(c, f)).CombinedOutput(); err != nil {
					mu.Lock()
					errs = append(errs, fmt.Errorf("sngrep -I %s: %v\n%s", in, err, out))
					mu.Unlock()
				}
			})
		}
	}
	wg.Wait()
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	// What sngrep kept, read by tshark: one run per format and batch.
	for bi, batch := range batches(all) {
		for _, f := range capture.Formats {
			var files [][]byte
			for _, c := range batch {
				data, err := os.ReadFile(kept(c, f))
				if err != nil {
					t.Fatal(err)
				}
				files = append(files, data)
			}
			file := filepath.Join(dir, fmt.Sprintf("kept-%d-%s.pcap", bi, f))
			if err := os.WriteFile(file, joined(t, capture.PCAP, files), 0o644); err != nil {
				t.Fatal(err)
			}
			frames := tsharkRead(t, tshark, file)
			for i, c := range batch {
				n := min(pcapRecords(t, files[i]), len(frames))
				var lines []string
				for _, fr := range frames[:n] {
					if fr.sipLine != "" {
						lines = append(lines, fr.sipLine)
					}
				}
				frames = frames[n:]
				if want := startLines(c.trace); !slices.Equal(lines, want) {
					t.Errorf("%s %s: sngrep keeps the SIP messages\n%s\nthe trace has\n%s", c.id, f,
						strings.Join(lines, "\n"), strings.Join(want, "\n"))
				}
			}
		}
	}
}

// pcapRecords counts the packets of a pcap file.
func pcapRecords(t *testing.T, data []byte) int {
	t.Helper()
	r, err := pcapgo.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; ; n++ {
		if _, _, err := r.ReadPacketData(); err == io.EOF {
			return n
		} else if err != nil {
			t.Fatal(err)
		}
	}
}

// TestPacketComments: in both languages, every packet of a small trace is
// commented with its step: the handshake as TCP's, each segment of a large
// message with its number, a lost message as lost with what lost it.
func TestPacketComments(t *testing.T) {
	big := msg(0, "alice", "bob", "MESSAGE sip:bob@b SIP/2.0", sipMessage("MESSAGE sip:bob@b SIP/2.0", strings.Repeat("x: y\r\n", 500)))
	big.Transport = "TCP"
	lost := dropped(msg(500, "bob", "alice", "SIP/2.0 200 OK", sipMessage("SIP/2.0 200 OK")), "fault drop:200")
	tr := build("comments", "Comments", 1, []sim.NodeInfo{alice, bob}, big, lost)
	ps, err := capture.Packets(tr)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range i18n.Langs() {
		var got []string
		for i := range ps {
			got = append(got, packetComment(&ps[i], lang))
		}
		want := []string{"1 TCP alice bob SYN", "1 TCP bob alice SYN-ACK", "1 TCP alice bob",
			"1 MESSAGE TCP 1 3 [RFC 9293 §3.7]", "1 MESSAGE TCP 2 3", "1 MESSAGE TCP 3 3", "2 200 OK fault drop:200"}
		if len(got) != len(want) {
			t.Fatalf("%s: %d comments for %d packets:\n%s", lang, len(got), len(want), strings.Join(got, "\n"))
		}
		for i, words := range want {
			for _, w := range strings.Fields(words) {
				if !strings.Contains(got[i], w) {
					t.Errorf("%s: comment %d lacks %q: %s", lang, i+1, w, got[i])
				}
			}
		}
		if l := lang.T("capture.lost", "fault drop:200"); !strings.Contains(got[6], l) {
			t.Errorf("%s: the lost message's comment lacks %q: %s", lang, l, got[6])
		}
	}
}
