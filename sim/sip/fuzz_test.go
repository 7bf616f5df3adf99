package sip

import (
	"bytes"
	"reflect"
	"testing"
)

// FuzzParse checks that Parse never panics, and that whatever it accepts
// survives a round trip through Bytes unchanged (but for the Content-Length
// that Bytes always writes).
func FuzzParse(f *testing.F) {
	for _, seed := range tortureSeeds(f) {
		f.Add(seed)
	}
	f.Add(msg(minimalInvite))
	f.Add(benchInvite)
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse(data)
		if err != nil {
			if m != nil {
				t.Fatal("Parse returned a message and an error")
			}
			return
		}
		out := m.Bytes()
		m2, err := Parse(out)
		if err != nil {
			t.Fatalf("accepted %q but not its serialization %q: %v", data, out, err)
		}
		if m2.Method != m.Method || m2.RequestURI.String() != m.RequestURI.String() || m2.StatusCode != m.StatusCode ||
			m2.Reason != m.Reason || !bytes.Equal(m2.Body, m.Body) ||
			!reflect.DeepEqual(withoutLength(m2.Headers), withoutLength(m.Headers)) {
			t.Fatalf("round trip changed the message:\n%q\n%q", data, out)
		}
		if !bytes.Equal(m2.Bytes(), out) {
			t.Fatalf("Bytes is not idempotent for %q", data)
		}
	})
}

func FuzzParseURI(f *testing.F) {
	for _, s := range []string{"sip:alice@atlanta.example.com;transport=tcp?subject=x", "tel:+1-201-555-0123", "sips:[2001:db8::1]:5061", "urn:x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := ParseURI(s)
		if err != nil {
			return
		}
		again, err := ParseURI(u.String())
		if err != nil || again != u && again.String() != u.String() {
			t.Fatalf("%q parsed as %+v, its String() %q as %+v (%v)", s, u, u.String(), again, err)
		}
	})
}

func FuzzParseSDP(f *testing.F) {
	f.Add(msg(offerSDP))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseSDP(data)
		if err != nil {
			return
		}
		if _, err := ParseSDP(s.Bytes()); err != nil {
			t.Fatalf("accepted %q but not its serialization %q: %v", data, s.Bytes(), err)
		}
	})
}
