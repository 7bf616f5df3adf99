package nodes

import (
	"strconv"
	"strings"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// The timer values of RFC 3261 §17.1.1.1 and Table 4.
const (
	T1 = 500 * time.Millisecond // RTT estimate
	T2 = 4 * time.Second        // longest retransmit interval for non-INVITE requests and INVITE responses
	T4 = 5 * time.Second        // longest time a message stays in the network
)

// TxState is a state of one of the four transaction state machines, with the
// RFC's names.
type TxState int

const (
	Calling TxState = iota + 1
	Trying
	Proceeding
	Completed
	Confirmed
	Terminated
)

var txStateNames = [...]string{"?", "Calling", "Trying", "Proceeding", "Completed", "Confirmed", "Terminated"}

func (s TxState) String() string {
	if s < Calling || s > Terminated {
		return "?"
	}
	return txStateNames[s]
}

// lingerFor is how long a transaction that has finished its exchange stays
// to absorb retransmissions (timers D, I, J, K): d over an unreliable
// transport, and zero over a reliable one, which does not retransmit
// (§17.1.1.2, §17.1.2.2, §17.2.1, §17.2.2).
func lingerFor(t sim.Transport, d time.Duration) time.Duration {
	if t.Reliable() {
		return 0
	}
	return d
}

// stopTimers stops the timers that are set.
func stopTimers(timers ...*sim.Timer) {
	for _, t := range timers {
		if t != nil {
			t.Stop()
		}
	}
}

// clientKey matches a response to its client transaction (§17.1.3): the
// branch of the top Via and the method of the CSeq.
func clientKey(branch, method string) txKey { return txKey{branch: branch, method: method} }

// A txKey identifies a transaction of an element: a struct rather than the
// fields joined, so that a lookup builds no string.
type txKey struct{ branch, sentBy, method string }

// serverKey matches a request to its server transaction (§17.2.3): branch,
// sent-by, and method, where an ACK matches the INVITE.
func serverKey(branch, sentBy, method string) txKey {
	if method == sip.ACK {
		method = sip.INVITE
	}
	return txKey{branch, strings.ToLower(sentBy), method}
}

// dispatchRequest hands a request to its server transaction, or creates one
// and tells the core (§17.2.3). An ACK matching no transaction (the ACK of a
// 2xx) and every request at a stateless element go straight to the core.
func (e *Element) dispatchRequest(in *Incoming) {
	if e.Stateless {
		e.core.Request(in, nil)
		return
	}
	m := in.Msg
	v, _ := m.TopVia()
	branch := v.Branch()
	if !strings.HasPrefix(branch, sip.MagicCookie) {
		// An RFC 2543 request: siplab's elements all use the magic cookie,
		// so the simplified rule is to key on whatever branch there is
		// (§17.2.3 describes the full RFC 2543 matching). Only the CSeq
		// number counts: the ACK of a non-2xx has method ACK in its CSeq
		// and must still match the INVITE (§17.2.3).
		cseq, _ := m.CSeq()
		branch = "2543:" + branch + "|" + m.CallID() + "|" + strconv.FormatUint(uint64(cseq.Seq), 10)
	}
	key := serverKey(branch, v.SentBy(), m.Method)
	if tx, ok := e.servers[key]; ok {
		tx.receiveRequest(in)
		return
	}
	if m.Method == sip.ACK {
		e.core.Request(in, nil)
		return
	}
	tx := newServerTx(e, in, key, branch)
	e.core.Request(in, tx)
}

// dispatchResponse hands a response to its client transaction (§17.1.3).
func (e *Element) dispatchResponse(in *Incoming) {
	v, _ := in.Msg.TopVia()
	cseq, err := in.Msg.CSeq()
	if err == nil {
		if tx, ok := e.clients[clientKey(v.Branch(), cseq.Method)]; ok {
			tx.receiveResponse(in)
			return
		}
	}
	e.core.StrayResponse(in)
}

// ServerInvite returns the INVITE server transaction with the given branch
// and sent-by, the one a CANCEL with the same branch refers to (§9.2).
func (e *Element) ServerInvite(branch, sentBy string) *ServerTx {
	return e.servers[serverKey(branch, sentBy, sip.INVITE)]
}

// txState records a transaction's change of state in the trace; kind is a
// catalog key (node.tx.ict, node.tx.nict, node.tx.ist, node.tx.nist), and
// kind.state the key of its change ("node.tx.ict.state"). The
// creation of a transaction is not recorded: the message that created it
// says as much, and its first state follows from its kind (§17: Calling,
// Trying or Proceeding).
func (e *Element) txState(kind, method, branch string, from, to TxState) {
	if from == 0 {
		return
	}
	// The text built directly, its arguments as sim.Arg writes them: a
	// transaction changes state a dozen times per call, and the key made
	// once per kind, not once per change.
	summary := sim.Text{Key: stateKeys[kind], Args: []string{method, from.String(), to.String()}}
	e.Sim.State(e.Name, summary, sim.Lit(branch))
}

// stateKeys maps each kind of transaction to the key of its changes of state.
var stateKeys = func() map[string]string {
	m := map[string]string{}
	for _, k := range []string{"node.tx.ict", "node.tx.nict", "node.tx.ist", "node.tx.nist"} {
		m[k] = k + ".state"
	}
	return m
}()
