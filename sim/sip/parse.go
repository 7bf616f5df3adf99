package sip

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// ErrVersion is wrapped by the error Parse returns for a message whose SIP
// version is well formed but not SIP/2.0: a server answers it with 505
// (§8.2.2.1 and RFC 4475 §3.1.2.15).
var ErrVersion = errors.New("unsupported SIP version")

// ErrSyntax is wrapped by every other error Parse returns: the message is
// malformed, and a server answers 400 (§8.2.1, §21.4.1).
var ErrSyntax = errors.New("malformed SIP message")

// ErrTruncated is the error of a datagram that ends before the body its
// Content-Length announces (§18.3): a request is answered 400, a response
// discarded. It wraps ErrSyntax.
var ErrTruncated = fmt.Errorf("%w: body shorter than its Content-Length", ErrSyntax)

// ErrMissing is the error of a message without one of the headers every
// message (or every request) must have (§8.1.1): the ParseError names it.
// It wraps ErrSyntax.
var ErrMissing = fmt.Errorf("%w: mandatory header missing", ErrSyntax)

// ParseError says what is wrong with a message and where: the line (1 is
// the start line) and, when it is about one, the header.
type ParseError struct {
	Line   int    // 0 when the error is about the message as a whole
	Header string // canonical header name, or ""
	Msg    string
	Err    error // ErrVersion, ErrSyntax or ErrTruncated
}

func (e *ParseError) Error() string {
	s := e.Msg
	if e.Header != "" {
		s = e.Header + ": " + s
	}
	if e.Line > 0 {
		s = "line " + strconv.Itoa(e.Line) + ": " + s
	}
	return s
}

func (e *ParseError) Unwrap() error { return e.Err }

func errorf(format string, args ...any) error { return errors.New(fmt.Sprintf(format, args...)) }

func syntaxError(line int, header, format string, args ...any) *ParseError {
	return &ParseError{Line: line, Header: header, Msg: fmt.Sprintf(format, args...), Err: ErrSyntax}
}

// Parse parses one SIP message received as a datagram (§7, §18.3): the
// start line, the headers up to the empty line, and the body. Lines may end
// in CRLF or, leniently, in a bare LF; empty lines before the start line are
// skipped (§7.5). The body is what follows the headers, cut to
// Content-Length when that is smaller; a larger Content-Length is an error.
//
// The whole message is checked: the start line, the mandatory headers and
// the syntax of the headers whose meaning the transaction and dialog layers
// rely on (Via, From, To, Call-ID, CSeq, Max-Forwards, Contact, Route,
// Record-Route, Content-Type, Content-Length, Expires, Date). Other headers
// are kept verbatim.
func Parse(data []byte) (*Message, error) {
	// One copy of the datagram backs every string of the message and the
	// body: the strings alias bytes that nothing writes to again, and the
	// body is a slice of the rest with its capacity cut, so an append to it
	// copies instead of writing over them. A message of up to 2 KiB (most
	// are) is copied into the block that holds the Message itself, so that
	// parsing takes a single allocation.
	switch n := len(data); {
	case n <= 512:
		return parseCopy[[512]byte](data)
	case n <= 1024:
		return parseCopy[[1024]byte](data)
	case n <= 2048:
		return parseCopy[[2048]byte](data)
	}
	return ParseShared(append([]byte(nil), data...))
}

// block holds a parsed Message, room for a typical message's headers and,
// for Parse, the copy of the bytes they alias (a byte array: the garbage
// collector does not scan it).
type block[B any] struct {
	m   Message
	h   [14]Header
	buf B
}

func parseCopy[B any](data []byte) (*Message, error) {
	b := new(block[B])
	buf := unsafe.Slice((*byte)(unsafe.Pointer(&b.buf)), unsafe.Sizeof(b.buf))
	n := copy(buf, data)
	return parse(buf[:n:n], &b.m, b.h[:0])
}

