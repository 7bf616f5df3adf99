package nodes

import (
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// Call is one INVITE session of a UA, as caller (UAC) or callee (UAS).
type Call struct {
	ua       *UA
	Caller   bool
	Dialog   *Dialog
	Invite   *sip.Message // the latest INVITE sent or received
	Answered bool
	Ended    bool

	// UAC side.
	opts       CallOptions
	dest       netip.AddrPort
	servers    []sim.Target // the servers left to try if dest does not answer (RFC 3263 §4.3)
	tx         *ClientTx
	cancelled  bool // the caller gave up: no redirect or retry, and a 2xx is hung up (§15)
	ack        *sip.Message
	ackDest    netip.AddrPort
	authTried  bool
	auth       *cachedAuth // credentials to reuse within the dialog (§22.3)
	redirects  int
	reinviting bool
	ackWaits   bool // the 2xx carried an offer whose answer is not known yet: no ACK so far (RFC 3725 §4.1)

	// Session timers (RFC 4028): the session interval, whether this UA
	// refreshes, and the timer of its refresh or of the BYE before expiry.
	timer        *sessionTimer
	sessionRetry bool // a 422 was answered (RFC 4028 §7.3)

	// UAS side.
	stx       *ServerTx
	ring      *sim.Timer
	ok        *sip.Message // the 2xx, retransmitted until the ACK (§13.3.1.4)
	okTimer   *sim.Timer
	okGiveUp  *sim.Timer
	okEvery   time.Duration
	answerSDP sip.Media // the stream the UAS answers with (RFC 3264 §6)
	replaces  *Call     // the call a Replaces header named, ended once this one is (RFC 3891 §3)
	offered   bool      // the 2xx carried the UAS's offer: the answer comes in the ACK (RFC 3261 §13.2.1)

	// Reliable provisional responses (RFC 3262): the UAS's unacknowledged
	// one and its retransmission timers; the RSeq it carries, or for the
	// UAC the last one acknowledged.
	rel       *sip.Message
	rseq      uint32
	relTimer  *sim.Timer
	relGiveUp *sim.Timer
	relEvery  time.Duration
	// answerOnPRACK is the INVITE the UAS answers once the PRACK arrives.
	answerOnPRACK *Incoming
}

// CallOptions says what the caller does after the INVITE.
type CallOptions struct {
	To          sip.Address   // the To header; its zero value means the target URI
	HangupAfter time.Duration // send BYE this long after the call is answered (0: never)
	CancelAfter time.Duration // send CANCEL if still unanswered this long after the INVITE (0: never)

	// Chat, when it has a content type, makes the session an MSRP one that
	// carries this message (RFC 4975; the session model) instead of audio.
	Chat Chat

	// A call a REFER asked for (RFC 3515 §2.4.3): the headers it adds to
	// the INVITE (Referred-By, Replaces), and outcome, told the status line
	// of the INVITE's final response once (408 when it timed out).
	headers []sip.Header
	outcome func(status string, cause int)

	// Third-party call control (RFC 3725): NoOffer sends the INVITE
	// without a session description, so that the 2xx carries the callee's
	// offer (RFC 3261 §13.2.1); Offer sends another party's offer instead of
	// the UA's own. Session is told of the 2xx and its session description;
	// with NoOffer the ACK then waits for the answer, given to AckWith.
	// Failed is told of a final failure (nil: a timeout, or no route).
	NoOffer bool
	Offer   []byte
	Session func(c *Call, in *Incoming)
	Failed  func(in *Incoming)

	// Cause is the trace event that made the UA call (0: none).
	Cause int

	// Play makes the call a GB/T 28181 platform's request for the live
	// video of the target channel (§9.2): a Subject header and a Play
	// offer with its SSRC (Annex F) instead of audio.
	Play bool
}

// Chat is a message sent in a session of its own (RFC 4975 MSRP): the
// session model, for content too large for a pager-mode MESSAGE.
type Chat struct {
	ContentType string
	Body        string
}

// Call places a call to target (§13.2.1): an INVITE with an SDP offer.
func (u *UA) Call(target sip.URI, o CallOptions) *Call {
	c := &Call{ua: u, Caller: true, opts: o}
	dest, servers, ok := u.servers(target, 0)
	if !ok {
		u.Note(u.T("node.ua.noroute", target.String()))
		// The call failed before any request: RFC 3515 §2.4.5's status
		// line for that is 503.
		c.tellFailure("SIP/2.0 503 Service Unavailable", nil)
		return c
	}
	c.dest, c.servers = dest, servers
	to := o.To
	if to.URI.Host == "" {
		to = sip.Address{URI: target}
	}
	req := u.newRequest(sip.INVITE, target, to, u.NewCallID(), 1, dest, u.preloaded())
	u.hide(req)
	req.Add("Contact", u.Contact().String())
	var reasons []sim.Reason
	for _, h := range o.headers {
		req.Add(h.Name, h.Value)
		if h.Name == "Replaces" {
			reasons = append(reasons, u.Reason("RFC 3891 §3, §6.1", "node.ua.invite.replaces", h.Value))
		} else {
			reasons = append(reasons, u.Reason("RFC 3892 §3, RFC 3515 §2.4.3", "node.ua.invite.referred", h.Value))
		}
	}
	if tags := u.supported(); tags != "" {
		req.Add("Supported", tags)
	}
	if u.Rel100 {
		reasons = append(reasons, u.Reason("RFC 3262 §4", "node.ua.supported100rel"))
	}
	reasons = append(reasons, u.askSessionTimer(req)...)
	var body []byte
	switch {
	case o.Play:
		offer, subject, ssrc := u.playOffer(target)
		body = offer.Bytes()
		req.Add("Subject", subject)
		reasons = append(reasons, u.Reason("GB/T 28181-2016 §9.2", "node.gb.play", target.User, ssrc))
	case o.NoOffer || u.DelayedOffer:
		reasons = append(reasons, u.Reason("RFC 3261 §13.2.1", "node.ua.invite.nooffer", target.String()))
	case o.Offer != nil:
		body = o.Offer
		reasons = append(reasons, u.Reason("RFC 3725 §4.1", "node.ua.invite.theiroffer", target.String(), sdpCodecs(o.Offer)))
	case o.Chat.ContentType != "":
		body = u.msrpOffer(o.Chat.ContentType).Bytes()
		reasons = append(reasons, u.Reason("RFC 4975 §8", "node.ua.invite.msrp", target.String(), o.Chat.ContentType))
	default:
		body = u.offer().Bytes()
		reasons = append(reasons, u.Reason("RFC 3261 §13.2.1", "node.ua.invite", target.String(), codecNames(u.Codecs)))
	}
	if body != nil {
		req.Add("Content-Type", "application/sdp")
		req.Body = body
	}
	if u.HideVia {
		reasons = append(reasons, u.Reason("RFC 2543 §6.22", "node.ua.hide"))
	}
	c.send(req, Out{Cause: o.Cause, Reasons: u.viaOutbound(reasons)})
	if o.CancelAfter > 0 {
		u.Sim.After(o.CancelAfter, c.Cancel)
	} else {
		u.Sim.After(RingTimeout, c.giveUp)
	}
	return c
}

// giveUp: nobody answered within the UA's ring timeout; the caller hangs up
// the unanswered call with CANCEL (§9.1).
func (c *Call) giveUp() {
	u := c.ua
	if c.Answered || c.Ended || c.tx == nil || c.tx.State == Terminated || c.tx.State == Completed {
		return
	}
	u.Note(u.T("node.ua.giveup", RingTimeout))
	c.Cancel()
}

// sdpCodecs lists the formats of the first stream of a session
// description with their encodings; "" when it has none.
func sdpCodecs(body []byte) string {
	if s, err := sip.ParseSDP(body); err == nil && len(s.Media) > 0 {
		return codecNames(s.Media[0].Formats)
	}
	return ""
}

// codecNames lists formats with their encodings: "0 PCMU, 8 PCMA".
func codecNames(formats []string) string {
	var out []string
	for _, f := range formats {
		enc, _, _ := strings.Cut(sip.Media{}.RTPMap(f), "/")
		out = append(out, f+" "+enc)
	}
	return strings.Join(out, ", ")
}

func (c *Call) send(req *sip.Message, o Out) {
	c.Invite = req
	c.tx = c.ua.StartClient(req, c.dest, o, c.inviteResponse, c.inviteTimeout)
}

func (c *Call) inviteTimeout(tx *ClientTx) {
	if len(c.servers) > 0 && !c.cancelled && tx == c.tx && c.failover(tx, tx.timeoutSeq, "node.ua.failover") {
		return
	}
	c.end()
	c.ua.timedOut(tx)
	c.tellFailure("SIP/2.0 408 Request Timeout", nil)
}

// report tells the REFER that asked for the call, if one did, of the
// INVITE's final response, once: its status line as a sipfrag (RFC 3515
// §2.4.5, RFC 3420).
func (c *Call) report(status string, cause int) {
	if f := c.opts.outcome; f != nil {
		c.opts.outcome = nil
		f(status+"\r\n", cause)
	}
}

// failover: the server failed the INVITE (Timer B, or a 503: key says
// which), and DNS named others. RFC 3263 §4.3: the client sends a new
// request, identical but for a new Via branch (a new transaction), to the
// next server. cause is the seq of the failure. It reports false when no
// server left has an address.
func (c *Call) failover(tx *ClientTx, cause int, key string) bool {
	u := c.ua
	dest, servers, ok := u.nextServer(c.servers, cause)
	c.servers = servers
	if !ok {
		return false
	}
	c.dest = dest
	req := c.Invite.Clone()
	req.SetTopVia(u.NewVia(dest))
	c.send(req, Out{Cause: cause, Reasons: []sim.Reason{u.Reason("RFC 3263 §4.3", key, tx.Dest.String(), dest.String())}})
	return true
}

// failed ends the call on a final failure and tells the user why, and the
// REFER that asked for the call, if one did.
func (c *Call) failed(tx *ClientTx, in *Incoming, retried bool) {
	c.end()
	c.ua.finalResponse(tx, in, retried)
	c.tellFailure(in.Msg.StartLine(), in)
}

// tellFailure tells whoever asked for the call that it failed: the REFER's
// report gets the status line, the controller's Failed the final response
// (nil when there was none: no route, or a timeout).
func (c *Call) tellFailure(status string, in *Incoming) {
	cause := 0
	if in != nil {
		cause = in.Seq
	}
	c.report(status, cause)
	if c.opts.Failed != nil {
		c.opts.Failed(in)
	}
}

// inviteResponse is the UAC core's handling of responses to its INVITE
// (§13.2.2).
func (c *Call) inviteResponse(tx *ClientTx, in *Incoming) {
	u := c.ua
	resp := in.Msg
	code := resp.StatusCode
	// A 503 is a failure of the server, which the next one may not share;
	// any other response means the server was reached, and the call stays
	// with it (RFC 3263 §4.3).
	if code == sip.StatusServiceUnavailable && len(c.servers) > 0 && !c.cancelled && c.failover(tx, in.Seq, "node.ua.failover503") {
		return
	}
	c.servers = nil
	switch {
	case code < 200:
		if code > 100 {
			u.Note(u.T("node.ua.progress", code, resp.Reason))
		}
		if code > 100 && hasOption(resp, "Require", option100rel) {
			c.prack(in)
		}
	case code < 300:
		c.answered(in)
		c.report(resp.StartLine(), in.Seq)
	case c.cancelled:
		// The caller gave up: the final response ends the attempt; no new
		// INVITE follows a redirect or a challenge.
		c.failed(tx, in, false)
	case code < 400 && c.redirects < 3:
		c.redirect(in)
	case code == sip.StatusIntervalTooSmall && !c.sessionRetry:
		c.sessionRetry = true
		if retry, reason := c.longerSession(in); retry != nil {
			c.send(retry, Out{Cause: in.Seq, Reasons: []sim.Reason{reason}})
		} else {
			c.failed(tx, in, false)
		}
	case (code == 401 || code == 407) && !c.auth.answered(in.Msg):
		if retry, reason, auth := u.answerChallenge(c.Invite, in, c.dest); retry != nil {
			// The credentials for the realms answered before go again
			// with the new ones: each proxy on the path may challenge
			// in turn (§22.3, RFC 3665 §3.3).
			u.authorize(c.auth, retry)
			auth.next = c.auth
			c.authTried, c.auth = true, auth
			c.send(retry, Out{Cause: in.Seq, Reasons: []sim.Reason{reason}})
			return
		}
		fallthrough // no credentials to answer with: the call fails
	default:
		c.failed(tx, in, c.authTried && (code == 401 || code == 407))
	}
}

// answered: a 2xx creates the dialog, and the UAC acknowledges it end to end
// with a new transaction-less ACK (§13.2.2.4).
func (c *Call) answered(in *Incoming) {
	u := c.ua
	if c.Dialog != nil && c.Answered {
		c.resendACK(in)
		return
	}
	d := c.Dialog
	to, _ := in.Msg.To()
	early := d != nil && !c.reinviting && !d.Confirmed && to.Tag() == d.RemoteTag
	if d != nil && c.reinviting {
		// The 2xx to a re-INVITE only refreshes the remote target (§12.2.1.2).
		c.reinviting = false
		c.refreshTarget(in)
		c.Answered = true
	} else {
		if early {
			// The 2xx confirms the early dialog a reliable provisional
			// response created (§12.1.2, RFC 3262 §4): its CSeq goes on.
			d.Confirmed = true
			c.refreshTarget(in)
		} else {
			var err error
			if d, err = NewUACDialog(c.Invite, in.Msg); err != nil {
				u.Note(u.T("node.ua.baddialog"), sim.Lit(err.Error()))
				return
			}
			c.setDialog(d)
		}
		c.Answered = true
		u.Note(u.T("node.ua.established", d.ID()), u.T("node.ua.established.why", d.RemoteTarget.String(), len(d.RouteSet)))
		if c.opts.HangupAfter > 0 && !c.cancelled {
			u.Sim.After(c.opts.HangupAfter, c.Hangup)
		}
	}
	c.timerFromResponse(in.Msg)
	if len(c.Invite.Body) == 0 && len(in.Msg.Body) > 0 {
		// The INVITE had no offer, so the 2xx carries one and the ACK must
		// carry the answer (RFC 3261 §13.2.1, RFC 3264 §5).
		u.Note(u.T("node.ua.sdpoffer.in2xx", sdpCodecs(in.Msg.Body)))
		if c.opts.Session != nil {
			// The answer comes from elsewhere (a third party, RFC 3725
			// §4.1): the ACK waits for it.
			c.ackWaits = true
			u.Note(u.T("node.ua.ack.waits"), u.T("node.ua.ack.waits.why"))
			c.opts.Session(c, in)
			return
		}
		if answer, failure := u.answer(in.Msg.Body); failure == 0 {
			c.AckWith(in.Seq, u.sdp(answer).Bytes(), u.Reason("RFC 3264 §6", "node.ua.ack.answer", codecNames(answer.Formats)))
			return
		}
	} else if answer, err := sip.ParseSDP(in.Msg.Body); err == nil && len(answer.Media) > 0 {
		if m := answer.Media[0]; isMSRP(m) {
			path, _ := m.Attribute("path")
			u.Note(u.T("node.ua.msrp.session", path), u.T("node.ua.msrp.send", len(c.opts.Chat.Body), c.opts.Chat.ContentType))
		} else if ssrc, ok := playStream(m); ok {
			u.Note(u.T("node.gb.play.stream", ssrc, m.Port))
		} else if dir := direction(m); dir != "" {
			u.Note(u.T("node.ua.sdpanswer.direction", codecNames(m.Formats), dir))
		} else {
			u.Note(u.T("node.ua.sdpanswer", codecNames(m.Formats)))
		}
	}
	c.AckWith(in.Seq, nil)
	if c.opts.Session != nil {
		c.opts.Session(c, in)
	}
}

// AckWith acknowledges the 2xx of the call's INVITE end to end, with a new
// transaction-less ACK (§13.2.2.4) caused by the message cause; body, if
// any, is the answer to the 2xx's offer (§13.2.1), for the extra reasons.
func (c *Call) AckWith(cause int, body []byte, extra ...sim.Reason) {
	u, d := c.ua, c.Dialog
	if d == nil {
		return
	}
	c.ackWaits = false
	ack, dest, ok := u.dialogRequest(d, sip.ACK)
	if !ok {
		u.Note(u.T("node.ua.noroute", d.RemoteTarget.String()))
		return
	}
	cseq, _ := c.Invite.CSeq()
	ack.Set("CSeq", sip.CSeq{Seq: cseq.Seq, Method: sip.ACK}.String())
	// §13.2.2.4: the ACK carries the credentials the INVITE carried.
	for _, name := range []string{"Authorization", "Proxy-Authorization"} {
		addAll(ack, name, c.Invite.Values(name))
	}
	if body != nil {
		ack.Add("Content-Type", "application/sdp")
		ack.Body = body
	}
	c.ack, c.ackDest = ack, dest
	reasons := append([]sim.Reason{u.Reason("RFC 3261 §13.2.2.4, §12.2.1.1", "node.ua.ack2xx")}, extra...)
	u.SendRaw(dest, ack, Out{Cause: cause, Reasons: reasons})
	if c.cancelled {
		// §15: a 2xx that crossed the CANCEL means the callee accepted
		// while the caller was giving up; the caller may keep the session
		// or end it with BYE. It still wants to give up: BYE at once.
		c.bye(cause, u.Reason("RFC 3261 §15", "node.ua.bye.cancelled"))
	}
}

// refreshTarget takes the remote target from the Contact of a 2xx (§12.2.1.2)
// or of a target refresh request (§12.2.2), if it has one, and notes a
// change: the peer has moved, and the dialog's later requests follow it.
func (c *Call) refreshTarget(in *Incoming) {
	contacts, _, err := in.Msg.Contacts()
	if err != nil || len(contacts) == 0 {
		return
	}
	d, u := c.Dialog, c.ua
	if old := d.RemoteTarget; old.String() != contacts[0].URI.String() {
		d.RemoteTarget = contacts[0].URI
		if old.Host != "" {
			u.Note(u.T("node.ua.target", d.RemoteTarget.String()), u.T("node.ua.target.why", old.String()))
		}
	}
}

// resendACK answers a retransmitted 2xx with the same ACK (§13.2.2.4),
// or, while the ACK waits for a third party's answer, cannot yet.
func (c *Call) resendACK(in *Incoming) {
	u := c.ua
	if c.ackWaits {
		u.Note(u.T("node.ua.ack.stillwaits"), u.T("node.ua.ack.waits.why"))
		return
	}
	u.SendRaw(c.ackDest, c.ack, Out{Cause: in.Seq, Retransmission: true,
		Reasons: []sim.Reason{u.Reason("RFC 3261 §13.2.2.4", "node.ua.ack2xx.again")}})
}

// redirect follows a 3xx (§8.1.3.4): a new INVITE to the first Contact,
// with the same Call-ID, From and To, and a higher CSeq.
func (c *Call) redirect(in *Incoming) {
	u := c.ua
	contacts, _, err := in.Msg.Contacts()
	if err != nil || len(contacts) == 0 {
		u.finalResponse(c.tx, in, false)
		c.end()
		return
	}
	c.redirects++
	target := contacts[0].URI
	dest, ok := u.route(target)
	if !ok {
		u.Note(u.T("node.ua.noroute", target.String()))
		return
	}
	c.dest = dest
	req := u.retry(c.Invite, dest)
	req.RequestURI = target
	c.send(req, Out{Cause: in.Seq, Reasons: []sim.Reason{u.Reason("RFC 3261 §8.1.3.4", "node.ua.redirected", in.Msg.StatusCode, target.String())}})
}

// Hangup ends an established call with BYE (§15.1.1).
func (c *Call) Hangup() {
	key := "node.ua.bye"
	if !c.Caller {
		key = "node.ua.bye.callee"
	}
	c.bye(0, c.ua.Reason("RFC 3261 §15.1.1, §12.2.1.1", key))
}

// bye sends the BYE that ends the call, for the given cause and reason.
func (c *Call) bye(cause int, why sim.Reason) {
	u := c.ua
	if c.Dialog == nil || c.Ended || !c.Answered {
		return
	}
	bye, dest, ok := u.dialogRequest(c.Dialog, sip.BYE)
	if !ok {
		return
	}
	u.authorize(c.auth, bye)
	c.end()
	u.sendNonInvite(bye, dest, Out{Cause: cause, Reasons: []sim.Reason{why}}, func(in *Incoming) {
		u.Note(u.T("node.ua.ended", c.Dialog.ID()))
	})
}

// Cancel gives up on an unanswered call (§9.1); a re-INVITE is not
// cancelled. The INVITE's client transaction sends the CANCEL, after a
// provisional response; if a 2xx wins the race, the caller hangs up with
// BYE (§15).
func (c *Call) Cancel() {
	u := c.ua
	if c.Answered || c.Ended || c.reinviting || c.tx == nil || (c.tx.State != Calling && c.tx.State != Proceeding) {
		return
	}
	c.cancelled = true
	c.tx.CancelInvite(Out{Reasons: []sim.Reason{u.Reason("RFC 3261 §9.1", "node.ua.cancel")}},
		func(tx *ClientTx, in *Incoming) {
			if in.Msg.StatusCode >= 200 {
				u.finalResponse(tx, in, false)
			}
		}, u.timedOut)
}

// Info sends an INFO within the dialog (RFC 6086).
func (c *Call) Info(contentType, body string) {
	u := c.ua
	req, dest, ok := c.request(sip.INFO)
	if !ok {
		return
	}
	req.Add("Content-Type", contentType)
	req.Body = []byte(body)
	u.authorize(c.auth, req)
	u.sendNonInvite(req, dest, Out{Reasons: []sim.Reason{u.Reason("RFC 6086 §4.1", "node.ua.info")}}, nil)
}

// Reinvite changes the session within the dialog (§14): a new INVITE with
// the same Call-ID and tags, a higher CSeq and a new offer.
func (c *Call) Reinvite(codecs []string) {
	if len(codecs) > 0 && c.Dialog != nil && !c.Ended {
		c.ua.Codecs = codecs
	}
	c.reoffer("", c.ua.Reason("RFC 3261 §14.1", "node.ua.reinvite", codecNames(c.ua.Codecs)), 0)
}

// Hold puts the call on hold (RFC 5359 §2.1): a re-INVITE whose offer
// marks the stream sendonly, so that the peer stops sending media (RFC
// 3264 §8.4).
func (c *Call) Hold() {
	c.reoffer("sendonly", c.ua.Reason("RFC 3264 §8.4", "node.ua.hold", codecNames(c.ua.Codecs)), 0)
}

// Resume takes the call off hold (RFC 5359 §2.1): a re-INVITE whose offer
// marks the stream sendrecv again (RFC 3264 §8.4).
func (c *Call) Resume() {
	c.reoffer("sendrecv", c.ua.Reason("RFC 3264 §8.4", "node.ua.resume", codecNames(c.ua.Codecs)), 0)
}

// reoffer sends a re-INVITE (§14.1) with a new version of the UA's offer,
// its stream marked with the direction dir ("" for none: sendrecv, RFC
// 3264 §5.1), for the reason why, caused by the trace event cause (0: none).
func (c *Call) reoffer(dir string, why sim.Reason, cause int) {
	u := c.ua
	req, dest, ok := c.request(sip.INVITE)
	if !ok {
		return
	}
	c.dest = dest
	req.Add("Contact", u.Contact().String())
	c.keepTimer(req)
	req.Add("Content-Type", "application/sdp")
	offer := u.offer()
	if dir != "" {
		offer.Media[0].Attributes = append(offer.Media[0].Attributes, dir)
	}
	req.Body = offer.Bytes()
	u.authorize(c.auth, req)
	c.Answered = false
	c.reinviting = true
	c.Caller = true
	c.send(req, Out{Cause: cause, Reasons: []sim.Reason{why}})
}

// request builds a request within the call's dialog (§12.2.1.1); ok is
// false when the call has no dialog, is over, or its next hop does not
// resolve.
func (c *Call) request(method string) (m *sip.Message, dest netip.AddrPort, ok bool) {
	if c.Dialog == nil || c.Ended {
		return nil, dest, false
	}
	return c.ua.dialogRequest(c.Dialog, method)
}

// dialogRequest builds a request within d (§12.2.1.1) with the UA's
// Max-Forwards, and its Via for the dialog's next hop, dest; ok is false
// when that hop does not resolve.
func (u *UA) dialogRequest(d *Dialog, method string) (m *sip.Message, dest netip.AddrPort, ok bool) {
	m = d.NewRequest(method)
	if mf := u.maxForwards(); mf != 70 {
		m.Set("Max-Forwards", strconv.Itoa(mf))
	}
	if dest, ok = d.NextHop(u.Element); ok {
		m.Prepend("Via", u.NewVia(dest).String())
		u.hide(m)
	}
	return m, dest, ok
}

// setDialog gives the call its dialog and files it under the dialog's id.
func (c *Call) setDialog(d *Dialog) {
	c.Dialog = d
	c.ua.dialogs[d.ID()] = c
}

// end marks the call over and forgets its dialog.
func (c *Call) end() {
	c.Ended = true
	c.stopReliable()
	c.stopTimer()
	if c.Dialog != nil {
		delete(c.ua.dialogs, c.Dialog.ID())
	}
}

// ---- UAS side ----

// invited: a new INVITE (§13.3). The UA rings, then answers.
func (u *UA) invited(in *Incoming, tx *ServerTx) {
	c := &Call{ua: u, Invite: in.Msg, stx: tx}
	u.ringing[tx] = c
	tx.OnTerminated = func(*ServerTx) { delete(u.ringing, tx) }
	// A UA that rejects every call does so at once, unless it rings first
	// (its own reject with a ring time: the user lets it ring, then
	// turns the call down, RFC 3665 §3.11); an injected fault never rings.
	code := u.answerCode()
	if code >= 300 && (u.respondsWith() != 0 || u.RingFor == 0) {
		c.reject(in, code)
		return
	}
	if h := in.Msg.Get("Replaces"); h != "" {
		// RFC 3891 §3: the INVITE replaces a call it names, which must be
		// an established call of this UA.
		if c.replaces = u.replacedCall(h); c.replaces == nil {
			c.end()
			tx.Respond(c.response(sip.StatusCallDoesNotExist), Out{Cause: in.Seq,
				Reasons: []sim.Reason{u.Reason("RFC 3891 §3", "node.ua.replaces.nomatch", h)}})
			return
		}
	}
	if u.tooShort(in.Msg) {
		c.refuseShortSession(in)
		return
	}
	if len(u.Channels) > 0 && !u.channel(in.Msg.RequestURI.User) {
		c.end()
		u.respond(in, tx, sip.StatusNotFound, "node.gb.nochannel", in.Msg.RequestURI.User)
		return
	}
	d, err := NewUASDialog(in.Msg, u.NewTag())
	if err != nil {
		u.respond(in, tx, sip.StatusBadRequest, "node.ua.baddialog")
		return
	}
	c.setDialog(d)
	c.timerFromRequest(in.Msg)
	// Offer/answer (RFC 3264): refuse an offer with no codec in common.
	if len(in.Msg.Body) > 0 {
		answer, failure := u.answer(in.Msg.Body)
		if failure != 0 {
			c.reject(in, failure)
			return
		}
		c.answerSDP = answer
	}
	if c.replaces != nil {
		// The user is already talking on the call this one replaces: no
		// ringing, the UAS answers at once (RFC 3891 §3).
		u.Note(u.T("node.ua.replaces", c.replaces.Dialog.ID()))
		c.answer(in)
		return
	}
	// The phone rings once the UA has looked the call up (AlertAfter; if
	// that takes over 200 ms, the INVITE server transaction has sent 100
	// Trying meanwhile, §17.2.1); each step of the queue is a 182 with the
	// number of callers still ahead (§21.1.4), and the call is answered
	// once it is first in line.
	if _, play := playStream(c.answerSDP); play {
		// A device sends the stream asked for at once: no ringing.
		c.ring = u.Sim.After(u.AlertAfter, func() { c.answer(in) })
		return
	}
	if u.Rel100 && c.answerSDP.Type != "" && (hasOption(in.Msg, "Supported", option100rel) || hasOption(in.Msg, "Require", option100rel)) {
		c.sendReliable(in, u.AlertAfter)
	} else {
		c.provisional(in, sip.StatusRinging, "", u.Reason("RFC 3261 §13.3.1.1", "node.ua.ringing"), u.AlertAfter)
	}
	if code >= 300 {
		c.ring = u.Sim.After(u.AlertAfter+u.RingFor, func() {
			if c.stx.State == Proceeding && !c.Ended {
				c.reject(in, code)
			}
		})
		return
	}
	for ahead := u.Queued; ahead > 0; ahead-- {
		c.provisional(in, sip.StatusQueued, queuedReason(ahead),
			u.Reason("RFC 3261 §21.1.4", "node.ua.queued", ahead), u.AlertAfter+time.Duration(u.Queued-ahead+1)*QueueStep)
	}
	if u.noAnswer() {
		return
	}
	answerAt := u.AlertAfter + u.RingFor
	if u.Queued > 0 {
		// The last caller ahead leaves one step after the last 182.
		answerAt += time.Duration(u.Queued+1) * QueueStep
	}
	c.ring = u.Sim.After(answerAt, func() { c.answer(in) })
}

// QueueStep is how long each caller ahead in a UA's queue takes (UA.Queued).
const QueueStep = time.Second

// queuedReason is the reason phrase of a 182 that says where the call is in
// the queue (§21.1.4: the reason phrase may give details).
func queuedReason(ahead int) string {
	if ahead == 1 {
		return "Queued, 1 Caller Ahead"
	}
	return "Queued, " + strconv.Itoa(ahead) + " Callers Ahead"
}

// provisional sends a 1xx with the UA's To tag and Contact after delay,
// with the given reason phrase ("" for the default one).
func (c *Call) provisional(in *Incoming, code int, phrase string, why sim.Reason, delay time.Duration) {
	u := c.ua
	send := func() {
		if c.stx.State != Proceeding {
			return
		}
		resp := c.response(code)
		if phrase != "" {
			resp.Reason = phrase
		}
		c.stx.Respond(resp, Out{Cause: in.Seq, Reasons: []sim.Reason{why}})
	}
	if delay == 0 {
		send()
		return
	}
	u.Sim.After(delay, send)
}

// response builds a response to the INVITE with the dialog's To tag and
// the UA's Contact (§12.1.1).
func (c *Call) response(code int) *sip.Message {
	resp := sip.NewResponse(c.Invite, code, "")
	if c.Dialog != nil {
		to, _ := resp.To()
		to.Params = to.Params.Set("tag", c.Dialog.LocalTag)
		resp.Set("To", to.String())
		if code < 300 {
			addAll(resp, "Record-Route", c.Invite.Values("Record-Route"))
			resp.Add("Contact", c.ua.Contact().String())
		}
	} else {
		addToTag(c.ua.Element, resp)
	}
	return resp
}

// reject answers the INVITE with a final failure.
func (c *Call) reject(in *Incoming, code int) {
	c.refuse(in, c.response(code), c.ua.Reason("RFC 3261 §13.3.1.3", "node.ua.reject", code, sip.StatusText(code)))
}

// refuse answers the INVITE with the final failure resp, for the reason why.
func (c *Call) refuse(in *Incoming, resp *sip.Message, why sim.Reason) {
	u := c.ua
	c.end()
	c.stx.OnACK = func(*ServerTx, *Incoming) { u.Note(u.T("node.ua.rejectacked", resp.StatusCode)) }
	c.stx.Respond(resp, Out{Cause: in.Seq, Reasons: []sim.Reason{why}})
}

// answer accepts the call: 200 OK with the SDP answer, retransmitted until
// the ACK arrives (§13.3.1.4).
func (c *Call) answer(in *Incoming) {
	u := c.ua
	if c.stx.State != Proceeding || c.Ended {
		return
	}
	if c.rel != nil {
		// RFC 3262 §3: no 2xx while a reliable provisional response with
		// a session description is unacknowledged; the PRACK releases it.
		c.answerOnPRACK = in
		u.Note(u.T("node.ua.answer.waitprack"))
		return
	}
	ok := c.response(sip.StatusOK)
	reasons := []sim.Reason{u.Reason("RFC 3261 §13.3.1.4", "node.ua.answer")}
	if c.rseq != 0 && !c.Answered {
		// The answer went in the reliable 183 (RFC 3262 §5): the 2xx
		// carries no new one (RFC 3261 §13.2.1).
		c.stopReliable()
		reasons = append(reasons, u.Reason("RFC 3262 §5", "node.ua.answer.early"))
	} else {
		ok.Add("Content-Type", "application/sdp")
		if len(c.Invite.Body) == 0 {
			// No offer to answer: the 2xx carries the UA's offer, and the
			// ACK will carry the answer (§13.2.1, RFC 3264 §5).
			ok.Body = u.offer().Bytes()
			c.offered = true
			reasons = append(reasons, u.Reason("RFC 3261 §13.2.1", "node.ua.answer.offer", codecNames(u.Codecs)))
		} else {
			ok.Body = c.description().Bytes()
			reasons = append(reasons, answerReason(u.Element, c.answerSDP))
		}
	}
	reasons = append(reasons, c.grantTimer(ok)...)
	c.ok = ok
	c.Answered = true
	c.Dialog.Confirmed = true
	c.stx.Respond(ok, Out{Cause: in.Seq, Reasons: reasons})
	c.startTimer()
	if !c.stx.Transport.Reliable() {
		c.okEvery = T1
		c.okTimer = u.Sim.After(c.okEvery, c.resendOK)
	}
	c.okGiveUp = u.Sim.After(64*T1, c.noACK)
}

// resendOK retransmits the 2xx at T1, 2·T1… up to T2 until the ACK comes
// (§13.3.1.4).
func (c *Call) resendOK() {
	u := c.ua
	c.okEvery = min(2*c.okEvery, T2)
	tev := u.Sim.Timer(u.Name, u.T("node.ua.resendok"), u.T("node.timer.next", c.okEvery))
	u.sendResponse(c.ok, Out{Cause: tev, Retransmission: true,
		Reasons: []sim.Reason{u.Reason("RFC 3261 §13.3.1.4", "node.ua.resendok.why")}})
	c.okTimer = u.Sim.After(c.okEvery, c.resendOK)
}

// noACK: 64·T1 without an ACK; the UAS ends the dialog with BYE (§13.3.1.4).
func (c *Call) noACK() {
	u := c.ua
	stopTimers(c.okTimer)
	u.Sim.Timer(u.Name, u.T("node.ua.noack"), u.T("node.ua.noack.why"))
	c.Hangup()
}

// acked: the ACK for the 2xx arrived; the UAS stops retransmitting.
func (c *Call) acked(in *Incoming) {
	u := c.ua
	if c.ok == nil {
		u.Note(u.T("node.ua.ackreceived", c.Dialog.ID()))
		return
	}
	stopTimers(c.okTimer, c.okGiveUp)
	c.ok = nil
	u.Note(u.T("node.ua.confirmed", c.Dialog.ID()), u.T("node.ua.confirmed.why"))
	if old := c.replaces; old != nil {
		// RFC 3891 §3: once the new dialog is confirmed, the UAS ends the
		// one it replaces with BYE.
		c.replaces = nil
		old.bye(in.Seq, u.Reason("RFC 3891 §3", "node.ua.bye.replaced", old.Dialog.ID()))
	}
	if c.offered {
		// The 2xx carried the offer: the ACK carries the answer (§13.2.1).
		c.offered = false
		answer, err := sip.ParseSDP(in.Msg.Body)
		switch {
		case err == nil && len(answer.Media) > 0 && answer.Media[0].Port == 0:
			// A rejected stream (RFC 3264 §6): no media flow.
			u.Note(u.T("node.ua.ack.refused"))
		case err == nil && len(answer.Media) > 0:
			u.Note(u.T("node.ua.ack.gotanswer", codecNames(answer.Media[0].Formats)))
		default:
			u.Note(u.T("node.ua.ack.noanswer"))
		}
	}
}

// reinvited answers an INVITE within the dialog (§14.2).
func (c *Call) reinvited(in *Incoming, tx *ServerTx) {
	u := c.ua
	c.Invite, c.stx = in.Msg, tx
	cseq, _ := in.Msg.CSeq()
	c.Dialog.RemoteSeq = cseq.Seq
	c.refreshTarget(in) // a re-INVITE is a target refresh request (§12.2.2)
	c.timerFromRequest(in.Msg)
	if len(in.Msg.Body) > 0 {
		answer, failure := u.answer(in.Msg.Body)
		if failure != 0 {
			key := "node.ua.nocodec"
			if failure == sip.StatusBadRequest {
				key = "node.ua.baddialog"
			}
			u.respond(in, tx, failure, key)
			return
		}
		c.answerSDP = answer
	}
	c.stx.OnACK = nil
	c.answer(in)
}

// byeReceived: the peer hung up (§15.1.2).
func (c *Call) byeReceived(in *Incoming, tx *ServerTx) {
	u := c.ua
	if c.stx != nil && c.stx.State == Proceeding && !c.Answered {
		// §15.1.2: a BYE before the answer ends the INVITE with 487.
		c.stx.Respond(c.response(sip.StatusRequestTerminated), Out{Cause: in.Seq,
			Reasons: []sim.Reason{u.Reason("RFC 3261 §15.1.2", "node.ua.terminated")}})
	}
	stopTimers(c.ring)
	c.end()
	u.respondWith(in, tx, sip.StatusOK, "RFC 3261 §15.1.2", "node.ua.byereceived", c.Dialog.ID())
}

// cancelled handles a CANCEL (§9.2): 200 for the CANCEL and, if the INVITE
// is still unanswered, 487 Request Terminated for it.
func (u *UA) cancelled(in *Incoming, tx *ServerTx) {
	v, _ := in.Msg.TopVia()
	inv := u.ServerInvite(v.Branch(), v.SentBy())
	if inv == nil {
		u.respond(in, tx, sip.StatusCallDoesNotExist, "node.ua.cancel.nomatch")
		return
	}
	c := u.ringing[inv]
	ok := sip.NewResponse(in.Msg, sip.StatusOK, "")
	if c != nil && c.Dialog != nil {
		// §9.2: the same To tag as the responses to the INVITE.
		to, _ := ok.To()
		to.Params = to.Params.Set("tag", c.Dialog.LocalTag)
		ok.Set("To", to.String())
	} else {
		addToTag(u.Element, ok)
	}
	tx.Respond(ok, Out{Cause: in.Seq, Reasons: []sim.Reason{u.Reason("RFC 3261 §9.2", "node.ua.cancel.ok")}})
	if c != nil && !c.Answered {
		stopTimers(c.ring)
		c.end()
		inv.Respond(c.response(sip.StatusRequestTerminated), Out{Cause: in.Seq,
			Reasons: []sim.Reason{u.Reason("RFC 3261 §9.2", "node.ua.terminated")}})
	}
}

// established lists the UA's established calls, in the order of their dialog ids.
func (u *UA) established() []*Call {
	return u.calls(func(c *Call) bool { return c.Answered })
}

// calls lists the UA's calls with a dialog, early or confirmed, that are not
// over and that keep says to keep, in the order of their dialog ids.
func (u *UA) calls(keep func(*Call) bool) []*Call {
	var out []*Call
	for _, c := range u.dialogs {
		if !c.Ended && keep(c) {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Dialog.ID() < out[j].Dialog.ID() })
	return out
}

// HangupAll hangs up every established call: as the callee, that is a BYE
// with From and To swapped (§15.1.1).
func (u *UA) HangupAll() {
	for _, c := range u.established() {
		c.Hangup()
	}
}

// ReinviteAll offers a new session on every established call (§14).
func (u *UA) ReinviteAll(codecs []string) {
	for _, c := range u.established() {
		c.Reinvite(codecs)
	}
}

// Move gives the UA's host the address to, as a phone that changes
// network: from then on its Via, Contact and SDP c= line carry the new
// address (its DNS name still names the old one), and it tells the peer of
// every established call with a re-INVITE, whose Contact refreshes the
// dialog's remote target (§12.2.1.1, §14.1; RFC 3665 §3.7).
func (u *UA) Move(to netip.AddrPort) {
	seq, err := u.Host.Move(to)
	if err != nil {
		u.Note(u.T("node.ua.move.failed"), sim.Lit(err.Error()))
		return
	}
	u.HostName = to.Addr().String()
	for _, c := range u.established() {
		c.reoffer("", u.Reason("RFC 3261 §14.1", "node.ua.move.reinvite", to.Addr().String()), seq)
	}
}

// HoldAll puts every established call on hold (RFC 5359 §2.1).
func (u *UA) HoldAll() {
	for _, c := range u.established() {
		c.Hold()
	}
}

// ResumeAll takes every established call off hold (RFC 5359 §2.1).
func (u *UA) ResumeAll() {
	for _, c := range u.established() {
		c.Resume()
	}
}

// UpdateAll offers a new session with UPDATE on every call with a dialog,
// early or confirmed (RFC 3311).
func (u *UA) UpdateAll(codecs []string) {
	for _, c := range u.calls(func(*Call) bool { return true }) {
		c.Update(codecs)
	}
}

// InfoAll sends an INFO on every established call (RFC 6086).
func (u *UA) InfoAll(contentType, body string) {
	for _, c := range u.established() {
		c.Info(contentType, body)
	}
}
