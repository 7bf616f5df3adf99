package render

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
)

func TestLadderRows(t *testing.T) {
	l := NewLadder(proxyCall(), LadderOptions{})
	var lanes []string
	for _, ln := range l.Lanes {
		lanes = append(lanes, ln.Name+"/"+string(ln.Kind)+"/"+ln.Address)
	}
	if got, want := strings.Join(lanes, " "), "alice/ua/192.0.2.101 proxy/proxy/192.0.2.10 location/location/ bob/ua/192.0.2.201"; got != want {
		t.Errorf("lanes %s, want %s", got, want)
	}
	var rows []string
	for _, r := range l.Rows {
		switch r.Kind {
		case RowArrow:
			rows = append(rows, fmt.Sprintf("%d %d>%d %s", r.Event.Seq, r.From, r.To, r.Label))
		default:
			rows = append(rows, fmt.Sprintf("%d note@%d %s", r.Event.Seq, r.Lane, r.Text))
		}
	}
	want := []string{
		"1 0>1 INVITE", "2 1>0 100 Trying", "3 1>2 lookup bob", "4 2>1 192.0.2.201", "5 1>3 INVITE",
		"6 3>1 180 Ringing", "7 1>0 180 Ringing", "8 3>1 200 OK", "9 1>0 200 OK", "10 0>3 ACK",
		"11 note@3 • call established", "12 3>0 BYE", "13 0>3 200 OK",
	}
	if !slices.Equal(rows, want) {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	if l.Messages != 10 || l.Lost != 0 || FormatTime(l.End) != "5.030s" {
		t.Errorf("Messages %d, Lost %d, End %v", l.Messages, l.Lost, l.End)
	}
	if r := l.Row(5); r == nil || r.FirstLine != "INVITE sip:bob@192.0.2.201 SIP/2.0" {
		t.Errorf("Row(5) = %+v", r)
	}
	if l.Row(99) != nil {
		t.Error("Row(99) found a row")
	}
}

func TestLadderFilters(t *testing.T) {
	count := func(l *Ladder, typ sim.EventType, retrans bool) int {
		n := 0
		for _, r := range l.Rows {
			if r.Event.Type == typ && r.Retransmission == retrans {
				n++
			}
		}
		return n
	}
	tr := lostInvite()
	all := NewLadder(tr, LadderOptions{ShowStates: true})
	plain := NewLadder(tr, LadderOptions{})
	hidden := NewLadder(tr, LadderOptions{HideRetransmissions: true})
	if count(all, sim.EventState, false) != 3 || count(plain, sim.EventState, false) != 0 {
		t.Errorf("states: %d with ShowStates, %d without", count(all, sim.EventState, false), count(plain, sim.EventState, false))
	}
	if count(plain, sim.EventMessage, true) != 3 || count(hidden, sim.EventMessage, true) != 0 {
		t.Errorf("retransmissions: %d shown, %d when hidden", count(plain, sim.EventMessage, true), count(hidden, sim.EventMessage, true))
	}
	if count(hidden, sim.EventMessage, false) != count(plain, sim.EventMessage, false) {
		t.Error("hiding retransmissions hid other messages")
	}
	// The summary counts what is shown, and says how many retransmissions
	// it left out.
	if got, want := hidden.Summary(i18n.EN), "4 messages, 2 lost, 3.030s of virtual time (3 retransmissions left out)"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	if plain.Summary(i18n.EN) != "7 messages, 2 lost, 3.030s of virtual time" {
		t.Errorf("summary %q", plain.Summary(i18n.EN))
	}
	// Nor does it draw the timers that only retransmitted (Timer A).
	if count(plain, sim.EventTimer, false) != 2 || count(hidden, sim.EventTimer, false) != 0 {
		t.Errorf("timers: %d shown, %d when retransmissions are hidden", count(plain, sim.EventTimer, false), count(hidden, sim.EventTimer, false))
	}
	r := plain.Row(2)
	if r == nil || !r.Lost || r.Kind != RowArrow {
		t.Errorf("the lost INVITE: %+v", r)
	}
}

func TestLadderNotes(t *testing.T) {
	l := NewLadder(oddEvents(), LadderOptions{})
	// An endpoint that the trace does not list gets a lane of its own
	// (LaneOrder), so only a lookup without a sender, a message to oneself
	// and a note on no node are notes.
	want := map[int]string{
		1: "-1 • the network starts",
		5: "2 ? → biloxi.example.com",
		6: "1 ↻ MESSAGE",
	}
	for seq, w := range want {
		r := l.Row(seq)
		if r == nil || r.Kind != RowNote || fmt.Sprintf("%d %s", r.Lane, r.Text) != w {
			t.Errorf("row %d: %+v, want note %q", seq, r, w)
		}
	}
	if r := l.Row(3); r == nil || r.Kind != RowArrow || !r.Lost || l.Lanes[r.To].Name != "203.0.113.99:5060" {
		t.Errorf("a message to nobody: %+v", r)
	}
	if r := l.Row(7); r == nil || !strings.Contains(r.Label, `\x1b`) {
		t.Errorf("a control character is not escaped: %+v", r)
	}
}

// TestColourGroups checks that a transaction keeps its colour across hops,
// that a lookup takes the colour of the request that caused it, and that the
// ACK of a 2xx is a transaction of its own.
func TestColourGroups(t *testing.T) {
	tr := forwardedCall()
	l := NewLadder(tr, LadderOptions{})
	group := func(seq int) int { return l.Row(seq).Group }
	invite := group(1)
	for _, seq := range []int{2, 3, 4, 5, 6, 7} {
		if group(seq) != invite {
			t.Errorf("step %d (%s) is in group %d, the INVITE in %d", seq, l.Row(seq).Label, group(seq), invite)
		}
	}
	if group(8) == invite || group(8) < 0 || group(9) != group(8) {
		t.Errorf("ACK for the 2xx: groups %d and %d, INVITE %d", group(8), group(9), invite)
	}
	if group(10) != -1 {
		t.Errorf("a note has group %d", group(10))
	}
	if len(l.Groups) != 2 || l.Groups[0].Colour == l.Groups[1].Colour {
		t.Errorf("groups: %+v", l.Groups)
	}
	if l.Colour(l.Row(10)) != neutral {
		t.Errorf("a note's colour is %s", l.Colour(l.Row(10)))
	}

	// By dialog, everything with the Call-ID is one colour.
	d := NewLadder(tr, LadderOptions{Colours: ByDialog})
	for _, r := range d.Rows {
		if r.Event.Type != sim.EventNote && r.Group != 0 {
			t.Errorf("by dialog: step %d in group %d", r.Event.Seq, r.Group)
		}
	}

	// The ACK of a non-2xx shares the INVITE's branch, and its colour.
	b := NewLadder(busyCall(), LadderOptions{})
	if b.Row(3).Group != b.Row(1).Group {
		t.Errorf("ACK of a 486: group %d, INVITE %d", b.Row(3).Group, b.Row(1).Group)
	}
}
