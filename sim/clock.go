package sim

import (
	"math"
	"time"
)

// A Timer is a function scheduled to run at a point of virtual time. Timers
// are how SIP elements implement RFC 3261's timers (A, B, E, F, …) and how the
// network delivers packets after their link delay: a 32-second Timer B costs
// one heap operation, not 32 seconds.
type Timer struct {
	at  time.Duration // virtual time at which fn runs
	fn  func()        // nil once the timer has fired or been stopped
	sim *Sim
}

// After schedules fn to run d after the current virtual time and returns a
// Timer that can stop it. A negative d counts as zero, and a d that would
// take the clock past its end runs at the end, never at a negative time
// (input is bounded by MaxDuration long before). Events due at the same
// instant run in the order they were scheduled, so a Timer set with After(0)
// from inside a handler runs after every event already due now, at the same
// virtual time.
func (s *Sim) After(d time.Duration, fn func()) *Timer {
	if d < 0 {
		d = 0
	}
	if d > math.MaxInt64-s.now {
		d = math.MaxInt64 - s.now
	}
	if fn == nil {
		fn = func() {}
	}
	s.seq++
	t := s.newTimer()
	*t = Timer{at: s.now + d, fn: fn, sim: s}
	s.queue.push(queued{at: t.at, seq: s.seq, t: t})
	return t
}

// newTimer returns an unused timer from a block allocated timerBlock at a
// time: a run sets a timer for every packet it delivers and several for
// every transaction, hundreds of thousands for a long one, and one
// allocation per block is much cheaper than one per timer. A block stays
// in memory while any of its timers is referenced.
func (s *Sim) newTimer() *Timer {
	if len(s.timers) == 0 {
		s.timers = make([]Timer, timerBlock)
	}
	t := &s.timers[0]
	s.timers = s.timers[1:]
	return t
}

const timerBlock = 64

// When returns the virtual time at which the timer fires (or would have).
func (t *Timer) When() time.Duration { return t.at }

// Pending reports whether the timer is still due to fire: neither fired nor
// stopped. A nil Timer is not pending.
func (t *Timer) Pending() bool { return t != nil && t.fn != nil }

// Stop prevents the timer from firing. It reports whether the call stopped
// it: false if the timer has already fired or was already stopped. Stop is
// O(1): the stopped timer stays in the event heap, inert, until the event
// loop reaches and discards it.
func (t *Timer) Stop() bool {
	if t.fn == nil {
		return false
	}
	t.fn = nil
	t.sim.stopped++
	return true
}
