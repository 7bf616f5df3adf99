package sip

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// msg turns a readable message into wire form: "\n" becomes CRLF.
func msg(s string) []byte { return []byte(strings.ReplaceAll(s, "\n", "\r\n")) }

const minimalInvite = `INVITE sip:bob@biloxi.example.com SIP/2.0
Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds
Max-Forwards: 70
To: Bob <sip:bob@biloxi.example.com>
From: Alice <sip:alice@atlanta.example.com>;tag=1928301774
Call-ID: a84b4c76e66710@pc33.atlanta.example.com
CSeq: 314159 INVITE
Contact: <sip:alice@pc33.atlanta.example.com>
Content-Length: 0

`

func TestParseRequest(t *testing.T) {
	m, err := Parse(msg(minimalInvite))
	if err != nil {
		t.Fatal(err)
	}
	if !m.IsRequest() || m.Method != "INVITE" || m.RequestURI.String() != "sip:bob@biloxi.example.com" {
		t.Fatalf("start line: %q %q", m.Method, m.RequestURI)
	}
	if len(m.Headers) != 8 {
		t.Fatalf("got %d headers", len(m.Headers))
	}
	v, err := m.TopVia()
	if err != nil || v.Branch() != "z9hG4bK776asdhds" || v.Transport != "UDP" || v.Host != "pc33.atlanta.example.com" {
		t.Fatalf("via %+v %v", v, err)
	}
	from, _ := m.From()
	if from.DisplayName != "Alice" || from.Tag() != "1928301774" || from.URI.User != "alice" {
		t.Fatalf("from %+v", from)
	}
	c, _ := m.CSeq()
	if c.Seq != 314159 || c.Method != "INVITE" {
		t.Fatalf("cseq %+v", c)
	}
	if mf, ok := m.MaxForwards(); !ok || mf != 70 {
		t.Fatalf("max-forwards %d %v", mf, ok)
	}
}

func TestParseResponse(t *testing.T) {
	m, err := Parse(msg(`SIP/2.0 180 Ringing
Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds;received=192.0.2.1
To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf
From: Alice <sip:alice@atlanta.example.com>;tag=1928301774
Call-ID: a84b4c76e66710
CSeq: 314159 INVITE
Content-Length: 0

`))
	if err != nil {
		t.Fatal(err)
	}
	if m.IsRequest() || m.StatusCode != 180 || m.Reason != "Ringing" {
		t.Fatalf("%d %q", m.StatusCode, m.Reason)
	}
	v, _ := m.TopVia()
	if v.Received() != "192.0.2.1" {
		t.Fatalf("received %q", v.Received())
	}
}

