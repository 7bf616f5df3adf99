package lab

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// TestLabTooLarge: a request over MaxMessageBytes whose start line and Via
// can be read gets 513 Message Too Large where it came from (§21.4.11); an
// ACK or a response that large is dropped, never answered.
func TestLabTooLarge(t *testing.T) {
	out := &syncBuffer{}
	srv, stop := startLab(t, Config{Out: out, Verbose: true})
	p := newPhone(t, "mallory", srv.Addrs()[0])
	huge := strings.Repeat("x", MaxMessageBytes)

	ack := p.request(sip.ACK, "sip:bob@127.0.0.1", "<sip:bob@127.0.0.1>;tag=1", "big-ack", 1)
	ack.Add("Subject", huge)
	p.sendMsg(ack)
	resp := sip.NewResponse(p.request(sip.OPTIONS, "sip:127.0.0.1", "<sip:127.0.0.1>", "big-resp", 1), sip.StatusOK, "")
	resp.Add("Subject", huge)
	p.sendMsg(resp)

	opt := p.request(sip.OPTIONS, "sip:127.0.0.1", "<sip:127.0.0.1>", "big-options", 1)
	opt.Add("Subject", huge)
	p.sendMsg(opt)
	got := p.await("SIP/2.0 ")
	if got.StatusCode != sip.StatusMessageTooLarge || got.CallID() != "big-options" {
		t.Fatalf("a %d-byte OPTIONS got %s for %s, want 513 for big-options (nothing for the ACK and the response)",
			len(opt.Bytes()), got.StartLine(), got.CallID())
	}
	if v, _ := got.TopVia(); !strings.Contains(got.Get("Via"), "rport=") || v.Host == "" {
		t.Errorf("the 513's Via lacks the rport the request asked for: %s", got.Get("Via"))
	}
	if len(got.Bytes()) > MaxMessageBytes {
		t.Errorf("the 513 is %d bytes: it copied the oversized header", len(got.Bytes()))
	}
	stop() // the live view has printed all
	if !strings.Contains(out.String(), "513 Message Too Large") {
		t.Errorf("the live view does not explain the 513:\n%s", out)
	}
}

// TestLabOverload: while more than MaxQueue messages wait for the loop, a
// new request is answered 503 with Retry-After at once (§21.5.4), an ACK
// is not (it waits its turn), and once the loop catches up requests are
// served again.
func TestLabOverload(t *testing.T) {
	out := &syncBuffer{}
	srv, stop := startLab(t, Config{MaxQueue: 1, Out: out, Verbose: true})
	p := newPhone(t, "mallory", srv.Addrs()[0])
	busy := make(chan bool)
	release := sync.OnceFunc(func() { close(busy) })
	t.Cleanup(release)             // before the lab stops, should the test fail
	srv.wall.Do(func() { <-busy }) // the loop is busy with this
	srv.wall.Do(func() {})         // and this waits: the queue is full
	ack := p.request(sip.ACK, "sip:bob@127.0.0.1", "<sip:bob@127.0.0.1>;tag=1", "ack-overload", 1)
	p.sendMsg(ack)
	p.sendMsg(p.request(sip.OPTIONS, "sip:127.0.0.1", "<sip:127.0.0.1>", "opt-overload", 1))
	got := p.await("SIP/2.0 ")
	if got.StatusCode != sip.StatusServiceUnavailable || got.CallID() != "opt-overload" || got.Get("Retry-After") == "" {
		t.Fatalf("a request to an overloaded lab got %s for %s (Retry-After %q), want 503 with Retry-After",
			got.StartLine(), got.CallID(), got.Get("Retry-After"))
	}
	if to, _ := got.To(); to.Tag() == "" {
		t.Errorf("the 503 has no To tag (§8.2.6.2): %s", got.Get("To"))
	}
	release()
	// Once the loop caught up, the next request is served.
	for try := 0; ; try++ {
		p.sendMsg(p.request(sip.OPTIONS, "sip:127.0.0.1", "<sip:127.0.0.1>", "opt-after", 1))
		if got := p.await("SIP/2.0 "); got.StatusCode == sip.StatusOK {
			break
		} else if try == 20 {
			t.Fatalf("after the overload, OPTIONS still gets %s", got.StartLine())
		}
		time.Sleep(50 * time.Millisecond)
	}
	tr := stop()
	if !strings.Contains(out.String(), "requests answered 503 Service Unavailable at once") {
		t.Errorf("the live view does not say requests were shed:\n%s", out)
	}
	if !slices.ContainsFunc(tr.Events, func(e sim.Event) bool {
		return e.Type == sim.EventMessage && strings.HasPrefix(e.Raw, "ACK ") && strings.Contains(e.Raw, "ack-overload")
	}) {
		t.Error("the ACK sent while overloaded never reached the loop: it must wait its turn, not be shed")
	}
}
