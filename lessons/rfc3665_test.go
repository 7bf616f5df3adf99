package lessons

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/capture"
	"github.com/siplab/siplab/sim/sip"
)

// TestTemporarilyUnavailable: RFC 3665 §3.11 — bob's 180 and 480 carry
// the same To tag (one early dialog, ended by its UAS); every hop ACKs the
// 480 it receives with the branch of the INVITE it sent (RFC 3261
// §17.1.1.3), and the 480 alice gets is the one bob sent, Call-ID and tags
// unchanged.
func TestTemporarilyUnavailable(t *testing.T) {
	tr := run(t, "callee-unavailable", 1)
	ringing, unavailable := one(t, tr, "bob", "proxy2", "180", 1), one(t, tr, "bob", "proxy2", "480", 1)
	r, _ := ringing.To()
	u, _ := unavailable.To()
	if r.Tag() == "" || r.Tag() != u.Tag() {
		t.Errorf("180 To tag %q, 480 To tag %q: want the same early dialog", r.Tag(), u.Tag())
	}
	for _, hop := range [][2]string{{"proxy2", "bob"}, {"proxy1", "proxy2"}, {"alice", "proxy1"}} {
		invite, ack := one(t, tr, hop[0], hop[1], "INVITE", 1), one(t, tr, hop[0], hop[1], "ACK", 1)
		iv, _ := invite.TopVia()
		av, _ := ack.TopVia()
		if iv.Branch() != av.Branch() || cseqOf(t, ack).Seq != cseqOf(t, invite).Seq {
			t.Errorf("%s>%s ACK branch %s CSeq %s, want the INVITE's %s and %d", hop[0], hop[1], av.Branch(), ack.Get("CSeq"), iv.Branch(), cseqOf(t, invite).Seq)
		}
		if to, _ := ack.To(); to.Tag() != u.Tag() {
			t.Errorf("%s>%s ACK To tag %q, want the 480's %q", hop[0], hop[1], to.Tag(), u.Tag())
		}
	}
	final := one(t, tr, "proxy1", "alice", "480", 1)
	if to, _ := final.To(); to.Tag() != u.Tag() || final.CallID() != unavailable.CallID() {
		t.Errorf("alice's 480: To tag %q, Call-ID %s", to.Tag(), final.CallID())
	}
	if n := len(matching(tr, "", "", "200")); n != 1 { // the REGISTER's only
		t.Errorf("%d 200 responses, want only the REGISTER's", n)
	}
}

// TestRedirectSDPInACK: RFC 3665 §3.6 — alice's INVITEs carry no body; the
// 302 sends her to chicago, the same Call-ID with CSeq 2; bob's 200 carries
// the offer (his codecs), and the ACK for it carries alice's answer, the
// offered codecs she has, which the proxy passes on unchanged; the ACK of
// the 302 stays empty.
func TestRedirectSDPInACK(t *testing.T) {
	tr := run(t, "redirect-sdp-ack", 1)
	first, second := one(t, tr, "alice", "redirect", "INVITE", 1), one(t, tr, "alice", "proxy", "INVITE", 1)
	for _, inv := range []*sip.Message{first, second, one(t, tr, "proxy", "bob", "INVITE", 1)} {
		if len(inv.Body) != 0 || inv.Has("Content-Type") {
			t.Errorf("%s carries a body (%q) or a Content-Type; a delayed offer has neither", inv.StartLine(), inv.Body)
		}
	}
	if moved := one(t, tr, "redirect", "alice", "302", 1); !strings.Contains(moved.Get("Contact"), "sip:bob@chicago.example.com") {
		t.Errorf("302 Contact %q", moved.Get("Contact"))
	}
	if second.RequestURI.String() != "sip:bob@chicago.example.com" || second.CallID() != first.CallID() || cseqOf(t, second).Seq != 2 {
		t.Errorf("retry: %s, Call-ID %s, CSeq %s", second.RequestURI, second.CallID(), second.Get("CSeq"))
	}
	offer := sdpOf(t, one(t, tr, "bob", "proxy", "200", 1))
	if strings.Join(offer.Media[0].Formats, " ") != "0 8" {
		t.Errorf("bob's offer %v, want his codecs 0 8", offer.Media[0].Formats)
	}
	ack := one(t, tr, "alice", "proxy", "ACK", 1)
	answer := sdpOf(t, ack)
	if strings.Join(answer.Media[0].Formats, " ") != "0" || answer.Origin.Username != "alice" || ack.Get("Content-Type") != "application/sdp" {
		t.Errorf("alice's answer in the ACK: %v by %s (%s), want 0, the one codec of bob's offer she has", answer.Media[0].Formats, answer.Origin.Username, ack.Get("Content-Type"))
	}
	if fwd := one(t, tr, "proxy", "bob", "ACK", 1); string(fwd.Body) != string(ack.Body) {
		t.Errorf("the proxy changed the ACK's body:\n%s", fwd.Body)
	}
	if ack302 := one(t, tr, "alice", "redirect", "ACK", 1); len(ack302.Body) != 0 {
		t.Errorf("the ACK of the 302 carries a body: %q", ack302.Body)
	}
}