func TestParseTortuousButValid(t *testing.T) {
	tests := []struct {
		name  string
		input string
		check func(t *testing.T, m *Message)
	}{
		{"compact forms", `OPTIONS sip:bob@biloxi.example.com SIP/2.0
v: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKa1
t: <sip:bob@biloxi.example.com>
f: <sip:alice@atlanta.example.com>;tag=x1
i: abc@192.0.2.1
CSeq: 1 OPTIONS
Max-Forwards: 70
m: <sip:alice@192.0.2.1>
l: 0

`, func(t *testing.T, m *Message) {
			names := []string{}
			for _, h := range m.Headers {
				names = append(names, h.Name)
			}
			want := []string{"Via", "To", "From", "Call-ID", "CSeq", "Max-Forwards", "Contact", "Content-Length"}
			if !reflect.DeepEqual(names, want) {
				t.Errorf("names %v", names)
			}
			if m.Get("i") != "abc@192.0.2.1" || m.Get("CALL-ID") != "abc@192.0.2.1" {
				t.Errorf("Get by compact or upper-case name failed")
			}
		}},
		{"folding and white space", `INVITE sip:bob@biloxi.example.com SIP/2.0
Via  : SIP  /   2.0
 /UDP
    192.0.2.2;rport;branch=z9hG4bK390skdjuw
Max-Forwards: 0068
To  :  "Bob \"the builder\"" <sip:bob@biloxi.example.com>
From: caller<sip:alice@atlanta.example.com> ; tag = 98asjd8
Call-ID: fold.1@192.0.2.2
cseq: 0009
  INVITE
Subject:
    I know you're there,
         pick up the phone
    and talk to me!
Content-Length: 0

`, func(t *testing.T, m *Message) {
			if got := m.Get("Subject"); got != "I know you're there, pick up the phone and talk to me!" {
				t.Errorf("subject %q", got)
			}
			if got := m.Get("CSeq"); got != "0009 INVITE" {
				t.Errorf("cseq %q", got)
			}
			v, err := m.TopVia()
			if err != nil || v.Host != "192.0.2.2" || v.Branch() != "z9hG4bK390skdjuw" {
				t.Errorf("via %+v %v", v, err)
			}
			to, _ := m.To()
			if to.DisplayName != `Bob "the builder"` {
				t.Errorf("display %q", to.DisplayName)
			}
			from, _ := m.From()
			if from.DisplayName != "caller" || from.Tag() != "98asjd8" {
				t.Errorf("from %+v", from)
			}
		}},
		{"several vias on one line, IPv6", `SIP/2.0 200 OK
Via: SIP/2.0/UDP [2001:db8::9:1]:5070;branch=z9hG4bKx1, SIP/2.0/TCP 192.0.2.3;branch=z9hG4bKx2
Via: SIP/2.0/UDP host.example.com;branch=z9hG4bKx3;received=2001:db8::1
To: <sip:bob@biloxi.example.com>;tag=t
From: <sip:alice@atlanta.example.com>;tag=f
Call-ID: v6
CSeq: 7 OPTIONS

`, func(t *testing.T, m *Message) {
			vias, err := m.Vias()
			if err != nil || len(vias) != 3 {
				t.Fatalf("vias %v %v", vias, err)
			}
			if vias[0].Host != "[2001:db8::9:1]" || vias[0].Port != 5070 || vias[1].Transport != "TCP" {
				t.Errorf("vias %+v", vias)
			}
			top, _ := m.PopVia()
			if top.Branch() != "z9hG4bKx1" || len(m.Values("Via")) != 2 || !strings.HasPrefix(m.Get("Via"), "SIP/2.0/TCP 192.0.2.3") {
				t.Errorf("after pop: %q", m.Values("Via"))
			}
		}},
		{"extension method, UTF-8 reason, no Content-Length", `SIP/2.0 200 成功了 ✓
Via: SIP/2.0/UDP 192.0.2.3;branch=z9hG4bKx2
To: <sip:bob@biloxi.example.com>;tag=t
From: <sip:alice@atlanta.example.com>;tag=f
Call-ID: u8
CSeq: 7 FOO-bar

hello`, func(t *testing.T, m *Message) {
			if m.Reason != "成功了 ✓" || string(m.Body) != "hello" {
				t.Errorf("reason %q body %q", m.Reason, m.Body)
			}
		}},
		{"Content-Length shorter than the datagram", `MESSAGE sip:bob@biloxi.example.com SIP/2.0
Via: SIP/2.0/UDP 192.0.2.3;branch=z9hG4bKm
To: <sip:bob@biloxi.example.com>
From: <sip:alice@atlanta.example.com>;tag=f
Call-ID: m1
CSeq: 1 MESSAGE
Max-Forwards: 70
Content-Type: text/plain
Content-Length: 5

hello, and noise after it`, func(t *testing.T, m *Message) {
			if string(m.Body) != "hello" {
				t.Errorf("body %q", m.Body)
			}
		}},
		{"contact star, tel and unknown schemes", `REGISTER sip:registrar.biloxi.example.com SIP/2.0
Via: SIP/2.0/UDP 192.0.2.4;branch=z9hG4bKr
To: <tel:+1-201-555-0123;phone-context=example.com>
From: <urn:service:sos>;tag=f
Call-ID: r1
CSeq: 2 REGISTER
Max-Forwards: 70
Contact: *
Expires: 0

`, func(t *testing.T, m *Message) {
			_, star, err := m.Contacts()
			if !star || err != nil {
				t.Errorf("star %v %v", star, err)
			}
			to, _ := m.To()
			if to.URI.Scheme != "tel" || to.URI.User != "+1-201-555-0123" || to.URI.Params.Value("phone-context") != "example.com" {
				t.Errorf("tel %+v", to.URI)
			}
			if e, ok := m.Expires(); !ok || e != 0 {
				t.Errorf("expires %d %v", e, ok)
			}
		}},
		{"LF line ends and leading empty lines", "\n\nOPTIONS sip:bob@biloxi.example.com SIP/2.0\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKlf\nTo: <sip:bob@biloxi.example.com>\nFrom: <sip:alice@atlanta.example.com>;tag=1\nCall-ID: lf\nCSeq: 1 OPTIONS\nMax-Forwards: 70\n\n",
			func(t *testing.T, m *Message) {
				if m.Method != "OPTIONS" || len(m.Headers) != 6 {
					t.Errorf("%q %d", m.Method, len(m.Headers))
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(tc.input)
			if !strings.HasPrefix(tc.input, "\n") {
				data = msg(tc.input)
			}
			m, err := Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, m)
			assertRoundTrip(t, m)
		})
	}
}

