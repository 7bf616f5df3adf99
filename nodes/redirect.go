package nodes

import (
	"strings"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// Redirect is a redirect server (§8.3, §21.3): it asks the location service
// where the callee is and answers 302 Moved Temporarily with the Contacts
// found, so that the caller tries them itself. The INVITE server transaction
// absorbs the caller's ACK of the 302.
type Redirect struct {
	*Element
	Location *Location
}

// NewRedirect makes el a redirect server reading loc.
func NewRedirect(el *Element, loc *Location) *Redirect {
	r := &Redirect{Element: el, Location: loc}
	el.SetCore(r)
	return r
}

// Request answers every request but ACK and CANCEL with a redirection or a
// failure.
func (r *Redirect) Request(in *Incoming, tx *ServerTx) {
	if tx == nil {
		return
	}
	req := in.Msg
	switch req.Method {
	case sip.CANCEL:
		tx.Respond(sip.NewResponse(req, sip.StatusOK, ""), Out{Cause: in.Seq,
			Reasons: []sim.Reason{r.Reason("RFC 3261 §9.2", "node.cancel.late")}})
		return
	case sip.OPTIONS:
		if strings.EqualFold(req.RequestURI.Host, r.HostName) {
			answerOptions(r.Element, in, tx, nil, "")
			return
		}
	}
	if code := r.respondsWith(); code != 0 && req.Method == sip.INVITE {
		respondFault(r.Element, in, tx, code)
		return
	}
	aor := req.RequestURI.AddrOfRecord()
	found := r.Location.Lookup(r.Name, aor, in.Seq)
	if len(found) == 0 {
		code, rfc, key := r.Location.NoBinding(aor)
		r.respondWith(in, tx, code, rfc, key, aor)
		return
	}
	resp := addToTag(r.Element, sip.NewResponse(req, sip.StatusMovedTemporarily, ""))
	for _, b := range found {
		resp.Add("Contact", b.Contact.String())
	}
	tx.Respond(resp, Out{Cause: in.Seq, Reasons: []sim.Reason{r.Reason("RFC 3261 §8.3, §21.3.3", "node.redirect.moved", aor, len(found))}})
}

// StrayResponse: a redirect server sends no requests.
func (r *Redirect) StrayResponse(*Incoming) {}
