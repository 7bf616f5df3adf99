package lessons

import (
	"fmt"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
)

// BenchmarkRunProxyCall runs the whole proxy-call lesson: building the
// network, 15 messages through 5 elements, and the timers to the end.
func BenchmarkRunProxyCall(b *testing.B) {
	l, err := Find("proxy-call")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(l, RunOptions{Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// manyCalls is a lesson in which alice places n calls to bob through one
// stateful, record-routing proxy, one every 10 ms, each hung up after 1 s.
func manyCalls(n int) *Lesson {
	base, err := Find("proxy-call")
	if err != nil {
		panic(err)
	}
	l := *base
	l.ID = "many-calls"
	l.Script = []Action{base.Script[0]} // bob registers
	for i := 0; i < n; i++ {
		l.Script = append(l.Script, Action{
			At: time.Second + time.Duration(i)*10*time.Millisecond, Node: "alice", Do: "call",
			Target: "sip:bob@biloxi.example.com", HangupAfter: time.Second,
		})
	}
	return &l
}

// BenchmarkProxy10000Calls pushes 10,000 calls (150,000 messages, every one
// traced) through one stateful proxy.
func BenchmarkProxy10000Calls(b *testing.B) {
	l := manyCalls(10000)
	b.ReportAllocs()
	for b.Loop() {
		tr, err := Run(l, RunOptions{Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for i := range tr.Events {
			if tr.Events[i].Type == sim.EventMessage {
				n++
			}
		}
		if n != 2+10000*13 {
			b.Fatalf("%d messages", n)
		}
	}
}

func TestManyCallsAllSucceed(t *testing.T) {
	tr, err := Run(manyCalls(50), RunOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, e := range messages(tr) {
		counts[fmt.Sprintf("%s>%s %s", e.From, e.To, label(e.Summary))]++
	}
	for _, k := range []string{"alice>proxy INVITE", "proxy>bob INVITE", "proxy>alice 180", "proxy>bob ACK", "proxy>bob BYE"} {
		if counts[k] != 50 {
			t.Errorf("%s: %d, want 50 (%v)", k, counts[k], counts)
		}
	}
	// 200 for each INVITE and each BYE, in both directions.
	if counts["proxy>alice 200"] != 100 || counts["bob>proxy 200"] != 100 {
		t.Errorf("200s: %v", counts)
	}
}
