package sip

import (
	"cmp"
	"strings"
	"sync"
)

// MagicCookie starts every branch built by an RFC 3261 element (§8.1.1.7),
// so that a server can tell it from an RFC 2543 transaction identifier.
const MagicCookie = "z9hG4bK"

// Via is one via-parm of a Via header (§20.42): where a request has been,
// and so where its responses must go back to.
type Via struct {
	Protocol  string // "SIP/2.0"
	Transport string // "UDP", "TCP", "TLS", "SCTP", …
	Host      string // sent-by host
	Port      int    // sent-by port, 0 when absent
	Params    Params // ";branch=z9hG4bK776asdhds;received=192.0.2.1"
}

// Branch returns the branch parameter, the transaction identifier (§17.1.3).
func (v Via) Branch() string { return v.Params.Value("branch") }

// Received returns the received parameter (§18.2.1).
func (v Via) Received() string { return v.Params.Value("received") }

// RPort returns the rport parameter (RFC 3581): present reports whether the
// client asked for it, value is the port filled in by the server, if any.
func (v Via) RPort() (value string, present bool) { return v.Params.Get("rport") }

// SentBy returns host[:port].
func (v Via) SentBy() string { return hostPort(v.Host, v.Port) }

// String writes the via-parm canonically.
func (v Via) String() string {
	var buf [128]byte // one allocation, the string, for most via-parms
	b := append(buf[:0], cmp.Or(v.Protocol, "SIP/2.0")...)
	b = append(b, '/')
	b = append(b, v.Transport...)
	b = append(b, ' ')
	b = appendHostPort(b, v.Host, v.Port)
	b = append(b, v.Params.String()...)
	return string(b)
}

// ParseVia parses a whole Via header value: one or more via-parms separated
// by commas.
func ParseVia(s string) ([]Via, error) {
	var out []Via
	err := parseVias(s, &out)
	return out, err
}

// parseVias appends the via-parms of a Via header value to out; with out nil
// it only checks them.
func parseVias(s string, out *[]Via) error {
	return splitList(s, func(item string) error {
		v, err := parseViaParm(item)
		if err == nil && out != nil {
			*out = append(*out, v)
		}
		return err
	})
}

// parseViaParm parses sent-protocol LWS sent-by *( SEMI via-params ) where
// sent-protocol = protocol-name SLASH protocol-version SLASH transport and
// SLASH allows white space around "/" (RFC 4475 §3.1.1.1).
func parseViaParm(s string) (Via, error) {
	if v, ok := recentVias.get(s); ok {
		return v, nil
	}
	v, err := parseViaParmAnew(s)
	if err == nil {
		recentVias.put(s, v)
	}
	return v, err
}

// recentVias are the via-parms parsed last, and what they parsed to: a
// message's Via lines are parsed when it is read, and its top via-parm again
// each time an element asks for it as it handles the message (matching a
// transaction, choosing where to respond, stamping received=). A Via is a
// value and the same text always parses to the same Via, so a repeat is
// answered from here.
var recentVias viaMemo

type viaMemo struct {
	sync.Mutex
	next  int
	parms [4]string
	vias  [4]Via
}

func (m *viaMemo) get(s string) (Via, bool) {
	m.Lock()
	defer m.Unlock()
	for i, p := range m.parms {
		if p == s && s != "" { // "" is an empty slot, and a Via error
			return m.vias[i], true
		}
	}
	return Via{}, false
}

func (m *viaMemo) put(s string, v Via) {
	m.Lock()
	defer m.Unlock()
	m.parms[m.next], m.vias[m.next] = s, v
	m.next = (m.next + 1) % len(m.parms)
}

// parseViaParmAnew is parseViaParm without the memo.
func parseViaParmAnew(s string) (Via, error) {
	var v Via
	if s == "" {
		return v, errorf("empty Via element")
	}
	var parts [3]string
	i := 0
	for k := 0; k < 3; k++ {
		i = skipWS(s, i)
		j := span(s, i, &tokenChars)
		if j == i {
			return v, errorf("Via %q: expected SIP/2.0/transport", s)
		}
		parts[k] = s[i:j]
		i = skipWS(s, j)
		if k < 2 {
			if i >= len(s) || s[i] != '/' {
				return v, errorf("Via %q: expected '/' in sent-protocol", s)
			}
			i++
		}
	}
	if !strings.EqualFold(parts[0], "SIP") || parts[1] != "2.0" {
		return v, errorf("Via %q: protocol %s/%s is not SIP/2.0", s, parts[0], parts[1])
	}
	v.Protocol = "SIP/2.0"
	v.Transport = parts[2]
	if i == len(s) || !isWS(s[i-1]) {
		return v, errorf("Via %q: expected a space and the sent-by host", s)
	}
	j := i
	if j < len(s) && s[j] == '[' {
		for j < len(s) && s[j] != ']' {
			j++
		}
	}
	for j < len(s) && s[j] != ';' && !isWS(s[j]) {
		j++
	}
	host, port, err := splitHostPort(s[i:j])
	if err != nil {
		return v, errorf("Via sent-by %q: %v", s[i:j], err)
	}
	v.Host, v.Port = host, port
	rest := s[j:]
	if err := checkHeaderParams(rest); err != nil {
		return v, errorf("Via %q: %v", s, err)
	}
	v.Params = Params(trimWS(rest))
	if b, ok := v.Params.Get("branch"); ok && b == "" {
		return v, errorf("Via %q: empty branch", s)
	}
	return v, nil
}
