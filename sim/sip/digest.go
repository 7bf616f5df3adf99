// Digest access authentication as SIP uses it (RFC 3261 §22.4), with the
// arithmetic of RFC 2617 §3.2.2 and RFC 7616 §3.4:
//
//   - Challenge: the value of WWW-Authenticate (401) and Proxy-Authenticate (407).
//   - Credentials: the value of Authorization and Proxy-Authorization.
//   - ComputeDigest: HA1, HA2 and the response, step by step, so that every
//     string that is hashed can be shown to a student.
//   - Authorize: the client's answer to a challenge.
//
// The server side (nonces, nonce counts, verdicts) is in digest_server.go.

package sip

import (
	"cmp"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"slices"
	"strings"
)

// AuthParam is one auth-param (RFC 3261 §25.1) that the parser does not know,
// kept in the order in which it was written.
type AuthParam struct {
	Name   string // as written
	Value  string // with quoted-pairs resolved
	Quoted bool   // written as a quoted-string
}

// Challenge is the value of a WWW-Authenticate or Proxy-Authenticate header
// field (RFC 3261 §22.4 and §25.1; RFC 2617 §3.2.1; RFC 7616 §3.3).
type Challenge struct {
	Scheme    string   // "Digest" (any case is read as "Digest"); empty is written as "Digest"
	Realm     string   // protection space shown to the user
	Domain    string   // space-separated URIs, as written
	Nonce     string   // server-chosen, opaque to the client
	Opaque    string   // returned unchanged by the client
	Stale     bool     // the previous nonce was stale but the password right
	Algorithm string   // as written: MD5, MD5-sess, SHA-256, SHA-256-sess; empty means MD5
	QOP       []string // the offered qop options, e.g. {"auth", "auth-int"}
	Other     []AuthParam

	// emptyOpaque records that opaque="" was written, so that String keeps it:
	// a client returns opaque exactly as it got it (RFC 7616 §3.4).
	emptyOpaque bool
}

// Credentials is the value of an Authorization or Proxy-Authorization header
// field (RFC 3261 §22.4 and §25.1; RFC 2617 §3.2.2; RFC 7616 §3.4).
type Credentials struct {
	Scheme    string // "Digest" (any case is read as "Digest"); empty is written as "Digest"
	Username  string
	Realm     string
	Nonce     string
	URI       string // the digest-uri: the Request-URI in SIP
	Response  string // lower-case hex request-digest
	Algorithm string // as written; empty means MD5
	CNonce    string
	Opaque    string
	QOP       string // the chosen qop: "", "auth" or "auth-int"
	NC        string // nonce count, 8 hex digits as written, e.g. "00000001"
	Userhash  bool   // RFC 7616 §3.4.4: Username is H(username:realm)
	Other     []AuthParam

	emptyOpaque bool // opaque="" was written; see Challenge
}

// ParseChallenge parses a WWW-Authenticate or Proxy-Authenticate header field
// value such as `Digest realm="atlanta.com", nonce="84a4cc6f", qop="auth"`.
//
// Parameter names and the scheme are case-insensitive; LWS is allowed around
// "=" and ","; values may be tokens or quoted-strings with quoted-pairs; empty
// list elements are skipped. Unknown parameters are kept in Other. A stale
// value other than "true" (any case) means false (RFC 2617 §3.2.1).
//
// An error is a *ParseError wrapping ErrSyntax; Message.Challenge also names
// the header and its line.
func ParseChallenge(s string) (*Challenge, error) {
	c, err := parseChallenge(s)
	if err != nil {
		return nil, syntaxError(0, "", "digest challenge: %v", err)
	}
	return c, nil
}

func parseChallenge(s string) (*Challenge, error) {
	scheme, params, err := parseAuth(s)
	if err != nil {
		return nil, err
	}
	c := &Challenge{Scheme: scheme}
	for _, p := range params {
		switch strings.ToLower(p.Name) {
		case "realm":
			c.Realm = p.Value
		case "domain":
			c.Domain = p.Value
		case "nonce":
			c.Nonce = p.Value
		case "opaque":
			c.Opaque = p.Value
			c.emptyOpaque = p.Value == ""
		case "stale":
			c.Stale = strings.EqualFold(p.Value, "true")
		case "algorithm":
			c.Algorithm = p.Value
		case "qop":
			for _, o := range strings.Split(p.Value, ",") {
				if o = trimWS(o); o != "" {
					c.QOP = append(c.QOP, o)
				}
			}
		default:
			c.Other = append(c.Other, p)
		}
	}
	return c, nil
}

