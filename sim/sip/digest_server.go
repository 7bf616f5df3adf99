// The server side of digest authentication: a registrar's or a proxy's
// challenges (401 WWW-Authenticate, 407 Proxy-Authenticate; RFC 3261 §22.2,
// §22.3) and the check of the Authorization that answers them.

package sip

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// DigestServer issues digest challenges and verifies credentials for one
// realm. Its nonces carry their issue time and a MAC under a secret drawn
// from Random, so a nonce's age can be read from the nonce itself and a
// nonce that this server did not issue is recognised; a table of the
// nonces in use remembers the highest nonce count seen for each.
//
// A DigestServer runs on the simulation's virtual clock and seeded RNG, so
// the same run issues the same nonces. It is not safe for concurrent use:
// the simulation calls it from its one event loop.
type DigestServer struct {
	Realm     string
	Algorithm string        // "" = MD5
	QOP       []string      // e.g. {"auth"}; nil = no qop (RFC 2069 compatibility, as GB28181 devices use)
	NonceTTL  time.Duration // 0 = 5 minutes
	// MaxNonces bounds the table of nonces in use (0 = 4096): past it the
	// oldest is forgotten, and a request that answers it gets stale=true,
	// so that a flood of challenges cannot fill the memory.
	MaxNonces int

	Now      func() time.Duration                 // virtual clock; required
	Random   func() uint64                        // deterministic randomness (the run's seeded RNG); required
	Password func(username string) (string, bool) // credential lookup; required by Verify

	secret []byte                       // HMAC key, drawn from Random at first use
	nonces map[string]*digestNonceState // nonces issued and not yet expired
	issued []string                     // the keys of nonces, oldest first
}

// digestNonceState is what the server remembers about one issued nonce.
type digestNonceState struct {
	issued time.Duration
	lastNC uint64 // highest nonce count accepted so far; 0 before the first
}

// digestDefaultNonceTTL is how long a nonce is valid when NonceTTL is 0.
const digestDefaultNonceTTL = 5 * time.Minute

// A server nonce is 40 lower-case hex digits:
// 16 of issue time (virtual nanoseconds), 8 random, 16 of HMAC-SHA256 over both.
const (
	digestNonceTimeLen = 16
	digestNonceRandLen = 8
	digestNonceMACLen  = 16
	digestNonceLen     = digestNonceTimeLen + digestNonceRandLen + digestNonceMACLen
)

// digestConstantTimeCompare compares response digests without leaking, by
// timing, how many leading characters matched. A variable so that a test can
// check that Verify goes through it.
var digestConstantTimeCompare = subtle.ConstantTimeCompare

// DigestVerdict is the outcome of DigestServer.Verify.
type DigestVerdict int

const (
	// DigestOK: the response is right and the nonce fresh; serve the request.
	DigestOK DigestVerdict = iota + 1
	// DigestBadCredentials: the response does not match (wrong password);
	// challenge again with stale=false.
	DigestBadCredentials
	// DigestStale: the response matches but the nonce expired or is unknown;
	// challenge again with stale=true, and the client retries without asking
	// the user (RFC 7616 §3.3).
	DigestStale
	// DigestReplay: the nonce count is not above the highest already seen
	// for this nonce, so the request may be a replay (RFC 7616 §3.4).
	DigestReplay
	// DigestMalformed: missing fields, a realm, algorithm or qop this server
	// did not offer, an unknown user or a nonce that is not in this server's
	// format.
	DigestMalformed
)

var digestVerdictNames = [...]string{
	DigestOK:             "ok",
	DigestBadCredentials: "bad credentials",
	DigestStale:          "stale",
	DigestReplay:         "replay",
	DigestMalformed:      "malformed",
}

// String returns a short lower-case name, e.g. "bad credentials".
func (v DigestVerdict) String() string {
	if v > 0 && int(v) < len(digestVerdictNames) {
		return digestVerdictNames[v]
	}
	return "DigestVerdict(" + strconv.Itoa(int(v)) + ")"
}

