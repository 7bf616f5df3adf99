package sip

import (
	"strings"
	"testing"
	"time"
)

// benchInvite is an INVITE with an SDP offer, shaped like RFC 3665 §3.1 F1
// with the headers a real softphone adds: about 900 bytes.
var benchInvite = []byte(strings.ReplaceAll(`INVITE sip:bob@biloxi.example.com SIP/2.0
Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;rport
Max-Forwards: 70
From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl
To: Bob <sip:bob@biloxi.example.com>
Call-ID: 3848276298220188511@atlanta.example.com
CSeq: 1 INVITE
Contact: <sip:alice@client.atlanta.example.com;transport=udp>
Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, MESSAGE, INFO
Supported: replaces, timer
User-Agent: siplab-softphone/1.0
Subject: Project X status
Accept: application/sdp
Content-Type: application/sdp
Content-Length: 290

v=0
o=alice 2890844526 2890844526 IN IP4 client.atlanta.example.com
s=-
c=IN IP4 192.0.2.101
t=0 0
m=audio 49172 RTP/AVP 0 3 4 8 101
a=rtpmap:0 PCMU/8000
a=rtpmap:3 GSM/8000
a=rtpmap:4 G723/8000
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-16
a=sendrecv
`, "\n", "\r\n"))

func BenchmarkParseInvite(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchInvite)))
	for b.Loop() {
		if _, err := Parse(benchInvite); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBytes(b *testing.B) {
	m, err := Parse(benchInvite)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(benchInvite)))
	for b.Loop() {
		_ = m.Bytes()
	}
}

// BenchmarkDigestChallenge: a server challenging 1,000 requests a second
// with nonces that live 10 s, so that 10,000 are in use at each challenge,
// as a registrar and proxy under load keeps them (5 minutes at 200 calls
// per second: 60,000).
func BenchmarkDigestChallenge(b *testing.B) {
	s, now := digestTestServer([]string{"auth"})
	s.NonceTTL = 10 * time.Second
	s.MaxNonces = 20000 // above the 10,000 in use: the time limit frees them, not the count
	const every = time.Millisecond
	for range int(s.NonceTTL / every) {
		*now += every
		s.Challenge(false)
	}
	b.ReportAllocs()
	for b.Loop() {
		*now += every
		s.Challenge(false)
	}
	if n := len(s.nonces); n != int(s.NonceTTL/every) {
		b.Errorf("%d nonces in use, want %d", n, s.NonceTTL/every)
	}
}
