package sim

import (
	"context"
	"net/netip"
	"time"
)

// Wall runs a Sim's event loop against the wall clock instead of as fast as
// it can: a timer due at virtual time t fires when t has elapsed since the
// start, and work from other goroutines (packets read from real sockets)
// enters the loop through Do, at the virtual time it arrives. The elements
// run unchanged and alone in the loop, as in a simulation; only the driver
// differs. A Sim run by Step, Run or RunUntil never meets wall time.
type Wall struct {
	// Idle, if set, runs in the loop each time the events due so far have
	// run, before the loop waits: a live view prints the new events there.
	Idle func()
	// Recover, if set, gets what an event panicked with, and the loop goes
	// on with the next event: a server keeps serving everyone else. Nil
	// lets the panic through.
	Recover func(v any)

	s     *Sim
	start time.Time
	in    chan func()
	done  chan struct{}
}

// NewWall returns a driver for s, whose virtual time 0 is now: from here on
// s.Clock is the real time, for the Date headers an element writes.
func NewWall(s *Sim) *Wall {
	w := &Wall{s: s, start: time.Now(), in: make(chan func(), 256), done: make(chan struct{})}
	s.epoch = w.start
	return w
}

// since is the virtual time the wall clock has reached.
func (w *Wall) since() time.Duration { return time.Since(w.start) }

// Do runs fn in the event loop as soon as it can, with the clock at the
// wall-clock time then. It may be called from any goroutine; it reports
// false, without running fn, once the loop has stopped (work handed over
// while the loop stops may be dropped, as a packet in flight).
func (w *Wall) Do(fn func()) bool {
	select {
	case <-w.done:
		return false
	default:
	}
	select {
	case w.in <- fn:
		return true
	case <-w.done:
		return false
	}
}

// Queued is how much work handed over by Do waits for the loop: a
// server's measure of its load.
func (w *Wall) Queued() int { return len(w.in) }

// Capacity is how much work Do can hand over before it waits.
func (w *Wall) Capacity() int { return cap(w.in) }

// Run runs the loop until ctx is done, or a run limit of the Sim
// (MaxEvents, MaxTraceBytes) stops it with a *RunawayError.
func (w *Wall) Run(ctx context.Context) error {
	defer close(w.done)
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		stop, err := w.turn(ctx, timer)
		if stop || err != nil {
			return err
		}
	}
}

// turn runs the events due, then waits for the next one or for work from
// Do, and runs that work (and the work queued behind it). It reports
// whether ctx is done.
func (w *Wall) turn(ctx context.Context, timer *time.Timer) (stop bool, err error) {
	if w.Recover != nil {
		defer func() {
			if v := recover(); v != nil {
				w.Recover(v)
			}
		}()
	}
	if err := w.s.RunUntil(w.since()); err != nil {
		return true, err
	}
	if w.Idle != nil {
		w.Idle()
	}
	wait := time.Hour
	if t := w.s.next(); t != nil {
		wait = max(t.at-w.since(), 0)
	}
	timer.Reset(wait)
	select {
	case <-ctx.Done():
		return true, nil
	case fn := <-w.in:
		return false, w.batch(fn)
	case <-timer.C:
	}
	return false, nil
}

// maxBatch bounds the work from Do that one turn runs: under load, packets
// queue up while the loop works, and Idle (a live view printing) runs
// once for up to maxBatch of them instead of once for each.
const maxBatch = 64

// batch runs fn and the work queued behind it, up to maxBatch, each at the
// wall-clock time it runs, after the events due by then.
func (w *Wall) batch(fn func()) error {
	for n := 1; ; n++ {
		if err := w.s.RunUntil(w.since()); err != nil {
			return err
		}
		fn()
		if n == maxBatch {
			return nil
		}
		select {
		case fn = <-w.in:
		default:
			return nil
		}
	}
}

// An Outside function finds the host for an address where no host of the
// network listens: a real endpoint, reached over a real socket, that the
// lab adds as a host when it first sends there. Nil, or a nil result,
// leaves the packet undeliverable.
type Outside func(to netip.AddrPort) *Host
