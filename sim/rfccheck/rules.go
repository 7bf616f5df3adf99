package rfccheck

import (
	"strings"
	"time"

	"github.com/siplab/siplab/sim/sip"
)

// acks: the ACK for a non-2xx final response is part of the INVITE's
// transaction and carries its branch (§17.1.1.3); the ACK for a 2xx is a
// transaction of its own, with a new branch (§13.2.2.4, §17.1.1.3). Which
// one an ACK is comes from the last final response to the INVITE that its
// sender received on that hop, with the ACK's To tag when there are
// several.
func (c *checker) acks() {
	for _, a := range c.msgs {
		if !a.request() || a.m.Method != sip.ACK || a.copyOf != nil {
			continue
		}
		var final *msg
		for o := range earlier(c.calls[a.callID], a) {
			if !o.request() && o.ev.To == a.ev.From && !o.ev.Dropped && o.m.StatusCode >= 200 &&
				o.method() == sip.INVITE && o.cseq.Seq == a.cseq.Seq && (a.to.Tag() == "" || o.to.Tag() == a.to.Tag()) {
				final = o
				break
			}
		}
		if final == nil {
			continue
		}
		invite := c.request(final)
		if invite == nil {
			continue
		}
		switch same := a.branch() == invite.branch(); {
		case final.m.StatusCode < 300 && same:
			c.add(a.ev, invite.ev.Seq, RuleACKBranch, Error, "RFC 3261 §13.2.2.4, §17.1.1.3", "check.ack.2xx", a.branch())
		case final.m.StatusCode >= 300 && !same:
			c.add(a.ev, invite.ev.Seq, RuleACKBranch, Error, "RFC 3261 §17.1.1.3", "check.ack.non2xx", final.m.StatusCode, a.branch(), invite.branch())
		}
	}
}

// proxies: a request that a node sends after receiving it — the same
// Call-ID and CSeq, and the received top Via either under the node's own
// (it pushed one) or still on top (it did not) — is forwarded. A proxy
// decrements Max-Forwards (§16.6 step 3) and pushes its Via (step 8). The
// ACK for a non-2xx and the CANCEL that a proxy makes itself carry only
// its own Via and are not forwards.
func (c *checker) proxies() {
	for _, out := range c.msgs {
		if !out.request() || out.copyOf != nil {
			continue
		}
		for in := range earlier(c.calls[out.callID], out) {
			if !in.request() || in.ev.To != out.ev.From || !in.sameCall(out) || in.m.Method != out.m.Method {
				continue
			}
			pushed := len(out.vias) == len(in.vias)+1 && out.vias[1].Branch() == in.branch()
			kept := len(out.vias) == len(in.vias) && out.branch() == in.branch()
			if !pushed && !kept {
				continue
			}
			if kept {
				c.add(out.ev, in.ev.Seq, RuleProxyVia, Error, "RFC 3261 §16.6 step 8", "check.proxy.via", out.ev.From)
			}
			mfIn, ok1 := in.m.MaxForwards()
			mfOut, ok2 := out.m.MaxForwards()
			if ok1 && ok2 && mfOut >= mfIn {
				c.add(out.ev, in.ev.Seq, RuleMaxForwards, Error, "RFC 3261 §16.6 step 3", "check.proxy.mf", out.ev.From, mfIn, mfOut)
			}
			break
		}
	}
}

// cseqs: in a dialog each new request of one side has a higher CSeq than
// the last (§12.2.1.1). A side is the From tag of its requests; a
// retransmission and the copies proxies forward count once (repeated). ACK and
// CANCEL take the number of the request they go with and are left out.
func (c *checker) cseqs() {
	type side struct{ callID, tag string }
	last := map[side]*msg{}
	for _, x := range c.msgs {
		if !x.request() || x.m.Method == sip.ACK || x.m.Method == sip.CANCEL || x.from.Tag() == "" || c.repeated(x) {
			continue
		}
		k := side{x.callID, x.from.Tag()}
		if prev := last[k]; prev != nil && x.to.Tag() != "" && x.cseq.Seq <= prev.cseq.Seq {
			c.add(x.ev, prev.ev.Seq, RuleCSeq, Error, "RFC 3261 §12.2.1.1", "check.cseq", x.cseq.String(), prev.cseq.String())
		}
		if prev := last[k]; prev == nil || x.cseq.Seq > prev.cseq.Seq {
			last[k] = x
		}
	}
}

// repeated reports whether the request x was sent before: by the same
// node with the same originator's branch (a retransmission), or received
// by its sender (a proxy forwards it).
func (c *checker) repeated(x *msg) bool {
	for o := range earlier(c.calls[x.callID], x) {
		if o.request() && o.cseq == x.cseq && o.from.Tag() == x.from.Tag() &&
			(o.ev.To == x.ev.From || o.ev.From == x.ev.From && o.origin() == x.origin()) {
			return true
		}
	}
	return false
}

