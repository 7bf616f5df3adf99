package nodes

import (
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// UA is a user agent: a UAC when it registers, calls, hangs up or sends a
// MESSAGE, OPTIONS or INFO, and a UAS when it is called (§8, §13, §15).
type UA struct {
	*Element
	User        string  // "alice"
	DisplayName string  // "Alice"
	AOR         sip.URI // sip:alice@atlanta.example.com
	Password    string  // for digest authentication (§22)

	// Outbound is the URI of the outbound proxy (with lr, a loose router):
	// every request outside a dialog carries it as a preloaded Route and
	// goes to it first (§8.1.2, RFC 3665 §3.8 F1). The zero value means
	// "no outbound proxy: resolve the Request-URI".
	Outbound sip.URI

	// How the UAS answers an INVITE: after AlertAfter (a lookup, say) it
	// rings (180), then answers 200 with an SDP answer RingFor later; or it
	// answers every INVITE with AnswerCode (486, 603…); or rings and never
	// answers (NoAnswer). Queued is how many callers are ahead of a new
	// call: the UAS tells the caller with 182 Queued each time the queue
	// moves (every QueueStep), and answers once none is left.
	AlertAfter time.Duration
	RingFor    time.Duration
	AnswerCode int
	NoAnswer   bool
	Queued     int

	// Codecs are the RTP/AVP payload types the UA offers and accepts, in
	// order of preference: "0" PCMU, "3" GSM, "4" G723, "8" PCMA.
	Codecs []string

	// CongestionSafe says the UA knows that no hop of its requests' paths
	// lacks congestion control (it sends straight to the peer over TCP, say):
	// RFC 3428 §8 then lets it send a MESSAGE over 1300 bytes, which goes
	// over TCP (§18.1.1). Without it a large message takes the session model.
	CongestionSafe bool

	// HideVia asks the next proxy to hide this UA's Via (RFC 2543 Hide: hop).
	HideVia bool

	// Auth, when it has users, makes the UAS challenge every new INVITE with
	// 401 (§22.2): end-to-end authentication.
	Auth *Authenticator

	// Rel100 says the UA supports reliable provisional responses (RFC
	// 3262): its INVITEs carry Supported: 100rel, and as the UAS of an
	// INVITE that supports them it sends its early answer in a reliable
	// 183 Session Progress, which the caller acknowledges with PRACK.
	Rel100 bool

	// SessionExpires, when set, is the session interval the UA asks for
	// in its INVITEs (RFC 4028 §7.1); MinSE is the shortest it accepts as
	// UAS (RFC 4028 §5; DefaultMinSE when zero). Either makes the UA
	// support session timers.
	SessionExpires time.Duration
	MinSE          time.Duration

	// DelayedOffer makes the UA's INVITEs carry no session description:
	// the callee offers in its 2xx and the UA answers in the ACK (RFC 3261
	// §13.2.1, RFC 3665 §3.6).
	DelayedOffer bool

	// Presence is the UA's presence status as a presentity (RFC 3856):
	// "open" (the default) or "closed".
	Presence string

	// VoiceMessages is the UA's mailbox as a message-summary notifier (RFC
	// 3842 §5.2): "new/old (urgent new/urgent old)", such as "2/8 (0/2)".
	VoiceMessages string

	// SIPS makes the UA's Contact a SIPS URI, as a UA that calls or is
	// called at a sips: URI must use (§8.1.1.8, §12.1.1): it asks that
	// every hop back to it be secured with TLS (§26.2.2).
	SIPS bool

	// MaxForwards is what the UA's requests start with (§8.1.1.6: 70).
	MaxForwards int

	// Keepalive, when set, makes the UA a GB/T 28181 device: once
	// registered it sends the registrar a MANSCDP Keepalive MESSAGE every
	// Keepalive (§9.6.1: 60 s by default), Keepalives of them.
	Keepalive   time.Duration
	Keepalives  int
	keepaliveOn bool

	// Channels are the codes of a GB/T 28181 device's channels (its
	// cameras, 20 digits each): it answers a platform's Catalog query
	// with them (§9.5.3).
	Channels []string
	plays    int // the live streams a platform asked for, for their SSRCs

	regCallID  string
	regCSeq    uint32
	sdpSession uint64
	sdpVersion uint64
	origin     string                   // the address of the SDP o= line: the host name the UA started with (RFC 3264 §8)
	dialogs    map[string]*Call         // calls with a dialog, by Dialog.ID
	ringing    map[*ServerTx]*Call      // calls the UA is answering, by INVITE transaction
	subs       map[string]*Subscription // subscriptions, as subscriber or notifier, by Dialog.ID
	pending    map[string]*sip.Message  // SUBSCRIBEs awaiting their final response, by Call-ID;from-tag
}

// NewUA makes el a user agent for the address-of-record aor.
func NewUA(el *Element, user, display string, aor sip.URI) *UA {
	u := &UA{Element: el, User: user, DisplayName: display, AOR: aor, Codecs: []string{"0"},
		dialogs: map[string]*Call{}, ringing: map[*ServerTx]*Call{}, subs: map[string]*Subscription{}, pending: map[string]*sip.Message{},
		MaxForwards: 70}
	u.Auth = newAuthenticator(el)
	u.sdpSession = 2890844526 + uint64(el.ids.Uint32()%100000)
	u.origin = el.HostName
	el.SetCore(u)
	return u
}

// RingTimeout is how long a caller lets the phone ring before giving up
// with CANCEL, as a phone does. It is longer than Timer B (32 s), so a
// proxy whose branch times out answers 408 first.
const RingTimeout = 60 * time.Second

// Contact is the UA's contact address (§8.1.1.8).
func (u *UA) Contact() sip.Address {
	uri := sip.URI{Scheme: "sip", User: u.User, Host: u.HostName}
	if u.SIPS {
		uri.Scheme = "sips"
	}
	if p := u.Addr().Port(); p != sim.DefaultSIPPort {
		uri.Port = int(p)
	}
	return sip.Address{URI: uri}
}

// route decides where a request outside a dialog goes (§8.1.2): to the
// first route of the preloaded route set, the outbound proxy, or else to
// the server of the Request-URI's domain.
func (u *UA) route(target sip.URI) (netip.AddrPort, bool) {
	dest, _, ok := u.servers(target, 0)
	return dest, ok
}

// servers is route, with RFC 3263 §4 for a target whose domain is published
// with NAPTR and SRV records: the lookups are traced, and the servers after
// the first are returned too, for a request that fails to move on to
// (§4.3). cause is the seq of what needed the lookups (0 for none).
func (u *UA) servers(target sip.URI, cause int) (netip.AddrPort, []sim.Target, bool) {
	switch {
	case u.Outbound.Host != "":
		dest, ok := u.Resolve(u.Outbound)
		return dest, nil, ok
	case target.Port == 0 && target.Params.Value("maddr") == "" && u.Sim.DNS.Published(target.Host):
		if targets := u.Sim.DNS.Locate(u.Host, target.Host, cause); len(targets) > 0 {
			return u.nextServer(targets, cause)
		}
	}
	dest, ok := u.Resolve(target)
	return dest, nil, ok
}

// nextServer looks up the address of the first of targets that has one
// (RFC 3263 §4.2), and returns the targets after it.
func (u *UA) nextServer(targets []sim.Target, cause int) (netip.AddrPort, []sim.Target, bool) {
	for i, t := range targets {
		if dest, ok := u.Sim.DNS.Address(u.Host, t, cause); ok {
			return dest, targets[i+1:], true
		}
	}
	return netip.AddrPort{}, nil, false
}

// preloaded is the route set of a request outside a dialog: the outbound
// proxy, if the UA has one (§8.1.2).
func (u *UA) preloaded() []string {
	if u.Outbound.Host == "" {
		return nil
	}
	return []string{(&sip.Address{URI: u.Outbound}).String()}
}

// viaOutbound adds to the reasons of a request outside a dialog why it
// carries a Route and goes to the outbound proxy, if the UA has one.
func (u *UA) viaOutbound(reasons []sim.Reason) []sim.Reason {
	routes := u.preloaded()
	if len(routes) == 0 {
		return reasons
	}
	return append(reasons, u.Reason("RFC 3261 §8.1.2", "node.ua.outbound", routes[0]))
}

// newRequest builds a request outside any dialog (§8.1.1) with the given
// preloaded Route headers (§8.1.2).
func (u *UA) newRequest(method string, target sip.URI, to sip.Address, callID string, cseq uint32, dest netip.AddrPort, routes []string) *sip.Message {
	m := sip.NewRequest(method, target)
	m.Add("Via", u.NewVia(dest).String())
	m.Add("Max-Forwards", strconv.Itoa(u.maxForwards()))
	addAll(m, "Route", routes)
	from := sip.Address{DisplayName: u.DisplayName, URI: u.AOR, Params: sip.Params(";tag=" + u.NewTag())}
	m.Add("From", from.String())
	m.Add("To", to.String())
	m.Add("Call-ID", callID)
	m.Add("CSeq", sip.CSeq{Seq: cseq, Method: method}.String())
	return m
}

// hide asks the next proxy to hide this UA's Via (RFC 2543 Hide: hop), on
// every request the UA sends when HideVia is set.
func (u *UA) hide(req *sip.Message) {
	if u.HideVia && !req.Has("Hide") {
		req.Add("Hide", "hop")
	}
}

// ---- registration (§10.2) ----

// RegisterOptions says what a REGISTER does.
type RegisterOptions struct {
	Registrar sip.URI // Request-URI: the registrar's domain (§10.2)
	Expires   int     // seconds; 0 removes the binding
	RemoveAll bool    // Contact: * with Expires: 0 (§10.2.2)
	Query     bool    // no Contact: ask for the current bindings (§10.2.3)
	Q         string  // the Contact's q-value, its preference among the AOR's contacts (§10.2.1.2); "" for none
}

// Register sends a REGISTER. The UA keeps one Call-ID for all its
// registrations and raises the CSeq each time (§10.2).
func (u *UA) Register(o RegisterOptions) {
	if u.regCallID == "" {
		u.regCallID = u.NewCallID()
	}
	dest, ok := u.Resolve(o.Registrar)
	if !ok {
		u.Note(u.T("node.ua.noroute", o.Registrar.String()))
		return
	}
	u.regCSeq++
	req := u.newRequest(sip.REGISTER, o.Registrar, sip.Address{URI: u.AOR}, u.regCallID, u.regCSeq, dest, nil)
	key := "node.ua.register"
	switch {
	case o.RemoveAll:
		req.Add("Contact", "*")
		req.Add("Expires", "0")
		key = "node.ua.register.removeall"
	case o.Query:
		key = "node.ua.register.query"
	default:
		contact := u.Contact()
		if o.Q != "" {
			contact.Params = contact.Params.Set("q", o.Q)
		}
		req.Add("Contact", contact.String())
		req.Add("Expires", strconv.Itoa(o.Expires))
		if o.Expires == 0 {
			key = "node.ua.register.remove"
		}
	}
	u.sendNonInvite(req, dest, Out{Reasons: []sim.Reason{u.Reason("RFC 3261 §10.2", key, u.AOR.String())}}, func(in *Incoming) {
		if in.Msg.StatusCode/100 == 2 && !o.Query && !o.RemoveAll && o.Expires > 0 {
			u.startKeepalives(o.Registrar)
		}
	})
}

// sendNonInvite starts a non-INVITE client transaction that retries once
// with credentials when challenged (§22.2, §22.3). done is told of the final
// response.
func (u *UA) sendNonInvite(req *sip.Message, dest netip.AddrPort, o Out, done func(in *Incoming)) {
	tried, longer := false, false
	var auth *cachedAuth
	var onResponse func(tx *ClientTx, in *Incoming)
	onResponse = func(tx *ClientTx, in *Incoming) {
		code := in.Msg.StatusCode
		if code < 200 {
			return
		}
		if (code == 401 || code == 407) && !tried {
			if retry, reason, a := u.answerChallenge(tx.Request, in, dest); retry != nil {
				tried, auth = true, a
				u.StartClient(retry, dest, Out{Cause: in.Seq, Reasons: []sim.Reason{reason}}, onResponse, u.timedOut)
				return
			}
		}
		if code == sip.StatusIntervalTooBrief && !longer {
			if retry, reason := u.longerRegistration(tx.Request, in, dest, auth); retry != nil {
				longer = true
				u.StartClient(retry, dest, Out{Cause: in.Seq, Reasons: []sim.Reason{reason}}, onResponse, u.timedOut)
				return
			}
		}
		u.finalResponse(tx, in, tried)
		if done != nil {
			done(in)
		}
	}
	u.StartClient(req, dest, o, onResponse, u.timedOut)
}

// longerRegistration answers a 423 Interval Too Brief (§10.2.8): the same
// REGISTER again, asking for the Min-Expires the registrar named, with
// credentials from the challenge already answered, if there was one.
func (u *UA) longerRegistration(req *sip.Message, in *Incoming, dest netip.AddrPort, auth *cachedAuth) (*sip.Message, sim.Reason) {
	min, err := strconv.Atoi(in.Msg.Get("Min-Expires"))
	if req.Method != sip.REGISTER || err != nil || min <= 0 {
		return nil, sim.Reason{}
	}
	retry := u.retry(req, dest)
	retry.Set("Expires", strconv.Itoa(min))
	cseq, _ := retry.CSeq()
	u.regCSeq = cseq.Seq
	u.authorize(auth, retry)
	return retry, u.Reason("RFC 3261 §10.2.8", "node.ua.register.longer", min)
}

// finalResponse notes what a final response means to the user.
func (u *UA) finalResponse(tx *ClientTx, in *Incoming, retried bool) {
	code := in.Msg.StatusCode
	switch {
	case code < 300:
		u.Note(u.T("node.ua.done", tx.Method, code, in.Msg.Reason))
	case (code == 401 || code == 407) && retried:
		u.Note(u.T("node.ua.authfailed", tx.Method, code), u.T("node.ua.authfailed.why"))
	default:
		u.Note(u.T("node.ua.failed", tx.Method, code, in.Msg.Reason), u.T("status.class."+strconv.Itoa(code/100)))
	}
}

// timedOut: Timer B or F fired; the element treats it as a 408 (§8.1.3.1).
func (e *Element) timedOut(tx *ClientTx) {
	e.Note(e.T("node.ua.timeout", tx.Method), e.T("node.ua.timeout.why"))
}

// cachedAuth is a challenge a UA answered, kept to authorize the later
// requests of the same dialog (§22.3: the UAC SHOULD cache the credentials).
type cachedAuth struct {
	challenge *sip.Challenge
	header    string // Authorization or Proxy-Authorization
	nc        uint32 // nonce count used so far
	// next is the challenge of another realm answered before this one:
	// several proxies of a path may each challenge (RFC 3665 §3.3).
	next *cachedAuth
}

// authorize adds credentials for req to it from the cached challenges, with
// the next nonce count of each.
func (u *UA) authorize(a *cachedAuth, req *sip.Message) {
	for ; a != nil; a = a.next {
		a.nc++
		cnonce := strings.TrimPrefix(u.NewBranch(), sip.MagicCookie)
		cred, _, err := sip.Authorize(a.challenge, u.User, u.password(), req.Method, req.RequestURI.String(), cnonce, a.nc, req.Body)
		if err == nil {
			req.Add(a.header, cred.String())
		}
	}
}

// answered reports whether the challenge of a 401 or 407 is for a realm
// already answered: the credentials sent were refused, and the request
// fails rather than loop.
func (a *cachedAuth) answered(resp *sip.Message) bool {
	_, chName, _, _ := authHeaders(resp.StatusCode == sip.StatusProxyAuthRequired)
	ch, err := resp.Challenge(chName)
	for ; a != nil; a = a.next {
		if err != nil || strings.EqualFold(a.challenge.Realm, ch.Realm) {
			return true
		}
	}
	return false
}

// answerChallenge answers a 401 or 407 (§22.2, §22.3): the same request
// with a new CSeq and branch and an Authorization or Proxy-Authorization
// header, and the challenge to cache for the dialog's later requests; it
// goes to dest, the server that challenged. It returns nil when the UA has
// no password or no usable challenge.
func (u *UA) answerChallenge(req *sip.Message, in *Incoming, dest netip.AddrPort) (*sip.Message, sim.Reason, *cachedAuth) {
	resp := in.Msg
	_, chName, credName, _ := authHeaders(resp.StatusCode == sip.StatusProxyAuthRequired)
	if u.password() == "" {
		return nil, sim.Reason{}, nil
	}
	ch, err := resp.Challenge(chName)
	if err != nil {
		u.Note(u.T("node.ua.badchallenge", chName), sim.Lit(err.Error()))
		return nil, sim.Reason{}, nil
	}
	cnonce := strings.TrimPrefix(u.NewBranch(), sip.MagicCookie)
	cred, steps, err := sip.Authorize(ch, u.User, u.password(), req.Method, req.RequestURI.String(), cnonce, 1, req.Body)
	if err != nil {
		u.Note(u.T("node.ua.badchallenge", chName), sim.Lit(err.Error()))
		return nil, sim.Reason{}, nil
	}
	retry := u.retry(req, dest)
	if req.Method == sip.REGISTER {
		cseq, _ := retry.CSeq()
		u.regCSeq = cseq.Seq
	}
	retry.Add(credName, cred.String())
	u.Note(u.T("node.ua.digest", steps.Algorithm),
		sim.Lit("HA1 = "+steps.Algorithm+`("`+steps.HA1Input+`") = `+steps.HA1),
		sim.Lit("HA2 = "+steps.Algorithm+`("`+steps.HA2Input+`") = `+steps.HA2),
		sim.Lit("response = "+steps.Algorithm+`("`+steps.ResponseInput+`") = `+steps.Response))
	return retry, u.Reason("RFC 3261 §22.2, §22.3", "node.ua.retryauth", credName, resp.StatusCode),
		&cachedAuth{challenge: ch, header: credName, nc: 1}
}

// retry copies req for a new attempt towards dest, after a redirection or a
// challenge (§8.1.3.4, §22.2): a new branch, the next CSeq number, and no
// credentials.
func (u *UA) retry(req *sip.Message, dest netip.AddrPort) *sip.Message {
	m := req.Clone()
	m.SetTopVia(u.NewVia(dest))
	cseq, _ := m.CSeq()
	cseq.Seq++
	m.Set("CSeq", cseq.String())
	m.Del("Authorization")
	m.Del("Proxy-Authorization")
	return m
}

// ---- requests outside a dialog: MESSAGE (RFC 3428), OPTIONS (§11) ----

// Message sends a MESSAGE (RFC 3428 pager mode) with a body. A MESSAGE
// over 1300 bytes is not sent: RFC 3428 §8 forbids it unless the UAC knows
// that no hop of the path lacks congestion control (CongestionSafe), which
// a UA cannot know of the hops beyond its proxy. It turns to the session
// model instead:
// an INVITE sets up an MSRP session that carries the message (RFC 4975),
// and a BYE ends it ChatTime later.
func (u *UA) Message(target sip.URI, contentType, body string) {
	req, dest, ok := u.newMessage(target, contentType, body)
	if !ok {
		return
	}
	if size := len(req.Bytes()); size > MaxUDPSize && !u.CongestionSafe {
		u.Note(u.T("node.ua.message.large", size, MaxUDPSize), u.T("node.ua.message.large.why"))
		u.Call(target, CallOptions{Chat: Chat{ContentType: contentType, Body: body}, HangupAfter: ChatTime})
		return
	}
	u.sendNonInvite(req, dest, Out{Reasons: u.viaOutbound([]sim.Reason{u.Reason("RFC 3428 §4", "node.ua.message", target.String(), len(body))})}, nil)
}

// newMessage builds a MESSAGE to target outside any dialog, with its body,
// and finds where it goes; ok is false, and a note says why, when no route
// reaches target.
func (u *UA) newMessage(target sip.URI, contentType, body string) (req *sip.Message, dest netip.AddrPort, ok bool) {
	if dest, ok = u.route(target); !ok {
		u.Note(u.T("node.ua.noroute", target.String()))
		return nil, dest, false
	}
	req = u.newRequest(sip.MESSAGE, target, sip.Address{URI: target}, u.NewCallID(), 1, dest, u.preloaded())
	req.Add("Content-Type", contentType)
	req.Body = []byte(body)
	return req, dest, true
}

// ChatTime is how long a UA keeps the MSRP session it set up for a large
// message before it hangs up.
const ChatTime = time.Second

// Options asks target for its capabilities (§11).
func (u *UA) Options(target sip.URI) {
	dest, ok := u.route(target)
	if !ok {
		u.Note(u.T("node.ua.noroute", target.String()))
		return
	}
	req := u.newRequest(sip.OPTIONS, target, sip.Address{URI: target}, u.NewCallID(), 1, dest, u.preloaded())
	req.Add("Accept", "application/sdp")
	u.sendNonInvite(req, dest, Out{Reasons: u.viaOutbound([]sim.Reason{u.Reason("RFC 3261 §11.1", "node.ua.options", target.String())})}, nil)
}

// supported lists the option tags of the extensions the UA uses
// (Supported, §20.37).
func (u *UA) supported() string {
	var tags []string
	if u.Rel100 {
		tags = append(tags, option100rel)
	}
	if u.timers() {
		tags = append(tags, optionTimer)
	}
	return strings.Join(tags, ", ")
}

// ---- the UAS ----

// Request is the UAS core (§8.2): it answers what the UA is sent.
func (u *UA) Request(in *Incoming, tx *ServerTx) {
	req := in.Msg
	if tx == nil { // an ACK for a 2xx (§13.3.1.4)
		if c := u.callFor(req, true); c != nil {
			c.acked(in)
		} else {
			u.Note(u.T("node.ua.strayack"))
		}
		return
	}
	// A BYE, an INFO and an INVITE or REFER with a To tag are requests
	// within a dialog, which must exist (§12.2.2).
	var c *Call
	if to, _ := req.To(); req.Method == sip.BYE || req.Method == sip.INFO || req.Method == sip.PRACK || req.Method == sip.UPDATE ||
		(req.Method == sip.INVITE || req.Method == sip.REFER) && to.Tag() != "" {
		if c = u.callFor(req, true); c == nil {
			u.respond(in, tx, sip.StatusCallDoesNotExist, "node.ua.nodialog")
			return
		}
	}
	switch req.Method {
	case sip.INVITE:
		if c != nil {
			c.reinvited(in, tx)
		} else if u.Auth.Check(in, tx) {
			u.invited(in, tx)
		}
	case sip.BYE:
		c.byeReceived(in, tx)
	case sip.PRACK:
		c.pracked(in, tx)
	case sip.UPDATE:
		c.updated(in, tx)
	case sip.SUBSCRIBE:
		u.subscribed(in, tx)
	case sip.NOTIFY:
		u.notified(in, tx)
	case sip.REFER:
		if c == nil {
			// RFC 3515 §2.4.2: a UA may decline a REFER; this one follows
			// a REFER only within a call.
			u.respondWith(in, tx, sip.StatusForbidden, "RFC 3515 §2.4.2", "node.ua.refer.outside")
			return
		}
		c.referred(in, tx)
	case sip.CANCEL:
		u.cancelled(in, tx)
	case sip.OPTIONS:
		if code := u.answerCode(); code >= 300 {
			// §11.2: OPTIONS gets the answer an INVITE would get.
			respondFault(u.Element, in, tx, code)
			return
		}
		answerOptions(u.Element, in, tx, u.capabilities(), u.supported())
	case sip.MESSAGE:
		u.respondWith(in, tx, sip.StatusOK, "RFC 3428 §7", "node.ua.message.received", req.ContentType(), len(req.Body))
		if len(u.Channels) > 0 && catalogQuery(req) {
			u.catalogResponse(in)
		}
	case sip.INFO:
		u.respondWith(in, tx, sip.StatusOK, "RFC 6086 §4.2", "node.ua.info.received", len(req.Body))
	default:
		refuseMethod(u.Element, in, tx, allowedMethods)
	}
}

func (u *UA) respond(in *Incoming, tx *ServerTx, code int, key string, args ...any) {
	u.respondWith(in, tx, code, "RFC 3261 §8.2", key, args...)
}

// callFor finds the call a message belongs to by its dialog: Call-ID and
// the two tags, the local one in To for a request received, in From for a
// response to our own request.
func (u *UA) callFor(m *sip.Message, incoming bool) *Call {
	from, _ := m.From()
	to, _ := m.To()
	local, remote := to.Tag(), from.Tag()
	if !incoming {
		local, remote = remote, local
	}
	return u.dialogs[m.CallID()+";"+local+";"+remote]
}

// StrayResponse handles a 2xx to an INVITE retransmitted after the client
// transaction ended: the UA sends the ACK again (§13.2.2.4).
func (u *UA) StrayResponse(in *Incoming) {
	cseq, _ := in.Msg.CSeq()
	if cseq.Method == sip.INVITE && in.Msg.StatusCode/100 == 2 {
		if c := u.callFor(in.Msg, false); c != nil && (c.ack != nil || c.ackWaits) {
			c.resendACK(in)
			return
		}
	}
	u.Note(u.T("node.ua.strayresponse", in.Msg.StartLine()))
}
