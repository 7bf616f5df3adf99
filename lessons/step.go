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
// anything happens.
func StateAt(l *Lesson, o RunOptions, step int) (*Snapshot, error) {
	n, err := Build(l, o)
	if err != nil {
		return nil, err
	}
	s := n.Sim
	for s.Trace.Len() < step && s.Step() {
	}
	snap := &Snapshot{Step: min(step, s.Trace.Len()), At: s.Now(), Elements: n.States()}
	if e := s.Trace.Get(snap.Step); e != nil {
		snap.At = e.At
	}
	return snap, nil
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
