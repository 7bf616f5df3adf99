package nodes

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// Presence is the event package of RFC 3856: a presentity's state as a
// PIDF document (RFC 3863).
// Message-summary is the event package of RFC 3842: the messages waiting
// in a mailbox, as an application/simple-message-summary body.
const (
	EventPresence       = "presence"
	EventMessageSummary = "message-summary"
	pidfContentType     = "application/pidf+xml"
	summaryContentType  = "application/simple-message-summary"
	// DefaultSubscription is the duration a presence subscription gets when
	// the SUBSCRIBE asks for none (RFC 3856 §6.4).
	DefaultSubscription = 3600 * time.Second
)

// Subscription is one side of a subscription's dialog (RFC 6665 §4.4.1):
// the subscriber's or the notifier's. The notifier keeps the timer at whose
// expiry it ends the subscription.
type Subscription struct {
	Dialog  *Dialog
	Event   string
	Expires time.Duration // virtual time at which it ends (notifier)
	timer   *sim.Timer

	// The refer package (RFC 3515): the notifier's sipfrag, the status line
	// its NOTIFYs carry; the subscriber's call it transfers, and whether the
	// transfer is attended (its REFER asked to replace a call).
	frag        string
	transferred *Call
	attended    bool
}

// contentTypes are the body types of the event packages the UA knows.
var contentTypes = map[string]string{EventPresence: pidfContentType, EventMessageSummary: summaryContentType}

// Subscribe asks target for the state of an event package ("" is presence)
// with a SUBSCRIBE outside any dialog (RFC 6665 §4.1.2.1; RFC 3856 §6, RFC
// 3842 §4): the Event, an Accept with the package's body type and the
// duration wanted (0: the package default). The 200 creates the
// subscription's dialog; the NOTIFYs come within it.
func (u *UA) Subscribe(target sip.URI, event string, expires int) {
	if event == "" {
		event = EventPresence
	}
	dest, ok := u.route(target)
	if !ok {
		u.Note(u.T("node.ua.noroute", target.String()))
		return
	}
	req := u.newRequest(sip.SUBSCRIBE, target, sip.Address{URI: target}, u.NewCallID(), 1, dest, u.preloaded())
	req.Add("Contact", u.Contact().String())
	req.Add("Event", event)
	req.Add("Accept", contentTypes[event])
	if expires > 0 {
		req.Add("Expires", strconv.Itoa(expires))
	}
	reason := u.Reason("RFC 6665 §4.1.2.1, "+packageRFC(event), "node.ua.subscribe", event, target.String())
	from, _ := req.From()
	pending := req.CallID() + ";" + from.Tag()
	u.pending[pending] = req
	u.sendNonInvite(req, dest, Out{Reasons: u.viaOutbound([]sim.Reason{reason})}, func(in *Incoming) {
		delete(u.pending, pending)
		if in.Msg.StatusCode/100 != 2 {
			return
		}
		d, err := NewUACDialog(req, in.Msg)
		if err != nil {
			return
		}
		d.Confirmed = true
		if u.subs[d.ID()] == nil { // unless a NOTIFY came first and made it
			u.subs[d.ID()] = &Subscription{Dialog: d, Event: event}
		}
		u.Note(u.T("node.ua.subscribed", in.Msg.Get("Expires")))
	})
}

