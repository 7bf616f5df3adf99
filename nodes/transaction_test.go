package nodes

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// The four state machines of RFC 3261 §17 and the matching rules of
// §17.1.3 and §17.2.3, seen from the trace and from the TU.

// §17.1.1.2: a 2xx ends the INVITE client transaction at once; the TU, not
// the transaction, sends the ACK.
func TestInviteClient2xxEndsTransaction(t *testing.T) {
	for _, tr := range []sim.Transport{sim.UDP, sim.TCP} {
		t.Run(tr.String(), func(t *testing.T) {
			h := newTxHarness(t, tr)
			h.answer([]int{sip.StatusRinging, sip.StatusOK}, times(0, 100))
			tx := h.start(h.request(sip.INVITE))
			h.run()

			arrive := msec(120)
			var codes []int
			for _, c := range h.responses {
				codes = append(codes, c.in.Msg.StatusCode)
			}
			if !slices.Equal(codes, []int{180, 200}) || h.responses[1].at != arrive {
				t.Errorf("TU got %v at %v, want [180 200], the 200 at %v", codes, callTimes(h.responses), arrive)
			}
			names, at := h.states("alice", tx.Branch)
			if !slices.Equal(names, []string{"Calling", "Proceeding", "Terminated"}) || at[len(at)-1] != arrive {
				t.Errorf("states %v at %v, want Calling, Proceeding, Terminated at %v", names, at, arrive)
			}
			if acks := h.messages(msgMatch{from: "alice", method: sip.ACK}); len(acks) != 0 {
				t.Errorf("the transaction sent %d ACKs for a 2xx, want none (§13.2.2.4: the TU does)", len(acks))
			}
			if got := h.timerFired("alice", "D"); len(got) != 0 {
				t.Errorf("Timer D fired at %v after a 2xx", got)
			}
			if len(h.alice.clients) != 0 {
				t.Error("the transaction is still registered")
			}
			// §17.2.1: bob's transaction ends as soon as it sends the 2xx.
			names, at = h.states("bob", tx.Branch)
			if !slices.Equal(names, []string{"Proceeding", "Terminated"}) || at[len(at)-1] != msec(110) {
				t.Errorf("bob's states %v at %v, want Proceeding, Terminated at 110ms", names, at)
			}
			if len(h.bob.servers) != 0 {
				t.Error("bob's transaction is still registered")
			}
		})
	}
}

// §17.1.1.3: the ACK of a 3xx–6xx belongs to the INVITE transaction: one
// Via equal to the INVITE's top Via (same branch), the same Request-URI,
// Call-ID, From, CSeq number and Route, method ACK, and the To of the
// response, with its tag. The TU gets the response; bob's TU never sees
// that ACK.
func TestInviteClientACKsNon2xx(t *testing.T) {
	for _, code := range []int{302, 404, 486, 500, 603} {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			h := newTxHarness(t, sim.UDP)
			var acked int
			h.bobTU.onRequest = func(in *Incoming, tx *ServerTx) {
				if tx == nil {
					t.Errorf("bob's TU got an ACK outside a transaction")
					return
				}
				tx.OnACK = func(*ServerTx, *Incoming) { acked++ }
				h.respond(tx, code, 0)
			}
			req := h.request(sip.INVITE)
			req.Add("Route", "<sip:proxy.atlanta.example.com;lr>")
			h.start(req)
			h.run()

			finals := h.messages(msgMatch{from: "bob", code: code})
			acks := h.messages(msgMatch{from: "alice", method: sip.ACK})
			if len(finals) != 1 || len(acks) != 1 {
				t.Fatalf("%d finals and %d ACKs, want 1 and 1", len(finals), len(acks))
			}
			if acks[0].At != finals[0].Arrive || acks[0].Cause != finals[0].Seq || acks[0].Retransmission {
				t.Errorf("ACK at %v, cause #%d, retransmission %v; want at %v, cause #%d, first copy",
					acks[0].At, acks[0].Cause, acks[0].Retransmission, finals[0].Arrive, finals[0].Seq)
			}
			ack, resp := h.parsed(acks[0]), h.parsed(finals[0])
			vias := ack.Values("Via")
			top, _ := req.TopVia()
			ackVia, _ := ack.TopVia()
			for _, c := range []struct{ what, got, want string }{
				{"Request-URI", ack.RequestURI.String(), req.RequestURI.String()},
				{"Via count", strconv.Itoa(len(vias)), "1"},
				{"Via", ackVia.String(), top.String()},
				{"branch", ackVia.Branch(), top.Branch()},
				{"Call-ID", ack.CallID(), req.CallID()},
				{"From", ack.Get("From"), req.Get("From")},
				{"To", ack.Get("To"), resp.Get("To")},
				{"CSeq", ack.Get("CSeq"), "101 ACK"},
				{"Route", ack.Get("Route"), req.Get("Route")},
			} {
				if c.got != c.want {
					t.Errorf("ACK %s = %q, want %q", c.what, c.got, c.want)
				}
			}
			if to, _ := ack.To(); to.Tag() != bobTag {
				t.Errorf("ACK To tag %q, want the response's %q", to.Tag(), bobTag)
			}
			if len(h.responses) != 1 || h.responses[0].in.Msg.StatusCode != code {
				t.Errorf("TU got %d responses, want the %d once", len(h.responses), code)
			}
			if acked != 1 || len(h.bobTU.requests) != 1 {
				t.Errorf("bob: OnACK %d times, TU %d requests; want 1 and 1 (the INVITE)", acked, len(h.bobTU.requests))
			}
		})
	}
}

