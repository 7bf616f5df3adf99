package nodes

// The non-INVITE server transaction (RFC 3261 §17.2.2, Figure 8).

func (tx *ServerTx) nonInviteResponded(code int) {
	if code < 200 {
		tx.setState(Proceeding)
		return
	}
	tx.setState(Completed)
	tx.linger = tx.e.Sim.After(lingerFor(tx.Transport, 64*T1), tx.timerJ)
}

// timerJ: the time to absorb retransmitted requests is over (§17.2.2).
func (tx *ServerTx) timerJ() {
	tx.e.Sim.Timer(tx.e.Name, tx.e.T("node.timer.end", "J", tx.Method))
	tx.setState(Terminated)
}
