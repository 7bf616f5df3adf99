package capture

import (
	"io"

	"github.com/siplab/siplab/sim/sip"
)

// A Call is one line of a capture's call list, as sngrep's shows them:
// the messages that share a Call-ID.
type Call struct {
	CallID      string
	From, To    string // the first message's From and To URIs
	First, Last string // the first message's method, the last message's method or status code
	State       State  // of an INVITE's call; "" for other methods
	Messages    int
	Frame       int // the first message's frame
}

// State is where a call stands, the states of sngrep's call list.
type State string

// The states of a call that starts with an INVITE.
const (
	StateSetup     State = "setup"     // no final response yet
	StateInCall    State = "incall"    // answered with a 2xx, no BYE yet
	StateCompleted State = "completed" // a BYE ended it
	StateCancelled State = "cancelled" // CANCEL, or 487
	StateRejected  State = "rejected"  // a final 4xx–6xx other than busy
	StateBusy      State = "busy"      // 486 Busy Here or 600 Busy Everywhere
	StateDiverted  State = "diverted"  // a 3xx redirected it
)

// Calls reads the capture r and lists its calls in the order of their
// first messages. It keeps one line per call, not the messages.
func Calls(r io.Reader) ([]Call, *Stats, error) {
	var calls []Call
	index := map[string]int{}
	st, err := Scan(r, func(f *Found) error {
		m, err := sip.ParseShared(f.Data)
		if err != nil {
			return nil
		}
		id := m.CallID()
		i, ok := index[id]
		if !ok {
			from, _ := m.From()
			to, _ := m.To()
			i = len(calls)
			index[id] = i
			calls = append(calls, Call{CallID: id, From: from.URI.String(), To: to.URI.String(), First: m.Method, Frame: f.Frame})
			if !m.IsRequest() {
				calls[i].First = statusOf(m)
			}
		}
		c := &calls[i]
		c.Messages++
		c.Last = m.Method
		if !m.IsRequest() {
			c.Last = statusOf(m)
		}
		if c.First == sip.INVITE {
			c.State = c.State.after(m)
		}
		return nil
	})
	return calls, st, err
}

func statusOf(m *sip.Message) string { return m.StartLine()[len("SIP/2.0 "):] }

// after is the state of an INVITE's call after message m.
func (s State) after(m *sip.Message) State {
	cs, _ := m.CSeq()
	switch {
	case m.Method == sip.INVITE && s != StateInCall:
		return StateSetup
	case m.Method == sip.CANCEL && s == StateSetup:
		return StateCancelled
	case m.Method == sip.BYE && s == StateInCall:
		return StateCompleted
	case m.IsRequest() || cs.Method != sip.INVITE || m.StatusCode < 200 || s != StateSetup:
		return s
	case m.StatusCode < 300:
		return StateInCall
	case m.StatusCode < 400:
		return StateDiverted
	case m.StatusCode == 487:
		return StateCancelled
	case m.StatusCode == 486 || m.StatusCode == 600:
		return StateBusy
	}
	return StateRejected
}
