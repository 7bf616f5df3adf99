package nodes

import (
	"fmt"
	"hash/fnv"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// Proxy is a stateful proxy (§16): it keeps a server transaction for each
// request it receives and a client transaction for each branch it forwards,
// looks its domain's users up in the location service, answers 100 Trying
// to INVITEs, forwards responses back, handles CANCEL, gives up on an
// INVITE branch with Timer C, and detects loops (482) and exhausted
// Max-Forwards (483).
type Proxy struct {
	*Element
	Location *Location

	// RecordRoute keeps the proxy on the path of later requests in the
	// dialog (ACK, BYE) by adding Record-Route (§16.6 step 4).
	RecordRoute bool

	// Auth challenges requests that start a dialog or stand alone with 407
	// when it has users (§22.3), as the outbound proxy of a small PBX does.
	Auth *Authenticator

	// Sequential makes the proxy try an INVITE's targets one at a time,
	// highest q first, the next only when a branch has failed (§16.6: a
	// proxy MAY process the targets serially, in q-value order; RFC 5359
	// §2.8, §2.12). Without it every target is tried at once (parallel
	// forking). BranchTimeout, if set, is how long a sequential branch may
	// go without a final response before the proxy cancels it and tries the
	// next target: a call-forward on no answer, local policy well below
	// Timer C.
	Sequential    bool
	BranchTimeout time.Duration

	// ALG, if set, makes the proxy a firewall's SIP ALG: it rewrites the
	// media addresses of the SDP it forwards to relays of its own (RFC
	// 3665 §3.5).
	ALG *ALG

	contexts map[*ServerTx]*proxyContext
	hide     hideTable
	branches int
}

// proxyContext is the response context of one forwarded request (§16.7).
type proxyContext struct {
	stx     *ServerTx
	in      *Incoming
	clients []*ClientTx
	best    *sip.Message
	bestSeq int
	final   bool       // a final response has been sent upstream
	routed  sim.Reason // why the proxy removed the top Route (§16.4), if it did

	// A sequential search (Proxy.Sequential): the targets not tried yet,
	// best q first, the status of the branch that failed last, and the
	// timer that bounds the branch being tried.
	queue    []target
	lastCode int
	noAnswer *sim.Timer
}

// TimerC is how long a proxy waits for the final response of an INVITE
// branch, counted again from each provisional response: more than 3 minutes
// (§16.6 step 11, §16.7 step 2).
const TimerC = 3*time.Minute + 30*time.Second

// NewProxy makes el a stateful proxy for its domain.
func NewProxy(el *Element, loc *Location, recordRoute bool) *Proxy {
	p := &Proxy{Element: el, Location: loc, RecordRoute: recordRoute, contexts: map[*ServerTx]*proxyContext{}, Auth: newAuthenticator(el)}
	p.Auth.Proxy = true
	el.SetCore(p)
	return p
}

// Request is the proxy core's request processing (§16.3–§16.6).
func (p *Proxy) Request(in *Incoming, tx *ServerTx) {
	req := in.Msg
	switch {
	case tx == nil:
		if to, err := req.To(); err == nil && p.ownTags[to.Tag()] {
			// The ACK of a final response this proxy sent without a
			// transaction (a 400 for a request that did not parse).
			p.Note(p.T("node.proxy.ownack"))
			return
		}
		// An ACK matching no transaction: the ACK of a 2xx, which goes end
		// to end; a stateful proxy forwards it statelessly (§16.11).
		p.forwardStateless(in, statelessBranch(p.Name, req), nil)
		return
	case req.Method == sip.CANCEL:
		p.cancel(in, tx)
		return
	}
	if !p.validate(in, tx) {
		return
	}
	if code := p.respondsWith(); code != 0 && req.Method == sip.INVITE {
		// An injected fault: an overloaded server answers 503.
		respondFault(p.Element, in, tx, code)
		return
	}
	if to, _ := req.To(); to.Tag() == "" && !p.Auth.Check(in, tx) {
		return
	}
	routed, _ := p.preprocessRoute(req)
	targets, ok := p.targets(in, tx)
	if !ok {
		return
	}
	ctx := &proxyContext{stx: tx, in: in, routed: routed}
	p.contexts[tx] = ctx
	tx.OnTerminated = func(*ServerTx) { delete(p.contexts, tx) }
	if req.Method == sip.INVITE {
		// §16.2 and §17.2.1: a stateful proxy answers an INVITE with 100
		// Trying at once, so the caller stops retransmitting.
		trying := sip.NewResponse(req, sip.StatusTrying, "")
		tx.Respond(trying, Out{Cause: in.Seq, Reasons: []sim.Reason{p.Reason("RFC 3261 §16.2, §17.2.1", "node.proxy.trying")}})
	}
	if p.Sequential && req.Method == sip.INVITE && len(targets) > 1 {
		// §16.6: the targets one at a time, highest q first; the others
		// wait for this branch to fail.
		ctx.queue = targets[1:]
		targets = targets[:1]
		targets[0].why = p.Reason("RFC 3261 §16.6, §10.2.1.2", "node.proxy.sequential", targets[0].uri.String(), targets[0].q, len(ctx.queue))
	}
	for _, t := range targets {
		p.forward(ctx, t)
	}
}

// validate is §16.3: Max-Forwards and loop detection.
func (p *Proxy) validate(in *Incoming, tx *ServerTx) bool {
	req := in.Msg
	if mf, ok := req.MaxForwards(); ok && mf == 0 {
		p.respondWith(in, tx, sip.StatusTooManyHops, "RFC 3261 §16.3 step 3", "node.proxy.toomanyhops")
		return false
	}
	if p.looped(req) {
		p.respondWith(in, tx, sip.StatusLoopDetected, "RFC 3261 §16.3 step 4", "node.proxy.loop")
		return false
	}
	return true
}

// loopKey is the part of the branch that a proxy computes from the fields
// that decide where a request goes (§16.6 step 8): if a request comes back
// with the same key in one of the proxy's own Vias, it is looping; with a
// different one (the Request-URI was rewritten), it is only spiralling.
func loopKey(req *sip.Message, proxy string) string {
	// FNV-1a (32 bits) of the fields, each followed by a zero byte, hashed
	// in place: a proxy computes it for every request it forwards.
	h := uint32(2166136261)
	add := func(s string) {
		for i := range len(s) {
			h = (h ^ uint32(s[i])) * 16777619
		}
	}
	field := func(s string) { add(s); add("\x00") }
	// The proxy's own name makes its branches unlike any other proxy's
	// (§8.1.1.7: unique across space and time).
	field(proxy)
	from, _ := req.From()
	to, _ := req.To()
	cseq, _ := req.CSeq()
	var num [20]byte
	for _, s := range []string{req.RequestURI.String(), from.Tag(), to.Tag(), req.CallID(), string(strconv.AppendUint(num[:0], uint64(cseq.Seq), 10))} {
		field(s)
	}
	sep := "" // the Route values joined by ","
	for _, r := range req.Values("Route") {
		add(sep)
		add(r)
		sep = ","
	}
	add("\x00")
	var hex [8]byte
	for i := range hex {
		hex[i] = "0123456789abcdef"[h>>(28-4*i)&0xf]
	}
	return string(hex[:])
}

func (p *Proxy) isMe(host string, port int) bool {
	if port == 0 {
		port = sim.DefaultSIPPort
	}
	if port != int(p.Addr().Port()) {
		return false
	}
	return strings.EqualFold(host, p.HostName) || host == p.Addr().Addr().String()
}

func (p *Proxy) looped(req *sip.Message) bool {
	vias, err := req.Vias()
	if err != nil {
		return false
	}
	key := loopKey(req, p.HostName)
	for _, v := range vias {
		if p.isMe(v.Host, v.Port) && strings.HasPrefix(v.Branch(), sip.MagicCookie+key+".") {
			return true
		}
	}
	return false
}

// preprocessRoute is §16.4: a top Route naming this proxy is removed (loose
// routing), and the reason says so; ok is false when there was none.
func (p *Proxy) preprocessRoute(req *sip.Message) (why sim.Reason, ok bool) {
	routes, err := req.Routes()
	if err != nil || len(routes) == 0 {
		return why, false
	}
	if !p.isMe(routes[0].URI.Host, routes[0].URI.Port) {
		return why, false
	}
	req.PopRoute()
	return p.Reason("RFC 3261 §16.4", "node.proxy.route", routes[0].String()), true
}

// target is one place to forward a request to.
type target struct {
	uri sip.URI
	why sim.Reason
	q   string // the binding's q-value (§20.10; 1 when it has none)
}

// targets is §16.5: for a Request-URI in the proxy's domain, the contacts
// the location service knows; otherwise the Request-URI itself. With no
// contact the proxy answers 480 or 404 (Location.NoBinding).
func (p *Proxy) targets(in *Incoming, tx *ServerTx) ([]target, bool) {
	req := in.Msg
	uri := req.RequestURI
	if req.Has("Route") || !strings.EqualFold(uri.Host, p.Domain) {
		return []target{{uri: uri, why: p.Reason("RFC 3261 §16.5", "node.proxy.notmine", uri.Host)}}, true
	}
	if uri.Port != 0 && uri.Port != int(p.Addr().Port()) {
		// The domain's host with a port that is not the proxy's: another
		// server at that host, such as a phone's Contact when phones and
		// server share a machine (the remote target of a BYE, §12.2.1.1),
		// not an address-of-record of the domain.
		return []target{{uri: uri, why: p.Reason("RFC 3261 §16.5, §12.2.1.1", "node.proxy.otherport", uri.Host, uri.Port)}}, true
	}
	found := p.Location.Lookup(p.Name, uri.AddrOfRecord(), in.Seq)
	if len(found) == 0 {
		code, rfc, key := p.Location.NoBinding(uri.AddrOfRecord())
		p.respondWith(in, tx, code, rfc, key, uri.AddrOfRecord())
		return nil, false
	}
	var out []target
	for _, b := range found {
		out = append(out, target{b.Contact.URI, p.Reason("RFC 3261 §16.5", "node.proxy.located", uri.AddrOfRecord(), b.Contact.URI.String()),
			strconv.FormatFloat(q(b.Contact), 'f', -1, 64)})
	}
	return out, true
}

// forward is §16.6: copy the request, set the Request-URI, decrement
// Max-Forwards, add Record-Route, push a Via, and send it in a new client
// transaction. The copy names the request it came from as its cause, so
// that views can show what the proxy changed.
func (p *Proxy) forward(ctx *proxyContext, t target) {
	cause := ctx.in.Seq
	orig := ctx.in.Msg
	req := orig.Clone()
	reasons := make([]sim.Reason, 0, 8) // room for the steps below, grown once at most
	if !ctx.routed.Text.IsZero() {
		reasons = append(reasons, ctx.routed)
	}
	reasons = append(reasons, t.why)
	if uri := t.uri.String(); req.RequestURI.String() != uri {
		reasons = append(reasons, p.Reason("RFC 3261 §16.6 step 2", "node.proxy.ruri", uri))
	}
	req.RequestURI = t.uri
	mf := 70
	if n, ok := req.MaxForwards(); ok {
		mf = n - 1
	}
	req.Set("Max-Forwards", strconv.Itoa(mf))
	reasons = append(reasons, p.Reason("RFC 3261 §16.6 step 3", "node.proxy.maxforwards", mf+1, mf))
	reasons = p.consumeCredentials(req, reasons)
	reasons = p.relayMedia(req, reasons)
	if p.RecordRoute && (req.Method == sip.INVITE) {
		rr := sip.Address{URI: p.LooseRoute()} // its port too, when not 5060 (§19.1.1)
		if req.RequestURI.Scheme == "sips" {
			rr.URI.Scheme = "sips" // so that the dialog's requests come back over TLS too
		}
		rrs := rr.String()
		req.Prepend("Record-Route", rrs)
		reasons = append(reasons, p.Reason("RFC 3261 §16.6 step 4", "node.proxy.recordroute", rrs))
	}
	dest, reasons, ok := p.nextHop(req, reasons)
	if !ok {
		p.Note(p.T("node.ua.noroute", t.uri.String()))
		return
	}
	if strings.EqualFold(req.Get("Hide"), "hop") {
		reasons = append(reasons, p.hideVia(req))
	}
	v := p.NewVia(dest)
	p.branches++
	v.Params = sip.Params(";branch=" + sip.MagicCookie + loopKey(orig, p.HostName) + "." + strconv.Itoa(p.branches))
	req.Prepend("Via", v.String())
	reasons = append(reasons, p.Reason("RFC 3261 §16.6 step 8", "node.proxy.via", v.Branch()))
	client := p.StartClient(req, dest, Out{Cause: cause, Reasons: reasons},
		func(tx *ClientTx, in *Incoming) { p.response(ctx, tx, in) },
		func(tx *ClientTx) { p.branchTimeout(ctx, tx, "RFC 3261 §16.6 step 7") })
	ctx.clients = append(ctx.clients, client)
	if req.Method == sip.INVITE {
		// Step 11: Timer C bounds how long the branch may go without a
		// final response.
		p.setTimerC(ctx, client)
		if p.Sequential && p.BranchTimeout > 0 {
			ctx.noAnswer = p.Sim.After(p.BranchTimeout, func() { p.unanswered(ctx, client) })
		}
	}
}

// unanswered: a branch of a sequential search has had no final response
// within BranchTimeout. The proxy gives up on it as on Timer C (§16.8),
// with a CANCEL, sent once a provisional response has come (§9.1); the
// 487 that ends the branch makes the proxy try the next target.
func (p *Proxy) unanswered(ctx *proxyContext, c *ClientTx) {
	if c.State != Calling && c.State != Proceeding {
		return
	}
	tev := p.Sim.Timer(p.Name, p.T("node.proxy.noanswer", p.BranchTimeout, c.Request.RequestURI.String()), p.T("node.proxy.noanswer.why"))
	p.cancelBranch(c, tev, p.Reason("RFC 3261 §16.8, §9.1", "node.proxy.noanswer.cancel"))
}

// consumeCredentials removes the Proxy-Authorization values for the
// proxy's own realm from a request it forwards (§22.3), and says so.
func (p *Proxy) consumeCredentials(req *sip.Message, reasons []sim.Reason) []sim.Reason {
	if p.Auth.consume(req) {
		reasons = append(reasons, p.Reason("RFC 3261 §22.3", "node.proxy.consumed", p.Domain))
	}
	return reasons
}

// relayMedia lets the proxy's ALG, if it has one, rewrite the SDP of a
// message it forwards.
func (p *Proxy) relayMedia(m *sip.Message, reasons []sim.Reason) []sim.Reason {
	if p.ALG == nil {
		return reasons
	}
	return p.ALG.Rewrite(m, reasons)
}

// setTimerC starts, or starts again, Timer C of an INVITE branch (§16.6
// step 11, §16.7 step 2).
func (p *Proxy) setTimerC(ctx *proxyContext, c *ClientTx) {
	stopTimers(c.timerC)
	c.timerC = p.Sim.After(TimerC, func() { p.timerC(ctx, c) })
}

// timerC is §16.8: the branch has had no final response for Timer C. The
// proxy gives up on it: with a CANCEL when a provisional response has come,
// as if it had answered 408 when none has.
func (p *Proxy) timerC(ctx *proxyContext, c *ClientTx) {
	tev := p.Sim.Timer(p.Name, p.T("node.timer.timeout", "C", c.Method), p.T("node.timer.c.why", TimerC))
	switch c.State {
	case Proceeding:
		p.cancelBranch(c, tev, p.Reason("RFC 3261 §16.8", "node.proxy.timerc.cancel"))
	case Calling:
		c.setState(Terminated)
		p.branchTimeout(ctx, c, "RFC 3261 §16.8")
	}
}

// nextHop is §16.6 steps 6–7: the first Route, or the Request-URI; for a
// contact registered from behind a NAT, the flow its REGISTER came on
// (Registrar.flow), with the reason added to reasons.
func (p *Proxy) nextHop(req *sip.Message, reasons []sim.Reason) (netip.AddrPort, []sim.Reason, bool) {
	if routes, err := req.Routes(); err == nil && len(routes) > 0 {
		dest, ok := p.Resolve(routes[0].URI)
		return dest, reasons, ok
	}
	dest, ok := p.Resolve(req.RequestURI)
	if p.Location == nil {
		return dest, reasons, ok
	}
	if flow, found := p.Location.Flow(req.RequestURI); found && flow != dest {
		return flow, append(reasons, p.Reason("RFC 5626 §7", "node.proxy.flow", req.RequestURI.String(), flow.String())), true
	}
	return dest, reasons, ok
}

// response is §16.7: responses come back through the response context.
func (p *Proxy) response(ctx *proxyContext, tx *ClientTx, in *Incoming) {
	resp := in.Msg
	code := resp.StatusCode
	if tx.Method == sip.INVITE {
		switch {
		case code > 100 && code < 200:
			// Step 2: a provisional response other than 100 starts
			// Timer C again.
			p.setTimerC(ctx, tx)
		case code >= 200:
			stopTimers(tx.timerC, ctx.noAnswer)
		}
	}
	// Step 3: remove the proxy's own Via (and restore a hidden one).
	popped, _ := resp.PopVia()
	reasons := make([]sim.Reason, 1, 4) // room for the steps below
	reasons[0] = p.Reason("RFC 3261 §16.7 step 3", "node.proxy.popvia", popped.Branch())
	reasons = p.unhide(resp, reasons)
	if code > 100 {
		reasons = p.relayMedia(resp, reasons)
	}
	switch {
	case code == 100:
		// Step 5: a 100 is not forwarded; it only stops retransmissions.
		return
	case code < 200:
		if !ctx.final {
			ctx.stx.Respond(resp, Out{Cause: in.Seq, Reasons: append(reasons, p.Reason("RFC 3261 §16.7 step 5", "node.proxy.provisional", code))})
		}
	case code < 300:
		// Step 5: every 2xx to an INVITE is forwarded at once.
		ctx.final = true
		p.cancelOthers(ctx, tx, in.Seq, p.Reason("RFC 3261 §16.7 step 10", "node.proxy.cancel"))
		o := Out{Cause: in.Seq, Reasons: append(reasons, p.Reason("RFC 3261 §16.7 step 5", "node.proxy.2xx"))}
		if ctx.stx.State == Proceeding || ctx.stx.State == Trying {
			ctx.stx.Respond(resp, o)
		} else {
			p.sendResponse(resp, o)
		}
	default:
		if code >= 600 && p.pending(ctx) {
			// Step 5: a 6xx is not forwarded at once (a change from RFC
			// 2543): the pending branches are cancelled first, and the
			// 6xx goes up once they have all ended, as the best
			// response (step 6). Forwarded at once, it could be followed
			// by a 2xx from another branch.
			p.Note(p.T("node.proxy.6xx.wait", code), p.T("node.proxy.6xx.wait.why"))
			p.cancelOthers(ctx, tx, in.Seq, p.Reason("RFC 3261 §16.7 step 5, §16.10", "node.proxy.cancel.6xx", code))
		}
		ctx.keep(resp, in.Seq)
		p.maybeFinal(ctx, reasons)
	}
}

// keep makes a branch's final failure the response to send upstream when
// every branch has failed, if it is better than the one kept so far (§16.7
// step 6): a 6xx wins; otherwise the lowest class.
func (ctx *proxyContext) keep(resp *sip.Message, seq int) {
	code, best := resp.StatusCode, ctx.best
	ctx.lastCode = code
	if best == nil || best.StatusCode < 600 && (code >= 600 || code/100 < best.StatusCode/100) {
		ctx.best, ctx.bestSeq = resp, seq
	}
}

// maybeFinal sends the best final response once no branch is pending
// (§16.7 step 6): every client transaction has had its final response or
// timed out.
func (p *Proxy) maybeFinal(ctx *proxyContext, reasons []sim.Reason) {
	if p.pending(ctx) || ctx.final || ctx.best == nil {
		return
	}
	for len(ctx.queue) > 0 && ctx.best.StatusCode < 600 {
		// A sequential search goes on with the next target (§16.6); a
		// 6xx ends it (§16.7 step 5). A target the proxy cannot reach
		// starts no branch: the one after it is tried.
		next := ctx.queue[0]
		ctx.queue = ctx.queue[1:]
		next.why = p.Reason("RFC 3261 §16.6", "node.proxy.next", ctx.lastCode, next.uri.String(), next.q)
		p.forward(ctx, next)
		if p.pending(ctx) {
			return
		}
	}
	ctx.final = true
	reasons = append(reasons, p.Reason("RFC 3261 §16.7 step 6", "node.proxy.best", ctx.best.StatusCode))
	ctx.stx.Respond(ctx.best, Out{Cause: ctx.bestSeq, Reasons: reasons})
}

// pending reports whether a branch of the context still awaits its final
// response.
func (p *Proxy) pending(ctx *proxyContext) bool {
	return slices.ContainsFunc(ctx.clients, func(c *ClientTx) bool {
		return c.State == Calling || c.State == Trying || c.State == Proceeding
	})
}

// branchTimeout: a branch ended with no final response, because its client
// transaction timed out (§16.6 step 7) or Timer C gave up on it (§16.8):
// rfc names which. For the response context the branch answered 408, so
// that with no other final response the proxy sends 408 upstream (§16.7
// step 6).
func (p *Proxy) branchTimeout(ctx *proxyContext, tx *ClientTx, rfc string) {
	p.hide.forget(tx.Request)
	ctx.keep(addToTag(p.Element, sip.NewResponse(ctx.in.Msg, sip.StatusRequestTimeout, "")), ctx.in.Seq)
	p.maybeFinal(ctx, []sim.Reason{p.Reason(rfc, "node.proxy.timeout", tx.Method)})
}

// cancelOthers cancels the branches still pending but except, if any, for
// the reason why.
func (p *Proxy) cancelOthers(ctx *proxyContext, except *ClientTx, cause int, why sim.Reason) {
	for _, c := range ctx.clients {
		if c != except {
			p.cancelBranch(c, cause, why)
		}
	}
}

// cancelBranch cancels one pending INVITE branch. A branch with no
// provisional response yet keeps its CANCEL until one comes (§9.1, §16.10).
func (p *Proxy) cancelBranch(c *ClientTx, cause int, why sim.Reason) {
	c.CancelInvite(Out{Cause: cause, Reasons: []sim.Reason{why}}, func(*ClientTx, *Incoming) {}, nil)
}

// cancel is §16.10: a CANCEL matching an INVITE transaction is answered 200
// at once and every pending branch is cancelled, a branch still Calling as
// soon as its first provisional response arrives (§9.1); the INVITE itself
// then ends with the 487 that comes back (§16.7), or with a 2xx that crossed
// the CANCEL, which is forwarded like any 2xx.
func (p *Proxy) cancel(in *Incoming, tx *ServerTx) {
	v, _ := in.Msg.TopVia()
	inv := p.ServerInvite(v.Branch(), v.SentBy())
	ctx := p.contexts[inv]
	if inv == nil || ctx == nil {
		p.respondWith(in, tx, sip.StatusCallDoesNotExist, "RFC 3261 §16.10", "node.proxy.cancel.nomatch")
		return
	}
	p.respondWith(in, tx, sip.StatusOK, "RFC 3261 §16.10", "node.proxy.cancel.ok")
	ctx.queue = nil // the caller gave up: no target is tried any more
	p.cancelOthers(ctx, nil, in.Seq, p.Reason("RFC 3261 §16.10", "node.proxy.cancel"))
}

// StrayResponse: a response that matches no client transaction (a 2xx
// retransmitted after the INVITE transaction ended, a provisional response
// of a branch already over…) is forwarded as a stateless proxy forwards
// every response (§16.7, first paragraph; §16.11): the proxy's own Via
// removed, to the address of the next Via (§18.2.2).
func (p *Proxy) StrayResponse(in *Incoming) {
	popped, _ := in.Msg.PopVia()
	why := p.Reason("RFC 3261 §16.11", "node.proxy.stateless.response", popped.Branch())
	if !p.Stateless {
		why = p.Reason("RFC 3261 §16.7, §16.11", "node.proxy.stray", in.Msg.StatusCode, popped.Branch())
	}
	if !in.Msg.Has("Via") {
		// The answer to a request of the proxy's own, such as a CANCEL.
		p.Note(p.T("node.ua.strayresponse", in.Msg.StartLine()))
		return
	}
	p.sendResponse(in.Msg, Out{Cause: in.Seq, Reasons: p.relayMedia(in.Msg, p.unhide(in.Msg, []sim.Reason{why}))})
}

// statelessBranch is the branch a proxy puts on a request it forwards
// without a transaction (§16.11): a function of the request's own top Via
// branch, salted with the proxy's name, so that a retransmission gets the
// same one.
func statelessBranch(salt string, req *sip.Message) string {
	v, _ := req.TopVia()
	h := fnv.New64a()
	h.Write([]byte(salt))
	h.Write([]byte(v.Branch()))
	h.Write([]byte(v.SentBy()))
	return fmt.Sprintf("%s%016x", sip.MagicCookie, h.Sum64())
}

// forwardStateless forwards a request with no transaction (§16.11): Route,
// Max-Forwards and a Via with the given branch.
func (p *Proxy) forwardStateless(in *Incoming, branch string, reasons []sim.Reason) {
	req := in.Msg.Clone()
	if why, ok := p.preprocessRoute(req); ok {
		reasons = append(reasons, why)
	}
	if mf, ok := req.MaxForwards(); ok {
		if mf == 0 {
			p.Note(p.T("node.proxy.toomanyhops"))
			return
		}
		req.Set("Max-Forwards", strconv.Itoa(mf-1))
		reasons = append(reasons, p.Reason("RFC 3261 §16.6 step 3", "node.proxy.maxforwards", mf, mf-1))
	}
	reasons = p.consumeCredentials(req, reasons)
	reasons = p.relayMedia(req, reasons)
	dest, reasons, ok := p.nextHop(req, reasons)
	if !ok {
		p.Note(p.T("node.ua.noroute", req.RequestURI.String()))
		return
	}
	if strings.EqualFold(req.Get("Hide"), "hop") {
		reasons = append(reasons, p.hideVia(req))
	}
	v := p.NewVia(dest)
	v.Params = sip.Params(";branch=" + branch)
	req.Prepend("Via", v.String())
	reasons = append(reasons, p.Reason("RFC 3261 §16.11", "node.proxy.stateless", req.Method))
	p.SendRaw(dest, req, Out{Cause: in.Seq, Reasons: reasons})
}
