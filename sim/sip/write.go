package sip

import (
	"bytes"
	"strconv"
)

// Bytes serializes m canonically (§7): the start line, each header line as
// "Name: value" with its full name, CRLF line ends, an empty line, the body.
// Content-Length always tells the body's true length: an existing header is
// rewritten in place, a missing one is added last (§18.3, §20.14).
//
// Bytes never writes a line break that it did not put there itself: a CR or
// LF inside the method, the Request-URI, the reason phrase, a header's name
// or its value is written as a space, so that no text an element or a
// lesson supplies can end a header line early or add a line of its own.
// The body, framed by Content-Length, is written as it is.
func (m *Message) Bytes() []byte {
	// Room for all of it, so that appending never copies the message: the
	// start line's fixed parts and a Content-Length line Bytes may add fit
	// in the 96.
	u := &m.RequestURI
	n := 96 + len(m.Method) + len(m.Reason) + len(u.Scheme) + len(u.User) + len(u.Host) + len(u.Params) + len(u.Headers) + len(u.Opaque) + len(m.Body)
	for _, h := range m.Headers {
		n += len(h.Name) + len(h.Value) + 4
	}
	b := make([]byte, 0, n)
	return m.AppendTo(b)
}

// AppendTo appends the serialization of m to b (see Bytes).
func (m *Message) AppendTo(b []byte) []byte {
	start := len(b)
	b, lines := m.appendHead(b, false)
	// Each line written ends in exactly one CRLF: any other CR or LF came
	// from a field. Counting them is cheaper than checking every field on
	// the way, and a message built from clean fields pays nothing more.
	if head := b[start:]; bytes.Count(head, crlf[1:]) != lines || bytes.Count(head, crlf[:1]) != lines {
		b, _ = m.appendHead(b[:start], true)
	}
	return append(b, m.Body...)
}

var crlf = []byte("\r\n")

// appendHead appends the start line, the header lines and the empty line,
// and returns how many lines it wrote. With clean set, the CR and LF inside
// fields are written as spaces (noBreaks).
func (m *Message) appendHead(b []byte, clean bool) ([]byte, int) {
	b = m.appendStartLine(b, clean)
	b = append(b, "\r\n"...)
	hasLength := false
	for _, h := range m.Headers {
		b = appendText(b, h.Name, clean)
		b = append(b, ": "...)
		if h.Name == "Content-Length" {
			hasLength = true
			b = strconv.AppendInt(b, int64(len(m.Body)), 10)
		} else {
			b = appendText(b, h.Value, clean)
		}
		b = append(b, "\r\n"...)
	}
	lines := 1 + len(m.Headers) + 1
	if !hasLength {
		b = append(b, "Content-Length: "...)
		b = strconv.AppendInt(b, int64(len(m.Body)), 10)
		b = append(b, "\r\n"...)
		lines++
	}
	return append(b, "\r\n"...), lines
}

// appendStartLine appends the Request-Line or the Status-Line without its
// CRLF.
func (m *Message) appendStartLine(b []byte, clean bool) []byte {
	if !m.IsRequest() {
		b = append(b, "SIP/2.0 "...)
		b = strconv.AppendInt(b, int64(m.StatusCode), 10)
		b = append(b, ' ')
		return appendText(b, m.Reason, clean)
	}
	b = appendText(b, m.Method, clean)
	b = append(b, ' ')
	if clean {
		b = appendText(b, m.RequestURI.String(), clean)
	} else {
		b = m.RequestURI.AppendTo(b)
	}
	return append(b, " SIP/2.0"...)
}

// appendText appends s, with its CR and LF as spaces if clean is set.
func appendText(b []byte, s string, clean bool) []byte {
	if clean {
		s = noBreaks(s)
	}
	return append(b, s...)
}

// String returns the serialization as a string.
func (m *Message) String() string { return string(m.Bytes()) }
