package sip

import (
	"cmp"
	"slices"
	"strings"
)

// Methods of RFC 3261 and the extensions siplab's lessons use.
const (
	INVITE    = "INVITE"
	ACK       = "ACK"
	BYE       = "BYE"
	CANCEL    = "CANCEL"
	OPTIONS   = "OPTIONS"
	REGISTER  = "REGISTER"
	INFO      = "INFO"      // RFC 6086
	MESSAGE   = "MESSAGE"   // RFC 3428
	PRACK     = "PRACK"     // RFC 3262
	UPDATE    = "UPDATE"    // RFC 3311
	SUBSCRIBE = "SUBSCRIBE" // RFC 6665
	NOTIFY    = "NOTIFY"    // RFC 6665
	REFER     = "REFER"     // RFC 3515
)

// Message is a SIP request or response (§7). Headers keep the order and the
// grouping of the lines they came in; their names are canonical (see
// CanonicalName) and their values unfolded and trimmed. The typed accessors
// parse on demand, so a header the program never asks about costs nothing.
type Message struct {
	// Request-Line (§7.1); Method is "" in a response.
	Method     string
	RequestURI URI

	// Status-Line (§7.2); StatusCode is 0 in a request.
	StatusCode int
	Reason     string

	Headers []Header
	Body    []byte
}

// Header is one header line: a canonical name and its unfolded value.
type Header struct {
	Name  string
	Value string
}

// IsRequest reports whether m is a request.
func (m *Message) IsRequest() bool { return m.StatusCode == 0 }

// StartLine returns the Request-Line or Status-Line as Bytes writes it,
// without CRLF.
func (m *Message) StartLine() string { return string(m.appendStartLine(make([]byte, 0, 64), true)) }

// NewRequest returns a request with the given method and Request-URI and no
// headers yet.
func NewRequest(method string, uri URI) *Message {
	return &Message{Method: method, RequestURI: uri}
}

// NewResponse builds a response to req as §8.2.6.2 says: the same Via
// header lines in order, From, To, Call-ID and CSeq copied. A reason of ""
// uses the standard phrase. The To tag, if needed, is the caller's job.
func NewResponse(req *Message, code int, reason string) *Message {
	r := &Message{StatusCode: code, Reason: cmp.Or(reason, StatusText(code))}
	copied := func(h Header) bool {
		switch h.Name {
		case "Via", "From", "To", "Call-ID", "CSeq":
			return true
		}
		return false
	}
	n := 0
	for _, h := range req.Headers {
		if copied(h) {
			n++
		}
	}
	if n > 0 {
		// Room for the lines the responder adds: Contact, Record-Route,
		// Content-Type, Content-Length…
		r.Headers = make([]Header, 0, n+6)
	}
	for _, h := range req.Headers {
		if copied(h) {
			r.Headers = append(r.Headers, h)
		}
	}
	return r
}

// Clone returns a deep copy of m.
func (m *Message) Clone() *Message {
	c := *m
	c.Headers = slices.Clone(m.Headers)
	c.Body = slices.Clone(m.Body)
	return &c
}

// Get returns the value of the first header with that name (any spelling,
// compact forms included), or "".
func (m *Message) Get(name string) string {
	if i := m.index(CanonicalName(name)); i >= 0 {
		return m.Headers[i].Value
	}
	return ""
}

// Has reports whether a header with that name is present.
func (m *Message) Has(name string) bool { return m.index(CanonicalName(name)) >= 0 }

// index returns the position of the first header line named name, which
// must be canonical, or -1.
func (m *Message) index(name string) int {
	return slices.IndexFunc(m.Headers, func(h Header) bool { return h.Name == name })
}

// Values returns the values of every header line with that name, in order.
func (m *Message) Values(name string) []string {
	name = CanonicalName(name)
	var out []string
	for _, h := range m.Headers {
		if h.Name == name {
			out = append(out, h.Value)
		}
	}
	return out
}

// Set replaces the first header with that name and removes the others, or
// appends the header when there is none.
func (m *Message) Set(name, value string) {
	name = CanonicalName(name)
	i := m.index(name)
	if i < 0 {
		m.Headers = append(m.Headers, Header{name, value})
		return
	}
	m.Headers[i].Value = value
	m.removeFrom(name, i+1)
}

// Add appends a header line at the end.
func (m *Message) Add(name, value string) {
	m.Headers = append(m.Headers, Header{CanonicalName(name), value})
}

// Prepend puts a header line before the first line with the same name: how
// a proxy pushes its Via (§16.6 step 8) and its Record-Route (§16.6 step 4).
// When there is none, the line goes right after the Via lines (at the top
// if there are none), where a reader looks for routing headers.
func (m *Message) Prepend(name, value string) {
	name = CanonicalName(name)
	at, found := 0, false
	for i, h := range m.Headers {
		if h.Name == name {
			at, found = i, true
			break
		}
		if h.Name == "Via" {
			at = i + 1
		}
	}
	if !found && name == "Via" {
		at = 0
	}
	m.Headers = slices.Insert(m.Headers, at, Header{name, value})
}