// ParseShared is Parse without the copy: the message's strings and body
// share data's bytes, so data must never change afterwards. The simulator
// uses it for the datagrams it delivers, which the trace keeps unchanged.
func ParseShared(data []byte) (*Message, error) {
	b := new(block[struct{}])
	return parse(data, &b.m, b.h[:0])
}

// parse parses data into m, whose headers are appended to headers.
func parse(data []byte, m *Message, headers []Header) (*Message, error) {
	s := unsafe.String(unsafe.SliceData(data), len(data))
	p := lineReader{s: s}
	start, ok := p.next()
	for ok && start == "" {
		start, ok = p.next()
	}
	if !ok {
		return nil, syntaxError(0, "", "empty message: no start line")
	}
	m.Headers = headers
	if err := parseStartLine(m, start, p.line); err != nil {
		return nil, err
	}

	v := validator{msg: m}
	for {
		line, ok := p.next()
		if !ok || line == "" {
			break
		}
		lineNo := p.line
		if isWS(line[0]) {
			return nil, syntaxError(lineNo, "", "line starts with white space but there is no header to continue")
		}
		colon := strings.IndexByte(line, ':')
		if colon < 0 {
			return nil, syntaxError(lineNo, "", "header line %q has no colon", clip(line))
		}
		rawName := trimWS(line[:colon])
		name, known := lookupName(rawName)
		if !known && !isToken(rawName) {
			return nil, syntaxError(lineNo, "", "header name %q is not a token", clip(line[:colon]))
		}
		value := trimWS(line[colon+1:])
		if p.continues() {
			from := p.start + colon + 1
			for p.continues() {
				p.next()
			}
			value, _ = unfold(s[from:p.end])
		}
		// The validators of these headers admit only token, digit and word
		// characters; the others' text is checked here.
		switch name {
		case "Call-ID", "CSeq", "Max-Forwards", "Content-Length":
		default:
			if err := checkText(value); err != nil {
				return nil, syntaxError(lineNo, name, "%v", err)
			}
		}
		m.Headers = append(m.Headers, Header{name, value})
		if err := v.check(name, value, lineNo); err != nil {
			return nil, err
		}
	}
	if err := v.finish(); err != nil {
		return nil, err
	}

	body := data[p.pos:]
	if v.clLine > 0 {
		if v.contentLength > len(body) {
			err := syntaxError(v.clLine, "Content-Length", "%d is larger than the %d bytes of body received", v.contentLength, len(body))
			err.Err = ErrTruncated
			return nil, err
		}
		body = body[:v.contentLength]
	}
	if len(body) > 0 {
		m.Body = body[:len(body):len(body)]
	}
	return m, nil
}

// clip shortens text quoted in an error message.
func clip(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

// checkText refuses control characters other than HTAB, and invalid UTF-8,
// in a header value. Inside a quoted string a control character may be
// escaped with a backslash (quoted-pair, §25.1: any octet but CR and LF).
func checkText(s string) error {
	// Eight bytes at a time: skip words of printable ASCII (each byte in
	// 0x20–0x7E). One unaligned load per word; the bytes are the string's.
	b := unsafe.Slice(unsafe.StringData(s), len(s))
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		const ones, highs = 0x0101010101010101, 0x8080808080808080
		low := (w - 0x20*ones) & ^w & highs                        // a byte below 0x20
		del := ((w ^ 0x7f*ones) - ones) & ^(w ^ 0x7f*ones) & highs // a byte equal to 0x7F
		if low|w&highs|del != 0 {
			break
		}
	}
	if span(s, i, &plainText) == len(s) {
		return nil
	}
	// Something unusual: scan again from the start, minding quotes.
	ascii, quoted := true, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\\' && quoted && i+1 < len(s):
			i++
			if next := s[i]; next == '\r' || next == '\n' {
				return errorf("CR or LF cannot be escaped (byte %d)", i)
			} else if next >= 0x80 {
				ascii = false
			}
		case c < 0x20 && c != '\t' || c == 0x7f:
			return errorf("control character %q at byte %d", c, i)
		case c >= 0x80:
			ascii = false
		}
	}
	if !ascii && !utf8.ValidString(s) {
		return errorf("value is not valid UTF-8")
	}
	return nil
}