// retransmissions: over UDP a client retransmits a request after T1, then
// at doubling intervals (Timer A, §17.1.1.2), capped at T2 for a
// non-INVITE request, which after a provisional response is resent every
// T2 (Timer E, §17.1.2.2). A server retransmits a final response to INVITE
// the same way, capped at T2: a non-2xx on Timer G (§17.2.1), a 2xx from
// the UAS core (§13.3.1.4). Each copy on a hop is compared with the
// schedule that the first interval starts (it gives the T1 in use), or
// with the one RFC 3261's default T1 starts when that explains more copies
// (the first copy was late: sipp resends its INVITE after 654 ms, then
// 1 s and 2 s).
//
// What is resent on demand, not on a timer, is left out: ACKs, provisional
// responses, and the final responses of a transaction whose request came
// again in between (a server answers every retransmission of it). So are
// stream transports, where SIP does not retransmit.
func (c *checker) retransmissions() {
	copies := map[*msg][]*msg{}
	var order []*msg
	for _, x := range c.msgs {
		if x.copyOf == nil || x.m.Method == sip.ACK || x.m.StatusCode >= 100 && x.m.StatusCode < 200 ||
			!x.request() && x.method() != sip.INVITE {
			continue
		}
		if copies[x.copyOf] == nil {
			order = append(order, x.copyOf)
			copies[x.copyOf] = []*msg{x.copyOf}
		}
		copies[x.copyOf] = append(copies[x.copyOf], x)
	}
	for _, first := range order {
		list := copies[first]
		if t := strings.ToUpper(first.ev.Transport); t != "" && t != "UDP" || !first.request() && c.askedAgain(list) {
			continue
		}
		invite := first.method() == sip.INVITE
		var rfc string
		switch {
		case first.request() && invite:
			rfc = "RFC 3261 §17.1.1.2"
		case first.request():
			rfc = "RFC 3261 §17.1.2.2"
		case first.m.StatusCode < 300:
			rfc = "RFC 3261 §13.3.1.4"
		default:
			rfc = "RFC 3261 §17.2.1"
		}
		// The schedule, not the previous interval, gives what is expected:
		// one copy sent late does not make the next one look wrong too.
		off := offSchedule(list, first.request(), invite, list[1].ev.At-list[0].ev.At, 2)
		if fromT1 := offSchedule(list, first.request(), invite, T1, 1); len(fromT1) < len(off) {
			off = fromT1
		}
		for _, o := range off {
			i, got, expect := o.i, list[o.i].ev.At-list[o.i-1].ev.At, o.expect
			if i == 1 {
				c.add(list[i].ev, list[i-1].ev.Seq, RuleRetransmit, Warning, rfc, "check.retransmit.first", got, expect)
			} else {
				c.add(list[i].ev, list[i-1].ev.Seq, RuleRetransmit, Warning, rfc, "check.retransmit", got, list[i-1].ev.At-list[i-2].ev.At, expect)
			}
		}
	}
}

// late is a copy off its schedule: list[i], expected expect after list[i-1].
type late struct {
	i      int
	expect time.Duration
}

// offSchedule lists the copies in list (list[0] the first sending) from
// list[from] on that are off the schedule whose interval from list[from-1]
// is base, doubling after (capped at T2 but for an INVITE request; a
// non-INVITE request resent at T2 after a provisional response is on time).
func offSchedule(list []*msg, request, invite bool, base time.Duration, from int) []late {
	var off []late
	expect := base / 2
	for i := from; i < len(list); i++ {
		got := list[i].ev.At - list[i-1].ev.At
		expect *= 2
		if !request || !invite {
			expect = min(expect, T2)
		}
		if request && !invite && near(got, T2) { // Timer E after a provisional response
			expect = T2
		}
		if !near(got, expect) {
			off = append(off, late{i, expect})
		}
	}
	return off
}

// askedAgain reports whether the sender of the response copies in list
// received its request again while it was sending them.
func (c *checker) askedAgain(list []*msg) bool {
	first, last := list[0], list[len(list)-1]
	for _, o := range c.branches[first.branch()] {
		if o.request() && o.ev.To == first.ev.From && o.method() == first.method() && !o.ev.Dropped &&
			max(o.ev.At, o.ev.Arrive) > first.ev.At && o.ev.At < last.ev.At {
			return true
		}
	}
	return false
}

// near allows a tenth and 20 ms of difference: a capture's times carry
// the network's jitter, and a forwarded retransmission the proxy's.
func near(got, want time.Duration) bool {
	d := got - want
	return max(d, -d) <= want/10+20*time.Millisecond
}
