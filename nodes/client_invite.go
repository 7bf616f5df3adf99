package nodes

import (
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// The INVITE client transaction (RFC 3261 §17.1.1, Figure 5).

func (tx *ClientTx) startInvite() {
	tx.setState(Calling)
	e := tx.e
	if !tx.Transport.Reliable() {
		tx.interval = T1
		tx.retrans = e.Sim.After(tx.interval, tx.timerA)
	}
	tx.timeout = e.Sim.After(64*T1, tx.timerB)
}

// timerA retransmits the INVITE, doubling the interval each time (§17.1.1.2).
func (tx *ClientTx) timerA() {
	if tx.State != Calling {
		return
	}
	tx.interval *= 2
	tx.retransmit("A", tx.interval)
	tx.retrans = tx.e.Sim.After(tx.interval, tx.timerA)
}

// timerB: no response within 64·T1 in the Calling state; the TU is told
// of a timeout, which it treats as a 408 (§17.1.1.2, §8.1.3.1).
func (tx *ClientTx) timerB() {
	if tx.State == Calling {
		tx.timedOut(tx.e.T("node.timer.timeout", "B", tx.Method))
	}
}

// timerD: the time to absorb retransmitted final responses is over.
func (tx *ClientTx) timerD() {
	tx.e.Sim.Timer(tx.e.Name, tx.e.T("node.timer.end", "D", tx.Method))
	tx.setState(Terminated)
}

func (tx *ClientTx) receiveInviteResponse(in *Incoming) {
	code := in.Msg.StatusCode
	switch tx.State {
	case Calling, Proceeding:
		switch {
		case code < 200:
			stopTimers(tx.retrans, tx.timeout)
			tx.setState(Proceeding)
			tx.OnResponse(tx, in)
			tx.releaseCancel(in)
		case code < 300:
			tx.dropCancel(in)
			// §17.1.1.2: a 2xx ends the transaction; the TU sends the ACK.
			tx.setState(Terminated)
			tx.OnResponse(tx, in)
		default:
			tx.dropCancel(in)
			tx.ack = tx.sibling(sip.ACK, in.Msg.Get("To"))
			tx.sendACK(in.Seq, false)
			tx.setState(Completed)
			tx.linger = tx.e.Sim.After(lingerFor(tx.Transport, 32*time.Second), tx.timerD)
			tx.OnResponse(tx, in)
		}
	case Completed:
		if code >= 300 {
			// A retransmitted final response: ACK it again (§17.1.1.2).
			tx.sendACK(in.Seq, true)
		}
	}
}

// releaseCancel sends the CANCEL that waited for a provisional response,
// now that one has come (§9.1); the response is its cause.
func (tx *ClientTx) releaseCancel(in *Incoming) {
	if send := tx.cancelWaits; send != nil && tx.State == Proceeding {
		tx.cancelWaits = nil
		send(in)
	}
}

// dropCancel: the final response has come. A CANCEL sent no longer needs
// its 64·T1 limit; one that waited for a provisional response is never
// sent, as it could no longer change anything (§9.1).
func (tx *ClientTx) dropCancel(in *Incoming) {
	stopTimers(tx.cancelTimer)
	if tx.cancelWaits == nil {
		return
	}
	tx.cancelWaits = nil
	tx.e.Note(tx.e.T("node.tx.cancel.moot", in.Msg.StatusCode, tx.Method), tx.e.T("node.tx.cancel.moot.why"))
}

// sendACK sends the ACK of a non-2xx final response, built in the
// transaction with the To of the response, tag included (§17.1.1.3).
func (tx *ClientTx) sendACK(cause int, again bool) {
	e := tx.e
	key := "node.tx.ack.non2xx"
	if again {
		key = "node.tx.ack.again"
	}
	e.SendRaw(tx.Dest, tx.ack, Out{Cause: cause, Retransmission: again,
		Reasons: []sim.Reason{e.Reason("RFC 3261 §17.1.1.3", key)}})
}
