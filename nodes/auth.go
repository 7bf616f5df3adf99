package nodes

import (
	"slices"
	"strings"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// Authenticator is the server side of digest authentication (§22) for any
// element: a registrar or a UAS challenging with 401 and WWW-Authenticate
// (§22.2), or a proxy with 407 and Proxy-Authenticate (§22.3).
type Authenticator struct {
	e *Element

	// Users maps user names to passwords; nil means no authentication.
	Users map[string]string
	// Proxy selects 407 / Proxy-Authenticate / Proxy-Authorization.
	Proxy bool
	// QOP is what challenges offer: {"auth"}, or nil for the RFC 2069 form
	// without qop, which RFC 3261 §22.4 lets clients accept but forbids
	// servers to send, and GB/T 28181 platforms send all the same.
	QOP []string
	// Realm is the realm of the challenges; "" is the element's domain
	// (a GB/T 28181 platform may use its 8-digit centre code instead).
	Realm string
	// Algorithm is named in the challenges when set ("MD5", as GB/T 28181
	// platforms and small PBXs write it); "" is MD5 unnamed.
	Algorithm string
	// NonceTTL and MaxNonces bound the nonces in use (0: the defaults of
	// sip.DigestServer, 5 minutes and 4096).
	NonceTTL  time.Duration
	MaxNonces int
	// Stamp, if set, adds the element's own headers to a challenge (a
	// GB/T 28181 platform's Date).
	Stamp func(resp *sip.Message)

	digest *sip.DigestServer
}

func newAuthenticator(e *Element) *Authenticator {
	return &Authenticator{e: e, QOP: []string{"auth"}}
}

func (a *Authenticator) server() *sip.DigestServer {
	if a.digest == nil {
		a.digest = &sip.DigestServer{
			Realm: a.realm(), QOP: a.QOP, Algorithm: a.Algorithm,
			NonceTTL: a.NonceTTL, MaxNonces: a.MaxNonces,
			Now:    a.e.Sim.Now,
			Random: a.e.ids.Uint64,
			Password: func(user string) (string, bool) {
				p, ok := a.Users[user]
				return p, ok
			},
		}
	}
	return a.digest
}

// realm is the realm of the element's challenges.
func (a *Authenticator) realm() string {
	if a.Realm != "" {
		return a.Realm
	}
	return a.e.Domain
}

// authHeaders returns the status code and header names of a challenge:
// a proxy's (407, §22.3) or a user agent's (401, §22.2).
func authHeaders(proxy bool) (code int, challenge, credentials, rfc string) {
	if proxy {
		return sip.StatusProxyAuthRequired, "Proxy-Authenticate", "Proxy-Authorization", "RFC 3261 §22.3"
	}
	return sip.StatusUnauthorized, "WWW-Authenticate", "Authorization", "RFC 3261 §22.2"
}

// Check verifies the credentials of a request for the element's realm. When
// they are missing or wrong it answers the request with a challenge and
// returns false. With no users, every request passes.
func (a *Authenticator) Check(in *Incoming, tx *ServerTx) bool {
	if a.Users == nil {
		return true
	}
	e, req := a.e, in.Msg
	code, chName, credName, rfc := authHeaders(a.Proxy)
	ds := a.server()
	respond := func(stale bool, reasons ...sim.Reason) bool {
		resp := addToTag(e, sip.NewResponse(req, code, ""))
		resp.Add(chName, ds.Challenge(stale).String())
		if a.Stamp != nil {
			a.Stamp(resp)
		}
		tx.Respond(resp, Out{Cause: in.Seq, Reasons: reasons})
		return false
	}
	challenge := func(stale bool, key string, args ...any) bool {
		return respond(stale, e.Reason(rfc, key, args...))
	}
	// Several proxies may have asked: use the credentials for this realm.
	creds, err := req.Credentials(credName)
	if err != nil {
		return challenge(false, "node.auth.malformed", err.Error())
	}
	var cred *sip.Credentials
	for _, c := range creds {
		if strings.EqualFold(c.Realm, a.realm()) {
			cred = c
		}
	}
	if cred == nil {
		return challenge(false, "node.auth.challenge", credName)
	}
	verdict, reason := ds.Verify(req.Method, cred, req.Body)
	switch verdict {
	case sip.DigestOK:
		e.Note(e.T("node.auth.ok", cred.Username), e.T("node.auth.ok.why"))
		return true
	case sip.DigestStale:
		return challenge(true, "node.auth.stale", reason)
	case sip.DigestReplay:
		// The response is right but its nonce count was used already: a
		// copy of an earlier request. A fresh nonce with stale=true lets
		// the real client retry, while a copy cannot answer it.
		return respond(true, e.Reason("RFC 7616 §3.4, RFC 2617 §3.2.2", "node.auth.replay", cred.NC, cred.Username),
			e.Reason(rfc, "node.auth.replay.fresh"))
	default:
		return challenge(false, "node.auth.failed", cred.Username, reason)
	}
}

// Nonces is how many nonces the authenticator remembers (issued and not
// yet expired), with their counts.
func (a *Authenticator) Nonces() int {
	if a.digest == nil {
		return 0
	}
	return a.digest.Nonces()
}

// consume removes the Proxy-Authorization values for the realm of a proxy
// that authenticates from a request it is about to forward, and reports
// whether there were any: they apply to this proxy only, which consumes
// them, while the values for other realms go on to their proxies (§22.3).
// It does so for every request, the ACK and the BYE of a call as well as
// the INVITE it checked, so that the credentials never reach the next hop.
func (a *Authenticator) consume(req *sip.Message) bool {
	if a == nil || !a.Proxy || a.Users == nil {
		return false
	}
	n := len(req.Headers)
	req.Headers = slices.DeleteFunc(req.Headers, func(h sip.Header) bool {
		if h.Name != "Proxy-Authorization" {
			return false
		}
		c, err := sip.ParseCredentials(h.Value)
		return err == nil && strings.EqualFold(c.Realm, a.realm())
	})
	return len(req.Headers) < n
}
