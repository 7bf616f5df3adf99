package lessons

import (
	"slices"
	"testing"
	"time"

	"github.com/siplab/siplab/sim/sip"
)

// TestHold: RFC 5359 §2.1 — the hold re-INVITE offers a=sendonly and bob
// answers a=recvonly; the resume offers and is answered a=sendrecv; every
// new description keeps its o= session id and raises the version by one
// (RFC 3264 §8, §8.4), and the re-INVITEs stay in the dialog.
func TestHold(t *testing.T) {
	tr := run(t, "hold", 1)
	invites := []*sip.Message{one(t, tr, "alice", "bob", "INVITE", 1), one(t, tr, "alice", "bob", "INVITE", 2), one(t, tr, "alice", "bob", "INVITE", 3)}
	oks := []*sip.Message{one(t, tr, "bob", "alice", "200", 1), one(t, tr, "bob", "alice", "200", 2), one(t, tr, "bob", "alice", "200", 3)}
	for i, want := range []struct{ offer, answer string }{{"", ""}, {"sendonly", "recvonly"}, {"sendrecv", "sendrecv"}} {
		if got := directionOf(t, invites[i]); got != want.offer {
			t.Errorf("INVITE %d offers direction %q, want %q", i+1, got, want.offer)
		}
		if got := directionOf(t, oks[i]); got != want.answer {
			t.Errorf("200 %d answers direction %q, want %q", i+1, got, want.answer)
		}
		if c := cseqOf(t, invites[i]); c.Seq != uint32(i+1) || c.Method != sip.INVITE {
			t.Errorf("INVITE %d has CSeq %v", i+1, c)
		}
		if i == 0 {
			continue
		}
		if invites[i].CallID() != invites[0].CallID() || toOf(t, invites[i]).Tag() != toOf(t, oks[0]).Tag() {
			t.Errorf("re-INVITE %d is not in the dialog: %s / %s", i+1, invites[i].CallID(), invites[i].Get("To"))
		}
		for _, pair := range []struct {
			who      string
			old, new *sip.Message
		}{{"alice's offer", invites[i-1], invites[i]}, {"bob's answer", oks[i-1], oks[i]}} {
			o1, o2 := sdpOf(t, pair.old).Origin, sdpOf(t, pair.new).Origin
			if o1.SessionID != o2.SessionID || !versionPlusOne(o1.SessionVersion, o2.SessionVersion) {
				t.Errorf("%s %d: o= %s %s after %s %s, want the same id and the next version", pair.who, i+1, o2.SessionID, o2.SessionVersion, o1.SessionID, o1.SessionVersion)
			}
		}
	}
	for k := 1; k <= 3; k++ {
		if c := cseqOf(t, one(t, tr, "alice", "bob", "ACK", k)); c.Seq != uint32(k) || c.Method != sip.ACK {
			t.Errorf("ACK %d has CSeq %v", k, c)
		}
	}
}

// directionOf is the direction attribute of the first stream of a
// message's SDP ("" for none).
func directionOf(t *testing.T, m *sip.Message) string {
	t.Helper()
	for _, a := range sdpOf(t, m).Media[0].Attributes {
		switch a {
		case "sendonly", "recvonly", "inactive", "sendrecv":
			return a
		}
	}
	return ""
}

