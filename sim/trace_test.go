package sim

import (
	"bytes"
	"fmt"
	"net/netip"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/siplab/siplab/sim/golden"
)

// keys renders a text in the neutral form of Text.String: the engine's
// tests have no catalog (the views' catalog imports this package).
type keys struct{}

func (keys) Text(t Text) string { return t.String() }

// scenario runs a small network that exercises every kind of event: alice
// sends a request to bob through proxy, over a lossy UDP link and a lossy,
// jittery TCP one; alice retransmits on a T1 timer; proxy resolves bob's
// domain and also tries a host that is down; alice pings an address where
// nobody lives.
func scenario(seed uint64, loss float64) *Sim {
	s := New(seed)
	s.Trace.Lesson, s.Trace.Title = "engine-demo", Authored("A request through a proxy over lossy links", "经有损链路通过代理的请求")
	alice := s.Net.AddHost("alice", "ua", aliceAddr)
	proxy := s.Net.AddHost("proxy", "proxy", proxyAddr)
	bob := s.Net.AddHost("bob", "ua", bobAddr)
	carol := s.Net.AddHost("carol", "ua", netip.MustParseAddrPort("[2001:db8::30]:5060"))
	carol.Down = true
	s.Net.Connect(alice, proxy, LinkConfig{Latency: 20 * time.Millisecond, Jitter: 2 * time.Millisecond, Loss: loss})
	s.Net.Connect(proxy, bob, LinkConfig{Latency: 15 * time.Millisecond, Jitter: 5 * time.Millisecond, Loss: loss, Transport: TCP})
	s.DNS.AddDomain("biloxi.example.com", bobAddr)

	branch := fmt.Sprintf("z9hG4bK%08x", s.Rand().Uint32())
	request := "MESSAGE sip:bob@biloxi.example.com SIP/2.0\r\n" +
		"Via: SIP/2.0/UDP 192.0.2.10:5060;branch=" + branch + "\r\n" +
		"From: <sip:alice@atlanta.example.com>;tag=1\r\nTo: <sip:bob@biloxi.example.com>\r\n" +
		"Content-Length: 0\r\n\r\n"

	// alice: retransmit with T1 doubling until answered (RFC 3261 §17.1.2.2).
	var retransmit *Timer
	interval, tries := 500*time.Millisecond, 0
	var arm func()
	arm = func() {
		retransmit = s.After(interval, func() {
			tries++
			s.Timer("alice", T("node.timer.retransmit", "E", "MESSAGE"), Lit(fmt.Sprintf("interval was %v", interval)))
			alice.Send(proxyAddr, []byte(request), SendOptions{Retransmission: true})
			interval *= 2
			if tries < 4 {
				arm()
			}
		})
	}
	alice.Receive = func(p Packet) {
		if retransmit.Stop() {
			s.State("alice", Lit("non-INVITE client transaction: Trying → Completed"))
		}
	}
	proxy.Receive = func(p Packet) {
		if p.From == bobAddr {
			proxy.Send(aliceAddr, p.Data, SendOptions{Cause: p.Seq,
				Reasons: []Reason{{Text: Lit("forwarded the response upstream"), RFC: "RFC 3261 §16.7"}}})
			return
		}
		addr, _ := s.DNS.ResolveTraced(proxy, "biloxi.example.com")
		proxy.Send(addr, p.Data, SendOptions{Cause: p.Seq, Summary: Lit("MESSAGE (forwarded)"),
			Reasons: []Reason{{Text: T("node.proxy.pushvia", "z9hG4bK1"), RFC: "RFC 3261 §16.6 step 8"}}})
		proxy.Send(carol.Addr, p.Data, SendOptions{Cause: p.Seq, Notes: Lits("forked")})
	}
	bob.Receive = func(p Packet) {
		s.Note("bob", Lit("delivering the message to the user"), Lit("tag <b>&co</b>"))
		bob.Send(proxyAddr, []byte("SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n"), SendOptions{Cause: p.Seq})
	}

	s.After(0, func() {
		s.State("alice", Lit("non-INVITE client transaction: → Trying"))
		alice.Send(proxyAddr, []byte(request), SendOptions{})
		arm()
		alice.Send(netip.MustParseAddrPort("203.0.113.99:5060"), []byte("OPTIONS sip:nobody@203.0.113.99 SIP/2.0\r\n\r\n"), SendOptions{})
	})
	s.After(12500*time.Microsecond, func() { s.Lookup("proxy", "location", T("node.location.query", "sip:bob@biloxi.example.com")) })
	if err := s.Run(); err != nil {
		panic(err)
	}
	return s
}

