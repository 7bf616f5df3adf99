package sim

import (
	"context"
	"testing"
	"time"
)

// TestWall: timers fire at their wall-clock time, work from Do runs in the
// loop at the time it comes, a panicking event is recovered, and a
// cancelled context stops the loop.
func TestWall(t *testing.T) {
	s := New(1)
	w := NewWall(s)
	ctx, cancel := context.WithCancel(context.Background())
	var recovered any
	w.Recover = func(v any) { recovered = v }
	fired := make(chan time.Duration, 1)
	s.After(50*time.Millisecond, func() { panic("boom") })
	s.After(100*time.Millisecond, func() { fired <- s.Now() })
	done := make(chan error, 1)
	begin := time.Now()
	go func() { done <- w.Run(ctx) }()
	at := <-fired
	if real := time.Since(begin); real < 100*time.Millisecond || at < 100*time.Millisecond {
		t.Errorf("a 100 ms timer fired after %v (virtual %v): early", real, at)
	}
	ran := make(chan time.Duration, 1)
	if !w.Do(func() { ran <- s.Now() }) {
		t.Fatal("Do refused work while the loop runs")
	}
	if now := <-ran; now < at {
		t.Errorf("Do ran at virtual %v, before the timer at %v", now, at)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if recovered != "boom" {
		t.Errorf("Recover got %v, want boom", recovered)
	}
	if w.Do(func() {}) {
		t.Error("Do accepted work after the loop stopped")
	}
	if s.Clock().Before(begin) {
		t.Errorf("Clock %v is not the wall clock (started %v)", s.Clock(), begin)
	}
}

// TestWallBatch: work queued while the loop is busy runs in batches, Idle
// once per batch rather than once per piece of work, and the events due
// still run between two pieces, in the order they came.
func TestWallBatch(t *testing.T) {
	s := New(1)
	w := NewWall(s)
	idle, n := 0, 200
	w.Idle = func() { idle++ }
	var order []string
	for i := range n {
		w.Do(func() {
			order = append(order, "work")
			if i == 0 {
				s.After(0, func() { order = append(order, "timer") })
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	finished := make(chan struct{})
	w.Do(func() { close(finished) })
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	<-finished
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if len(order) != n+1 || order[0] != "work" || order[1] != "timer" {
		t.Errorf("ran %d pieces, starting %q; want %d pieces of work and the timer the first one set, right after it", len(order), order[:min(3, len(order))], n)
	}
	if want := n/maxBatch + 2; idle > want {
		t.Errorf("Idle ran %d times for %d pieces of work queued together, want at most %d (one per batch of %d)", idle, n+1, want, maxBatch)
	}
}
