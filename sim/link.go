package sim

import (
	"fmt"
	"time"
)

// Transport is the transport protocol a packet travels over. The zero value
// means "unspecified": a LinkConfig without one is UDP, and a Send without one
// uses its link's.
type Transport uint8

const (
	UDP Transport = iota + 1 // unreliable datagrams: loss, duplication and reordering are visible
	TCP                      // reliable, in-order byte stream (modelled, see Link)
	TLS                      // TCP with TLS on top: a handshake before the first message (see Link)
)

// String returns "UDP", "TCP", "TLS", or "" for the zero value.
func (t Transport) String() string {
	switch t {
	case UDP:
		return "UDP"
	case TCP:
		return "TCP"
	case TLS:
		return "TLS"
	case 0:
		return ""
	}
	return fmt.Sprintf("Transport(%d)", uint8(t))
}

// Reliable reports whether the transport hides loss and duplication from the
// receiver and delivers in order (RFC 3261 §18: TCP is reliable, UDP is not,
// which is why Timer A and Timer E retransmit only over UDP).
func (t Transport) Reliable() bool { return t == TCP || t == TLS }

// LinkConfig describes the path between two hosts.
type LinkConfig struct {
	// Latency is the one-way delay of every packet.
	Latency time.Duration
	// Jitter adds a uniform random offset in [-Jitter, +Jitter] to the
	// latency of each packet (netem style). The total delay never goes below
	// zero: a packet never arrives before it was sent.
	Jitter time.Duration
	// Loss and Dup are the probabilities (0..1) that a packet is lost, or
	// delivered one extra time. On a reliable transport the receiver sees
	// neither; a loss costs a retransmission delay instead (see Link).
	Loss, Dup float64
	// Transport is what sends on this link use unless SendOptions says
	// otherwise; zero means UDP.
	Transport Transport
}

// Validate reports a config that makes no sense: negative times, or
// probabilities outside 0..1.
func (c LinkConfig) Validate() error {
	switch {
	case c.Latency < 0:
		return fmt.Errorf("sim: link latency %v is negative", c.Latency)
	case c.Latency > MaxDuration:
		return fmt.Errorf("sim: link latency %v is longer than %v", c.Latency, MaxDuration)
	case c.Jitter < 0:
		return fmt.Errorf("sim: link jitter %v is negative", c.Jitter)
	case c.Jitter > MaxDuration:
		return fmt.Errorf("sim: link jitter %v is longer than %v", c.Jitter, MaxDuration)
	case !(c.Loss >= 0 && c.Loss <= 1):
		return fmt.Errorf("sim: link loss %v is not between 0 and 1", c.Loss)
	case !(c.Dup >= 0 && c.Dup <= 1):
		return fmt.Errorf("sim: link duplication %v is not between 0 and 1", c.Dup)
	case c.Transport > TLS:
		return fmt.Errorf("sim: unknown link transport %v", c.Transport)
	}
	return nil
}

// A reliable transport retransmits a lost segment after a retransmission
// timeout that doubles on each attempt (RFC 6298 §5.5), starting from
// tcpRTO (Linux's TCP_RTO_MIN; RFC 6298 would say 1 s, but 200 ms is what a
// LAN actually sees), and gives up after tcpMaxRetries retransmissions.
const (
	tcpRTO        = 200 * time.Millisecond
	tcpMaxRetries = 6
)

// A Link is the path between two hosts, in both directions. Links made with
// Network.Connect have their own config; any other pair of hosts gets a link
// with the network's DefaultLink the first time a packet needs it.
//
// What a loss means depends on the transport of the packet:
//
//   - UDP: every datagram independently goes through the link's filters; it
//     may be lost, duplicated, or overtaken by a later one (jitter reorders).
//   - TCP: the receiver never sees a loss or a duplicate, and packets arrive
//     in the order they were sent in each direction. We do not simulate
//     segments and ACKs; instead a packet that a filter drops is taken to be
//     retransmitted by TCP: it is filtered again, RTO later, with the RTO
//     doubling each time, until it passes or TCP gives up. The trace shows
//     the packet once, late, with a note per lost attempt, and later packets
//     in the same direction wait behind it (head-of-line blocking), which is
//     exactly what a SIP element over TCP experiences.
//   - TLS: TCP, and before the first message between the two hosts the TLS
//     handshake, shown as lookup events (Network.handshake); that message
//     waits one round trip more.
type Link struct {
	A, B *Host

	cfg         LinkConfig
	name        string
	filters     []Filter // added with AddFilter, run before the impairments
	impairments []Filter // the config's own jitter, loss and duplication
	loss        LossFilter
	dup         DupFilter
	jitter      JitterFilter
	lastTCP     [2]time.Duration // latest TCP arrival per direction (0: A→B, 1: B→A)
	tlsUp       bool             // the TLS handshake is done (see handshake)
}

func newLink(s *Sim, a, b *Host, cfg LinkConfig) *Link {
	l := &Link{A: a, B: b, name: a.Name + "–" + b.Name}
	// Each impairment draws from its own stream, so that adding one does
	// not change what the others decide.
	l.jitter.Rand = s.Stream("link " + l.name + " jitter")
	l.loss.Rand = s.Stream("link " + l.name + " loss")
	l.dup.Rand = s.Stream("link " + l.name + " dup")
	l.setConfig(cfg)
	return l
}

func (l *Link) setConfig(cfg LinkConfig) {
	if cfg.Transport == 0 {
		cfg.Transport = UDP
	}
	l.cfg = cfg
	l.jitter.Jitter = cfg.Jitter
	l.loss.Rate = cfg.Loss
	l.dup.Rate = cfg.Dup
	l.impairments = l.impairments[:0]
	if cfg.Jitter > 0 {
		l.impairments = append(l.impairments, &l.jitter)
	}
	if cfg.Loss > 0 {
		l.impairments = append(l.impairments, &l.loss)
	}
	if cfg.Dup > 0 {
		l.impairments = append(l.impairments, &l.dup)
	}
}

// Name returns "a–b" (with an en dash), the names of the link's two hosts in
// the order they were connected.
func (l *Link) Name() string { return l.name }

// Config returns the link's configuration.
func (l *Link) Config() LinkConfig { return l.cfg }

// AddFilter adds f to the filters of this link, after those already added.
// Link filters run after the network's and before the link's own jitter,
// loss and duplication.
func (l *Link) AddFilter(f Filter) { l.filters = append(l.filters, f) }

// direction returns 0 for packets from A to B and 1 for B to A.
func (l *Link) direction(from *Host) int {
	if from == l.A {
		return 0
	}
	return 1
}
