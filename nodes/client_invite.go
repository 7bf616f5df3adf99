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
	if !tx.reliable() {
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
	if tx.State != Calling {
		return
	}
	e := tx.e
	e.Sim.Timer(e.Name, e.T("node.timer.timeout", "B", tx.Method), e.T("node.timer.timeout.why", "64·T1", 64*T1))
	tx.setState(Terminated)
	if tx.OnTimeout != nil {
		tx.OnTimeout(tx)
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
			if tx.retrans != nil {
				tx.retrans.Stop()
			}
			tx.timeout.Stop()
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
			tx.ack = tx.ackFor(in.Msg)
			tx.sendACK(in.Seq, false)
			tx.setState(Completed)
			wait := 32 * time.Second
			if tx.reliable() {
				wait = 0
			}
			tx.linger = tx.e.Sim.After(wait, tx.timerD)
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

// ackFor builds the ACK for a non-2xx final response inside the transaction
// (§17.1.1.3): same Request-URI, Call-ID, From, CSeq number and Route as the
// INVITE, the To of the response (with its tag), and only the top Via, so
// the ACK shares the INVITE's branch.
func (tx *ClientTx) ackFor(resp *sip.Message) *sip.Message {
	req := tx.Request
	ack := sip.NewRequest(sip.ACK, req.RequestURI)
	v, _ := req.TopVia()
	ack.Add("Via", v.String())
	ack.Add("Max-Forwards", req.Get("Max-Forwards"))
	ack.Add("From", req.Get("From"))
	ack.Add("To", resp.Get("To"))
	ack.Add("Call-ID", req.CallID())
	cseq, _ := req.CSeq()
	ack.Add("CSeq", sip.CSeq{Seq: cseq.Seq, Method: sip.ACK}.String())
	for _, r := range req.Values("Route") {
		ack.Add("Route", r)
	}
	return ack
}

func (tx *ClientTx) sendACK(cause int, again bool) {
	e := tx.e
	key := "node.tx.ack.non2xx"
	if again {
		key = "node.tx.ack.again"
	}
	e.SendRaw(tx.Dest, tx.ack, Out{Cause: cause, Retransmission: again,
		Reasons: []sim.Reason{e.Reason("RFC 3261 §17.1.1.3", key)}})
}
