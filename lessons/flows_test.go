package lessons

import (
	"strings"
	"testing"

	"github.com/siplab/siplab/sim/sip"
)

// The flows of the core lessons, compared with RFC 3665's call flows. The
// messages come from the elements' logic; these are the shapes it must give.
var wantFlows = map[string]string{
	// RFC 3665 §3.1: the direct call.
	"direct-call": `alice>bob INVITE
bob>alice 180
bob>alice 200
alice>bob ACK
alice>bob BYE
bob>alice 200
`,
	// RFC 3665 §2.1 (registration) and §3.2 with one record-routing proxy.
	"proxy-call": `bob>registrar REGISTER
registrar>bob 200
alice>proxy INVITE
proxy>alice 100
proxy>bob INVITE
bob>proxy 180
proxy>alice 180
bob>proxy 200
proxy>alice 200
alice>proxy ACK
proxy>bob ACK
alice>proxy BYE
proxy>bob BYE
bob>proxy 200
proxy>alice 200
`,
	// A redirect as in RFC 3665 §3.6, without its proxy and its SDP in the
	// ACK: 302, ACK, a new INVITE straight to bob.
	"redirect-call": `bob>registrar REGISTER
registrar>bob 200
alice>redirect INVITE
redirect>alice 302
alice>redirect ACK
alice>bob INVITE
bob>alice 180
bob>alice 200
alice>bob ACK
alice>bob BYE
bob>alice 200
`,
	// RFC 3665 §2.1: REGISTER, 401, REGISTER with credentials, 200.
	"digest-register": `alice>registrar REGISTER
registrar>alice 401
alice>registrar REGISTER
registrar>alice 200
`,
	"hide-hop": `bob>registrar REGISTER
registrar>bob 200
alice>proxy INVITE
proxy>alice 100
proxy>bob INVITE
bob>proxy 180
proxy>alice 180
bob>proxy 200
proxy>alice 200
alice>proxy ACK
proxy>bob ACK
alice>proxy BYE
proxy>bob BYE
bob>proxy 200
proxy>alice 200
`,
	// The error lessons (RFC 3261 §17 and §21; with one proxy where RFC
	// 3665 has two, §3.8 for no answer, §3.9 for busy, §3.10 for timeout).
	"lost-invite": `bob>registrar REGISTER
registrar>bob 200
alice>proxy INVITE (lost)
alice>proxy INVITE (lost)
alice>proxy INVITE
proxy>alice 100
proxy>bob INVITE
bob>proxy 180
proxy>alice 180
bob>proxy 200
proxy>alice 200
alice>proxy ACK
proxy>bob ACK
alice>proxy BYE
proxy>bob BYE
bob>proxy 200
proxy>alice 200
`,
	"lost-ok": `alice>bob INVITE
bob>alice 180
bob>alice 200 (lost)
bob>alice 200
alice>bob ACK
alice>bob BYE
bob>alice 200
`,
	"busy": `bob>registrar REGISTER
registrar>bob 200
alice>proxy INVITE
proxy>alice 100
proxy>bob INVITE
bob>proxy 486
proxy>bob ACK
proxy>alice 486
alice>proxy ACK
`,
	"no-answer": `bob>registrar REGISTER
registrar>bob 200
alice>proxy INVITE
proxy>alice 100
proxy>bob INVITE
bob>proxy 180
proxy>alice 180
alice>proxy CANCEL
proxy>alice 200
proxy>bob CANCEL
bob>proxy 200
bob>proxy 487
proxy>bob ACK
proxy>alice 487
alice>proxy ACK
`,
	// RFC 3261 §16.5: 404 for carol, a stranger to the domain (§21.4.5);
	// 480 for bob, a user of the domain without a binding (§21.4.18).
	"unknown-user": `bob>registrar REGISTER
registrar>bob 200
alice>proxy INVITE
proxy>alice 404
alice>proxy ACK
bob>registrar REGISTER
registrar>bob 200
alice>proxy INVITE
proxy>alice 480
alice>proxy ACK
`,
	"wrong-password": `alice>registrar REGISTER
registrar>alice 401
alice>registrar REGISTER
registrar>alice 401
`,
	"too-many-hops": `bob>registrar REGISTER
registrar>bob 200
alice>proxy INVITE
proxy>alice 483
alice>proxy ACK
`,
	"loop-detected": `alice>proxy INVITE
proxy>alice 100
proxy>proxy INVITE
proxy>proxy 100
proxy>proxy INVITE
proxy>proxy 482
proxy>proxy ACK
proxy>proxy 482
proxy>proxy ACK
proxy>alice 482
alice>proxy ACK
`,
	"timeout": `alice>proxy INVITE
proxy>alice 100
proxy>bob INVITE (lost)
proxy>bob INVITE (lost)
proxy>bob INVITE (lost)
proxy>bob INVITE (lost)
proxy>bob INVITE (lost)
proxy>bob INVITE (lost)
proxy>bob INVITE (lost)
proxy>alice 408
alice>proxy ACK
`,
	"bad-request": `bob>registrar REGISTER
registrar>bob 200
alice>proxy INVITE
proxy>alice 400
alice>proxy ACK
`,
	"server-overload": `bob>registrar REGISTER
registrar>bob 200
alice>proxy INVITE
proxy>alice 503
alice>proxy ACK
`,
	// Two phones of bob's: the 603 waits for the other branch to end
	// (RFC 3261 §16.7 step 5).
	"decline": `bob>registrar REGISTER
bob-mobile>registrar REGISTER
registrar>bob 200
registrar>bob-mobile 200
alice>proxy INVITE
proxy>alice 100
proxy>bob INVITE
proxy>bob-mobile INVITE
bob-mobile>proxy 180
proxy>alice 180
bob>proxy 603
proxy>bob ACK
proxy>bob-mobile CANCEL
bob-mobile>proxy 200
bob-mobile>proxy 487
proxy>bob-mobile ACK
proxy>alice 603
alice>proxy ACK
`,
	"method-not-allowed": `alice>registrar MESSAGE
registrar>alice 405
`,
	// The catalogue's other lessons (issue #7).
	// RFC 3665 §2.1 without the challenge: REGISTER, 200 listing the binding.
	"register": `alice>registrar REGISTER
registrar>alice 200
`,
	// RFC 3665 §2.1 with the challenge a PBX such as MiniSipServer sends: 407
	// instead of 401.
	"proxy-auth-register": `alice>registrar REGISTER
registrar>alice 407
alice>registrar REGISTER
registrar>alice 200
`,
	// RFC 3665 §2.2 (a second contact, then a refresh), §2.3 (query), §2.4
	// (Expires: 0 for one contact, then Contact: *): each a REGISTER and its 200.
	// RFC 3665 §2.2: after bob's desk phone, his laptop adds a contact (F1–F2).
	"register-update": `bob>registrar REGISTER
registrar>bob 200
bob-laptop>registrar REGISTER
registrar>bob-laptop 200
`,
	// RFC 3665 §2.3: a REGISTER without Contact asks for the bindings (F1–F2).
	"register-query": `bob>registrar REGISTER
registrar>bob 200
bob>registrar REGISTER
registrar>bob 200
`,
	// RFC 3665 §2.4: Contact: * with Expires: 0 removes every binding (F1–F2).
	"register-remove": `bob>registrar REGISTER
registrar>bob 200
bob-laptop>registrar REGISTER
registrar>bob-laptop 200
bob>registrar REGISTER
registrar>bob 200
`,
	"register-refresh": `alice>registrar REGISTER
registrar>alice 200
alice-laptop>registrar REGISTER
registrar>alice-laptop 200
alice>registrar REGISTER
registrar>alice 200
alice>registrar REGISTER
registrar>alice 200
alice-laptop>registrar REGISTER
registrar>alice-laptop 200
alice>registrar REGISTER
registrar>alice 200
`,
	// The lab's registrations (seed 003): 407, then 200 granting 120 s of
	// the 3600 asked; 30 s asked, 423 Min-Expires, again for 60 s (§10.2.8).
	"register-expires": `phone-101>registrar REGISTER
registrar>phone-101 407
phone-101>registrar REGISTER
registrar>phone-101 200
phone-100>registrar REGISTER
registrar>phone-100 407
phone-100>registrar REGISTER
registrar>phone-100 423
phone-100>registrar REGISTER
registrar>phone-100 200
`,
	// GB/T 28181 registration (401 without qop), then the platform's MESSAGE
	// with a MANSCDP Catalog query, answered 200.
	"gb28181-register": `device>registrar REGISTER
registrar>device 401
device>registrar REGISTER
registrar>device 200
registrar>device MESSAGE
device>registrar 200
`,
	// GB/T 28181-2016 §9.5.3: the query's MESSAGE and its 200, then the
	// catalog in the device's own MESSAGE and its 200.
	"gb28181-catalog": `device>registrar REGISTER
registrar>device 401
device>registrar REGISTER
registrar>device 200
registrar>device MESSAGE
device>registrar 200
device>registrar MESSAGE
registrar>device 200
`,
	// RFC 3665 §3.11 F1–F14: bob rings, then 480; each hop ACKs the 480
	// it receives before passing it on.
	"callee-unavailable": `bob>registrar REGISTER
registrar>bob 200
alice>proxy1 INVITE
proxy1>alice 100
proxy1>proxy2 INVITE
proxy2>proxy1 100
proxy2>bob INVITE
bob>proxy2 180
proxy2>proxy1 180
proxy1>alice 180
bob>proxy2 480
proxy2>bob ACK
proxy2>proxy1 480
proxy1>proxy2 ACK
proxy1>alice 480
alice>proxy1 ACK
`,
	// RFC 3665 §3.7 F1–F13: bob moves during the call and re-INVITEs alice
	// from his new address; alice's BYE follows him there.
	"ip-change": `bob>registrar REGISTER
registrar>bob 200
alice>proxy INVITE
proxy>alice 100
proxy>bob INVITE
bob>proxy 180
proxy>alice 180
bob>proxy 200
proxy>alice 200
alice>bob ACK
bob>alice INVITE
alice>bob 200
bob>alice ACK
alice>bob BYE
bob>alice 200
`,
	// RFC 3665 §3.6: a 302 from the redirect server, then the INVITE again
	// through a proxy; no SDP in the INVITEs, the offer in the 200, the
	// answer in the ACK.
	"redirect-sdp-ack": `bob>registrar REGISTER
registrar>bob 200
alice>redirect INVITE
redirect>alice 302
alice>redirect ACK
alice>proxy INVITE
proxy>alice 100
proxy>bob INVITE
bob>proxy 180
proxy>alice 180
bob>proxy 200
proxy>alice 200
alice>proxy ACK
proxy>bob ACK
alice>proxy BYE
proxy>bob BYE
bob>proxy 200
proxy>alice 200
`,
	// RFC 3665 §3.3: proxy1's 407, then proxy2's 407 through proxy1, then
	// the INVITE with both credentials reaches bob.
	"multiple-proxy-auth": `bob>registrar REGISTER
registrar>bob 200
alice>proxy1 INVITE
proxy1>alice 407
alice>proxy1 ACK
alice>proxy1 INVITE
proxy1>alice 100
proxy1>proxy2 INVITE
proxy2>proxy1 407
proxy1>proxy2 ACK
proxy1>alice 407
alice>proxy1 ACK
alice>proxy1 INVITE
proxy1>alice 100
proxy1>proxy2 INVITE
proxy2>proxy1 100
proxy2>bob INVITE
bob>proxy2 180
proxy2>proxy1 180
proxy1>alice 180
bob>proxy2 200
proxy2>proxy1 200
proxy1>alice 200
alice>proxy1 ACK
proxy1>proxy2 ACK
proxy2>bob ACK
alice>proxy1 BYE
proxy1>proxy2 BYE
proxy2>bob BYE
bob>proxy2 200
proxy2>proxy1 200
proxy1>alice 200
`,
	// RFC 3665 §3.5 F1–F17: only the ALG Record-Routes, so the ACK and BYE
	// go from it straight to bob.
	"alg-call": `bob>registrar REGISTER
registrar>bob 200
alice>alg INVITE
alg>alice 100
alg>proxy2 INVITE
proxy2>alg 100
proxy2>bob INVITE
bob>proxy2 180
proxy2>alg 180
alg>alice 180
bob>proxy2 200
proxy2>alg 200
alg>alice 200
alice>alg ACK
alg>bob ACK
alice>alg BYE
alg>bob BYE
bob>alg 200
alg>alice 200
`,
	// GB/T 28181-2016 §9.2: the platform's Play INVITE, answered 200 at
	// once (no ringing), ACK; the BYE from the platform five seconds later.
	"gb28181-live-video": `platform>device INVITE
device>platform 200
platform>device ACK
platform>device BYE
device>platform 200
`,
	// GB/T 28181-2016 §9.6.1: keepalives at 10 s and 20 s, each answered;
	// the device is down from 25 s, so the third never leaves it: the
	// original and its ten Timer E retransmissions until Timer F (§17.1.2.2).
	"gb28181-keepalive": `device>registrar REGISTER
registrar>device 401
device>registrar REGISTER
registrar>device 200
device>registrar MESSAGE
registrar>device 200
device>registrar MESSAGE
registrar>device 200
device>registrar MESSAGE (lost)
device>registrar MESSAGE (lost)
device>registrar MESSAGE (lost)
device>registrar MESSAGE (lost)
device>registrar MESSAGE (lost)
device>registrar MESSAGE (lost)
device>registrar MESSAGE (lost)
device>registrar MESSAGE (lost)
device>registrar MESSAGE (lost)
device>registrar MESSAGE (lost)
device>registrar MESSAGE (lost)
`,
	// RFC 3261 §16.11: no 100 Trying; the lost INVITE is retransmitted by alice,
	// not by the proxy; ACK and BYE go end to end (no Record-Route).
	"stateless-proxy": `bob>registrar REGISTER
registrar>bob 200
alice>proxy INVITE
proxy>bob INVITE (lost)
alice>proxy INVITE
proxy>bob INVITE
bob>proxy 180
proxy>alice 180
bob>proxy 200
proxy>alice 200
alice>bob ACK
alice>bob BYE
bob>alice 200
`,
	// RFC 3665 §3.2 without proxy 1's 407 (see proxy-auth-invite), and with
	// alice hanging up: every request and response passes both proxies.
	"two-proxies": `bob>registrar REGISTER
registrar>bob 200
alice>proxy1 INVITE
proxy1>alice 100
proxy1>proxy2 INVITE
proxy2>proxy1 100
proxy2>bob INVITE
bob>proxy2 180
proxy2>proxy1 180
proxy1>alice 180
bob>proxy2 200
proxy2>proxy1 200
proxy1>alice 200
alice>proxy1 ACK
proxy1>proxy2 ACK
proxy2>bob ACK
alice>proxy1 BYE
proxy1>proxy2 BYE
proxy2>bob BYE
bob>proxy2 200
proxy2>proxy1 200
proxy1>alice 200
`,
	// The lecture's Bell/Watson call: 100 (the server transaction, §17.2.1),
	// 180, then two 182 Queued counting the callers ahead (§21.1.4).
	"queued-call": `alice>bob INVITE
bob>alice 100
bob>alice 180
bob>alice 182
bob>alice 182
bob>alice 200
alice>bob ACK
alice>bob BYE
bob>alice 200
`,
	// RFC 3665 §3.1: the direct call in which Bob sends the BYE.
	"callee-hangup": `alice>bob INVITE
bob>alice 180
bob>alice 200
alice>bob ACK
bob>alice BYE
alice>bob 200
`,
	// RFC 3261 §14: a re-INVITE within the dialog, answered 200 and ACKed.
	"reinvite": `alice>bob INVITE
bob>alice 180
bob>alice 200
alice>bob ACK
alice>bob INVITE
bob>alice 200
alice>bob ACK
alice>bob BYE
bob>alice 200
`,
	// RFC 5359 §2.4: REFER, 202, NOTIFY 100 Trying, the transferor's BYE,
	// the INVITE to the target, and NOTIFY 200 OK.
	"unattended-transfer": `alice>bob INVITE
bob>alice 180
bob>alice 200
alice>bob ACK
bob>alice REFER
alice>bob 202
alice>bob NOTIFY
alice>carol INVITE
bob>alice 200
bob>alice BYE
carol>alice 180
alice>bob 200
carol>alice 200
alice>carol ACK
alice>bob NOTIFY
bob>alice 200
`,
	// RFC 5359 §2.5: hold, the consultation call, REFER with Replaces, the
	// INVITE with Replaces answered at once, the replaced call's BYE, the
	// last NOTIFY and the transferor's BYE.
	"attended-transfer": `alice>bob INVITE
bob>alice 180
bob>alice 200
alice>bob ACK
bob>alice INVITE
alice>bob 200
bob>alice ACK
bob>carol INVITE
carol>bob 180
carol>bob 200
bob>carol ACK
bob>alice REFER
alice>bob 202
alice>bob NOTIFY
alice>carol INVITE
bob>alice 200
carol>alice 200
alice>carol ACK
alice>bob NOTIFY
carol>bob BYE
bob>alice 200
bob>alice BYE
bob>carol 200
alice>bob 200
`,
	// RFC 5359 §2.1: hold (re-INVITE, sendonly) and resume (sendrecv).
	"hold": `alice>bob INVITE
bob>alice 180
bob>alice 200
alice>bob ACK
alice>bob INVITE
bob>alice 200
alice>bob ACK
alice>bob INVITE
bob>alice 200
alice>bob ACK
alice>bob BYE
bob>alice 200
`,
	// RFC 3262: a reliable 183, lost twice and retransmitted, its PRACK
	// and 200, then the 200 for the INVITE and ACK.
	"prack": `alice>bob INVITE
bob>alice 100
bob>alice 183 (lost)
bob>alice 183 (lost)
bob>alice 183
alice>bob PRACK
bob>alice 200
bob>alice 200
alice>bob ACK
alice>bob BYE
bob>alice 200
`,
	// RFC 3311: an UPDATE and its 200 in the early dialog of a reliable 183.
	"update": `alice>bob INVITE
bob>alice 183
alice>bob PRACK
bob>alice 200
alice>bob UPDATE
bob>alice 200
bob>alice 200
alice>bob ACK
alice>bob BYE
bob>alice 200
`,
	// RFC 3725 §4.1 Flow I: no SDP to alice, her offer to bob, his answer
	// in the ACK to alice; alice's 200 retransmitted while bob rings.
	"click-to-dial": `controller>alice INVITE
alice>controller 180
alice>controller 200
controller>bob INVITE
bob>controller 180
alice>controller 200
alice>controller 200
bob>controller 200
controller>bob ACK
controller>alice ACK
controller>alice BYE
controller>bob BYE
alice>controller 200
bob>controller 200
`,
	// RFC 4028: 422 with Min-SE, the retry, one refresh by UPDATE; then
	// alice is down: her refresh is lost, and both BYEs before expiry
	// (TCP: no retransmissions).
	"session-timer": `alice>bob INVITE
bob>alice 422
alice>bob ACK
alice>bob INVITE
bob>alice 180
bob>alice 200
alice>bob ACK
alice>bob UPDATE
bob>alice 200
alice>bob UPDATE (lost)
bob>alice BYE (lost)
alice>bob BYE (lost)
`,
	// RFC 3842: the message summary at once, then the timeout.
	// RFC 3261 §26: SIPS over TLS on both hops (the handshakes are lookups).
	"tls-call": `alice>proxy INVITE
proxy>alice 100
proxy>bob INVITE
bob>proxy 180
proxy>alice 180
bob>proxy 200
proxy>alice 200
alice>proxy ACK
proxy>bob ACK
alice>proxy BYE
proxy>bob BYE
bob>proxy 200
proxy>alice 200
`,
	// RFC 3581 through a NAT: carol's 200s, sent to the Via port without
	// rport, and bob's second INVITE, after the binding expired, die at the NAT.
	"nat-rport": `alice>registrar REGISTER
registrar>alice 200
carol>registrar REGISTER
registrar>nat 200 (lost)
carol>registrar REGISTER
registrar>nat 200 (lost)
carol>registrar REGISTER
registrar>nat 200 (lost)
carol>registrar REGISTER
registrar>nat 200 (lost)
carol>registrar REGISTER
registrar>nat 200 (lost)
carol>registrar REGISTER
registrar>nat 200 (lost)
carol>registrar REGISTER
registrar>nat 200 (lost)
alice>registrar REGISTER
registrar>alice 200
carol>registrar REGISTER
registrar>nat 200 (lost)
carol>registrar REGISTER
registrar>nat 200 (lost)
carol>registrar REGISTER
registrar>nat 200 (lost)
carol>registrar REGISTER
registrar>nat 200 (lost)
alice>registrar REGISTER
registrar>alice 200
bob>proxy INVITE
proxy>bob 100
proxy>alice INVITE
alice>proxy 180
proxy>bob 180
alice>proxy 200
proxy>bob 200
bob>proxy ACK
proxy>alice ACK
bob>proxy BYE
proxy>alice BYE
alice>proxy 200
proxy>bob 200
bob>proxy INVITE
proxy>bob 100
proxy>nat INVITE (lost)
proxy>nat INVITE (lost)
proxy>nat INVITE (lost)
proxy>nat INVITE (lost)
proxy>nat INVITE (lost)
proxy>nat INVITE (lost)
proxy>nat INVITE (lost)
proxy>bob 408
bob>proxy ACK
`,
	"message-waiting": `alice>vmail SUBSCRIBE
vmail>alice 200
vmail>alice NOTIFY
alice>vmail 200
vmail>alice NOTIFY
alice>vmail 200
`,
	// RFC 6665, RFC 3856: SUBSCRIBE, 200, the immediate NOTIFY, one on a
	// change and the last one when the subscription times out.
	"subscribe-notify": `alice>bob SUBSCRIBE
bob>alice 200
bob>alice NOTIFY
alice>bob 200
bob>alice NOTIFY
alice>bob 200
bob>alice NOTIFY
alice>bob 200
`,
	// RFC 3261 §9: 200 for the CANCEL, 487 for the INVITE, ACK for the 487.
	"cancel": `alice>bob INVITE
bob>alice 180
alice>bob CANCEL
bob>alice 200
bob>alice 487
alice>bob ACK
`,
	// RFC 3261 §11: the proxy forwards the OPTIONS; bob answers 200.
	"options": `bob>registrar REGISTER
registrar>bob 200
alice>proxy OPTIONS
proxy>bob OPTIONS
bob>proxy 200
proxy>alice 200
`,
	// RFC 6086: INFO within the dialog, answered 200.
	"info": `alice>bob INVITE
bob>alice 180
bob>alice 200
alice>bob ACK
alice>bob INFO
bob>alice 200
alice>bob BYE
bob>alice 200
`,
	// RFC 3428 §4 through a proxy (the pager model of the course notes).
	"pager-message": `bob>registrar REGISTER
registrar>bob 200
alice>proxy MESSAGE
proxy>bob MESSAGE
bob>proxy 200
proxy>alice 200
`,
	// No MESSAGE over 1300 bytes (RFC 3428 §8): the session model, an
	// INVITE with an MSRP offer, and a BYE once the text is sent.
	"large-message": `bob>registrar REGISTER
registrar>bob 200
alice>proxy INVITE
proxy>alice 100
proxy>bob INVITE
bob>proxy 180
proxy>alice 180
bob>proxy 200
proxy>alice 200
alice>proxy ACK
proxy>bob ACK
alice>proxy BYE
proxy>bob BYE
bob>proxy 200
proxy>alice 200
bob>alice MESSAGE
alice>bob 200
`,
	// RFC 3261 §22.2: the 401 comes from bob's UAS and is ACKed hop by hop; the
	// retry carries Authorization through the proxy.
	"e2e-auth-invite": `bob>registrar REGISTER
registrar>bob 200
alice>proxy INVITE
proxy>alice 100
proxy>bob INVITE
bob>proxy 401
proxy>bob ACK
proxy>alice 401
alice>proxy ACK
alice>proxy INVITE
proxy>alice 100
proxy>bob INVITE
bob>proxy 180
proxy>alice 180
bob>proxy 200
proxy>alice 200
alice>proxy ACK
proxy>bob ACK
alice>proxy BYE
proxy>bob BYE
bob>proxy 200
proxy>alice 200
`,
	// Forking (RFC 3261 §16.6, §16.7 step 10): both phones ring; the first
	// 200 goes up at once and the other branch is cancelled, 487, ACKed.
	"parallel-fork": `bob>registrar REGISTER
bob-mobile>registrar REGISTER
registrar>bob 200
registrar>bob-mobile 200
alice>proxy INVITE
proxy>alice 100
proxy>bob INVITE
proxy>bob-mobile INVITE
bob>proxy 180
bob-mobile>proxy 180
proxy>alice 180
proxy>alice 180
bob-mobile>proxy 200
proxy>bob CANCEL
proxy>alice 200
bob>proxy 200
bob>proxy 487
alice>proxy ACK
proxy>bob ACK
proxy>bob-mobile ACK
alice>proxy BYE
proxy>bob-mobile BYE
bob-mobile>proxy 200
proxy>alice 200
`,
	// RFC 5359 §2.12 (Find-Me) F1–F22: timeout and CANCEL, 480, 486, then the
	// fourth device answers.
	"sequential-fork": `bob-mobile>registrar REGISTER
bob-home>registrar REGISTER
bob>registrar REGISTER
bob-laptop>registrar REGISTER
registrar>bob-mobile 200
registrar>bob-home 200
registrar>bob 200
registrar>bob-laptop 200
alice>proxy INVITE
proxy>alice 100
proxy>bob INVITE
bob>proxy 180
proxy>alice 180
proxy>bob CANCEL
bob>proxy 200
bob>proxy 487
proxy>bob ACK
proxy>bob-laptop INVITE
bob-laptop>proxy 480
proxy>bob-laptop ACK
proxy>bob-home INVITE
bob-home>proxy 486
proxy>bob-home ACK
proxy>bob-mobile INVITE
bob-mobile>proxy 180
proxy>alice 180
bob-mobile>proxy 200
proxy>alice 200
alice>proxy ACK
proxy>bob-mobile ACK
alice>proxy BYE
proxy>bob-mobile BYE
bob-mobile>proxy 200
proxy>alice 200
`,
	// RFC 5359 §2.8 (Call Forwarding - Busy) F1–F17, without the optional 181.
	"forward-busy": `bob>registrar REGISTER
bob-mobile>registrar REGISTER
registrar>bob 200
registrar>bob-mobile 200
alice>proxy INVITE
proxy>alice 100
proxy>bob INVITE
bob>proxy 486
proxy>bob ACK
proxy>bob-mobile INVITE
bob-mobile>proxy 180
proxy>alice 180
bob-mobile>proxy 200
proxy>alice 200
alice>proxy ACK
proxy>bob-mobile ACK
alice>proxy BYE
proxy>bob-mobile BYE
bob-mobile>proxy 200
proxy>alice 200
`,
	// RFC 5359 §2.9 (Call Forwarding - No Answer): the first phone rings
	// until the proxy's timeout, CANCEL, 487; then the second answers.
	"forward-no-answer": `bob>registrar REGISTER
bob-mobile>registrar REGISTER
registrar>bob 200
registrar>bob-mobile 200
alice>proxy INVITE
proxy>alice 100
proxy>bob INVITE
bob>proxy 180
proxy>alice 180
proxy>bob CANCEL
bob>proxy 200
bob>proxy 487
proxy>bob ACK
proxy>bob-mobile INVITE
bob-mobile>proxy 180
proxy>alice 180
bob-mobile>proxy 200
proxy>alice 200
alice>proxy ACK
proxy>bob-mobile ACK
alice>proxy BYE
proxy>bob-mobile BYE
bob-mobile>proxy 200
proxy>alice 200
`,
	// RFC 3665 §3.2 F1–F5: the 407 from alice's proxy, ACK, and the INVITE again
	// with Proxy-Authorization.
	"proxy-auth-invite": `alice>proxy INVITE
proxy>alice 407
alice>proxy ACK
alice>proxy INVITE
proxy>alice 100
proxy>bob INVITE
bob>proxy 180
proxy>alice 180
bob>proxy 200
proxy>alice 200
alice>proxy ACK
proxy>bob ACK
alice>proxy BYE
proxy>bob BYE
bob>proxy 200
proxy>alice 200
`,
	// RFC 3665 §3.4 F1–F23: seven INVITEs to the dead Proxy 1 (DNS SRV's
	// first), then the same INVITE to Proxy 2, its 407, and the call.
	"dns-srv": `alice>proxy1 INVITE (lost)
alice>proxy1 INVITE (lost)
alice>proxy1 INVITE (lost)
alice>proxy1 INVITE (lost)
alice>proxy1 INVITE (lost)
alice>proxy1 INVITE (lost)
alice>proxy1 INVITE (lost)
alice>proxy2 INVITE
proxy2>alice 407
alice>proxy2 ACK
alice>proxy2 INVITE
proxy2>alice 100
proxy2>bob INVITE
bob>proxy2 180
proxy2>alice 180
bob>proxy2 200
proxy2>alice 200
alice>proxy2 ACK
proxy2>bob ACK
bob>proxy2 BYE
proxy2>alice BYE
alice>proxy2 200
proxy2>bob 200
`,
}

