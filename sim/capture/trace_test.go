package capture

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/siplab/siplab/sim"
)

func readTrace(t *testing.T, name string, o TraceOptions) (*sim.Trace, *Stats) {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tr, st, err := ReadTrace(f, o)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return tr, st
}

// noteKeys lists the catalog keys of the notes of event e.
func noteKeys(e *sim.Event) []string {
	var keys []string
	for _, n := range e.Notes {
		keys = append(keys, n.Key)
	}
	return keys
}

// TestRoles reads proxy-call replayed over UDP, TCP and WebSocket: bob
// registers, alice calls him through the proxy. The columns are the four
// programs, named by what they did.
func TestRoles(t *testing.T) {
	want := map[string]string{"alice": "ua caller", "proxy": "proxy ", "registrar": "registrar ", "bob": "ua callee"}
	for _, name := range []string{"lo-udp-proxy-call.pcapng", "any-sll1-tcp-proxy-call.pcap", "lo-ws-proxy-call.pcapng"} {
		t.Run(name, func(t *testing.T) {
			tr, st := readTrace(t, "testdata/capture/"+name, TraceOptions{Name: name})
			if tr.Source != "capture" || tr.Lesson != name {
				t.Errorf("source %q, lesson %q", tr.Source, tr.Lesson)
			}
			got := map[string]string{}
			for _, n := range tr.Nodes {
				got[n.Name] = string(n.Kind) + " " + string(n.Role)
				if !strings.HasPrefix(n.Address, "127.0.0.") {
					t.Errorf("%s: address %q", n.Name, n.Address)
				}
			}
			if len(got) != len(want) {
				t.Errorf("nodes %v, want %v", got, want)
			}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("%s is %q, want %q", k, got[k], v)
				}
			}
			if st.Messages != 15 || tr.Len() != 15 || len(st.Problems) != 0 {
				t.Errorf("%d messages, %d events, problems %v", st.Messages, tr.Len(), st.Problems)
			}
			// The proxy's INVITE forwards alice's: Cause links them, for the views' diff.
			for i := range tr.Events {
				e := &tr.Events[i]
				if e.Frame == 0 || e.Transport == "" {
					t.Errorf("event %d: frame %d, transport %q", e.Seq, e.Frame, e.Transport)
				}
				if e.From == "proxy" && e.To == "bob" && strings.HasPrefix(e.Raw, "INVITE") {
					c := tr.Get(e.Cause)
					if c == nil || c.From != "alice" || !strings.HasPrefix(c.Raw, "INVITE") ||
						!slices.Contains(noteKeys(e), "capture.forwards.request") {
						t.Errorf("the proxy's INVITE: cause %v, notes %v", c, noteKeys(e))
					}
				}
			}
		})
	}
}

// TestAnnotations: lost-invite's INVITE is retransmitted after 500 ms and
// 1 s, as Timer A says; the ACK is for a 2xx; the 180 starts the dialog
// that the BYE is within.
func TestAnnotations(t *testing.T) {
	tr, _ := readTrace(t, "testdata/capture/lo-udp-lost-invite.pcapng", TraceOptions{})
	var retrans, keys []string
	for i := range tr.Events {
		e := &tr.Events[i]
		keys = append(keys, noteKeys(e)...)
		if e.Retransmission {
			retrans = append(retrans, e.Notes[0].Key+" "+strings.Join(e.Notes[0].Args, ","))
		}
	}
	want := []string{"capture.retrans.ok 1,3,3,500 ms,§17.1.1.2", "capture.retrans.ok 2,3,3,1000 ms,§17.1.1.2"}
	if !slices.Equal(retrans, want) {
		t.Errorf("retransmissions %q, want %q", retrans, want)
	}
	for _, k := range []string{"capture.ack.2xx", "capture.dialog.new", "capture.dialog.in", "capture.answers", "capture.forwards.response"} {
		if !slices.Contains(keys, k) {
			t.Errorf("no note %s among %v", k, keys)
		}
	}
}

// TestDigest recomputes alice's digest response in digest-register
// (password wonderland): right with it, wrong with another.
func TestDigest(t *testing.T) {
	for pw, key := range map[string]string{"wonderland": "capture.digest.ok", "looking-glass": "capture.digest.bad"} {
		tr, _ := readTrace(t, "testdata/capture/lo-udp6-digest.pcapng", TraceOptions{Passwords: map[string]string{"alice": pw}})
		var got []string
		for i := range tr.Events {
			for _, k := range noteKeys(&tr.Events[i]) {
				if strings.HasPrefix(k, "capture.digest") {
					got = append(got, k)
				}
			}
		}
		if !slices.Equal(got, []string{key}) {
			t.Errorf("password %s: %v, want %s", pw, got, key)
		}
	}
}

// TestCallFilter keeps the INVITE's call, by its Call-ID or by alice.
func TestCallFilter(t *testing.T) {
	for _, call := range []string{"65f97014ff0d@client.atlanta.example.com", "alice"} {
		tr, _ := readTrace(t, "testdata/capture/lo-udp-proxy-call.pcapng", TraceOptions{Call: call})
		if tr.Len() != 13 || len(tr.Nodes) != 3 {
			t.Errorf("--call %s: %d events, %d nodes", call, tr.Len(), len(tr.Nodes))
		}
	}
}

