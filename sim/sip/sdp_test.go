package sip

import (
	"strings"
	"testing"
)

const offerSDP = `v=0
o=alice 2890844526 2890844526 IN IP4 client.atlanta.example.com
s=-
c=IN IP4 192.0.2.101
t=0 0
m=audio 49172 RTP/AVP 0 3 4 101
a=rtpmap:101 telephone-event/8000
a=sendrecv
`

func TestParseSDP(t *testing.T) {
	s, err := ParseSDP(msg(offerSDP))
	if err != nil {
		t.Fatal(err)
	}
	if s.Origin.Username != "alice" || s.Connection.Address != "192.0.2.101" || len(s.Media) != 1 {
		t.Fatalf("%+v", s)
	}
	m := s.Media[0]
	if m.Port != 49172 || strings.Join(m.Formats, ",") != "0,3,4,101" {
		t.Fatalf("media %+v", m)
	}
	for pt, want := range map[string]string{"0": "PCMU/8000", "3": "GSM/8000", "4": "G723/8000", "101": "telephone-event/8000", "96": ""} {
		if got := m.RTPMap(pt); got != want {
			t.Errorf("RTPMap(%s) = %q, want %q", pt, got, want)
		}
	}
	if _, ok := m.Attribute("sendrecv"); !ok {
		t.Errorf("sendrecv missing")
	}
	if got := string(s.Bytes()); got != string(msg(offerSDP)) {
		t.Errorf("Bytes:\n%q\nwant\n%q", got, msg(offerSDP))
	}
}

func TestParseSDPErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"o=a 1 1 IN IP4 x\n", "line 1: the description must start with v="},
		{"v=x\n", "line 1: version"},
		{"v=0\no=a 1 IN IP4 x\n", "line 2: o= needs"},
		{"v=0\no=a 1 1 IN IP4 x\ns=-\nt=0 0\nm=audio port RTP/AVP 0\n", "line 5: port"},
		{"v=0\no=a 1 1 IN IP4 x\ns=-\nt=0 0\nm=audio 4000 RTP/AVP 0\n", "has no c= line"},
		{"v=0\no=a 1 1 IN IP4 x\nt=0 0\n", "the s= line is missing"},
		{"v=0\ngarbage\n", "line 2"},
	} {
		if _, err := ParseSDP([]byte(tc.in)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseSDP(%q) = %v, want %q", tc.in, err, tc.want)
		}
	}
}

// A GB/T 28181 Play offer (Annex F): y= (the SSRC) and f= (the media
// parameters) are not RFC 4566 lines; they parse into the media section's
// Extra and are written back where the standard puts them, after the a=
// lines, while an RFC 4566 b= line stays before them.
const playSDP = `v=0
o=34020000002000000001 0 0 IN IP4 192.0.2.30
s=Play
c=IN IP4 192.0.2.30
t=0 0
m=video 6000 RTP/AVP 96 98 97
b=AS:4096
a=recvonly
a=rtpmap:96 PS/90000
a=rtpmap:98 H264/90000
a=rtpmap:97 MPEG4/90000
y=0200000001
f=
`

func TestParseSDPGB28181(t *testing.T) {
	s, err := ParseSDP(msg(playSDP))
	if err != nil {
		t.Fatal(err)
	}
	m := s.Media[0]
	if s.Name != "Play" || m.Type != "video" || m.RTPMap("96") != "PS/90000" || strings.Join(m.Extra, ",") != "b=AS:4096,y=0200000001,f=" {
		t.Fatalf("%+v", s)
	}
	if got := string(s.Bytes()); got != string(msg(playSDP)) {
		t.Errorf("Bytes:\n%s\nwant\n%s", got, msg(playSDP))
	}
}