// §17.1.1.2: in Completed, each retransmission of the final response is
// ACKed again and not passed up to the TU.
func TestInviteClientRetransmittedFinal(t *testing.T) {
	for _, tc := range []struct {
		lost int
		acks []time.Duration
	}{
		{1, times(20, 520)},
		{2, times(20, 520, 1520)},
	} {
		t.Run(strconv.Itoa(tc.lost)+" ACKs lost", func(t *testing.T) {
			h := newTxHarness(t, sim.UDP)
			h.drop(msgMatch{from: "alice", method: sip.ACK}, tc.lost)
			h.answer([]int{sip.StatusNotFound}, times(0))
			h.start(h.request(sip.INVITE))
			h.run()

			acks := h.messages(msgMatch{from: "alice", method: sip.ACK})
			finals := h.messages(msgMatch{from: "bob", code: sip.StatusNotFound})
			assertTimes(t, "ACKs", eventTimes(acks), tc.acks)
			if len(acks) != len(finals) {
				t.Fatalf("%d ACKs for %d copies of the 404", len(acks), len(finals))
			}
			for i, a := range acks {
				if a.Cause != finals[i].Seq || a.Retransmission != (i > 0) || a.Raw != acks[0].Raw {
					t.Errorf("ACK #%d: cause #%d (want #%d), retransmission %v, same bytes %v",
						a.Seq, a.Cause, finals[i].Seq, a.Retransmission, a.Raw == acks[0].Raw)
				}
			}
			if len(h.responses) != 1 {
				t.Errorf("TU got the 404 %d times, want once", len(h.responses))
			}
		})
	}
}

