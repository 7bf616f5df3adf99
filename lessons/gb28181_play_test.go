package lessons

import (
	"regexp"
	"strings"
	"testing"

	"github.com/siplab/siplab/sim/sip"
)

// TestGB28181LiveVideo: GB/T 28181-2016 §9.2 and Annex F — the platform's
// INVITE names the channel in its Request-URI and Subject and offers s=Play,
// a recvonly video stream with PS first and a y= SSRC of the standard's
// form; the device answers 200 without ringing, sendonly, PS only, from its
// own port, with the same y= and f=; the platform ACKs and later BYEs.
func TestGB28181LiveVideo(t *testing.T) {
	tr := run(t, "gb28181-live-video", 1)
	invite := one(t, tr, "platform", "device", "INVITE", 1)
	const channel, platform = "34020000001310000001", "34020000002000000001"
	if invite.RequestURI.User != channel {
		t.Errorf("Request-URI %s, want the channel %s", invite.RequestURI, channel)
	}
	offer := sdpOf(t, invite)
	ssrc := lineOf(offer.Media[0], "y=")
	if !regexp.MustCompile(`^0200000[0-9]{3}$`).MatchString(ssrc) {
		t.Errorf("offer y=%q: want 0 (real time), 20000 (digits 4–8 of %s) and a 4-digit serial", ssrc, platform)
	}
	if got, want := invite.Get("Subject"), channel+":"+ssrc+","+platform+":0"; got != want {
		t.Errorf("Subject %q, want %q", got, want)
	}
	m := offer.Media[0]
	if _, recvonly := m.Attribute("recvonly"); offer.Name != "Play" || m.Type != "video" || m.Formats[0] != "96" || m.RTPMap("96") != "PS/90000" || !recvonly || m.Port != 6000 {
		t.Errorf("offer: s=%s, %s %d %v, recvonly %v", offer.Name, m.Type, m.Port, m.Formats, recvonly)
	}
	if len(matching(tr, "device", "platform", "180")) != 0 {
		t.Error("the device rang; a camera answers a Play at once")
	}
	ok := one(t, tr, "device", "platform", "200", 1)
	answer := sdpOf(t, ok)
	a := answer.Media[0]
	_, sendonly := a.Attribute("sendonly")
	if answer.Name != "Play" || answer.Origin.Username != channel || strings.Join(a.Formats, " ") != "96" || a.RTPMap("96") != "PS/90000" || !sendonly {
		t.Errorf("answer: s=%s, o=%s, formats %v, sendonly %v", answer.Name, answer.Origin.Username, a.Formats, sendonly)
	}
	if y := lineOf(a, "y="); y != ssrc || !strings.Contains(strings.Join(a.Extra, "\n"), "f=") {
		t.Errorf("answer y=%q (want the offer's %s), extra lines %q", y, ssrc, a.Extra)
	}
	if body := string(ok.Body); strings.Index(body, "y=") < strings.LastIndex(body, "a=") {
		t.Errorf("y= comes before the a= lines; GB/T 28181 puts it after them:\n%s", body)
	}
	if answer.Connection.Address != "192.0.2.164" {
		t.Errorf("answer c=%s, want the device's address", answer.Connection.Address)
	}
	if bye := one(t, tr, "platform", "device", "BYE", 1); bye.CallID() != invite.CallID() {
		t.Errorf("BYE Call-ID %s, want the INVITE's", bye.CallID())
	}
	one(t, tr, "platform", "device", "ACK", 1)
	one(t, tr, "device", "platform", "200", 2)
}

// TestGB28181PlayRefused: the device answers a Play only for its own
// channels (404 for another code), and a user agent that is no GB/T 28181
// device has no format of the offer in common: 488.
func TestGB28181PlayRefused(t *testing.T) {
	l, err := Find("gb28181-live-video")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, target string
		channels     []string
		want         string
	}{
		{"another channel of the device", "sip:34020000001310000002@192.0.2.164:5080", nil, "200"},
		{"not a channel of the device", "sip:34020000001310000009@192.0.2.164:5080", nil, "404"},
		{"a user agent without channels", "sip:34020000001310000001@192.0.2.164:5080", []string{}, "488"},
	} {
		c := *l // the catalog's lesson is shared: change a copy
		c.Script = append([]Action(nil), l.Script...)
		c.Script[0].Target = tc.target
		c.Nodes = append([]Node(nil), l.Nodes...)
		if tc.channels != nil {
			c.Nodes[1].Channels = tc.channels
		}
		tr, err := Run(&c, RunOptions{Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		var final string
		for _, e := range messages(tr) {
			if e.From == "device" && label(e.Summary) >= "200" {
				final = label(e.Summary)
				break
			}
		}
		if final != tc.want {
			t.Errorf("%s: the device answered %q, want %s\n%s", tc.name, final, tc.want, flow(tr))
		}
	}
}

// lineOf is the value of a media section's first extra line of a type
// ("y="), or "".
func lineOf(m sip.Media, prefix string) string {
	for _, x := range m.Extra {
		if v, ok := strings.CutPrefix(x, prefix); ok {
			return v
		}
	}
	return ""
}