func TestFlows(t *testing.T) {
	for _, l := range All() {
		want, ok := wantFlows[l.ID]
		if !ok {
			t.Errorf("%s: no expected flow", l.ID)
			continue
		}
		if got := flow(run(t, l.ID, 1)); got != want {
			t.Errorf("%s: flow\n%s\nwant\n%s", l.ID, got, want)
		}
	}
}

func TestProxyCallDetails(t *testing.T) {
	msgs := messages(run(t, "proxy-call", 1))
	invite := parse(t, msgs[4]) // proxy>bob INVITE
	vias, _ := invite.Vias()
	if len(vias) != 2 || vias[0].Host != "proxy.biloxi.example.com" || vias[1].Host != "client.atlanta.example.com" {
		t.Errorf("forwarded INVITE Vias: %+v", vias)
	}
	if vias[1].Received() != "192.0.2.101" {
		t.Errorf("alice's Via lacks received=192.0.2.101: %v", vias[1])
	}
	if mf, _ := invite.MaxForwards(); mf != 69 {
		t.Errorf("Max-Forwards %d, want 69", mf)
	}
	if invite.RequestURI.String() != "sip:bob@client.biloxi.example.com" {
		t.Errorf("Request-URI not rewritten to the contact: %s", invite.RequestURI)
	}
	if rr := invite.Get("Record-Route"); rr != "<sip:proxy.biloxi.example.com;lr>" {
		t.Errorf("Record-Route %q", rr)
	}
	for _, i := range []int{6, 8} { // proxy>alice 180 and 200
		m := parse(t, msgs[i])
		if v, _ := m.Vias(); len(v) != 1 || v[0].Host != "client.atlanta.example.com" {
			t.Errorf("#%d: the proxy's Via was not removed: %v", msgs[i].Seq, v)
		}
	}
	ok := parse(t, msgs[8])
	if ok.ContentType() != "application/sdp" || !strings.Contains(string(ok.Body), "m=audio") {
		t.Errorf("200 OK carries no SDP answer")
	}
	ack := parse(t, msgs[9]) // alice>proxy ACK
	if ack.Get("Route") != "<sip:proxy.biloxi.example.com;lr>" {
		t.Errorf("ACK Route %q: the route set is not used", ack.Get("Route"))
	}
	inv0, _ := parse(t, msgs[2]).TopVia()
	ackVia, _ := ack.TopVia()
	if inv0.Branch() == ackVia.Branch() {
		t.Errorf("the ACK of a 2xx must have a new branch")
	}
	if c, _ := ack.CSeq(); c.Seq != 1 || c.Method != "ACK" {
		t.Errorf("ACK CSeq %v", c)
	}
}

