package sim

import "slices"

// Record adds e to the trace at the current virtual time and returns its
// seq. Elements use it for events that need more than Note, Timer, State and
// Lookup offer, such as a Cause or Reasons.
func (s *Sim) Record(e Event) int {
	e.At = s.now
	return s.Trace.Add(e)
}

// Note records that something worth explaining happened at node.
func (s *Sim) Note(node string, summary Text, notes ...Text) int {
	return s.Record(Event{Type: EventNote, Node: node, Summary: summary, Notes: slices.Clone(notes)})
}

// Timer records that a timer fired at node ("Timer A fired: retransmit
// INVITE"). Scheduling the timer is After's job; this only traces it.
func (s *Sim) Timer(node string, summary Text, notes ...Text) int {
	return s.Record(Event{Type: EventTimer, Node: node, Summary: summary, Notes: slices.Clone(notes)})
}

// State records that node changed state ("INVITE client transaction:
// Calling → Proceeding").
func (s *Sim) State(node string, summary Text, notes ...Text) int {
	return s.Record(Event{Type: EventState, Node: node, Summary: summary, Notes: slices.Clone(notes)})
}

// Lookup records a non-SIP exchange from one node to another, such as a
// proxy querying the location service.
func (s *Sim) Lookup(from, to string, summary Text, notes ...Text) int {
	return s.Record(Event{Type: EventLookup, From: from, To: to, Summary: summary, Notes: slices.Clone(notes)})
}
