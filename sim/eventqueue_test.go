package sim

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

func TestEventQueueOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var q eventQueue
	for seq := uint64(1); seq <= 2000; seq++ {
		// Few distinct times, so that most events tie.
		q.push(queued{at: time.Duration(r.IntN(20)) * time.Millisecond, seq: seq})
		if seq%3 == 0 {
			q.pop() // interleave pops with pushes
		}
	}
	var prev queued
	n := 0
	for len(q) > 0 {
		e := q.pop()
		if n > 0 && !prev.before(e) {
			t.Fatalf("popped (%v, %d) after (%v, %d)", e.at, e.seq, prev.at, prev.seq)
		}
		prev = e
		n++
	}
	if n != 2000-2000/3 {
		t.Fatalf("popped %d entries, want %d", n, 2000-2000/3)
	}
}

func TestStoppedTimersAreSkipped(t *testing.T) {
	s := New(1)
	var ran []int
	var timers []*Timer
	for i := range 10 {
		timers = append(timers, s.After(time.Duration(i)*time.Second, func() { ran = append(ran, i) }))
	}
	for _, i := range []int{0, 1, 2, 5, 9} {
		timers[i].Stop()
	}
	if s.Pending() != 5 {
		t.Errorf("Pending = %d, want 5", s.Pending())
	}
	// The stopped timers at 0s, 1s and 2s must not let RunUntil(2.5s) run
	// the live one at 3s.
	if err := s.RunUntil(2500 * time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if len(ran) != 0 || s.Now() != 2500*time.Millisecond {
		t.Fatalf("RunUntil(2.5s) ran %v, Now %v", ran, s.Now())
	}
	run(t, s)
	if fmt.Sprint(ran) != "[3 4 6 7 8]" || s.Now() != 8*time.Second {
		t.Errorf("ran %v, Now %v; want [3 4 6 7 8], 8s (a stopped last timer does not move the clock)", ran, s.Now())
	}
	if s.Pending() != 0 || len(s.queue) != 0 {
		t.Errorf("Pending %d, queue %d after Run", s.Pending(), len(s.queue))
	}
}

func TestEventQueueTiesRunInInsertionOrder(t *testing.T) {
	s := New(1)
	var got []int
	for i := range 100 {
		s.After(time.Second, func() { got = append(got, i) })
	}
	if err := s.Run(); err != nil {
		t.Fatal(err)
	}
	for i, v := range got {
		if v != i {
			t.Fatalf("event %d ran as number %d; ties must run in insertion order", v, i)
		}
	}
	if len(got) != 100 {
		t.Fatalf("ran %d events, want 100", len(got))
	}
}