// String formats the challenge canonically: realm, domain, nonce, opaque,
// stale, algorithm, qop, then the other parameters in their order. realm,
// domain, nonce, opaque and the qop list are quoted; algorithm and stale are
// not. Empty optional fields are left out, except an opaque="" that was parsed.
func (c *Challenge) String() string {
	if c == nil {
		return ""
	}
	w := digestWriter{scheme: c.Scheme}
	w.quoted("realm", c.Realm)
	w.quoted("domain", c.Domain)
	w.quoted("nonce", c.Nonce)
	if c.Opaque != "" || c.emptyOpaque {
		w.add("opaque", Quote(c.Opaque))
	}
	if c.Stale {
		w.add("stale", "true")
	}
	w.token("algorithm", c.Algorithm)
	if len(c.QOP) > 0 {
		w.add("qop", Quote(strings.Join(c.QOP, ",")))
	}
	w.other(c.Other)
	return w.String()
}

// ParseCredentials parses an Authorization or Proxy-Authorization header field
// value. Besides the syntax accepted by ParseChallenge it checks that nc, when
// present, is exactly 8 hex digits, and that a qop comes with a cnonce and an
// nc (RFC 7616 §3.4). Missing mandatory fields (username, response, …) are
// left for the server to judge; see DigestServer.Verify.
//
// An error is a *ParseError wrapping ErrSyntax; Message.Credentials also
// names the header and its line.
func ParseCredentials(s string) (*Credentials, error) {
	c, err := parseCredentials(s)
	if err != nil {
		return nil, syntaxError(0, "", "digest credentials: %v", err)
	}
	return c, nil
}

func parseCredentials(s string) (*Credentials, error) {
	scheme, params, err := parseAuth(s)
	if err != nil {
		return nil, err
	}
	c := &Credentials{Scheme: scheme}
	for _, p := range params {
		switch strings.ToLower(p.Name) {
		case "username":
			c.Username = p.Value
		case "realm":
			c.Realm = p.Value
		case "nonce":
			c.Nonce = p.Value
		case "uri":
			c.URI = p.Value
		case "response":
			c.Response = p.Value
		case "algorithm":
			c.Algorithm = p.Value
		case "cnonce":
			c.CNonce = p.Value
		case "opaque":
			c.Opaque = p.Value
			c.emptyOpaque = p.Value == ""
		case "qop":
			c.QOP = p.Value
		case "nc":
			if !digestIsNC(p.Value) {
				return nil, errorf("parameter %s: %q is not 8 hex digits (RFC 7616 §3.4), e.g. 00000001", p.Name, p.Value)
			}
			c.NC = p.Value
		case "userhash":
			c.Userhash = strings.EqualFold(p.Value, "true")
		default:
			c.Other = append(c.Other, p)
		}
	}
	if c.QOP != "" {
		var missing []string
		if c.CNonce == "" {
			missing = append(missing, "cnonce")
		}
		if c.NC == "" {
			missing = append(missing, "nc")
		}
		if len(missing) > 0 {
			return nil, errorf("qop=%s without %s (RFC 7616 §3.4: qop requires cnonce and nc)", c.QOP, strings.Join(missing, " and "))
		}
	}
	return c, nil
}

// Challenge parses the first header line named name: WWW-Authenticate (in a
// 401) or Proxy-Authenticate (in a 407). An error is a *ParseError that
// names the header and its line as Bytes writes the message (the start line
// is line 1).
func (m *Message) Challenge(name string) (*Challenge, error) {
	name = CanonicalName(name)
	i := m.index(name)
	if i < 0 {
		return nil, syntaxError(0, name, "missing: no challenge to answer")
	}
	c, err := parseChallenge(m.Headers[i].Value)
	if err != nil {
		return nil, syntaxError(i+2, name, "%v", err)
	}
	return c, nil
}

// Credentials parses every header line named name, Authorization or
// Proxy-Authorization, in order: a request that went through several
// proxies may carry credentials for each realm (RFC 3261 §22.3). An error is
// a *ParseError that names the header and its line as Bytes writes the
// message.
func (m *Message) Credentials(name string) ([]*Credentials, error) {
	name = CanonicalName(name)
	var out []*Credentials
	for i, h := range m.Headers {
		if h.Name == name {
			c, err := parseCredentials(h.Value)
			if err != nil {
				return nil, syntaxError(i+2, name, "%v", err)
			}
			out = append(out, c)
		}
	}
	return out, nil
}