// Challenge issues a fresh nonce and returns the challenge to put in a 401
// WWW-Authenticate or 407 Proxy-Authenticate. Pass stale=true when Verify
// returned DigestStale. It panics if Now or Random is nil.
func (s *DigestServer) Challenge(stale bool) *Challenge {
	s.init()
	now := s.Now()
	s.forgetExpired(now)
	r := uint32(s.Random())
	nonce := s.makeNonce(now, r)
	for s.nonces[nonce] != nil { // same instant, same draw: take the next value
		r++
		nonce = s.makeNonce(now, r)
	}
	s.nonces[nonce] = &digestNonceState{issued: now}
	s.issued = append(s.issued, nonce)
	return &Challenge{
		Scheme:    "Digest",
		Realm:     s.Realm,
		Nonce:     nonce,
		Stale:     stale,
		Algorithm: s.Algorithm,
		QOP:       slices.Clone(s.QOP),
	}
}

// Verify checks credentials received with a request whose method is method
// and whose body is body (hashed for qop=auth-int). The string is a short
// reason for the verdict, for the trace. The order of the checks follows RFC
// 7616 §3.3: a stale verdict is given only when the response itself is
// right, so that stale=true never hides a wrong password.
//
// Verify does not compare c.URI with the Request-URI; the caller, which has
// the request, may. It panics if Now, Random or Password is nil.
func (s *DigestServer) Verify(method string, c *Credentials, body []byte) (DigestVerdict, string) {
	s.init()
	if s.Password == nil {
		panic("sip: DigestServer.Password is nil")
	}
	if c == nil {
		return DigestMalformed, "no credentials"
	}
	if c.Scheme != "" && !strings.EqualFold(c.Scheme, "Digest") {
		return DigestMalformed, fmt.Sprintf("scheme %q is not Digest", c.Scheme)
	}
	for _, f := range []struct{ name, value string }{
		{"username", c.Username}, {"realm", c.Realm}, {"nonce", c.Nonce},
		{"uri", c.URI}, {"response", c.Response},
	} {
		if f.value == "" {
			return DigestMalformed, "missing " + f.name
		}
	}
	if c.Userhash {
		return DigestMalformed, "userhash is not supported"
	}
	if c.Realm != s.Realm {
		return DigestMalformed, fmt.Sprintf("realm %q, want %q", c.Realm, s.Realm)
	}
	// Algorithm names compare case-insensitively, "" meaning MD5 (RFC 7616 §3.3).
	if !strings.EqualFold(digestAlgorithmName(c.Algorithm), digestAlgorithmName(s.Algorithm)) {
		return DigestMalformed, fmt.Sprintf("algorithm %s was not offered (this server uses %s)",
			digestAlgorithmName(c.Algorithm), digestAlgorithmName(s.Algorithm))
	}

	var nc uint64
	switch {
	case len(s.QOP) == 0 && c.QOP != "":
		return DigestMalformed, fmt.Sprintf("qop=%s was not offered", c.QOP)
	case len(s.QOP) > 0 && c.QOP == "":
		return DigestMalformed, fmt.Sprintf("qop missing: this server requires one of %s", strings.Join(s.QOP, ","))
	case len(s.QOP) > 0 && !slices.ContainsFunc(s.QOP, func(o string) bool { return strings.EqualFold(o, c.QOP) }):
		return DigestMalformed, fmt.Sprintf("qop=%s was not offered (offered %s)", c.QOP, strings.Join(s.QOP, ","))
	case c.QOP != "":
		if c.CNonce == "" {
			return DigestMalformed, "qop without cnonce"
		}
		if !digestIsNC(c.NC) {
			return DigestMalformed, fmt.Sprintf("nc %q is not 8 hex digits", c.NC)
		}
		nc, _ = strconv.ParseUint(c.NC, 16, 32)
		if nc == 0 {
			return DigestMalformed, "nc 00000000: the count starts at 00000001"
		}
	}

	issued, ok := s.parseNonce(c.Nonce)
	if !ok {
		return DigestMalformed, "nonce is not in this server's format"
	}
	password, ok := s.Password(c.Username)
	if !ok {
		return DigestMalformed, fmt.Sprintf("unknown user %q", c.Username)
	}
	steps, err := ComputeDigest(DigestInput{
		Algorithm: c.Algorithm,
		Username:  c.Username,
		Realm:     c.Realm,
		Password:  password,
		Method:    method,
		URI:       c.URI,
		Nonce:     c.Nonce,
		CNonce:    c.CNonce,
		NC:        c.NC,
		QOP:       c.QOP,
		Body:      body,
	})
	if err != nil {
		return DigestMalformed, err.Error()
	}
	got := []byte(strings.ToLower(c.Response))
	if digestConstantTimeCompare(got, []byte(steps.Response)) != 1 {
		return DigestBadCredentials, "response mismatch: wrong password?"
	}

	// The response is right; now the nonce's freshness (RFC 7616 §3.3).
	now := s.Now()
	s.forgetExpired(now)
	switch age := now - issued; {
	case !s.validMAC(c.Nonce):
		return DigestStale, "nonce unknown: not issued by this server"
	case age < 0:
		return DigestStale, "nonce unknown: issued in the future"
	case age >= s.ttl():
		return DigestStale, fmt.Sprintf("nonce expired: issued %v ago, lifetime %v", age, s.ttl())
	}
	st := s.nonces[c.Nonce]
	if st == nil {
		return DigestStale, "nonce unknown: no longer remembered"
	}
	if c.QOP == "" { // no nonce count: the nonce may be reused until it expires
		return DigestOK, "response matches"
	}
	if nc <= st.lastNC {
		return DigestReplay, fmt.Sprintf("nc %s already used: highest so far %08x", c.NC, st.lastNC)
	}
	st.lastNC = nc
	return DigestOK, "response matches"
}

