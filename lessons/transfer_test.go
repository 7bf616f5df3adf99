package lessons

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/golden"
	"github.com/siplab/siplab/sim/sip"
)

// TestUnattendedTransferDetail: RFC 5359 §2.4. bob's REFER within his call
// with alice carries one Refer-To (carol) and Referred-By bob (RFC 3515
// §2.4.1, RFC 3892 §3); alice answers 202 and NOTIFYs within the same
// dialog, Event: refer, message/sipfrag bodies 100 Trying (active) then
// 200 OK (terminated;reason=noresource, RFC 3515 §2.4.5, §2.4.7); her
// INVITE to carol is a new call carrying Referred-By.
func TestUnattendedTransferDetail(t *testing.T) {
	tr := run(t, "unattended-transfer", 1)
	refer := one(t, tr, "bob", "alice", "REFER", 1)
	invite := one(t, tr, "alice", "bob", "INVITE", 1)
	if refer.CallID() != invite.CallID() {
		t.Errorf("the REFER is in Call-ID %s, not the call's %s", refer.CallID(), invite.CallID())
	}
	if got := refer.Values("Refer-To"); len(got) != 1 || got[0] != "<sip:carol@client.chicago.example.com>" {
		t.Errorf("Refer-To %q, want one: <sip:carol@client.chicago.example.com>", got)
	}
	if got := refer.Get("Referred-By"); got != "<sip:bob@biloxi.example.com>" {
		t.Errorf("REFER Referred-By %q, want bob's AOR", got)
	}
	if c := cseqOf(t, one(t, tr, "alice", "bob", "202", 1)); c.Method != sip.REFER {
		t.Errorf("202 answers %v, want the REFER", c)
	}
	checkReferNotifies(t, tr, refer)
	toCarol := one(t, tr, "alice", "carol", "INVITE", 1)
	if toCarol.CallID() == invite.CallID() || toCarol.Get("Referred-By") != refer.Get("Referred-By") || toCarol.Has("Replaces") {
		t.Errorf("INVITE to carol: Call-ID %s, Referred-By %q, Replaces %q; want a new call with the REFER's Referred-By and no Replaces",
			toCarol.CallID(), toCarol.Get("Referred-By"), toCarol.Get("Replaces"))
	}
	if bye := one(t, tr, "bob", "alice", "BYE", 1); bye.CallID() != invite.CallID() {
		t.Errorf("bob's BYE is in %s, want the transferred call", bye.CallID())
	}
}

// TestAttendedTransferDetail: RFC 5359 §2.5. The REFER's Refer-To URI
// carries Replaces naming bob's consultation call as carol sees it, escaped
// (RFC 3891 §6.1, RFC 3261 §19.1.1); alice's INVITE to carol has it as a
// header, unescaped; carol answers without ringing and BYEs the replaced
// call with bob; after the last NOTIFY bob hangs up his call with alice.
func TestAttendedTransferDetail(t *testing.T) {
	tr := run(t, "attended-transfer", 1)
	consult := one(t, tr, "bob", "carol", "INVITE", 1)
	consultOK := one(t, tr, "carol", "bob", "200", 1)
	from, _ := consult.From()
	to, _ := consultOK.To()
	replaces := consult.CallID() + ";to-tag=" + to.Tag() + ";from-tag=" + from.Tag()
	escaped := strings.NewReplacer("@", "%40", ";", "%3B", "=", "%3D").Replace(replaces)

	refer := one(t, tr, "bob", "alice", "REFER", 1)
	if got, want := refer.Get("Refer-To"), "<sip:carol@client.chicago.example.com?Replaces="+escaped+">"; got != want {
		t.Errorf("Refer-To %s, want %s", got, want)
	}
	checkReferNotifies(t, tr, refer)
	invite := one(t, tr, "alice", "carol", "INVITE", 1)
	if invite.Get("Replaces") != replaces || invite.Get("Referred-By") != "<sip:bob@biloxi.example.com>" {
		t.Errorf("INVITE to carol: Replaces %q, Referred-By %q; want %q and bob", invite.Get("Replaces"), invite.Get("Referred-By"), replaces)
	}
	if invite.RequestURI.Headers != "" {
		t.Errorf("the INVITE's Request-URI %s kept the URI's headers", invite.RequestURI)
	}
	if n := len(matching(tr, "carol", "alice", "180")); n != 0 {
		t.Errorf("carol rang (%d 180s) for a call that replaces one she is in", n)
	}
	if bye := one(t, tr, "carol", "bob", "BYE", 1); bye.CallID() != consult.CallID() {
		t.Errorf("carol's BYE is in %s, want the replaced call %s", bye.CallID(), consult.CallID())
	}
	byes := matching(tr, "bob", "alice", "BYE")
	notifies := matching(tr, "alice", "bob", "NOTIFY")
	if len(byes) != 1 || byes[0].Seq < notifies[len(notifies)-1].Seq {
		t.Errorf("bob's BYEs to alice %d; want one, after the last NOTIFY", len(byes))
	}
}

