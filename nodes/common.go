package nodes

import (
	"strings"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// answerOptions answers an OPTIONS request with 200 and the element's
// capabilities (§11.2): Allow, Accept, Accept-Encoding, Accept-Language and
// Supported (the option tags of the extensions the element uses, empty for
// none: RFC 3262's 100rel for a user agent with Rel100). media, if not nil,
// describes a user agent's media capabilities; it goes in the body when the
// request accepts application/sdp, which no Accept header means too.
func answerOptions(e *Element, in *Incoming, tx *ServerTx, media *sip.SDP, supported string) {
	resp := addToTag(e, sip.NewResponse(in.Msg, sip.StatusOK, ""))
	resp.Add("Allow", allowedMethods)
	resp.Add("Accept", "application/sdp, text/plain")
	resp.Add("Accept-Encoding", "identity")
	resp.Add("Accept-Language", "en")
	resp.Add("Supported", supported)
	reasons := []sim.Reason{e.Reason("RFC 3261 §11.2", "node.options")}
	if accept := in.Msg.Values("Accept"); media != nil && (accept == nil || acceptsSDP(accept)) {
		resp.Add("Content-Type", "application/sdp")
		resp.Body = media.Bytes()
		reasons = append(reasons, e.Reason("RFC 3261 §11.2, RFC 3264 §9", "node.options.sdp"))
	}
	tx.Respond(resp, Out{Cause: in.Seq, Reasons: reasons})
}

// acceptsSDP reports whether Accept header values list application/sdp.
func acceptsSDP(accept []string) bool {
	for _, v := range accept {
		for _, t := range strings.Split(v, ",") {
			mt, _, _ := strings.Cut(t, ";")
			if strings.EqualFold(strings.TrimSpace(mt), "application/sdp") {
				return true
			}
		}
	}
	return false
}

// allowedMethods is what siplab's user agents implement.
const allowedMethods = "INVITE, ACK, CANCEL, OPTIONS, BYE, REGISTER, INFO, MESSAGE, PRACK, UPDATE, SUBSCRIBE, NOTIFY, REFER"

// refuseMethod answers 405 Method Not Allowed with the Allow header (§8.2.1).
func refuseMethod(e *Element, in *Incoming, tx *ServerTx, allow string) {
	resp := addToTag(e, sip.NewResponse(in.Msg, sip.StatusMethodNotAllowed, ""))
	resp.Add("Allow", allow)
	tx.Respond(resp, Out{Cause: in.Seq, Reasons: []sim.Reason{e.Reason("RFC 3261 §8.2.1", "node.method.refused", in.Msg.Method)}})
}

// respondWith answers a request with a To tag of the element's (§8.2.6.2)
// and the reason for the answer: in its transaction, or statelessly when
// there is none (§16.11).
func (e *Element) respondWith(in *Incoming, tx *ServerTx, code int, rfc, key string, args ...any) {
	resp := addToTag(e, sip.NewResponse(in.Msg, code, ""))
	o := Out{Cause: in.Seq, Reasons: []sim.Reason{e.Reason(rfc, key, args...)}}
	if tx == nil {
		e.sendResponse(resp, o)
		return
	}
	tx.Respond(resp, o)
}

// addAll adds a header line name for each of values.
func addAll(m *sip.Message, name string, values []string) {
	for _, v := range values {
		m.Add(name, v)
	}
}

// addToTag puts a To tag on a response that has none (§8.2.6.2), and
// returns the response.
func addToTag(e *Element, resp *sip.Message) *sip.Message {
	if to, err := resp.To(); err == nil && to.Tag() == "" {
		to.Params = to.Params.Set("tag", e.NewTag())
		resp.Set("To", to.String())
	}
	return resp
}

// respondFault answers a request with a failure the lesson or the user
// injected (respond:NODE=CODE). A 503 says when to come back (§21.5.4,
// §20.33: Retry-After).
func respondFault(e *Element, in *Incoming, tx *ServerTx, code int) {
	resp := addToTag(e, sip.NewResponse(in.Msg, code, ""))
	reasons := []sim.Reason{e.Reason("RFC 3261 §8.2, §21", "node.fault.respond", code, sip.StatusText(code))}
	if code == sip.StatusServiceUnavailable {
		resp.Add("Retry-After", "30")
		reasons = append(reasons, e.Reason("RFC 3261 §21.5.4, §20.33", "node.fault.retryafter", 30))
	}
	tx.Respond(resp, Out{Cause: in.Seq, Reasons: reasons})
}
