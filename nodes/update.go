package nodes

import (
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// Update changes the session with UPDATE (RFC 3311 §5.1): a request within
// the dialog, early or confirmed, with a new offer, which the peer answers
// in its 200 without waiting for the INVITE to be answered.
func (c *Call) Update(codecs []string) {
	u := c.ua
	if c.Dialog == nil || c.Ended {
		return
	}
	if len(codecs) > 0 {
		u.Codecs = codecs
	}
	req, dest, ok := u.dialogRequest(c.Dialog, sip.UPDATE)
	if !ok {
		return
	}
	req.Add("Contact", u.Contact().String())
	c.keepTimer(req)
	req.Add("Content-Type", "application/sdp")
	req.Body = u.offer().Bytes()
	u.authorize(c.auth, req)
	key := "node.ua.update"
	if !c.Dialog.Confirmed {
		key = "node.ua.update.early"
	}
	u.sendNonInvite(req, dest, Out{Reasons: []sim.Reason{u.Reason("RFC 3311 §5.1", key, codecNames(u.Codecs))}}, func(in *Incoming) {
		if answer, err := sip.ParseSDP(in.Msg.Body); err == nil && len(answer.Media) > 0 {
			u.Note(u.T("node.ua.sdpanswer", codecNames(answer.Media[0].Formats)))
		}
	})
}

// updated answers an UPDATE (RFC 3311 §5.2): the offer is answered in the
// 200, which carries the UA's Contact (UPDATE refreshes the remote
// target); an offer with nothing in common gets 488 and the session stays
// as it was.
func (c *Call) updated(in *Incoming, tx *ServerTx) {
	u := c.ua
	cseq, _ := in.Msg.CSeq()
	c.Dialog.RemoteSeq = cseq.Seq
	c.refreshTarget(in) // UPDATE is a target refresh request (RFC 3311 §5.2)
	resp := sip.NewResponse(in.Msg, sip.StatusOK, "")
	resp.Add("Contact", u.Contact().String())
	var reasons []sim.Reason
	if len(in.Msg.Body) == 0 {
		// No offer: a session refresh, say (RFC 4028 §10); the 200 has no
		// answer either (RFC 3311 §5.2).
		reasons = append(reasons, u.Reason("RFC 3311 §5.2", "node.ua.updated.nooffer"))
	} else {
		answer, failure := u.answer(in.Msg.Body)
		if failure != 0 {
			u.respondWith(in, tx, failure, "RFC 3311 §5.2", "node.ua.nocodec")
			return
		}
		c.answerSDP = answer
		resp.Add("Content-Type", "application/sdp")
		resp.Body = u.sdp(answer).Bytes()
		reasons = append(reasons, u.Reason("RFC 3311 §5.2", "node.ua.updated"), answerReason(u.Element, answer))
	}
	c.timerFromRequest(in.Msg)
	reasons = append(reasons, c.grantTimer(resp)...)
	tx.Respond(resp, Out{Cause: in.Seq, Reasons: reasons})
	c.startTimer()
}