func TestParseErrors(t *testing.T) {
	const rest = `Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKe
To: <sip:bob@biloxi.example.com>
From: <sip:alice@atlanta.example.com>;tag=1
Call-ID: e1
CSeq: 1 INVITE
Max-Forwards: 70
`
	tests := []struct {
		name, input, want string
		version           bool
	}{
		{"empty", "", "empty message", false},
		{"two spaces in request line", "INVITE  sip:bob@biloxi.example.com SIP/2.0\n" + rest + "\n", "line 1: Request-Line: more than one space", false},
		{"white space in URI", "INVITE sip:bob@biloxi.example.com; lr SIP/2.0\n" + rest + "\n", "line 1: Request-Line: white space inside the Request-URI", false},
		{"angle brackets around URI", "INVITE <sip:bob@biloxi.example.com> SIP/2.0\n" + rest + "\n", "must not be enclosed in <>", false},
		{"trailing space", "INVITE sip:bob@biloxi.example.com SIP/2.0 \n" + rest + "\n", "white space after the SIP version", false},
		{"headers in request URI", "INVITE sip:bob@biloxi.example.com?Route=%3Csip:x.example.com%3E SIP/2.0\n" + rest + "\n", "must not carry headers", false},
		{"version", "INVITE sip:bob@biloxi.example.com SIP/7.0\n" + rest + "\n", "line 1: version SIP/7.0 is not supported", true},
		{"response version", "SIP/3.0 200 OK\n" + rest + "\n", "not supported", true},
		{"garbage version", "INVITE sip:bob@biloxi.example.com HTTP/1.1\n" + rest + "\n", `"HTTP/1.1" is not a SIP version`, false},
		{"big status code", "SIP/2.0 4294967301 Big\n" + rest + "\n", "not three digits", false},
		{"status code range", "SIP/2.0 700 Odd\n" + rest + "\n", "outside 100–699", false},
		{"cseq method mismatch", "OPTIONS sip:bob@biloxi.example.com SIP/2.0\n" + rest + "\n", "line 6: CSeq: method INVITE differs from the request's method OPTIONS", false},
		{"cseq too large", "INVITE sip:bob@biloxi.example.com SIP/2.0\n" + strings.Replace(rest, "CSeq: 1", "CSeq: 36893488147419103232", 1) + "\n", "line 6: CSeq: sequence number 36893488147419103232 does not fit in 32 bits", false},
		{"max-forwards too large", "INVITE sip:bob@biloxi.example.com SIP/2.0\n" + strings.Replace(rest, "Max-Forwards: 70", "Max-Forwards: 300", 1) + "\n", "line 7: Max-Forwards: 300 is out of range", false},
		{"missing call-id", "INVITE sip:bob@biloxi.example.com SIP/2.0\n" + strings.Replace(rest, "Call-ID: e1\n", "", 1) + "\n", "Call-ID: missing", false},
		{"missing max-forwards", "INVITE sip:bob@biloxi.example.com SIP/2.0\n" + strings.Replace(rest, "Max-Forwards: 70\n", "", 1) + "\n", "Max-Forwards: missing", false},
		{"negative content-length", "INVITE sip:bob@biloxi.example.com SIP/2.0\n" + rest + "Content-Length: -5\n\n", `line 8: Content-Length: "-5" is not a number`, false},
		{"content-length too large", "INVITE sip:bob@biloxi.example.com SIP/2.0\n" + rest + "Content-Length: 50\n\nshort", "line 8: Content-Length: 50 is larger than the 5 bytes", false},
		{"content-length twice", "INVITE sip:bob@biloxi.example.com SIP/2.0\n" + rest + "Content-Length: 5\nl: 4\n\nshort", "line 9: Content-Length: 4 differs from 5 given on line 8", false},
		{"two To headers", "INVITE sip:bob@biloxi.example.com SIP/2.0\n" + rest + "To: <sip:carol@chicago.example.com>\n\n", "line 8: To: appears twice (lines 3 and 8)", false},
		{"unterminated quote", "INVITE sip:bob@biloxi.example.com SIP/2.0\n" + strings.Replace(rest, "To: <", `To: "Bob <`, 1) + "\n", "line 3: To: display name", false},
		{"unquoted comma in display name", "INVITE sip:bob@biloxi.example.com SIP/2.0\n" + strings.Replace(rest, "To: <", "To: Bell, Alexander <", 1) + "\n", "must be quoted", false},
		{"space inside angle brackets", "INVITE sip:bob@biloxi.example.com SIP/2.0\n" + strings.Replace(rest, "To: <sip:bob@biloxi.example.com>", "To: < sip:bob@biloxi.example.com >", 1) + "\n", "line 3: To:", false},
		{"empty via params", "INVITE sip:bob@biloxi.example.com SIP/2.0\n" + strings.Replace(rest, "branch=z9hG4bKe", "branch=z9hG4bKe;;,;,,", 1) + "\n", "line 2: Via:", false},
		{"via without version", "INVITE sip:bob@biloxi.example.com SIP/2.0\n" + strings.Replace(rest, "SIP/2.0/UDP", "SIP/UDP", 1) + "\n", "line 2: Via:", false},
		{"no colon", "INVITE sip:bob@biloxi.example.com SIP/2.0\n" + rest + "Subject hello\n\n", "line 8: header line \"Subject hello\" has no colon", false},
		{"continuation first", "INVITE sip:bob@biloxi.example.com SIP/2.0\n Via: x\n" + rest + "\n", "line 2: line starts with white space", false},
		{"control character", "INVITE sip:bob@biloxi.example.com SIP/2.0\n" + rest + "Subject: a\x00b\n\n", "line 8: Subject: control character", false},
		{"addr-spec with ?", "REGISTER sip:biloxi.example.com SIP/2.0\n" + strings.Replace(rest, "CSeq: 1 INVITE", "CSeq: 1 REGISTER", 1) + "Contact: sip:bob@192.0.2.4?Route=%3Csip:x.example.com%3E\n\n", "must be enclosed in <>", false},
		{"date not GMT", "INVITE sip:bob@biloxi.example.com SIP/2.0\n" + rest + "Date: Fri, 01 Jan 2010 16:00:00 EST\n\n", "line 8: Date:", false},
		{"bad host", "INVITE sip:bob@bad_host.example.com SIP/2.0\n" + rest + "\n", "not allowed", false},
		{"route not name-addr", "INVITE sip:bob@biloxi.example.com SIP/2.0\n" + rest + "Route: sip:p1.example.com;lr\n\n", "line 8: Route:", false},
		{"bad escape", "INVITE sip:b%6@biloxi.example.com SIP/2.0\n" + rest + "\n", "user part", false},
		{"port out of range", "INVITE sip:bob@biloxi.example.com:70000 SIP/2.0\n" + rest + "\n", "out of range", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Parse(msg(tc.input))
			if err == nil {
				t.Fatalf("accepted: %+v", m)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Errorf("error %T is not a *ParseError", err)
			}
			if got := errors.Is(err, ErrVersion); got != tc.version {
				t.Errorf("errors.Is(ErrVersion) = %v", got)
			}
			if !tc.version && !errors.Is(err, ErrSyntax) {
				t.Errorf("errors.Is(ErrSyntax) = false")
			}
		})
	}
}

