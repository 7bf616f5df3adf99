package sim

import (
	"math"
	"math/rand/v2"
	"strconv"
	"time"
)

// A Filter looks at a packet about to cross a link and decides its fate.
// Filters compose: the network's filters run first (Network.AddFilter), then
// the link's (Link.AddFilter), then the link's own jitter, loss and
// duplication, which are Filters too. Faults are Filters.
//
// A filter may read the packet and replace or modify p.Data (the engine's
// private copy); changes to the other fields are ignored. Filters run once
// per packet, before its message event is recorded, so p.Seq is still zero;
// on a reliable transport they run again for each TCP retransmission of a
// dropped packet (ctx.Attempt counts them).
type Filter interface {
	Filter(p *Packet, ctx FilterContext) Verdict
}

// FilterFunc adapts an ordinary function to a Filter.
type FilterFunc func(p *Packet, ctx FilterContext) Verdict

// Filter calls f(p, ctx).
func (f FilterFunc) Filter(p *Packet, ctx FilterContext) Verdict { return f(p, ctx) }

// FilterContext tells a Filter where a packet is going.
type FilterContext struct {
	Now       time.Duration // virtual time of the send
	From, To  *Host         // never nil: a packet to nowhere is dropped before filtering
	Link      *Link
	Transport Transport // the packet's transport (never zero)
	// Attempt is 0 for the first try, n for TCP's n-th retransmission.
	Attempt int
	// Retransmission is SendOptions.Retransmission: the sender's own
	// (SIP-level) retransmission, such as Timer A re-sending an INVITE.
	Retransmission bool
}

// A Verdict is a filter's decision. The zero Verdict (Pass) lets the packet
// through unchanged. Verdicts of successive filters add up: delays and
// duplicate counts sum, corruptions apply in order, notes accumulate; a Drop
// ends the chain.
type Verdict struct {
	Drop      bool                // lose the packet
	Delay     time.Duration       // hold it this much longer (may be negative, e.g. jitter; the total delay is never below zero)
	Duplicate int                 // deliver this many extra copies
	Corrupt   func([]byte) []byte // applied to the packet's data at once; returns the damaged bytes
	Note      Text                // why, for the trace; empty adds no note
}

// Pass lets the packet through.
func Pass() Verdict { return Verdict{} }

// Drop loses the packet; note says why ("lost on link alice–proxy (loss 20%)").
func Drop(note Text) Verdict { return Verdict{Drop: true, Note: note} }

// Delay holds the packet d longer.
func Delay(d time.Duration, note Text) Verdict { return Verdict{Delay: d, Note: note} }

// Duplicate delivers n extra copies of the packet.
func Duplicate(n int, note Text) Verdict { return Verdict{Duplicate: n, Note: note} }

// Corrupt damages the packet's data with fn.
func Corrupt(fn func([]byte) []byte, note Text) Verdict { return Verdict{Corrupt: fn, Note: note} }

// LossFilter drops each packet independently with probability Rate.
type LossFilter struct {
	Rate float64
	Rand *rand.Rand
}

// Filter implements Filter.
func (f *LossFilter) Filter(p *Packet, ctx FilterContext) Verdict {
	if f.Rand.Float64() >= f.Rate {
		return Verdict{}
	}
	return Drop(T("net.link.loss", ctx.Link.Name(), percent(f.Rate)))
}

// DupFilter delivers each packet one extra time with probability Rate.
type DupFilter struct {
	Rate float64
	Rand *rand.Rand
}

// Filter implements Filter.
func (f *DupFilter) Filter(p *Packet, ctx FilterContext) Verdict {
	if f.Rand.Float64() >= f.Rate {
		return Verdict{}
	}
	return Duplicate(1, T("net.link.dup", ctx.Link.Name(), percent(f.Rate)))
}

// JitterFilter delays each packet by a uniform random offset in
// [-Jitter, +Jitter], in whole microseconds (a capture's resolution; it keeps
// trace times readable); the engine keeps the total delay at zero or more.
type JitterFilter struct {
	Jitter time.Duration
	Rand   *rand.Rand
}

// Filter implements Filter.
func (f *JitterFilter) Filter(p *Packet, ctx FilterContext) Verdict {
	step := time.Microsecond
	if f.Jitter < step {
		step = 1
	}
	n := int64(f.Jitter / step)
	if n <= 0 {
		return Verdict{}
	}
	return Verdict{Delay: time.Duration(f.Rand.Int64N(2*n+1)-n) * step}
}

// percent formats a probability as "20%", without float noise.
func percent(rate float64) string {
	v := math.Round(rate*100*1e6) / 1e6
	return strconv.FormatFloat(v, 'f', -1, 64) + "%"
}
