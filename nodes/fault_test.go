package nodes

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

func parseFault(t *testing.T, spec string) sim.Fault {
	t.Helper()
	f, err := sim.ParseFault(spec)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestInjectNodeFaults: the faults injected into an element are what its
// core consults, over its own settings; the last of a kind wins.
func TestInjectNodeFaults(t *testing.T) {
	s := sim.New(1)
	el := NewElement(s, "bob", sim.KindUA, "bob.biloxi.example.com", "biloxi.example.com", netip.MustParseAddrPort("192.0.2.20:5060"))
	u := NewUA(el, "bob", "Bob", sip.URI{Scheme: "sip", User: "bob", Host: "biloxi.example.com"})
	u.Password, u.AnswerCode = "builder", 0
	if u.answerCode() != 0 || u.noAnswer() || u.password() != "builder" || u.maxForwards() != 70 {
		t.Fatalf("without faults: answer %d, no answer %v, password %q, Max-Forwards %d", u.answerCode(), u.noAnswer(), u.password(), u.maxForwards())
	}
	for _, spec := range []string{"respond:bob=486", "respond:bob=603", "noanswer:bob", "password:bob=wrong", "max-forwards:bob=0"} {
		if err := el.Inject(parseFault(t, spec)); err != nil {
			t.Fatalf("%s: %v", spec, err)
		}
	}
	if u.answerCode() != 603 || !u.noAnswer() || u.password() != "wrong" || u.maxForwards() != 0 {
		t.Errorf("with faults: answer %d, no answer %v, password %q, Max-Forwards %d; want 603, true, wrong, 0", u.answerCode(), u.noAnswer(), u.password(), u.maxForwards())
	}
	if err := el.Inject(parseFault(t, "drop:INVITE")); err == nil || !strings.Contains(err.Error(), "not a node fault") {
		t.Errorf("a message fault injected into a node: %v", err)
	}
}

// TestInjectDown: down takes the host off the network at once, or at the
// time the spec gives, with a state event saying so.
func TestInjectDown(t *testing.T) {
	s := sim.New(1)
	now := NewElement(s, "alice", sim.KindUA, "a.example.com", "example.com", netip.MustParseAddrPort("192.0.2.10:5060"))
	later := NewElement(s, "bob", sim.KindUA, "b.example.com", "example.com", netip.MustParseAddrPort("192.0.2.20:5060"))
	if err := now.Inject(parseFault(t, "down:alice")); err != nil || !now.Host.Down {
		t.Fatalf("down:alice: %v, down %v", err, now.Host.Down)
	}
	if err := later.Inject(parseFault(t, "down:bob@500ms")); err != nil || later.Host.Down {
		t.Fatalf("down:bob@500ms: %v, down %v before 500 ms", err, later.Host.Down)
	}
	if err := s.RunUntil(499 * time.Millisecond); err != nil || later.Host.Down {
		t.Fatalf("%v; bob down at 499 ms: %v", err, later.Host.Down)
	}
	if err := s.Run(); err != nil || !later.Host.Down {
		t.Fatalf("%v; bob down after 500 ms: %v", err, later.Host.Down)
	}
	evs := s.Trace.Events
	if len(evs) != 1 || evs[0].Type != sim.EventState || evs[0].Node != "bob" || evs[0].At != 500*time.Millisecond ||
		evs[0].Summary.Key != "node.fault.down" || len(evs[0].Summary.Args) != 1 || evs[0].Summary.Args[0] != "down:bob@500ms" {
		t.Errorf("events %+v", evs)
	}
}
