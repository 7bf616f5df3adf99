package capture

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
)

// Limits that keep a damaged or hostile capture from growing the reader's
// memory: what it holds per TCP direction.
const (
	maxOutOfOrder = 256     // segments held ahead of a gap
	maxHeaders    = 1 << 16 // bytes of headers before their empty line
	maxBody       = 1 << 24 // bytes of body or of one WebSocket message
)

// flowKey is one direction of a connection (or of an SCTP association).
type flowKey struct{ from, to netip.AddrPort }

// A stream is one direction of a TCP connection: its bytes in order, each
// once (RFC 9293 §3.10.7.4: a segment's sequence number says where its
// bytes go, so a retransmitted one adds nothing and one that came early
// waits for the gap to fill), framed into SIP messages by Content-Length
// (RFC 3261 §18.3) or, after an HTTP upgrade, into WebSocket messages that
// each carry one (RFC 7118 §5).
type stream struct {
	next      uint32  // the sequence number of the next byte in order
	early     []early // segments past a gap
	buf       []byte  // bytes in order not yet framed
	sip       bool    // it carries SIP (or WebSocket)
	dead      bool    // it carries something else: ignored
	ws        bool    // WebSocket frames follow
	wsMsg     []byte  // the fragments of a WebSocket message so far
	lastFrame int     // the frame of its last bytes
	junk      int     // bytes skipped before its first start line
}

type early struct {
	seq  uint32
	data []byte
}

// segment adds a TCP segment of the direction k.
func (d *decoder) segment(k flowKey, seq uint32, syn, fin bool, payload []byte) {
	s := d.streams[k]
	if s == nil {
		if len(payload) == 0 && !syn {
			return
		}
		s = &stream{next: seq}
		d.streams[k] = s
	}
	if syn {
		s.next = seq + 1 // a SYN takes a sequence number
	}
	if len(payload) > 0 && !s.dead {
		switch off := int32(seq - s.next); {
		case off > 0:
			if len(s.early) < maxOutOfOrder {
				s.early = append(s.early, early{seq, bytes.Clone(payload)})
			}
		case int(-off) < len(payload):
			d.add(k, s, payload[-off:])
			d.fill(k, s)
		}
	}
	if fin {
		if s.sip && len(s.buf) > 0 {
			d.problem(fmt.Errorf("%s → %s: the connection closes in the middle of a message (%d bytes of it)", k.from, k.to, len(s.buf)))
		}
		delete(d.streams, k)
	}
}

// fill adds the segments held early that the stream has now reached.
func (d *decoder) fill(k flowKey, s *stream) {
	for {
		i := slices.IndexFunc(s.early, func(e early) bool { return int32(e.seq-s.next) <= 0 })
		if i < 0 {
			return
		}
		e := s.early[i]
		s.early = slices.Delete(s.early, i, i+1)
		if off := int(s.next - e.seq); off < len(e.data) {
			d.add(k, s, e.data[off:])
		}
	}
}

// add appends bytes in order and frames the messages they complete.
func (d *decoder) add(k flowKey, s *stream, p []byte) {
	s.next += uint32(len(p))
	if s.dead {
		return
	}
	if !s.sip && len(s.buf) > 0 && startLine(p) {
		// What came before, no start line yet, was the end of a message
		// begun before the capture; a segment that begins one is where
		// SIP starts (as Wireshark tries each segment).
		s.junk += len(s.buf)
		s.buf = s.buf[:0]
	}
	s.buf = append(s.buf, p...)
	s.lastFrame = d.frameNo
	n := d.frameStream(k, s)
	if s.dead {
		s.buf, s.early = nil, nil
		return
	}
	d.carried = d.carried || s.sip
	// Keep what is left at the front of the buffer: memory stays that of
	// one message, however long the connection.
	s.buf = s.buf[:copy(s.buf, s.buf[n:])]
}

// frameStream emits the complete messages at the start of s.buf and
// returns how many bytes they took.
func (d *decoder) frameStream(k flowKey, s *stream) int {
	done := 0
	for !s.dead {
		b := s.buf[done:]
		if s.ws {
			n := d.wsFrame(k, s, b)
			if n == 0 {
				break
			}
			done += n
			continue
		}
		skip := len(b) - len(bytes.TrimLeft(b, "\r\n")) // keep-alives (RFC 5626 §3.5.1)
		b, done = b[skip:], done+skip
		if len(b) == 0 {
			break
		}
		if !s.sip {
			switch {
			case bytes.IndexByte(b, '\n') < 0 && len(b) < maxHeaders:
				return done
			case startLine(b):
				s.sip = true
			case bytes.HasPrefix(b, []byte("GET ")) || bytes.HasPrefix(b, []byte("HTTP/1.1 101")):
				_, end := headerEnd(b)
				if end < 0 && len(b) < maxHeaders {
					return done
				}
				if end < 0 || !bytes.Contains(bytes.ToLower(b[:end]), []byte("websocket")) {
					s.dead = true
					return 0
				}
				s.sip, s.ws = true, true
				done += end
				continue
			case s.junk < maxHeaders:
				// The capture began in the middle of a message (or of a
				// line): skip a line, and look for a start line after it.
				n := len(b)
				if i := bytes.IndexByte(b, '\n'); i >= 0 {
					n = i + 1
				}
				s.junk += n
				done += n
				continue
			default:
				s.dead = true
				return 0
			}
		}
		_, end := headerEnd(b)
		if end < 0 {
			if len(b) > maxHeaders {
				d.problem(fmt.Errorf("%s → %s: %d bytes without the empty line that ends a message's headers", k.from, k.to, len(b)))
				s.dead = true
			}
			break
		}
		n := end + contentLength(b[:end])
		if n > len(b) {
			break
		}
		d.emit(k.from, k.to, "TCP", bytes.Clone(b[:n]))
		done += n
	}
	return done
}