// TestMultipleProxyAuth: RFC 3665 §3.3 — each proxy challenges with its
// own realm; the third INVITE carries one Proxy-Authorization per realm;
// each proxy forwards only the credentials of the other realm, so bob
// sees none, and the BYE carries both as well.
func TestMultipleProxyAuth(t *testing.T) {
	tr := run(t, "multiple-proxy-auth", 1)
	realms := func(m *sip.Message) []string {
		creds, err := m.Credentials("Proxy-Authorization")
		if err != nil {
			t.Fatalf("%s: %v", m.StartLine(), err)
		}
		var out []string
		for _, c := range creds {
			out = append(out, c.Realm)
		}
		return out
	}
	for k, want := range []string{"atlanta.example.com", "biloxi.example.com"} {
		resp := one(t, tr, "", "alice", "407", k+1)
		if ch, err := resp.Challenge("Proxy-Authenticate"); err != nil || ch.Realm != want {
			t.Errorf("407 #%d: %v, realm %v, want %s", k+1, err, ch, want)
		}
	}
	third := one(t, tr, "alice", "proxy1", "INVITE", 3)
	if got := strings.Join(realms(third), ","); got != "biloxi.example.com,atlanta.example.com" {
		t.Errorf("third INVITE's credentials for %q, want one per realm", got)
	}
	if got := strings.Join(realms(one(t, tr, "proxy1", "proxy2", "INVITE", 2)), ","); got != "biloxi.example.com" {
		t.Errorf("proxy1 forwards credentials for %q, want only biloxi's", got)
	}
	for _, m := range []*sip.Message{one(t, tr, "proxy2", "bob", "INVITE", 1), one(t, tr, "proxy2", "bob", "BYE", 1)} {
		if m.Has("Proxy-Authorization") {
			t.Errorf("%s reaches bob with Proxy-Authorization", m.StartLine())
		}
	}
	if got := strings.Join(realms(one(t, tr, "alice", "proxy1", "BYE", 1)), ","); got != "biloxi.example.com,atlanta.example.com" {
		t.Errorf("alice's BYE carries credentials for %q, want both realms", got)
	}
}

