package nodes

import (
	"maps"
	"strconv"
	"strings"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// hideTable implements RFC 2543's "Hide: hop" (RFC 2543 §6.22) the way
// the course teaches it: the next proxy keeps the previous hop's Via in a
// table and forwards, in its place, a Via that holds only an index into
// that table, so that downstream elements never see where the request came
// from. On the way back the proxy finds the index below its own Via and
// puts the original back. An entry lives as long as its client transaction:
// it is freed when the final response has been restored (a 2xx to an INVITE
// 64·T1 later, the time its retransmissions may take) or the branch has
// timed out, and an ACK, which no response answers, keeps none, so the
// table does not grow with every call.
//
// RFC 2543 itself needed no table: the proxy encrypted the host and port
// of the Via it hid, with a salt, and decrypted them from the response, so
// it kept no state per request. The table is the course's simplified model
// of that.
//
// RFC 3261 dropped Hide: it protected little, since Contact, From and the
// SDP still name the caller. An RFC 3261 proxy does not know the header and
// passes "Hide: hop" on unchanged, like any unknown header. Topology hiding
// is done today by B2BUAs and session border controllers, and caller
// privacy by RFC 3323 (Privacy: header).
type hideTable struct {
	vias    map[int]string
	leaving map[int]bool // entries of a 2xx to INVITE, freed 64·T1 later
	next    int
}

// hiddenHost is the placeholder sent-by of a hidden Via: the ".invalid"
// top-level domain (RFC 2606) never resolves.
func hiddenHost(index int) string { return "h" + strconv.Itoa(index) + ".hidden.invalid" }

// hiddenIndex is the table index a placeholder Via holds, if v is one.
func hiddenIndex(v sip.Via) (int, bool) {
	if !v.Params.Has("hidden") || !strings.HasSuffix(v.Host, ".hidden.invalid") {
		return 0, false
	}
	index, err := strconv.Atoi(strings.TrimPrefix(strings.TrimSuffix(v.Host, ".hidden.invalid"), "h"))
	return index, err == nil
}

// hide replaces the top via-parm of req with an indexed placeholder and
// removes the Hide header, which only concerns this hop. It keeps the
// hidden Via in the table when a response is to come (keep), and returns
// its index and value.
func (t *hideTable) hide(req *sip.Message, keep bool) (index int, hidden string) {
	top, err := req.PopVia()
	if err != nil {
		return 0, ""
	}
	t.next++
	if keep {
		if t.vias == nil {
			t.vias, t.leaving = map[int]string{}, map[int]bool{}
		}
		t.vias[t.next] = top.String()
	}
	placeholder := sip.Via{Protocol: "SIP/2.0", Transport: top.Transport, Host: hiddenHost(t.next), Params: ";hidden"}
	req.Prepend("Via", placeholder.String())
	req.Del("Hide")
	return t.next, top.String()
}

// restore puts a hidden Via back at the top of a response and returns its
// index and value, or "" when the top Via is not one of the table's
// placeholders.
func (t *hideTable) restore(resp *sip.Message) (index int, via string) {
	top, err := resp.TopVia()
	if err != nil {
		return 0, ""
	}
	index, ok := hiddenIndex(top)
	orig, kept := t.vias[index]
	if !ok || !kept {
		return 0, ""
	}
	resp.PopVia()
	resp.Prepend("Via", orig)
	return index, orig
}

// forget frees the entry of the Via that req, a request the proxy sent,
// hid: its second Via, below the proxy's own.
func (t *hideTable) forget(req *sip.Message) {
	if vias, err := req.Vias(); err == nil && len(vias) > 1 {
		if index, ok := hiddenIndex(vias[1]); ok {
			delete(t.vias, index)
		}
	}
}

// hideVia hides the previous hop's Via of a request the proxy forwards,
// noting the table entry, and returns the reason to give. An ACK gets no
// response, so its entry is not kept.
func (p *Proxy) hideVia(req *sip.Message) sim.Reason {
	keep := req.Method != sip.ACK
	index, via := p.hide.hide(req, keep)
	if !keep {
		return p.Reason("RFC 2543 §6.22", "node.proxy.hide.ack", via, index)
	}
	p.Note(p.T("node.proxy.hidden", index), sim.Lit(via))
	return p.Reason("RFC 2543 §6.22", "node.proxy.hide", via)
}

// unhide restores the hidden Via of a response coming back through the
// proxy, adding the reason to reasons. A final response ends the client
// transaction, so it frees the entry: no other response will need it. A 2xx
// to an INVITE is the exception: the UAS retransmits it until the ACK comes,
// for up to 64·T1 (§13.3.1.4), so the entry lives that much longer.
func (p *Proxy) unhide(resp *sip.Message, reasons []sim.Reason) []sim.Reason {
	index, restored := p.hide.restore(resp)
	if restored == "" {
		return reasons
	}
	p.Note(p.T("node.proxy.restored", index), sim.Lit(restored))
	reasons = append(reasons, p.Reason("RFC 2543 §6.22", "node.proxy.unhide", restored))
	cseq, _ := resp.CSeq()
	switch {
	case resp.StatusCode < 200:
	case resp.StatusCode < 300 && cseq.Method == sip.INVITE:
		if !p.hide.leaving[index] {
			p.hide.leaving[index] = true
			p.Sim.After(64*T1, func() {
				delete(p.hide.vias, index)
				delete(p.hide.leaving, index)
				p.Note(p.T("node.proxy.hide.expired", index))
			})
			reasons = append(reasons, p.Reason("RFC 2543 §6.22, RFC 3261 §13.3.1.4", "node.proxy.hide.later", index, 64*T1))
		}
	default:
		delete(p.hide.vias, index)
		reasons = append(reasons, p.Reason("RFC 2543 §6.22", "node.proxy.hide.freed", index))
	}
	return reasons
}

// Hidden lists the table: index and the Via kept under it, for views of the
// proxy's state.
func (p *Proxy) Hidden() map[int]string { return maps.Clone(p.hide.vias) }
