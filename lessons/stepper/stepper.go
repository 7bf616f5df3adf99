// Package stepper is the model of `siplab step` without a terminal: a trace,
// the step the student is at, and what is shown there. A step is one trace
// event; step 0 is the instant before the first one. The full-screen view
// and the line mode of cmd/siplab both drive a Stepper, and tests drive it
// directly.
//
// The concepts, one per file:
//
//   - Stepper (stepper.go): a trace and the current step; moving (Next,
//     Prev, Goto, NextMessage, PrevMessage); the state of every element after the step, when the
//     trace comes with a way to know it (Options.State, which ForLesson
//     sets to a lessons.Replay of the lesson).
//   - Search (search.go): the next step whose text contains a string, and
//     the one place where an event's searchable text is built.
//   - Lines (lines.go): what is shown at a step, as lines of text with a
//     kind for the views' styles: the event explained, the message in full,
//     the state of every element. Every line is safe to print on a terminal:
//     text from the trace goes through render.Printable.
//   - Ladder (ladder.go): the text ladder of the trace, as render lays it
//     out, one row per step, with a window of rows around a step.
//   - Steps (classroom.go): what is shown at every step, for the player of
//     the HTML walkthrough (render.Classroom).
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

// A Stepper is a trace being stepped through.
type Stepper struct {
	trace *sim.Trace
	opts  Options

	cur   int    // the current step, 0…Total()
	query string // the last text searched for
}

// New returns a Stepper for trace t at step 0.
func New(t *sim.Trace, o Options) *Stepper {
	if t == nil {
		t = &sim.Trace{}
	}
	return &Stepper{trace: t, opts: o}
}

// ForLesson runs lesson l and returns a Stepper at step 0 of its trace, with
// the warnings of the run (faults that never matched). The state after a
// step comes from a lessons.Replay: a deterministic re-run of the lesson,
// kept going while the student steps forward and run again from the start
// now and then when they step back, so going back in time is exact. It
// sets o's State from the run.
func ForLesson(l *lessons.Lesson, run lessons.RunOptions, o Options) (*Stepper, []string, error) {
	res, err := lessons.RunDetailed(l, run)
	if err != nil {
		return nil, nil, fmt.Errorf("lesson %s: %w", l.ID, err)
	}
	replay := lessons.NewReplay(l, run)
	o.State = func(step int) (*lessons.Snapshot, error) {
		snap, err := replay.StateAt(step)
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
	if s.opts.State == nil {
		return nil, ErrNoState
	}
	return s.opts.State(s.cur)
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

// NextMessage moves forward to the next step that is a message, skipping
// the other events (timers, state changes, notes, lookups); false, and it
// stays, when no message follows.
func (s *Stepper) NextMessage() bool {
	for i := s.cur + 1; i <= s.Total(); i++ {
		if s.trace.Get(i).Type == sim.EventMessage {
			s.cur = i
			return true
		}
	}
	return false
}

// PrevMessage moves back to the previous step that is a message; false,
// and it stays, when none comes before.
func (s *Stepper) PrevMessage() bool {
	for i := s.cur - 1; i >= 1; i-- {
		if s.trace.Get(i).Type == sim.EventMessage {
			s.cur = i
			return true
		}
	}
	return false
}