// lineReader yields lines without their CRLF (or LF) and counts them.
type lineReader struct {
	s          string
	pos        int
	line       int
	start, end int // the last line's text is s[start:end]
}

func (r *lineReader) next() (string, bool) {
	if r.pos >= len(r.s) {
		return "", false
	}
	r.line++
	r.start = r.pos
	rest := r.s[r.pos:]
	i := strings.IndexByte(rest, '\n')
	if i < 0 {
		r.pos = len(r.s)
		r.end = r.pos
		return rest, true
	}
	r.pos += i + 1
	if i > 0 && rest[i-1] == '\r' {
		i--
	}
	r.end = r.start + i
	return rest[:i], true
}

// continues reports whether the next line folds into the current header.
func (r *lineReader) continues() bool {
	return r.pos < len(r.s) && isWS(r.s[r.pos])
}

// parseStartLine parses Request-Line = Method SP Request-URI SP SIP-Version
// or Status-Line = SIP-Version SP Status-Code SP Reason-Phrase (§7.1, §7.2):
// exactly one space between the elements.
func parseStartLine(m *Message, line string, lineNo int) error {
	if len(line) >= 4 && strings.EqualFold(line[:4], "SIP/") {
		return parseStatusLine(m, line, lineNo)
	}
	bad := func(format string, args ...any) error {
		return syntaxError(lineNo, "", "Request-Line: "+format, args...)
	}
	if line != "" && isWS(line[0]) {
		return bad("starts with white space")
	}
	if line != "" && isWS(line[len(line)-1]) {
		return bad("white space after the SIP version")
	}
	method, rest, ok := strings.Cut(line, " ")
	if !ok {
		return bad("%q is not Method SP Request-URI SP SIP/2.0", clip(line))
	}
	if !isToken(method) {
		return bad("method %q is not a token", clip(method))
	}
	last := strings.LastIndexByte(rest, ' ')
	if last < 0 {
		return bad("no SIP version after the Request-URI")
	}
	uri, version := rest[:last], rest[last+1:]
	if uri == "" || uri[0] == ' ' || uri[len(uri)-1] == ' ' {
		return bad("more than one space between the elements")
	}
	if strings.ContainsAny(uri, " \t") {
		return bad("white space inside the Request-URI %q", clip(uri))
	}
	if err := checkVersion(version, lineNo); err != nil {
		return err
	}
	if uri[0] == '<' {
		return bad("the Request-URI must not be enclosed in <> (RFC 3261 §25.1)")
	}
	u, err := ParseURI(uri)
	if err != nil {
		return bad("%v", err)
	}
	if u.Headers != "" {
		return bad("the Request-URI must not carry headers (?%s) (RFC 3261 §19.1.1)", clip(u.Headers))
	}
	m.Method, m.RequestURI = method, u
	return nil
}

func parseStatusLine(m *Message, line string, lineNo int) error {
	bad := func(format string, args ...any) error {
		return syntaxError(lineNo, "", "Status-Line: "+format, args...)
	}
	version, rest, ok := strings.Cut(line, " ")
	if err := checkVersion(version, lineNo); err != nil {
		return err
	}
	if !ok {
		return bad("no status code")
	}
	codeText, reason, _ := strings.Cut(rest, " ")
	if len(codeText) != 3 || !isDigits(codeText) {
		return bad("status code %q is not three digits", clip(codeText))
	}
	code, _ := strconv.Atoi(codeText)
	if code < 100 || code > 699 {
		return bad("status code %d is outside 100–699", code)
	}
	if err := checkText(reason); err != nil {
		return bad("reason phrase: %v", err)
	}
	m.StatusCode, m.Reason = code, reason
	return nil
}