// checkReferNotifies checks alice's two NOTIFYs of the refer subscription:
// in the REFER's dialog (its Call-ID, From and To tags swapped), Event
// refer, message/sipfrag bodies 100 Trying while active, then 200 OK with
// terminated;reason=noresource.
func checkReferNotifies(t *testing.T, tr *sim.Trace, refer *sip.Message) {
	t.Helper()
	notifies := matching(tr, "alice", "bob", "NOTIFY")
	want := []struct{ state, body string }{
		{"active;expires=60", "SIP/2.0 100 Trying\r\n"},
		{"terminated;reason=noresource", "SIP/2.0 200 OK\r\n"},
	}
	if len(notifies) != len(want) {
		t.Fatalf("%d NOTIFYs, want %d", len(notifies), len(want))
	}
	referFrom, _ := refer.From()
	referTo, _ := refer.To()
	for i, w := range want {
		n := parse(t, notifies[i])
		from, _ := n.From()
		to, _ := n.To()
		if n.CallID() != refer.CallID() || from.Tag() != referTo.Tag() || to.Tag() != referFrom.Tag() {
			t.Errorf("NOTIFY %d is not in the REFER's dialog", i+1)
		}
		if n.Get("Event") != "refer" || n.ContentType() != "message/sipfrag" || n.Get("Subscription-State") != w.state || string(n.Body) != w.body {
			t.Errorf("NOTIFY %d: Event %q, %s, Subscription-State %q, body %q; want refer, message/sipfrag, %q, %q",
				i+1, n.Get("Event"), n.ContentType(), n.Get("Subscription-State"), n.Body, w.state, w.body)
		}
	}
}

// TestWiresharkDecodesTransfer: Wireshark's dissector, an independent
// judge, reads the transfer lessons' REFERs with their Refer-To and
// Referred-By, the Replaces of the INVITE, and the NOTIFYs' message/sipfrag
// bodies as status lines.
func TestWiresharkDecodesTransfer(t *testing.T) {
	tshark := golden.NeedTool(t, "tshark")
	file, _ := messagesPcap(t, []*sim.Trace{run(t, "unattended-transfer", 1), run(t, "attended-transfer", 1)})
	out, err := exec.Command(tshark, "-r", file, "-Y", "sip.Method == \"REFER\" || sip.Method == \"NOTIFY\" || sip.Replaces",
		"-T", "fields", "-e", "sip.Method", "-e", "sip.Refer-To", "-e", "sip.Referred-by", "-e", "sip.Replaces", "-e", "sipfrag.line").Output()
	if err != nil {
		t.Fatalf("tshark: %v", err)
	}
	got := strings.TrimSpace(string(out))
	for _, want := range []string{
		"REFER\t<sip:carol@client.chicago.example.com>\t<sip:bob@biloxi.example.com>\t\t",
		"NOTIFY\t\t\t\tSIP/2.0 100 Trying",
		"NOTIFY\t\t\t\tSIP/2.0 200 OK",
		"REFER\t<sip:carol@client.chicago.example.com?Replaces=",
		"INVITE\t\t<sip:bob@biloxi.example.com>\t",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("tshark's fields lack %q:\n%s", want, got)
		}
	}
}