// wsFrame reads one WebSocket frame at the start of b (RFC 6455 §5.2),
// unmasking it, and returns its length, or 0 if b does not hold it all. A
// text or binary message, once its last frame is in, is a SIP message.
func (d *decoder) wsFrame(k flowKey, s *stream, b []byte) int {
	if len(b) < 2 {
		return 0
	}
	fin, op, masked, n, h := b[0]&0x80 != 0, b[0]&0x0f, b[1]&0x80 != 0, uint64(b[1]&0x7f), 2
	switch n {
	case 126:
		if len(b) < 4 {
			return 0
		}
		n, h = uint64(binary.BigEndian.Uint16(b[2:])), 4
	case 127:
		if len(b) < 10 {
			return 0
		}
		n, h = binary.BigEndian.Uint64(b[2:]), 10
	}
	var key []byte
	if masked {
		if len(b) < h+4 {
			return 0
		}
		key, h = b[h:h+4], h+4
	}
	if n > maxBody {
		d.problem(fmt.Errorf("%s → %s: a WebSocket frame of %d bytes", k.from, k.to, n))
		s.dead = true
		return 0
	}
	if uint64(len(b)-h) < n {
		return 0
	}
	if op >= 8 { // close, ping, pong
		return h + int(n)
	}
	start := len(s.wsMsg)
	s.wsMsg = append(s.wsMsg, b[h:h+int(n)]...)
	for i := range key {
		for j := start + i; j < len(s.wsMsg); j += 4 {
			s.wsMsg[j] ^= key[(j-start)%4]
		}
	}
	if fin {
		if startLine(s.wsMsg) {
			d.emit(k.from, k.to, "WS", s.wsMsg)
		}
		s.wsMsg = nil
	}
	return h + int(n)
}

// headerEnd finds the empty line that ends the headers at the start of b:
// it returns where the empty line starts and where the body does, or -1,
// -1. Lines may end in CRLF or a bare LF.
func headerEnd(b []byte) (int, int) {
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			return -1, -1
		}
		i += j + 1
		switch {
		case i < len(b) && b[i] == '\n':
			return i, i + 1
		case i+1 < len(b) && b[i] == '\r' && b[i+1] == '\n':
			return i, i + 2
		}
	}
}

// contentLength is the value of the Content-Length header (or its compact
// form l) among the headers head, 0 when it is absent or not a number.
func contentLength(head []byte) int {
	v, ok := headerValue(head, "Content-Length", "l")
	if !ok {
		return 0
	}
	n, err := strconv.Atoi(string(v))
	if err != nil || n < 0 || n > maxBody {
		return 0
	}
	return n
}

// headerValue is the trimmed value of the first header among head whose
// name is one of names, in any case.
func headerValue(head []byte, names ...string) ([]byte, bool) {
	for len(head) > 0 {
		line := head
		if i := bytes.IndexByte(head, '\n'); i >= 0 {
			line, head = head[:i], head[i+1:]
		} else {
			head = nil
		}
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			continue
		}
		name = bytes.TrimRight(name, " \t")
		for _, n := range names {
			if bytes.EqualFold(name, []byte(n)) {
				return bytes.TrimSpace(value), true
			}
		}
	}
	return nil, false
}

// startLine reports whether b begins with a SIP start line: a request line
// "METHOD URI SIP/2.0" or a status line "SIP/2.0 CODE reason" (RFC 3261
// §7.1, §7.2), the way Wireshark's heuristic tells SIP on any port.
func startLine(b []byte) bool {
	i := bytes.IndexByte(b[:min(len(b), 2048)], '\n')
	if i < 0 {
		return false
	}
	line := bytes.TrimRight(b[:i], "\r")
	if rest, ok := bytes.CutPrefix(line, []byte("SIP/2.0 ")); ok {
		return len(rest) >= 3 && isDigit(rest[0]) && isDigit(rest[1]) && isDigit(rest[2]) && (len(rest) == 3 || rest[3] == ' ')
	}
	method, rest, ok := bytes.Cut(line, []byte(" "))
	if !ok || len(method) == 0 || !bytes.HasSuffix(rest, []byte(" SIP/2.0")) || len(rest) <= len(" SIP/2.0") {
		return false
	}
	for _, c := range method {
		if c < 'A' || c > 'Z' {
			if c != '-' && c != '_' && !isDigit(c) {
				return false
			}
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