// subscribed answers a SUBSCRIBE that creates a subscription (RFC 6665
// §4.2.1.1): 489 for an event package the UA does not know, else 200 with
// a To tag, a Contact and the duration granted (the one asked for, or the
// package default), then at once a NOTIFY with the current state (§4.2.2).
// When the duration runs out the notifier ends the subscription.
func (u *UA) subscribed(in *Incoming, tx *ServerTx) {
	ev := in.Msg.Get("Event")
	if contentTypes[ev] == "" {
		resp := sip.NewResponse(in.Msg, sip.StatusBadEvent, "")
		resp.Add("Allow-Events", EventPresence+", "+EventMessageSummary)
		tx.Respond(addToTag(u.Element, resp), Out{Cause: in.Seq, Reasons: []sim.Reason{u.Reason("RFC 6665 §4.2.1.1", "node.ua.badevent", ev)}})
		return
	}
	granted := DefaultSubscription
	if s, err := strconv.Atoi(in.Msg.Get("Expires")); err == nil && s >= 0 && time.Duration(s)*time.Second < granted {
		granted = time.Duration(s) * time.Second
	}
	d, err := NewUASDialog(in.Msg, u.NewTag())
	if err != nil {
		u.respond(in, tx, sip.StatusBadRequest, "node.ua.badsubscribe")
		return
	}
	d.Confirmed = true
	s := &Subscription{Dialog: d, Event: ev, Expires: u.Sim.Now() + granted}
	u.subs[d.ID()] = s
	resp := sip.NewResponse(in.Msg, sip.StatusOK, "")
	to, _ := resp.To()
	to.Params = to.Params.Set("tag", d.LocalTag)
	resp.Set("To", to.String())
	resp.Add("Contact", u.Contact().String())
	resp.Add("Expires", strconv.Itoa(int(granted/time.Second)))
	tx.Respond(resp, Out{Cause: in.Seq, Reasons: []sim.Reason{u.Reason("RFC 6665 §4.2.1.1", "node.ua.subscription", strconv.Itoa(int(granted/time.Second)))}})
	s.timer = u.Sim.After(granted, func() { u.expire(s) })
	u.notify(s, u.Reason("RFC 6665 §4.2.1.2", "node.ua.notify.initial", u.state(ev)))
}

// packageRFC is the RFC section that defines an event package.
func packageRFC(event string) string {
	if event == EventMessageSummary {
		return "RFC 3842 §4"
	}
	return "RFC 3856 §6"
}

// state sums up the state a package's NOTIFY carries.
func (u *UA) state(event string) string {
	if event == EventMessageSummary {
		return "Messages-Waiting: " + u.waiting()
	}
	return u.presence()
}

// waiting is yes when the mailbox holds a new voice message (RFC 3842 §5.2).
func (u *UA) waiting() string {
	if n, err := strconv.Atoi(strings.SplitN(u.VoiceMessages, "/", 2)[0]); err == nil && n > 0 {
		return "yes"
	}
	return "no"
}

// presence is the UA's presence status: open, unless set otherwise.
func (u *UA) presence() string {
	if u.Presence == "" {
		return "open"
	}
	return u.Presence
}

// SetPresence changes the UA's presence status (open or closed) and tells
// every subscriber with a NOTIFY carrying the new document (RFC 6665
// §4.2.2, RFC 3856 §6.7).
func (u *UA) SetPresence(status string) {
	u.Presence = status
	u.Note(u.T("node.ua.presence", status))
	for _, s := range u.subscriptions(EventPresence) {
		u.notify(s, u.Reason("RFC 6665 §4.2.2, RFC 3856 §6.7", "node.ua.notify.change", status))
	}
}

// subscriptions lists the subscriptions to event the UA is the notifier
// of, in the order of their dialog ids.
func (u *UA) subscriptions(event string) []*Subscription {
	var out []*Subscription
	for _, id := range slices.Sorted(maps.Keys(u.subs)) {
		if s := u.subs[id]; s.timer != nil && s.Event == event {
			out = append(out, s)
		}
	}
	return out
}

// expire ends a subscription that was not refreshed in time: the notifier
// sends a last NOTIFY with Subscription-State: terminated;reason=timeout
// and forgets the subscription (RFC 6665 §4.2.2, §4.1.3).
func (u *UA) expire(s *Subscription) {
	tev := u.Sim.Timer(u.Name, u.T("node.ua.subscription.expired", s.Dialog.ID()))
	s.timer = nil
	delete(u.subs, s.Dialog.ID())
	u.send(s, "terminated;reason=timeout", Out{Cause: tev, Reasons: []sim.Reason{u.Reason("RFC 6665 §4.2.2, §4.1.3", "node.ua.notify.timeout")}})
}

// notify sends the subscription's state in a NOTIFY within its dialog,
// active with the seconds left (RFC 6665 §4.2.2).
func (u *UA) notify(s *Subscription, why sim.Reason) {
	left := int((s.Expires - u.Sim.Now() + time.Second - 1) / time.Second)
	u.send(s, "active;expires="+strconv.Itoa(left), Out{Reasons: []sim.Reason{why}})
}

