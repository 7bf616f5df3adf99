package nodes

import (
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
	DefaultExpires time.Duration
	MinExpires     time.Duration

	// Auth challenges REGISTERs when it has users (§22).
	Auth *Authenticator

	// User is the user part of the registrar's own address, for the
	// requests it sends (a GB28181 platform's 20-digit ID); "" uses its
	// node name.
	User string
}

// NewRegistrar makes el a registrar writing to loc.
func NewRegistrar(el *Element, loc *Location) *Registrar {
	r := &Registrar{Element: el, Location: loc, DefaultExpires: 3600 * time.Second, Auth: newAuthenticator(el)}
	el.SetCore(r)
	return r
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
		answerOptions(r.Element, in, tx, nil)
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
	if star {
		if len(contacts) > 0 || !hasExpires || headerExpires != 0 {
			tx.Respond(sip.NewResponse(req, sip.StatusBadRequest, ""), why("RFC 3261 §10.3 step 6", "node.registrar.star"))
			return
		}
		r.Location.Clear(r.Name, aor, in.Seq)
	}
	// Step 7: the binding for each contact, with its expiry.
	for _, c := range contacts {
		exp := r.DefaultExpires
		if e, ok := c.Expires(); ok {
			exp = time.Duration(e) * time.Second
		} else if hasExpires {
			exp = time.Duration(headerExpires) * time.Second
		}
		if exp > 0 && r.MinExpires > 0 && exp < r.MinExpires {
			resp := sip.NewResponse(req, sip.StatusIntervalTooBrief, "")
			resp.Add("Min-Expires", strconv.Itoa(int(r.MinExpires/time.Second)))
			tx.Respond(addToTag(r.Element, resp), why("RFC 3261 §10.3 step 7", "node.registrar.brief", int(r.MinExpires/time.Second)))
			return
		}
		if b := r.Location.Existing(aor, c.URI); b != nil && b.CallID == req.CallID() && cseq.Seq <= b.CSeq {
			// §10.3 step 7: an out-of-order REGISTER must not undo a newer one.
			r.Note(r.T("node.registrar.stale", cseq.Seq, b.CSeq))
			continue
		}
		bound := c
		bound.Params = bound.Params.Del("expires")
		r.Location.Update(r.Name, aor, bound, exp, req.CallID(), cseq.Seq, in.Seq)
	}

	// Step 8: 200 OK listing every current binding with its expiry.
	resp := addToTag(r.Element, sip.NewResponse(req, sip.StatusOK, ""))
	for _, b := range r.Location.Bindings(aor) {
		c := b.Contact
		c.Params = c.Params.Set("expires", strconv.Itoa(int(b.Remaining(r.Sim.Now())/time.Second)))
		resp.Add("Contact", c.String())
	}
	key := "node.registrar.ok"
	if len(contacts) == 0 && !star {
		key = "node.registrar.query"
	}
	tx.Respond(resp, why("RFC 3261 §10.3 step 8", key, aor, len(r.Location.Bindings(aor))))
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
	req.Body = []byte(body)
	r.StartClient(req, dest, Out{Reasons: []sim.Reason{r.Reason("RFC 3428 §4", "node.ua.message", target.String(), len(body))}},
		func(tx *ClientTx, in *Incoming) {
			if in.Msg.StatusCode >= 200 {
				r.Note(r.T("node.ua.done", tx.Method, in.Msg.StatusCode, in.Msg.Reason))
			}
		}, r.timedOut)
}
