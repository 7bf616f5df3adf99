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
