package sip

import (
	"cmp"
	"strconv"
	"strings"
)

// SDP is the small part of a session description (RFC 4566) that SIP's
// offer/answer model (RFC 3264) needs: who offers, where to send media, and
// which codecs. Lines of other types are kept verbatim in Extra (session
// level) and Media.Extra, and written back after the lines modelled here;
// in a media section, the lines RFC 4566 §5 does not define (GB/T 28181's
// y= and f=) come after its a= lines, where that standard puts them.
type SDP struct {
	Version    int         // v=
	Origin     Origin      // o=
	Name       string      // s=
	Connection *Connection // c= at session level
	Times      []string    // t= lines: "0 0"
	Attributes []string    // a= lines at session level, without "a="
	Extra      []string    // other session-level lines, whole: "b=AS:64"
	Media      []Media     // m= sections
}

// Origin is the o= line: who made the description and which version it is.
type Origin struct {
	Username, SessionID, SessionVersion string
	NetType, AddrType, Address          string
}

// Connection is a c= line: where media goes.
type Connection struct {
	NetType, AddrType, Address string
}

// Media is an m= section.
type Media struct {
	Type       string   // audio, video, …
	Port       int      // 0 rejects the stream in an answer (RFC 3264 §6)
	Proto      string   // RTP/AVP
	Formats    []string // payload type numbers for RTP/AVP
	Connection *Connection
	Attributes []string // a= lines without "a=": "rtpmap:0 PCMU/8000", "sendrecv"
	Extra      []string
}

// staticPayloads are the RTP/AVP payload types with fixed meanings that the
// course uses (RFC 3551 §6): PCMU 0, GSM 3, G723 4, PCMA 8, G729 18.
var staticPayloads = map[string]string{
	"0": "PCMU/8000", "3": "GSM/8000", "4": "G723/8000", "8": "PCMA/8000",
	"9": "G722/8000", "18": "G729/8000",
}

// RTPMap returns the encoding of a payload format, "PCMU/8000": from an
// a=rtpmap line, or from the static table of RFC 3551.
func (m Media) RTPMap(format string) string {
	for _, a := range m.Attributes {
		if v, ok := strings.CutPrefix(a, "rtpmap:"); ok {
			pt, enc, _ := strings.Cut(v, " ")
			if pt == format {
				return enc
			}
		}
	}
	return staticPayloads[format]
}

// Attribute returns the value of the first a=name[:value] attribute of the
// media section and whether it is present.
func (m Media) Attribute(name string) (string, bool) {
	for _, a := range m.Attributes {
		n, v, _ := strings.Cut(a, ":")
		if n == name {
			return v, true
		}
	}
	return "", false
}

func (c *Connection) String() string { return c.NetType + " " + c.AddrType + " " + c.Address }

// ParseSDP parses a session description. Lines may end in CRLF or LF. Errors
// name the line: "SDP line 4: m= needs media, port, proto and formats".
func ParseSDP(b []byte) (*SDP, error) {
	s := &SDP{}
	// Where c=, a= and other lines go: the session's fields until the first
	// m= line, then the last media section's.
	conn, attrs, extra := &s.Connection, &s.Attributes, &s.Extra
	var seen [256]bool // the line types met so far
	for n, line := range strings.Split(strings.TrimRight(string(b), "\r\n"), "\n") {
		line = strings.TrimSuffix(line, "\r")
		no := n + 1
		bad := func(format string, args ...any) error {
			return errorf("SDP line %d: "+format, append([]any{no}, args...)...)
		}
		if len(line) < 2 || line[1] != '=' {
			return nil, bad("%q is not type=value", clip(line))
		}
		typ, val := line[0], line[2:]
		if n == 0 && typ != 'v' {
			return nil, bad("the description must start with v=")
		}
		seen[typ] = true
		switch typ {
		case 'v':
			if n != 0 {
				return nil, bad("v= may appear only first")
			}
			v, err := strconv.Atoi(val)
			if err != nil {
				return nil, bad("version %q is not a number", val)
			}
			s.Version = v
		case 'o':
			f := strings.Fields(val)
			if len(f) != 6 {
				return nil, bad("o= needs username, session id, version, net type, address type and address")
			}
			s.Origin = Origin{f[0], f[1], f[2], f[3], f[4], f[5]}
		case 's':
			s.Name = val
		case 'c':
			f := strings.Fields(val)
			if len(f) != 3 {
				return nil, bad("c= needs net type, address type and address")
			}
			*conn = &Connection{f[0], f[1], f[2]}
		case 't':
			s.Times = append(s.Times, val)
		case 'm':
			f := strings.Fields(val)
			if len(f) < 4 {
				return nil, bad("m= needs media, port, proto and formats")
			}
			portText, _, _ := strings.Cut(f[1], "/")
			port, err := strconv.Atoi(portText)
			if err != nil || port < 0 || port > 65535 {
				return nil, bad("port %q is not a port number", f[1])
			}
			s.Media = append(s.Media, Media{Type: f[0], Port: port, Proto: f[2], Formats: f[3:]})
			m := &s.Media[len(s.Media)-1]
			conn, attrs, extra = &m.Connection, &m.Attributes, &m.Extra
		case 'a':
			*attrs = append(*attrs, val)
		default:
			if typ < 'a' || typ > 'z' {
				return nil, bad("unknown line type %q", typ)
			}
			*extra = append(*extra, line)
		}
	}
	for _, need := range []byte("vost") {
		if !seen[need] {
			return nil, errorf("SDP: the %c= line is missing (RFC 4566 §5)", need)
		}
	}
	if s.Connection == nil {
		for i, m := range s.Media {
			if m.Connection == nil {
				return nil, errorf("SDP: media %d (%s) has no c= line and there is none at session level", i+1, m.Type)
			}
		}
	}
	return s, nil
}

// Bytes writes the description with CRLF line ends, in the order of RFC
// 4566 §5.
func (s *SDP) Bytes() []byte {
	var b strings.Builder
	line := func(typ byte, val string) {
		b.WriteByte(typ)
		b.WriteByte('=')
		b.WriteString(val)
		b.WriteString("\r\n")
	}
	line('v', strconv.Itoa(s.Version))
	o := s.Origin
	line('o', strings.Join([]string{o.Username, o.SessionID, o.SessionVersion, o.NetType, o.AddrType, o.Address}, " "))
	line('s', cmp.Or(s.Name, "-"))
	if s.Connection != nil {
		line('c', s.Connection.String())
	}
	for _, x := range s.Extra {
		b.WriteString(x)
		b.WriteString("\r\n")
	}
	times := s.Times
	if len(times) == 0 {
		times = []string{"0 0"}
	}
	for _, t := range times {
		line('t', t)
	}
	for _, a := range s.Attributes {
		line('a', a)
	}
	for _, m := range s.Media {
		line('m', m.Type+" "+strconv.Itoa(m.Port)+" "+m.Proto+" "+strings.Join(m.Formats, " "))
		if m.Connection != nil {
			line('c', m.Connection.String())
		}
		extra := func(before bool) {
			for _, x := range m.Extra {
				if (x != "" && strings.IndexByte("ibk", x[0]) >= 0) == before {
					b.WriteString(x)
					b.WriteString("\r\n")
				}
			}
		}
		extra(true)
		for _, a := range m.Attributes {
			line('a', a)
		}
		extra(false)
	}
	return []byte(b.String())
}
