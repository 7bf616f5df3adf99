package sip

// No text given to the codec can add a line to a message: quote escapes what
// a quoted-string cannot hold, URI components are %HH-escaped, and Bytes
// writes any other CR or LF as a space. These tests build messages from
// hostile field values and read them back with Parse.

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestQuote(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", `""`},
		{"Bob", `"Bob"`},
		{"Bob Smith", `"Bob Smith"`},
		{"tab\there", "\"tab\there\""},
		{`say "hi"`, `"say \"hi\""`},
		{`back\slash`, `"back\\slash"`},
		{"Bob\r\nVia: evil", `"Bob  Via: evil"`}, // CR and LF cannot even be quoted-pairs (§25.1)
		{"a\rb\nc", `"a b c"`},
		{"nul\x00esc\x1bdel\x7f", "\"nul\\\x00esc\\\x1bdel\\\x7f\""}, // quoted-pairs
		{"张三", `"张三"`},
		{"bad\xffutf8", "\"bad\uFFFDutf8\""},
		{"\xe5\xbc", "\"\uFFFD\uFFFD\""}, // a truncated rune: one U+FFFD per byte
	} {
		if got := Quote(tc.in); got != tc.want {
			t.Errorf("Quote(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestQuoteReadsBack checks that a display name written by Address.String
// parses back, unchanged when it holds no line break and is valid UTF-8.
func TestQuoteReadsBack(t *testing.T) {
	for _, name := range []string{"Bob", `"quoted"`, `a\`, "tab\t", "esc\x1b[31m", "张三", "Bob\r\nVia: evil", "x\xff"} {
		a := Address{DisplayName: name, URI: URI{Scheme: "sip", User: "bob", Host: "biloxi.example.com"}}
		s := a.String()
		if err := checkText(s); err != nil {
			t.Errorf("%q: String() = %q is not header text: %v", name, s, err)
			continue
		}
		back, err := ParseAddress(s)
		if err != nil {
			t.Errorf("%q: String() = %q does not parse: %v", name, s, err)
			continue
		}
		if want := wantFieldBack(name); back.DisplayName != want {
			t.Errorf("%q: display name reads back as %q, want %q", name, back.DisplayName, want)
		}
	}
}

// wantFieldBack is what a free-text field reads back as after a trip
// through the codec: the same text, with a space for each CR or LF and
// U+FFFD for each byte of invalid UTF-8.
func wantFieldBack(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\r' || r == '\n':
			b.WriteByte(' ')
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func TestURIEscapesUserAndPassword(t *testing.T) {
	for _, tc := range []struct{ user, password, want string }{
		{"alice", "", "sip:alice@atlanta.example.com"},
		{"bob smith", "", "sip:bob%20smith@atlanta.example.com"},
		{"a@b:c", "", "sip:a%40b%3Ac@atlanta.example.com"},
		{"100%", "", "sip:100%25@atlanta.example.com"},
		{"%41lready", "", "sip:%41lready@atlanta.example.com"}, // a valid escape is kept
		{"bob\r\nVia: evil", "", "sip:bob%0D%0AVia%3A%20evil@atlanta.example.com"},
		{"alice", "p@ss:w>rd", "sip:alice:p%40ss%3Aw%3Erd@atlanta.example.com"},
		{"张", "", "sip:%E5%BC%A0@atlanta.example.com"},
	} {
		u := URI{Scheme: "sip", User: tc.user, Password: tc.password, HasPassword: tc.password != "", Host: "atlanta.example.com"}
		got := u.String()
		if got != tc.want {
			t.Errorf("user %q password %q: String() = %q, want %q", tc.user, tc.password, got, tc.want)
			continue
		}
		back, err := ParseURI(got)
		if err != nil {
			t.Errorf("%q does not parse: %v", got, err)
			continue
		}
		wantUser := tc.user
		if tc.user == "%41lready" {
			wantUser = "Already"
		}
		if Unescape(back.User) != wantUser || Unescape(back.Password) != tc.password {
			t.Errorf("%q reads back as user %q password %q", got, Unescape(back.User), Unescape(back.Password))
		}
	}
}

// TestNoHeaderInjection puts "…\r\nVia: evil" into every field that a
// lesson or an element fills in, and checks that the message still has
// exactly the header lines put in.
func TestNoHeaderInjection(t *testing.T) {
	const evil = "x\r\nVia: SIP/2.0/UDP evil.example.com;branch=z9hG4bKevil\r\n"
	for _, tc := range []struct {
		name  string
		build func(m *Message)
	}{
		{"display name", func(m *Message) {
			m.Set("From", Address{DisplayName: evil, URI: URI{Scheme: "sip", User: "alice", Host: "a.example.com"}, Params: ";tag=1"}.String())
		}},
		{"URI user", func(m *Message) {
			m.Set("To", Address{URI: URI{Scheme: "sip", User: evil, Host: "b.example.com"}}.String())
		}},
		{"URI password", func(m *Message) {
			m.Set("Contact", Address{URI: URI{Scheme: "sip", User: "a", Password: evil, HasPassword: true, Host: "a.example.com"}}.String())
		}},
		{"Request-URI user", func(m *Message) {
			m.RequestURI.User = evil
		}},
		{"realm and nonce", func(m *Message) {
			m.Add("Proxy-Authenticate", (&Challenge{Realm: evil, Nonce: evil, Opaque: evil, Domain: evil}).String())
		}},
		{"credentials", func(m *Message) {
			m.Add("Authorization", (&Credentials{Username: evil, Realm: evil, Nonce: evil, URI: evil, Response: "0", CNonce: evil, QOP: "auth", NC: "00000001"}).String())
		}},
		{"auth-param", func(m *Message) {
			m.Add("Authorization", (&Credentials{Username: "u", Other: []AuthParam{{Name: "x", Value: evil}, {Name: "y", Value: evil, Quoted: true}}}).String())
		}},
		{"raw header value", func(m *Message) { m.Add("Subject", evil) }},
		{"header name", func(m *Message) { m.Add("X-A\r\nVia", "1") }},
		{"body", func(m *Message) {
			m.Set("Content-Type", "text/plain")
			m.Body = []byte("\r\n\r\nVia: SIP/2.0/UDP evil.example.com\r\n")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Parse(msg(minimalInvite))
			if err != nil {
				t.Fatal(err)
			}
			tc.build(m)
			wire := m.Bytes()
			back, err := Parse(wire)
			if tc.name == "header name" {
				// "X-A  Via" is no token: the receiver refuses the message, and
				// above all finds no second Via.
				if err == nil {
					t.Fatalf("Parse accepted a header name with a space:\n%s", wire)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(Bytes()) failed: %v\n%s", err, wire)
			}
			if got, want := headerNames(back), headerNames(m); !slices.Equal(got, want) {
				t.Errorf("headers read back:\n%q\nwant\n%q\nwire:\n%s", got, want, wire)
			}
			if vias, _ := back.Vias(); len(vias) != 1 {
				t.Errorf("%d Via values read back, want 1:\n%s", len(vias), wire)
			}
		})
	}
}

func headerNames(m *Message) []string {
	var out []string
	for _, h := range m.Headers {
		if h.Name != "Content-Length" {
			out = append(out, h.Name)
		}
	}
	return out
}

// TestBytesStartLineNoBreaks: the method and the reason phrase cannot add a
// line either.
func TestBytesStartLineNoBreaks(t *testing.T) {
	m, err := Parse(msg(minimalInvite))
	if err != nil {
		t.Fatal(err)
	}
	r := NewResponse(m, 486, "Busy\r\nVia: SIP/2.0/UDP evil.example.com")
	wire := r.Bytes()
	back, err := Parse(wire)
	if err != nil {
		t.Fatalf("%v\n%s", err, wire)
	}
	if back.Reason != "Busy  Via: SIP/2.0/UDP evil.example.com" || len(back.Headers) != len(r.Headers)+1 {
		t.Errorf("read back reason %q and %d headers:\n%s", back.Reason, len(back.Headers), wire)
	}
	if got, want := r.StartLine(), "SIP/2.0 486 Busy  Via: SIP/2.0/UDP evil.example.com"; got != want {
		t.Errorf("StartLine() = %q, want %q, as Bytes writes it", got, want)
	}
	m.Method = "INVITE\r\nVia: x"
	if got := strings.Count(string(m.Bytes()), "\n"); got != len(m.Headers)+2 {
		t.Errorf("a method with CRLF gave %d lines, want %d", got, len(m.Headers)+2)
	}
}

func TestMessageChallengeErrorsNameTheHeader(t *testing.T) {
	m, err := Parse(msg(`SIP/2.0 407 Proxy Authentication Required
Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds
To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf
From: Alice <sip:alice@atlanta.example.com>;tag=1928301774
Call-ID: a84b4c76e66710
CSeq: 314159 INVITE
Proxy-Authenticate: Digest realm="atlanta.example.com", nonce="n
Content-Length: 0

`))
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.Challenge("Proxy-Authenticate")
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 7 || pe.Header != "Proxy-Authenticate" || !errors.Is(err, ErrSyntax) {
		t.Fatalf("error = %#v, want a *ParseError for line 7, Proxy-Authenticate", err)
	}
	if want := `line 7: Proxy-Authenticate: parameter nonce: unterminated quoted string`; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if _, err := m.Challenge("WWW-Authenticate"); err == nil || !strings.Contains(err.Error(), "WWW-Authenticate") {
		t.Errorf("missing header: error = %v", err)
	}

	m.Set("Proxy-Authenticate", `Digest realm="atlanta.example.com", nonce="n"`)
	m.Add("Proxy-Authorization", `Digest username="alice", realm="a", nonce="n", uri="sip:b", response="0"`)
	m.Add("Proxy-Authorization", `Digest username="alice", nc=1`)
	if c, err := m.Challenge("proxy-authenticate"); err != nil || c.Nonce != "n" {
		t.Errorf("Challenge = %+v, %v", c, err)
	}
	_, err = m.Credentials("Proxy-Authorization")
	if !errors.As(err, &pe) || pe.Line != 10 || pe.Header != "Proxy-Authorization" {
		t.Errorf("Credentials error = %v, want line 10: Proxy-Authorization (the second one)", err)
	}
	m.Del("Proxy-Authorization")
	if cs, err := m.Credentials("Proxy-Authorization"); err != nil || len(cs) != 0 {
		t.Errorf("no credentials: %v, %v", cs, err)
	}
}

// FuzzBuildMessage builds a request and its 401 from arbitrary field values,
// the way elements build them from what a lesson says, and checks that
// Parse(Bytes(m)) has exactly the headers put in and gives the fields back.
func FuzzBuildMessage(f *testing.F) {
	f.Add("Alice", "alice", "wonderland", "atlanta.example.com", "84a4cc6f", "Project X", []byte("v=0\r\n"))
	f.Add("Bob\r\nVia: evil", "bob\r\nVia: evil", "p\"w", "r\x00\x7f", "n\\", "s\r\nX: y", []byte("\r\n\r\nVia: x\r\n"))
	f.Add("", "0", "%00", "", "", "", []byte(nil))
	f.Add("张三", "张", "密码", "领域", "\xff\xfe", "主题\x1b[31m", []byte{0, 1, 2})
	f.Fuzz(func(t *testing.T, display, user, password, realm, nonce, subject string, body []byte) {
		from := Address{DisplayName: display, URI: URI{Scheme: "sip", User: user, Host: "atlanta.example.com"}, Params: ";tag=1"}
		req := NewRequest(REGISTER, URI{Scheme: "sip", User: user, Password: password, HasPassword: password != "", Host: "atlanta.example.com"})
		req.Add("Via", "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds")
		req.Add("Max-Forwards", "70")
		req.Add("From", from.String())
		req.Add("To", from.String())
		req.Add("Call-ID", "a84b4c76e66710")
		req.Add("CSeq", "1 REGISTER")
		req.Add("Authorization", (&Credentials{Username: user, Realm: realm, Nonce: nonce, URI: req.RequestURI.String(), Response: password}).String())
		req.Body = body
		resp := NewResponse(req, 401, "")
		resp.Add("WWW-Authenticate", (&Challenge{Realm: realm, Nonce: nonce, Opaque: password}).String())

		for _, m := range []*Message{req, resp} {
			wire := m.Bytes()
			back, err := Parse(wire)
			if err != nil {
				t.Fatalf("Parse(Bytes()) failed: %v\n%q", err, wire)
			}
			if got, want := headerNames(back), headerNames(m); !slices.Equal(got, want) {
				t.Fatalf("headers read back %q, want %q\n%q", got, want, wire)
			}
			if string(back.Body) != string(m.Body) {
				t.Fatalf("body read back %q, want %q", back.Body, m.Body)
			}
		}
		back, _ := Parse(req.Bytes())
		if got, _ := back.From(); got.DisplayName != wantFieldBack(display) {
			t.Errorf("display name %q read back as %q", display, got.DisplayName)
		}
		// URI components hold their escapes (a "%41" the user wrote is an
		// escape): what they mean survives.
		if u := back.RequestURI; Unescape(u.User) != Unescape(user) || Unescape(u.Password) != Unescape(password) {
			t.Errorf("user %q password %q read back as %q %q", user, password, u.User, u.Password)
		}
		creds, err := back.Credentials("Authorization")
		if err != nil || len(creds) != 1 {
			t.Fatalf("credentials: %v, %v", creds, err)
		}
		if c := creds[0]; c.Username != wantFieldBack(user) || c.Realm != wantFieldBack(realm) || c.Nonce != wantFieldBack(nonce) {
			t.Errorf("credentials read back as %q %q %q, want %q %q %q", c.Username, c.Realm, c.Nonce, user, realm, nonce)
		}

		// A raw header value is not quoted: Bytes still keeps its line, so
		// the receiver finds no header that was not put in, or refuses the
		// message (a control character), never more.
		req.Add("Subject", subject)
		if back, err := Parse(req.Bytes()); err == nil {
			if got, want := headerNames(back), headerNames(req); !slices.Equal(got, want) {
				t.Fatalf("with Subject %q: headers read back %q, want %q", subject, got, want)
			}
		}
	})
}
