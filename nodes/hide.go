package nodes

import (
	"maps"
	"strconv"
	"strings"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// hideTable implements RFC 2543's "Hide: hop" (§6.22 of RFC 2543): the next
// proxy keeps the previous hop's Via in a table and forwards, in its place,
// a Via that holds only an index into that table, so that downstream
// elements never see where the request came from. On the way back the proxy
// finds the index below its own Via and puts the original back.
//
// RFC 3261 removed Hide (its §27 and Appendix: it protected little, since
// Contact, From and the SDP still name the caller, and it needed state in
// every proxy). Topology hiding is done today by B2BUAs and session border
// controllers, and caller privacy by RFC 3323 (Privacy: header).
type hideTable struct {
	vias map[int]string
	next int
}

// hiddenHost is the placeholder sent-by of a hidden Via: the ".invalid"
// top-level domain (RFC 2606) never resolves.
func hiddenHost(index int) string { return "h" + strconv.Itoa(index) + ".hidden.invalid" }

// hide replaces the top via-parm of req with an indexed placeholder and
// removes the Hide header, which only concerns this hop. It returns the
// hidden Via.
func (t *hideTable) hide(req *sip.Message) (index int, hidden string) {
	top, err := req.PopVia()
	if err != nil {
		return 0, ""
	}
	if t.vias == nil {
		t.vias = map[int]string{}
	}
	t.next++
	t.vias[t.next] = top.String()
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
	if err != nil || !top.Params.Has("hidden") || !strings.HasSuffix(top.Host, ".hidden.invalid") {
		return 0, ""
	}
	index, err = strconv.Atoi(strings.TrimPrefix(strings.TrimSuffix(top.Host, ".hidden.invalid"), "h"))
	if err != nil {
		return 0, ""
	}
	orig, ok := t.vias[index]
	if !ok {
		return 0, ""
	}
	resp.PopVia()
	resp.Prepend("Via", orig)
	return index, orig
}

// hideVia hides the previous hop's Via of a request the proxy forwards,
// noting the table entry, and returns the reason to give.
func (p *Proxy) hideVia(req *sip.Message) sim.Reason {
	index, via := p.hide.hide(req)
	p.Note(p.T("node.proxy.hidden", index), sim.Lit(via))
	return p.Reason("RFC 2543 §6.22", "node.proxy.hide", via)
}

// Hidden lists the table: index and the Via kept under it, for views of the
// proxy's state.
func (p *Proxy) Hidden() map[int]string { return maps.Clone(p.hide.vias) }
