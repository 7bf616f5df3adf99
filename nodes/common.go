package nodes

import (
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// answerOptions answers an OPTIONS request with 200 and the element's
// capabilities (§11.2).
func answerOptions(e *Element, in *Incoming, tx *ServerTx) {
	resp := sip.NewResponse(in.Msg, sip.StatusOK, "")
	addToTag(e, resp)
	resp.Add("Allow", allowedMethods)
	resp.Add("Accept", "application/sdp, text/plain")
	tx.Respond(resp, Out{Cause: in.Seq, Reasons: []sim.Reason{e.Reason("RFC 3261 §11.2", "node.options")}})
}

// allowedMethods is what siplab's user agents implement.
const allowedMethods = "INVITE, ACK, CANCEL, OPTIONS, BYE, REGISTER, INFO, MESSAGE"

// refuseMethod answers 405 Method Not Allowed with the Allow header (§8.2.1).
func refuseMethod(e *Element, in *Incoming, tx *ServerTx, allow string) {
	resp := sip.NewResponse(in.Msg, sip.StatusMethodNotAllowed, "")
	addToTag(e, resp)
	resp.Add("Allow", allow)
	tx.Respond(resp, Out{Cause: in.Seq, Reasons: []sim.Reason{e.Reason("RFC 3261 §8.2.1", "node.method.refused", in.Msg.Method)}})
}

// addToTag puts a To tag on a response that has none (§8.2.6.2).
func addToTag(e *Element, resp *sip.Message) {
	if to, err := resp.To(); err == nil && to.Tag() == "" {
		to.Params = to.Params.Set("tag", e.NewTag())
		resp.Set("To", to.String())
	}
}
