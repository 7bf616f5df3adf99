package nodes

import (
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// ServerTx is a server transaction (§17.2): INVITE (Proceeding, Completed,
// Confirmed, Terminated; timers G, H, I) or non-INVITE (Trying, Proceeding,
// Completed, Terminated; timer J). The state machines are in
// server_invite.go and server_noninvite.go.
type ServerTx struct {
	e         *Element
	Request   *sip.Message
	Method    string
	Branch    string
	Transport sim.Transport
	State     TxState
	ReqSeq    int // seq of the request's message event

	// OnACK is told of the ACK that confirms a non-2xx final response;
	// OnTimeout of Timer H firing (that ACK never came).
	OnACK        func(tx *ServerTx, in *Incoming)
	OnTimeout    func(tx *ServerTx)
	OnTerminated func(tx *ServerTx) // the transaction is over; its TU may forget it

	key       txKey
	last      *sip.Message // last response sent, for retransmissions
	interval  time.Duration
	retrans   *sim.Timer // G
	timeout   *sim.Timer // H
	linger    *sim.Timer // I or J
	trying100 *sim.Timer
}

func newServerTx(e *Element, in *Incoming, key txKey, branch string) *ServerTx {
	tx := &ServerTx{
		e: e, Request: in.Msg, Method: in.Msg.Method, Branch: branch,
		Transport: in.Transport, ReqSeq: in.Seq, key: key,
	}
	e.servers[key] = tx
	if tx.Method == sip.INVITE {
		tx.setState(Proceeding)
		// §17.2.1: the transaction answers 100 itself if the TU has not
		// sent a provisional response within 200 ms.
		tx.trying100 = e.Sim.After(200*time.Millisecond, tx.auto100)
	} else {
		tx.setState(Trying)
	}
	return tx
}

func (tx *ServerTx) kind() string {
	if tx.Method == sip.INVITE {
		return "node.tx.ist"
	}
	return "node.tx.nist"
}

func (tx *ServerTx) setState(s TxState) {
	if tx.State == s {
		return
	}
	tx.e.txState(tx.kind(), tx.Method, tx.Branch, tx.State, s)
	tx.State = s
	if s == Terminated {
		stopTimers(tx.retrans, tx.timeout, tx.linger, tx.trying100)
		delete(tx.e.servers, tx.key)
		if tx.OnTerminated != nil {
			tx.OnTerminated(tx)
		}
	}
}

// Respond sends a response through the transaction: to the address of the
// top Via (§18.2.2), moving the state machine on.
func (tx *ServerTx) Respond(resp *sip.Message, o Out) int {
	if tx.State == Terminated || tx.State == Completed || tx.State == Confirmed {
		return 0
	}
	if o.Cause == 0 {
		o.Cause = tx.ReqSeq
	}
	stopTimers(tx.trying100)
	tx.last = resp
	o.Transport = tx.Transport
	seq := tx.e.sendResponse(resp, o)
	if tx.Method == sip.INVITE {
		tx.inviteResponded(resp.StatusCode)
	} else {
		tx.nonInviteResponded(resp.StatusCode)
	}
	return seq
}

// sendResponse puts a response on the wire towards its top Via.
func (e *Element) sendResponse(resp *sip.Message, o Out) int {
	dest, ok := e.ResponseAddr(resp)
	if !ok {
		e.Note(e.T("node.transport.noroute"), sim.Lit(resp.StartLine()))
		return 0
	}
	return e.SendRaw(dest, resp, o)
}

// resend retransmits the last response, because of a timer or of a
// retransmitted request.
func (tx *ServerTx) resend(cause int) {
	if tx.last == nil {
		return
	}
	e := tx.e
	e.sendResponse(tx.last, Out{Cause: cause, Retransmission: true, Transport: tx.Transport,
		Reasons: []sim.Reason{e.Reason("RFC 3261 §17.2.1, §17.2.2", "node.tx.resend", tx.last.StatusCode)}})
}

// receiveRequest takes a retransmitted request (or the ACK of an INVITE
// transaction): the transaction absorbs it, answering with its last response
// where the RFC says so (§17.2.1, §17.2.2).
func (tx *ServerTx) receiveRequest(in *Incoming) {
	e := tx.e
	if in.Msg.Method == sip.ACK {
		tx.receiveACK(in)
		return
	}
	e.Note(e.T("node.tx.absorbed", in.Msg.Method, tx.State), e.T("node.tx.absorbed.why"))
	switch tx.State {
	case Proceeding, Completed:
		tx.resend(in.Seq)
	}
}

func (tx *ServerTx) auto100() {
	if tx.State != Proceeding || tx.last != nil {
		return
	}
	e := tx.e
	r := sip.NewResponse(tx.Request, sip.StatusTrying, "")
	tx.last = r
	e.sendResponse(r, Out{Cause: tx.ReqSeq, Transport: tx.Transport,
		Reasons: []sim.Reason{e.Reason("RFC 3261 §17.2.1", "node.tx.auto100")}})
}