func traceBytes(t *testing.T, s *Sim) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := s.Trace.WriteJSON(&buf, keys{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestTraceGolden(t *testing.T) {
	got := traceBytes(t, scenario(2, 0.3))
	golden.Check(t, filepath.Join("..", "testdata", "sim", "trace.golden.json"), got)
}

func TestDeterminism(t *testing.T) {
	a, b := traceBytes(t, scenario(2, 0.3)), traceBytes(t, scenario(2, 0.3))
	if !bytes.Equal(a, b) {
		t.Fatal("same seed, different traces")
	}
	if c := traceBytes(t, scenario(3, 0.3)); bytes.Equal(a, c) {
		t.Fatal("different seeds with loss, same trace")
	}
	// Link impairments draw from their own streams: turning loss on must
	// not change what the elements draw from Rand (alice's branch).
	lossy, clean := scenario(2, 0.3), scenario(2, 0)
	if lossy.Trace.Events[1].Raw != clean.Trace.Events[1].Raw {
		t.Error("loss on the links changed the elements' random draws")
	}
}

func TestTraceJSONContract(t *testing.T) {
	tr := &Trace{}
	tr.Add(Event{Type: EventMessage, At: 12500 * time.Microsecond, From: "alice", To: "bob", Summary: Lit("x"), Arrive: 20 * time.Millisecond})
	tr.Add(Event{Type: EventMessage, At: time.Second, From: "alice", To: "bob", Summary: Lit("y"), Raw: "y<>&", Dropped: true, Notes: Lits("lost")})
	tr.Add(Event{Type: EventTimer, At: 500 * time.Millisecond, Node: "alice", Summary: T("node.timer.retransmit", "A", "INVITE")})
	tr.Add(Event{Type: EventNote, Node: "proxy", Summary: Lit("n"), Cause: 1, Reasons: []Reason{{Text: T("node.proxy.trying")}}, Notes: []Text{Authored("a", "甲"), Lit("b")}})
	want := []string{
		`{"seq":1,"at_ms":12.5,"type":"message","from":"alice","to":"bob","summary":"x","raw":"","dropped":false,"arrive_ms":20}`,
		`{"seq":2,"at_ms":1000,"type":"message","from":"alice","to":"bob","summary":"y","raw":"y<>&","dropped":true,"notes":["lost"]}`,
		`{"seq":3,"at_ms":500,"type":"timer","node":"alice","summary":"node.timer.retransmit(A, INVITE)","key":"node.timer.retransmit","args":["A","INVITE"]}`,
		`{"seq":4,"at_ms":0,"type":"note","node":"proxy","summary":"n","notes":["a","b"],"note_texts":[{"en":"a","zh":"甲"},"b"],"cause":1,"reasons":[{"text":"node.proxy.trying","key":"node.proxy.trying"}]}`,
	}
	for i, e := range tr.Events {
		got, err := marshal(e.wire(keys{})) // json.Marshal would also escape <>&
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want[i] {
			t.Errorf("event %d:\n got %s\nwant %s", i+1, got, want[i])
		}
	}
	var buf bytes.Buffer
	if err := (&Trace{}).WriteJSON(&buf, keys{}); err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"lesson\": \"\",\n  \"title\": \"\",\n  \"seed\": 0,\n  \"nodes\": [],\n  \"events\": []\n}\n"; buf.String() != want {
		t.Errorf("empty trace:\n%s\nwant\n%s", buf.String(), want)
	}
}

func TestReadTraceRoundTrip(t *testing.T) {
	s := scenario(2, 0.3)
	// The faults of every kind come back as given, in order.
	s.Trace.LessonFaults = []string{"respond:bob=486", "max-forwards:alice=0"}
	s.Trace.Faults = []string{"drop:INVITE#*", "noanswer:bob", "loss:a-b=5"}
	data := traceBytes(t, s)
	if !bytes.Contains(data, []byte(`"faults": [`)) || !bytes.Contains(data, []byte(`"lesson_faults": [`)) {
		t.Errorf("the JSON lacks the faults:\n%s", data)
	}
	if got := s.Trace.AllFaults(); len(got) != 5 || got[0] != "respond:bob=486" || got[4] != "loss:a-b=5" {
		t.Errorf("AllFaults = %q", got)
	}
	back, err := ReadTrace(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprintf("%#v", back); got != fmt.Sprintf("%#v", s.Trace) {
		t.Errorf("round trip differs:\n got %s\nwant %#v", got, s.Trace)
	}
	var again bytes.Buffer
	if err := back.WriteJSON(&again, keys{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), data) {
		t.Error("re-encoding a read trace changed its bytes")
	}
}

func TestReadTraceErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"events":[{"seq":1,"type":"message"},{"seq":3,"type":"note"}]}`, "event 2 has seq 3, want 2"},
		{`{"events":[{"seq":1,"type":"bogus"}]}`, `event 1: unknown type "bogus"`},
		{`{"events":[{"seq":"one"}]}`, "sim: read trace: json: cannot unmarshal"},
		{`{"events":`, "sim: read trace: unexpected EOF"},
	} {
		_, err := ReadTrace(strings.NewReader(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadTrace(%s) = %v, want %q", tc.in, err, tc.want)
		}
	}
	// Unknown fields are a later extension, not an error.
	tr, err := ReadTrace(strings.NewReader(`{"lesson":"x","future":1,"events":[{"seq":1,"type":"note","summary":"s","color":"red"}]}`))
	if err != nil || tr.Lesson != "x" || tr.Events[0].Summary.String() != "s" {
		t.Errorf("ReadTrace with unknown fields: %+v, %v", tr, err)
	}
}

func TestTraceGet(t *testing.T) {
	var tr Trace
	if tr.Get(1) != nil || tr.Get(0) != nil {
		t.Error("Get on an empty trace is not nil")
	}
	seq := tr.Add(Event{Type: EventNote, Summary: Lit("a"), Seq: 99})
	if seq != 1 || tr.Get(1).Summary.String() != "a" || tr.Get(1).Seq != 1 || tr.Len() != 1 {
		t.Errorf("Add/Get: seq %d, %+v", seq, tr.Get(1))
	}
}
