package sip

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Character classes of the RFC 3261 §25 grammar. Tables indexed by byte keep
// the hot loops of the parser branch-free.

var (
	tokenChars     [256]bool // token: alphanum and -.!%*_+`'~
	unreservedURI  [256]bool // unreserved: alphanum and -_.!~*'()
	userChars      [256]bool // user: unreserved and &=+$,;?/ (escapes checked apart)
	passwordChars  [256]bool // password: unreserved and &=+$,
	paramChars     [256]bool // paramchar: unreserved and []/:&+$
	headerURIChars [256]bool // hname/hvalue: unreserved and []/?:+$
	wordChars      [256]bool // word (Call-ID): alphanum and -.!%*_+`'~()<>:\"/[]?{}
	plainText      [256]bool // printable ASCII and HTAB: header text needing no further check
	hostChars      [256]bool // letters, digits, '-' and '.'
	hexChars       [256]bool // HEXDIG, either case
	schemeChars    [256]bool // letters, digits, '+', '-' and '.'
	genValueChars  [256]bool // gen-value = token / host (§25.1): token and :[]
	authValueChars [256]bool // an unquoted auth-param value: printable ASCII but SP, '"' and ','
	quoteSafe      [256]bool // bytes a quoted-string holds as they are: qdtext less LWS, non-ASCII checked apart
	listSpecial    [256]bool // what elementEnd looks at: '"', '<', '>', ',' and ';'
)

func init() {
	for c := 0x20; c < 0x7f; c++ {
		plainText[c] = true
	}
	plainText['\t'] = true
	for c := 0x21; c < 0x7f; c++ {
		// Servers in the wild send unquoted base64 nonces ('/', '+', '='),
		// so an auth-param's bare value is wider than a token.
		authValueChars[c] = c != '"' && c != ','
		quoteSafe[c] = c != '"' && c != '\\'
	}
	quoteSafe[' '], quoteSafe['\t'] = true, true
	set(&listSpecial, `"<>,;`)

	const alphanum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	const mark = "-_.!~*'()" // unreserved = alphanum / mark
	set(&hostChars, alphanum+"-.")
	set(&hexChars, "0123456789abcdefABCDEF")
	set(&schemeChars, alphanum+"+-.")
	set(&tokenChars, alphanum+"-.!%*_+`'~")
	set(&genValueChars, alphanum+"-.!%*_+`'~:[]")
	set(&unreservedURI, alphanum+mark)
	set(&userChars, alphanum+mark+"&=+$,;?/")
	set(&passwordChars, alphanum+mark+"&=+$,")
	set(&paramChars, alphanum+mark+"[]/:&+$")
	set(&headerURIChars, alphanum+mark+"[]/?:+$")
	set(&wordChars, alphanum+"-.!%*_+`'~()<>:\\\"/[]?{}")
}

// set adds the bytes of chars to class.
func set(class *[256]bool, chars string) {
	for i := 0; i < len(chars); i++ {
		class[chars[i]] = true
	}
}

// span returns the end of the run of class characters that starts at s[i]:
// i when s[i] is not one.
func span(s string, i int, class *[256]bool) int {
	for i < len(s) && class[s[i]] {
		i++
	}
	return i
}

func isToken(s string) bool { return s != "" && span(s, 0, &tokenChars) == len(s) }

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isWS(c byte) bool { return c == ' ' || c == '\t' }

// isEscape reports whether an escape %HH starts at s[i] (§25.1).
func isEscape(s string, i int) bool {
	return s[i] == '%' && i+2 < len(s) && hexChars[s[i+1]] && hexChars[s[i+2]]
}

// checkEscaped reports the first byte of s that is neither in class nor part
// of a well-formed %HH escape, or -1.
func checkEscaped(s string, class *[256]bool) int {
	for i := 0; i < len(s); i++ {
		switch {
		case isEscape(s, i):
			i += 2
		case !class[s[i]]:
			return i
		}
	}
	return -1
}

