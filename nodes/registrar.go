package nodes

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// Registrar accepts REGISTER requests and keeps the bindings of its domain
// in the location service (§10.3). With Users set it demands digest
// authentication (§22): a 401 with WWW-Authenticate, or with ProxyAuth a
// 407 with Proxy-Authenticate as small PBXs do.
type Registrar struct {
	*Element
	Location *Location

	// DefaultExpires applies when a REGISTER names no expiry (§10.2.1.1:
	// the registrar picks one; 3600 s is the usual value). MinExpires, if
	// set, makes shorter requested expiries fail with 423 (§10.3 step 7).
	// MaxExpires, if set, is the longest binding granted: the registrar
	// shortens a longer request (§10.3 step 7 allows it), as the lab's
	// MiniSipServer grants 120 s when 3600 are asked.
	DefaultExpires time.Duration
	MinExpires     time.Duration
	MaxExpires     time.Duration

	// Date is the form of the Date header the registrar writes: DateRFC1123
	// in its 200 OKs (§10.3 step 8), or DateGB28181 in every message it
	// sends, as GB/T 28181 platforms do.
	Date DateForm

	// Auth challenges REGISTERs when it has users (§22).
	Auth *Authenticator

	// Keepalive, when set, makes the registrar a GB/T 28181 platform: it
	// answers its devices' MANSCDP MESSAGEs with 200 and marks a
	// registered device offline when KeepaliveMisses periods of Keepalive
	// pass without a Keepalive from it (§9.6.1).
	Keepalive time.Duration
	alive     map[string]*sim.Timer // a timer per device watched, by address-of-record

	// User is the user part of the registrar's own address, for the
	// requests it sends (a GB28181 platform's 20-digit ID); "" uses its
	// node name.
	User string
}

// DateForm is how a registrar writes its Date header.
type DateForm int

const (
	// DateRFC1123 is the SIP-date of §20.17, in its 200 OKs:
	// "Thu, 01 Jan 2026 00:00:01 GMT".
	DateRFC1123 DateForm = iota
	// DateGB28181 is GB/T 28181's local time without a zone, in every
	// message: "2026-01-01T00:00:01.010". Devices set their clocks from
	// the 200 OK's.
	DateGB28181
)

// NewRegistrar makes el a registrar writing to loc.
func NewRegistrar(el *Element, loc *Location) *Registrar {
	r := &Registrar{Element: el, Location: loc, DefaultExpires: 3600 * time.Second, Auth: newAuthenticator(el)}
	r.Auth.Stamp = func(resp *sip.Message) {
		if r.Date == DateGB28181 {
			r.date(resp)
		}
	}
	el.SetCore(r)
	return r
}

// date adds a Date header: the virtual clock, in the registrar's form.
func (r *Registrar) date(m *sip.Message) {
	if r.Date == DateGB28181 {
		m.Add("Date", r.Sim.Clock().Format(sip.GB28181DateLayout))
		return
	}
	m.Add("Date", r.Sim.Clock().Format(sip.DateLayout))
}

// Request handles REGISTER, answers OPTIONS, and refuses other methods with
// 405 (§8.2.1).
func (r *Registrar) Request(in *Incoming, tx *ServerTx) {
	if tx == nil {
		return // an ACK: nothing to do for a registrar
	}
	switch in.Msg.Method {
	case sip.REGISTER:
		if code := r.respondsWith(); code != 0 {
			// An injected fault: an overloaded registrar answers 503.
			respondFault(r.Element, in, tx, code)
			return
		}
		r.register(in, tx)
	case sip.OPTIONS:
		answerOptions(r.Element, in, tx, nil, "")
	case sip.MESSAGE:
		if r.platform() {
			r.manscdpMessage(in, tx)
			return
		}
		refuseMethod(r.Element, in, tx, "REGISTER, OPTIONS")
	default:
		refuseMethod(r.Element, in, tx, "REGISTER, OPTIONS")
	}
}