// §17.2.1: a retransmitted INVITE is absorbed by the server transaction:
// in Proceeding it gets the last provisional response again, in Completed
// the final response; the TU never sees it.
func TestInviteServerRetransmittedInvite(t *testing.T) {
	type sent struct {
		code    int
		at      time.Duration
		retrans bool
	}
	for _, tc := range []struct {
		name  string
		codes []int
		after []time.Duration
		lost  int // the first response of this code is lost
		want  []sent
	}{
		{"Proceeding, the 100 again", nil, nil, 100,
			[]sent{{100, msec(210), false}, {100, msec(510), true}}},
		{"Proceeding, the 180 again", []int{180}, times(0), 180,
			[]sent{{180, msec(10), false}, {180, msec(510), true}}},
		{"Completed, the final again", []int{486}, times(90), 486,
			[]sent{{486, msec(100), false}, {486, msec(510), true}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newTxHarness(t, sim.UDP)
			h.drop(msgMatch{from: "bob", code: tc.lost}, 1)
			h.answer(tc.codes, tc.after)
			h.start(h.request(sip.INVITE))
			h.run()

			invites := h.messages(msgMatch{from: "alice", method: sip.INVITE})
			if len(invites) != 2 || invites[1].At != T1 {
				t.Fatalf("alice sent the INVITE at %v, want at 0 and 500ms", eventTimes(invites))
			}
			var got []sent
			var again sim.Event
			for _, e := range h.messages(msgMatch{from: "bob"}) {
				got = append(got, sent{h.parsed(e).StatusCode, e.At, e.Retransmission})
				if e.Retransmission {
					again = e
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("bob sent %v, want %v", got, tc.want)
			}
			if again.Cause != invites[1].Seq {
				t.Errorf("the response sent again has cause #%d, want #%d (the retransmitted INVITE)", again.Cause, invites[1].Seq)
			}
			absorbed := h.events(sim.EventNote, "bob", "node.tx.absorbed", "INVITE")
			assertTimes(t, "absorbed", eventTimes(absorbed), times(510))
			if len(h.bobTU.requests) != 1 {
				t.Errorf("bob's TU got %d requests, want 1", len(h.bobTU.requests))
			}
		})
	}
}

// §17.2.1: in Confirmed, a further ACK is absorbed; the TU hears of the
// first one only.
func TestInviteServerAbsorbsACKInConfirmed(t *testing.T) {
	h := newTxHarness(t, sim.UDP)
	h.s.Net.AddFilter(sim.FilterFunc(func(p *sim.Packet, ctx sim.FilterContext) sim.Verdict {
		if m, err := sip.Parse(p.Data); err == nil && m.Method == sip.ACK {
			return sim.Duplicate(1, sim.Lit("test: ACK duplicated"))
		}
		return sim.Pass()
	}))
	var acks int
	h.bobTU.onRequest = func(in *Incoming, tx *ServerTx) {
		if tx == nil {
			t.Errorf("bob's TU got an ACK outside a transaction")
			return
		}
		tx.OnACK = func(*ServerTx, *Incoming) { acks++ }
		h.respond(tx, sip.StatusBusyHere, 0)
	}
	h.start(h.request(sip.INVITE))
	h.run()

	if n := len(h.messages(msgMatch{from: "alice", method: sip.ACK})); n != 2 {
		t.Fatalf("%d ACK events, want the ACK and its duplicate", n)
	}
	if acks != 1 {
		t.Errorf("OnACK called %d times, want once", acks)
	}
	absorbed := h.events(sim.EventNote, "bob", "node.tx.absorbed", "ACK")
	assertTimes(t, "absorbed ACK", eventTimes(absorbed), times(30))
}

// §17.2.2: a retransmitted non-INVITE request is absorbed silently in
// Trying, and answered with the last response in Proceeding and Completed.
func TestNonInviteServerRetransmittedRequest(t *testing.T) {
	type sent struct {
		code    int
		at      time.Duration
		retrans bool
	}
	for _, tc := range []struct {
		name     string
		codes    []int
		after    []time.Duration
		lost     int // the first response of this code is lost (0: none)
		absorbed []time.Duration
		want     []sent
	}{
		{"Trying: silence", []int{200}, times(2000), 0, times(510, 1510),
			[]sent{{200, msec(2010), false}}},
		{"Proceeding: the 1xx again", []int{100, 200}, times(0, 1000), 0, times(510),
			[]sent{{100, msec(10), false}, {100, msec(510), true}, {200, msec(1010), false}}},
		{"Completed: the final again", []int{200}, times(0), 200, times(510),
			[]sent{{200, msec(10), false}, {200, msec(510), true}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newTxHarness(t, sim.UDP)
			if tc.lost != 0 {
				h.drop(msgMatch{from: "bob", code: tc.lost}, 1)
			}
			h.answer(tc.codes, tc.after)
			h.start(h.request(sip.OPTIONS))
			h.run()

			var got []sent
			for _, e := range h.messages(msgMatch{from: "bob"}) {
				got = append(got, sent{h.parsed(e).StatusCode, e.At, e.Retransmission})
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("bob sent %v, want %v", got, tc.want)
			}
			absorbed := h.events(sim.EventNote, "bob", "node.tx.absorbed", "OPTIONS")
			assertTimes(t, "absorbed", eventTimes(absorbed), tc.absorbed)
			if len(h.bobTU.requests) != 1 {
				t.Errorf("bob's TU got %d requests, want 1", len(h.bobTU.requests))
			}
			if finals := h.responses[len(h.responses)-1]; finals.in.Msg.StatusCode != 200 {
				t.Errorf("alice's TU got %d last, want 200", finals.in.Msg.StatusCode)
			}
		})
	}
}

// §17.1.3: a response matches a client transaction by the branch of its
// top Via and the method of its CSeq, and by nothing else; one that matches
// none goes to the core as a stray.
func TestClientResponseMatching(t *testing.T) {
	for _, tc := range []struct {
		name    string
		change  func(r *sip.Message)
		matches bool
	}{
		{"same branch and method", func(*sip.Message) {}, true},
		{"same branch and method, other CSeq number", func(r *sip.Message) { r.Set("CSeq", "7 INVITE") }, true},
		{"other branch", func(r *sip.Message) {
			v, _ := r.TopVia()
			v.Params = v.Params.Set("branch", sip.MagicCookie+"other")
			r.SetTopVia(v)
		}, false},
		{"other CSeq method", func(r *sip.Message) { r.Set("CSeq", "101 CANCEL") }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newTxHarness(t, sim.UDP)
			h.drop(msgMatch{from: "bob", code: sip.StatusTrying}, -1)
			var ringing *sip.Message
			h.bobTU.onRequest = func(in *Incoming, tx *ServerTx) {
				// Bypass bob's transaction to send a response of our making.
				ringing = h.response(in.Msg, sip.StatusRinging)
				tc.change(ringing)
				h.bob.SendRaw(h.alice.Addr(), ringing, Out{Cause: in.Seq})
			}
			tx := h.start(h.request(sip.INVITE))
			h.run()

			retrans := h.messages(msgMatch{from: "alice", method: sip.INVITE})[1:]
			if tc.matches {
				if len(h.responses) != 1 || len(h.aliceTU.strays) != 0 || tx.State != Proceeding {
					t.Errorf("passed up %d, strays %d, state %v; want the 180 passed up, Proceeding",
						len(h.responses), len(h.aliceTU.strays), tx.State)
				}
				if len(retrans) != 0 {
					t.Errorf("INVITE retransmitted %d times after a matching 180", len(retrans))
				}
				return
			}
			if len(h.responses) != 0 || len(h.aliceTU.strays) != 1 {
				t.Fatalf("passed up %d, strays %d; want the 180 as a stray", len(h.responses), len(h.aliceTU.strays))
			}
			if s := h.aliceTU.strays[0]; s.at != 2*txLatency || s.in.Msg.StatusCode != sip.StatusRinging {
				t.Errorf("stray %d at %v, want the 180 at %v", s.in.Msg.StatusCode, s.at, 2*txLatency)
			}
			// The transaction never saw it: still Calling until Timer B.
			assertTimes(t, "INVITE retransmissions", eventTimes(retrans), times(500, 1500, 3500, 7500, 15500, 31500))
			assertTimes(t, "OnTimeout", callTimes(h.timeouts), times(32000))
		})
	}
}