// checkVersion: SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT, case-insensitive
// (§7.1). A well-formed version other than 2.0 wraps ErrVersion.
func checkVersion(v string, lineNo int) error {
	if strings.EqualFold(v, "SIP/2.0") {
		return nil
	}
	if len(v) > 4 && strings.EqualFold(v[:4], "SIP/") {
		major, minor, ok := strings.Cut(v[4:], ".")
		if ok && isDigits(major) && isDigits(minor) {
			return &ParseError{Line: lineNo, Msg: fmt.Sprintf("version %s is not supported: siplab speaks SIP/2.0 (a server answers 505)", v), Err: ErrVersion}
		}
	}
	return syntaxError(lineNo, "", "%q is not a SIP version like SIP/2.0", clip(v))
}

// validator checks header values as they are read, and what must hold for
// the message as a whole when all are read.
type validator struct {
	msg                              *Message
	via, from, to, callID, cseq, mf  int // line of the first occurrence, 0 = absent
	ctype, expires, date, minExpires int
	clLine, contentLength            int
}

func (v *validator) check(name, value string, line int) error {
	// once points at the line of the first occurrence of a header that may
	// appear only once (§20: To, From, Call-ID, CSeq, Max-Forwards… and RFC
	// 4475 §3.1.2.x multi01).
	var once *int
	var err error
	switch name {
	case "Via":
		if v.via == 0 {
			v.via = line
		}
		err = parseVias(value, nil)
	case "From":
		once = &v.from
		_, err = ParseAddress(value)
	case "To":
		once = &v.to
		_, err = ParseAddress(value)
	case "Call-ID":
		once = &v.callID
		err = checkCallID(value)
	case "CSeq":
		once = &v.cseq
		var c CSeq
		c, err = ParseCSeq(value)
		if err == nil && v.msg.IsRequest() && c.Method != v.msg.Method {
			err = errorf("method %s differs from the request's method %s (RFC 3261 §8.1.1.5)", c.Method, v.msg.Method)
		}
	case "Max-Forwards":
		once = &v.mf
		_, err = parseSmallUint(value, 255)
	case "Content-Length":
		if !isDigits(value) {
			return syntaxError(line, name, "%q is not a number", value)
		}
		n, perr := strconv.Atoi(value)
		if perr != nil || n > 1<<30 {
			return syntaxError(line, name, "%s is too large", value)
		}
		if v.clLine != 0 && n != v.contentLength {
			return syntaxError(line, name, "%d differs from %d given on line %d", n, v.contentLength, v.clLine)
		}
		if v.clLine == 0 {
			v.clLine, v.contentLength = line, n
		}
	case "Content-Type":
		once = &v.ctype
		err = checkMediaType(value)
	case "Contact":
		if value != "*" {
			err = parseAddressList(value, false, nil)
		}
	case "Route", "Record-Route":
		err = parseAddressList(value, true, nil)
	case "Expires", "Min-Expires":
		once = &v.expires
		if name == "Min-Expires" {
			once = &v.minExpires
		}
		if !isDigits(value) {
			err = errorf("%q is not a number of seconds", value)
		}
	case "Date":
		once = &v.date
		err = checkDate(value)
	}
	if once != nil {
		if *once != 0 {
			return syntaxError(line, name, "appears twice (lines %d and %d); it may appear only once", *once, line)
		}
		*once = line
	}
	if err != nil {
		return syntaxError(line, name, "%v", err)
	}
	return nil
}

// finish checks the mandatory headers (§8.1.1; Max-Forwards only in requests).
func (v *validator) finish() error {
	missing := func(name string) error {
		return &ParseError{Header: name, Msg: "missing: every message must have it (RFC 3261 §8.1.1)", Err: ErrMissing}
	}
	switch {
	case v.via == 0:
		return missing("Via")
	case v.from == 0:
		return missing("From")
	case v.to == 0:
		return missing("To")
	case v.callID == 0:
		return missing("Call-ID")
	case v.cseq == 0:
		return missing("CSeq")
	case v.mf == 0 && v.msg.IsRequest():
		return &ParseError{Header: "Max-Forwards", Msg: "missing: every request must have it (RFC 3261 §8.1.1.6)", Err: ErrMissing}
	}
	return nil
}