// String formats the credentials canonically: username, realm, nonce, uri,
// response, algorithm, cnonce, opaque, qop, nc, userhash, then the other
// parameters in their order. algorithm, qop and nc are not quoted (RFC 7616
// §3.4 forbids it); the rest are. Empty fields are left out, except an
// opaque="" that was parsed or copied from a challenge.
func (c *Credentials) String() string {
	if c == nil {
		return ""
	}
	w := digestWriter{scheme: c.Scheme}
	w.quoted("username", c.Username)
	w.quoted("realm", c.Realm)
	w.quoted("nonce", c.Nonce)
	w.quoted("uri", c.URI)
	w.quoted("response", c.Response)
	w.token("algorithm", c.Algorithm)
	w.quoted("cnonce", c.CNonce)
	if c.Opaque != "" || c.emptyOpaque {
		w.add("opaque", Quote(c.Opaque))
	}
	w.token("qop", c.QOP)
	w.token("nc", c.NC)
	if c.Userhash {
		w.add("userhash", "true")
	}
	w.other(c.Other)
	return w.String()
}

// DigestInput holds everything that goes into a digest response.
type DigestInput struct {
	Algorithm                 string // MD5 (default when empty), MD5-sess, SHA-256, SHA-256-sess; any case
	Username, Realm, Password string
	Method, URI               string // the request's method and the digest-uri
	Nonce, CNonce, NC, QOP    string // QOP "", "auth" or "auth-int"; NC as 8 hex digits
	Body                      []byte // the message body, hashed for auth-int
}

// DigestSteps is the computation of a response, step by step. Every *Input
// field is exactly the string that was hashed into the field after it.
type DigestSteps struct {
	Algorithm string // canonical name: MD5, MD5-sess, SHA-256 or SHA-256-sess

	// HA1 = H(HA1Input). Without -sess HA1Input is "username:realm:password";
	// with -sess it is "HA1Base:nonce:cnonce" (RFC 2617 §3.2.2.2).
	HA1Input, HA1 string
	// Only for -sess: HA1Base = H("username:realm:password"); empty otherwise.
	HA1BaseInput, HA1Base string
	// HA2 = H(HA2Input): "method:uri", or "method:uri:H(body)" for auth-int
	// (RFC 2617 §3.2.2.3).
	HA2Input, HA2 string
	// BodyHash = H(body) for auth-int, else "".
	BodyHash string
	// Response = H(ResponseInput): "HA1:nonce:nc:cnonce:qop:HA2" with qop,
	// "HA1:nonce:HA2" without (RFC 2617 §3.2.2.1, RFC 2069 compatibility).
	ResponseInput, Response string
}

// digestAlgorithm is one supported algorithm (RFC 7616 §3.2; RFC 2617 §3.2.1).
type digestAlgorithm struct {
	name    string // canonical spelling
	sess    bool   // HA1 includes nonce and cnonce
	newHash func() hash.Hash
}

var digestAlgorithms = []digestAlgorithm{
	{"MD5", false, md5.New},
	{"MD5-sess", true, md5.New},
	{"SHA-256", false, sha256.New},
	{"SHA-256-sess", true, sha256.New},
}

// digestLookupAlgorithm finds an algorithm by name, case-insensitively;
// the empty name is MD5 (RFC 2617 §3.2.1).
func digestLookupAlgorithm(name string) (digestAlgorithm, bool) {
	if name == "" {
		return digestAlgorithms[0], true
	}
	for _, a := range digestAlgorithms {
		if strings.EqualFold(a.name, name) {
			return a, true
		}
	}
	return digestAlgorithm{}, false
}