// §17.2.3: a request matches a server transaction by the branch and sent-by
// of its top Via and by its method; anything else is a new transaction.
func TestServerRequestMatching(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(h *txHarness, m *sip.Message)
		same   bool
	}{
		{"identical copy", func(*txHarness, *sip.Message) {}, true},
		{"other branch", func(h *txHarness, m *sip.Message) {
			v, _ := m.TopVia()
			v.Params = v.Params.Set("branch", h.alice.NewBranch())
			m.SetTopVia(v)
		}, false},
		{"other sent-by", func(h *txHarness, m *sip.Message) {
			v, _ := m.TopVia()
			v.Port = 5062
			m.SetTopVia(v)
		}, false},
		{"other method", func(h *txHarness, m *sip.Message) {
			m.Method = sip.INFO
			m.Set("CSeq", "101 INFO")
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newTxHarness(t, sim.UDP)
			first := h.request(sip.OPTIONS)
			second := first.Clone()
			tc.change(h, second)
			h.alice.SendRaw(h.bob.Addr(), first, Out{})
			h.s.After(msec(100), func() { h.alice.SendRaw(h.bob.Addr(), second, Out{}) })
			h.run()

			reqs := h.bobTU.requests
			if tc.same {
				if len(reqs) != 1 {
					t.Errorf("bob's TU got %d requests, want 1: the copy belongs to the transaction", len(reqs))
				}
				return
			}
			if len(reqs) != 2 || reqs[0].server == nil || reqs[1].server == nil || reqs[0].server == reqs[1].server {
				t.Fatalf("bob's TU got %d requests, want 2 in two transactions", len(reqs))
			}
			if len(h.bob.servers) != 2 {
				t.Errorf("%d server transactions, want 2", len(h.bob.servers))
			}
		})
	}
}

