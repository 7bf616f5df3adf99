package lessons_test

import (
	"fmt"
	"reflect"
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