func (a digestAlgorithm) sum(data []byte) string {
	h := a.newHash()
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

// ComputeDigest computes the response of RFC 2617 §3.2.2.1 / RFC 7616 §3.4.1
// and returns every intermediate string. It fails for an unknown algorithm or
// qop, for a qop without cnonce or nc, for an nc that is not 8 hex digits, and
// for a -sess algorithm without cnonce. The QOP and NC are hashed as written.
func ComputeDigest(in DigestInput) (DigestSteps, error) {
	alg, ok := digestLookupAlgorithm(in.Algorithm)
	if !ok {
		return DigestSteps{}, fmt.Errorf("digest: unsupported algorithm %q (want MD5, MD5-sess, SHA-256 or SHA-256-sess)", in.Algorithm)
	}
	authInt := strings.EqualFold(in.QOP, "auth-int")
	if in.QOP != "" && !authInt && !strings.EqualFold(in.QOP, "auth") {
		return DigestSteps{}, fmt.Errorf("digest: unsupported qop %q (want auth, auth-int or none)", in.QOP)
	}
	if in.QOP != "" {
		if in.CNonce == "" || in.NC == "" {
			return DigestSteps{}, fmt.Errorf("digest: qop=%s needs a cnonce and an nc (RFC 7616 §3.4)", in.QOP)
		}
		if !digestIsNC(in.NC) {
			return DigestSteps{}, fmt.Errorf("digest: nc %q is not 8 hex digits, e.g. 00000001", in.NC)
		}
	}
	if alg.sess && in.CNonce == "" {
		return DigestSteps{}, fmt.Errorf("digest: algorithm %s needs a cnonce (RFC 2617 §3.2.2.2)", alg.name)
	}

	st := DigestSteps{Algorithm: alg.name}
	credentials := in.Username + ":" + in.Realm + ":" + in.Password
	if alg.sess {
		st.HA1BaseInput = credentials
		st.HA1Base = alg.sum([]byte(st.HA1BaseInput))
		st.HA1Input = st.HA1Base + ":" + in.Nonce + ":" + in.CNonce
	} else {
		st.HA1Input = credentials
	}
	st.HA1 = alg.sum([]byte(st.HA1Input))

	st.HA2Input = in.Method + ":" + in.URI
	if authInt {
		st.BodyHash = alg.sum(in.Body)
		st.HA2Input += ":" + st.BodyHash
	}
	st.HA2 = alg.sum([]byte(st.HA2Input))

	if in.QOP != "" {
		st.ResponseInput = st.HA1 + ":" + in.Nonce + ":" + in.NC + ":" + in.CNonce + ":" + in.QOP + ":" + st.HA2
	} else {
		st.ResponseInput = st.HA1 + ":" + in.Nonce + ":" + st.HA2
	}
	st.Response = alg.sum([]byte(st.ResponseInput))
	return st, nil
}

// Authorize answers a Digest challenge (RFC 3261 §22.2 and §22.3). It picks
// qop "auth" if offered, else "auth-int" if offered, else none (the RFC 2069
// form that GB28181 devices use); copies realm, nonce, opaque and algorithm
// from the challenge (RFC 7616 §3.4); and fills in the response. The caller
// chooses cnonce and nc (the nc-th request with this nonce, from 1), which
// keeps a simulation deterministic. cnonce and nc are used only with a qop
// (and cnonce with a -sess algorithm).
func Authorize(ch *Challenge, username, password, method, uri string, cnonce string, nc uint32, body []byte) (*Credentials, DigestSteps, error) {
	if ch == nil {
		return nil, DigestSteps{}, errors.New("digest: no challenge to answer")
	}
	if ch.Scheme != "" && !strings.EqualFold(ch.Scheme, "Digest") {
		return nil, DigestSteps{}, fmt.Errorf("digest: cannot answer a %q challenge, only Digest (RFC 3261 §22.4)", ch.Scheme)
	}
	if ch.Nonce == "" {
		return nil, DigestSteps{}, errors.New("digest: challenge has no nonce")
	}
	qop, err := digestPickQOP(ch.QOP)
	if err != nil {
		return nil, DigestSteps{}, err
	}
	alg, ok := digestLookupAlgorithm(ch.Algorithm)
	if !ok {
		return nil, DigestSteps{}, fmt.Errorf("digest: challenge asks for unsupported algorithm %q", ch.Algorithm)
	}
	in := DigestInput{
		Algorithm: ch.Algorithm,
		Username:  username,
		Realm:     ch.Realm,
		Password:  password,
		Method:    method,
		URI:       uri,
		Nonce:     ch.Nonce,
		QOP:       qop,
		Body:      body,
	}
	if qop != "" || alg.sess {
		in.CNonce = cnonce
	}
	if qop != "" {
		if nc == 0 {
			return nil, DigestSteps{}, errors.New("digest: nc counts requests from 1 (RFC 7616 §3.4)")
		}
		in.NC = fmt.Sprintf("%08x", nc)
	}
	steps, err := ComputeDigest(in)
	if err != nil {
		return nil, DigestSteps{}, err
	}
	cr := &Credentials{
		Scheme:      "Digest",
		Username:    username,
		Realm:       ch.Realm,
		Nonce:       ch.Nonce,
		URI:         uri,
		Response:    steps.Response,
		Algorithm:   ch.Algorithm,
		CNonce:      in.CNonce,
		Opaque:      ch.Opaque,
		QOP:         qop,
		NC:          in.NC,
		emptyOpaque: ch.Opaque == "" && ch.emptyOpaque,
	}
	return cr, steps, nil
}

// digestPickQOP chooses among the offered qop options: auth, then auth-int,
// then none if nothing was offered.
func digestPickQOP(offered []string) (string, error) {
	if len(offered) == 0 {
		return "", nil
	}
	for _, want := range []string{"auth", "auth-int"} {
		if slices.ContainsFunc(offered, func(o string) bool { return strings.EqualFold(o, want) }) {
			return want, nil
		}
	}
	return "", fmt.Errorf("digest: challenge offers qop %q, none of which is supported (auth, auth-int)", strings.Join(offered, ","))
}

// digestIsNC reports whether s is an nc-value: exactly 8 hex digits.
func digestIsNC(s string) bool { return len(s) == 8 && span(s, 0, &hexChars) == 8 }

// parseAuth reads the value of an authentication header with the codec's
// tokenizer (scan.go): auth-scheme LWS auth-param *( COMMA auth-param )
// (RFC 3261 §25.1 challenge and credentials). A folded value is unfolded
// first, as Parse does; empty list elements are skipped; quoted values are
// unquoted. "digest" in any case becomes "Digest".
func parseAuth(s string) (string, []AuthParam, error) {
	s, bad := unfold(s)
	if bad >= 0 {
		return "", nil, errorf("line break at byte %d is not followed by white space: a header value cannot hold a new line", bad)
	}
	if err := checkText(s); err != nil {
		return "", nil, err
	}
	i := span(s, 0, &tokenChars)
	scheme := s[:i]
	switch {
	case s == "":
		return "", nil, errorf("missing auth scheme (empty value)")
	case scheme == "":
		return "", nil, errorf("missing auth scheme at %q", clip(s))
	case i < len(s) && s[i] == '=':
		return "", nil, errorf("missing auth scheme before parameter %s (want e.g. Digest %s=…)", scheme, scheme)
	case i < len(s) && !isWS(s[i]):
		return "", nil, errorf("unexpected %q after scheme %s", clip(s[i:]), scheme)
	}
	if strings.EqualFold(scheme, "Digest") {
		scheme = "Digest"
	}

	var params []AuthParam
	for {
		i = skipWS(s, i)
		if i >= len(s) {
			return scheme, params, nil
		}
		if s[i] == ',' { // an empty list element (§7.3.1)
			i++
			continue
		}
		p, next, err := scanParam(s, i, &authValueChars)
		switch {
		case err != nil:
			return "", nil, err
		case p.name == "":
			return "", nil, errorf("bad parameter name at %q", clip(s[next:]))
		case !p.hasValue:
			return "", nil, errorf("parameter %s: missing '='", p.name)
		case next < len(s) && s[next] != ',':
			return "", nil, errorf("parameter %s: expected ',' before %q", p.name, clip(s[next:]))
		}
		if slices.ContainsFunc(params, func(q AuthParam) bool { return strings.EqualFold(q.Name, p.name) }) {
			return "", nil, errorf("duplicate parameter %s", p.name)
		}
		a := AuthParam{Name: p.name, Value: p.value}
		if p.value[0] == '"' {
			a.Value, a.Quoted = unquote(p.value), true
		}
		params = append(params, a)
		i = next
	}
}

// digestWriter builds a canonical `Scheme name=value, name=value` string.
type digestWriter struct {
	scheme string // "" is written as "Digest"
	b      strings.Builder
}

func (w *digestWriter) add(name, formatted string) {
	if w.b.Len() == 0 {
		w.b.WriteString(cmp.Or(w.scheme, "Digest"))
		w.b.WriteByte(' ')
	} else {
		w.b.WriteString(", ")
	}
	w.b.WriteString(name)
	w.b.WriteByte('=')
	w.b.WriteString(formatted)
}

// quoted adds name="value" unless value is empty.
func (w *digestWriter) quoted(name, value string) {
	if value != "" {
		w.add(name, Quote(value))
	}
}

// token adds name=value unquoted unless value is empty; a value that cannot
// be written bare is quoted after all, so that it reads back the same.
func (w *digestWriter) token(name, value string) {
	if value != "" {
		w.add(name, digestBare(value))
	}
}

func (w *digestWriter) other(params []AuthParam) {
	for _, p := range params {
		if p.Quoted {
			w.add(p.Name, Quote(p.Value))
		} else {
			w.add(p.Name, digestBare(p.Value))
		}
	}
}

func (w *digestWriter) String() string {
	if w.b.Len() == 0 {
		return cmp.Or(w.scheme, "Digest")
	}
	return w.b.String()
}

// digestBare returns v as is if it can be written unquoted, else quoted.
func digestBare(v string) string {
	if v == "" {
		return `""`
	}
	if span(v, 0, &authValueChars) < len(v) {
		return Quote(v)
	}
	return v
}
