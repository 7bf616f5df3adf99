package sip

import "strconv"

// Bytes serializes m canonically (§7): the start line, each header line as
// "Name: value" with its full name, CRLF line ends, an empty line, the body.
// Content-Length always tells the body's true length: an existing header is
// rewritten in place, a missing one is added last (§18.3, §20.14).
func (m *Message) Bytes() []byte {
	n := 64 + len(m.Body)
	for _, h := range m.Headers {
		n += len(h.Name) + len(h.Value) + 4
	}
	b := make([]byte, 0, n)
	return m.AppendTo(b)
}

// AppendTo appends the serialization of m to b.
func (m *Message) AppendTo(b []byte) []byte {
	if m.IsRequest() {
		b = append(b, m.Method...)
		b = append(b, ' ')
		b = m.RequestURI.AppendTo(b)
		b = append(b, " SIP/2.0\r\n"...)
	} else {
		b = append(b, "SIP/2.0 "...)
		b = strconv.AppendInt(b, int64(m.StatusCode), 10)
		b = append(b, ' ')
		b = append(b, m.Reason...)
		b = append(b, "\r\n"...)
	}
	hasLength := false
	for _, h := range m.Headers {
		b = append(b, h.Name...)
		b = append(b, ": "...)
		if h.Name == "Content-Length" {
			hasLength = true
			b = strconv.AppendInt(b, int64(len(m.Body)), 10)
		} else {
			b = append(b, h.Value...)
		}
		b = append(b, "\r\n"...)
	}
	if !hasLength {
		b = append(b, "Content-Length: "...)
		b = strconv.AppendInt(b, int64(len(m.Body)), 10)
		b = append(b, "\r\n"...)
	}
	b = append(b, "\r\n"...)
	return append(b, m.Body...)
}

// String returns the serialization as a string.
func (m *Message) String() string { return string(m.Bytes()) }
