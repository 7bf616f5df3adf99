package sip

import "strings"

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
)

func init() {
	for c := 0x20; c < 0x7f; c++ {
		plainText[c] = true
	}
	plainText['\t'] = true
	hostChars['-'], hostChars['.'] = true, true
	for c := 'a'; c <= 'z'; c++ {
		setAll(byte(c))
		setAll(byte(c - 'a' + 'A'))
	}
	for c := '0'; c <= '9'; c++ {
		setAll(byte(c))
	}
	for _, c := range []byte("-.!%*_+`'~") {
		tokenChars[c] = true
	}
	for _, c := range []byte("-_.!~*'()") {
		unreservedURI[c] = true
		userChars[c] = true
		passwordChars[c] = true
		paramChars[c] = true
		headerURIChars[c] = true
	}
	for _, c := range []byte("&=+$,;?/") {
		userChars[c] = true
	}
	for _, c := range []byte("&=+$,") {
		passwordChars[c] = true
	}
	for _, c := range []byte("[]/:&+$") {
		paramChars[c] = true
	}
	for _, c := range []byte("[]/?:+$") {
		headerURIChars[c] = true
	}
	for _, c := range []byte("-.!%*_+`'~()<>:\\\"/[]?{}") {
		wordChars[c] = true
	}
}

func setAll(c byte) {
	hostChars[c] = true
	tokenChars[c] = true
	unreservedURI[c] = true
	userChars[c] = true
	passwordChars[c] = true
	paramChars[c] = true
	headerURIChars[c] = true
	wordChars[c] = true
}

func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !tokenChars[s[i]] {
			return false
		}
	}
	return true
}

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

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

// checkEscaped reports the first byte of s that is neither in class nor part
// of a well-formed %HH escape, or -1.
func checkEscaped(s string, class *[256]bool) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' {
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return i
			}
			i += 2
			continue
		}
		if !class[c] {
			return i
		}
	}
	return -1
}

// Unescape decodes the %HH escapes of a URI component (RFC 3261 §19.1.2).
// Invalid escapes are kept as they are.
func Unescape(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			n++
			i += 2
		}
	}
	if n == 0 {
		return s
	}
	b := make([]byte, 0, len(s)-2*n)
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

func trimWS(s string) string {
	i, j := 0, len(s)
	for i < j && isWS(s[i]) {
		i++
	}
	for j > i && isWS(s[j-1]) {
		j--
	}
	return s[i:j]
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
	for i := 0; i < len(q); i++ {
		if q[i] == '\\' {
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
	}
	return q
}

// quote writes s as a quoted-string, escaping '"', '\' and the control
// characters that quoted-pair allows (§25.1).
func quote(s string) string {
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '"' || c == '\\' || (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f {
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return string(append(b, '"'))
}

// splitList calls fn for each element of a comma-separated header value
// (§7.3.1), ignoring commas inside quoted strings and <…>. Elements are
// trimmed. An empty element is reported to fn as "" so that callers can
// refuse it: the "#" rule of RFC 3261 has no empty elements.
func splitList(s string, fn func(item string) error) error {
	if strings.IndexByte(s, ',') < 0 {
		return fn(trimWS(s))
	}
	start, angle := 0, false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			end := scanQuoted(s, i)
			if end < 0 {
				return errorf("unterminated quoted string")
			}
			i = end - 1
		case '<':
			angle = true
		case '>':
			angle = false
		case ',':
			if angle {
				continue
			}
			if err := fn(trimWS(s[start:i])); err != nil {
				return err
			}
			start = i + 1
		}
	}
	return fn(trimWS(s[start:]))
}
