package sip

import (
	"strconv"
	"strings"
)

// Address is the value of From, To, Contact, Route and Record-Route: a URI
// with an optional display name, and header parameters such as tag, q and
// expires (RFC 3261 §20.10, §25.1 name-addr / addr-spec).
type Address struct {
	DisplayName string // decoded: quotes and escapes removed
	URI         URI
	Params      Params // header parameters, after the URI: ";tag=1928301774"
}

// Tag returns the tag parameter (§19.3), "" when there is none.
func (a Address) Tag() string { return a.Params.Value("tag") }

// Q returns the q parameter of a Contact (§20.10), or -1 when absent or bad.
func (a Address) Q() float64 {
	v, ok := a.Params.Get("q")
	if !ok {
		return -1
	}
	q, err := strconv.ParseFloat(v, 64)
	if err != nil || q < 0 || q > 1 {
		return -1
	}
	return q
}

// Expires returns the expires parameter of a Contact in seconds, and whether
// it is present and a number (§20.10, §10.2.1.1).
func (a Address) Expires() (int, bool) { return seconds(a.Params.Value("expires")) }

// String writes the address in name-addr form, which is always valid and
// never ambiguous about whose parameters follow the URI.
func (a Address) String() string {
	var buf [128]byte // one allocation, the string, for most addresses
	b := buf[:0]
	if a.DisplayName != "" {
		if isTokenPhrase(a.DisplayName) {
			b = append(b, a.DisplayName...)
		} else {
			b = append(b, Quote(a.DisplayName)...)
		}
		b = append(b, ' ')
	}
	b = append(b, '<')
	b = a.URI.AppendTo(b)
	b = append(b, '>')
	b = append(b, a.Params.String()...)
	return string(b)
}

// isTokenPhrase reports whether s can be written as *(token LWS) without
// quotes: tokens separated by single spaces.
func isTokenPhrase(s string) bool {
	for w := range strings.SplitSeq(s, " ") {
		if !isToken(w) {
			return false
		}
	}
	return true
}

// ParseAddress parses one name-addr or addr-spec with its parameters. In the
// addr-spec form every parameter after the URI belongs to the header, and a
// URI holding "?", "," or ";" would be ambiguous, so §20 requires <…> then.
func ParseAddress(s string) (Address, error) {
	var a Address
	s = trimWS(s)
	if s == "" {
		return a, errorf("empty address")
	}
	lt := -1
	if s[0] == '"' {
		end := scanQuoted(s, 0)
		if end < 0 {
			return a, errorf("display name %q: unterminated quoted string", clip(s))
		}
		a.DisplayName = unquote(s[:end])
		i := skipWS(s, end)
		if i >= len(s) || s[i] != '<' {
			return a, errorf("expected '<' after display name %q", clip(s[:end]))
		}
		lt = i
	} else if i := strings.IndexByte(s, '<'); i >= 0 {
		disp := trimWS(s[:i])
		if disp != "" {
			if err := checkTokenPhrase(disp); err != nil {
				return a, err
			}
			a.DisplayName = disp
		}
		lt = i
	}
	var spec, rest string
	if lt >= 0 {
		gt := strings.IndexByte(s[lt:], '>')
		if gt < 0 {
			return a, errorf("'<' without '>' in %q", s)
		}
		spec, rest = s[lt+1:lt+gt], s[lt+gt+1:]
	} else {
		end := strings.IndexAny(s, "; \t")
		if end < 0 {
			end = len(s)
		}
		spec, rest = s[:end], s[end:]
		if strings.ContainsAny(spec, "?,>") {
			return a, errorf("URI %q holds '?' or ',': it must be enclosed in <> (RFC 3261 §20)", spec)
		}
	}
	u, err := ParseURI(spec)
	if err != nil {
		return a, err
	}
	a.URI = u
	if err := checkHeaderParams(rest); err != nil {
		return a, err
	}
	a.Params = Params(trimWS(rest))
	return a, nil
}

// checkTokenPhrase: display-name = *(token LWS) when not quoted (§25.1).
func checkTokenPhrase(s string) error {
	for i := 0; i < len(s); i++ {
		if !tokenChars[s[i]] && !isWS(s[i]) {
			return errorf("display name %q must be quoted: %q is not a token character", s, s[i])
		}
	}
	return nil
}

// ParseAddressList parses a comma-separated list of addresses (Contact,
// Route, Record-Route). It refuses empty elements.
func ParseAddressList(s string) ([]Address, error) {
	var out []Address
	err := parseAddressList(s, false, &out)
	return out, err
}

// parseAddressList appends the addresses of a list to out; with out nil it
// only checks them, the parser's allocation-free path. nameAddr requires
// the <…> form (Route, Record-Route).
func parseAddressList(s string, nameAddr bool, out *[]Address) error {
	return splitList(s, func(item string) error {
		if item == "" {
			return errorf("empty element in list")
		}
		if nameAddr && !strings.Contains(item, "<") {
			return errorf("%q must be a name-addr: <URI> (RFC 3261 §25.1)", item)
		}
		a, err := ParseAddress(item)
		if err == nil && out != nil {
			*out = append(*out, a)
		}
		return err
	})
}
