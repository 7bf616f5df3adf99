package sip

import (
	"strings"
	"testing"
)

func TestParseURI(t *testing.T) {
	tests := []struct {
		in                       string
		scheme, user, pass, host string
		port                     int
		params, headers          string
		wantErr                  string
	}{
		{in: "sip:alice@atlanta.example.com", scheme: "sip", user: "alice", host: "atlanta.example.com"},
		{in: "sips:alice:secret@atlanta.example.com:5061;transport=tcp;lr", scheme: "sips", user: "alice", pass: "secret", host: "atlanta.example.com", port: 5061, params: ";transport=tcp;lr"},
		{in: "sip:192.0.2.10", scheme: "sip", host: "192.0.2.10"},
		{in: "sip:[2001:db8::10]:5070;maddr=239.255.255.1", scheme: "sip", host: "[2001:db8::10]", port: 5070, params: ";maddr=239.255.255.1"},
		{in: "sip:bob@biloxi.example.com?subject=project%20x&priority=urgent", scheme: "sip", user: "bob", host: "biloxi.example.com", headers: "subject=project%20x&priority=urgent"},
		{in: "sip:user;par=u%40example.net@example.com", scheme: "sip", user: "user;par=u%40example.net", host: "example.com"},
		{in: "sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com", scheme: "sip", user: "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", pass: "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", host: "example.com"},
		{in: "sip:null-%00-null@example.com", scheme: "sip", user: "null-%00-null", host: "example.com"},
		{in: "SIP:Alice@AtLanta.Example.COM", scheme: "SIP", user: "Alice", host: "AtLanta.Example.COM"},
		{in: "tel:+1-201-555-0123", scheme: "tel", user: "+1-201-555-0123"},
		{in: "sip:alice@atlanta.example.com.", scheme: "sip", user: "alice", host: "atlanta.example.com."},
		{in: "urn:service:sos", scheme: "urn"},
		{in: "nobodyKnowsThisScheme:totallyopaquecontent", scheme: "nobodyKnowsThisScheme"},
		{in: "alice@atlanta.example.com", wantErr: "has no scheme"},
		{in: "1sip:alice@atlanta.example.com", wantErr: "bad scheme"},
		{in: "atlanta", wantErr: "no scheme"},
		{in: "sip:", wantErr: "empty host"},
		{in: "sip:@example.com", wantErr: "empty user"},
		{in: "sip:alice@", wantErr: "empty host"},
		{in: "sip:alice@exa mple.com", wantErr: "not allowed"},
		{in: "sip:alice@-bad.example.com", wantErr: "starts with '-'"},
		{in: "sip:alice@bad..example.com", wantErr: "label"},
		{in: "sip:alice@[2001:db8::1", wantErr: "no ']'"},
		{in: "sip:alice@[192.0.2.1]", wantErr: "bad IPv6"},
		{in: "sip:alice@example.com:", wantErr: "empty port"},
		{in: "sip:alice@example.com:abc", wantErr: "not a number"},
		{in: "sip:alice@example.com;=x", wantErr: "empty URI parameter"},
		{in: "sip:alice@example.com;lr=", wantErr: "no value"},
		{in: "sip:alice@example.com?", wantErr: "empty headers"},
		{in: "sip:alice@example.com?x", wantErr: "not name=value"},
		{in: "sip:al ice@example.com", wantErr: "user part"},
		{in: "sip:alice%2@example.com", wantErr: "user part"},
		{in: "tel:", wantErr: "no number"},
		{in: "urn:", wantErr: "empty after the scheme"},
		{in: "http://ex<ample", wantErr: "not allowed"},
	}
	for _, tc := range tests {
		u, err := ParseURI(tc.in)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("ParseURI(%q) error = %v, want %q", tc.in, err, tc.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseURI(%q): %v", tc.in, err)
			continue
		}
		if u.Scheme != tc.scheme || u.User != tc.user || u.Password != tc.pass || u.Host != tc.host ||
			u.Port != tc.port || string(u.Params) != tc.params || u.Headers != tc.headers {
			t.Errorf("ParseURI(%q) = %+v", tc.in, u)
		}
		if got := u.String(); got != tc.in {
			t.Errorf("String() = %q, want %q", got, tc.in)
		}
	}
}

