package capture

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
)

// callTemplate is one call of ten messages, alice and bob through nothing
// else: an INVITE challenged with 407 and its ACK, the INVITE again with
// credentials, 100, 180, 200 and its ACK, a BYE and its 200. %[1]d numbers
// the call, %[2]s is the transport; Content-Length is set to the body's.
var callTemplate = []struct {
	from, raw string
}{
	{"alice", "INVITE sip:bob@biloxi.example.com SIP/2.0\r\nVia: SIP/2.0/%[2]s client.atlanta.example.com:5060;branch=z9hG4bK%[1]da\r\nMax-Forwards: 70\r\nFrom: Alice <sip:alice@atlanta.example.com>;tag=%[1]d\r\nTo: Bob <sip:bob@biloxi.example.com>\r\nCall-ID: %[1]d@client.atlanta.example.com\r\nCSeq: 1 INVITE\r\nContact: <sip:alice@client.atlanta.example.com>\r\nContent-Type: application/sdp\r\nContent-Length: 0\r\n\r\nv=0\r\no=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"},
	{"bob", "SIP/2.0 407 Proxy Authentication Required\r\nVia: SIP/2.0/%[2]s client.atlanta.example.com:5060;branch=z9hG4bK%[1]da\r\nFrom: Alice <sip:alice@atlanta.example.com>;tag=%[1]d\r\nTo: Bob <sip:bob@biloxi.example.com>;tag=b%[1]d\r\nCall-ID: %[1]d@client.atlanta.example.com\r\nCSeq: 1 INVITE\r\nProxy-Authenticate: Digest realm=\"biloxi.example.com\", nonce=\"n%[1]d\", qop=\"auth\", algorithm=MD5\r\nContent-Length: 0\r\n\r\n"},
	{"alice", "ACK sip:bob@biloxi.example.com SIP/2.0\r\nVia: SIP/2.0/%[2]s client.atlanta.example.com:5060;branch=z9hG4bK%[1]da\r\nMax-Forwards: 70\r\nFrom: Alice <sip:alice@atlanta.example.com>;tag=%[1]d\r\nTo: Bob <sip:bob@biloxi.example.com>;tag=b%[1]d\r\nCall-ID: %[1]d@client.atlanta.example.com\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n"},
	{"alice", "INVITE sip:bob@biloxi.example.com SIP/2.0\r\nVia: SIP/2.0/%[2]s client.atlanta.example.com:5060;branch=z9hG4bK%[1]db\r\nMax-Forwards: 70\r\nFrom: Alice <sip:alice@atlanta.example.com>;tag=%[1]d\r\nTo: Bob <sip:bob@biloxi.example.com>\r\nCall-ID: %[1]d@client.atlanta.example.com\r\nCSeq: 2 INVITE\r\nContact: <sip:alice@client.atlanta.example.com>\r\nProxy-Authorization: Digest username=\"alice\", realm=\"biloxi.example.com\", nonce=\"n%[1]d\", uri=\"sip:bob@biloxi.example.com\", response=\"0123456789abcdef0123456789abcdef\", qop=auth, nc=00000001, cnonce=\"c%[1]d\", algorithm=MD5\r\nContent-Type: application/sdp\r\nContent-Length: 0\r\n\r\nv=0\r\no=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"},
	{"bob", "SIP/2.0 100 Trying\r\nVia: SIP/2.0/%[2]s client.atlanta.example.com:5060;branch=z9hG4bK%[1]db\r\nFrom: Alice <sip:alice@atlanta.example.com>;tag=%[1]d\r\nTo: Bob <sip:bob@biloxi.example.com>\r\nCall-ID: %[1]d@client.atlanta.example.com\r\nCSeq: 2 INVITE\r\nContent-Length: 0\r\n\r\n"},
	{"bob", "SIP/2.0 180 Ringing\r\nVia: SIP/2.0/%[2]s client.atlanta.example.com:5060;branch=z9hG4bK%[1]db\r\nFrom: Alice <sip:alice@atlanta.example.com>;tag=%[1]d\r\nTo: Bob <sip:bob@biloxi.example.com>;tag=c%[1]d\r\nCall-ID: %[1]d@client.atlanta.example.com\r\nCSeq: 2 INVITE\r\nContact: <sip:bob@client.biloxi.example.com>\r\nContent-Length: 0\r\n\r\n"},
	{"bob", "SIP/2.0 200 OK\r\nVia: SIP/2.0/%[2]s client.atlanta.example.com:5060;branch=z9hG4bK%[1]db\r\nFrom: Alice <sip:alice@atlanta.example.com>;tag=%[1]d\r\nTo: Bob <sip:bob@biloxi.example.com>;tag=c%[1]d\r\nCall-ID: %[1]d@client.atlanta.example.com\r\nCSeq: 2 INVITE\r\nContact: <sip:bob@client.biloxi.example.com>\r\nContent-Type: application/sdp\r\nContent-Length: 0\r\n\r\nv=0\r\no=bob 2808844564 2808844564 IN IP4 192.0.2.20\r\ns=-\r\nc=IN IP4 192.0.2.20\r\nt=0 0\r\nm=audio 3456 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"},
	{"alice", "ACK sip:bob@client.biloxi.example.com SIP/2.0\r\nVia: SIP/2.0/%[2]s client.atlanta.example.com:5060;branch=z9hG4bK%[1]dc\r\nMax-Forwards: 70\r\nFrom: Alice <sip:alice@atlanta.example.com>;tag=%[1]d\r\nTo: Bob <sip:bob@biloxi.example.com>;tag=c%[1]d\r\nCall-ID: %[1]d@client.atlanta.example.com\r\nCSeq: 2 ACK\r\nContent-Length: 0\r\n\r\n"},
	{"bob", "BYE sip:alice@client.atlanta.example.com SIP/2.0\r\nVia: SIP/2.0/%[2]s client.biloxi.example.com:5060;branch=z9hG4bK%[1]dd\r\nMax-Forwards: 70\r\nFrom: Bob <sip:bob@biloxi.example.com>;tag=c%[1]d\r\nTo: Alice <sip:alice@atlanta.example.com>;tag=%[1]d\r\nCall-ID: %[1]d@client.atlanta.example.com\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n"},
	{"alice", "SIP/2.0 200 OK\r\nVia: SIP/2.0/%[2]s client.biloxi.example.com:5060;branch=z9hG4bK%[1]dd\r\nFrom: Bob <sip:bob@biloxi.example.com>;tag=c%[1]d\r\nTo: Alice <sip:alice@atlanta.example.com>;tag=%[1]d\r\nCall-ID: %[1]d@client.atlanta.example.com\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n"},
}

