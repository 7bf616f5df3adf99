package capture

import (
	"bufio"
	"bytes"
	"io"
	"net/netip"
	"slices"
	"strings"
)

// scanText reads a text of SIP messages, as pasted from a log or a
// handout: a message begins at a start line, its headers end at an empty
// line, and its body is Content-Length bytes (lines counted with CRLF
// ends), or without one runs to the next empty line or start line. Lines
// may end in LF alone; every message is given CRLF line ends. Lines
// between messages are skipped, except that a line "A:P -> B:P" (as ngrep
// and many logs print) gives the addresses of the message after it.
func scanText(r *bufio.Reader, st *Stats, fn func(*Found) error) error {
	var (
		msg           []byte // the message so far
		inBody        bool
		bodyLen, want int // the body so far, and Content-Length (-1: none)
		start, lineNo int
		from, to      netip.AddrPort
		next, nextTo  netip.AddrPort // from the last "A -> B" line
	)
	flush := func() error {
		if msg == nil {
			return nil
		}
		if want > 0 && bodyLen > want {
			msg = msg[:len(msg)-(bodyLen-want)]
		}
		st.Frames++
		st.Messages++
		m := &Found{Frame: st.Frames, Line: start, From: from, To: to, Data: msg, Transport: viaTransport(msg)}
		msg = nil
		return fn(m)
	}
	for {
		line, err := r.ReadBytes('\n')
		if len(line) == 0 && err != nil {
			if err == io.EOF {
				return flush()
			}
			return err
		}
		lineNo++
		line = bytes.TrimRight(line, "\r\n")
		full := append(slices.Clip(line), '\n')
		switch {
		case startLine(full) && (msg == nil || inBody && (want < 0 || bodyLen >= want) || !inBody):
			if err := flush(); err != nil {
				return err
			}
			msg, inBody, bodyLen, want, start = append([]byte(nil), line...), false, 0, -1, lineNo
			msg = append(msg, "\r\n"...)
			from, to, next, nextTo = next, nextTo, netip.AddrPort{}, netip.AddrPort{}
		case msg == nil:
			next, nextTo = arrow(line)
		case !inBody:
			msg = append(append(msg, line...), "\r\n"...)
			if len(line) == 0 {
				inBody = true
				want = contentLengthOrNone(msg)
				if want == 0 {
					if err := flush(); err != nil {
						return err
					}
				}
			}
		case want < 0 && len(line) == 0:
			if err := flush(); err != nil {
				return err
			}
		case want < 0 || bodyLen < want:
			msg = append(append(msg, line...), "\r\n"...)
			bodyLen += len(line) + 2
		default:
			if err := flush(); err != nil {
				return err
			}
			next, nextTo = arrow(line)
		}
		if err == io.EOF {
			return flush()
		}
	}
}

// arrow reads a line "… A:P -> B:P …" (ngrep, sngrep's text export, many
// proxies' logs): the source and destination of the message below it.
func arrow(line []byte) (from, to netip.AddrPort) {
	l, r, ok := strings.Cut(string(line), " -> ")
	if !ok {
		return
	}
	fields := strings.Fields(l)
	rest := strings.Fields(r)
	if len(fields) == 0 || len(rest) == 0 {
		return
	}
	trim := func(s string) string { return strings.Trim(s, "[](),;") }
	from, err1 := netip.ParseAddrPort(trim(fields[len(fields)-1]))
	to, err2 := netip.ParseAddrPort(trim(rest[0]))
	if err1 != nil || err2 != nil {
		return netip.AddrPort{}, netip.AddrPort{}
	}
	return from, to
}

// contentLengthOrNone is the Content-Length of a message's headers, or -1.
func contentLengthOrNone(head []byte) int {
	if _, ok := headerValue(head, "Content-Length", "l"); !ok {
		return -1
	}
	return contentLength(head)
}

// viaTransport is the transport of a message's top Via, "UDP" when none.
func viaTransport(msg []byte) string {
	head, _, _ := bytes.Cut(msg, []byte("\r\n\r\n"))
	v, ok := headerValue(head, "Via", "v")
	if !ok {
		return "UDP"
	}
	if _, rest, ok := strings.Cut(string(v), "/2.0/"); ok {
		if t, _, ok := strings.Cut(strings.TrimSpace(rest), " "); ok && t != "" {
			return strings.ToUpper(t)
		}
	}
	return "UDP"
}