// send builds and sends a NOTIFY of the subscription with the given
// Subscription-State and the body of its package: the UA's PIDF document
// (RFC 3863), its message summary (RFC 3842 §5) or the sipfrag of a
// reference (RFC 3515 §2.4.5).
func (u *UA) send(s *Subscription, state string, o Out) {
	req, dest, ok := u.dialogRequest(s.Dialog, sip.NOTIFY)
	if !ok {
		u.Note(u.T("node.ua.noroute", s.Dialog.RemoteTarget.String()))
		return
	}
	req.Add("Contact", u.Contact().String())
	req.Add("Event", s.Event)
	req.Add("Subscription-State", state)
	contentType, body := contentTypes[s.Event], ""
	switch s.Event {
	case EventMessageSummary:
		body = u.summary()
	case EventRefer:
		contentType, body = sipfragContentType, s.frag
	default:
		body = u.pidf()
	}
	req.Add("Content-Type", contentType)
	req.Body = []byte(body)
	u.sendNonInvite(req, dest, o, nil)
}

// pidf is the UA's presence document (RFC 3863 §4): one tuple with its
// status and contact.
func (u *UA) pidf() string {
	return fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="pres:%s@%s">
  <tuple id="%s">
    <status><basic>%s</basic></status>
    <contact>%s</contact>
  </tuple>
</presence>
`, u.AOR.User, u.AOR.Host, u.User, u.presence(), u.Contact().URI.String())
}

// summary is the UA's message summary (RFC 3842 §5.2): whether messages
// wait, the account, and the voice messages as new/old (urgent new/urgent
// old).
func (u *UA) summary() string {
	s := "Messages-Waiting: " + u.waiting() + "\r\nMessage-Account: " + u.AOR.String() + "\r\n"
	if u.VoiceMessages != "" {
		s += "Voice-Message: " + u.VoiceMessages + "\r\n"
	}
	return s
}

// earlyNotify makes the subscription's dialog from a NOTIFY that came
// before the 200 of its SUBSCRIBE, as the subscriber must accept (RFC 6665
// §4.1.2.4): the notifier's tag is the NOTIFY's From tag, its Contact the
// remote target.
func (u *UA) earlyNotify(req *sip.Message, in *Incoming) *Subscription {
	from, _ := in.Msg.From()
	to, _ := in.Msg.To()
	cseq, _ := req.CSeq()
	d := &Dialog{CallID: req.CallID(), LocalTag: to.Tag(), RemoteTag: from.Tag(),
		LocalURI: stripTag(to), RemoteURI: stripTag(from), LocalSeq: cseq.Seq, Confirmed: true,
		RemoteTarget: req.RequestURI}
	if contacts, _, err := in.Msg.Contacts(); err == nil && len(contacts) > 0 {
		d.RemoteTarget = contacts[0].URI
	}
	s := &Subscription{Dialog: d, Event: req.Get("Event")}
	u.subs[d.ID()] = s
	u.Note(u.T("node.ua.notify.early"))
	return s
}

// notified answers a NOTIFY (RFC 6665 §4.1.3): 481 when it belongs to no
// subscription the UA has, else 200; a terminated state ends the
// subscription and its dialog.
func (u *UA) notified(in *Incoming, tx *ServerTx) {
	from, _ := in.Msg.From()
	to, _ := in.Msg.To()
	s := u.subs[in.Msg.CallID()+";"+to.Tag()+";"+from.Tag()]
	if req := u.pending[in.Msg.CallID()+";"+to.Tag()]; s == nil && req != nil {
		s = u.earlyNotify(req, in)
	}
	if s == nil {
		u.respondWith(in, tx, sip.StatusCallDoesNotExist, "RFC 6665 §4.1.3", "node.ua.nosubscription")
		return
	}
	cseq, _ := in.Msg.CSeq()
	s.Dialog.RemoteSeq = cseq.Seq
	state := in.Msg.Get("Subscription-State")
	key := "node.ua.notified"
	if strings.HasPrefix(state, "terminated") {
		key = "node.ua.notified.terminated"
		delete(u.subs, s.Dialog.ID())
	}
	u.respondWith(in, tx, sip.StatusOK, "RFC 6665 §4.1.3", key, state)
	if s.Event == EventRefer {
		u.referNotified(s, in)
	}
}
