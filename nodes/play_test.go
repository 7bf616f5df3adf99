package nodes

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// TestPlaySSRC: GB/T 28181-2016 Annex F's SSRC — 0 for real time, digits
// 4–8 of the platform's code, then the stream's serial number, ten digits.
func TestPlaySSRC(t *testing.T) {
	for _, tc := range []struct {
		code string
		n    int
		want string
	}{
		{"34020000002000000001", 1, "0200000001"},
		{"64010000002000000001", 12, "0100000012"},
		{"pf", 3, "0000000003"}, // a code too short: no domain digits
	} {
		if got := playSSRC(tc.code, tc.n); got != tc.want {
			t.Errorf("playSSRC(%q, %d) = %q, want %q", tc.code, tc.n, got, tc.want)
		}
	}
}

// TestPlayAnswer: a device answers only a Play offer in which it finds a
// format it sends (PS): sendonly, with the offer's y= and f=; Playback or
// an offer without PS fail with 488.
func TestPlayAnswer(t *testing.T) {
	s := sim.New(1)
	el := NewElement(s, "device", sim.KindUA, "192.0.2.164", "3402000000", netip.MustParseAddrPort("192.0.2.164:5080"))
	dev := NewUA(el, "34020000001320000003", "", sip.URI{Scheme: "sip", User: "34020000001320000003", Host: "3402000000"})
	dev.Channels = []string{"34020000001310000001"}
	platform := NewUA(NewElement(s, "platform", sim.KindUA, "192.0.2.30", "3402000000", netip.MustParseAddrPort("192.0.2.30:5060")),
		"34020000002000000001", "", sip.URI{Scheme: "sip", User: "34020000002000000001", Host: "3402000000"})
	offer, _, ssrc := platform.playOffer(sip.URI{Scheme: "sip", User: "34020000001310000001", Host: "3402000000"})

	m, failure := dev.answer(offer.Bytes())
	if _, sendonly := m.Attribute("sendonly"); failure != 0 || strings.Join(m.Formats, " ") != "96" || !sendonly || strings.Join(m.Extra, ",") != "y="+ssrc+",f=" {
		t.Errorf("answer %+v, failure %d", m, failure)
	}
	playback := *offer
	playback.Name = "Playback"
	if _, failure := dev.answer(playback.Bytes()); failure != 488 {
		t.Errorf("a Playback offer: %d, want 488", failure)
	}
	noPS := *offer
	noPS.Media = []sip.Media{offer.Media[0]}
	noPS.Media[0].Formats = []string{"98"}
	if _, failure := dev.answer(noPS.Bytes()); failure != 488 {
		t.Errorf("an offer of H.264 only: %d, want 488", failure)
	}
}
