package nodes

import (
	"time"

	"github.com/siplab/siplab/sim/sip"
)

// ClickToDial makes the UA a third-party call controller that connects a
// and b (RFC 3725 §4.1, Flow I): an INVITE without an offer to a, whose
// 200 carries a's offer; an INVITE to b with that offer, whose 200 carries
// b's answer; the ACK to b, then the ACK to a with b's answer. The media
// flow between a and b; the controller stays in both dialogs and hangs up
// both hangupAfter after b answers (0: never). If b does not answer, the
// controller still owes a its ACK: it answers a's offer refusing the stream
// (RFC 3264 §6) and hangs up a.
func (u *UA) ClickToDial(a, b sip.URI, hangupAfter time.Duration) {
	u.Note(u.T("node.ua.3pcc", a.String(), b.String()))
	u.Call(a, CallOptions{NoOffer: true, Session: func(legA *Call, offer *Incoming) {
		u.Call(b, CallOptions{Offer: offer.Msg.Body, Cause: offer.Seq,
			Session: func(legB *Call, answer *Incoming) {
				legA.AckWith(answer.Seq, answer.Msg.Body, u.Reason("RFC 3725 §4.1", "node.ua.3pcc.ack", b.String()))
				if hangupAfter > 0 {
					u.Sim.After(hangupAfter, func() {
						legA.bye(0, u.Reason("RFC 3725 §4.1", "node.ua.3pcc.bye", a.String()))
						legB.bye(0, u.Reason("RFC 3725 §4.1", "node.ua.3pcc.bye", b.String()))
					})
				}
			},
			Failed: func(in *Incoming) {
				cause := 0
				if in != nil {
					cause = in.Seq
				}
				legA.AckWith(cause, refusal(u, offer.Msg.Body), u.Reason("RFC 3264 §6", "node.ua.3pcc.refuse", b.String()))
				legA.bye(cause, u.Reason("RFC 3725 §4.1", "node.ua.3pcc.bye", a.String()))
			}})
	}})
}

// refusal is an answer that refuses every stream of the offer (RFC 3264
// §6: a stream is rejected with port 0), under the UA's own origin.
func refusal(u *UA, offer []byte) []byte {
	o, err := sip.ParseSDP(offer)
	if err != nil || len(o.Media) == 0 {
		return nil
	}
	m := o.Media[0]
	u.sdpVersion++
	s := u.sdp(sip.Media{Type: m.Type, Port: 0, Proto: m.Proto, Formats: m.Formats})
	return s.Bytes()
}
