package lab

import (
	"fmt"
	"testing"

	"github.com/siplab/siplab/sim/sip"
)

// TestLabRemoteTargetOnTheDomainHost: the remote target of a dialog is a
// phone's Contact, which on one machine (the lab on 127.0.0.1, domain
// 127.0.0.1) has the domain's host with the phone's port and a user part
// that is no user of the domain, as baresip's sip:bob-0x5633…@127.0.0.1:
// 45139. The lab forwards the BYE to that Contact (§16.5: it is not an
// address-of-record of the domain), where it used to look the user up in
// the location service and answer 404.
func TestLabRemoteTargetOnTheDomainHost(t *testing.T) {
	srv, _ := startLab(t, Config{Users: map[string]string{"alice": "wonderland", "bob": "builder"}})
	addr := srv.Addrs()[0]
	alice, bob := newPhone(t, "alice", addr), newPhone(t, "bob", addr)
	alice.register("wonderland")
	bob.register("builder")
	inv := alice.request(sip.INVITE, "sip:bob@127.0.0.1", "<sip:bob@127.0.0.1>", "call-contact", 1)
	alice.sendMsg(inv)
	alice.authorize(inv, alice.await("SIP/2.0 407"), "wonderland")
	alice.sendMsg(inv)
	ok := bob.answer(bob.await("INVITE "), sip.StatusOK)
	ok.Set("Contact", fmt.Sprintf("<sip:bob-0x5633@%s>", bob.addr()))
	bob.sendMsg(ok)
	got := alice.await("SIP/2.0 200")
	alice.sendMsg(alice.inDialog(sip.ACK, got, 2))
	bob.await("ACK ")
	alice.sendMsg(alice.inDialog(sip.BYE, got, 3))
	bye := bob.await("BYE sip:bob-0x5633@")
	bob.sendMsg(bob.answer(bye, sip.StatusOK))
	alice.await("SIP/2.0 200")
}
