package nodes

import (
	"strconv"
	"strings"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// Reliable provisional responses (RFC 3262): a UA with Rel100 says so in
// its INVITEs (Supported: 100rel); as the UAS of an INVITE that supports
// them, it sends its early answer in a 183 Session Progress with Require:
// 100rel and an RSeq, retransmitted until the caller's PRACK arrives.

// option100rel is the option tag of RFC 3262.
const option100rel = "100rel"

// hasOption reports whether a header of m (Supported, Require) lists the
// option tag.
func hasOption(m *sip.Message, header, tag string) bool {
	for _, v := range m.Values(header) {
		for _, t := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(t), tag) {
				return true
			}
		}
	}
	return false
}

// sendReliable sends the UAS's early answer reliably (RFC 3262 §3): a 183
// Session Progress with Require: 100rel, an RSeq and the SDP answer (early
// media, RFC 3262 §5), retransmitted at T1, 2·T1… until a PRACK
// acknowledges it; after 64·T1 without one the INVITE is rejected.
func (c *Call) sendReliable(in *Incoming, delay time.Duration) {
	u := c.ua
	u.Sim.After(delay, func() {
		if c.stx.State != Proceeding || c.Ended {
			return
		}
		// §3: the first RSeq is chosen between 1 and 2**31 - 1.
		c.rseq = u.ids.Uint32()%(1<<31-1) + 1
		resp := c.response(sip.StatusSessionProgress)
		resp.Add("Require", option100rel)
		resp.Add("RSeq", strconv.FormatUint(uint64(c.rseq), 10))
		resp.Add("Content-Type", "application/sdp")
		resp.Body = u.sdp(c.answerSDP).Bytes()
		c.rel = resp
		c.stx.Respond(resp, Out{Cause: in.Seq, Reasons: []sim.Reason{
			u.Reason("RFC 3262 §3", "node.ua.reliable", c.rseq),
			u.Reason("RFC 3262 §5", "node.ua.earlymedia", codecNames(c.answerSDP.Formats)),
		}})
		c.relEvery = T1
		c.relTimer = u.Sim.After(c.relEvery, c.resendReliable)
		c.relGiveUp = u.Sim.After(64*T1, func() { c.noPRACK(in) })
	})
}

// resendReliable retransmits the reliable provisional response, the
// interval doubling each time (RFC 3262 §3).
func (c *Call) resendReliable() {
	u := c.ua
	c.relEvery *= 2
	tev := u.Sim.Timer(u.Name, u.T("node.ua.resendreliable", c.rseq), u.T("node.timer.next", c.relEvery))
	u.sendResponse(c.rel, Out{Cause: tev, Retransmission: true,
		Reasons: []sim.Reason{u.Reason("RFC 3262 §3", "node.ua.resendreliable.why")}})
	c.relTimer = u.Sim.After(c.relEvery, c.resendReliable)
}

// noPRACK: 64·T1 without a PRACK; the UAS rejects the INVITE with a 5xx
// (RFC 3262 §3).
func (c *Call) noPRACK(in *Incoming) {
	u := c.ua
	stopTimers(c.relTimer, c.ring)
	u.Sim.Timer(u.Name, u.T("node.ua.noprack"), u.T("node.ua.noprack.why"))
	c.reject(in, sip.StatusServerInternalError)
}

// stopReliable stops retransmitting the reliable provisional response.
func (c *Call) stopReliable() {
	stopTimers(c.relTimer, c.relGiveUp)
	c.rel = nil
}

// pracked answers a PRACK (RFC 3262 §3): 200 when its RAck names the
// reliable provisional response still unacknowledged (RSeq, and the
// INVITE's CSeq number and method), which stops its retransmissions; 481
// otherwise.
func (c *Call) pracked(in *Incoming, tx *ServerTx) {
	u := c.ua
	cseq, _ := in.Msg.CSeq()
	c.Dialog.RemoteSeq = cseq.Seq
	invite, _ := c.Invite.CSeq()
	want := strconv.FormatUint(uint64(c.rseq), 10) + " " + strconv.FormatUint(uint64(invite.Seq), 10) + " " + sip.INVITE
	if c.rel == nil || strings.Join(strings.Fields(in.Msg.Get("RAck")), " ") != want {
		u.respondWith(in, tx, sip.StatusCallDoesNotExist, "RFC 3262 §3", "node.ua.prack.nomatch", in.Msg.Get("RAck"))
		return
	}
	c.stopReliable()
	u.respondWith(in, tx, sip.StatusOK, "RFC 3262 §3", "node.ua.prack.ok", want)
	if invite := c.answerOnPRACK; invite != nil {
		c.answerOnPRACK = nil
		c.answer(invite)
	}
}

// prack acknowledges a reliable provisional response (RFC 3262 §4): a
// PRACK within the early dialog the response creates, whose RAck names its
// RSeq and the INVITE's CSeq. A retransmission (an RSeq not above the last
// one) is not acknowledged again.
func (c *Call) prack(in *Incoming) {
	u := c.ua
	resp := in.Msg
	rseq, err := strconv.ParseUint(strings.TrimSpace(resp.Get("RSeq")), 10, 32)
	if err != nil || rseq == 0 {
		u.Note(u.T("node.ua.badrseq", resp.Get("RSeq")))
		return
	}
	if c.rseq != 0 && uint32(rseq) <= c.rseq {
		u.Note(u.T("node.ua.reliable.again", rseq))
		return
	}
	c.rseq = uint32(rseq)
	if c.Dialog == nil {
		d, err := NewUACDialog(c.Invite, resp)
		if err != nil {
			u.Note(u.T("node.ua.baddialog"), sim.Lit(err.Error()))
			return
		}
		c.setDialog(d)
		u.Note(u.T("node.ua.early", d.ID()))
	}
	if offer, err := sip.ParseSDP(resp.Body); err == nil && len(offer.Media) > 0 {
		u.Note(u.T("node.ua.earlymedia.received", codecNames(offer.Media[0].Formats)))
	}
	req, dest, ok := u.dialogRequest(c.Dialog, sip.PRACK)
	if !ok {
		u.Note(u.T("node.ua.noroute", c.Dialog.RemoteTarget.String()))
		return
	}
	invite, _ := c.Invite.CSeq()
	req.Add("RAck", strconv.FormatUint(rseq, 10)+" "+strconv.FormatUint(uint64(invite.Seq), 10)+" "+invite.Method)
	u.authorize(c.auth, req)
	u.sendNonInvite(req, dest, Out{Cause: in.Seq, Reasons: []sim.Reason{u.Reason("RFC 3262 §4", "node.ua.prack", rseq, invite.Seq)}}, nil)
}
