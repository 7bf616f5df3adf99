// Package stepper is the model of `siplab step` without a terminal: a trace,
// the step the student is at, and what is shown there. A step is one trace
// event; step 0 is the instant before the first one. The full-screen view
// and the line mode of cmd/siplab both drive a Stepper, and tests drive it
// directly.
//
// The concepts, one per file:
//
//   - Stepper (stepper.go): a trace and the current step; moving (Next,
//     Prev, Goto); the state of every element after the step, when the
//     trace comes with a way to know it (Options.State, which ForLesson
//     sets to a re-run of the lesson with lessons.StateAt).
//   - Search (search.go): the next step whose text contains a string, and
//     the one place where an event's searchable text is built.
//   - Lines (lines.go): what is shown at a step, as lines of text with a
//     kind for the views' styles: the event explained, the message in full,
//     the state of every element. Every line is safe to print on a terminal:
//     text from the trace goes through render.Printable.
//   - Ladder (ladder.go): the text ladder of the trace, as render lays it
//     out, one row per step, with a window of rows around a step.
//
// A Stepper works on any trace: a lesson run by ForLesson, a trace read
// from JSON or a capture given to New. Only a simulated run knows the state
// of its elements; without Options.State, State says ErrNoState.
package stepper

import (
	"errors"
	"fmt"
	"time"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// StateFunc returns the state of every element after step (0 is before the
// first event).
type StateFunc func(step int) (*lessons.Snapshot, error)

// ErrNoState is the error of State for a trace without a StateFunc: one
// that was recorded (a saved trace, a capture) rather than simulated here.
var ErrNoState = errors.New("stepper: the trace has no element state")

// Options say what a Stepper shows besides its trace.
type Options struct {
	Lang i18n.Lang // language of every line; the zero value is English

	// State gives the state of the elements after a step; nil when there is
	// no simulation to re-run.
	State StateFunc
}

// A Stepper is a trace being stepped through. Snapshots of the state are
// cached once taken: going back to a step does not re-run the lesson again.
type Stepper struct {
	trace *sim.Trace
	opts  Options

	cur   int                       // the current step, 0…Total()
	snaps map[int]*lessons.Snapshot // state after a step, by step
	query string                    // the last text searched for
}

// New returns a Stepper for trace t at step 0.
func New(t *sim.Trace, o Options) *Stepper {
	if t == nil {
		t = &sim.Trace{}
	}
	return &Stepper{trace: t, opts: o, snaps: map[int]*lessons.Snapshot{}}
}

// ForLesson runs lesson l and returns a Stepper at step 0 of its trace, with
// the warnings of the run (faults that never matched). The state after a
// step is lessons.StateAt: a deterministic re-run of the lesson up to that
// event, so going back in time is exact. It sets o's State from the run.
func ForLesson(l *lessons.Lesson, run lessons.RunOptions, o Options) (*Stepper, []string, error) {
	res, err := lessons.RunDetailed(l, run)
	if err != nil {
		return nil, nil, fmt.Errorf("lesson %s: %w", l.ID, err)
	}
	o.State = func(step int) (*lessons.Snapshot, error) {
		snap, err := lessons.StateAt(l, run, step)
		if err != nil {
			return nil, fmt.Errorf("lesson %s: state at step %d: %w", l.ID, step, err)
		}
		return snap, nil
	}
	return New(res.Trace, o), res.Warnings, nil
}

// Trace is the trace stepped through.
func (s *Stepper) Trace() *sim.Trace { return s.trace }

// Lang is the language of the lines.
func (s *Stepper) Lang() i18n.Lang { return s.opts.Lang }

// Faults are the specs of the faults the run added to its lesson, as the
// trace records them: a saved trace shows them as the run did.
func (s *Stepper) Faults() []string { return s.trace.Faults }

// Total is the number of steps: the trace's events.
func (s *Stepper) Total() int { return s.trace.Len() }

// Step is the current step.
func (s *Stepper) Step() int { return s.cur }

// Event is the event of the current step, nil at step 0.
func (s *Stepper) Event() *sim.Event { return s.trace.Get(s.cur) }

// At is the virtual time of the current step.
func (s *Stepper) At() time.Duration {
	if e := s.Event(); e != nil {
		return e.At
	}
	return 0
}

// Next moves one step forward; false at the last step.
func (s *Stepper) Next() bool {
	if s.cur >= s.Total() {
		return false
	}
	s.cur++
	return true
}

// Prev moves one step back; false at step 0.
func (s *Stepper) Prev() bool {
	if s.cur <= 0 {
		return false
	}
	s.cur--
	return true
}

// Goto moves to step n, 0…Total(); out of range it stays and says why.
func (s *Stepper) Goto(n int) error {
	if n < 0 || n > s.Total() {
		return errors.New(s.opts.Lang.T("step.err.range", n, s.Total()))
	}
	s.cur = n
	return nil
}

// State is the state of every element after the current step, or
// ErrNoState.
func (s *Stepper) State() (*lessons.Snapshot, error) {
	if snap, ok := s.snaps[s.cur]; ok {
		return snap, nil
	}
	if s.opts.State == nil {
		return nil, ErrNoState
	}
	snap, err := s.opts.State(s.cur)
	if err != nil {
		return nil, err
	}
	s.snaps[s.cur] = snap
	return snap, nil
}

// Message parses the message of a step; nil and no error for a step that
// is not a message.
func (s *Stepper) Message(step int) (*sip.Message, error) {
	e := s.trace.Get(step)
	if e == nil || e.Type != sim.EventMessage || e.Raw == "" {
		return nil, nil
	}
	return sip.Parse([]byte(e.Raw))
}
