package render

import (
	"strconv"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// Colouring says which messages of a ladder share a colour.
type Colouring int

const (
	// ByTransaction gives each transaction its colour, across every hop:
	// the messages with the same Call-ID, CSeq number and CSeq method
	// (RFC 3261 §8.1.1.4, §8.1.1.5), so that an INVITE, its forwarded copy
	// and their responses match. The ACK of a non-2xx final response belongs
	// to the INVITE's transaction, as it carries the INVITE's branch
	// (§17.1.1.3); the ACK of a 2xx is a transaction of its own (§13.2.2.4).
	ByTransaction Colouring = iota
	// ByDialog gives every message with the same Call-ID the same colour
	// (§12): a whole call, or a whole registration.
	ByDialog
)

// palette holds the colours of the groups, in order of first appearance:
// dark enough on white to read a label, and told apart from their
// neighbours (the "category10" palette of d3 and matplotlib).
var palette = []string{
	"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
	"#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22",
}

// neutral is the colour of what belongs to no group: notes, timers, a
// message that does not parse.
const neutral = "#444444"

// group sets the Group of every row and fills l.Groups. Messages are
// grouped by what their bytes say; a lookup joins the group of the event
// that caused it; timers, notes and state changes join none.
func (l *Ladder) group(c Colouring) {
	index := map[string]int{}        // group key → index in l.Groups
	inviteBranch := map[string]int{} // branch of an INVITE → its group
	bySeq := map[int]int{}           // seq → group, for the lookups' causes
	add := func(key string) int {
		if i, ok := index[key]; ok {
			return i
		}
		i := len(l.Groups)
		index[key] = i
		l.Groups = append(l.Groups, Group{Key: key, Colour: palette[i%len(palette)]})
		return i
	}
	// of is the group of message m, -1 for none.
	of := func(m *sip.Message) int {
		if c == ByDialog {
			if key := m.CallID(); key != "" {
				return add(key)
			}
			return -1
		}
		cseq, err := m.CSeq()
		if err != nil {
			return -1
		}
		branch := ""
		if v, err := m.TopVia(); err == nil {
			branch = v.Branch()
		}
		g, ok := inviteBranch[branch]
		if !ok || m.Method != "ACK" {
			g = add(m.CallID() + " " + strconv.FormatUint(uint64(cseq.Seq), 10) + " " + cseq.Method)
		}
		if m.Method == "INVITE" && branch != "" {
			inviteBranch[branch] = g
		}
		return g
	}
	for i := range l.Rows {
		r := &l.Rows[i]
		switch {
		case r.msg != nil:
			r.Group = of(r.msg)
		case r.Event.Type == sim.EventLookup:
			if g, ok := bySeq[r.Event.Cause]; ok {
				r.Group = g
			} else if cause := l.trace.Get(r.Event.Cause); cause != nil && cause.Type == sim.EventMessage {
				// A message the ladder leaves out (a retransmission):
				// the group its bytes say.
				if m, err := sip.Parse([]byte(cause.Raw)); err == nil {
					r.Group = of(m)
				}
			}
		}
		if r.Group >= 0 {
			bySeq[r.Event.Seq] = r.Group
		}
	}
}

// Colour returns the colour of a row: its group's, or a dark grey.
func (l *Ladder) Colour(r *Row) string {
	if r.Group < 0 || r.Group >= len(l.Groups) {
		return neutral
	}
	return l.Groups[r.Group].Colour
}
