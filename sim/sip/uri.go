package sip

import (
	"net/netip"
	"strconv"
	"strings"
)

// URI is a SIP or SIPS URI (RFC 3261 §19.1), a tel URI (RFC 3966), or any
// other absolute URI (§25.1 absoluteURI), which SIP allows in To, From and
// Contact. Components are kept as written, escapes included, so String
// gives back the original text; use Unescape for the decoded value.
type URI struct {
	Scheme   string // "sip", "sips", "tel" or another scheme, as written
	User     string // user part, or the number of a tel URI
	Password string // only with HasPassword
	Host     string // host name, IPv4 address, or "[IPv6]" reference
	Port     int    // 0 when absent
	Params   Params // ";transport=tcp;lr"
	Headers  string // after "?", without it: "subject=project%20x&priority=urgent"
	Opaque   string // everything after "scheme:" for schemes other than sip, sips and tel

	HasPassword bool
}

// IsSIP reports whether the URI is a sip: or sips: URI.
func (u URI) IsSIP() bool {
	return strings.EqualFold(u.Scheme, "sip") || strings.EqualFold(u.Scheme, "sips")
}

// HostPort returns host[:port].
func (u URI) HostPort() string { return hostPort(u.Host, u.Port) }

// hostPort writes host[:port], leaving out a zero port.
func hostPort(host string, port int) string {
	if port == 0 {
		return host
	}
	var buf [64]byte
	return string(appendHostPort(buf[:0], host, port))
}

// appendHostPort appends host[:port] to b, leaving out a zero port.
func appendHostPort(b []byte, host string, port int) []byte {
	b = append(b, host...)
	if port == 0 {
		return b
	}
	return strconv.AppendInt(append(b, ':'), int64(port), 10)
}

// AddrOfRecord returns the URI reduced to scheme:user@host, the form under
// which a registrar keeps bindings (§10.3 step 5).
func (u URI) AddrOfRecord() string {
	if !u.IsSIP() {
		return u.String()
	}
	s := strings.ToLower(u.Scheme) + ":"
	if u.User != "" {
		s += Unescape(u.User) + "@"
	}
	return s + strings.ToLower(u.Host)
}

// String writes the URI in its textual form. A user or password that holds
// a character its grammar does not allow (§25.1: a space, '@', ':', a
// control character…) is written %HH-escaped, so that any text a lesson
// gives as a user name makes a valid URI that reads back as that text
// (Unescape); a component that is valid already is written as it is.
func (u URI) String() string { return string(u.AppendTo(make([]byte, 0, 64))) }

// AppendTo appends the URI's textual form to b.
func (u URI) AppendTo(b []byte) []byte {
	b = append(b, u.Scheme...)
	b = append(b, ':')
	if u.Opaque != "" {
		return append(b, u.Opaque...)
	}
	if strings.EqualFold(u.Scheme, "tel") {
		b = append(b, u.User...)
		return append(b, u.Params.String()...)
	}
	if u.User != "" || u.HasPassword {
		b = appendEscaped(b, u.User, &userChars)
		if u.HasPassword {
			b = append(b, ':')
			b = appendEscaped(b, u.Password, &passwordChars)
		}
		b = append(b, '@')
	}
	b = appendHostPort(b, u.Host, u.Port)
	b = append(b, u.Params.String()...)
	if u.Headers != "" {
		b = append(b, '?')
		b = append(b, u.Headers...)
	}
	return b
}

// ParseURI parses a URI. It refuses white space, "<" and ">" anywhere, and
// checks the SIP URI grammar of §25.1 for sip: and sips:.
func ParseURI(s string) (URI, error) {
	var u URI
	colon := strings.IndexByte(s, ':')
	if colon <= 0 {
		return u, errorf("URI %q has no scheme", s)
	}
	u.Scheme = s[:colon]
	if !isScheme(u.Scheme) {
		return u, errorf("URI %q: bad scheme %q", s, u.Scheme)
	}
	rest := s[colon+1:]
	switch {
	case strings.EqualFold(u.Scheme, "sip"), strings.EqualFold(u.Scheme, "sips"):
		if err := parseSIPURI(&u, rest); err != nil {
			return u, errorf("URI %q: %v", s, err)
		}
	case strings.EqualFold(u.Scheme, "tel"):
		if err := checkOpaque(s, rest); err != nil {
			return u, err
		}
		num, params, _ := strings.Cut(rest, ";")
		if num == "" {
			return u, errorf("URI %q: tel URI has no number", s)
		}
		u.User = num
		if params != "" {
			u.Params = Params(rest[len(num):])
			if err := checkURIParams(string(u.Params)); err != nil {
				return u, errorf("URI %q: %v", s, err)
			}
		}
	default:
		if err := checkOpaque(s, rest); err != nil {
			return u, err
		}
		if rest == "" {
			return u, errorf("URI %q is empty after the scheme", s)
		}
		u.Opaque = rest
	}
	return u, nil
}