// §17.2.3, §13.2.2.4: the ACK of a 2xx has a branch of its own and matches
// no transaction; it goes to the core with tx == nil. A 2xx retransmitted
// after the client transaction ended goes to the core as a stray.
func TestACKFor2xxReachesCore(t *testing.T) {
	h := newTxHarness(t, sim.UDP)
	h.answer([]int{sip.StatusOK}, times(0))
	req := h.request(sip.INVITE)
	h.onResponse = func(tx *ClientTx, in *Incoming) {
		if in.Msg.StatusCode != sip.StatusOK {
			return
		}
		ack := sip.NewRequest(sip.ACK, req.RequestURI)
		ack.Add("Via", h.alice.NewVia(h.bob.Addr()).String())
		ack.Add("Max-Forwards", "70")
		ack.Add("From", req.Get("From"))
		ack.Add("To", in.Msg.Get("To"))
		ack.Add("Call-ID", req.CallID())
		ack.Add("CSeq", "101 ACK")
		h.alice.SendRaw(h.bob.Addr(), ack, Out{Cause: in.Seq})
	}
	h.start(req)
	// Bob's core retransmits the 2xx (§13.3.1.4), as if its ACK were late.
	h.s.After(msec(1000), func() {
		ok := h.messages(msgMatch{from: "bob", code: sip.StatusOK})[0]
		h.bob.SendRaw(h.alice.Addr(), h.parsed(ok), Out{Cause: ok.Seq, Retransmission: true})
	})
	h.run()

	reqs := h.bobTU.requests
	if len(reqs) != 2 || reqs[0].server == nil || reqs[1].in.Msg.Method != sip.ACK || reqs[1].server != nil {
		t.Fatalf("bob's TU got %d requests, want the INVITE in a transaction and the ACK with tx == nil", len(reqs))
	}
	if reqs[1].at != msec(30) {
		t.Errorf("ACK reached the core at %v, want 30ms", reqs[1].at)
	}
	if len(h.responses) != 1 {
		t.Errorf("the 200 was passed up %d times by the transaction, want once", len(h.responses))
	}
	strays := h.aliceTU.strays
	if len(strays) != 1 || strays[0].at != msec(1010) || strays[0].in.Msg.StatusCode != sip.StatusOK {
		t.Errorf("strays at %v, want the retransmitted 200 at 1.01s", callTimes(strays))
	}
}

