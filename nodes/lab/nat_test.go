package lab

import (
	"strings"
	"testing"

	"github.com/siplab/siplab/sim/sip"
)

// TestLabNAT: a phone behind a NAT writes its private address in Via and
// Contact. Its responses come back to where its requests came from
// (rport, RFC 3581 §4), and the requests for it, the INVITE and the
// in-dialog ACK, go to the address its REGISTER came from (a flow, RFC
// 5626 §6–7), not to its Contact, which nobody can reach.
func TestLabNAT(t *testing.T) {
	out := &syncBuffer{}
	srv, stop := startLab(t, Config{Users: map[string]string{"alice": "wonderland", "carol": "secret"}, Out: out, Verbose: true})
	addr := srv.Addrs()[0]
	alice, carol := newPhone(t, "alice", addr), newPhone(t, "carol", addr)
	carol.nat = "10.0.0.5:5060" // a private address: a packet sent there is lost
	carol.register("secret")
	alice.register("wonderland")

	inv := alice.request(sip.INVITE, "sip:carol@127.0.0.1", "<sip:carol@127.0.0.1>", "call-nat", 1)
	alice.sendMsg(inv)
	alice.authorize(inv, alice.await("SIP/2.0 407"), "wonderland")
	alice.sendMsg(inv)
	got := carol.await("INVITE ")
	if got.RequestURI.String() != "sip:carol@10.0.0.5:5060" {
		t.Errorf("the INVITE's Request-URI is %s, want carol's Contact: only the destination changes", got.RequestURI)
	}
	carol.sendMsg(carol.answer(got, sip.StatusOK))
	ok := alice.await("SIP/2.0 200")
	alice.sendMsg(alice.inDialog(sip.ACK, ok, 2))
	carol.await("ACK ")

	// carol hangs up: her BYE reaches alice, and the 200 comes back to her.
	bye := carol.request(sip.BYE, "sip:alice@"+alice.addr().String(), got.Get("From"), "call-nat", 1)
	bye.Set("From", ok.Get("To"))
	for _, rr := range got.Values("Record-Route") {
		bye.Add("Route", rr)
	}
	carol.sendMsg(bye)
	alice.sendMsg(alice.answer(alice.await("BYE "), sip.StatusOK))
	carol.await("SIP/2.0 200")

	stop()
	for _, want := range []string{"sip:carol@10.0.0.5:5060 registered from " + carol.addr().String(), "sent to " + carol.addr().String() + ", where its REGISTER came from"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the live view does not say %q:\n%s", want, out)
		}
	}
}