// appendEscaped appends s, escaping as %HH each byte that is not in class
// and each '%' that does not start an escape (§19.1.2): s unchanged when
// checkEscaped accepts it.
func appendEscaped(b []byte, s string, class *[256]bool) []byte {
	i := checkEscaped(s, class)
	if i < 0 {
		return append(b, s...)
	}
	const hexDigits = "0123456789ABCDEF"
	b = append(b, s[:i]...)
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case isEscape(s, i):
			b = append(b, s[i:i+3]...)
			i += 2
		case c != '%' && class[c]:
			b = append(b, c)
		default:
			b = append(b, '%', hexDigits[c>>4], hexDigits[c&15])
		}
	}
	return b
}

// checkOpaque refuses what no URI may hold unescaped: white space,
// controls, '<', '>' and '"'. (The SIP URI grammar refuses them anyway.)
func checkOpaque(s, rest string) error {
	for i := 0; i < len(rest); i++ {
		if c := rest[i]; c <= ' ' || c == '<' || c == '>' || c == '"' || c == 0x7f {
			return errorf("URI %q: character %q is not allowed (escape it as %%%02X)", s, c, c)
		}
	}
	return nil
}

// isScheme: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
func isScheme(s string) bool {
	return s != "" && isAlpha(s[0]) && span(s, 1, &schemeChars) == len(s)
}

func isAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// parseSIPURI parses what follows "sip:": [userinfo "@"] hostport
// uri-parameters [headers] (§25.1). Neither parameters nor headers may hold
// a bare "@", so the first "@" ends the userinfo; the user part itself may
// hold ";" and "?" (RFC 4475 §3.1.1.2).
func parseSIPURI(u *URI, s string) error {
	if at := strings.IndexByte(s, '@'); at >= 0 {
		userinfo := s[:at]
		s = s[at+1:]
		user, pass, hasPass := strings.Cut(userinfo, ":")
		if user == "" {
			return errorf("empty user part before '@'")
		}
		if i := checkEscaped(user, &userChars); i >= 0 {
			return errorf("user part %q: bad character at %q", user, user[i:])
		}
		if hasPass {
			if i := checkEscaped(pass, &passwordChars); i >= 0 {
				return errorf("password %q: bad character at %q", pass, pass[i:])
			}
		}
		u.User, u.Password, u.HasPassword = user, pass, hasPass
	}
	if q := strings.IndexByte(s, '?'); q >= 0 {
		u.Headers = s[q+1:]
		s = s[:q]
		if err := checkURIHeaders(u.Headers); err != nil {
			return err
		}
	}
	hostport := s
	if semi := strings.IndexByte(s, ';'); semi >= 0 {
		hostport = s[:semi]
		u.Params = Params(s[semi:])
		if err := checkURIParams(string(u.Params)); err != nil {
			return err
		}
	}
	host, port, err := splitHostPort(hostport)
	if err != nil {
		return err
	}
	u.Host, u.Port = host, port
	return nil
}

