package nodes

import "github.com/siplab/siplab/sim/sip"

// The non-INVITE client transaction (RFC 3261 §17.1.2, Figure 6).

func (tx *ClientTx) startNonInvite() {
	tx.setState(Trying)
	e := tx.e
	if !tx.Transport.Reliable() {
		tx.interval = T1
		tx.retrans = e.Sim.After(tx.interval, tx.timerE)
	}
	tx.timeout = e.Sim.After(64*T1, tx.timerF)
}

// timerE retransmits the request: the interval doubles up to T2 in Trying,
// and is T2 in Proceeding (§17.1.2.2).
func (tx *ClientTx) timerE() {
	if tx.State != Trying && tx.State != Proceeding {
		return
	}
	if tx.State == Trying {
		tx.interval = min(2*tx.interval, T2)
	} else {
		tx.interval = T2
	}
	tx.retransmit("E", tx.interval)
	tx.retrans = tx.e.Sim.After(tx.interval, tx.timerE)
}

// timerF: no final response within 64·T1 (§17.1.2.2).
func (tx *ClientTx) timerF() {
	if tx.State == Trying || tx.State == Proceeding {
		tx.timedOut(tx.e.T("node.timer.timeout", "F", tx.Method))
	}
}

// timerK: the time to absorb retransmitted responses is over.
func (tx *ClientTx) timerK() {
	tx.e.Sim.Timer(tx.e.Name, tx.e.T("node.timer.end", "K", tx.Method))
	tx.setState(Terminated)
}

func (tx *ClientTx) receiveNonInviteResponse(in *Incoming) {
	switch tx.State {
	case Trying, Proceeding:
		if in.Msg.StatusCode < 200 {
			tx.setState(Proceeding)
			tx.OnResponse(tx, in)
			return
		}
		stopTimers(tx.retrans, tx.timeout)
		tx.setState(Completed)
		tx.linger = tx.e.Sim.After(lingerFor(tx.Transport, T4), tx.timerK)
		tx.OnResponse(tx, in)
	default:
		// Completed: retransmitted responses are absorbed (§17.1.2.2).
	}
}

// receiveResponse is where the transaction layer hands a matching response.
func (tx *ClientTx) receiveResponse(in *Incoming) {
	if tx.Method == sip.INVITE {
		tx.receiveInviteResponse(in)
	} else {
		tx.receiveNonInviteResponse(in)
	}
}
