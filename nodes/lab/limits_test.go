package lab

import (
	"strings"
	"testing"

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
