package lessons_test

import (
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/lessons/lessontest"
	"github.com/siplab/siplab/sim"
)

// BenchmarkProxy10000Calls pushes 10,000 calls (150,000 messages, every one
// traced) through one stateful proxy.
func BenchmarkProxy10000Calls(b *testing.B) {
	l := lessontest.ManyCalls(10000)
	b.ReportAllocs()
	for b.Loop() {
		tr, err := lessons.Run(l, lessons.RunOptions{Seed: 1})
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
	tr, err := lessons.Run(lessontest.ManyCalls(50), lessons.RunOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, e := range lessons.Messages(tr) {
		counts[fmt.Sprintf("%s>%s %s", e.From, e.To, lessons.Label(e.Summary))]++
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

// TestReplayIsLinear: a Replay takes the state after every step of a long
// lesson running it once when stepping forward, and once every
// ReplayWindow steps when stepping back one step at a time, where running
// it again for each step would cost a number of events quadratic in its
// length; and the states are those of a run from the start.
func TestReplayIsLinear(t *testing.T) {
	l, o := lessontest.ManyCalls(20), lessons.RunOptions{Seed: 1}
	n, err := lessons.Build(l, o)
	if err != nil {
		t.Fatal(err)
	}
	events := 0 // the simulation events of one run
	for n.Sim.Step() {
		events++
	}
	steps := n.Sim.Trace.Len()

	r := lessons.NewReplay(l, o)
	for k := 0; k <= steps; k++ {
		if _, err := r.StateAt(k); err != nil {
			t.Fatal(err)
		}
	}
	if r.Executed > events {
		t.Errorf("forward through %d steps: %d events run, want at most one run's %d", steps, r.Executed, events)
	}
	forward := r.Executed
	for k := steps; k >= 0; k-- {
		if _, err := r.StateAt(k); err != nil {
			t.Fatal(err)
		}
	}
	if back, most := r.Executed-forward, events*(steps/lessons.ReplayWindow+1); back > most {
		t.Errorf("back through %d steps: %d events run, want at most %d", steps, back, most)
	}

	// Jumps back and forth, and past the end.
	for _, k := range []int{steps / 2, steps / 3, steps, 5, steps - 1, steps + 1, 2 * steps / 3} {
		got, err := r.StateAt(k)
		if err != nil {
			t.Fatal(err)
		}
		want, err := lessons.StateAt(l, o, k)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("state after step %d:\n%+v\nfrom the start:\n%+v", k, got, want)
		}
	}
}

// duplicatingLoop is loop-detected with a stateless proxy, which has no
// loop detection (RFC 3261 §16.11), and every INVITE duplicated in flight:
// each pass round the loop doubles the INVITEs, and each carries one Via
// more, until Max-Forwards runs out. Run to its end it records more than
// 100,000 messages and takes gigabytes.
func duplicatingLoop(t *testing.T) *lessons.Lesson {
	base, err := lessons.Find("loop-detected")
	if err != nil {
		t.Fatal(err)
	}
	l := *base
	l.Nodes = slices.Clone(base.Nodes)
	for i := range l.Nodes {
		if l.Nodes[i].Kind == sim.KindProxy {
			l.Nodes[i].Kind, l.Nodes[i].RecordRoute = sim.KindStatelessProxy, false
		}
	}
	dup, err := sim.ParseFault("dup:INVITE#*")
	if err != nil {
		t.Fatal(err)
	}
	l.Faults = append(slices.Clone(l.Faults), dup)
	return &l
}

// TestRunawayStopsAtTraceLimit: a run whose trace grows without end stops
// with a RunawayError naming MaxTraceBytes, and what it holds in memory then
// is about that limit, not gigabytes. The limit is lowered to 32 MiB here
// to keep the test short.
func TestRunawayStopsAtTraceLimit(t *testing.T) {
	n, err := lessons.Build(duplicatingLoop(t), lessons.RunOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	const limit = 32 << 20
	n.Sim.MaxTraceBytes = limit
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	err = n.Sim.Run()
	runtime.GC()
	runtime.ReadMemStats(&after)

	var runaway *sim.RunawayError
	if !errors.As(err, &runaway) || runaway.MaxBytes != limit || !strings.Contains(err.Error(), "MaxTraceBytes") {
		t.Fatalf("run: %v, want a RunawayError for MaxTraceBytes", err)
	}
	held := int(after.HeapAlloc) - int(before.HeapAlloc)
	if held > 3*limit/2 || held < limit/3 {
		t.Errorf("the stopped run holds %d MiB, want about the limit, %d MiB", held>>20, limit>>20)
	}
	if total := after.TotalAlloc - before.TotalAlloc; total > 8*limit {
		t.Errorf("the run allocated %d MiB in all, want at most %d MiB", total>>20, 8*limit>>20)
	}
	t.Logf("stopped after %d events: %d MiB held, %d MiB allocated", n.Sim.Trace.Len(), held>>20, (after.TotalAlloc-before.TotalAlloc)>>20)
	runtime.KeepAlive(n)
}

// TestTenThousandCallsFit: the default limit of a trace leaves room for
// 10,000 calls through a proxy (BenchmarkProxy10000Calls), judged by the
// size of 1,000.
func TestTenThousandCallsFit(t *testing.T) {
	n, err := lessons.Build(lessontest.ManyCalls(1000), lessons.RunOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Sim.Run(); err != nil {
		t.Fatal(err)
	}
	if size := n.Sim.TraceSize(); 10*size > sim.DefaultMaxTraceBytes*9/10 {
		t.Errorf("1,000 calls: a trace of %d MiB; 10,000 would not fit in %d MiB", size>>20, sim.DefaultMaxTraceBytes>>20)
	}
}