// Del removes every header with that name.
func (m *Message) Del(name string) { m.removeFrom(CanonicalName(name), 0) }

func (m *Message) removeFrom(name string, from int) {
	kept := slices.DeleteFunc(m.Headers[from:], func(h Header) bool { return h.Name == name })
	m.Headers = m.Headers[:from+len(kept)]
}

// Vias returns every via-parm of the message, top first.
func (m *Message) Vias() ([]Via, error) {
	var out []Via
	for _, h := range m.Headers {
		if h.Name == "Via" {
			if err := parseVias(h.Value, &out); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// TopVia returns the first via-parm.
func (m *Message) TopVia() (Via, error) {
	return parseFirst(m, "Via", func(v string) (Via, error) {
		first, _ := cutFirstElement(v)
		return parseViaParm(first)
	})
}

// SetTopVia replaces the first via-parm, keeping the others of its line.
func (m *Message) SetTopVia(v Via) {
	i := m.index("Via")
	if i < 0 {
		m.Prepend("Via", v.String())
		return
	}
	if _, rest := cutFirstElement(m.Headers[i].Value); rest != "" {
		m.Headers[i].Value = v.String() + ", " + rest
	} else {
		m.Headers[i].Value = v.String()
	}
}

// PopVia removes the first via-parm and returns it: how a proxy takes its own
// Via off a response (§16.7 step 3). A header line that held several keeps
// the rest.
func (m *Message) PopVia() (Via, error) {
	top, err := m.TopVia()
	if err != nil {
		return top, err
	}
	m.popFirst("Via")
	return top, nil
}

// PopRoute removes the first Route value: how a proxy takes its own Route
// off a request (§16.4). Like PopVia, it works in place: the other header
// lines keep their order (§16.6 step 1: the copy keeps every header field).
func (m *Message) PopRoute() { m.popFirst("Route") }

// popFirst removes the first element of the first header line named name
// (canonical), and the line itself when it held no other.
func (m *Message) popFirst(name string) {
	i := m.index(name)
	if i < 0 {
		return
	}
	if _, rest := cutFirstElement(m.Headers[i].Value); rest != "" {
		m.Headers[i].Value = rest
	} else {
		m.Headers = slices.Delete(m.Headers, i, i+1)
	}
}

// cutFirstElement splits a list value after its first element, ignoring
// commas inside quoted strings and <…>.
func cutFirstElement(s string) (first, rest string) {
	end, _ := elementEnd(s, ',')
	if end == len(s) {
		return trimWS(s), ""
	}
	return trimWS(s[:end]), trimWS(s[end+1:])
}

// From returns the parsed From header.
func (m *Message) From() (Address, error) { return parseFirst(m, "From", ParseAddress) }

// To returns the parsed To header.
func (m *Message) To() (Address, error) { return parseFirst(m, "To", ParseAddress) }

// parseFirst parses the first header line named name, which must be
// canonical.
func parseFirst[T any](m *Message, name string, parse func(string) (T, error)) (T, error) {
	i := m.index(name)
	if i < 0 {
		var none T
		return none, errorf("no %s header", name)
	}
	return parse(m.Headers[i].Value)
}

// CallID returns the Call-ID header.
func (m *Message) CallID() string { return m.Get("Call-ID") }

// CSeq returns the parsed CSeq header.
func (m *Message) CSeq() (CSeq, error) { return parseFirst(m, "CSeq", ParseCSeq) }

// MaxForwards returns the Max-Forwards value and whether it is present.
func (m *Message) MaxForwards() (int, bool) {
	n, err := parseSmallUint(m.Get("Max-Forwards"), 255)
	return int(n), err == nil
}

// Contacts returns the Contact addresses; star reports "Contact: *" (§10.2.2).
func (m *Message) Contacts() (list []Address, star bool, err error) {
	for _, v := range m.Values("Contact") {
		if v == "*" {
			star = true
			continue
		}
		if err := parseAddressList(v, false, &list); err != nil {
			return nil, false, err
		}
	}
	return list, star, nil
}

// Routes returns the Route header's addresses in order.
func (m *Message) Routes() ([]Address, error) { return m.addressList("Route") }

// RecordRoutes returns the Record-Route header's addresses in order.
func (m *Message) RecordRoutes() ([]Address, error) { return m.addressList("Record-Route") }

func (m *Message) addressList(name string) ([]Address, error) {
	var out []Address
	for _, v := range m.Values(name) {
		if err := parseAddressList(v, false, &out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Expires returns the Expires header in seconds and whether it is present.
func (m *Message) Expires() (int, bool) { return seconds(m.Get("Expires")) }

// ContentType returns the media type without parameters, lower-cased:
// "application/sdp".
func (m *Message) ContentType() string {
	v, _, _ := strings.Cut(m.Get("Content-Type"), ";")
	return strings.ToLower(strings.ReplaceAll(trimWS(v), " ", ""))
}