func TestRedirectCallDetails(t *testing.T) {
	msgs := messages(run(t, "redirect-call", 1))
	first, resp, ack, second := parse(t, msgs[2]), parse(t, msgs[3]), parse(t, msgs[4]), parse(t, msgs[5])
	if c, _, _ := resp.Contacts(); len(c) != 1 || c[0].URI.String() != "sip:bob@client.biloxi.example.com" {
		t.Errorf("302 Contact %v", c)
	}
	v1, _ := first.TopVia()
	va, _ := ack.TopVia()
	if v1.Branch() != va.Branch() {
		t.Errorf("ACK of the 302 has branch %s, the INVITE %s: must be the same", va.Branch(), v1.Branch())
	}
	if ack.RequestURI != first.RequestURI {
		t.Errorf("ACK Request-URI %s", ack.RequestURI)
	}
	if second.CallID() != first.CallID() {
		t.Errorf("new INVITE Call-ID %s, want %s", second.CallID(), first.CallID())
	}
	c1, _ := first.CSeq()
	c2, _ := second.CSeq()
	if c2.Seq <= c1.Seq {
		t.Errorf("new INVITE CSeq %d is not higher than %d", c2.Seq, c1.Seq)
	}
	if second.RequestURI.String() != "sip:bob@client.biloxi.example.com" {
		t.Errorf("new INVITE goes to %s", second.RequestURI)
	}
}