// TestPRACK: RFC 3262 — the INVITE says Supported: 100rel; the 183 says
// Require: 100rel with an RSeq and carries the SDP answer; it is
// retransmitted at T1 then 2·T1 while lost; the PRACK is in the early
// dialog, with the next CSeq and RAck "RSeq CSeq INVITE"; its 200 comes
// before the INVITE's, which has no SDP, and the BYE takes the CSeq after
// the PRACK's.
func TestPRACK(t *testing.T) {
	tr := run(t, "prack", 1)
	invite := one(t, tr, "alice", "bob", "INVITE", 1)
	if invite.Get("Supported") != "100rel" || invite.Has("Require") {
		t.Errorf("INVITE: Supported %q, Require %q; want Supported: 100rel and no Require", invite.Get("Supported"), invite.Get("Require"))
	}
	var rel []*sip.Message
	var at []time.Duration
	for _, e := range matching(tr, "bob", "alice", "183") {
		rel = append(rel, parse(t, e))
		at = append(at, e.At)
	}
	if len(rel) != 3 {
		t.Fatalf("%d 183s, want 3 (two lost, retransmitted)", len(rel))
	}
	if at[1]-at[0] != 500*time.Millisecond || at[2]-at[1] != time.Second {
		t.Errorf("183s at %v: want T1 then 2·T1 apart (RFC 3262 §3)", at)
	}
	rseq := rel[0].Get("RSeq")
	for i, r := range rel {
		if r.Get("Require") != "100rel" || r.Get("RSeq") != rseq || directionOf(t, r) != "" || len(sdpOf(t, r).Media[0].Formats) == 0 {
			t.Errorf("183 %d: Require %q, RSeq %q (want 100rel, %s) and an SDP answer", i+1, r.Get("Require"), r.Get("RSeq"), rseq)
		}
	}
	prack := one(t, tr, "alice", "bob", "PRACK", 1)
	if got, want := prack.Get("RAck"), rseq+" 1 INVITE"; got != want {
		t.Errorf("RAck %q, want %q", got, want)
	}
	if c := cseqOf(t, prack); c.Seq != 2 || c.Method != sip.PRACK {
		t.Errorf("PRACK CSeq %v, want 2 PRACK", c)
	}
	if prack.CallID() != invite.CallID() || fromOf(t, prack).Tag() != fromOf(t, invite).Tag() || toOf(t, prack).Tag() != toOf(t, rel[0]).Tag() || toOf(t, prack).Tag() == "" {
		t.Errorf("PRACK is not in the early dialog: %s / %s", prack.Get("From"), prack.Get("To"))
	}
	if contact, _, _ := rel[0].Contacts(); len(contact) != 1 || prack.RequestURI.String() != contact[0].URI.String() {
		t.Errorf("PRACK Request-URI %s, want the 183's Contact %v", prack.RequestURI, contact)
	}
	okPRACK, okINVITE := one(t, tr, "bob", "alice", "200", 1), one(t, tr, "bob", "alice", "200", 2)
	if c := cseqOf(t, okPRACK); c.Method != sip.PRACK || c.Seq != 2 {
		t.Errorf("first 200 has CSeq %v, want 2 PRACK", c)
	}
	if c := cseqOf(t, okINVITE); c.Method != sip.INVITE || len(okINVITE.Body) != 0 || toOf(t, okINVITE).Tag() != toOf(t, rel[0]).Tag() {
		t.Errorf("the INVITE's 200: CSeq %v, %d bytes of body, To %s; want 1 INVITE, no SDP, the early dialog's tag", c, len(okINVITE.Body), okINVITE.Get("To"))
	}
	if c := cseqOf(t, one(t, tr, "alice", "bob", "BYE", 1)); c.Seq != 3 {
		t.Errorf("BYE CSeq %v, want 3: after the PRACK's, in the same dialog", c)
	}
}

