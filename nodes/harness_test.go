package nodes

import (
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// The harness of the transaction-layer tests (RFC 3261 §17): two elements,
// alice (the client side) and bob (the server side), on one link with a
// 10 ms one-way latency. Their cores are test doubles that record what the
// transaction layer hands up to its user (the TU), so the tests see the
// transactions alone, without a UA or a proxy deciding anything.

// txLatency is the one-way delay of the alice–bob link.
const txLatency = 10 * time.Millisecond

// bobTag is the To tag of every response bob's TU sends (§8.2.6.2).
const bobTag = "b0b7a9"

// msec is n milliseconds of virtual time.
func msec(n int) time.Duration { return time.Duration(n) * time.Millisecond }

// tuCall is one call from the transaction layer up to a TU.
type tuCall struct {
	at     time.Duration
	in     *Incoming
	server *ServerTx // Core.Request: the server transaction, nil for a stray ACK
	client *ClientTx // OnResponse, OnTimeout: the client transaction
}

// tuRecorder is a Core that records every request and stray response the
// transaction layer passes up, and lets a test script the TU's reaction.
type tuRecorder struct {
	s         *sim.Sim
	requests  []tuCall
	strays    []tuCall
	onRequest func(in *Incoming, tx *ServerTx)
}

func (r *tuRecorder) Request(in *Incoming, tx *ServerTx) {
	r.requests = append(r.requests, tuCall{at: r.s.Now(), in: in, server: tx})
	if r.onRequest != nil {
		r.onRequest(in, tx)
	}
}

func (r *tuRecorder) StrayResponse(in *Incoming) {
	r.strays = append(r.strays, tuCall{at: r.s.Now(), in: in})
}

// txHarness is a simulation with alice and bob, and what alice's client
// transactions passed up to her TU.
type txHarness struct {
	t              *testing.T
	s              *sim.Sim
	alice, bob     *Element
	aliceTU, bobTU *tuRecorder

	responses  []tuCall // OnResponse of alice's client transactions
	timeouts   []tuCall // OnTimeout of alice's client transactions
	onResponse func(tx *ClientTx, in *Incoming)
	cseq       uint32
}

// newTxHarness builds the network, its link using transport tr. When the
// test ends, every message of the trace must re-parse (assertAllParse),
// and a failed test logs the whole trace.
func newTxHarness(t *testing.T, tr sim.Transport) *txHarness {
	t.Helper()
	s := sim.New(1)
	h := &txHarness{t: t, s: s, cseq: 100}
	h.alice = NewElement(s, "alice", sim.KindUA, "alice.atlanta.example.com", "atlanta.example.com",
		netip.MustParseAddrPort("192.0.2.10:5060"))
	h.bob = NewElement(s, "bob", sim.KindUA, "bob.biloxi.example.com", "biloxi.example.com",
		netip.MustParseAddrPort("192.0.2.20:5060"))
	h.aliceTU = &tuRecorder{s: s}
	h.bobTU = &tuRecorder{s: s}
	h.alice.SetCore(h.aliceTU)
	h.bob.SetCore(h.bobTU)
	s.Net.Connect(h.alice.Host, h.bob.Host, sim.LinkConfig{Latency: txLatency, Transport: tr})
	t.Cleanup(func() {
		assertAllParse(t, s.Trace)
		if t.Failed() {
			dumpTrace(t, s.Trace)
		}
	})
	return h
}

// request builds a request from alice to bob outside any dialog (§8.1.1),
// with a fresh branch, Call-ID and From tag, and the next CSeq number.
func (h *txHarness) request(method string) *sip.Message {
	h.cseq++
	m := sip.NewRequest(method, sip.URI{Scheme: "sip", User: "bob", Host: "biloxi.example.com"})
	m.Add("Via", h.alice.NewVia(h.bob.Addr()).String())
	m.Add("Max-Forwards", "70")
	m.Add("From", "Alice <sip:alice@atlanta.example.com>;tag="+h.alice.NewTag())
	m.Add("To", "Bob <sip:bob@biloxi.example.com>")
	m.Add("Call-ID", h.alice.NewCallID())
	m.Add("CSeq", sip.CSeq{Seq: h.cseq, Method: method}.String())
	if method == sip.INVITE {
		m.Add("Contact", "<sip:alice@alice.atlanta.example.com>")
	}
	return m
}

// start sends req from alice to bob in a new client transaction.
func (h *txHarness) start(req *sip.Message) *ClientTx {
	return h.alice.StartClient(req, h.bob.Addr(), Out{}, h.gotResponse, h.gotTimeout)
}

func (h *txHarness) gotResponse(tx *ClientTx, in *Incoming) {
	h.responses = append(h.responses, tuCall{at: h.s.Now(), in: in, client: tx})
	if h.onResponse != nil {
		h.onResponse(tx, in)
	}
}

func (h *txHarness) gotTimeout(tx *ClientTx) {
	h.timeouts = append(h.timeouts, tuCall{at: h.s.Now(), client: tx})
}

// response builds bob's response to req; every response but 100 carries
// bob's To tag (§8.2.6.2).
func (h *txHarness) response(req *sip.Message, code int) *sip.Message {
	r := sip.NewResponse(req, code, "")
	if code > sip.StatusTrying {
		to, err := r.To()
		if err != nil {
			h.t.Fatalf("response %d: To: %v", code, err)
		}
		to.Params = to.Params.Set("tag", bobTag)
		r.Set("To", to.String())
	}
	return r
}

// respond makes tx answer code after d of virtual time (at once for 0).
func (h *txHarness) respond(tx *ServerTx, code int, d time.Duration) {
	send := func() { tx.Respond(h.response(tx.Request, code), Out{}) }
	if d == 0 {
		send()
		return
	}
	h.s.After(d, send)
}

// answer scripts bob's TU: each new request (not a stray ACK) is answered
// with codes[i] after delays[i].
func (h *txHarness) answer(codes []int, delays []time.Duration) {
	h.bobTU.onRequest = func(in *Incoming, tx *ServerTx) {
		if tx == nil {
			return
		}
		for i, code := range codes {
			h.respond(tx, code, delays[i])
		}
	}
}

// run runs the simulation to its end.
func (h *txHarness) run() {
	h.t.Helper()
	if err := h.s.Run(); err != nil {
		h.t.Fatal(err)
	}
}

// msgMatch selects messages: zero fields match anything.
type msgMatch struct {
	from      string // sending node
	to        string // receiving node
	method    string // a request with this method
	code      int    // a response with this status code
	responses bool   // any response
}

func (m msgMatch) matches(from, to string, msg *sip.Message) bool {
	switch {
	case m.from != "" && m.from != from:
		return false
	case m.to != "" && m.to != to:
		return false
	case m.method != "" && msg.Method != m.method:
		return false
	case m.code != 0 && msg.StatusCode != m.code:
		return false
	case m.responses && msg.IsRequest():
		return false
	}
	return true
}

// drop loses the first n messages that match (every one when n < 0). A
// reliable transport retries a drop, and the filter sees the retry as
// Attempt > 0: it is lost again only when every match is dropped.
func (h *txHarness) drop(m msgMatch, n int) {
	dropped := 0
	h.s.Net.AddFilter(sim.FilterFunc(func(p *sim.Packet, ctx sim.FilterContext) sim.Verdict {
		msg, err := sip.Parse(p.Data)
		if err != nil || !m.matches(ctx.From.Name, ctx.To.Name, msg) {
			return sim.Pass()
		}
		if n < 0 {
			return sim.Drop(sim.Lit("test: every match lost"))
		}
		if ctx.Attempt == 0 && dropped < n {
			dropped++
			return sim.Drop(sim.Lit("test: lost"))
		}
		return sim.Pass()
	}))
}

// messages returns the message events of the trace that match, in order.
func (h *txHarness) messages(m msgMatch) []sim.Event {
	var out []sim.Event
	for _, e := range h.s.Trace.Events {
		if e.Type != sim.EventMessage {
			continue
		}
		msg, err := sip.Parse([]byte(e.Raw))
		if err == nil && m.matches(e.From, e.To, msg) {
			out = append(out, e)
		}
	}
	return out
}

// parsed re-parses a message event.
func (h *txHarness) parsed(e sim.Event) *sip.Message {
	h.t.Helper()
	m, err := sip.Parse([]byte(e.Raw))
	if err != nil {
		h.t.Fatalf("event #%d does not parse: %v", e.Seq, err)
	}
	return m
}

// events returns the events of type typ at node whose summary is the
// catalog text key ("" for any) with args as its first arguments.
func (h *txHarness) events(typ sim.EventType, node, key string, args ...string) []sim.Event {
	var out []sim.Event
	for _, e := range h.s.Trace.Events {
		if e.Type == typ && e.Node == node && (key == "" || e.Summary.Key == key) && hasArgs(e.Summary, args) {
			out = append(out, e)
		}
	}
	return out
}

// hasArgs reports whether t's first arguments are the literals args.
func hasArgs(t sim.Text, args []string) bool {
	if len(t.Args) < len(args) {
		return false
	}
	for i, a := range args {
		if t.Args[i] != a {
			return false
		}
	}
	return true
}

// timerFired returns the times Timer letter fired at node: its events
// node.timer.*, whose first argument is the timer's letter.
func (h *txHarness) timerFired(node, letter string) []time.Duration {
	var fired []sim.Event
	for _, e := range h.events(sim.EventTimer, node, "") {
		if strings.HasPrefix(e.Summary.Key, "node.timer.") && hasArgs(e.Summary, []string{letter}) {
			fired = append(fired, e)
		}
	}
	return eventTimes(fired)
}

// states returns the state names, in order, that the transaction with the
// given branch went through at node, and the times it entered them. Each
// state event is node.tx.KIND.state(METHOD, From, To) with the branch as
// its note; the first state is taken from the first event, at time -1, and
// every transition must leave the state the previous one entered.
func (h *txHarness) states(node, branch string) ([]string, []time.Duration) {
	h.t.Helper()
	var names []string
	var at []time.Duration
	for _, e := range h.events(sim.EventState, node, "") {
		if !slices.ContainsFunc(e.Notes, func(n sim.Text) bool { return n.IsLiteral() && n.EN == branch }) {
			continue
		}
		if !strings.HasSuffix(e.Summary.Key, ".state") || len(e.Summary.Args) != 3 {
			h.t.Fatalf("state event #%d: no state in %v", e.Seq, e.Summary)
		}
		from, to := e.Summary.Args[1], e.Summary.Args[2]
		switch {
		case len(names) == 0:
			names, at = append(names, from), append(at, -1)
		case names[len(names)-1] != from:
			h.t.Errorf("state event #%d leaves %s, but the transaction was in %s", e.Seq, from, names[len(names)-1])
		}
		names = append(names, to)
		at = append(at, e.At)
	}
	return names, at
}

// enteredAt returns when the transaction with branch entered state at
// node, and false if it never did.
func (h *txHarness) enteredAt(node, branch string, state TxState) (time.Duration, bool) {
	names, at := h.states(node, branch)
	i := slices.Index(names, state.String())
	if i < 0 {
		return 0, false
	}
	return at[i], true
}

// eventTimes returns the At of each event.
func eventTimes(evs []sim.Event) []time.Duration {
	out := make([]time.Duration, 0, len(evs))
	for _, e := range evs {
		out = append(out, e.At)
	}
	return out
}

// callTimes returns the time of each TU call.
func callTimes(calls []tuCall) []time.Duration {
	out := make([]time.Duration, 0, len(calls))
	for _, c := range calls {
		out = append(out, c.at)
	}
	return out
}

// shift adds d to every time.
func shift(times []time.Duration, d time.Duration) []time.Duration {
	out := make([]time.Duration, len(times))
	for i, t := range times {
		out[i] = t + d
	}
	return out
}

// assertTimes compares two lists of virtual times exactly.
func assertTimes(t *testing.T, what string, got, want []time.Duration) {
	t.Helper()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s at %v, want %v", what, got, want)
	}
}

// assertAllParse checks that every message of the trace, delivered or
// dropped, re-parses with the codec that elements use.
func assertAllParse(t *testing.T, tr *sim.Trace) {
	t.Helper()
	for _, e := range tr.Events {
		if e.Type != sim.EventMessage {
			continue
		}
		if _, err := sip.Parse([]byte(e.Raw)); err != nil {
			t.Errorf("event #%d (%s) does not re-parse: %v\n%s", e.Seq, e.Summary, err, e.Raw)
		}
	}
}

// dumpTrace logs the trace, for a failing test.
func dumpTrace(t *testing.T, tr *sim.Trace) {
	t.Helper()
	for _, e := range tr.Events {
		t.Log(e.String())
	}
}
