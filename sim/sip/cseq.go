package sip

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// CSeq orders transactions within a dialog and names their method (§20.16).
type CSeq struct {
	Seq    uint32
	Method string
}

func (c CSeq) String() string { return strconv.FormatUint(uint64(c.Seq), 10) + " " + c.Method }

// ParseCSeq parses "1*DIGIT LWS Method". The number must fit in 32 bits
// (§8.1.1.5).
func ParseCSeq(s string) (CSeq, error) {
	s = trimWS(s)
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return CSeq{}, errorf("%q does not start with a sequence number", s)
	}
	n, err := strconv.ParseUint(s[:i], 10, 32)
	if err != nil {
		return CSeq{}, errorf("sequence number %s does not fit in 32 bits", s[:i])
	}
	if i == len(s) || !isWS(s[i]) {
		return CSeq{}, errorf("%q: expected a space and the method after the number", s)
	}
	m := trimWS(s[i:])
	if !isToken(m) {
		return CSeq{}, errorf("%q: method %q is not a token", s, m)
	}
	return CSeq{Seq: uint32(n), Method: m}, nil
}

// parseSmallUint parses 1*DIGIT no larger than max.
func parseSmallUint(s string, max uint64) (uint64, error) {
	if !isDigits(s) {
		return 0, errorf("%q is not a number", s)
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || n > max {
		return 0, errorf("%s is out of range (0–%d)", s, max)
	}
	return n, nil
}

// seconds reads delta-seconds (1*DIGIT), clamping values above 2**32-1 as
// §20.19 and §20.10 leave room for; ok is false when s is not a number.
func seconds(s string) (n int, ok bool) {
	if !isDigits(s) {
		return 0, false
	}
	v, err := strconv.ParseUint(s, 10, 32)
	if err != nil {
		return 1<<32 - 1, true
	}
	return int(v), true
}

// checkCallID: Call-ID = word [ "@" word ] (§25.1).
func checkCallID(s string) error {
	if s == "" {
		return errorf("empty Call-ID")
	}
	at := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '@' {
			if at || i == 0 || i == len(s)-1 {
				return errorf("%q: '@' must separate two words", s)
			}
			at = true
			continue
		}
		if !wordChars[c] {
			return errorf("%q: character %q is not allowed in a Call-ID", s, c)
		}
	}
	return nil
}

// checkMediaType: m-type "/" m-subtype *( SEMI m-parameter ) (§20.15).
func checkMediaType(s string) error {
	typ, rest, ok := strings.Cut(s, "/")
	sub, _, _ := strings.Cut(rest, ";")
	if !ok || !isToken(trimWS(typ)) || !isToken(trimWS(sub)) {
		return errorf("%q is not type/subtype", s)
	}
	return checkHeaderParams(rest[len(sub):])
}

var (
	wkdays = []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
	months = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

// DateLayout is the form of a SIP-date (§20.17): an RFC 1123 date, always
// in GMT, for time.Format.
const DateLayout = "Mon, 02 Jan 2006 15:04:05 GMT"

// GB28181DateLayout is the Date of GB/T 28181 platforms, as in the course's
// capture: local time with milliseconds and no zone
// ("2021-03-24T15:25:03.253"); devices set their clocks from it. It is not
// a SIP-date, but the parser accepts it (with or without the fraction of a
// second): a national standard requires it.
const GB28181DateLayout = "2006-01-02T15:04:05.000"

// checkDate: SIP-date = rfc1123-date, always in GMT (§20.17):
// "Sat, 13 Nov 2010 23:29:00 GMT"; or GB/T 28181's form.
func checkDate(s string) error {
	const layout = DateLayout
	if _, err := time.Parse("2006-01-02T15:04:05", s); err == nil {
		return nil // time.Parse reads a fraction after the seconds
	}
	if !strings.HasSuffix(s, " GMT") {
		return errorf("%q: the time zone must be GMT (RFC 3261 §20.17)", s)
	}
	if len(s) != len(layout) {
		return errorf("%q is not an RFC 1123 date like %q", s, layout)
	}
	if !slices.Contains(wkdays, s[:3]) || !slices.Contains(months, s[8:11]) || s[3:5] != ", " || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' ||
		s[19] != ':' || s[22] != ':' || s[25:] != " GMT" ||
		!isDigits(s[5:7]) || !isDigits(s[12:16]) || !isDigits(s[17:19]) || !isDigits(s[20:22]) || !isDigits(s[23:25]) {
		return errorf("%q is not an RFC 1123 date like %q in GMT", s, layout)
	}
	return nil
}