func TestURIHelpers(t *testing.T) {
	u, _ := ParseURI("sip:%61lice@Atlanta.Example.com:5060;transport=udp")
	if got := u.AddrOfRecord(); got != "sip:alice@atlanta.example.com" {
		t.Errorf("AddrOfRecord = %q", got)
	}
	if u.HostPort() != "Atlanta.Example.com:5060" || !u.IsSIP() {
		t.Errorf("HostPort = %q", u.HostPort())
	}
	if Unescape("a%20b%zz") != "a b%zz" {
		t.Errorf("Unescape")
	}
}

func TestParams(t *testing.T) {
	p := Params(" ; branch  =   z9hG4bK9ikj8 ;rport; Q=0.5 ;x=\"a;b\"")
	if v, ok := p.Get("BRANCH"); !ok || v != "z9hG4bK9ikj8" {
		t.Errorf("Get branch = %q %v", v, ok)
	}
	if v, ok := p.Get("rport"); !ok || v != "" {
		t.Errorf("Get rport = %q %v", v, ok)
	}
	if p.Value("x") != `"a;b"` || p.Value("q") != "0.5" || p.Has("nope") {
		t.Errorf("x = %q", p.Value("x"))
	}
	if got := p.String(); got != `;branch=z9hG4bK9ikj8;rport;Q=0.5;x="a;b"` {
		t.Errorf("String = %q", got)
	}
	p = p.Set("rport", "5060").Set("received", "192.0.2.1").Del("x").Del("q")
	if got := string(p); got != ";branch=z9hG4bK9ikj8;rport=5060;received=192.0.2.1" {
		t.Errorf("edited = %q", got)
	}
}

func TestAddress(t *testing.T) {
	tests := []struct {
		in, display, uri, params, out string
		wantErr                       string
	}{
		{in: "Alice <sip:alice@atlanta.example.com>;tag=1928301774", display: "Alice", uri: "sip:alice@atlanta.example.com", params: ";tag=1928301774", out: "Alice <sip:alice@atlanta.example.com>;tag=1928301774"},
		{in: `"Alice Liddell" <sip:alice@atlanta.example.com>`, display: "Alice Liddell", uri: "sip:alice@atlanta.example.com", out: "Alice Liddell <sip:alice@atlanta.example.com>"},
		{in: `"J Rosenberg \\\"" <sip:jdrosen@example.com>;tag = 98asjd8`, display: `J Rosenberg \"`, uri: "sip:jdrosen@example.com", params: ";tag = 98asjd8", out: `"J Rosenberg \\\"" <sip:jdrosen@example.com>;tag=98asjd8`},
		{in: "sip:alice@atlanta.example.com;tag=88sja8x", uri: "sip:alice@atlanta.example.com", params: ";tag=88sja8x", out: "<sip:alice@atlanta.example.com>;tag=88sja8x"},
		{in: "<sip:alice@pc33.atlanta.example.com;transport=tcp>;expires=3600;q=0.7", uri: "sip:alice@pc33.atlanta.example.com;transport=tcp", params: ";expires=3600;q=0.7", out: "<sip:alice@pc33.atlanta.example.com;transport=tcp>;expires=3600;q=0.7"},
		{in: "caller<sip:caller@example.com>;tag=323", display: "caller", uri: "sip:caller@example.com", params: ";tag=323", out: "caller <sip:caller@example.com>;tag=323"},
		{in: `"张三" <sip:zhangsan@example.cn>`, display: "张三", uri: "sip:zhangsan@example.cn", out: `"张三" <sip:zhangsan@example.cn>`},
		{in: `"Bob <sip:bob@biloxi.example.com>`, wantErr: "unterminated"},
		{in: `Bell, Alexander <sip:a.g.bell@example.com>`, wantErr: "must be quoted"},
		{in: `<sip:bob@biloxi.example.com`, wantErr: "without '>'"},
		{in: `"Bob" sip:bob@biloxi.example.com`, wantErr: "expected '<'"},
		{in: `<sip:bob@biloxi.example.com>;;tag=1`, wantErr: "empty parameter"},
		{in: `<sip:bob@biloxi.example.com> junk`, wantErr: "unexpected"},
		{in: ``, wantErr: "empty address"},
	}
	for _, tc := range tests {
		a, err := ParseAddress(tc.in)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("ParseAddress(%q) error = %v, want %q", tc.in, err, tc.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseAddress(%q): %v", tc.in, err)
			continue
		}
		if a.DisplayName != tc.display || a.URI.String() != tc.uri || string(a.Params) != tc.params {
			t.Errorf("ParseAddress(%q) = %+v", tc.in, a)
		}
		if got := a.String(); got != tc.out {
			t.Errorf("String() = %q, want %q", got, tc.out)
		}
		again, err := ParseAddress(a.String())
		if err != nil || again.DisplayName != a.DisplayName || again.URI != a.URI || again.Params.String() != a.Params.String() {
			t.Errorf("re-parse of %q: %+v %v", a.String(), again, err)
		}
	}
}