// §9.2, §17.2.3: a CANCEL has the INVITE's branch but its own server
// transaction (the method differs); ServerInvite finds the INVITE's by the
// same branch and sent-by.
func TestCancelMatchesInviteByBranch(t *testing.T) {
	h := newTxHarness(t, sim.UDP)
	var invite, cancel *ServerTx
	var found *ServerTx
	h.bobTU.onRequest = func(in *Incoming, tx *ServerTx) {
		switch in.Msg.Method {
		case sip.INVITE:
			invite = tx
			h.respond(tx, sip.StatusRinging, 0)
		case sip.CANCEL:
			cancel = tx
			v, _ := in.Msg.TopVia()
			found = h.bob.ServerInvite(v.Branch(), v.SentBy())
			if other := h.bob.ServerInvite(sip.MagicCookie+"nosuch", v.SentBy()); other != nil {
				t.Error("ServerInvite found a transaction for an unknown branch")
			}
			h.respond(tx, sip.StatusOK, 0)
			if found != nil {
				h.respond(found, sip.StatusRequestTerminated, 0)
			}
		}
	}
	var ctx *ClientTx
	var cancelTx *ClientTx
	h.onResponse = func(tx *ClientTx, in *Incoming) {
		if tx == ctx && in.Msg.StatusCode == sip.StatusRinging {
			cancelTx = h.start(tx.Cancel())
			if len(h.alice.clients) != 2 {
				t.Errorf("%d client transactions, want the INVITE's and the CANCEL's", len(h.alice.clients))
			}
		}
	}
	ctx = h.start(h.request(sip.INVITE))
	h.run()

	if invite == nil || cancel == nil {
		t.Fatal("bob's TU did not get both the INVITE and the CANCEL")
	}
	if cancel == invite || cancel.Method != sip.CANCEL {
		t.Errorf("the CANCEL shares the INVITE's transaction")
	}
	if found != invite {
		t.Errorf("ServerInvite found %v, want the INVITE's transaction", found)
	}
	if cancelTx == nil || cancelTx.Branch != ctx.Branch {
		t.Fatalf("the CANCEL's branch is not the INVITE's")
	}
	got := map[*ClientTx][]int{}
	for _, c := range h.responses {
		got[c.client] = append(got[c.client], c.in.Msg.StatusCode)
	}
	if !slices.Equal(got[ctx], []int{180, 487}) || !slices.Equal(got[cancelTx], []int{200}) {
		t.Errorf("INVITE got %v, CANCEL got %v; want [180 487] and [200]", got[ctx], got[cancelTx])
	}
	acks := h.messages(msgMatch{from: "alice", method: sip.ACK})
	if len(acks) != 1 {
		t.Fatalf("%d ACKs, want 1 for the 487", len(acks))
	}
	if v, _ := h.parsed(acks[0]).TopVia(); v.Branch() != ctx.Branch {
		t.Errorf("the ACK of the 487 has branch %s, want %s", v.Branch(), ctx.Branch)
	}
	if len(h.alice.clients) != 0 || len(h.bob.servers) != 0 {
		t.Errorf("%d client and %d server transactions left", len(h.alice.clients), len(h.bob.servers))
	}
}

// Each transaction records its states as state events with the RFC's
// names (Figures 5–8), the branch in the notes.
func TestTransactionStateEvents(t *testing.T) {
	for _, tc := range []struct {
		method     string
		codes      []int
		client     []string
		server     []string
		clientKind string // the state events' key
		serverKind string
	}{
		{sip.INVITE, []int{180, 486},
			[]string{"Calling", "Proceeding", "Completed", "Terminated"},
			[]string{"Proceeding", "Completed", "Confirmed", "Terminated"},
			"node.tx.ict.state", "node.tx.ist.state"},
		{sip.OPTIONS, []int{100, 200},
			[]string{"Trying", "Proceeding", "Completed", "Terminated"},
			[]string{"Trying", "Proceeding", "Completed", "Terminated"},
			"node.tx.nict.state", "node.tx.nist.state"},
	} {
		t.Run(tc.method, func(t *testing.T) {
			h := newTxHarness(t, sim.UDP)
			h.answer(tc.codes, times(0, 100))
			tx := h.start(h.request(tc.method))
			h.run()

			if names, _ := h.states("alice", tx.Branch); !slices.Equal(names, tc.client) {
				t.Errorf("client states %v, want %v", names, tc.client)
			}
			if names, _ := h.states("bob", tx.Branch); !slices.Equal(names, tc.server) {
				t.Errorf("server states %v, want %v", names, tc.server)
			}
			for node, key := range map[string]string{"alice": tc.clientKind, "bob": tc.serverKind} {
				evs := h.events(sim.EventState, node, "")
				if len(evs) == 0 || len(h.events(sim.EventState, node, key, tc.method)) != len(evs) {
					t.Errorf("%s: state events %v, want each to be %s(%s, …)", node, evs, key, tc.method)
				}
			}
		})
	}
}

// §17.2.1, §17.2.2: once the final response is sent, the server
// transaction discards anything more its TU passes down.
func TestServerDiscardsResponsesAfterFinal(t *testing.T) {
	for _, tc := range []struct {
		method string
		codes  []int // the first is the final response
	}{
		{sip.INVITE, []int{486, 603, 180}},
		{sip.OPTIONS, []int{200, 500, 100}},
	} {
		t.Run(tc.method, func(t *testing.T) {
			h := newTxHarness(t, sim.UDP)
			var seqs []int
			h.bobTU.onRequest = func(in *Incoming, tx *ServerTx) {
				for _, code := range tc.codes {
					seqs = append(seqs, tx.Respond(h.response(tx.Request, code), Out{}))
				}
			}
			h.start(h.request(tc.method))
			h.run()

			sent := h.messages(msgMatch{from: "bob"})
			if len(sent) != 1 || h.parsed(sent[0]).StatusCode != tc.codes[0] {
				t.Fatalf("bob sent %d responses, want the %d only", len(sent), tc.codes[0])
			}
			if !slices.Equal(seqs, []int{sent[0].Seq, 0, 0}) {
				t.Errorf("Respond returned %v, want [%d 0 0]", seqs, sent[0].Seq)
			}
		})
	}
}

