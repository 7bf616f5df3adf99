package lessons

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/siplab/siplab/nodes"
	"github.com/siplab/siplab/sim"
)

// TestDNSSRVDetail: the dns-srv lesson (RFC 3263 §4, RFC 3665 §3.4). The
// lookups come in the order NAPTR, SRV, A of the first target, all before
// the first INVITE, and the A of the second target only when Timer B has
// fired; the INVITEs go to the addresses the lookups gave, on Timer A's
// schedule; the failover INVITE is the first one with a new branch; then
// Proxy 2 challenges, and the call and its BYE go through it.
func TestDNSSRVDetail(t *testing.T) {
	tr := run(t, "dns-srv", 1)
	start := time.Second // the script's call
	var lookups []string
	var firstInvite, timerB time.Duration = -1, -1
	for _, e := range tr.Events {
		switch {
		case e.Type == sim.EventLookup && e.To == sim.DNSNode:
			if e.From != "alice" {
				t.Errorf("#%d: lookup by %s, want alice", e.Seq, e.From)
			}
			lookups = append(lookups, fmt.Sprintf("%v %s %s", e.At, e.Summary.Key, strings.Join(e.Summary.Args, " ")))
		case e.Type == sim.EventMessage && firstInvite < 0:
			firstInvite = e.At
		case e.Type == sim.EventTimer && e.Node == "alice" && e.Summary.Key == "node.timer.timeout" && timerB < 0:
			timerB = e.At
		}
	}
	want := []string{
		"1s net.dns.naptr biloxi.example.com SIP+D2U _sip._udp.biloxi.example.com",
		"1s net.dns.srv.found _sip._udp.biloxi.example.com ss1.biloxi.example.com:5060, ss2.biloxi.example.com:5060",
		"1s net.dns.a.found ss1.biloxi.example.com 192.0.2.21:5060",
		"33s net.dns.a.found ss2.biloxi.example.com 192.0.2.22:5060",
	}
	if strings.Join(lookups, "\n") != strings.Join(want, "\n") {
		t.Errorf("lookups:\n%s\nwant\n%s", strings.Join(lookups, "\n"), strings.Join(want, "\n"))
	}
	if firstInvite != start {
		t.Errorf("first INVITE at %v, want %v, right after the lookups", firstInvite, start)
	}
	// Timer B: 64·T1 after the first INVITE (RFC 3261 §17.1.1.2).
	if timerB != start+64*nodes.T1 {
		t.Errorf("Timer B at %v, want %v", timerB, start+64*nodes.T1)
	}

	// Seven INVITEs to Proxy 1, all lost, Timer A doubling from T1.
	dead := matching(tr, "alice", "proxy1", "INVITE")
	if len(dead) != 7 {
		t.Fatalf("%d INVITEs to proxy1, want 7 (F1–F7)", len(dead))
	}
	at, gap := start, nodes.T1
	for i, e := range dead {
		if e.At != at || !e.Dropped || e.Retransmission != (i > 0) {
			t.Errorf("INVITE %d to proxy1: at %v dropped %v retransmission %v; want at %v, dropped", i+1, e.At, e.Dropped, e.Retransmission, at)
		}
		at, gap = at+gap, gap*2
	}
	first := parse(t, dead[0])
	if p := tr.Node("proxy1"); p == nil || p.Address != "192.0.2.21:5060" {
		t.Errorf("proxy1 at %v, want the SRV target's A record 192.0.2.21:5060", p)
	}

	// F8: the same INVITE to Proxy 2, with only a new branch (§4.3).
	invites := matching(tr, "alice", "proxy2", "INVITE")
	if len(invites) != 2 {
		t.Fatalf("%d INVITEs to proxy2, want 2 (F8, F11)", len(invites))
	}
	if invites[0].At != timerB || invites[0].Retransmission {
		t.Errorf("F8 at %v, want at Timer B (%v), a new request", invites[0].At, timerB)
	}
	f8 := parse(t, invites[0])
	for _, h := range []string{"From", "To", "Call-ID", "CSeq", "Contact", "Max-Forwards"} {
		if f8.Get(h) != first.Get(h) {
			t.Errorf("F8 %s %q, want F1's %q", h, f8.Get(h), first.Get(h))
		}
	}
	if string(f8.Body) != string(first.Body) {
		t.Error("F8's SDP offer differs from F1's")
	}
	v1, _ := first.TopVia()
	v8, _ := f8.TopVia()
	if v1.Branch() == v8.Branch() {
		t.Errorf("F8 reuses F1's branch %s: it must be a new transaction", v8.Branch())
	}

	// F9–F11: the 407 from Proxy 2, and the INVITE with credentials.
	challenge := one(t, tr, "proxy2", "alice", "407", 1)
	if ch := challenge.Get("Proxy-Authenticate"); !strings.Contains(ch, `realm="biloxi.example.com"`) {
		t.Errorf("407 Proxy-Authenticate %q, want realm biloxi.example.com", ch)
	}
	f11 := parse(t, invites[1])
	if c := cseqOf(t, f11); c.Seq != 2 {
		t.Errorf("F11 CSeq %d, want 2", c.Seq)
	}
	if !strings.Contains(f11.Get("Proxy-Authorization"), `realm="biloxi.example.com"`) {
		t.Errorf("F11 Proxy-Authorization %q", f11.Get("Proxy-Authorization"))
	}

	// F12–F23 through Proxy 2 only, which record-routes.
	fwd := one(t, tr, "proxy2", "bob", "INVITE", 1)
	if rr := fwd.Get("Record-Route"); rr != "<sip:ss2.biloxi.example.com;lr>" {
		t.Errorf("F12 Record-Route %q", rr)
	}
	if len(matching(tr, "proxy2", "alice", "BYE")) != 1 || len(matching(tr, "proxy2", "bob", "ACK")) != 1 {
		t.Error("the ACK and bob's BYE do not go through proxy2")
	}
	for _, e := range messages(tr) {
		if (e.From == "proxy1" || e.To == "proxy1") && label(e.Summary) != "INVITE" {
			t.Errorf("#%d %s>%s %s: proxy1 is down", e.Seq, e.From, e.To, label(e.Summary))
		}
	}
}