func TestCalls(t *testing.T) {
	f, err := os.Open("testdata/capture/any-sll2-tcp-large.pcapng")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	calls, st, err := Calls(f)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range calls {
		got = append(got, strings.Join([]string{c.First, c.Last, string(c.State)}, " "))
	}
	if want := []string{"REGISTER 200 OK ", "INVITE 200 OK completed", "MESSAGE 200 OK "}; !slices.Equal(got, want) || st.Messages == 0 {
		t.Errorf("calls %q, want %q", got, want)
	}
}

// TestText reads the messages of a capture pasted as text, with LF line
// ends and log lines between them: the same messages, and the endpoints
// the log's "A -> B" lines give.
func TestText(t *testing.T) {
	tr, _ := readTrace(t, "testdata/capture/lo-udp-proxy-call.pcapng", TraceOptions{})
	var text strings.Builder
	for i, e := range tr.Events {
		if i%2 == 0 {
			a, b := tr.Node(e.From).Address, tr.Node(e.To).Address
			text.WriteString("2026-01-01 00:00:00 U " + a + " -> " + b + "\n")
		} else {
			text.WriteString("----- a log line\n\n")
		}
		text.WriteString(strings.ReplaceAll(e.Raw, "\r\n", "\n") + "\n")
	}
	back, st, err := ReadTrace(strings.NewReader(text.String()), TraceOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if back.Len() != tr.Len() || len(st.Problems) > 0 {
		t.Fatalf("%d messages, want %d; problems %v", back.Len(), tr.Len(), st.Problems)
	}
	for i := range back.Events {
		if got, want := back.Events[i].Raw, tr.Events[i].Raw; got != want {
			t.Errorf("message %d:\n%q\nwant\n%q", i+1, got, want)
		}
	}
	if !IsCapture([]byte(text.String())) {
		t.Error("the text is not recognised")
	}
}

// TestBadInput: every kind of damage is an error or a problem that names
// the frame, never a panic.
func TestBadInput(t *testing.T) {
	good, err := os.ReadFile("testdata/capture/lo-udp-proxy-call.pcapng")
	if err != nil {
		t.Fatal(err)
	}
	bad := append([]byte(nil), good...)
	i := bytes.Index(bad, []byte("INVITE sip:bob@client"))
	copy(bad[i:], "INVITE sip:bob@client SIP/2.0\r\nVia: ;;\r\n")
	unknown := writeFrames(t, "unknown.pcap", 147, [][]byte{[]byte("whatever")})
	half := writeFrames(t, "half.pcap", 1, [][]byte{tcpSeg(t, 0, sipMsg(1, 100)[:150], "")})

	for _, c := range []struct {
		name, data, want string
		problem          bool
	}{
		{"truncated", string(good[:len(good)-300]), "frame 15: unexpected EOF", true},
		{"not a capture", "hello\n", "not a capture", false},
		{"bad header", "\x0a\x0d\x0d\x0a\x00\x00", "pcapng header", false},
		{"unparsable", string(bad), "frame 5: not a valid SIP message", true},
		{"unknown link type", mustRead(t, unknown), "frame 1: link type 147", true},
		{"half a message", mustRead(t, half), "frame 1: 192.0.2.1:40000 → 192.0.2.2:5080: the capture ends in the middle of a message", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			tr, st, err := ReadTrace(strings.NewReader(c.data), TraceOptions{})
			msg := ""
			switch {
			case c.problem && err == nil && len(st.Problems) > 0:
				msg = st.Problems[0].Error()
			case !c.problem && err != nil:
				msg = err.Error()
			}
			if !strings.HasPrefix(msg, c.want) {
				t.Errorf("got error %v, problems %v; want %q", err, st.Problems, c.want)
			}
			if c.name == "unparsable" && (tr.Len() != 15 || !slices.Contains(noteKeys(&tr.Events[4]), "capture.unparsed")) {
				t.Errorf("the unparsable message is not an event with a note")
			}
		})
	}
}

func mustRead(t *testing.T, name string) string {
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// FuzzReadCapture: whatever the bytes, reading ends without a panic, and
// an error or a trace.
func FuzzReadCapture(f *testing.F) {
	for _, name := range []string{"lo-udp-proxy-call.pcapng", "any-sll1-tcp-proxy-call.pcap", "lo-udp6-digest.pcapng"} {
		b, err := os.ReadFile("testdata/capture/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("INVITE sip:b@x SIP/2.0\nVia: SIP/2.0/UDP a\nContent-Length: 4\n\nab"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tr, _, err := ReadTrace(bytes.NewReader(data), TraceOptions{Passwords: map[string]string{"alice": "x"}})
		if err == nil && tr == nil || err != nil && tr != nil {
			t.Fatalf("trace %v, error %v", tr, err)
		}
		if err != nil && errors.Unwrap(err) == nil && err.Error() == "" {
			t.Fatal("an empty error")
		}
	})
}
