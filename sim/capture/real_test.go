package capture

import (
	"encoding/binary"
	"os"
	"strings"
	"testing"

	"github.com/siplab/siplab/sim"
)

// The captures of real tools (testdata/capture/real/make.sh): sipp,
// kamailio and the Linux kernel made them; TestSameAsTshark compares their
// messages with tshark's, these tests what siplab makes of them.

// linkType is the link type of the first interface of a pcapng file.
func linkType(t *testing.T, name string) uint16 {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil || len(b) < 12 {
		t.Fatalf("%s: %v", name, err)
	}
	shb := binary.LittleEndian.Uint32(b[4:])
	return binary.LittleEndian.Uint16(b[shb+8:])
}

// nodesOf lists the nodes of a trace as "name kind role address".
func nodesOf(tr *sim.Trace) string {
	var l []string
	for _, n := range tr.Nodes {
		l = append(l, strings.Join([]string{n.Name, string(n.Kind), string(n.Role), n.Address}, " "))
	}
	return strings.Join(l, "\n")
}

// TestRealRoles: sipp's built-in uac and uas are two UAs, whether over
// UDP, TCP, IPv6 or a TUN device; on the kamailio capture, kamailio answers
// both REGISTERs with 200 itself and forwards the INVITE, ACK and BYE
// with its Via pushed: a proxy (its kind, what it does for calls) that
// is also the registrar (RFC 3261 §10.1: two logical roles one device
// can play), so its column is named proxy-registrar; alice and bob are
// named by the AORs they registered.
func TestRealRoles(t *testing.T) {
	for _, c := range []struct {
		name, nodes string
		messages    int
		linkType    uint16
	}{
		{"sipp-udp-call.pcapng", "sipp ua caller 127.0.1.2:5071\nservice ua callee 127.0.1.1:5070", 6, 1},
		{"sipp-tcp-call.pcapng", "sipp ua caller 127.0.1.2:5071\nservice ua callee 127.0.1.1:5070", 6, 1},
		{"sipp-udp6-call.pcapng", "sipp ua caller [::1]:5075\nservice ua callee [::1]:5074", 6, 1},
		{"tun-raw-udp-call.pcapng", "sipp ua caller 10.98.0.1:5060\nservice ua callee 10.98.0.2:5060", 6, 101},
		{"kamailio-register-call.pcapng", "bob ua callee 127.0.1.12:5082\nproxy-registrar proxy  127.0.1.10:5080\nalice ua caller 127.0.1.11:5081", 17, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			name := "testdata/capture/" + c.name
			if got := linkType(t, name); got != c.linkType {
				t.Errorf("link type %d, want %d", got, c.linkType)
			}
			tr, st := readTrace(t, name, TraceOptions{})
			if got := nodesOf(tr); got != c.nodes {
				t.Errorf("nodes:\n%s\nwant:\n%s", got, c.nodes)
			}
			if st.Messages != c.messages || len(st.Problems) != 0 {
				t.Errorf("%d messages, want %d; problems %v", st.Messages, c.messages, st.Problems)
			}
		})
	}
	// What makes kamailio's column a proxy and a registrar.
	tr, _ := readTrace(t, "testdata/capture/kamailio-register-call.pcapng", TraceOptions{})
	var seen []string
	for i := range tr.Events {
		e := &tr.Events[i]
		if e.From == "proxy-registrar" && (strings.HasPrefix(e.Raw, "SIP/2.0 200 OK") && strings.Contains(e.Raw, "REGISTER") ||
			strings.HasPrefix(e.Raw, "INVITE") && tr.Get(e.Cause) != nil && tr.Get(e.Cause).From == "alice") {
			seen = append(seen, firstLine(e.Raw)+" to "+e.To)
		}
	}
	want := "SIP/2.0 200 OK to bob|SIP/2.0 200 OK to alice|INVITE sip:bob@127.0.1.12:5082 SIP/2.0 to bob"
	if strings.Join(seen, "|") != want {
		t.Errorf("kamailio: %q, want %q", strings.Join(seen, "|"), want)
	}
}

// TestRealFragments: the kernel sent the 1,400-byte MESSAGE over a
// 576-byte MTU veth in four IPv4 fragments; siplab reassembles them into
// one message of the last fragment's frame, as tshark does.
func TestRealFragments(t *testing.T) {
	tr, st := readTrace(t, "testdata/capture/veth576-udp-fragments.pcapng", TraceOptions{})
	if st.Frames != 5 || st.Messages != 2 || st.Skipped != 3 {
		t.Errorf("%d frames, %d messages, %d skipped", st.Frames, st.Messages, st.Skipped)
	}
	m := &tr.Events[0]
	_, body, _ := strings.Cut(m.Raw, "\r\n\r\n")
	if m.Frame != 4 || !strings.HasPrefix(m.Raw, "MESSAGE ") || len(body) != 1400 || !strings.Contains(m.Raw, "Content-Length: 1400\r\n") {
		t.Errorf("frame %d, %d-byte body:\n%.200s", m.Frame, len(body), m.Raw)
	}
	if got := nodesOf(tr); got != "alice ua  10.99.0.1:5060\nbob ua  10.99.0.2:5060" {
		t.Errorf("nodes:\n%s", got)
	}
}

// TestRealRetransmissions: nobody answers sipp's INVITE, which it sends
// again after 654 ms (its first timer fired late), then 1 s and 2 s:
// against Timer A's 500 ms, 1 s, 2 s (RFC 3261 §17.1.1.2) the first copy
// is off and the two after it on time.
func TestRealRetransmissions(t *testing.T) {
	tr, st := readTrace(t, "testdata/capture/sipp-udp-no-answer.pcapng", TraceOptions{})
	var got []string
	for i := range tr.Events {
		if e := &tr.Events[i]; e.Retransmission {
			got = append(got, e.Notes[0].Key+" "+strings.Join(e.Notes[0].Args, ","))
		}
	}
	want := []string{"capture.retrans.off 1,1,1,654.2 ms,500 ms,§17.1.1.2", "capture.retrans.ok 2,1,1,1000.2 ms,§17.1.1.2", "capture.retrans.ok 3,1,1,2004.1 ms,§17.1.1.2"}
	if st.Messages != 4 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%d messages; retransmissions:\n%s\nwant:\n%s", st.Messages, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