// TestDNSSRV503: the other failure RFC 3263 §4.3 names. With Proxy 1 up but
// answering 503, alice ACKs the 503 and at once sends the same INVITE, new
// branch, to Proxy 2: no Timer B wait.
func TestDNSSRV503(t *testing.T) {
	l, err := Find("dns-srv")
	if err != nil {
		t.Fatal(err)
	}
	busy := *l
	f, err := sim.ParseFault("respond:proxy1=503")
	if err != nil {
		t.Fatal(err)
	}
	busy.Faults = []sim.Fault{f}
	tr, err := Run(&busy, RunOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	got := flow(tr)
	want := "alice>proxy1 INVITE\nproxy1>alice 503\nalice>proxy1 ACK\nalice>proxy2 INVITE\nproxy2>alice 407\n"
	if !strings.HasPrefix(got, want) {
		t.Fatalf("flow\n%s\nwant it to begin\n%s", got, want)
	}
	first, again := one(t, tr, "alice", "proxy1", "INVITE", 1), matching(tr, "alice", "proxy2", "INVITE")[0]
	unavailable := matching(tr, "proxy1", "alice", "503")[0]
	if again.At != unavailable.Arrive || again.Cause != unavailable.Seq {
		t.Errorf("INVITE to proxy2 at %v caused by #%d; want at the 503's arrival %v, caused by it (#%d)", again.At, again.Cause, unavailable.Arrive, unavailable.Seq)
	}
	if m := parse(t, again); m.Get("CSeq") != first.Get("CSeq") || m.Get("Call-ID") != first.Get("Call-ID") {
		t.Errorf("the INVITE to proxy2 is not the same request: CSeq %q, Call-ID %q", m.Get("CSeq"), m.Get("Call-ID"))
	}
	if len(matching(tr, "proxy2", "alice", "200")) == 0 {
		t.Error("the call through proxy2 was not answered")
	}
}