// TestWrongPasswordStopsTheCall: a UA answers each realm's challenge once;
// a second 407 of a realm it has answered means its credentials were
// refused, and the call fails instead of looping: two INVITEs to proxy1,
// whose second 407 is alice's last answer, with either proxy refusing.
func TestWrongPasswordStopsTheCall(t *testing.T) {
	for _, id := range []string{"proxy-auth-invite", "multiple-proxy-auth"} {
		l, err := Find(id)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := Run(l, RunOptions{Seed: 1, Faults: []sim.Fault{mustFault(t, "password:alice=wrong")}})
		if err != nil {
			t.Fatal(err)
		}
		invites, challenges := 0, 0
		for _, e := range messages(tr) {
			switch {
			case e.From == "alice" && label(e.Summary) == "INVITE":
				invites++
			case e.To == "alice" && label(e.Summary) == "407":
				challenges++
			}
		}
		if invites != 2 || challenges != 2 || len(matching(tr, "", "bob", "INVITE")) != 0 {
			t.Errorf("%s with a wrong password: %d INVITEs and %d 407s for alice, want 2 and 2, and none reaching bob\n%s", id, invites, challenges, flow(tr))
		}
	}
}

// TestIPChange: RFC 3665 §3.7 — after bob's phone moves to 192.0.2.150,
// its re-INVITE carries the new address in Via, Contact and the SDP's c=
// line, and the o= line of bob's answer with only its version one higher
// (RFC 3264 §8); alice's 200 goes to the new address, and her BYE, sent to
// the refreshed remote target (RFC 3261 §12.2.2), reaches bob there. The
// pcap shows bob's packets from his new address after the move only.
func TestIPChange(t *testing.T) {
	tr := run(t, "ip-change", 1)
	const moved = "192.0.2.150"
	answer, reinvite := one(t, tr, "bob", "proxy", "200", 1), one(t, tr, "bob", "alice", "INVITE", 1)
	first, second := sdpOf(t, answer), sdpOf(t, reinvite)
	if first.Connection.Address != "192.0.2.201" || second.Connection.Address != moved {
		t.Errorf("bob's c= lines: %s, then %s; want 192.0.2.201, then %s", first.Connection.Address, second.Connection.Address, moved)
	}
	o1, o2 := first.Origin, second.Origin
	v1, _ := strconv.ParseUint(o1.SessionVersion, 10, 64)
	v2, _ := strconv.ParseUint(o2.SessionVersion, 10, 64)
	if o2.SessionID != o1.SessionID || o2.Address != o1.Address || o2.Username != o1.Username || v2 != v1+1 {
		t.Errorf("the re-INVITE's o= %+v, want the answer's %+v with the version one higher", o2, o1)
	}
	if c := reinvite.Get("Contact"); c != "<sip:bob@"+moved+">" {
		t.Errorf("the re-INVITE's Contact %q, want bob at %s", c, moved)
	}
	if v, _ := reinvite.TopVia(); v.Host != moved {
		t.Errorf("the re-INVITE's Via sent-by %s, want %s", v.SentBy(), moved)
	}
	if from, _ := reinvite.From(); reinvite.CallID() != answer.CallID() || !strings.HasPrefix(from.URI.String(), "sip:bob@") {
		t.Errorf("the re-INVITE is not bob's within the call: From %s, Call-ID %s", reinvite.Get("From"), reinvite.CallID())
	}
	if uri := one(t, tr, "alice", "bob", "BYE", 1).RequestURI.String(); uri != "sip:bob@"+moved {
		t.Errorf("alice's BYE goes to %s, want the refreshed target sip:bob@%s", uri, moved)
	}
	for _, lbl := range []string{"200", "BYE"} { // to bob's name: delivered at his new address
		if es := matching(tr, "alice", "bob", lbl); len(es) == 0 || es[0].Dropped {
			t.Errorf("alice's %s did not reach bob: %+v", lbl, es)
		}
	}
	pkts, err := capture.Packets(tr)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkts {
		if p.Event.From != "bob" {
			continue
		}
		want := "192.0.2.201"
		if p.Event.At >= 6*time.Second {
			want = moved
		}
		if p.From.Addr().String() != want {
			t.Errorf("pcap: bob's %s at %v from %s, want %s", p.Event.Summary.EN, p.Event.At, p.From, want)
		}
	}
}
