package sim

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

func TestTimerStop(t *testing.T) {
	s := New(1)
	fired := map[string]time.Duration{}
	mark := func(name string) func() { return func() { fired[name] = s.Now() } }

	a := s.After(100*time.Millisecond, mark("a"))
	b := s.After(200*time.Millisecond, mark("b"))
	s.After(300*time.Millisecond, mark("c"))
	if a.When() != 100*time.Millisecond {
		t.Errorf("When = %v, want 100ms", a.When())
	}
	if !b.Stop() {
		t.Error("Stop of a pending timer = false, want true")
	}
	if b.Stop() {
		t.Error("second Stop = true, want false")
	}
	if s.Pending() != 2 {
		t.Errorf("Pending = %d after a Stop, want 2", s.Pending())
	}
	if err := s.Run(); err != nil {
		t.Fatal(err)
	}
	if a.Stop() {
		t.Error("Stop after the timer fired = true, want false")
	}
	want := map[string]time.Duration{"a": 100 * time.Millisecond, "c": 300 * time.Millisecond}
	if len(fired) != len(want) || fired["a"] != want["a"] || fired["c"] != want["c"] {
		t.Errorf("fired %v, want %v", fired, want)
	}
	if s.Now() != 300*time.Millisecond {
		t.Errorf("Now = %v after Run, want 300ms", s.Now())
	}
}

func TestTimerStopFromHandler(t *testing.T) {
	// An element stopping its own Timer B when a response arrives at the
	// same instant Timer B is due: whichever was scheduled first runs.
	s := New(1)
	var timerB *Timer
	fired := false
	s.After(time.Second, func() {
		if !timerB.Stop() {
			t.Error("Stop of a timer due at the current instant = false")
		}
	})
	timerB = s.After(time.Second, func() { fired = true })
	if err := s.Run(); err != nil {
		t.Fatal(err)
	}
	if fired {
		t.Error("a timer stopped by an earlier handler at the same instant fired")
	}
}

func TestAfterZeroFromHandler(t *testing.T) {
	s := New(1)
	var order []string
	s.After(time.Second, func() {
		order = append(order, "first")
		s.After(0, func() {
			order = append(order, "scheduled now")
			if s.Now() != time.Second {
				t.Errorf("After(0) ran at %v, want 1s", s.Now())
			}
		})
		s.After(-time.Hour, func() { order = append(order, "negative") })
	})
	s.After(time.Second, func() { order = append(order, "second") })
	s.After(time.Second+1, func() { order = append(order, "later") })
	if err := s.Run(); err != nil {
		t.Fatal(err)
	}
	want := "first,second,scheduled now,negative,later"
	if got := strings.Join(order, ","); got != want {
		t.Errorf("order %s, want %s", got, want)
	}
}

func TestStepAndRunUntil(t *testing.T) {
	s := New(1)
	var ran []time.Duration
	for _, d := range []time.Duration{3, 1, 2, 5} {
		s.After(d*time.Second, func() { ran = append(ran, s.Now()) })
	}
	if !s.Step() || s.Now() != time.Second {
		t.Fatalf("Step: Now = %v, want 1s", s.Now())
	}
	if err := s.RunUntil(3 * time.Second); err != nil {
		t.Fatal(err)
	}
	if len(ran) != 3 || s.Now() != 3*time.Second {
		t.Fatalf("RunUntil(3s) ran %v, Now %v", ran, s.Now())
	}
	if err := s.RunUntil(4 * time.Second); err != nil {
		t.Fatal(err)
	}
	if s.Now() != 4*time.Second || s.Pending() != 1 {
		t.Fatalf("RunUntil(4s): Now %v, pending %d; want 4s, 1", s.Now(), s.Pending())
	}
	// A timer set now counts from the advanced clock.
	s.After(0, func() { ran = append(ran, s.Now()) })
	if err := s.Run(); err != nil {
		t.Fatal(err)
	}
	want := []time.Duration{1 * time.Second, 2 * time.Second, 3 * time.Second, 4 * time.Second, 5 * time.Second}
	if len(ran) != len(want) {
		t.Fatalf("ran %v, want %v", ran, want)
	}
	for i := range want {
		if ran[i] != want[i] {
			t.Fatalf("ran %v, want %v", ran, want)
		}
	}
	if s.Step() {
		t.Error("Step on an empty queue = true")
	}
	// RunUntil never moves the clock back.
	if err := s.RunUntil(time.Second); err != nil || s.Now() != 5*time.Second {
		t.Errorf("RunUntil(past): Now %v, err %v", s.Now(), err)
	}
}

func TestMaxEvents(t *testing.T) {
	s := New(1)
	s.MaxEvents = 10
	var tick func()
	n := 0
	tick = func() { n++; s.After(100*time.Millisecond, tick) }
	s.After(0, tick)
	err := s.Run()
	var runaway *RunawayError
	if !errors.As(err, &runaway) {
		t.Fatalf("Run = %v, want a *RunawayError", err)
	}
	if want := "sim: more than 10 events, the limit of a run (MaxEvents), stopping at t=900ms"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	if n != 10 {
		t.Errorf("ran %d events, want 10", n)
	}
	if err := s.RunUntil(time.Hour); err == nil {
		t.Error("RunUntil after the budget is spent: no error")
	}

	// No limit.
	s = New(1)
	s.MaxEvents = 0
	for range DefaultMaxEvents + 1 {
		s.After(0, func() {})
	}
	if err := s.Run(); err != nil {
		t.Errorf("MaxEvents 0: %v", err)
	}
}

func TestRandIsSeeded(t *testing.T) {
	a, b, c := New(42), New(42), New(43)
	for range 10 {
		x, y, z := a.Rand().Uint64(), b.Rand().Uint64(), c.Rand().Uint64()
		if x != y {
			t.Fatal("same seed, different draws")
		}
		if x == z {
			t.Fatal("different seeds, same draw")
		}
	}
	if a.Stream("x").Uint64() != b.Stream("x").Uint64() {
		t.Error("Stream: same seed and name, different draws")
	}
	if a.Stream("x").Uint64() == a.Stream("y").Uint64() {
		t.Error("Stream: different names, same draw")
	}
	if a.Seed() != 42 || a.Trace.Seed != 42 {
		t.Errorf("Seed %d, Trace.Seed %d, want 42", a.Seed(), a.Trace.Seed)
	}
}

// TestAfterNeverOverflows: a delay past the end of the virtual clock runs at
// its end, not at a negative time before the events already due.
func TestAfterNeverOverflows(t *testing.T) {
	s := New(1)
	var order []string
	s.After(time.Second, func() {
		s.After(math.MaxInt64, func() { order = append(order, "far") })
		s.After(time.Second, func() { order = append(order, "near") })
	})
	if err := s.Run(); err != nil {
		t.Fatal(err)
	}
	if strings.Join(order, " ") != "near far" || s.Now() != math.MaxInt64 {
		t.Errorf("ran %v, clock at %v; want near, then far at the clock's end", order, s.Now())
	}
}
