package nodes

import (
	"fmt"

	"github.com/siplab/siplab/sim"
)

// Inject applies a node fault (sim.Fault: respond, noanswer, password,
// max-forwards, down) to the element. The element's core consults the
// faults where its RFC logic decides: a UA's answer to an INVITE, the
// password it authenticates with, the Max-Forwards of its requests; a
// server's answer to the requests it handles. Which element can take which
// fault is the lesson's rule (a stateless proxy answers nothing itself);
// an element ignores a fault its core has no use for. A later fault of the
// same kind replaces an earlier one.
func (e *Element) Inject(f sim.Fault) error {
	switch f.Kind {
	case sim.FaultDown:
		if f.At == 0 {
			e.Host.Down = true
			return nil
		}
		e.Sim.After(f.At, func() {
			e.Host.Down = true
			e.Sim.State(e.Name, e.T("node.fault.down", f.Spec))
		})
	case sim.FaultRespond, sim.FaultNoAnswer, sim.FaultPassword, sim.FaultMaxForwards:
		e.faults[f.Kind] = f
	default:
		return fmt.Errorf("fault %q is not a node fault", f.Spec)
	}
	return nil
}

// respondsWith is the final status an injected respond fault makes the
// element answer with, or 0.
func (e *Element) respondsWith() int { return e.faults[sim.FaultRespond].Code }

// answerCode is the final status the UA answers every INVITE (and OPTIONS)
// with instead of ringing: an injected respond fault, or its own
// AnswerCode; 0 when it rings.
func (u *UA) answerCode() int {
	if code := u.respondsWith(); code != 0 {
		return code
	}
	return u.AnswerCode
}

// noAnswer reports whether the UA rings without ever answering.
func (u *UA) noAnswer() bool {
	_, injected := u.faults[sim.FaultNoAnswer]
	return u.NoAnswer || injected
}

// password is what the UA authenticates with: an injected wrong password,
// or its own.
func (u *UA) password() string {
	if f, ok := u.faults[sim.FaultPassword]; ok {
		return f.Text
	}
	return u.Password
}

// maxForwards is the Max-Forwards the UA's requests start with.
func (u *UA) maxForwards() int {
	if f, ok := u.faults[sim.FaultMaxForwards]; ok {
		return f.N
	}
	return u.MaxForwards
}