// assertRoundTrip asserts the serializer's property: parsing the bytes of a
// message gives the message back, and serializing is idempotent. Bytes
// always writes the true Content-Length, so that header is compared apart.
func assertRoundTrip(t *testing.T, m *Message) {
	t.Helper()
	out := m.Bytes()
	m2, err := Parse(out)
	if err != nil {
		t.Fatalf("re-parse of\n%s\nfailed: %v", out, err)
	}
	if m2.Method != m.Method || m2.RequestURI.String() != m.RequestURI.String() ||
		m2.StatusCode != m.StatusCode || m2.Reason != m.Reason || !bytes.Equal(m2.Body, m.Body) {
		t.Fatalf("round trip changed the start line or body:\n%s", out)
	}
	want := withoutLength(m.Headers)
	if got := withoutLength(m2.Headers); !reflect.DeepEqual(got, want) {
		t.Fatalf("round trip changed headers:\n got %q\nwant %q", got, want)
	}
	if l := m2.Get("Content-Length"); l == "" || l != strconv.Itoa(len(m.Body)) {
		t.Fatalf("Content-Length %q for a body of %d bytes", l, len(m.Body))
	}
	if out2 := m2.Bytes(); !bytes.Equal(out, out2) {
		t.Fatalf("Bytes is not idempotent:\n%q\n%q", out, out2)
	}
}

