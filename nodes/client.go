package nodes

import (
	"net/netip"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// ClientTx is a client transaction (§17.1): INVITE (Calling, Proceeding,
// Completed, Terminated; timers A, B, D) or non-INVITE (Trying, Proceeding,
// Completed, Terminated; timers E, F, K). The state machines themselves are
// in client_invite.go and client_noninvite.go.
type ClientTx struct {
	e         *Element
	Request   *sip.Message
	Method    string
	Branch    string
	Dest      netip.AddrPort
	Transport sim.Transport
	State     TxState

	// OnResponse receives the responses the transaction passes up;
	// OnTimeout is called when Timer B or F fires (§8.1.3.1: the TU treats
	// it as a 408).
	OnResponse func(tx *ClientTx, in *Incoming)
	OnTimeout  func(tx *ClientTx)

	cause    int
	reasons  []sim.Reason
	interval time.Duration
	retrans  *sim.Timer // A or E
	timeout  *sim.Timer // B or F
	linger   *sim.Timer // D or K
	ack      *sip.Message

	timeoutSeq int // the seq of the timer event that ended the transaction, if one did

	// The CANCEL of an INVITE (§9.1): asked for once, held while the
	// transaction is Calling.
	cancelAsked bool
	cancelWaits func(provisional *Incoming) // sends the CANCEL that waits
	cancelTimer *sim.Timer                  // 64·T1 from the CANCEL to giving up (§9.1)

	// Timer C of a proxy's INVITE branch (§16.6 step 11): the proxy core
	// sets it; it is shown among the transaction's timers.
	timerC *sim.Timer
}

// StartClient creates a client transaction for req, whose top Via carries
// the branch, and sends it to dest.
func (e *Element) StartClient(req *sip.Message, dest netip.AddrPort, o Out, onResponse func(*ClientTx, *Incoming), onTimeout func(*ClientTx)) *ClientTx {
	v, _ := req.TopVia()
	tx := &ClientTx{
		e: e, Request: req, Method: req.Method, Branch: v.Branch(), Dest: dest,
		OnResponse: onResponse, OnTimeout: onTimeout, cause: o.Cause, reasons: o.Reasons,
	}
	e.clients[clientKey(tx.Branch, tx.Method)] = tx
	e.SendRaw(dest, req, o)
	// SendRaw may have switched a large request to TCP (§18.1.1).
	if v2, err := req.TopVia(); err == nil && v2.Transport == "TCP" {
		tx.Transport = sim.TCP
	} else {
		tx.Transport = e.TransportTo(dest)
	}
	if tx.Method == sip.INVITE {
		tx.startInvite()
	} else {
		tx.startNonInvite()
	}
	return tx
}

func (tx *ClientTx) kind() string {
	if tx.Method == sip.INVITE {
		return "node.tx.ict"
	}
	return "node.tx.nict"
}

func (tx *ClientTx) setState(s TxState) {
	if tx.State == s {
		return
	}
	tx.e.txState(tx.kind(), tx.Method, tx.Branch, tx.State, s)
	tx.State = s
	if s == Terminated {
		stopTimers(tx.retrans, tx.timeout, tx.linger, tx.cancelTimer, tx.timerC)
		delete(tx.e.clients, clientKey(tx.Branch, tx.Method))
	}
}

// retransmit sends the request again, verbatim, after the timer event.
func (tx *ClientTx) retransmit(timer string, next time.Duration) {
	e := tx.e
	tev := e.Sim.Timer(e.Name, e.T("node.timer.retransmit", timer, tx.Method), e.T("node.timer.next", next))
	e.SendRaw(tx.Dest, tx.Request, Out{
		Cause: tev, Retransmission: true,
		Reasons: []sim.Reason{e.Reason("RFC 3261 §17.1.1.2, §17.1.2.2", "node.tx.retransmit", timer)},
	})
}

// CancelInvite cancels this INVITE with a CANCEL in a client transaction
// of its own, started with o, onResponse and onTimeout (§9.1). A CANCEL may
// only follow a provisional response: in Proceeding it is sent at once; in
// Calling it waits on the transaction and is sent when the first provisional
// response arrives, or never, if a final response comes first. After a final
// response it would have no effect, and is not sent. Only the first call
// counts: an INVITE is cancelled once.
func (tx *ClientTx) CancelInvite(o Out, onResponse func(*ClientTx, *Incoming), onTimeout func(*ClientTx)) {
	if tx.Method != sip.INVITE || tx.cancelAsked {
		return
	}
	tx.cancelAsked = true
	switch tx.State {
	case Proceeding:
		tx.sendCancel(o, onResponse, onTimeout)
	case Calling:
		tx.cancelWaits = func(in *Incoming) {
			o.Cause = in.Seq
			o.Reasons = append(o.Reasons[:len(o.Reasons):len(o.Reasons)],
				tx.e.Reason("RFC 3261 §9.1", "node.tx.cancel.go", in.Msg.StatusCode))
			tx.sendCancel(o, onResponse, onTimeout)
		}
		tx.e.Note(tx.e.T("node.tx.cancel.wait", tx.Method), tx.e.T("node.tx.cancel.wait.why"))
	}
}

// sendCancel starts the CANCEL's transaction. If the INVITE still has no
// final response 64·T1 later, it is taken as cancelled (§9.1).
func (tx *ClientTx) sendCancel(o Out, onResponse func(*ClientTx, *Incoming), onTimeout func(*ClientTx)) {
	tx.e.StartClient(tx.Cancel(), tx.Dest, o, onResponse, onTimeout)
	tx.cancelTimer = tx.e.Sim.After(64*T1, tx.cancelExpired)
}

// cancelExpired: 64·T1 after the CANCEL, no final response has come; the
// client considers the INVITE cancelled and destroys its transaction
// (§9.1), and the TU is told as of a timeout.
func (tx *ClientTx) cancelExpired() {
	if tx.State == Proceeding {
		tx.timedOut(tx.e.T("node.timer.cancelled", tx.Method))
	}
}

// timedOut ends the transaction when a timer of 64·T1 fires (B, F, or the
// CANCEL's), and tells the TU, which treats it as a 408 (§8.1.3.1).
func (tx *ClientTx) timedOut(summary sim.Text) {
	e := tx.e
	tx.timeoutSeq = e.Sim.Timer(e.Name, summary, e.T("node.timer.timeout.why", "64·T1", 64*T1))
	tx.setState(Terminated)
	if tx.OnTimeout != nil {
		tx.OnTimeout(tx)
	}
}

// Cancel builds the CANCEL for this INVITE transaction (§9.1), with the
// INVITE's To.
func (tx *ClientTx) Cancel() *sip.Message { return tx.sibling(sip.CANCEL, tx.Request.Get("To")) }

// sibling builds a request that goes with the INVITE in its transaction:
// the CANCEL (§9.1) or the ACK of a non-2xx final response (§17.1.1.3).
// Either has the INVITE's Request-URI, Max-Forwards, From, Call-ID, CSeq
// number and Route, and a single Via equal to the INVITE's top Via, so that
// it shares the branch; to is its To header.
func (tx *ClientTx) sibling(method, to string) *sip.Message {
	req := tx.Request
	m := sip.NewRequest(method, req.RequestURI)
	v, _ := req.TopVia()
	m.Add("Via", v.String())
	m.Add("Max-Forwards", req.Get("Max-Forwards"))
	m.Add("From", req.Get("From"))
	m.Add("To", to)
	m.Add("Call-ID", req.CallID())
	cseq, _ := req.CSeq()
	m.Add("CSeq", sip.CSeq{Seq: cseq.Seq, Method: method}.String())
	addAll(m, "Route", req.Values("Route"))
	return m
}