// TestDigestRegisterResponse recomputes the digest from alice's password.
func TestDigestRegisterResponse(t *testing.T) {
	msgs := messages(run(t, "digest-register", 1))
	challenge, retry := parse(t, msgs[1]), parse(t, msgs[2])
	ch, err := sip.ParseChallenge(challenge.Get("WWW-Authenticate"))
	if err != nil {
		t.Fatal(err)
	}
	if ch.Realm != "atlanta.example.com" || strings.Join(ch.QOP, ",") != "auth" || (ch.Algorithm != "" && ch.Algorithm != "MD5") {
		t.Errorf("challenge %+v", ch)
	}
	cred, err := sip.ParseCredentials(retry.Get("Authorization"))
	if err != nil {
		t.Fatal(err)
	}
	steps, err := sip.ComputeDigest(sip.DigestInput{
		Username: "alice", Realm: ch.Realm, Password: "wonderland", Method: "REGISTER",
		URI: retry.RequestURI.String(), Nonce: ch.Nonce, CNonce: cred.CNonce, NC: cred.NC, QOP: cred.QOP,
	})
	if err != nil {
		t.Fatal(err)
	}
	if cred.Response != steps.Response || cred.Nonce != ch.Nonce || cred.URI != retry.RequestURI.String() {
		t.Errorf("credentials %+v, recomputed response %s", cred, steps.Response)
	}
	c1, _ := parse(t, msgs[0]).CSeq()
	c2, _ := retry.CSeq()
	if c2.Seq != c1.Seq+1 || retry.CallID() != parse(t, msgs[0]).CallID() {
		t.Errorf("retry CSeq %d after %d", c2.Seq, c1.Seq)
	}
	if ok := parse(t, msgs[3]); ok.StatusCode != 200 || !strings.Contains(ok.Get("Contact"), "expires=3600") {
		t.Errorf("200 OK %s Contact %q", ok.StartLine(), ok.Get("Contact"))
	}
}