// syntheticCapture writes a pcap of calls calls of ten messages each, one
// every millisecond, every other call over TCP, and returns its name.
func syntheticCapture(tb testing.TB, dir string, calls int) string {
	t := &sim.Trace{Nodes: []sim.NodeInfo{{Name: "alice", Address: "192.0.2.10:5060"}, {Name: "bob", Address: "192.0.2.20:5060"}}}
	t.Reserve(calls * len(callTemplate))
	for c := range calls {
		transport := "UDP"
		if c%2 == 1 {
			transport = "TCP"
		}
		for _, m := range callTemplate {
			to := "bob"
			if m.from == "bob" {
				to = "alice"
			}
			raw := fmt.Sprintf(m.raw, c+1, transport)
			head, body, _ := strings.Cut(raw, "\r\n\r\n")
			head = strings.Replace(head, "Content-Length: 0", fmt.Sprint("Content-Length: ", len(body)), 1)
			t.Add(sim.Event{At: time.Duration(t.Len()) * time.Millisecond, Type: sim.EventMessage, From: m.from, To: to,
				Raw: head + "\r\n\r\n" + body, Transport: transport})
		}
	}
	name := filepath.Join(dir, fmt.Sprintf("synthetic-%d.pcap", calls))
	f, err := os.Create(name)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	if err := Write(f, t, WriteOptions{Format: PCAP}); err != nil {
		tb.Fatal(err)
	}
	return name
}

var synthetic struct {
	sync.Once
	name string
	dir  string
}

// syntheticFile is the synthetic capture of 10,000 calls (100,000
// messages), made once per test binary.
func syntheticFile(b *testing.B) string {
	synthetic.Do(func() {
		dir, err := os.MkdirTemp("", "siplab-bench")
		if err != nil {
			b.Fatal(err)
		}
		synthetic.dir = dir
		synthetic.name = syntheticCapture(b, dir, 10000)
	})
	return synthetic.name
}

// BenchmarkReadCapture reads a capture of 100,000 SIP messages (10,000
// calls, half over UDP, half over TCP) into a trace, and for comparison
// times `tshark -Y sip` on the same file once: the metric x-tshark is how
// many times faster siplab is.
//
//	go test ./sim/capture -run XXX -bench ReadCapture -benchtime 3x
func BenchmarkReadCapture(b *testing.B) {
	name := syntheticFile(b)
	st, _ := os.Stat(name)
	b.SetBytes(st.Size())
	b.ReportAllocs()
	var messages int
	for b.Loop() {
		f, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		tr, s, err := ReadTrace(f, TraceOptions{})
		f.Close()
		if err != nil || tr.Len() != 100000 || s.Messages != 100000 {
			b.Fatalf("%v: %d events, %+v", err, tr.Len(), s.Messages)
		}
		messages = tr.Len()
	}
	per := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(messages)/per.Seconds(), "msgs/s")
	if _, err := exec.LookPath("tshark"); err != nil {
		return
	}
	b.StopTimer()
	start := time.Now()
	out, err := exec.Command("tshark", "-r", name, "-Y", "sip", "-T", "fields", "-e", "frame.number").Output()
	if err != nil {
		b.Fatalf("tshark: %v", err)
	}
	took := time.Since(start)
	b.ReportMetric(took.Seconds(), "tshark-s")
	b.ReportMetric(took.Seconds()/per.Seconds(), "x-tshark")
	if n := strings.Count(string(out), "\n"); n < 90000 {
		b.Errorf("tshark found %d frames with SIP", n)
	}
}

// BenchmarkScanCapture is the reading alone: frames to SIP messages,
// without parsing them into a trace.
func BenchmarkScanCapture(b *testing.B) {
	name := syntheticFile(b)
	st, _ := os.Stat(name)
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		f, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		s, err := Scan(f, func(*Found) error { return nil })
		f.Close()
		if err != nil || s.Messages != 100000 {
			b.Fatalf("%v: %d messages", err, s.Messages)
		}
	}
}

// TestSynthetic checks a small synthetic capture the way the benchmark
// makes it: every message read, the digest response flagged wrong.
func TestSynthetic(t *testing.T) {
	name := syntheticCapture(t, t.TempDir(), 4)
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tr, st, err := ReadTrace(f, TraceOptions{Passwords: map[string]string{"alice": "x"}})
	if err != nil || tr.Len() != 40 || len(st.Problems) != 0 {
		t.Fatalf("%v: %d events, problems %v", err, tr.Len(), st.Problems)
	}
	bad := 0
	for i := range tr.Events {
		bad += strings.Count(strings.Join(noteKeys(&tr.Events[i]), " "), "capture.digest.bad")
	}
	if bad != 4 {
		t.Errorf("%d wrong digests flagged, want 4", bad)
	}
}