func TestContactParams(t *testing.T) {
	list, err := ParseAddressList(`"Mr. Watson" <sip:watson@worcester.bell-telephone.com>;q=0.7; expires=3600, "Mr. Watson" <mailto:watson@bell-telephone.com> ;q=0.1`)
	if err != nil || len(list) != 2 {
		t.Fatalf("%v %v", list, err)
	}
	if list[0].Q() != 0.7 || list[1].Q() != 0.1 {
		t.Errorf("q %v %v", list[0].Q(), list[1].Q())
	}
	if e, ok := list[0].Expires(); !ok || e != 3600 {
		t.Errorf("expires %d %v", e, ok)
	}
	if _, ok := list[1].Expires(); ok {
		t.Errorf("expires on second contact")
	}
	if _, err := ParseAddressList("<sip:a@example.com>, ,<sip:b@example.com>"); err == nil {
		t.Errorf("empty element accepted")
	}
}

func TestCanonicalName(t *testing.T) {
	for in, want := range map[string]string{
		"v": "Via", "V": "Via", "via": "Via", "VIA": "Via", "i": "Call-ID", "call-id": "Call-ID",
		"cseq": "CSeq", "www-authenticate": "WWW-Authenticate", "l": "Content-Length",
		"k": "Supported", "e": "Content-Encoding", "o": "Event", "r": "Refer-To", "u": "Allow-Events",
		"X-Custom": "X-Custom", "q": "q", "NewFangledHeader": "NewFangledHeader",
	} {
		if got := CanonicalName(in); got != want {
			t.Errorf("CanonicalName(%q) = %q, want %q", in, got, want)
		}
	}
	if CompactName("Via") != "v" || CompactName("CSeq") != "" {
		t.Errorf("CompactName")
	}
}

// RFC 3261 §19.1.1, RFC 3891 §6.1: a Replaces header put in a URI is
// escaped as hvalue ('@', ';', '=' and '%' too), parses back as a URI, and
// HeaderFields gives the header with its value unescaped.
func TestURIHeaderRoundTrip(t *testing.T) {
	value := "7af2@host.example.com;to-tag=a1;from-tag=b%2"
	u := URI{Scheme: "sip", User: "carol", Host: "chicago.example.com"}.WithHeader("Replaces", value)
	const want = "sip:carol@chicago.example.com?Replaces=7af2%40host.example.com%3Bto-tag%3Da1%3Bfrom-tag%3Db%252"
	if u.String() != want {
		t.Fatalf("URI %s, want %s", u, want)
	}
	p, err := ParseURI(u.String())
	if err != nil {
		t.Fatal(err)
	}
	h := p.WithHeader("subject", "a b").HeaderFields()
	if len(h) != 2 || h[0] != (Header{"Replaces", value}) || h[1] != (Header{"Subject", "a b"}) {
		t.Errorf("headers %q, want Replaces %q and Subject %q", h, value, "a b")
	}
	if (URI{Host: "x"}).HeaderFields() != nil {
		t.Error("a URI without headers has header fields")
	}
}
