package sip

import "strings"

// Params is a list of ";name=value" parameters, kept as text exactly as it
// was written (RFC 3261 §7.3.1, §19.1.1): "" or ";transport=tcp;lr". A
// parameter may have no value ("lr"), names compare case-insensitively.
// Parsed header parameters may hold white space around ";" and "="; Each
// and Get skip it, String writes it out canonically.
//
// Keeping the text instead of a slice makes parsing free of allocations; an
// element that changes a parameter gets a new Params back from Set or Del.
type Params string

// Each calls fn for every parameter in order, until fn returns false. A
// parameter without "=" has value "" and hasValue false.
func (p Params) Each(fn func(name, value string, hasValue bool) bool) {
	s := string(p)
	for len(s) > 0 {
		i := strings.IndexByte(s, ';')
		if i < 0 {
			return
		}
		s = s[i+1:]
		end, _ := elementEnd(s, ';')
		item := s[:end]
		s = s[end:]
		name, value, has := strings.Cut(item, "=")
		if !fn(trimWS(name), trimWS(value), has) {
			return
		}
	}
}

// Get returns the value of the named parameter and whether it is present.
func (p Params) Get(name string) (value string, ok bool) {
	p.Each(func(n, v string, _ bool) bool {
		if strings.EqualFold(n, name) {
			value, ok = v, true
			return false
		}
		return true
	})
	return value, ok
}

// Value returns the named parameter's value, or "" when it is absent.
func (p Params) Value(name string) string {
	v, _ := p.Get(name)
	return v
}

// Has reports whether the named parameter is present.
func (p Params) Has(name string) bool {
	_, ok := p.Get(name)
	return ok
}

// Set returns p with the named parameter set to value, replacing the first
// occurrence in place or appending it. An empty value writes a flag
// parameter ("lr", "rport").
func (p Params) Set(name, value string) Params {
	var b strings.Builder
	b.Grow(len(p) + len(name) + len(value) + 2)
	done := false
	p.Each(func(n, v string, has bool) bool {
		if !done && strings.EqualFold(n, name) {
			done = true
			n, v, has = name, value, value != ""
		}
		writeParam(&b, n, v, has)
		return true
	})
	if !done {
		writeParam(&b, name, value, value != "")
	}
	return Params(b.String())
}

// Del returns p without the named parameter.
func (p Params) Del(name string) Params {
	var b strings.Builder
	b.Grow(len(p))
	p.Each(func(n, v string, has bool) bool {
		if !strings.EqualFold(n, name) {
			writeParam(&b, n, v, has)
		}
		return true
	})
	return Params(b.String())
}

// String returns the canonical text: no white space, ";" before each one.
func (p Params) String() string {
	if !strings.ContainsAny(string(p), " \t") {
		return string(p)
	}
	var b strings.Builder
	p.Each(func(n, v string, has bool) bool {
		writeParam(&b, n, v, has)
		return true
	})
	return b.String()
}

// writeParam writes ";name" or ";name=value".
func writeParam(b *strings.Builder, name, value string, has bool) {
	b.WriteByte(';')
	b.WriteString(name)
	if has {
		b.WriteByte('=')
		b.WriteString(value)
	}
}

// checkHeaderParams validates generic-params after a header value (§25.1):
// *( SEMI generic-param ), generic-param = token [ EQUAL gen-value ],
// gen-value = token / host / quoted-string. White space may surround ";"
// and "=".
func checkHeaderParams(s string) error {
	i := skipWS(s, 0)
	for i < len(s) {
		if s[i] != ';' {
			return errorf("unexpected %q before parameters", s[i:])
		}
		p, next, err := scanParam(s, i+1, &genValueChars)
		switch {
		case err != nil:
			return err
		case p.name == "" && (next >= len(s) || s[next] == ';'):
			return errorf("empty parameter")
		case p.name == "":
			return errorf("bad parameter name at %q", s[next:])
		case next < len(s) && s[next] != ';':
			return errorf("bad parameter %s at %q", p.name, s[next:])
		}
		i = next
	}
	return nil
}
