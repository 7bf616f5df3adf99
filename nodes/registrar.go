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

	// Users maps user names to passwords; nil means no authentication.
	Users     map[string]string
	ProxyAuth bool
	// QOP is what the challenge offers: {"auth"}, or nil for the RFC 2069
	// form without qop (GB28181 devices use it).
	QOP       []string
	Algorithm string

	// Respond, if set, is the failure every REGISTER gets (an injected
	// fault: an overloaded registrar answers 503).
	Respond int

	digest *sip.DigestServer
}

// NewRegistrar makes el a registrar writing to loc.
func NewRegistrar(el *Element, loc *Location) *Registrar {
	r := &Registrar{Element: el, Location: loc, DefaultExpires: 3600 * time.Second, QOP: []string{"auth"}}
	el.SetCore(r)
	return r
}

func (r *Registrar) realm() string { return r.Domain }

func (r *Registrar) digestServer() *sip.DigestServer {
	if r.digest == nil {
		r.digest = &sip.DigestServer{
			Realm: r.realm(), Algorithm: r.Algorithm, QOP: r.QOP,
			Now:    r.Sim.Now,
			Random: r.Rand().Uint64,
			Password: func(user string) (string, bool) {
				p, ok := r.Users[user]
				return p, ok
			},
		}
	}
	return r.digest
}

// Request handles REGISTER, answers OPTIONS, and refuses other methods with
// 405 (§8.2.1).
func (r *Registrar) Request(in *Incoming, tx *ServerTx) {
	if tx == nil {
		return // an ACK: nothing to do for a registrar
	}
	switch in.Msg.Method {
	case sip.REGISTER:
		if r.Respond != 0 {
			respondFault(r.Element, in, tx, r.Respond)
			return
		}
		r.register(in, tx)
	case sip.OPTIONS:
		answerOptions(r.Element, in, tx)
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
	if r.Users != nil && !r.authenticate(in, tx, aor) {
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
			tx.Respond(r.withTag(resp), why("RFC 3261 §10.3 step 7", "node.registrar.brief", int(r.MinExpires/time.Second)))
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
	resp := r.withTag(sip.NewResponse(req, sip.StatusOK, ""))
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

// withTag adds the registrar's To tag (§8.2.6.2).
func (r *Registrar) withTag(resp *sip.Message) *sip.Message {
	addToTag(r.Element, resp)
	return resp
}

// authenticate checks the credentials of a REGISTER (§22.1, §22.3); when
// they are missing or wrong it sends the challenge and returns false.
func (r *Registrar) authenticate(in *Incoming, tx *ServerTx, aor string) bool {
	req := in.Msg
	code, challengeHeader, credHeader := sip.StatusUnauthorized, "WWW-Authenticate", "Authorization"
	rfc := "RFC 3261 §22.2"
	if r.ProxyAuth {
		code, challengeHeader, credHeader = sip.StatusProxyAuthRequired, "Proxy-Authenticate", "Proxy-Authorization"
		rfc = "RFC 3261 §22.3"
	}
	ds := r.digestServer()
	challenge := func(stale bool, key string, args ...any) bool {
		resp := r.withTag(sip.NewResponse(req, code, ""))
		resp.Add(challengeHeader, ds.Challenge(stale).String())
		tx.Respond(resp, Out{Cause: in.Seq, Reasons: []sim.Reason{r.Reason(rfc, key, args...)}})
		return false
	}
	value := req.Get(credHeader)
	if value == "" {
		return challenge(false, "node.auth.challenge", credHeader)
	}
	cred, err := sip.ParseCredentials(value)
	if err != nil {
		return challenge(false, "node.auth.malformed", err.Error())
	}
	verdict, reason := ds.Verify(req.Method, cred, req.Body)
	switch verdict {
	case sip.DigestOK:
		r.Note(r.T("node.auth.ok", cred.Username), r.T("node.auth.ok.why"))
		return true
	case sip.DigestStale:
		return challenge(true, "node.auth.stale", reason)
	default:
		return challenge(false, "node.auth.failed", cred.Username, reason)
	}
}
