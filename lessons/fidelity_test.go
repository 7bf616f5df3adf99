package lessons

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// runWith runs a built-in lesson with extra fault specs.
func runWith(t *testing.T, id string, specs ...string) *sim.Trace {
	t.Helper()
	l, err := Find(id)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := Run(l, RunOptions{Seed: 1, Faults: faults(t, specs...)})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// TestNotesStateTheValuesOfTheirMessage: a lesson's note that quotes
// Max-Forwards states the value of the message it is attached to, in both
// languages, so that max-forwards:alice=5 cannot make it contradict the
// bytes (issue 11, point 11).
func TestNotesStateTheValuesOfTheirMessage(t *testing.T) {
	number := regexp.MustCompile(`\b\d+\b`)
	for _, id := range []string{"two-proxies", "pager-message"} {
		tr := runWith(t, id, "max-forwards:alice=5")
		checked := 0
		for _, e := range tr.Events {
			if e.Type != sim.EventMessage {
				continue
			}
			m, err := sip.Parse([]byte(e.Raw))
			if err != nil || m.Get("Max-Forwards") == "" {
				continue
			}
			mf := m.Get("Max-Forwards")
			for _, n := range e.Notes {
				for lang, text := range map[string]string{"en": n.EN, "zh": n.ZH} {
					if !strings.Contains(text, "Max-Forwards") {
						continue
					}
					checked++
					nums := number.FindAllString(text, -1)
					if !strings.Contains(" "+strings.Join(nums, " ")+" ", " "+mf+" ") {
						t.Errorf("%s #%d (%s): Max-Forwards is %s, the note says %q", id, e.Seq, lang, mf, text)
					}
					for _, stale := range []string{"69", "68"} {
						if strings.Contains(" "+strings.Join(nums, " ")+" ", " "+stale+" ") {
							t.Errorf("%s #%d (%s): the note quotes %s, the message has %s: %q", id, e.Seq, lang, stale, mf, text)
						}
					}
				}
			}
		}
		if checked == 0 {
			t.Errorf("%s: no note about Max-Forwards was checked", id)
		}
	}
}

// TestHideHopTeachesBothModels: the hide-hop lesson says, in both
// languages, that RFC 2543 encrypted the hidden Via with a salt (no state),
// that the table is the course's simplified model, and that an RFC 3261
// proxy passes Hide: hop on unchanged; it cites no RFC 3261 section for
// Hide, which RFC 3261 dropped (issue 11, point 9).
func TestHideHopTeachesBothModels(t *testing.T) {
	l, err := Find("hide-hop")
	if err != nil {
		t.Fatal(err)
	}
	assertSays(t, "hide-hop", l.Intro, map[string][]string{
		"en": {"encrypted", "salt", "simplified model", "RFC 3261 dropped Hide", "unchanged", "frees it"},
		"zh": {"加密", "盐值", "简化模型", "RFC 3261 取消了 Hide", "原样转发", "释放"},
	})
	if strings.Contains(l.Intro.EN+l.Intro.ZH, "§28") {
		t.Errorf("hide-hop cites an RFC 3261 section for Hide")
	}
}

// assertSays checks that a text says each phrase, in its language ("en",
// "zh").
func assertSays(t *testing.T, what string, text sim.Text, want map[string][]string) {
	t.Helper()
	for lang, phrases := range want {
		s := text.EN
		if lang == "zh" {
			s = text.ZH
		}
		for _, p := range phrases {
			if !strings.Contains(s, p) {
				t.Errorf("%s (%s) does not say %q", what, lang, p)
			}
		}
	}
}

// TestQueuedCallIsTheLecturesBellWatsonCall: queued-call sends the
// lecture's messages (seed 001): 100, 180, "182 Queued, 2 Callers Ahead",
// "182 Queued, 1 Caller Ahead", 200 with SDP 0 3, ACK; the Request-URI
// names the callee's host and To his address-of-record (issue 11, point 12).
// The 182s come from bob's queue: with three callers ahead there are three,
// counting down.
func TestQueuedCallIsTheLecturesBellWatsonCall(t *testing.T) {
	l, err := Find("queued-call")
	if err != nil {
		t.Fatal(err)
	}
	starts := func(tr *sim.Trace, from string) (lines []string, msgs []*sip.Message) {
		for _, e := range messages(tr) {
			if e.From == from {
				m, err := sip.Parse([]byte(e.Raw))
				if err != nil {
					t.Fatal(err)
				}
				lines, msgs = append(lines, m.StartLine()), append(msgs, m)
			}
		}
		return lines, msgs
	}
	tr := run(t, "queued-call", 1)
	got, msgs := starts(tr, "bob")
	want := []string{"SIP/2.0 100 Trying", "SIP/2.0 180 Ringing", "SIP/2.0 182 Queued, 2 Callers Ahead",
		"SIP/2.0 182 Queued, 1 Caller Ahead", "SIP/2.0 200 OK"}
	if strings.Join(got[:min(len(got), 5)], "\n") != strings.Join(want, "\n") {
		t.Fatalf("bob sent\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if sdp, err := sip.ParseSDP(msgs[4].Body); err != nil || len(sdp.Media) != 1 || strings.Join(sdp.Media[0].Formats, " ") != "0 3" {
		t.Errorf("the 200's SDP answer: %v %+v, want m=audio … 0 3", err, sdp)
	}
	sent, inv := starts(tr, "alice")
	if len(sent) < 2 || sent[0] != "INVITE sip:bob@client.biloxi.example.com SIP/2.0" || !strings.HasPrefix(sent[1], "ACK ") {
		t.Errorf("alice sent %q, want the INVITE to sip:bob@client.biloxi.example.com, then the ACK", sent)
	}
	if to, _ := inv[0].To(); to.DisplayName != "Bob" || to.URI.String() != "sip:bob@biloxi.example.com" {
		t.Errorf("INVITE To %q, want Bob <sip:bob@biloxi.example.com>", inv[0].Get("To"))
	}

	three := *l
	three.Nodes = slices.Clone(l.Nodes)
	for i := range three.Nodes {
		if three.Nodes[i].Name == "bob" {
			three.Nodes[i].Queued = 3
		}
	}
	tr, err = Run(&three, RunOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	got, _ = starts(tr, "bob")
	var queued []string
	for _, line := range got {
		if strings.HasPrefix(line, "SIP/2.0 182 ") {
			queued = append(queued, strings.TrimPrefix(line, "SIP/2.0 182 "))
		}
	}
	if want := "Queued, 3 Callers Ahead|Queued, 2 Callers Ahead|Queued, 1 Caller Ahead"; strings.Join(queued, "|") != want {
		t.Errorf("with three callers ahead bob sent 182 %q, want %q", queued, want)
	}
}

// TestLargeMessageTeachesTheSessionModel: the large-message lesson says,
// in both languages, that RFC 3428 §8 forbids a pager-mode MESSAGE over
// 1300 bytes unless every hop is known to be congestion-controlled, and
// teaches the session model with MSRP (RFC 4975), as course note 000 does;
// alice's phone notes why it sends no MESSAGE (issue 11, point 8).
func TestLargeMessageTeachesTheSessionModel(t *testing.T) {
	l, err := Find("large-message")
	if err != nil {
		t.Fatal(err)
	}
	assertSays(t, "large-message", l.Intro, map[string][]string{
		"en": {"RFC 3428 §8", "1300 bytes", "congestion", "session model", "MSRP", "RFC 4975", "exception"},
		"zh": {"RFC 3428 §8", "1300 字节", "拥塞控制", "会话模式", "MSRP", "RFC 4975", "例外"},
	})
	assertSays(t, "large-message summary", l.Summary, map[string][]string{"en": {"MSRP"}, "zh": {"MSRP"}})
	tr := run(t, "large-message", 1)
	var why *sim.Event
	for i, e := range tr.Events {
		if e.Type == sim.EventNote && e.Node == "alice" && e.Summary.Key == "node.ua.message.large" {
			why = &tr.Events[i]
		}
	}
	if why == nil || len(why.Notes) == 0 || why.Notes[0].Key != "node.ua.message.large.why" {
		t.Fatalf("alice's phone does not say why it sends no MESSAGE: %+v", why)
	}
}

// TestCitations: the sections issue 11 (point 11) found wrong are cited
// right: 182 Queued is RFC 3261 §21.1.4; the 400 for a datagram shorter
// than its Content-Length is §18.3; an ACK and a BYE sent along the route
// set cite §12.2.1.1 and a proxy forwarding them §16.4 (loose routing);
// proxy-call points to RFC 3665 §3.2, not §3.1 (the direct call), in both
// languages.
func TestCitations(t *testing.T) {
	cites := func(e sim.Event, section string) bool {
		return slices.ContainsFunc(e.Reasons, func(r sim.Reason) bool { return strings.Contains(r.RFC, section) })
	}
	for _, e := range messages(run(t, "queued-call", 1)) {
		if strings.HasPrefix(e.Summary.String(), "SIP/2.0 182") && !cites(e, "§21.1.4") {
			t.Errorf("queued-call #%d: a 182 citing %v, want RFC 3261 §21.1.4", e.Seq, e.Reasons)
		}
	}
	bad := messages(runWith(t, "bad-request"))
	if i := slices.IndexFunc(bad, func(e sim.Event) bool { return label(e.Summary) == "400" }); i < 0 || !cites(bad[i], "§18.3") {
		t.Errorf("bad-request: no 400 citing RFC 3261 §18.3")
	}
	call := run(t, "proxy-call", 1)
	for _, c := range []struct{ from, to, method, section string }{
		{"alice", "proxy", "ACK", "§12.2.1.1"}, {"alice", "proxy", "BYE", "§12.2.1.1"},
		{"proxy", "bob", "ACK", "§16.4"}, {"proxy", "bob", "BYE", "§16.4"},
	} {
		if got := matching(call, c.from, c.to, c.method); len(got) != 1 || !cites(got[0], c.section) {
			t.Errorf("proxy-call %s %s>%s does not cite %s", c.method, c.from, c.to, c.section)
		}
	}
	l, err := Find("proxy-call")
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{l.Intro.EN, l.Intro.ZH} {
		if !strings.Contains(text, "RFC 3665 §3.2") || strings.Contains(text, "RFC 3665 §3.1") {
			t.Errorf("proxy-call cites RFC 3665 wrongly: %q", text)
		}
	}
}