// TestHideHop: bob's side never sees alice's Via; responses reach her with
// it restored.
func TestHideHop(t *testing.T) {
	for _, e := range messages(run(t, "hide-hop", 1)) {
		m := parse(t, e)
		vias, _ := m.Vias()
		for _, v := range vias {
			if e.To == "bob" || e.From == "bob" {
				if v.Host == "client.atlanta.example.com" || strings.Contains(v.String(), "192.0.2.101") {
					t.Errorf("#%d %s>%s shows alice's Via: %v", e.Seq, e.From, e.To, v)
				}
			}
		}
		if m.Method == sip.INVITE && e.To == "bob" {
			if m.Has("Hide") {
				t.Errorf("the proxy forwarded the hop-by-hop Hide header")
			}
			if len(vias) != 2 || !vias[1].Params.Has("hidden") {
				t.Errorf("forwarded INVITE should carry the proxy's Via and the indexed placeholder: %v", vias)
			}
		}
		if e.To == "alice" && !m.IsRequest() {
			if len(vias) != 1 || vias[0].Host != "client.atlanta.example.com" {
				t.Errorf("#%d: response to alice without her Via restored: %v", e.Seq, vias)
			}
		}
	}
}

// TestForwardedMessagesNameTheirCause: what a proxy forwards links to the
// message it came from (the views diff the two).
func TestForwardedMessagesNameTheirCause(t *testing.T) {
	for _, id := range []string{"proxy-call", "hide-hop"} {
		tr := run(t, id, 1)
		for _, e := range messages(tr) {
			if e.From != "proxy" || label(e.Summary) == "100" {
				continue
			}
			c := tr.Get(e.Cause)
			if c == nil || c.Type != "message" || c.To != "proxy" {
				t.Errorf("%s #%d %s: cause #%d is not a message to the proxy", id, e.Seq, e.Summary, e.Cause)
				continue
			}
			in, out := parse(t, *c), parse(t, e)
			if in.IsRequest() != out.IsRequest() || in.CallID() != out.CallID() {
				t.Errorf("%s #%d: cause #%d is another message", id, e.Seq, c.Seq)
			}
		}
	}
}
