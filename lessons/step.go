package lessons

import (
	"time"

	"github.com/siplab/siplab/nodes"
)

// Snapshot is the state of every element after one step of a run.
type Snapshot struct {
	Step     int           // the trace event the state follows
	At       time.Duration // virtual time then
	Elements []nodes.ElementState
}

// StateAt runs the lesson from the start until the event numbered step has
// been recorded and the handler that recorded it has finished, and returns
// the state of every element then. Runs are deterministic, so going back to
// an earlier step is running again to it. Step 0 is the state before
// anything happens. To take the state after many steps, use a Replay.
func StateAt(l *Lesson, o RunOptions, step int) (*Snapshot, error) {
	return NewReplay(l, o).StateAt(step)
}

// ReplayWindow is how many steps' states a Replay keeps: those just before
// the step asked for when it runs the lesson again from the start, and the
// last ones it took. A student stepping back one step at a time makes it
// run the lesson again once every ReplayWindow steps.
const ReplayWindow = 128

// A Replay takes the state of a lesson's elements after any step, as
// StateAt does, without running the lesson from the start for each: it
// keeps one run of the lesson going and steps it forward to a later step,
// so that stepping forward through n steps runs the lesson once. An element
// cannot be copied back to an earlier state, so a step before the run's is
// taken from the states kept (see ReplayWindow), or else by running again
// from the start, keeping the states of the ReplayWindow steps up to the
// one asked for.
type Replay struct {
	lesson *Lesson
	opts   RunOptions

	run   *Network          // the run kept going; nil before the first state
	kept  map[int]*Snapshot // states kept, by step
	order []int             // the steps of kept, oldest first

	// Executed counts the simulation events run so far by every run: the
	// work the states took.
	Executed int
}

// NewReplay returns a Replay of lesson l run with o; it runs nothing yet.
func NewReplay(l *Lesson, o RunOptions) *Replay {
	return &Replay{lesson: l, opts: o, kept: map[int]*Snapshot{}}
}

// StateAt returns the state of every element after the event numbered step
// (see the function StateAt); past the last event, the state at the end.
func (r *Replay) StateAt(step int) (*Snapshot, error) {
	step = max(step, 0)
	if snap, ok := r.kept[step]; ok {
		return snap, nil
	}
	// Stepping forward keeps the state of the step asked for; going back,
	// the states of the window's steps too, on the way there.
	first := step
	if r.run == nil || r.run.Sim.Trace.Len() > step {
		if r.run != nil {
			first = step - ReplayWindow + 1
		}
		n, err := Build(r.lesson, r.opts)
		if err != nil {
			return nil, err
		}
		r.run = n
	}
	// A handler may record several events: the state after each of them
	// is the state after the handler, kept for all, since the next step
	// asked for is likely to be one of them.
	s := r.run.Sim
	r.keepRange(max(first, s.Trace.Len()), s.Trace.Len())
	for s.Trace.Len() < step {
		n := s.Trace.Len()
		if !s.Step() { // the run ended before step: its state at the end
			return r.snapshot(n, r.run.States()), nil
		}
		r.Executed++
		r.keepRange(max(first, n+1), s.Trace.Len())
	}
	return r.kept[step], nil
}

// keepRange keeps the state the run is in now as the state after each of
// the steps from…to that it does not keep yet.
func (r *Replay) keepRange(from, to int) {
	var elements []nodes.ElementState
	for k := from; k <= to; k++ {
		if _, ok := r.kept[k]; ok {
			continue
		}
		if elements == nil {
			elements = r.run.States()
		}
		r.keep(r.snapshot(k, elements))
	}
}

// snapshot is the state elements of the run after step.
func (r *Replay) snapshot(step int, elements []nodes.ElementState) *Snapshot {
	snap := &Snapshot{Step: step, At: r.run.Sim.Now(), Elements: elements}
	if e := r.run.Sim.Trace.Get(step); e != nil {
		snap.At = e.At
	}
	return snap
}

// keep keeps snap, forgetting the oldest state kept beyond 2·ReplayWindow.
func (r *Replay) keep(snap *Snapshot) {
	r.kept[snap.Step] = snap
	r.order = append(r.order, snap.Step)
	if len(r.order) > 2*ReplayWindow {
		delete(r.kept, r.order[0])
		r.order = r.order[1:]
	}
}

// States takes a snapshot of every element, in the lesson's order of nodes.
func (n *Network) States() []nodes.ElementState {
	var out []nodes.ElementState
	for _, spec := range n.Lesson.Nodes {
		st := nodes.ElementState{Name: spec.Name, Kind: spec.Kind}
		if el := n.elements[spec.Name]; el != nil {
			st.Down = el.Host.Down
			st.Transactions = el.Transactions()
		}
		switch v := n.Nodes[spec.Name].(type) {
		case *nodes.UA:
			st.Dialogs = v.Dialogs()
		case *nodes.Proxy:
			st.HiddenVias = v.Hidden()
		case *nodes.Location:
			st.Bindings = v.Snapshot()
		}
		out = append(out, st)
	}
	return out
}
