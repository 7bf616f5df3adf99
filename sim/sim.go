package sim

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"time"
)

// DefaultMaxEvents is the MaxEvents of a new Sim.
const DefaultMaxEvents = 1_000_000

// DefaultMaxTraceBytes is the MaxTraceBytes of a new Sim: 384 MiB, room
// for 10,000 calls through a proxy (390,000 events, 270 MB), not for a
// forwarding loop that doubles its messages at every hop.
const DefaultMaxTraceBytes = 384 << 20

// mainStream is the second half of the PCG state of Sim.Rand. Streams made
// by Sim.Stream use a hash of their name there instead.
const mainStream = 0x5349504c4142 // "SIPLAB"

// A Sim is one simulation run: a virtual clock, a queue of pending events,
// the network, a DNS and the Trace being recorded. A Sim is not safe for
// concurrent use; it needs none, because a single loop runs every handler.
type Sim struct {
	// Net holds the hosts and links; DNS the names; Trace what happened.
	Net   *Network
	DNS   *DNS
	Trace *Trace

	// MaxEvents guards against runaway runs (a timer that re-arms itself
	// forever, two elements that bounce a message back and forth): Run and
	// RunUntil stop with a *RunawayError once the Sim has executed this many
	// events in total. Zero or less means no limit.
	MaxEvents int

	// MaxTraceBytes bounds the memory a run's trace may take (TraceSize):
	// Run and RunUntil stop with a *RunawayError once the trace has grown
	// past it, long before a run that floods its links with ever larger
	// messages takes gigabytes. Zero or less means no limit.
	MaxTraceBytes int

	seed     uint64
	now      time.Duration
	rng      *rand.Rand
	queue    eventQueue
	seq      uint64  // last insertion sequence handed to a Timer
	stopped  int     // stopped timers still in the queue
	executed int     // events run so far
	timers   []Timer // the timers After hands out next (see newTimer)

	traceSize int // about what the trace's first sized events take in memory
	sized     int

	epoch time.Time // the wall-clock start of a run driven by a Wall; zero: Epoch
}

// New returns an empty simulation whose random draws all derive from seed.
// The trace records the seed, so a run can be repeated exactly.
func New(seed uint64) *Sim {
	s := &Sim{
		MaxEvents:     DefaultMaxEvents,
		MaxTraceBytes: DefaultMaxTraceBytes,
		seed:          seed,
		rng:           rand.New(rand.NewPCG(seed, mainStream)),
		queue:         make(eventQueue, 0, 64),
		Trace:         &Trace{Seed: seed, Events: make([]Event, 0, 256)},
	}
	s.Net = newNetwork(s)
	s.DNS = newDNS(s)
	return s
}

// Seed returns the seed the Sim was created with.
func (s *Sim) Seed() uint64 { return s.seed }

// Now returns the virtual time elapsed since the start of the run. Inside a
// handler it is the time the handler's event was due.
func (s *Sim) Now() time.Duration { return s.now }

// Epoch is the wall-clock time at the start of every run: what a Date
// header says is Epoch plus the virtual time, so the same run gives the
// same bytes.
var Epoch = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

// Clock is the wall-clock time now: Epoch plus the virtual time (or, in a
// run driven by a Wall, the real start of the run plus the virtual time).
func (s *Sim) Clock() time.Time {
	if !s.epoch.IsZero() {
		return s.epoch.Add(s.now)
	}
	return Epoch.Add(s.now)
}

// Rand returns the run's random generator (PCG, seeded from the seed). Use it
// for everything an element draws at random (branches, tags, Call-IDs,
// nonces); never use the global generator.
func (s *Sim) Rand() *rand.Rand { return s.rng }

// Stream returns a new generator whose sequence depends only on the run's
// seed and name. Independent streams keep one consumer's draws from shifting
// another's: the loss filter of link alice–proxy uses its own stream, so
// turning loss on does not change the branch parameters that elements draw
// from Rand. Asking twice for the same name restarts the same sequence.
func (s *Sim) Stream(name string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(name))
	return rand.New(rand.NewPCG(s.seed, h.Sum64()))
}

// Pending returns the number of events waiting to run.
func (s *Sim) Pending() int { return len(s.queue) - s.stopped }

// next returns the earliest pending timer, or nil, discarding stopped
// timers found at the top of the queue.
func (s *Sim) next() *Timer {
	for len(s.queue) > 0 {
		if t := s.queue[0].t; t.fn != nil {
			return t
		}
		s.queue.pop()
		s.stopped--
	}
	return nil
}

// Step runs the next event, advancing the clock to its time. It reports
// false, and does nothing, when no event is pending. Step ignores MaxEvents;
// it is for callers that step through a run themselves.
func (s *Sim) Step() bool {
	if s.next() == nil {
		return false
	}
	t := s.queue.pop().t
	s.now = t.at
	s.executed++
	fn := t.fn
	t.fn = nil // fired: Stop now reports false
	fn()
	return true
}

// Run runs events until none is pending. It returns a *RunawayError if the
// run exceeds MaxEvents.
func (s *Sim) Run() error {
	for s.next() != nil {
		if err := s.checkBudget(); err != nil {
			return err
		}
		s.Step()
	}
	return nil
}

// RunUntil runs every event due at or before virtual time t, then advances
// the clock to t (if it is not already later). Events due after t stay
// pending. It returns a *RunawayError if the run exceeds MaxEvents.
func (s *Sim) RunUntil(t time.Duration) error {
	for next := s.next(); next != nil && next.at <= t; next = s.next() {
		if err := s.checkBudget(); err != nil {
			return err
		}
		s.Step()
	}
	if s.now < t {
		s.now = t
	}
	return nil
}

func (s *Sim) checkBudget() error {
	if s.MaxEvents > 0 && s.executed >= s.MaxEvents {
		return &RunawayError{Max: s.MaxEvents, At: s.now}
	}
	if s.MaxTraceBytes > 0 && s.TraceSize() > s.MaxTraceBytes {
		return &RunawayError{MaxBytes: s.MaxTraceBytes, Events: s.Trace.Len(), At: s.now}
	}
	return nil
}

// eventOverhead is what a trace event takes in memory besides a message's
// bytes, about: the Event itself, the room the slice keeps for more, its
// texts, reasons and notes. A run of many calls through a proxy holds about
// 700 bytes an event, 150 of them a message's bytes.
const eventOverhead = 576

// TraceSize is about how many bytes the trace's events take in memory.
func (s *Sim) TraceSize() int {
	for ; s.sized < s.Trace.Len(); s.sized++ {
		s.traceSize += eventOverhead + len(s.Trace.Events[s.sized].Raw)
	}
	return s.traceSize
}

// A RunawayError reports a run stopped by Sim.MaxEvents or
// Sim.MaxTraceBytes, with events still pending.
type RunawayError struct {
	Max      int           // the MaxEvents in force, if that was the limit reached
	MaxBytes int           // the MaxTraceBytes in force, if that was the limit reached
	Events   int           // the events traced then
	At       time.Duration // virtual time when the run stopped
}

func (e *RunawayError) Error() string {
	if e.MaxBytes > 0 {
		return fmt.Sprintf("sim: the trace passed the limit of %s a run may record (MaxTraceBytes) after %d events, stopping at t=%v",
			sizeText(e.MaxBytes), e.Events, e.At)
	}
	return fmt.Sprintf("sim: more than %d events, the limit of a run (MaxEvents), stopping at t=%v", e.Max, e.At)
}
