package render

import (
	"slices"
	"strings"
	"testing"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

func parseMessage(t *testing.T, start string, headers ...string) *sip.Message {
	t.Helper()
	m, err := sip.Parse([]byte(sipMessage(start, headers...)))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestDiffMessages(t *testing.T) {
	base := []string{"From: <sip:a@x>;tag=1", "To: <sip:b@y>", "Call-ID: c@x"}
	with := func(extra ...string) []string { return append(append([]string{}, extra...), base...) }
	cseq := func(m string) string { return "CSeq: 1 " + m }
	viaA := "Via: SIP/2.0/UDP a.x:5060;branch=z9hG4bKa"
	viaP := "Via: SIP/2.0/UDP p.y:5060;branch=z9hG4bKp"
	for _, tc := range []struct {
		name     string
		old, cur *sip.Message
		changes  []string
		lines    []string
	}{{
		name: "a proxy forwards a request (RFC 3261 §16.6)",
		old:  parseMessage(t, "INVITE sip:b@y SIP/2.0", with(viaA, "Max-Forwards: 70", cseq("INVITE"))...),
		cur: parseMessage(t, "INVITE sip:b@10.0.0.2 SIP/2.0",
			with(viaP, viaA+";received=10.0.0.1", "Record-Route: <sip:p.y;lr>", "Max-Forwards: 69", cseq("INVITE"))...),
		changes: []string{
			"Request-URI rewritten: sip:b@y → sip:b@10.0.0.2",
			"Via pushed: SIP/2.0/UDP p.y:5060;branch=z9hG4bKp",
			"Via: ;received=10.0.0.1 added to SIP/2.0/UDP a.x:5060;branch=z9hG4bKa",
			"Record-Route added: <sip:p.y;lr>",
			"Max-Forwards: 70 → 69",
		},
		lines: []string{
			"-INVITE sip:b@y SIP/2.0", "-Via: SIP/2.0/UDP a.x:5060;branch=z9hG4bKa", "-Max-Forwards: 70",
			"+INVITE sip:b@10.0.0.2 SIP/2.0", "+Via: SIP/2.0/UDP p.y:5060;branch=z9hG4bKp",
			"+Via: SIP/2.0/UDP a.x:5060;branch=z9hG4bKa;received=10.0.0.1",
			"+Record-Route: <sip:p.y;lr>", "+Max-Forwards: 69",
		},
	}, {
		name:    "a proxy forwards a response (§16.7 step 3)",
		old:     parseMessage(t, "SIP/2.0 180 Ringing", with(viaP, viaA, cseq("INVITE"))...),
		cur:     parseMessage(t, "SIP/2.0 180 Ringing", with(viaA, cseq("INVITE"))...),
		changes: []string{"Via removed from the top: SIP/2.0/UDP p.y:5060;branch=z9hG4bKp"},
		lines:   []string{"-Via: SIP/2.0/UDP p.y:5060;branch=z9hG4bKp"},
	}, {
		name:    "a Route consumed and another header replaced",
		old:     parseMessage(t, "BYE sip:b@y SIP/2.0", with(viaA, "Max-Forwards: 70", "Route: <sip:p.y;lr>", "Route: <sip:q.y;lr>", "Subject: hi", cseq("BYE"))...),
		cur:     parseMessage(t, "BYE sip:b@y SIP/2.0", with(viaA, "Max-Forwards: 70", "Route: <sip:q.y;lr>", "Subject: bye", cseq("BYE"))...),
		changes: []string{"Route removed: <sip:p.y;lr>", "Subject: hi → bye"},
		lines:   []string{"-Route: <sip:p.y;lr>", "-Subject: hi", "+Subject: bye"},
	}, {
		name:    "nothing changed",
		old:     parseMessage(t, "ACK sip:b@y SIP/2.0", with(viaA, "Max-Forwards: 70", cseq("ACK"))...),
		cur:     parseMessage(t, "ACK sip:b@y SIP/2.0", with(viaA, "Max-Forwards: 70", cseq("ACK"))...),
		changes: nil,
		lines:   nil,
	}} {
		d := diffMessages(tc.old, tc.cur, i18n.EN)
		if !slices.Equal(d.changes, tc.changes) {
			t.Errorf("%s: changes\n%s\nwant\n%s", tc.name, strings.Join(d.changes, "\n"), strings.Join(tc.changes, "\n"))
		}
		if !slices.Equal(d.lines, tc.lines) {
			t.Errorf("%s: lines\n%s\nwant\n%s", tc.name, strings.Join(d.lines, "\n"), strings.Join(tc.lines, "\n"))
		}
	}

	// A changed body is said so; the Chinese says it in Chinese.
	old := parseMessage(t, "MESSAGE sip:b@y SIP/2.0", with(viaA, "Max-Forwards: 70", cseq("MESSAGE"))...)
	cur := parseMessage(t, "MESSAGE sip:b@y SIP/2.0", with(viaA, "Max-Forwards: 70", cseq("MESSAGE"))...)
	cur.Body = []byte("hello")
	if d := diffMessages(old, cur, i18n.ZH); !slices.Equal(d.changes, []string{"消息体改变"}) {
		t.Errorf("body: %q", d.changes)
	}
}

func TestForwarded(t *testing.T) {
	tr := forwardedCall()
	l := NewLadder(tr, LadderOptions{})
	for seq, want := range map[int]int{1: 0, 4: 0, 5: 1, 6: 0, 7: 6, 8: 0, 9: 8} {
		_, got := forwarded(tr, l.Row(seq))
		if got != want {
			t.Errorf("step %d forwards step %d, want %d", seq, got, want)
		}
	}
	// A cause that its sender did not receive is no forwarding.
	tr.Events[4].From = "location"
	if _, got := forwarded(tr, NewLadder(tr, LadderOptions{}).Row(5)); got != 0 {
		t.Errorf("step 5 sent by another node still forwards step %d", got)
	}
	if m, _ := forwarded(nil, &Row{Event: &sim.Event{}}); m != nil {
		t.Error("no trace: a forwarded message")
	}
}

func TestLineDiff(t *testing.T) {
	for _, tc := range []struct{ old, cur, want string }{
		{"a b c", "a b c", ""},
		{"a b c", "a x c", "-b +x"},
		{"a b", "x a b", "+x"},
		{"a b c", "c", "-a -b"},
		{"", "a", "+a"},
	} {
		got := strings.Join(lineDiff(strings.Fields(tc.old), strings.Fields(tc.cur)), " ")
		if got != tc.want {
			t.Errorf("lineDiff(%q, %q) = %q, want %q", tc.old, tc.cur, got, tc.want)
		}
	}
}