// init draws the secret and makes the table at first use.
func (s *DigestServer) init() {
	if s.Now == nil {
		panic("sip: DigestServer.Now is nil")
	}
	if s.Random == nil {
		panic("sip: DigestServer.Random is nil")
	}
	if s.secret == nil {
		s.secret = make([]byte, 32)
		for i := 0; i < len(s.secret); i += 8 {
			binary.BigEndian.PutUint64(s.secret[i:], s.Random())
		}
	}
	if s.nonces == nil {
		s.nonces = make(map[string]*digestNonceState)
	}
}

func (s *DigestServer) ttl() time.Duration {
	if s.NonceTTL > 0 {
		return s.NonceTTL
	}
	return digestDefaultNonceTTL
}

// digestDefaultMaxNonces is MaxNonces when it is 0.
const digestDefaultMaxNonces = 4096

// forgetExpired drops expired nonces and their counts from the table (their
// timestamps make them stale anyway), and the oldest past MaxNonces. The
// clock only goes forward, so the expired are the oldest: a challenge costs
// the same however many nonces are in use (a server challenging hundreds of
// calls a second keeps tens of thousands).
func (s *DigestServer) forgetExpired(now time.Duration) {
	limit := s.MaxNonces
	if limit <= 0 {
		limit = digestDefaultMaxNonces
	}
	n := 0
	for ; n < len(s.issued); n++ {
		if len(s.issued)-n <= limit && now-s.nonces[s.issued[n]].issued < s.ttl() {
			break
		}
		delete(s.nonces, s.issued[n])
	}
	clear(s.issued[:n])
	s.issued = s.issued[n:]
}

// Nonces is how many nonces the server remembers now, expired ones
// forgotten first.
func (s *DigestServer) Nonces() int {
	s.init()
	s.forgetExpired(s.Now())
	return len(s.nonces)
}

func (s *DigestServer) makeNonce(issued time.Duration, r uint32) string {
	head := fmt.Sprintf("%016x%08x", uint64(issued), r)
	return head + s.mac(head)
}

func (s *DigestServer) mac(head string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte(head))
	return hex.EncodeToString(m.Sum(nil))[:digestNonceMACLen]
}

// parseNonce reads the issue time of a nonce in this server's format,
// without checking its MAC.
func (s *DigestServer) parseNonce(nonce string) (time.Duration, bool) {
	if len(nonce) != digestNonceLen {
		return 0, false
	}
	for i := 0; i < len(nonce); i++ {
		if c := nonce[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return 0, false
		}
	}
	t, err := strconv.ParseUint(nonce[:digestNonceTimeLen], 16, 64)
	if err != nil {
		return 0, false
	}
	return time.Duration(t), true
}

func (s *DigestServer) validMAC(nonce string) bool {
	head := nonce[:digestNonceTimeLen+digestNonceRandLen]
	return hmac.Equal([]byte(nonce[len(head):]), []byte(s.mac(head)))
}

// digestAlgorithmName returns the canonical name of a known algorithm, or
// the name as given.
func digestAlgorithmName(name string) string {
	if a, ok := digestLookupAlgorithm(name); ok {
		return a.name
	}
	return name
}
