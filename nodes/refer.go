package nodes

import (
	"strconv"
	"strings"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// Call transfer (RFC 5359 §2.4, §2.5; RFC 5589): the transferor sends the
// transferee a REFER within their call (RFC 3515); the transferee accepts
// it with 202, which creates an implicit subscription to the refer event,
// calls the Refer-To target with an INVITE carrying Referred-By (RFC 3892)
// and, for an attended transfer, the Replaces header the Refer-To URI held
// (RFC 3891); its NOTIFYs report the INVITE's progress as message/sipfrag
// bodies (RFC 3420).
const (
	// EventRefer is the event package of the implicit subscription a REFER
	// creates (RFC 3515 §2.4.4).
	EventRefer         = "refer"
	sipfragContentType = "message/sipfrag"
	// ReferSubscription is how long the transferee grants the implicit
	// subscription, the notifier's choice (RFC 6665 §4.2.1.1): long enough
	// for the INVITE to the target to end.
	ReferSubscription = 60 * time.Second
)

// trying is the sipfrag of the first NOTIFY: the reference is under way
// (RFC 3515 §2.4.5).
const trying = "SIP/2.0 100 Trying\r\n"

// Transfer transfers the UA's established calls to target (RFC 5359 §2.4,
// §2.5): each call gets a REFER to target. If the UA has an established
// call with target itself, a consultation call, that call is not referred:
// the REFERs ask to replace it (RFC 3891), an attended transfer.
func (u *UA) Transfer(target sip.URI) {
	calls := u.established()
	if len(calls) == 0 {
		u.Note(u.T("node.ua.transfer.none", target.String()))
		return
	}
	var consult *Call
	for _, c := range calls {
		if c.with(target) {
			consult = c
		}
	}
	for _, c := range calls {
		if c != consult {
			c.Refer(target, consult)
		}
	}
}

// with reports whether the call's peer is target: its address or its
// contact has target's user and host.
func (c *Call) with(target sip.URI) bool {
	d := c.Dialog
	for _, uri := range []sip.URI{d.RemoteURI.URI, d.RemoteTarget} {
		if uri.User == target.User && strings.EqualFold(uri.Host, target.Host) {
			return true
		}
	}
	return false
}

// Refer asks the peer of the call to call target (RFC 3515 §2.4.1): a REFER
// within the call's dialog with one Refer-To, the UA's Contact, and the UA
// as Referred-By (RFC 3892 §3). With consult, the UA's call with the target,
// the Refer-To URI carries a Replaces header naming consult's dialog as
// the target sees it: its to-tag is the target's tag, its from-tag the
// UA's (RFC 3891 §6.1), escaped in the URI (RFC 3261 §19.1.1).
func (c *Call) Refer(target sip.URI, consult *Call) {
	u := c.ua
	req, dest, ok := c.request(sip.REFER)
	if !ok {
		return
	}
	referTo := target
	why := u.Reason("RFC 3515 §2.4.1, RFC 3892 §3", "node.ua.refer", target.String())
	if consult != nil {
		d := consult.Dialog
		referTo = target.WithHeader("Replaces", d.CallID+";to-tag="+d.RemoteTag+";from-tag="+d.LocalTag)
		why = u.Reason("RFC 3891 §6.1, RFC 3515 §2.4.1", "node.ua.refer.replaces", target.String(), d.CallID)
	}
	req.Add("Contact", u.Contact().String())
	req.Add("Refer-To", (&sip.Address{URI: referTo}).String())
	req.Add("Referred-By", (&sip.Address{URI: u.AOR}).String())
	u.authorize(c.auth, req)
	id := c.Dialog.ID()
	s := &Subscription{Dialog: c.Dialog, Event: EventRefer, transferred: c, attended: consult != nil}
	u.subs[id] = s
	u.sendNonInvite(req, dest, Out{Reasons: []sim.Reason{why}}, func(in *Incoming) {
		if in.Msg.StatusCode/100 != 2 && u.subs[id] == s {
			delete(u.subs, id) // refused: no subscription (RFC 3515 §2.4.4)
		}
	})
}

// referred answers a REFER within the call (RFC 3515 §2.4.2): 400 unless
// it has exactly one Refer-To with a SIP URI (§2.4.1); else 202 Accepted,
// which creates the implicit subscription to the refer event, a NOTIFY at
// once saying 100 Trying (§2.4.4, §2.4.5), and an INVITE to the Refer-To
// URI (§2.4.3) whose final response the last NOTIFY reports (§2.4.7).
func (c *Call) referred(in *Incoming, tx *ServerTx) {
	u := c.ua
	values := in.Msg.Values("Refer-To")
	if len(values) != 1 {
		u.respondWith(in, tx, sip.StatusBadRequest, "RFC 3515 §2.4.1", "node.ua.refer.count", len(values))
		return
	}
	to, err := sip.ParseAddress(values[0])
	if err != nil || !to.URI.IsSIP() {
		u.respondWith(in, tx, sip.StatusBadRequest, "RFC 3515 §2.4.1", "node.ua.refer.bad", values[0])
		return
	}
	cseq, _ := in.Msg.CSeq()
	c.Dialog.RemoteSeq = cseq.Seq
	target := to.URI
	target.Headers = ""
	u.respondWith(in, tx, sip.StatusAccepted, "RFC 3515 §2.4.2", "node.ua.refer.accepted", target.String())
	s := &Subscription{Dialog: c.Dialog, Event: EventRefer, Expires: u.Sim.Now() + ReferSubscription, frag: trying}
	id := c.Dialog.ID()
	u.subs[id] = s
	s.timer = u.Sim.After(ReferSubscription, func() { u.expire(s) })
	u.notify(s, u.Reason("RFC 3515 §2.4.4, §2.4.5", "node.ua.notify.refer.trying"))

	// RFC 3261 §19.1.5: a request formed from the URI takes its headers;
	// of those only Replaces means something here (RFC 3891 §6.1).
	var extra []sip.Header
	for _, h := range to.URI.HeaderFields() {
		if h.Name == "Replaces" {
			extra = append(extra, h)
		}
	}
	if by := in.Msg.Get("Referred-By"); by != "" {
		extra = append(extra, sip.Header{Name: "Referred-By", Value: by})
	}
	u.Call(target, CallOptions{headers: extra, outcome: func(status string, cause int) {
		if u.subs[id] != s {
			return // the subscription ran out first
		}
		stopTimers(s.timer)
		s.timer = nil
		delete(u.subs, id)
		s.frag = status
		u.send(s, "terminated;reason=noresource", Out{Cause: cause, Reasons: []sim.Reason{
			u.Reason("RFC 3515 §2.4.5, §2.4.7", "node.ua.notify.refer.final", strings.TrimSpace(status))}})
	}})
}

// referNotified is the transferor's side of a refer NOTIFY it has answered
// (RFC 3515 §2.4.4): in an unattended transfer it hangs up its call with
// the transferee as soon as the transfer is under way (RFC 5359 §2.4); in
// an attended one once the sipfrag reports the target's 2xx (RFC 5359
// §2.5): the transferee is then talking with the target.
func (u *UA) referNotified(s *Subscription, in *Incoming) {
	status := strings.TrimSpace(string(in.Msg.Body))
	code := 0
	if f := strings.Fields(status); len(f) > 1 {
		code, _ = strconv.Atoi(f[1])
	}
	u.Note(u.T("node.ua.transfer.progress", status))
	switch c := s.transferred; {
	case c == nil:
	case !s.attended:
		c.bye(in.Seq, u.Reason("RFC 5359 §2.4", "node.ua.bye.transferred"))
	case code/100 == 2:
		c.bye(in.Seq, u.Reason("RFC 5359 §2.5", "node.ua.bye.attended"))
	}
}

// replacedCall finds the call a Replaces header names (RFC 3891 §3): its
// Call-ID, to-tag (the local tag) and from-tag (the remote tag) match an
// established call of the UA. nil when none matches.
func (u *UA) replacedCall(replaces string) *Call {
	callID, params, _ := strings.Cut(replaces, ";")
	p := sip.Params(";" + params)
	c := u.dialogs[strings.TrimSpace(callID)+";"+p.Value("to-tag")+";"+p.Value("from-tag")]
	if c == nil || c.Ended || !c.Answered {
		return nil
	}
	return c
}