func withoutLength(hs []Header) []Header {
	var out []Header
	for _, h := range hs {
		if h.Name != "Content-Length" {
			out = append(out, h)
		}
	}
	return out
}

func TestBytesCanonical(t *testing.T) {
	m, err := Parse(msg("OPTIONS sip:bob@biloxi.example.com SIP/2.0\nv: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\nt: <sip:bob@biloxi.example.com>\nf: <sip:alice@atlanta.example.com>;tag=1\ni: c\nCSeq: 1 OPTIONS\nMax-Forwards: 70\n\n"))
	if err != nil {
		t.Fatal(err)
	}
	m.Body = []byte("ping")
	want := "OPTIONS sip:bob@biloxi.example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\nTo: <sip:bob@biloxi.example.com>\r\nFrom: <sip:alice@atlanta.example.com>;tag=1\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 4\r\n\r\nping"
	if got := string(m.Bytes()); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestBodyAppendDoesNotClobber(t *testing.T) {
	m, err := Parse(msg(minimalInvite[:len(minimalInvite)-len("Content-Length: 0\n\n")] + "\nabc"))
	if err != nil {
		t.Fatal(err)
	}
	before := m.Get("Contact")
	m.Body = append(m.Body, "defghijklmnop"...)
	m.Body[0] = 'X'
	if m.Get("Contact") != before {
		t.Fatal("writing to the body changed a header")
	}
}

func TestNewResponse(t *testing.T) {
	req, _ := Parse(msg(minimalInvite))
	r := NewResponse(req, 486, "")
	if r.Reason != "Busy Here" || r.StatusCode != 486 {
		t.Fatalf("%d %q", r.StatusCode, r.Reason)
	}
	var names []string
	for _, h := range r.Headers {
		names = append(names, h.Name)
	}
	if want := []string{"Via", "To", "From", "Call-ID", "CSeq"}; !reflect.DeepEqual(names, want) {
		t.Errorf("headers %v", names)
	}
	if _, err := Parse(r.Bytes()); err != nil {
		t.Errorf("response does not parse: %v", err)
	}
}

func TestHeaderEditing(t *testing.T) {
	m, _ := Parse(msg(minimalInvite))
	m.Prepend("Via", "SIP/2.0/UDP proxy.example.com;branch=z9hG4bKp1")
	m.Prepend("Record-Route", "<sip:proxy.example.com;lr>")
	// The first Record-Route goes right after the Vias.
	if m.Headers[2].Name != "Record-Route" || m.Headers[0].Value != "SIP/2.0/UDP proxy.example.com;branch=z9hG4bKp1" {
		t.Fatalf("prepend: %v", m.Headers[:3])
	}
	m.Set("Max-Forwards", "69")
	if mf, _ := m.MaxForwards(); mf != 69 {
		t.Fatal("set")
	}
	v, _ := m.PopVia()
	if v.Host != "proxy.example.com" {
		t.Fatal("pop")
	}
	m.Del("Record-Route")
	if m.Has("Record-Route") {
		t.Fatal("del")
	}
	top, _ := m.TopVia()
	top.Params = top.Params.Set("received", "192.0.2.1")
	m.SetTopVia(top)
	if got := m.Get("Via"); got != "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds;received=192.0.2.1" {
		t.Fatalf("set top via: %q", got)
	}
	assertRoundTrip(t, m)
}

// A datagram shorter than its Content-Length is ErrTruncated (§18.3), which
// is still ErrSyntax; other syntax errors are not ErrTruncated.
func TestTruncatedBodyIsErrTruncated(t *testing.T) {
	head := "MESSAGE sip:bob@biloxi.example.com SIP/2.0\r\nVia: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\n" +
		"Max-Forwards: 70\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:bob@biloxi.example.com>\r\nCall-ID: x\r\nCSeq: 1 MESSAGE\r\n"
	_, err := Parse([]byte(head + "Content-Length: 50\r\n\r\nshort"))
	if !errors.Is(err, ErrTruncated) || !errors.Is(err, ErrSyntax) {
		t.Errorf("truncated body: %v, want ErrTruncated and ErrSyntax", err)
	}
	if _, err := Parse([]byte(head + "Content-Length: x\r\n\r\n")); !errors.Is(err, ErrSyntax) || errors.Is(err, ErrTruncated) {
		t.Errorf("bad Content-Length: %v, want ErrSyntax only", err)
	}
}

// PopRoute removes the first Route value where it stands (RFC 3261 §16.4):
// from a line that holds several, the rest stay on it; a line left empty
// goes; every other header line keeps its place.
func TestPopRoute(t *testing.T) {
	m := &Message{Method: "BYE", Headers: []Header{
		{"Via", "SIP/2.0/UDP a.example.com;branch=z9hG4bK1"},
		{"Route", "<sip:p1.example.com;lr>, <sip:p2.example.com;lr>"},
		{"Route", "<sip:p3.example.com;lr>"},
		{"From", "<sip:a@example.com>;tag=1"},
	}}
	m.PopRoute()
	m.PopRoute()
	want := []Header{{"Via", "SIP/2.0/UDP a.example.com;branch=z9hG4bK1"}, {"Route", "<sip:p3.example.com;lr>"}, {"From", "<sip:a@example.com>;tag=1"}}
	if !reflect.DeepEqual(m.Headers, want) {
		t.Errorf("after two PopRoutes: %v, want %v", m.Headers, want)
	}
	m.PopRoute()
	m.PopRoute() // no Route left: nothing happens
	if m.Has("Route") || len(m.Headers) != 2 {
		t.Errorf("after the last Route: %v", m.Headers)
	}
}

// TestParseEverySize parses the same message with bodies that put it on
// both sides of each size Parse copies into its block (512, 1024 and 2048
// bytes) and beyond: the result is ParseShared's, the caller's bytes may
// change afterwards, and the body's capacity is cut.
func TestParseEverySize(t *testing.T) {
	for _, size := range []int{300, 511, 512, 513, 1023, 1024, 1025, 2047, 2048, 2049, 5000} {
		head := "MESSAGE sip:bob@biloxi.example.com SIP/2.0\r\nVia: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\n" +
			"Max-Forwards: 70\r\nFrom: <sip:alice@atlanta.example.com>;tag=1\r\nTo: <sip:bob@biloxi.example.com>\r\n" +
			"Call-ID: 1@a\r\nCSeq: 1 MESSAGE\r\nContent-Type: text/plain\r\nContent-Length: "
		n := size - len(head) - 4 - len(strconv.Itoa(size-len(head)))
		body := strings.Repeat("x", max(n, 1))
		data := []byte(head + strconv.Itoa(len(body)) + "\r\n\r\n" + body)
		if size > len(head)+8 && len(data) != size {
			t.Fatalf("the message has %d bytes, want %d", len(data), size)
		}
		m, err := Parse(data)
		if err != nil {
			t.Fatalf("%d bytes: %v", len(data), err)
		}
		want, err := ParseShared(slices.Clone(data))
		if err != nil {
			t.Fatal(err)
		}
		clear(data)
		if !reflect.DeepEqual(m, want) {
			t.Errorf("%d bytes: Parse and ParseShared differ:\n%+v\n%+v", len(data), m, want)
		}
		if cap(m.Body) != len(body) || string(m.Body) != body {
			t.Errorf("%d bytes: body of %d bytes, capacity %d, want %d", len(data), len(m.Body), cap(m.Body), len(body))
		}
	}
}
