package sip_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/siplab/siplab/sim/sip"
)

func ExampleParse() {
	raw := strings.ReplaceAll(`INVITE sip:bob@biloxi.example.com SIP/2.0
v: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds
Max-Forwards: 70
t: Bob <sip:bob@biloxi.example.com>
f: Alice <sip:alice@atlanta.example.com>;tag=1928301774
i: a84b4c76e66710@pc33.atlanta.example.com
CSeq: 314159 INVITE
l: 0

`, "\n", "\r\n")
	m, err := sip.Parse([]byte(raw))
	if err != nil {
		fmt.Println(err)
		return
	}
	via, _ := m.TopVia()
	from, _ := m.From()
	fmt.Println(m.Method, m.RequestURI)
	fmt.Println("branch:", via.Branch())
	fmt.Println("caller:", from.DisplayName, from.URI, "tag", from.Tag())
	for _, h := range m.Headers {
		fmt.Println(h.Name)
	}
	// Output:
	// INVITE sip:bob@biloxi.example.com
	// branch: z9hG4bK776asdhds
	// caller: Alice sip:alice@atlanta.example.com tag 1928301774
	// Via
	// Max-Forwards
	// To
	// From
	// Call-ID
	// CSeq
	// Content-Length
}

func ExampleParse_error() {
	raw := "OPTIONS sip:bob@biloxi.example.com SIP/2.0\r\n" +
		"Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n" +
		"To: <sip:bob@biloxi.example.com>\r\n" +
		"From: <sip:alice@atlanta.example.com>;tag=1\r\n" +
		"Call-ID: 1@192.0.2.1\r\n" +
		"CSeq: 1 INVITE\r\n" +
		"Max-Forwards: 70\r\n\r\n"
	_, err := sip.Parse([]byte(raw))
	fmt.Println(err)
	fmt.Println("answer 400:", errors.Is(err, sip.ErrSyntax))
	// Output:
	// line 6: CSeq: method INVITE differs from the request's method OPTIONS (RFC 3261 §8.1.1.5)
	// answer 400: true
}

func ExampleNewResponse() {
	req, _ := sip.Parse([]byte("BYE sip:alice@pc33.atlanta.example.com SIP/2.0\r\n" +
		"Via: SIP/2.0/UDP 192.0.2.4;branch=z9hG4bKnashds10\r\n" +
		"Max-Forwards: 70\r\n" +
		"From: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf\r\n" +
		"To: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n" +
		"Call-ID: a84b4c76e66710\r\n" +
		"CSeq: 231 BYE\r\n\r\n"))
	// Bytes ends lines in CRLF; shown here with LF.
	fmt.Print(strings.ReplaceAll(sip.NewResponse(req, 200, "").String(), "\r\n", "\n"))
	// Output:
	// SIP/2.0 200 OK
	// Via: SIP/2.0/UDP 192.0.2.4;branch=z9hG4bKnashds10
	// From: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf
	// To: Alice <sip:alice@atlanta.example.com>;tag=1928301774
	// Call-ID: a84b4c76e66710
	// CSeq: 231 BYE
	// Content-Length: 0
}

func ExampleParams() {
	p := sip.Params(";branch=z9hG4bK776asdhds;rport")
	p = p.Set("rport", "5060").Set("received", "192.0.2.1")
	fmt.Println(p.Value("branch"), p)
	// Output: z9hG4bK776asdhds ;branch=z9hG4bK776asdhds;rport=5060;received=192.0.2.1
}

// A display name, a user name or any other field cannot add a header line:
// Quote and the URI writer escape what their grammar cannot hold.
func ExampleQuote() {
	evil := "Bob\r\nVia: SIP/2.0/UDP evil.example.com"
	fmt.Println(sip.Quote(`say "hi"`))
	fmt.Println(sip.Quote(evil))
	to := sip.Address{DisplayName: evil, URI: sip.URI{Scheme: "sip", User: "bob smith", Host: "biloxi.example.com"}}
	fmt.Println(to)
	// Output:
	// "say \"hi\""
	// "Bob  Via: SIP/2.0/UDP evil.example.com"
	// "Bob  Via: SIP/2.0/UDP evil.example.com" <sip:bob%20smith@biloxi.example.com>
}
