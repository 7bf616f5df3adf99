package nodes

// The INVITE server transaction (RFC 3261 §17.2.1, Figure 7).

func (tx *ServerTx) inviteResponded(code int) {
	e := tx.e
	switch {
	case code < 200:
		// Stays in Proceeding.
	case code < 300:
		// §17.2.1: a 2xx ends the transaction; the TU (the UAS core)
		// retransmits the 2xx itself until the ACK comes (§13.3.1.4).
		tx.setState(Terminated)
	default:
		tx.setState(Completed)
		if !tx.Transport.Reliable() {
			tx.interval = T1
			tx.retrans = e.Sim.After(tx.interval, tx.timerG)
		}
		tx.timeout = e.Sim.After(64*T1, tx.timerH)
	}
}

// timerG retransmits the final response, doubling up to T2 (§17.2.1).
func (tx *ServerTx) timerG() {
	if tx.State != Completed {
		return
	}
	e := tx.e
	tx.interval = min(2*tx.interval, T2)
	tev := e.Sim.Timer(e.Name, e.T("node.timer.resend", "G", tx.last.StatusCode), e.T("node.timer.next", tx.interval))
	tx.resend(tev)
	tx.retrans = e.Sim.After(tx.interval, tx.timerG)
}

// timerH: the ACK never came (§17.2.1).
func (tx *ServerTx) timerH() {
	if tx.State != Completed {
		return
	}
	e := tx.e
	e.Sim.Timer(e.Name, e.T("node.timer.noack", "H"), e.T("node.timer.timeout.why", "64·T1", 64*T1))
	tx.setState(Terminated)
	if tx.OnTimeout != nil {
		tx.OnTimeout(tx)
	}
}

// timerI: the time to absorb retransmitted ACKs is over.
func (tx *ServerTx) timerI() {
	tx.e.Sim.Timer(tx.e.Name, tx.e.T("node.timer.end", "I", tx.Method))
	tx.setState(Terminated)
}

func (tx *ServerTx) receiveACK(in *Incoming) {
	e := tx.e
	switch tx.State {
	case Completed:
		stopTimers(tx.retrans, tx.timeout)
		tx.setState(Confirmed)
		tx.linger = e.Sim.After(lingerFor(tx.Transport, T4), tx.timerI)
		if tx.OnACK != nil {
			tx.OnACK(tx, in)
		}
	case Confirmed:
		e.Note(e.T("node.tx.absorbed", in.Msg.Method, tx.State), e.T("node.tx.absorbed.why"))
	}
}
