package lessons

import (
	"slices"
	"strings"
	"testing"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// What the proxy lessons teach about the stateful proxy's rules (RFC 3261
// §16, issue #11): each claim of their notes and narratives, checked on the
// messages of the run.

// lesson returns the built-in lesson id.
func lesson(t *testing.T, id string) *Lesson {
	t.Helper()
	i := slices.IndexFunc(All(), func(l *Lesson) bool { return l.ID == id })
	if i < 0 {
		t.Fatalf("no lesson %s", id)
	}
	return All()[i]
}

// citing reports whether one of the event's reasons cites every section
// given.
func citing(e sim.Event, sections ...string) bool {
	return slices.ContainsFunc(e.Reasons, func(r sim.Reason) bool {
		for _, s := range sections {
			if !strings.Contains(r.RFC, s) {
				return false
			}
		}
		return true
	})
}

// bothSay checks that the English and the Chinese text each contain their
// phrase.
func bothSay(t *testing.T, what string, text Text, en, zh string) {
	t.Helper()
	if !strings.Contains(text.EN, en) {
		t.Errorf("%s (en) does not say %q", what, en)
	}
	if !strings.Contains(text.ZH, zh) {
		t.Errorf("%s (zh) does not say %q", what, zh)
	}
}

// noteOn returns the lesson's note whose match is match.
func noteOn(t *testing.T, l *Lesson, match string) Text {
	t.Helper()
	for _, n := range l.Notes {
		if n.Match.String() == match {
			return n.Text
		}
	}
	t.Fatalf("%s: no note on %s", l.ID, match)
	return Text{}
}

// TestDeclineWaitsForTheOtherBranch: bob's two phones ring; the desk phone
// declines while the mobile rings. The proxy cancels the mobile's branch
// because of the 603 (§16.7 step 5, §16.10, §9.1), ACKs its 487, and only
// then sends the 603 to alice, as the best response (step 6).
func TestDeclineWaitsForTheOtherBranch(t *testing.T) {
	tr := run(t, "decline", 1)
	toDesk, toMobile := one(t, tr, "proxy", "bob", "INVITE", 1), one(t, tr, "proxy", "bob-mobile", "INVITE", 1)
	if toDesk.CallID() != toMobile.CallID() || topVia(t, toDesk).Branch() == topVia(t, toMobile).Branch() {
		t.Errorf("the two branches: Call-ID %s / %s, branch %s / %s; want one call, two branches",
			toDesk.CallID(), toMobile.CallID(), topVia(t, toDesk).Branch(), topVia(t, toMobile).Branch())
	}
	ringing, declined := matching(tr, "bob-mobile", "proxy", "180"), matching(tr, "bob", "proxy", "603")
	cancel, ended := matching(tr, "proxy", "bob-mobile", "CANCEL"), matching(tr, "bob-mobile", "proxy", "487")
	up := matching(tr, "proxy", "alice", "603")
	if len(ringing) != 1 || len(declined) != 1 || len(cancel) != 1 || len(ended) != 1 || len(up) != 1 {
		t.Fatalf("flow:\n%s", flow(tr))
	}
	if ringing[0].Arrive >= declined[0].Arrive {
		t.Errorf("the mobile's 180 arrived at %v, the 603 at %v: the mobile must be ringing when bob declines", ringing[0].Arrive, declined[0].Arrive)
	}
	if c := cancel[0]; c.Cause != declined[0].Seq || c.At != declined[0].Arrive || !citing(c, "§16.7 step 5", "§16.10") {
		t.Errorf("the CANCEL #%d at %v, cause #%d, reasons %v; want it on the 603's arrival, caused by it, citing §16.7 step 5 and §16.10",
			c.Seq, c.At, c.Cause, c.Reasons)
	}
	if got := parse(t, cancel[0]); topVia(t, got).Branch() != topVia(t, toMobile).Branch() {
		t.Errorf("the CANCEL's branch %s, the mobile's INVITE %s (§9.1)", topVia(t, got).Branch(), topVia(t, toMobile).Branch())
	}
	if up[0].At != ended[0].Arrive || !citing(up[0], "§16.7 step 6") {
		t.Errorf("the 603 went to alice at %v (%v), want when the 487 arrived, %v, as the best response", up[0].At, up[0].Reasons, ended[0].Arrive)
	}
	if toOf(t, parse(t, up[0])).Tag() != toOf(t, parse(t, declined[0])).Tag() {
		t.Errorf("the 603 alice gets is not the desk phone's")
	}
	if len(matching(tr, "proxy", "bob-mobile", "ACK")) != 1 || len(matching(tr, "proxy", "alice", "487")) != 0 {
		t.Errorf("the 487 must be ACKed by the proxy and go no further:\n%s", flow(tr))
	}
	l := lesson(t, "decline")
	bothSay(t, "decline narrative", l.Intro, "§16.7 step 5", "§16.7 第 5 步")
	bothSay(t, "decline narrative", l.Intro, "RFC 2543", "RFC 2543")
	bothSay(t, "decline narrative", l.Intro, "§9.1", "§9.1")
	bothSay(t, "decline summary", l.Summary, "does not pass the 6xx back at once", "不立即把 6xx 传回")
	bothSay(t, "note on the 603", noteOn(t, l, "603@bob>proxy"), "does not forward it at once", "并不立即转发它")
	bothSay(t, "note on the CANCEL", noteOn(t, l, "CANCEL@proxy>bob-mobile"), "§16.10", "§16.10")
}

// TestProxyAuthCredentialsStayAtTheProxy: alice puts her credentials on
// the INVITE, the ACK and the BYE; the proxy consumes those for its realm
// on each of them, so that none reaches bob (§22.3).
func TestProxyAuthCredentialsStayAtTheProxy(t *testing.T) {
	tr := run(t, "proxy-auth-invite", 1)
	for _, method := range []string{"INVITE", "ACK", "BYE"} {
		in := matching(tr, "alice", "proxy", method)
		out := matching(tr, "proxy", "bob", method)
		if len(in) == 0 || len(out) != 1 {
			t.Fatalf("%s: %d from alice, %d to bob", method, len(in), len(out))
		}
		if !parse(t, in[len(in)-1]).Has("Proxy-Authorization") {
			t.Errorf("alice's last %s has no Proxy-Authorization: nothing to check", method)
		}
		if m := parse(t, out[0]); m.Has("Proxy-Authorization") || !citing(out[0], "§22.3") {
			t.Errorf("the %s to bob: Proxy-Authorization %q, reasons %v; want it removed, citing §22.3", method, m.Get("Proxy-Authorization"), out[0].Reasons)
		}
	}
	l := lesson(t, "proxy-auth-invite")
	bothSay(t, "note on the BYE", noteOn(t, l, "BYE@proxy>bob"), "every request it forwards", "转发的每个请求")
	bothSay(t, "narrative", l.Intro, "every request it forwards", "转发的每个请求")
}

// TestTimeoutCitesTheBranchTimeout: the 408 comes from the branch's Timer
// B: the proxy acts as if the branch answered 408 (§16.6 step 7) and, with
// no final response in the context, sends 408 (§16.7 step 6). Timer C
// (§16.8) is another matter, and the narrative says so.
func TestTimeoutCitesTheBranchTimeout(t *testing.T) {
	tr := run(t, "timeout", 1)
	resp := matching(tr, "proxy", "alice", "408")
	if len(resp) != 1 || !citing(resp[0], "§16.6 step 7") || !citing(resp[0], "§16.7 step 6") || citing(resp[0], "§16.8") {
		t.Fatalf("the 408's reasons %v, want §16.6 step 7 and §16.7 step 6, not §16.8", resp)
	}
	l := lesson(t, "timeout")
	bothSay(t, "timeout narrative", l.Intro, "408 Request Timeout (§16.6 step 7)", "408 Request Timeout（§16.6 第 7 步）")
	bothSay(t, "timeout narrative", l.Intro, "(§16.7 step 6)", "（§16.7 第 6 步）")
	bothSay(t, "timeout narrative", l.Intro, "Timer C (§16.6 step 11)", "定时器 C（§16.6 第 11 步）")
}

// TestOptionsListsCapabilities: bob's 200 carries what §11.2 lists, and
// an SDP of his media with port 0 (RFC 3264 §9), since alice's Accept asks
// for application/sdp.
func TestOptionsListsCapabilities(t *testing.T) {
	tr := run(t, "options", 1)
	if !strings.Contains(one(t, tr, "alice", "proxy", "OPTIONS", 1).Get("Accept"), "application/sdp") {
		t.Fatal("alice's OPTIONS does not accept application/sdp")
	}
	ok := one(t, tr, "proxy", "alice", "200", 1)
	for _, name := range []string{"Allow", "Accept", "Accept-Encoding", "Accept-Language", "Supported"} {
		if !ok.Has(name) {
			t.Errorf("the 200 has no %s", name)
		}
	}
	if s := sdpOf(t, ok); ok.ContentType() != "application/sdp" || s.Media[0].Port != 0 || !slices.Equal(s.Media[0].Formats, []string{"0"}) {
		t.Errorf("SDP %q: port %d formats %v, want bob's codec 0 on port 0", ok.ContentType(), s.Media[0].Port, s.Media[0].Formats)
	}
	l := lesson(t, "options")
	bothSay(t, "note on the 200", noteOn(t, l, "200@bob>proxy"), "Accept-Encoding", "Accept-Encoding")
	bothSay(t, "note on the 200", noteOn(t, l, "200@bob>proxy"), "RFC 3264 §9", "RFC 3264 §9")
}

// TestBadRequestStampsReceived: the 400 for the damaged INVITE goes back
// with received on its Via, like any response (§18.2.1).
func TestBadRequestStampsReceived(t *testing.T) {
	tr := run(t, "bad-request", 1)
	if v := topVia(t, one(t, tr, "proxy", "alice", "400", 1)); v.Received() != "192.0.2.101" {
		t.Errorf("the 400's Via %s, want received=192.0.2.101", v)
	}
}

// TestRoutePoppedInPlace: proxy1 removes its own Route from the ACK and
// the BYE and pushes its Via; every other header line stays where it was
// (§16.4, §16.6 step 1).
func TestRoutePoppedInPlace(t *testing.T) {
	tr := run(t, "two-proxies", 1)
	names := func(m *sip.Message) (out []string) {
		for _, h := range m.Headers {
			out = append(out, h.Name)
		}
		return out
	}
	for _, method := range []string{"ACK", "BYE"} {
		in, out := one(t, tr, "alice", "proxy1", method, 1), one(t, tr, "proxy1", "proxy2", method, 1)
		if len(in.Values("Route")) != 2 {
			t.Fatalf("alice's %s has Routes %q, want two lines", method, in.Values("Route"))
		}
		want := names(in)
		want = slices.Delete(want, slices.Index(want, "Route"), slices.Index(want, "Route")+1)
		if got := names(out)[1:]; !slices.Equal(got, want) {
			t.Errorf("%s: proxy1 forwards the headers %v, want %v", method, got, want)
		}
	}
}
