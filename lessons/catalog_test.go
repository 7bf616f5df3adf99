package lessons

import (
	"crypto/md5"
	"encoding/hex"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// Detail tests of the catalogue's lessons: what each lesson claims in its
// notes and narrative must be true of the messages its run produces.

// matching returns the messages from>to labelled lbl ("INVITE", "200"), in
// order; from or to "" match any node.
func matching(tr *sim.Trace, from, to, lbl string) []sim.Event {
	var out []sim.Event
	for _, e := range messages(tr) {
		if (from == "" || e.From == from) && (to == "" || e.To == to) && label(e.Summary) == lbl {
			out = append(out, e)
		}
	}
	return out
}

// one returns the k-th (1-based) message from>to labelled lbl.
func one(t *testing.T, tr *sim.Trace, from, to, lbl string, k int) *sip.Message {
	t.Helper()
	es := matching(tr, from, to, lbl)
	if len(es) < k {
		t.Fatalf("%s: %d message(s) %s>%s %s, want at least %d", tr.Lesson, len(es), from, to, lbl, k)
	}
	return parse(t, es[k-1])
}

func cseqOf(t *testing.T, m *sip.Message) sip.CSeq {
	t.Helper()
	c, err := m.CSeq()
	if err != nil {
		t.Fatalf("CSeq of %s: %v", m.StartLine(), err)
	}
	return c
}

func fromOf(t *testing.T, m *sip.Message) sip.Address {
	t.Helper()
	a, err := m.From()
	if err != nil {
		t.Fatalf("From of %s: %v", m.StartLine(), err)
	}
	return a
}

func toOf(t *testing.T, m *sip.Message) sip.Address {
	t.Helper()
	a, err := m.To()
	if err != nil {
		t.Fatalf("To of %s: %v", m.StartLine(), err)
	}
	return a
}

func topVia(t *testing.T, m *sip.Message) sip.Via {
	t.Helper()
	v, err := m.TopVia()
	if err != nil {
		t.Fatalf("Via of %s: %v", m.StartLine(), err)
	}
	return v
}

func sdpOf(t *testing.T, m *sip.Message) *sip.SDP {
	t.Helper()
	s, err := sip.ParseSDP(m.Body)
	if err != nil || len(s.Media) == 0 {
		t.Fatalf("SDP of %s: %v (%d media)", m.StartLine(), err, len(s.Media))
	}
	return s
}

func contactsOf(t *testing.T, m *sip.Message) []string {
	t.Helper()
	list, _, err := m.Contacts()
	if err != nil {
		t.Fatalf("Contact of %s: %v", m.StartLine(), err)
	}
	var out []string
	for _, c := range list {
		out = append(out, c.String())
	}
	return out
}

func md5hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// TestNotesMatch: every note of every lesson is attached to at least one
// message; a note whose match selects nothing would silently vanish.
func TestNotesMatch(t *testing.T) {
	for _, l := range All() {
		tr := run(t, l.ID, 1)
		for i, n := range l.Notes {
			found := false
			for _, e := range messages(tr) {
				want := sim.FillHeaders(n.Text, []byte(e.Raw))
				if slices.ContainsFunc(e.Notes, func(x sim.Text) bool { return x.EN == want.EN && x.ZH == want.ZH }) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("%s: note %d (%s) is attached to no message", l.ID, i+1, n.Match)
			}
		}
	}
}

func TestRegisterDetails(t *testing.T) {
	tr := run(t, "register", 1)
	req, ok := one(t, tr, "alice", "registrar", "REGISTER", 1), one(t, tr, "registrar", "alice", "200", 1)
	if req.RequestURI.User != "" {
		t.Errorf("REGISTER Request-URI %s has a user part (RFC 3261 §10.2)", req.RequestURI)
	}
	if got := toOf(t, req).URI.String(); got != "sip:alice@atlanta.example.com" {
		t.Errorf("To %s, want the address-of-record", got)
	}
	if got := contactsOf(t, ok); !slices.Equal(got, []string{"<sip:alice@client.atlanta.example.com>;expires=3600"}) {
		t.Errorf("200 OK Contact %q", got)
	}
	if toOf(t, ok).Tag() == "" {
		t.Errorf("the 200 OK has no To tag")
	}
	bound := false
	for _, e := range tr.Events {
		bound = bound || (e.Type == sim.EventLookup && e.From == "registrar" && e.To == "location")
	}
	if !bound {
		t.Errorf("the registrar never wrote to the location service")
	}
}

func TestProxyAuthRegister(t *testing.T) {
	tr := run(t, "proxy-auth-register", 1)
	first, challenge := one(t, tr, "alice", "registrar", "REGISTER", 1), one(t, tr, "registrar", "alice", "407", 1)
	retry := one(t, tr, "alice", "registrar", "REGISTER", 2)
	if challenge.Has("WWW-Authenticate") || !challenge.Has("Proxy-Authenticate") {
		t.Fatalf("407 headers: WWW-Authenticate %q, Proxy-Authenticate %q", challenge.Get("WWW-Authenticate"), challenge.Get("Proxy-Authenticate"))
	}
	if retry.Has("Authorization") || !retry.Has("Proxy-Authorization") {
		t.Fatalf("a 407 is answered with Proxy-Authorization only: %q / %q", retry.Get("Authorization"), retry.Get("Proxy-Authorization"))
	}
	ch, err := sip.ParseChallenge(challenge.Get("Proxy-Authenticate"))
	if err != nil {
		t.Fatal(err)
	}
	cred, err := sip.ParseCredentials(retry.Get("Proxy-Authorization"))
	if err != nil {
		t.Fatal(err)
	}
	steps, err := sip.ComputeDigest(sip.DigestInput{Username: "alice", Realm: ch.Realm, Password: "wonderland", Method: "REGISTER",
		URI: retry.RequestURI.String(), Nonce: ch.Nonce, CNonce: cred.CNonce, NC: cred.NC, QOP: cred.QOP})
	if err != nil {
		t.Fatal(err)
	}
	if ch.Realm != "atlanta.example.com" || cred.Response != steps.Response {
		t.Errorf("realm %q, response %s, recomputed %s", ch.Realm, cred.Response, steps.Response)
	}
	if retry.CallID() != first.CallID() || cseqOf(t, retry).Seq != cseqOf(t, first).Seq+1 {
		t.Errorf("the retry must keep the Call-ID and raise the CSeq")
	}
	if topVia(t, retry).Branch() == topVia(t, first).Branch() {
		t.Errorf("the retry is a new transaction: it needs a new branch")
	}
	if ok := one(t, tr, "registrar", "alice", "200", 1); cseqOf(t, ok).Seq != 2 {
		t.Errorf("200 OK answers CSeq %d", cseqOf(t, ok).Seq)
	}
}

// TestRegisterRefresh follows the bindings of alice's address-of-record
// through refresh, query and removal (RFC 3665 §2.2–2.4).
func TestRegisterRefresh(t *testing.T) {
	tr := run(t, "register-refresh", 1)
	desk := matching(tr, "alice", "registrar", "REGISTER")
	laptop := matching(tr, "alice-laptop", "registrar", "REGISTER")
	if len(desk) != 4 || len(laptop) != 2 {
		t.Fatalf("%d REGISTERs from alice, %d from her laptop; want 4 and 2", len(desk), len(laptop))
	}
	callID := parse(t, desk[0]).CallID()
	for i, e := range desk {
		m := parse(t, e)
		if m.CallID() != callID || cseqOf(t, m).Seq != uint32(i+1) {
			t.Errorf("alice's REGISTER %d: Call-ID %s CSeq %d; want one Call-ID and CSeq %d", i+1, m.CallID(), cseqOf(t, m).Seq, i+1)
		}
	}
	if parse(t, laptop[0]).CallID() == callID {
		t.Errorf("the laptop must use a Call-ID of its own")
	}
	const deskC, laptopC = "<sip:alice@client.atlanta.example.com>", "<sip:alice@laptop.atlanta.example.com>"
	query := parse(t, desk[2])
	if query.Has("Contact") {
		t.Errorf("the query has a Contact: %q", query.Get("Contact"))
	}
	remove := parse(t, laptop[1])
	if exp, _ := remove.Expires(); remove.Get("Contact") != laptopC || exp != 0 {
		t.Errorf("the laptop's removal: Contact %q Expires %q", remove.Get("Contact"), remove.Get("Expires"))
	}
	if all := parse(t, desk[3]); all.Get("Contact") != "*" || all.Get("Expires") != "0" {
		t.Errorf("the final REGISTER: Contact %q Expires %q; want * and 0", all.Get("Contact"), all.Get("Expires"))
	}
	for _, c := range []struct {
		from string
		k    int
		want []string
	}{
		{"alice", 1, []string{deskC + ";expires=3600"}},
		{"alice-laptop", 1, []string{deskC + ";expires=3540", laptopC + ";expires=3600"}}, // at 60 s
		{"alice", 2, []string{deskC + ";expires=3600", laptopC + ";expires=1860"}},        // refreshed at 1800 s
		{"alice", 3, []string{deskC + ";expires=3540", laptopC + ";expires=1800"}},        // the query at 1860 s
		{"alice-laptop", 2, []string{deskC + ";expires=3480"}},                            // the laptop removed
		{"alice", 4, nil}, // Contact: * removed everything
	} {
		ok := one(t, tr, "registrar", c.from, "200", c.k)
		if got := contactsOf(t, ok); !slices.Equal(got, c.want) {
			t.Errorf("200 #%d to %s lists %q, want %q", c.k, c.from, got, c.want)
		}
	}
}

// TestGB28181Register: as the course's capture (seed 002), a 401 with
// algorithm=MD5 and without qop, answered in the RFC 2069 form, a Date in
// GB/T 28181's form in the 401 and the 200, the softphone's rport filled;
// then the platform's MANSCDP MESSAGE, from its 20-digit code, to the
// registered contact.
func TestGB28181Register(t *testing.T) {
	tr := run(t, "gb28181-register", 1)
	const device, realm, password, platform = "34020000001320000003", "34020000", "12345678", "34020000002000000001"
	challenge, retry := one(t, tr, "registrar", "device", "401", 1), one(t, tr, "device", "registrar", "REGISTER", 2)
	if strings.Contains(strings.ToLower(challenge.Get("WWW-Authenticate")), "qop") {
		t.Errorf("the challenge offers qop: %s", challenge.Get("WWW-Authenticate"))
	}
	ch, err := sip.ParseChallenge(challenge.Get("WWW-Authenticate"))
	if err != nil {
		t.Fatal(err)
	}
	if ch.Algorithm != "MD5" {
		t.Errorf("the challenge names algorithm %q, want MD5 as in the capture", ch.Algorithm)
	}
	gbDate := regexp.MustCompile(`^2026-01-01T00:00:\d\d\.\d\d\d$`)
	for _, m := range []*sip.Message{challenge, one(t, tr, "registrar", "device", "200", 1), one(t, tr, "registrar", "device", "MESSAGE", 1)} {
		if d := m.Get("Date"); !gbDate.MatchString(d) {
			t.Errorf("%s Date %q, want GB/T 28181's 2026-01-01T00:00:00.000 form", m.StartLine(), d)
		}
	}
	sent, _ := one(t, tr, "device", "registrar", "REGISTER", 1).TopVia()
	back, _ := challenge.TopVia()
	if rp, ok := sent.RPort(); !ok || rp != "" {
		t.Errorf("the device's Via %v asks for no rport", sent)
	}
	if rp, _ := back.RPort(); rp != "5080" || back.Received() != "192.0.2.164" {
		t.Errorf("the 401's Via %v: rport and received not filled (RFC 3581 §4)", back)
	}
	if from := fromOf(t, one(t, tr, "registrar", "device", "MESSAGE", 1)).URI; from.User != platform {
		t.Errorf("MESSAGE From %s, want the platform's code %s", from, platform)
	}
	// RFC 3261 §22.4: servers MUST send qop; GB/T 28181 deviates. The note
	// must not teach that RFC 3261 allows it.
	for _, e := range matching(tr, "registrar", "device", "401") {
		for _, n := range e.Notes {
			if !strings.Contains(n.EN, "MUST always send qop") || !strings.Contains(n.ZH, "必须（MUST）总是带 qop") ||
				!strings.Contains(n.EN, "deviate") || !strings.Contains(n.ZH, "偏离") || strings.Contains(n.EN, "still allow") {
				t.Errorf("the 401's note does not say that RFC 3261 §22.4 forbids it and GB/T 28181 deviates:\n%s\n%s", n.EN, n.ZH)
			}
		}
	}
	cred, err := sip.ParseCredentials(retry.Get("Authorization"))
	if err != nil {
		t.Fatal(err)
	}
	if cred.QOP != "" || cred.NC != "" || cred.CNonce != "" {
		t.Errorf("credentials without qop must have no qop, nc or cnonce: %s", retry.Get("Authorization"))
	}
	if ch.Realm != realm || cred.Username != device || cred.URI != "sip:192.0.2.30:5060" {
		t.Errorf("realm %q username %q uri %q", ch.Realm, cred.Username, cred.URI)
	}
	// RFC 2069: response = MD5(HA1:nonce:HA2), computed here by hand.
	ha1 := md5hex(device + ":" + realm + ":" + password)
	ha2 := md5hex("REGISTER:" + cred.URI)
	if want := md5hex(ha1 + ":" + ch.Nonce + ":" + ha2); cred.Response != want {
		t.Errorf("response %s, want MD5(HA1:nonce:HA2) = %s", cred.Response, want)
	}
	ok := one(t, tr, "registrar", "device", "200", 1)
	contacts, _, err := ok.Contacts()
	if err != nil || len(contacts) != 1 {
		t.Fatalf("200 OK Contact %q: %v", ok.Get("Contact"), err)
	}
	msg := one(t, tr, "registrar", "device", "MESSAGE", 1)
	if u, c := msg.RequestURI, contacts[0].URI; u.User != c.User || u.Host != c.Host || c.User != device {
		t.Errorf("MESSAGE to %s, not to the registered contact %s", u, c)
	}
	if !strings.EqualFold(msg.ContentType(), "application/MANSCDP+xml") {
		t.Errorf("MESSAGE Content-Type %q", msg.ContentType())
	}
	body := string(msg.Body)
	for _, s := range []string{`<?xml version="1.0"?>`, "<Query>", "<CmdType>Catalog</CmdType>", "<SN>1</SN>", "<DeviceID>" + device + "</DeviceID>"} {
		if !strings.Contains(body, s) {
			t.Errorf("MESSAGE body lacks %s:\n%s", s, body)
		}
	}
	if resp := one(t, tr, "device", "registrar", "200", 1); cseqOf(t, resp).Method != sip.MESSAGE || len(resp.Body) != 0 {
		t.Errorf("the device's answer: %s CSeq %v, %d body bytes", resp.StartLine(), cseqOf(t, resp), len(resp.Body))
	}
}

// TestStatelessProxy: no 100 Trying, no transaction, and a branch that is a
// function of the incoming request, so that alice's retransmission is
// forwarded with the branch of the lost first copy (RFC 3261 §16.11).
func TestStatelessProxy(t *testing.T) {
	tr := run(t, "stateless-proxy", 1)
	if got := matching(tr, "proxy", "", "100"); len(got) != 0 {
		t.Errorf("a stateless proxy sent %d 100 Trying", len(got))
	}
	for _, e := range tr.Events {
		if e.Type == sim.EventState && e.Node == "proxy" {
			t.Errorf("#%d: the stateless proxy changed state: %s", e.Seq, e.Summary)
		}
	}
	in, out := matching(tr, "alice", "proxy", "INVITE"), matching(tr, "proxy", "bob", "INVITE")
	if len(in) != 2 || len(out) != 2 || !out[0].Dropped || out[1].Dropped {
		t.Fatalf("INVITEs alice>proxy %d, proxy>bob %d (first lost: %v); want 2 and 2, the first lost", len(in), len(out), len(out) > 0 && out[0].Dropped)
	}
	if !in[1].Retransmission || out[1].Retransmission {
		t.Errorf("alice retransmits (%v); the proxy only forwards (%v)", in[1].Retransmission, out[1].Retransmission)
	}
	a1, a2 := topVia(t, parse(t, in[0])).Branch(), topVia(t, parse(t, in[1])).Branch()
	p1, p2 := topVia(t, parse(t, out[0])).Branch(), topVia(t, parse(t, out[1])).Branch()
	if a1 != a2 || p1 != p2 {
		t.Errorf("branches: alice %s / %s, proxy %s / %s; each pair must be equal", a1, a2, p1, p2)
	}
	if p1 == a1 || !strings.HasPrefix(p1, sip.MagicCookie) {
		t.Errorf("the proxy's branch %s must be its own, with the magic cookie", p1)
	}
	if vias, _ := parse(t, out[1]).Vias(); len(vias) != 2 || vias[1].Branch() != a1 {
		t.Errorf("forwarded INVITE Vias %v", vias)
	}
	if mf, _ := parse(t, out[1]).MaxForwards(); mf != 69 {
		t.Errorf("Max-Forwards %d, want 69", mf)
	}
	for _, lbl := range []string{"ACK", "BYE"} {
		if len(matching(tr, "alice", "bob", lbl)) != 1 {
			t.Errorf("the %s should go straight to bob: no Record-Route", lbl)
		}
	}
}

// TestTwoProxies checks Max-Forwards and the route set along RFC 3665 §3.2,
// and that Max-Forwards running out at the second proxy gives 483.
func TestTwoProxies(t *testing.T) {
	tr := run(t, "two-proxies", 1)
	for _, c := range []struct {
		from, to string
		mf       int
	}{{"alice", "proxy1", 70}, {"proxy1", "proxy2", 69}, {"proxy2", "bob", 68}} {
		if mf, _ := one(t, tr, c.from, c.to, "INVITE", 1).MaxForwards(); mf != c.mf {
			t.Errorf("INVITE %s>%s Max-Forwards %d, want %d", c.from, c.to, mf, c.mf)
		}
	}
	invite := one(t, tr, "proxy2", "bob", "INVITE", 1)
	if rr := invite.Values("Record-Route"); !slices.Equal(rr, []string{"<sip:proxy.biloxi.example.com;lr>", "<sip:proxy.atlanta.example.com;lr>"}) {
		t.Errorf("Record-Route at bob %q", rr)
	}
	if vias, _ := invite.Vias(); len(vias) != 3 {
		t.Errorf("%d Vias at bob, want 3", len(vias))
	}
	if u := one(t, tr, "proxy1", "proxy2", "INVITE", 1).RequestURI.String(); u != "sip:bob@biloxi.example.com" {
		t.Errorf("proxy1 changed the Request-URI to %s; bob is not in its domain", u)
	}
	for _, lbl := range []string{"ACK", "BYE"} {
		m := one(t, tr, "alice", "proxy1", lbl, 1)
		if r := m.Values("Route"); !slices.Equal(r, []string{"<sip:proxy.atlanta.example.com;lr>", "<sip:proxy.biloxi.example.com;lr>"}) {
			t.Errorf("%s Route %q", lbl, r)
		}
		if r := one(t, tr, "proxy1", "proxy2", lbl, 1).Values("Route"); !slices.Equal(r, []string{"<sip:proxy.biloxi.example.com;lr>"}) {
			t.Errorf("%s forwarded by proxy1 with Route %q", lbl, r)
		}
		if m := one(t, tr, "proxy2", "bob", lbl, 1); m.Has("Route") || m.RequestURI.String() != "sip:bob@client.biloxi.example.com" {
			t.Errorf("%s at bob: Route %q Request-URI %s", lbl, m.Get("Route"), m.RequestURI)
		}
	}

	l, err := Find("two-proxies")
	if err != nil {
		t.Fatal(err)
	}
	hops, err := Run(l, RunOptions{Seed: 1, Faults: faults(t, "max-forwards:alice=1")})
	if err != nil {
		t.Fatal(err)
	}
	if mf, _ := one(t, hops, "proxy1", "proxy2", "INVITE", 1).MaxForwards(); mf != 0 {
		t.Errorf("proxy1 forwarded Max-Forwards %d, want 0", mf)
	}
	for _, hop := range [][2]string{{"proxy2", "proxy1"}, {"proxy1", "alice"}} {
		if len(matching(hops, hop[0], hop[1], "483")) != 1 {
			t.Errorf("no 483 %s>%s:\n%s", hop[0], hop[1], flow(hops))
		}
	}
	if got := matching(hops, "", "bob", "INVITE"); len(got) != 0 {
		t.Errorf("the INVITE reached bob with no hops left")
	}
}

// TestQueuedCall: 100, 180, then two 182 counting down the queue (the
// lecture's Bell/Watson call), all with the 200's To tag, and an SDP answer that is the
// subset of the offer bob supports, in the offer's order (RFC 3264 §6).
func TestQueuedCall(t *testing.T) {
	queuedReasons := []string{"Queued, 2 Callers Ahead", "Queued, 1 Caller Ahead"}
	tr := run(t, "queued-call", 1)
	var provisional []string
	for _, e := range messages(tr) {
		if e.From == "bob" && strings.HasPrefix(e.Summary.String(), "SIP/2.0 1") {
			provisional = append(provisional, label(e.Summary))
		}
	}
	if !slices.Equal(provisional, []string{"100", "180", "182", "182"}) {
		t.Errorf("provisional responses %v", provisional)
	}
	invite, ok := one(t, tr, "alice", "bob", "INVITE", 1), one(t, tr, "bob", "alice", "200", 1)
	tag := toOf(t, ok).Tag()
	for k := 1; k <= 2; k++ {
		q := one(t, tr, "bob", "alice", "182", k)
		if want := queuedReasons[k-1]; q.Reason != want || toOf(t, q).Tag() != tag {
			t.Errorf("182 #%d: %q with To tag %q (the 200's: %q)", k, q.Reason, toOf(t, q).Tag(), tag)
		}
	}
	offer, answer := sdpOf(t, invite).Media[0], sdpOf(t, ok).Media[0]
	if !slices.Equal(offer.Formats, []string{"0", "3", "4"}) || !slices.Equal(answer.Formats, []string{"0", "3"}) {
		t.Errorf("offer %v answer %v; want [0 3 4] and [0 3]", offer.Formats, answer.Formats)
	}
	for _, f := range answer.Formats {
		if !slices.Contains(offer.Formats, f) {
			t.Errorf("the answer has %s, which was not offered", f)
		}
	}
	if ack := one(t, tr, "alice", "bob", "ACK", 1); len(ack.Body) != 0 {
		t.Errorf("the ACK carries a body")
	}
}

// TestCalleeHangup: bob's BYE has From and To swapped relative to the
// INVITE (RFC 3261 §12.2.1.1, §15.1.1).
func TestCalleeHangup(t *testing.T) {
	tr := run(t, "callee-hangup", 1)
	invite, ok, bye := one(t, tr, "alice", "bob", "INVITE", 1), one(t, tr, "bob", "alice", "200", 1), one(t, tr, "bob", "alice", "BYE", 1)
	if len(matching(tr, "alice", "bob", "BYE")) != 0 {
		t.Errorf("alice sent a BYE too")
	}
	iFrom, iTo, oTo := fromOf(t, invite), toOf(t, invite), toOf(t, ok)
	bFrom, bTo := fromOf(t, bye), toOf(t, bye)
	if bFrom.URI.String() != iTo.URI.String() || bFrom.Tag() != oTo.Tag() || bFrom.Tag() == "" {
		t.Errorf("BYE From %s; want the INVITE's To %s with bob's tag %s", bFrom, iTo, oTo.Tag())
	}
	if bTo.URI.String() != iFrom.URI.String() || bTo.Tag() != iFrom.Tag() {
		t.Errorf("BYE To %s; want the INVITE's From %s", bTo, iFrom)
	}
	if bye.CallID() != invite.CallID() {
		t.Errorf("BYE Call-ID %s, INVITE %s", bye.CallID(), invite.CallID())
	}
	if contact, _, _ := invite.Contacts(); len(contact) != 1 || bye.RequestURI.String() != contact[0].URI.String() {
		t.Errorf("BYE Request-URI %s; want alice's Contact %v", bye.RequestURI, contact)
	}
	if c := cseqOf(t, bye); c.Method != sip.BYE {
		t.Errorf("BYE CSeq %v", c)
	}
	resp := one(t, tr, "alice", "bob", "200", 1)
	if fromOf(t, resp).String() != bFrom.String() || toOf(t, resp).String() != bTo.String() || cseqOf(t, resp).Method != sip.BYE {
		t.Errorf("alice's 200 does not copy the BYE's From, To and CSeq: %s / %s", resp.Get("From"), resp.Get("To"))
	}
}

// TestReinvite: the re-INVITE keeps the dialog (Call-ID, tags), raises the
// CSeq and offers SDP with the same session id and the next version.
func TestReinvite(t *testing.T) {
	tr := run(t, "reinvite", 1)
	first, second := one(t, tr, "alice", "bob", "INVITE", 1), one(t, tr, "alice", "bob", "INVITE", 2)
	ok1, ok2 := one(t, tr, "bob", "alice", "200", 1), one(t, tr, "bob", "alice", "200", 2)
	if second.CallID() != first.CallID() {
		t.Errorf("re-INVITE Call-ID %s, want %s", second.CallID(), first.CallID())
	}
	if fromOf(t, second).Tag() != fromOf(t, first).Tag() || toOf(t, second).Tag() != toOf(t, ok1).Tag() || toOf(t, second).Tag() == "" {
		t.Errorf("re-INVITE tags %s / %s; want the dialog's", second.Get("From"), second.Get("To"))
	}
	if c1, c2 := cseqOf(t, first), cseqOf(t, second); c2.Seq <= c1.Seq || c2.Method != sip.INVITE {
		t.Errorf("re-INVITE CSeq %v after %v", c2, c1)
	}
	if contact, _, _ := ok1.Contacts(); len(contact) != 1 || second.RequestURI.String() != contact[0].URI.String() {
		t.Errorf("re-INVITE Request-URI %s; want bob's Contact %v", second.RequestURI, contact)
	}
	for _, pair := range []struct {
		who         string
		old, new    *sip.Message
		wantFormats []string
	}{{"alice's offer", first, second, []string{"3"}}, {"bob's answer", ok1, ok2, []string{"3"}}} {
		o1, o2 := sdpOf(t, pair.old), sdpOf(t, pair.new)
		if o1.Origin.SessionID != o2.Origin.SessionID {
			t.Errorf("%s: o= session id changed from %s to %s", pair.who, o1.Origin.SessionID, o2.Origin.SessionID)
		}
		if !versionPlusOne(o1.Origin.SessionVersion, o2.Origin.SessionVersion) {
			t.Errorf("%s: o= version %s after %s, want one more (RFC 3264 §8)", pair.who, o2.Origin.SessionVersion, o1.Origin.SessionVersion)
		}
		if !slices.Equal(o2.Media[0].Formats, pair.wantFormats) {
			t.Errorf("%s: formats %v, want %v", pair.who, o2.Media[0].Formats, pair.wantFormats)
		}
	}
	ack := one(t, tr, "alice", "bob", "ACK", 2)
	if c := cseqOf(t, ack); c.Seq != cseqOf(t, second).Seq || c.Method != sip.ACK {
		t.Errorf("ACK of the re-INVITE has CSeq %v", c)
	}
	if bye := one(t, tr, "alice", "bob", "BYE", 1); cseqOf(t, bye).Seq != cseqOf(t, second).Seq+1 {
		t.Errorf("BYE CSeq %v after the re-INVITE's %v", cseqOf(t, bye), cseqOf(t, second))
	}
}

// versionPlusOne reports whether b is the decimal a + 1 (SDP versions are
// 64-bit numbers written in decimal).
func versionPlusOne(a, b string) bool {
	var x, y uint64
	for _, c := range a {
		x = x*10 + uint64(c-'0')
	}
	for _, c := range b {
		y = y*10 + uint64(c-'0')
	}
	return a != "" && b != "" && y == x+1
}

// TestCancel: the CANCEL matches the INVITE (RFC 3261 §9.1); 200 answers
// the CANCEL, 487 the INVITE, and the ACK of the 487 has the INVITE's
// branch (§17.1.1.3).
func TestCancel(t *testing.T) {
	tr := run(t, "cancel", 1)
	invite, cancel := one(t, tr, "alice", "bob", "INVITE", 1), one(t, tr, "alice", "bob", "CANCEL", 1)
	if cancel.RequestURI != invite.RequestURI || cancel.CallID() != invite.CallID() || cancel.Get("From") != invite.Get("From") || cancel.Get("To") != invite.Get("To") {
		t.Errorf("CANCEL does not copy the INVITE's Request-URI, Call-ID, From and To")
	}
	if topVia(t, cancel).Branch() != topVia(t, invite).Branch() {
		t.Errorf("CANCEL branch %s, INVITE %s", topVia(t, cancel).Branch(), topVia(t, invite).Branch())
	}
	if c := cseqOf(t, cancel); c.Seq != cseqOf(t, invite).Seq || c.Method != sip.CANCEL {
		t.Errorf("CANCEL CSeq %v", c)
	}
	if c := cseqOf(t, one(t, tr, "bob", "alice", "200", 1)); c.Method != sip.CANCEL {
		t.Errorf("the 200 answers %v, want the CANCEL", c)
	}
	terminated := one(t, tr, "bob", "alice", "487", 1)
	if c := cseqOf(t, terminated); c.Method != sip.INVITE {
		t.Errorf("the 487 answers %v, want the INVITE", c)
	}
	ack := one(t, tr, "alice", "bob", "ACK", 1)
	if topVia(t, ack).Branch() != topVia(t, invite).Branch() || toOf(t, ack).Tag() != toOf(t, terminated).Tag() {
		t.Errorf("ACK of the 487: branch %s, To %s", topVia(t, ack).Branch(), ack.Get("To"))
	}
	if len(matching(tr, "", "", "BYE")) != 0 || len(matching(tr, "bob", "alice", "180")) != 1 {
		t.Errorf("flow:\n%s", flow(tr))
	}
}

func TestOptions(t *testing.T) {
	tr := run(t, "options", 1)
	fwd := one(t, tr, "proxy", "bob", "OPTIONS", 1)
	if fwd.RequestURI.String() != "sip:bob@client.biloxi.example.com" || fwd.Has("Record-Route") {
		t.Errorf("forwarded OPTIONS: Request-URI %s, Record-Route %q", fwd.RequestURI, fwd.Get("Record-Route"))
	}
	if len(matching(tr, "proxy", "alice", "100")) != 0 {
		t.Errorf("a non-INVITE request got 100 Trying")
	}
	ok := one(t, tr, "proxy", "alice", "200", 1)
	allow := ok.Get("Allow")
	for _, m := range []string{"INVITE", "ACK", "CANCEL", "OPTIONS", "BYE"} {
		if !strings.Contains(allow, m) {
			t.Errorf("Allow %q lacks %s", allow, m)
		}
	}
	if !strings.Contains(ok.Get("Accept"), "application/sdp") || cseqOf(t, ok).Method != sip.OPTIONS {
		t.Errorf("200 OK Accept %q CSeq %v", ok.Get("Accept"), cseqOf(t, ok))
	}
	for _, lbl := range []string{"ACK", "180"} {
		if len(matching(tr, "", "", lbl)) != 0 {
			t.Errorf("OPTIONS gave a %s", lbl)
		}
	}
}

func TestInfo(t *testing.T) {
	tr := run(t, "info", 1)
	invite, ok, info := one(t, tr, "alice", "bob", "INVITE", 1), one(t, tr, "bob", "alice", "200", 1), one(t, tr, "alice", "bob", "INFO", 1)
	if info.CallID() != invite.CallID() || fromOf(t, info).Tag() != fromOf(t, invite).Tag() || toOf(t, info).Tag() != toOf(t, ok).Tag() {
		t.Errorf("INFO is not within the dialog: %s / %s / %s", info.CallID(), info.Get("From"), info.Get("To"))
	}
	if c := cseqOf(t, info); c.Seq != 2 || c.Method != sip.INFO {
		t.Errorf("INFO CSeq %v, want 2 INFO", c)
	}
	if info.ContentType() != "application/dtmf-relay" || string(info.Body) != "Signal=5\r\nDuration=160\r\n" {
		t.Errorf("INFO %q body %q", info.ContentType(), info.Body)
	}
	if resp := one(t, tr, "bob", "alice", "200", 2); cseqOf(t, resp).Method != sip.INFO {
		t.Errorf("the second 200 answers %v", cseqOf(t, resp))
	}
	if len(matching(tr, "", "", "INVITE")) != 1 {
		t.Errorf("INFO must not change the session with a new INVITE")
	}
}

// TestPagerAndLargeMessage contrasts the two models of the course notes: a
// short body goes in a MESSAGE (pager model, RFC 3428), one that would make
// the MESSAGE over 1300 bytes in a session set up with INVITE and an MSRP
// offer (session model, RFC 3428 §8, RFC 4975 §8), both over UDP; unless
// the sender knows its path is congestion-safe, as bob does for his reply,
// a single hop over TCP (RFC 3261 §18.1.1, §18.2.2).
func TestPagerAndLargeMessage(t *testing.T) {
	pager := run(t, "pager-message", 1)
	msg := one(t, pager, "alice", "proxy", "MESSAGE", 1)
	if msg.Has("Contact") || msg.ContentType() != "text/plain" || len(msg.Bytes()) > 1300 {
		t.Errorf("pager-message: MESSAGE Contact %q Content-Type %q, %d bytes", msg.Get("Contact"), msg.ContentType(), len(msg.Bytes()))
	}
	if fwd := one(t, pager, "proxy", "bob", "MESSAGE", 1); fwd.Has("Record-Route") {
		t.Errorf("pager-message: the proxy record-routed a MESSAGE")
	}
	large := run(t, "large-message", 1)
	if got := matching(large, "alice", "", "MESSAGE"); len(got) != 0 {
		t.Errorf("large-message: alice sent %d MESSAGE; over 1300 bytes she must not", len(got))
	}
	for _, hop := range [][2]string{{"alice", "proxy"}, {"proxy", "bob"}} {
		m := sdpOf(t, one(t, large, hop[0], hop[1], "INVITE", 1)).Media[0]
		if path, _ := m.Attribute("path"); m.Type != "message" || m.Proto != "TCP/MSRP" || !strings.HasPrefix(path, "msrp://client.atlanta.example.com:") {
			t.Errorf("large-message INVITE %s>%s offers %s %s path %q, want an MSRP stream", hop[0], hop[1], m.Type, m.Proto, path)
		}
	}
	answer := sdpOf(t, one(t, large, "bob", "proxy", "200", 1)).Media[0]
	if types, _ := answer.Attribute("accept-types"); answer.Proto != "TCP/MSRP" || types != "text/plain" {
		t.Errorf("bob answered %s accept-types %q", answer.Proto, types)
	}
	if len(matching(large, "alice", "proxy", "BYE")) != 1 {
		t.Errorf("alice did not end the MSRP session with BYE:\n%s", flow(large))
	}
	if reply := one(t, large, "bob", "alice", "MESSAGE", 1); len(reply.Bytes()) <= 1300 || topVia(t, reply).Transport != "TCP" {
		t.Errorf("bob's reply: %d bytes over %s, want a large MESSAGE over TCP", len(reply.Bytes()), topVia(t, reply).Transport)
	}
	for _, tr := range []*sim.Trace{pager, large} {
		for _, e := range messages(tr) {
			want := "UDP"
			if e.From+">"+e.To == "bob>alice" || e.From+">"+e.To == "alice>bob" {
				want = "TCP"
			}
			if e.Transport != want {
				t.Errorf("#%d %s>%s %s over %s, want %s", e.Seq, e.From, e.To, label(e.Summary), e.Transport, want)
			}
		}
	}
}

// TestE2EAuthInvite: bob's UAS challenges with 401; the proxy passes the
// challenge back and the credentials on, untouched (RFC 3261 §22.2).
func TestE2EAuthInvite(t *testing.T) {
	tr := run(t, "e2e-auth-invite", 1)
	fromBob, toAlice := one(t, tr, "bob", "proxy", "401", 1), one(t, tr, "proxy", "alice", "401", 1)
	if fromBob.Get("WWW-Authenticate") == "" || toAlice.Get("WWW-Authenticate") != fromBob.Get("WWW-Authenticate") {
		t.Errorf("challenge changed on the way: %q → %q", fromBob.Get("WWW-Authenticate"), toAlice.Get("WWW-Authenticate"))
	}
	first, retry := one(t, tr, "alice", "proxy", "INVITE", 1), one(t, tr, "alice", "proxy", "INVITE", 2)
	if retry.CallID() != first.CallID() || fromOf(t, retry).Tag() != fromOf(t, first).Tag() || cseqOf(t, retry).Seq != cseqOf(t, first).Seq+1 {
		t.Errorf("retry: Call-ID %s From %s CSeq %v", retry.CallID(), retry.Get("From"), cseqOf(t, retry))
	}
	if topVia(t, retry).Branch() == topVia(t, first).Branch() {
		t.Errorf("the retry reuses the branch")
	}
	atBob := one(t, tr, "proxy", "bob", "INVITE", 2)
	if atBob.Get("Authorization") == "" || atBob.Get("Authorization") != retry.Get("Authorization") {
		t.Errorf("Authorization at bob %q, from alice %q", atBob.Get("Authorization"), retry.Get("Authorization"))
	}
	ch, err := sip.ParseChallenge(fromBob.Get("WWW-Authenticate"))
	if err != nil {
		t.Fatal(err)
	}
	cred, err := sip.ParseCredentials(retry.Get("Authorization"))
	if err != nil {
		t.Fatal(err)
	}
	steps, err := sip.ComputeDigest(sip.DigestInput{Username: "alice", Realm: ch.Realm, Password: "wonderland", Method: "INVITE",
		URI: "sip:bob@biloxi.example.com", Nonce: ch.Nonce, CNonce: cred.CNonce, NC: cred.NC, QOP: cred.QOP})
	if err != nil {
		t.Fatal(err)
	}
	if ch.Realm != "biloxi.example.com" || cred.URI != "sip:bob@biloxi.example.com" || cred.Response != steps.Response {
		t.Errorf("realm %q uri %q response %s, recomputed %s", ch.Realm, cred.URI, cred.Response, steps.Response)
	}
	if len(matching(tr, "proxy", "bob", "ACK")) != 2 || len(matching(tr, "", "", "407")) != 0 {
		t.Errorf("flow:\n%s", flow(tr))
	}
}

// TestProxyAuthInvite: the proxy challenges with 407 before anything
// reaches bob, then consumes the credentials for its realm (RFC 3261 §22.3).
func TestProxyAuthInvite(t *testing.T) {
	tr := run(t, "proxy-auth-invite", 1)
	challenge, retry := one(t, tr, "proxy", "alice", "407", 1), one(t, tr, "alice", "proxy", "INVITE", 2)
	if invites := matching(tr, "proxy", "bob", "INVITE"); len(invites) != 1 {
		t.Errorf("%d INVITEs reached bob, want only the authenticated one", len(invites))
	}
	ch, err := sip.ParseChallenge(challenge.Get("Proxy-Authenticate"))
	if err != nil {
		t.Fatal(err)
	}
	cred, err := sip.ParseCredentials(retry.Get("Proxy-Authorization"))
	if err != nil {
		t.Fatal(err)
	}
	steps, err := sip.ComputeDigest(sip.DigestInput{Username: "alice", Realm: ch.Realm, Password: "wonderland", Method: "INVITE",
		URI: retry.RequestURI.String(), Nonce: ch.Nonce, CNonce: cred.CNonce, NC: cred.NC, QOP: cred.QOP})
	if err != nil {
		t.Fatal(err)
	}
	if ch.Realm != "atlanta.example.com" || cred.Response != steps.Response {
		t.Errorf("realm %q response %s, recomputed %s", ch.Realm, cred.Response, steps.Response)
	}
	if fwd := one(t, tr, "proxy", "bob", "INVITE", 1); fwd.Has("Proxy-Authorization") || fwd.Has("Authorization") {
		t.Errorf("the proxy forwarded credentials meant for itself: %q", fwd.Get("Proxy-Authorization"))
	}
	if ack := one(t, tr, "alice", "proxy", "ACK", 1); topVia(t, ack).Branch() != topVia(t, one(t, tr, "alice", "proxy", "INVITE", 1)).Branch() {
		t.Errorf("the ACK of the 407 must have the first INVITE's branch")
	}
}

// TestUnknownUser: the proxy answers 404 for a user the domain does not
// have, 480 for a user of the domain who has no binding (RFC 3261 §16.5),
// and says why.
func TestUnknownUser(t *testing.T) {
	tr := run(t, "unknown-user", 1)
	for _, c := range []struct {
		code, user, key, rfc string
	}{
		{"404", "carol", "node.location.unknown", "§21.4.5"},
		{"480", "bob", "node.location.unavailable", "§21.4.18"},
	} {
		es := matching(tr, "proxy", "alice", c.code)
		if len(es) != 1 {
			t.Fatalf("%d %s from the proxy, want 1", len(es), c.code)
		}
		m := parse(t, es[0])
		r := es[0].Reasons[0]
		if toOf(t, m).URI.User != c.user || r.Text.Key != c.key || !strings.Contains(r.RFC, c.rfc) {
			t.Errorf("%s to a call for %s, reason %s [%s]; want a call for %s, %s [%s]", c.code, toOf(t, m).URI, r.Text.Key, r.RFC, c.user, c.key, c.rfc)
		}
	}
}

// TestRegisterExpires: the lab's registrar (seed 003) grants 120 s for the
// 3600 asked, refuses 30 s with 423 and Min-Expires, and the phone registers
// again for the minimum (RFC 3261 §10.2.8, §10.3 step 7); the softphones'
// rport is filled in every response (RFC 3581 §4); the notes say what RFC
// 3261 did with Basic and PGP.
func TestRegisterExpires(t *testing.T) {
	tr := run(t, "register-expires", 1)
	granted := one(t, tr, "registrar", "phone-101", "200", 1)
	if asked := one(t, tr, "phone-101", "registrar", "REGISTER", 2).Get("Expires"); asked != "3600" ||
		!strings.HasSuffix(granted.Get("Contact"), ";expires=120") {
		t.Errorf("asked %s, 200 Contact %q: want 3600 asked and 120 granted", asked, granted.Get("Contact"))
	}
	brief := one(t, tr, "registrar", "phone-100", "423", 1)
	again := one(t, tr, "phone-100", "registrar", "REGISTER", 3)
	if brief.Get("Min-Expires") != "60" || again.Get("Expires") != "60" || again.Get("Proxy-Authorization") == "" ||
		cseqOf(t, again).Seq != cseqOf(t, brief).Seq+1 || again.CallID() != brief.CallID() {
		t.Errorf("423 Min-Expires %q, then REGISTER CSeq %v Expires %q: want 60, the next CSeq, 60 s with credentials",
			brief.Get("Min-Expires"), cseqOf(t, again), again.Get("Expires"))
	}
	if ok := one(t, tr, "registrar", "phone-100", "200", 1); !strings.HasSuffix(ok.Get("Contact"), ";expires=60") {
		t.Errorf("the last 200 Contact %q, want expires=60", ok.Get("Contact"))
	}
	for _, e := range messages(tr) {
		m := parse(t, e)
		if e.From != "registrar" || m.IsRequest() {
			continue
		}
		v, _ := m.TopVia()
		port := strings.TrimPrefix(tr.Node(e.To).Address, v.Received()+":")
		if rp, _ := v.RPort(); rp != port || v.Received() == "" {
			t.Errorf("#%d %s: Via %v, want rport=%s and received filled", e.Seq, m.StartLine(), v, port)
		}
	}
	var en, zh string
	for _, e := range messages(tr) {
		for _, n := range e.Notes {
			en, zh = en+n.EN, zh+n.ZH
		}
	}
	for _, s := range []string{"§22.1 forbids Basic", "S/MIME", "§23", "TLS"} {
		if !strings.Contains(en, s) {
			t.Errorf("no English note says %q", s)
		}
	}
	for _, s := range []string{"§22.1 禁止", "Basic", "S/MIME", "§23", "TLS"} {
		if !strings.Contains(zh, s) {
			t.Errorf("no Chinese note says %q", s)
		}
	}
}

// TestEveryRegistrationIsDated: every 200 to a REGISTER, in every lesson,
// carries the registrar's Date (RFC 3261 §10.3 step 8), from the virtual
// clock: 2026-01-01 plus the time of the run.
func TestEveryRegistrationIsDated(t *testing.T) {
	n := 0
	for _, l := range All() {
		tr := run(t, l.ID, 1)
		for _, e := range messages(tr) {
			if corrupted(e) || e.Retransmission {
				continue // a retransmission repeats the first 200's bytes, Date included (§17.2.2)
			}
			m := parse(t, e)
			if m.IsRequest() || m.StatusCode != 200 || cseqOf(t, m).Method != sip.REGISTER {
				continue
			}
			n++
			d := m.Get("Date")
			at := sim.Epoch.Add(e.At)
			if d != at.Format(sip.DateLayout) && d != at.Format(sip.GB28181DateLayout) {
				t.Errorf("%s #%d: 200 to REGISTER at %v has Date %q", l.ID, e.Seq, at, d)
			}
		}
	}
	if n < 10 {
		t.Errorf("only %d registrations in the catalogue", n)
	}
}

// TestSeedDigests: the three digests of the course material (seeds 000,
// 002, 003), computed from the inputs the seeds show, are the values the
// lessons quote in both languages; where a seed truncated a hash, the lesson
// quotes the truncated form too.
func TestSeedDigests(t *testing.T) {
	text := func(id string) (en, zh string) {
		l, err := Find(id)
		if err != nil {
			t.Fatal(err)
		}
		en, zh = l.Intro.EN, l.Intro.ZH
		for _, n := range l.Notes {
			en, zh = en+n.Text.EN, zh+n.Text.ZH
		}
		return en, zh
	}
	for _, c := range []struct {
		lesson string
		in     sip.DigestInput
		seed   string   // the response the seed shows ("" when it shows none)
		quoted []string // what else the lesson quotes: HA1, HA2, a seed's truncated HA2
	}{
		{"digest-register", sip.DigestInput{Username: "1015", Realm: "www.freeswitch.com", Password: "1234", Method: "REGISTER",
			URI: "sip:www.freeswitch.com", Nonce: "3135ef65-3466-4f70-8035-ec70ff10ae75", QOP: "auth", NC: "00000001",
			CNonce: "be28d6ed344661886ad93c8504358936"}, "", []string{"fe7632dead0ef79b9f1b0bde9d71ac7a", "357860fa5d775b1ec660c952831a065f", "357860fa5d775b1ec660c952831a065"}},
		{"gb28181-register", sip.DigestInput{Username: "34020000001320000003", Realm: "34020000", Password: "12345678",
			Method: "REGISTER", URI: "sip:192.168.35.165:5060", Nonce: "1616570703"}, "9c75261f524d20d385f1371c7a077505", nil},
		{"register-expires", sip.DigestInput{Username: "101", Realm: "myvoipapp.com", Password: "101",
			Method: "REGISTER", URI: "sip:192.168.1.132", Nonce: "18bf67854ae23d6d2cd772af69535f91"}, "581842f465276cd5fa908061d7bf2f69", nil},
	} {
		st, err := sip.ComputeDigest(c.in)
		if err != nil {
			t.Fatal(err)
		}
		if c.seed != "" && st.Response != c.seed {
			t.Errorf("%s: the seed's inputs give %s, not the seed's %s", c.lesson, st.Response, c.seed)
		}
		en, zh := text(c.lesson)
		for _, s := range append(c.quoted, st.Response) {
			if !strings.Contains(en, s) || !strings.Contains(zh, s) {
				t.Errorf("%s does not quote %s in both languages", c.lesson, s)
			}
		}
		for _, q := range c.quoted {
			if !strings.HasPrefix(st.HA1, q) && !strings.HasPrefix(st.HA2, q) {
				t.Errorf("%s quotes %s, which is neither HA1 %s nor a truncated HA2 %s", c.lesson, q, st.HA1, st.HA2)
			}
		}
	}
}

// TestClosest: an unknown id suggests the built-in id it was likely meant
// to be, and nothing when none is close.
func TestClosest(t *testing.T) {
	for id, want := range map[string]string{
		"proxy-cal":        "proxy-call",
		"Proxy-Call":       "proxy-call",
		"proxycall":        "proxy-call",
		"lost-invit":       "lost-invite",
		"regsiter":         "register",
		"gb28181-registr":  "gb28181-register",
		"gb28181-keepalve": "gb28181-keepalive",
		"gb28181-catalg":   "gb28181-catalog",
		"no-such-one":      "",
		"x":                "",
		"":                 "",
	} {
		_, err := Find(id)
		var unknown *UnknownLessonError
		if !errors.As(err, &unknown) {
			t.Fatalf("Find(%q) = %v, want an UnknownLessonError", id, err)
		}
		if got := unknown.Closest(); got != want {
			t.Errorf("Closest(%q) = %q, want %q", id, got, want)
		}
	}
	if d := editDistance("kitten", "sitting"); d != 3 {
		t.Errorf("editDistance(kitten, sitting) = %d, want 3", d)
	}
}