// StrayResponse: a registrar sends no requests.
func (r *Registrar) StrayResponse(*Incoming) {}

func (r *Registrar) register(in *Incoming, tx *ServerTx) {
	req := in.Msg
	why := func(rfc, key string, args ...any) Out {
		return Out{Cause: in.Seq, Reasons: []sim.Reason{r.Reason(rfc, key, args...)}}
	}
	// Step 1: the registrar is responsible for the domain of the Request-URI.
	if !strings.EqualFold(req.RequestURI.Host, r.Domain) && !strings.EqualFold(req.RequestURI.Host, r.HostName) {
		tx.Respond(sip.NewResponse(req, sip.StatusNotFound, ""), why("RFC 3261 §10.3 step 1", "node.registrar.domain", req.RequestURI.Host, r.Domain))
		return
	}
	to, err := req.To()
	if err != nil {
		tx.Respond(sip.NewResponse(req, sip.StatusBadRequest, ""), why("RFC 3261 §10.3", "node.registrar.bad", err.Error()))
		return
	}
	aor := to.URI.AddrOfRecord()

	// Step 3: authentication.
	if !r.Auth.Check(in, tx) {
		return
	}

	// Step 6: process the Contact header.
	contacts, star, err := req.Contacts()
	if err != nil {
		tx.Respond(sip.NewResponse(req, sip.StatusBadRequest, ""), why("RFC 3261 §10.3 step 6", "node.registrar.bad", err.Error()))
		return
	}
	cseq, _ := req.CSeq()
	headerExpires, hasExpires := req.Expires()
	if star && (len(contacts) > 0 || !hasExpires || headerExpires != 0) {
		tx.Respond(sip.NewResponse(req, sip.StatusBadRequest, ""), why("RFC 3261 §10.3 step 6", "node.registrar.star"))
		return
	}
	// Step 7: the expiry of each contact, and the order of the requests:
	// every check passes before any binding changes, so that a failed
	// request changes nothing.
	type change struct {
		contact sip.Address
		expires time.Duration
	}
	var changes []change
	var shortened []sim.Reason
	for _, c := range contacts {
		asked := r.DefaultExpires
		if e, ok := c.Expires(); ok {
			asked = time.Duration(e) * time.Second
		} else if hasExpires {
			asked = time.Duration(headerExpires) * time.Second
		}
		if asked > 0 && asked < time.Hour && r.MinExpires > 0 && asked < r.MinExpires {
			resp := sip.NewResponse(req, sip.StatusIntervalTooBrief, "")
			resp.Add("Min-Expires", strconv.Itoa(int(r.MinExpires/time.Second)))
			tx.Respond(addToTag(r.Element, resp), why("RFC 3261 §10.3 step 7", "node.registrar.brief", int(asked/time.Second), int(r.MinExpires/time.Second)))
			return
		}
		exp := asked
		if r.MaxExpires > 0 && exp > r.MaxExpires {
			exp = r.MaxExpires
			shortened = append(shortened, r.Reason("RFC 3261 §10.3 step 7", "node.registrar.shorter", c.URI.String(), int(asked/time.Second), int(exp/time.Second)))
		}
		bound := c
		bound.Params = bound.Params.Del("expires")
		changes = append(changes, change{bound, exp})
	}
	// With the binding's Call-ID only a higher CSeq may change it, so that
	// an out-of-order REGISTER cannot undo a newer one: otherwise the
	// update is aborted and the request fails.
	var touched []*Binding
	if star {
		touched = r.Location.Bindings(aor)
	}
	for _, c := range changes {
		if b := r.Location.Existing(aor, c.contact.URI); b != nil {
			touched = append(touched, b)
		}
	}
	if i := slices.IndexFunc(touched, func(b *Binding) bool { return b.CallID == req.CallID() && cseq.Seq <= b.CSeq }); i >= 0 {
		resp := addToTag(r.Element, sip.NewResponse(req, sip.StatusServerInternalError, ""))
		tx.Respond(resp, why("RFC 3261 §10.3 step 7", "node.registrar.stale", cseq.Seq, touched[i].CSeq, req.CallID()))
		return
	}
	if star {
		r.Location.Clear(r.Name, aor, in.Seq)
	}
	var flows []sim.Reason
	for _, c := range changes {
		r.Location.Update(r.Name, aor, c.contact, c.expires, req.CallID(), cseq.Seq, in.Seq)
		if why, ok := r.flow(in, aor, c.contact.URI); ok {
			flows = append(flows, why)
		}
	}

	// Step 8: 200 OK listing every current binding with its expiry, and
	// the Date.
	resp := addToTag(r.Element, sip.NewResponse(req, sip.StatusOK, ""))
	for _, b := range r.Location.Bindings(aor) {
		c := b.Contact
		c.Params = c.Params.Set("expires", strconv.Itoa(int(b.Remaining(r.Sim.Now())/time.Second)))
		resp.Add("Contact", c.String())
	}
	r.date(resp)
	key := "node.registrar.ok"
	if len(contacts) == 0 && !star {
		key = "node.registrar.query"
	}
	ok := why("RFC 3261 §10.3 step 8", key, aor, len(r.Location.Bindings(aor)))
	ok.Reasons = append(append(ok.Reasons, shortened...), flows...)
	tx.Respond(resp, ok)
	if slices.ContainsFunc(changes, func(c change) bool { return c.expires > 0 }) {
		r.watch(aor)
	}
}