// splitHostPort parses hostport = host [ ":" port ] with host a host name,
// an IPv4 address, or an IPv6 reference in brackets.
func splitHostPort(s string) (string, int, error) {
	// Not strings.Cut: IndexByte costs less, and every URI and Via comes here.
	host, portText, hasPort := s, "", false
	if i := strings.IndexByte(s, ':'); i >= 0 {
		host, portText, hasPort = s[:i], s[i+1:], true
	}
	ipv6 := strings.HasPrefix(s, "[")
	if ipv6 {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return "", 0, errorf("IPv6 reference %q has no ']'", s)
		}
		host = s[:end+1]
		if a, err := netip.ParseAddr(s[1:end]); err != nil || !a.Is6() || a.Zone() != "" {
			return "", 0, errorf("bad IPv6 address %q", s[1:end])
		}
		rest := s[end+1:]
		if rest != "" && rest[0] != ':' {
			return "", 0, errorf("unexpected %q after IPv6 reference", rest)
		}
		portText, hasPort = strings.CutPrefix(rest, ":")
	}
	if hasPort && portText == "" {
		return "", 0, errorf("empty port after ':'")
	}
	if !ipv6 {
		if err := checkHostName(host); err != nil {
			return "", 0, err
		}
	}
	port := 0
	if portText != "" {
		if !isDigits(portText) || len(portText) > 5 {
			return "", 0, errorf("port %q is not a number", portText)
		}
		port, _ = strconv.Atoi(portText)
		if port == 0 || port > 65535 {
			return "", 0, errorf("port %d is out of range (1–65535)", port)
		}
	}
	return host, port, nil
}

// checkHostName accepts hostname = *( domainlabel "." ) toplabel [ "." ]
// and IPv4address; labels are letters, digits and inner hyphens.
func checkHostName(h string) error {
	if h == "" {
		return errorf("empty host")
	}
	prev := byte('.')
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !hostChars[c] {
			return errorf("host %q: character %q is not allowed", h, c)
		}
		if c == '.' || c == '-' {
			switch {
			case prev == '.' && c == '-':
				return errorf("host %q: label starts with '-'", h)
			case prev == '.' || prev == '-':
				return errorf("host %q: empty or bad label", h)
			}
		}
		prev = c
	}
	if prev == '-' {
		return errorf("host %q: label ends with '-'", h)
	}
	return nil
}

// checkURIParams: *( ";" pname [ "=" pvalue ] ), pname and pvalue 1*paramchar.
func checkURIParams(s string) error {
	if s == "" {
		return nil
	}
	if s[0] != ';' {
		return errorf("bad parameters %q", s)
	}
	for item := range strings.SplitSeq(s[1:], ";") {
		name, value, has := strings.Cut(item, "=")
		if name == "" {
			return errorf("empty URI parameter")
		}
		if i := checkEscaped(name, &paramChars); i >= 0 {
			return errorf("URI parameter %q: bad character", item)
		}
		if has {
			if value == "" {
				return errorf("URI parameter %q has no value after '='", name)
			}
			if i := checkEscaped(value, &paramChars); i >= 0 {
				return errorf("URI parameter %q: bad character in value", name)
			}
		}
	}
	return nil
}

// checkURIHeaders: hname "=" hvalue *( "&" hname "=" hvalue ).
func checkURIHeaders(s string) error {
	if s == "" {
		return errorf("empty headers after '?'")
	}
	for item := range strings.SplitSeq(s, "&") {
		name, value, has := strings.Cut(item, "=")
		if name == "" || !has {
			return errorf("URI header %q is not name=value", item)
		}
		if checkEscaped(name, &headerURIChars) >= 0 || checkEscaped(value, &headerURIChars) >= 0 {
			return errorf("URI header %q: bad character", item)
		}
	}
	return nil
}

// WithHeader returns u with the header name: value added to its headers
// component (§19.1.1), the value escaped as hvalue needs: a Refer-To URI
// carrying a Replaces header, say (RFC 3891 §6.1). Every '%' of the value
// is escaped too, so that HeaderFields gives back exactly value.
func (u URI) WithHeader(name, value string) URI {
	h := string(appendEscaped([]byte(name+"="), strings.ReplaceAll(value, "%", "%25"), &headerURIChars))
	if u.Headers != "" {
		h = u.Headers + "&" + h
	}
	u.Headers = h
	return u
}

// HeaderFields returns the headers of u's headers component (§19.1.1),
// names canonical and values unescaped: the header fields of a request
// formed from the URI (§19.1.5). u.Headers was checked by ParseURI.
func (u URI) HeaderFields() []Header {
	var out []Header
	if u.Headers == "" {
		return nil
	}
	for item := range strings.SplitSeq(u.Headers, "&") {
		name, value, _ := strings.Cut(item, "=")
		out = append(out, Header{CanonicalName(Unescape(name)), Unescape(value)})
	}
	return out
}