// TestUpdate: RFC 3311 — the UPDATE goes in the early dialog of the
// reliable 183, before the INVITE is answered, with the CSeq after the
// PRACK's and a new offer one o= version up; bob answers it in the 200 of
// the UPDATE, and the INVITE's 200 comes after, without SDP.
func TestUpdate(t *testing.T) {
	tr := run(t, "update", 1)
	invite, rel := one(t, tr, "alice", "bob", "INVITE", 1), one(t, tr, "bob", "alice", "183", 1)
	update := one(t, tr, "alice", "bob", "UPDATE", 1)
	if c := cseqOf(t, update); c.Seq != 3 || c.Method != sip.UPDATE {
		t.Errorf("UPDATE CSeq %v, want 3 UPDATE (after the PRACK's 2)", c)
	}
	if update.CallID() != invite.CallID() || toOf(t, update).Tag() != toOf(t, rel).Tag() || toOf(t, update).Tag() == "" || !update.Has("Contact") {
		t.Errorf("UPDATE is not in the early dialog: To %s, Contact %q", update.Get("To"), update.Get("Contact"))
	}
	var okUpdate, okInvite *sip.Message
	var updateAt, okUpdateAt, okInviteAt time.Duration
	for _, e := range messages(tr) {
		if e.From == "alice" && label(e.Summary) == "UPDATE" {
			updateAt = e.At
		}
		if e.From == "bob" && label(e.Summary) == "200" {
			m := parse(t, e)
			switch cseqOf(t, m).Method {
			case sip.UPDATE:
				okUpdate, okUpdateAt = m, e.At
			case sip.INVITE:
				okInvite, okInviteAt = m, e.At
			}
		}
	}
	if okUpdate == nil || okInvite == nil {
		t.Fatal("no 200 for the UPDATE or for the INVITE")
	}
	if !(updateAt < okUpdateAt && okUpdateAt < okInviteAt) {
		t.Errorf("UPDATE at %v, its 200 at %v, the INVITE's 200 at %v: want the UPDATE answered before the call", updateAt, okUpdateAt, okInviteAt)
	}
	for _, pair := range []struct {
		who      string
		old, new *sip.Message
	}{{"alice's offer", invite, update}, {"bob's answer", rel, okUpdate}} {
		o1, o2 := sdpOf(t, pair.old), sdpOf(t, pair.new)
		if o1.Origin.SessionID != o2.Origin.SessionID || !versionPlusOne(o1.Origin.SessionVersion, o2.Origin.SessionVersion) {
			t.Errorf("%s: o= %s %s after %s %s", pair.who, o2.Origin.SessionID, o2.Origin.SessionVersion, o1.Origin.SessionID, o1.Origin.SessionVersion)
		}
		if got := o2.Media[0].Formats; len(got) != 1 || got[0] != "8" {
			t.Errorf("%s: formats %v, want [8]", pair.who, got)
		}
	}
	if len(okInvite.Body) != 0 {
		t.Errorf("the INVITE's 200 carries %d bytes of body; the offers were already answered", len(okInvite.Body))
	}
}

// TestPRACKNeverArrives: with every PRACK lost, bob keeps retransmitting
// the 183, the interval doubling (T1, 2·T1, 4·T1…); he does not send the
// 2xx while the 183 that carried SDP is unacknowledged, and after 64·T1
// he rejects the INVITE with a 5xx (RFC 3262 §3).
func TestPRACKNeverArrives(t *testing.T) {
	l, err := Find("prack")
	if err != nil {
		t.Fatal(err)
	}
	tr, err := Run(l, RunOptions{Seed: 1, Faults: faults(t, "drop:PRACK#*")})
	if err != nil {
		t.Fatal(err)
	}
	var at []time.Duration
	for _, e := range matching(tr, "bob", "alice", "183") {
		at = append(at, e.At)
	}
	for i := 1; i < len(at); i++ {
		if want := time.Duration(1<<(i-1)) * 500 * time.Millisecond; at[i]-at[i-1] != want {
			t.Errorf("183 %d came %v after the one before, want %v", i+1, at[i]-at[i-1], want)
		}
	}
	if len(at) != 7 {
		t.Errorf("%d 183s, want 7 within 64·T1: the first and 6 retransmissions", len(at))
	}
	for _, e := range matching(tr, "bob", "alice", "200") {
		if c := cseqOf(t, parse(t, e)); c.Method == sip.INVITE {
			t.Errorf("bob answered the INVITE at %v without the PRACK", e.At)
		}
	}
	fail := matching(tr, "bob", "alice", "500")
	if len(fail) != 1 || fail[0].At-at[0] != 64*500*time.Millisecond {
		t.Fatalf("500s %v; want one, 64·T1 after the first 183 (at %v)", fail, at[0])
	}
}

// TestUpdateRefused: an UPDATE whose offer has no codec in common gets 488
// (RFC 3311 §5.2); the session stays as it was and the call goes on.
func TestUpdateRefused(t *testing.T) {
	l, err := Find("update")
	if err != nil {
		t.Fatal(err)
	}
	gsm := *l
	gsm.Script = slices.Clone(l.Script)
	gsm.Script[1].Codecs = []string{"3"} // GSM, which bob lacks
	tr, err := Run(&gsm, RunOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if resp := one(t, tr, "bob", "alice", "488", 1); cseqOf(t, resp).Method != sip.UPDATE {
		t.Errorf("488 for %v, want the UPDATE", cseqOf(t, resp))
	}
	if ack := one(t, tr, "alice", "bob", "ACK", 1); cseqOf(t, ack).Seq != 1 {
		t.Errorf("ACK CSeq %v: want the call answered after the refused UPDATE", cseqOf(t, ack))
	}
}