// flow remembers where a REGISTER came from, when its Via asked for rport
// (RFC 3581) and that is not where its contact resolves: a NAT is in
// between, and only the binding the REGISTER made in it leads back to the
// contact, as RFC 5626 sends requests back over the flow a
// registration came on (§6, §7).
func (r *Registrar) flow(in *Incoming, aor string, contact sip.URI) (sim.Reason, bool) {
	v, err := in.Msg.TopVia()
	if err != nil {
		return sim.Reason{}, false
	}
	if _, asked := v.RPort(); !asked {
		return sim.Reason{}, false
	}
	b := r.Location.Existing(aor, contact)
	if dest, ok := r.Resolve(contact); b == nil || (ok && dest == in.Source) {
		return sim.Reason{}, false
	}
	b.Source = in.Source
	return r.Reason("RFC 3581 §4; RFC 5626 §6", "node.registrar.flow", contact.String(), in.Source.String()), true
}

// Message sends a MESSAGE from the registrar's domain (RFC 3428): how a
// GB28181 platform queries a device it has just registered (a Catalog
// query in application/MANSCDP+xml).
func (r *Registrar) Message(target sip.URI, contentType, body string) {
	dest, ok := r.Resolve(target)
	if !ok {
		r.Note(r.T("node.ua.noroute", target.String()))
		return
	}
	req := sip.NewRequest(sip.MESSAGE, target)
	req.Add("Via", r.NewVia(dest).String())
	req.Add("Max-Forwards", "70")
	user := r.User
	if user == "" {
		user = r.Name
	}
	from := sip.Address{URI: sip.URI{Scheme: "sip", User: user, Host: r.Domain}, Params: sip.Params(";tag=" + r.NewTag())}
	req.Add("From", from.String())
	req.Add("To", (&sip.Address{URI: target}).String())
	req.Add("Call-ID", r.NewCallID())
	req.Add("CSeq", sip.CSeq{Seq: 1, Method: sip.MESSAGE}.String())
	req.Add("Content-Type", contentType)
	if r.Date == DateGB28181 {
		r.date(req)
	}
	req.Body = []byte(body)
	r.StartClient(req, dest, Out{Reasons: []sim.Reason{r.Reason("RFC 3428 §4", "node.ua.message", target.String(), len(body))}},
		func(tx *ClientTx, in *Incoming) {
			if in.Msg.StatusCode >= 200 {
				r.Note(r.T("node.ua.done", tx.Method, in.Msg.StatusCode, in.Msg.Reason))
			}
		}, r.timedOut)
}