// §17.2.3: a request whose branch lacks the magic cookie comes from an RFC
// 2543 element, and is matched by its other fields; its ACK (CSeq method
// ACK, To with the response's tag) must still find the INVITE transaction,
// or the 486 would be retransmitted until Timer H.
func TestRFC2543ACKMatchesInviteTransaction(t *testing.T) {
	for _, tc := range []struct{ name, via string }{
		{"no branch", "SIP/2.0/UDP alice.atlanta.example.com:5060"},
		{"branch without the cookie", "SIP/2.0/UDP alice.atlanta.example.com:5060;branch=1a2b3c"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newTxHarness(t, sim.UDP)
			var acks int
			h.bobTU.onRequest = func(in *Incoming, tx *ServerTx) {
				if tx == nil {
					t.Errorf("bob's TU got the %s outside a transaction", in.Msg.Method)
					return
				}
				tx.OnACK = func(*ServerTx, *Incoming) { acks++ }
				h.respond(tx, sip.StatusBusyHere, 0)
			}
			invite := h.request(sip.INVITE)
			invite.Set("Via", tc.via)
			h.alice.SendRaw(h.bob.Addr(), invite, Out{})
			h.s.After(msec(20), func() {
				resp := h.parsed(h.messages(msgMatch{from: "bob", code: sip.StatusBusyHere})[0])
				ack := sip.NewRequest(sip.ACK, invite.RequestURI)
				for _, name := range []string{"Via", "Max-Forwards", "From"} {
					ack.Add(name, invite.Get(name))
				}
				ack.Add("To", resp.Get("To"))
				ack.Add("Call-ID", invite.CallID())
				ack.Add("CSeq", "101 ACK")
				h.alice.SendRaw(h.bob.Addr(), ack, Out{})
			})
			h.run()

			if acks != 1 || len(h.bobTU.requests) != 1 {
				t.Errorf("OnACK %d times, bob's TU %d requests; want 1 and 1 (the INVITE)", acks, len(h.bobTU.requests))
			}
			if n := len(h.messages(msgMatch{from: "bob", code: sip.StatusBusyHere})); n != 1 {
				t.Errorf("bob sent the 486 %d times, want once: the ACK should stop Timer G", n)
			}
		})
	}
}

// §17.1.1.2, §17.1.2.2: in Completed, a client transaction absorbs copies
// of the final response; the TU sees the first one only (the INVITE
// transaction ACKs each copy).
func TestClientAbsorbsFinalInCompleted(t *testing.T) {
	for _, tc := range []struct {
		method string
		code   int
		acks   int
	}{
		{sip.INVITE, sip.StatusBusyHere, 2},
		{sip.OPTIONS, sip.StatusOK, 0},
	} {
		t.Run(tc.method, func(t *testing.T) {
			h := newTxHarness(t, sim.UDP)
			h.s.Net.AddFilter(sim.FilterFunc(func(p *sim.Packet, ctx sim.FilterContext) sim.Verdict {
				if m, err := sip.Parse(p.Data); err == nil && m.StatusCode == tc.code {
					return sim.Duplicate(1, sim.Lit("test: final response duplicated"))
				}
				return sim.Pass()
			}))
			h.answer([]int{tc.code}, times(0))
			h.start(h.request(tc.method))
			h.run()

			if n := len(h.messages(msgMatch{from: "bob", code: tc.code})); n != 2 {
				t.Fatalf("%d copies of the %d, want 2", n, tc.code)
			}
			if len(h.responses) != 1 {
				t.Errorf("TU got the %d %d times, want once", tc.code, len(h.responses))
			}
			if n := len(h.messages(msgMatch{from: "alice", method: sip.ACK})); n != tc.acks {
				t.Errorf("alice sent %d ACKs, want %d", n, tc.acks)
			}
		})
	}
}