// Unescape decodes the %HH escapes of a URI component (RFC 3261 §19.1.2).
// Invalid escapes are kept as they are.
func Unescape(s string) string {
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if isEscape(s, i) {
			c, _ := strconv.ParseUint(s[i+1:i+3], 16, 8)
			b = append(b, byte(c))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

// trimWS cuts spaces and tabs at both ends; a loop, since strings.Trim
// builds its set of characters on every call, on the parser's hot path.
func trimWS(s string) string {
	for len(s) > 0 && isWS(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isWS(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

func skipWS(s string, i int) int {
	for i < len(s) && isWS(s[i]) {
		i++
	}
	return i
}

// scanQuoted returns the end (exclusive) of the quoted-string that starts at
// s[i] == '"', or -1 when it is not terminated. Backslash escapes one
// character (quoted-pair, §25.1).
func scanQuoted(s string, i int) int {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// unquote removes the quotes and the quoted-pair escapes of a quoted-string.
func unquote(q string) string {
	if len(q) < 2 || q[0] != '"' || q[len(q)-1] != '"' {
		return q
	}
	q = q[1 : len(q)-1]
	i := strings.IndexByte(q, '\\')
	if i < 0 {
		return q
	}
	b := make([]byte, 0, len(q))
	b = append(b, q[:i]...)
	for ; i < len(q); i++ {
		if q[i] == '\\' && i+1 < len(q) {
			i++
		}
		b = append(b, q[i])
	}
	return string(b)
}

// Quote returns s as a quoted-string (§25.1), for any free text put in a
// header: a display name, a digest realm, a Warning's text. '"', '\' and
// the control characters that a quoted-pair may hold are escaped with a
// backslash. CR and LF cannot be written inside a quoted-string, not even as
// quoted-pairs, so each becomes a space: no text can end the header line or
// start another (see noBreaks). qdtext is UTF-8, so invalid UTF-8 becomes
// U+FFFD, one for each bad byte.
func Quote(s string) string {
	i := span(s, 0, &quoteSafe)
	if i == len(s) {
		return `"` + s + `"`
	}
	b := make([]byte, 0, len(s)+8)
	b = append(b, '"')
	b = append(b, s[:i]...)
	for _, r := range s[i:] { // an invalid byte is U+FFFD
		switch {
		case r >= utf8.RuneSelf:
			b = utf8.AppendRune(b, r)
		case quoteSafe[r]:
			b = append(b, byte(r))
		case r == '\r' || r == '\n':
			b = append(b, ' ')
		default: // '"', '\' and the other controls
			b = append(b, '\\', byte(r))
		}
	}
	return string(append(b, '"'))
}

// noBreaks returns s with every CR and LF replaced by a space: the text of a
// start line or a header line, which a line break would end (§7). See
// Message.AppendTo.
func noBreaks(s string) string {
	if strings.IndexByte(s, '\n') < 0 && strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\r' || r == '\n' {
			return ' '
		}
		return r
	}, s)
}

// unfold joins the lines of a folded header field value (§7.3.1): each line
// is trimmed and the non-empty ones are joined with one space, so a line
// fold counts as one space, as Parse reads it. A line ends in LF or CRLF; a
// line break at the very end is the header line's own and is dropped. bad
// is the offset of a line break that is not followed by white space (one
// that would start a new header line), or -1.
func unfold(s string) (v string, bad int) {
	if strings.IndexByte(s, '\n') < 0 {
		return trimWS(s), -1
	}
	var b strings.Builder
	b.Grow(len(s))
	at := 0 // where line starts in s
	for line := range strings.Lines(s) {
		if at > 0 && !isWS(line[0]) {
			bad = at - 1 // the LF, or the CR before it
			if bad > 0 && s[bad-1] == '\r' {
				bad--
			}
			return "", bad
		}
		at += len(line)
		line = trimWS(strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"))
		if line != "" && b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(line)
	}
	return b.String(), -1
}

// param is one parameter of a list (§25.1 generic-param, auth-param):
// token [ "=" value ], value as written, a quoted-string with its quotes.
type param struct {
	name, value string
	hasValue    bool
}

// scanParam reads the parameter that starts at s[i] and the white space
// around it: token [ LWS "=" LWS ( 1*valueChars / quoted-string ) ] LWS. It
// is the one tokenizer of the codec's parameter lists: ";"-separated header
// parameters (checkHeaderParams) and ","-separated auth-params (digest.go).
// p.name is "" when no token starts at s[i]; next is the offset after the
// parameter and its trailing white space.
func scanParam(s string, i int, valueChars *[256]bool) (p param, next int, err error) {
	i = skipWS(s, i)
	j := span(s, i, &tokenChars)
	p.name = s[i:j]
	if p.name == "" {
		return p, i, nil
	}
	i = skipWS(s, j)
	if i >= len(s) || s[i] != '=' {
		return p, i, nil
	}
	p.hasValue = true
	i = skipWS(s, i+1)
	if i < len(s) && s[i] == '"' {
		end := scanQuoted(s, i)
		if end < 0 {
			return p, i, errorf("parameter %s: unterminated quoted string", p.name)
		}
		p.value, i = s[i:end], end
	} else {
		j = span(s, i, valueChars)
		if j == i {
			return p, i, errorf("parameter %s has no value after '='", p.name)
		}
		p.value, i = s[i:j], j
	}
	return p, skipWS(s, i), nil
}

// splitList calls fn for each element of a comma-separated header value
// (§7.3.1), ignoring commas inside quoted strings and <…>. Elements are
// trimmed. An empty element is reported to fn as "" so that callers can
// refuse it: the "#" rule of RFC 3261 has no empty elements.
func splitList(s string, fn func(item string) error) error {
	if strings.IndexByte(s, ',') < 0 {
		return fn(trimWS(s))
	}
	for {
		end, ok := elementEnd(s, ',')
		if !ok {
			return errorf("unterminated quoted string")
		}
		if err := fn(trimWS(s[:end])); err != nil {
			return err
		}
		if end == len(s) {
			return nil
		}
		s = s[end+1:]
	}
}

// elementEnd returns the offset of the separator that ends the element at
// the start of s: ',' between the elements of a list (§7.3.1), ';' between
// parameters. A separator inside a quoted string or <…> does not count.
// Without a separator end is len(s); ok is false when a quoted string is
// not terminated, and end is len(s) then.
func elementEnd(s string, sep byte) (end int, ok bool) {
	angle := false
	for i := 0; i < len(s); i++ {
		if !listSpecial[s[i]] {
			continue
		}
		switch c := s[i]; c {
		case '"':
			e := scanQuoted(s, i)
			if e < 0 {
				return len(s), false
			}
			i = e - 1
		case '<':
			angle = true
		case '>':
			angle = false
		default:
			if c == sep && !angle {
				return i, true
			}
		}
	}
	return len(s), true
}
