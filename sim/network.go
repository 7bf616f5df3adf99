package sim

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strings"
	"time"
	"unsafe"
)

// A Network is the set of hosts of a simulation and the links between them.
// It also carries every packet: Host.Send hands the packet to the network,
// which records it in the trace, runs it through the filters and schedules
// its delivery.
type Network struct {
	// DefaultLink configures the link between two hosts that were never
	// Connected, created when they first exchange a packet (10 ms one way,
	// UDP, no impairment, unless changed before that).
	DefaultLink LinkConfig

	// Outside, if set, is asked for a host at an address where none
	// listens, before a packet for it is traced as undeliverable.
	Outside Outside

	sim     *Sim
	hosts   []*Host
	byName  map[string]*Host
	byAddr  map[netip.AddrPort]*Host
	links   map[hostPair]*Link
	filters []Filter
	nats    []*NAT
	nextID  int // the id of the next host added: ids are never reused
}

// hostPair identifies a link by the creation order of its two hosts, the
// lower first, so that (a, b) and (b, a) are the same link.
type hostPair struct{ lo, hi int }

func newNetwork(s *Sim) *Network {
	return &Network{
		DefaultLink: LinkConfig{Latency: 10 * time.Millisecond, Transport: UDP},
		sim:         s,
		byName:      make(map[string]*Host),
		byAddr:      make(map[netip.AddrPort]*Host),
		links:       make(map[hostPair]*Link),
	}
}

// AddHost adds a host listening at addr and lists it in the trace's nodes.
// Lessons and examples use the documentation ranges (RFC 5737:
// 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24; RFC 3849: 2001:db8::/32).
//
// AddHost panics if name is empty or taken, or addr is invalid or taken:
// those are mistakes of the code building the network, which must validate
// its own input (a lesson file) first.
func (n *Network) AddHost(name string, kind Kind, addr netip.AddrPort) *Host {
	switch {
	case name == "":
		panic("sim: AddHost: empty host name")
	case !addr.IsValid():
		panic(fmt.Sprintf("sim: AddHost %s: invalid address", name))
	case n.byName[name] != nil:
		panic(fmt.Sprintf("sim: AddHost: host name %q is already taken", name))
	case n.byAddr[addr] != nil:
		panic(fmt.Sprintf("sim: AddHost %s: address %v is already host %s's", name, addr, n.byAddr[addr].Name))
	}
	h := &Host{Name: name, Kind: kind, Addr: addr, net: n, id: n.nextID}
	n.nextID++
	n.hosts = append(n.hosts, h)
	n.byName[name] = h
	n.byAddr[addr] = h
	n.sim.Trace.Nodes = append(n.sim.Trace.Nodes, NodeInfo{Name: name, Kind: kind, Address: addr.String()})
	return h
}

// RemoveHost takes hosts off the network, with their links: their names
// and addresses are free again, and a packet for one of their addresses
// finds no host (or asks Outside for one). The trace's nodes keep them, as
// the trace keeps what they sent; a packet already in flight to one is
// still handed to its Receive. A host of another network, or one removed
// already, is ignored. Lessons never remove a host; a long-running server
// (the lab) removes the hosts of endpoints gone silent.
func (n *Network) RemoveHost(hosts ...*Host) {
	gone := make(map[int]bool, len(hosts))
	for _, h := range hosts {
		if h != nil && h.net == n && n.byName[h.Name] == h {
			gone[h.id] = true
			delete(n.byName, h.Name)
			delete(n.byAddr, h.Addr)
		}
	}
	if len(gone) == 0 {
		return
	}
	n.hosts = slices.DeleteFunc(n.hosts, func(h *Host) bool { return gone[h.id] })
	for k := range n.links {
		if gone[k.lo] || gone[k.hi] {
			delete(n.links, k)
		}
	}
}

// Host returns the host called name, or nil.
func (n *Network) Host(name string) *Host { return n.byName[name] }

// HostAt returns the host listening at addr, or nil.
func (n *Network) HostAt(addr netip.AddrPort) *Host { return n.byAddr[addr] }

// Hosts returns the hosts in the order they were added (those removed
// left out).
func (n *Network) Hosts() []*Host { return n.hosts }

// Connect sets the link between a and b (in both directions) to cfg and
// returns it. Connecting a pair again changes the config of the existing
// link and keeps its filters. Connect panics if cfg is invalid; use
// LinkConfig.Validate on configs that come from input.
func (n *Network) Connect(a, b *Host, cfg LinkConfig) *Link {
	if err := cfg.Validate(); err != nil {
		panic(fmt.Sprintf("sim: Connect %s–%s: %v", a.Name, b.Name, err))
	}
	key := n.pair(a, b)
	if l := n.links[key]; l != nil {
		l.setConfig(cfg)
		return l
	}
	l := newLink(n.sim, a, b, cfg)
	n.links[key] = l
	return l
}

// Link returns the link between a and b, creating it with DefaultLink if
// they were never connected (named after the host added first).
func (n *Network) Link(a, b *Host) *Link {
	key := n.pair(a, b)
	if l := n.links[key]; l != nil {
		return l
	}
	if a.id > b.id {
		a, b = b, a // name it in the order the hosts were added
	}
	l := newLink(n.sim, a, b, n.DefaultLink)
	n.links[key] = l
	return l
}

// LinkInfos describes every link that was configured or used, in the order
// of the hosts' creation.
func (n *Network) LinkInfos() []LinkInfo {
	keys := slices.AppendSeq(make([]hostPair, 0, len(n.links)), maps.Keys(n.links))
	slices.SortFunc(keys, func(a, b hostPair) int {
		return cmp.Or(cmp.Compare(a.lo, b.lo), cmp.Compare(a.hi, b.hi))
	})
	out := make([]LinkInfo, 0, len(keys))
	for _, k := range keys {
		l := n.links[k]
		a, b := l.A, l.B
		if a.id > b.id {
			a, b = b, a // in the order the hosts were added
		}
		c := l.cfg // its Transport is never zero (setConfig)
		out = append(out, LinkInfo{
			A: a.Name, B: b.Name,
			LatencyMS: toMS(c.Latency), JitterMS: toMS(c.Jitter),
			Loss: c.Loss, Dup: c.Dup, Transport: c.Transport.String(),
		})
	}
	return out
}

func (n *Network) pair(a, b *Host) hostPair {
	if a.net != n || b.net != n {
		panic("sim: host of another network")
	}
	i, j := a.id, b.id
	if i > j {
		i, j = j, i
	}
	return hostPair{i, j}
}

// AddFilter adds f to the filters every packet goes through, on every link,
// after those already added.
func (n *Network) AddFilter(f Filter) { n.filters = append(n.filters, f) }

// send is Host.Send: record the message event(s), decide the packet's fate
// and schedule its delivery.
func (n *Network) send(from *Host, to netip.AddrPort, data []byte, opts *SendOptions) int {
	s := n.sim
	dst := n.byAddr[to]
	var nat *NAT  // the NAT the packet would come in through, if any
	deliver := to // where it goes: to, or the inside address a NAT maps to to
	var natNote Text
	if dst == nil {
		if nat = n.natAt(to.Addr()); nat != nil {
			if in, ok := nat.inbound(to.Port()); ok {
				dst, deliver = n.byAddr[in], in
				natNote = T("net.nat.in", nat.Name, to.String(), in.String())
			}
		}
	}
	if dst == nil && nat == nil && n.Outside != nil {
		dst = n.Outside(to)
	}
	var link *Link
	if dst != nil {
		link = n.Link(from, dst)
	}
	tr := opts.Transport
	if tr == 0 && link != nil {
		tr = link.cfg.Transport
	}
	if tr == 0 {
		tr = UDP
	}

	e := Event{
		Type:           EventMessage,
		At:             s.now,
		From:           from.Name,
		Summary:        opts.Summary,
		Cause:          opts.Cause,
		Reasons:        opts.Reasons, // handed over with the data
		Transport:      tr.String(),
		Retransmission: opts.Retransmission,
	}
	var notes []Text // nil, not empty, when there is nothing to say
	if len(opts.Notes) > 0 {
		notes = opts.Notes[:len(opts.Notes):len(opts.Notes)] // appends copy
	}

	var why Text
	inside := n.behind(from)
	switch {
	case from.Down:
		why = T("net.host.down", from.Name)
	case dst == nil && nat != nil:
		why = T("net.nat.nobinding", nat.Name, to.String())
	case dst == nil:
		why = T("net.host.none", to.String())
	case dst.Down:
		why = T("net.host.down", dst.Name)
	case nat == nil && n.behind(dst) != nil && n.behind(dst) != inside:
		why = T("net.nat.private", to.String(), n.behind(dst).Name)
	}
	switch {
	case dst != nil:
		e.To = dst.Name
	case nat != nil:
		e.To = nat.Name
	default:
		e.To = to.String()
	}
	if !why.IsZero() {
		e.Raw = string(data)
		e.Summary = summary(e.Summary, e.Raw)
		e.Dropped = true
		notes = append(notes, why)
		switch {
		case dst != nil && link != nil:
			// As for a packet a filter drops: the fault and note filters
			// count it, and a lesson's note can explain it.
			ctx := FilterContext{Now: s.now, From: from, To: dst, Link: link, Transport: tr, Retransmission: opts.Retransmission}
			countRest(&Packet{From: from.Addr, To: to, Data: data, Transport: tr}, ctx, &notes, nil, n.filters, link.filters)
		case dst == nil && nat != nil:
			// The lesson's notes and faults see the packets a NAT turns
			// away: the NAT stands in for the host they never reach.
			ctx := FilterContext{Now: s.now, From: from, To: &Host{Name: nat.Name, Kind: KindNAT}, Transport: tr}
			countRest(&Packet{From: from.Addr, To: to, Data: data, Transport: tr}, ctx, &notes, nil, n.filters)
		}
		e.Notes = notes
		seq := s.Trace.Add(e)
		if dst == nil && nat != nil {
			s.Record(Event{Type: EventState, Node: nat.Name, Cause: seq,
				Summary: T("net.nat.dropped", to.String()), Notes: []Text{T("net.nat.dropped.why")}})
		}
		return seq
	}

	src := from.Addr
	if inside != nil && n.behind(dst) != inside {
		var note Text
		src, note = inside.outbound(from.Addr)
		notes = append(notes, note)
	}
	if !natNote.IsZero() {
		notes = append(notes, natNote)
	}
	p := Packet{From: src, To: deliver, Data: data, Transport: tr}
	ctx := FilterContext{Now: s.now, From: from, To: dst, Link: link, Transport: tr, Retransmission: opts.Retransmission}
	sum, lost := n.filter(&p, ctx, &notes)
	// The trace and the packet share the bytes: Packet.Data is read-only.
	e.Raw = unsafe.String(unsafe.SliceData(p.Data), len(p.Data))
	e.Summary = summary(e.Summary, e.Raw)
	if lost {
		e.Dropped = true
		e.Notes = notes
		return s.Trace.Add(e)
	}

	sum.Duplicate = max(sum.Duplicate, 0)
	delay := max(link.cfg.Latency+sum.Delay, 0)
	if tr == TLS {
		if wait := n.handshake(link, from, dst); wait > 0 {
			delay += wait
			notes = append(notes, T("net.tls.wait", wait))
		}
	}
	arrive := s.now + delay
	if tr.Reliable() {
		// In order per direction: never overtake the previous packet.
		dir := link.direction(from)
		arrive = max(arrive, link.lastTCP[dir])
		link.lastTCP[dir] = arrive
		if sum.Duplicate > 0 {
			notes = append(notes, T("net.tcp.dupdiscarded"))
			sum.Duplicate = 0
		}
	}
	e.Arrive = arrive

	first := 0
	rcv := dst // set once, so that the closures below copy it: dst, set on several paths, would live on the heap
	for i := 0; i <= sum.Duplicate; i++ {
		c := e
		c.Notes = notes
		if i > 0 {
			c.Notes = append(notes[:len(notes):len(notes)], T("net.dupof", first))
		}
		seq := s.Trace.Add(c)
		pkt := p
		pkt.Seq = seq
		if i == 0 {
			first = seq
		} else {
			pkt.Data = bytes.Clone(p.Data)
		}
		s.After(arrive-s.now, func() { n.deliver(rcv, pkt) })
	}
	return first
}

// filter runs the packet through the network's filters, the link's filters
// and the link's impairments, summing their verdicts and appending their
// notes. On a reliable transport a drop becomes a TCP retransmission: the
// chain runs again one RTO later, with the RTO doubling, until the packet
// passes or TCP gives up (see Link).
func (n *Network) filter(p *Packet, ctx FilterContext, notes *[]Text) (sum Verdict, lost bool) {
	var wait time.Duration
	rto := tcpRTO
	for attempt := 0; ; attempt++ {
		ctx.Attempt = attempt
		v := n.chain(p, ctx, notes)
		if !v.Drop {
			v.Delay += wait
			return v, false
		}
		why := v.Note
		if why.IsZero() {
			why = T("net.lost")
		}
		*notes = append(*notes, why)
		if !ctx.Transport.Reliable() {
			return Verdict{}, true
		}
		if attempt == tcpMaxRetries {
			*notes = append(*notes, T("net.tcp.gaveup", tcpMaxRetries))
			return Verdict{}, true
		}
		*notes = append(*notes, T("net.tcp.retransmitted", rto))
		wait += rto
		rto *= 2
	}
}

// chain runs the filters once. On a drop it discards the notes of the
// filters that let the packet through before, and returns the drop's note
// in the verdict.
func (n *Network) chain(p *Packet, ctx FilterContext, notes *[]Text) Verdict {
	var sum Verdict
	mark := len(*notes)
	var explained []Text // notes of NoteFilters: they stay even when the packet is lost
	lists := [...][]Filter{n.filters, ctx.Link.filters, ctx.Link.impairments}
	for li, list := range lists {
		for fi, f := range list {
			v := f.Filter(p, ctx)
			if v.Corrupt != nil {
				p.Data = v.Corrupt(p.Data)
			}
			if v.Drop {
				*notes = append((*notes)[:mark], explained...)
				countRest(p, ctx, notes, list[fi+1:], lists[li+1:]...)
				return Verdict{Drop: true, Note: v.Note}
			}
			if !v.Note.IsZero() {
				*notes = append(*notes, v.Note)
				if _, ok := f.(*NoteFilter); ok {
					explained = append(explained, v.Note)
				}
			}
			sum.Delay += v.Delay
			sum.Duplicate += v.Duplicate
		}
	}
	return sum
}

// countRest shows a dropped packet to the fault and note filters that come
// after the one that dropped it, so that each counts every message its
// MATCH selects ("drop:INVITE#2" is the second INVITE sent, whatever
// happened to the first), and a lesson's note can explain a lost message.
func countRest(p *Packet, ctx FilterContext, notes *[]Text, rest []Filter, lists ...[]Filter) {
	for _, list := range append([][]Filter{rest}, lists...) {
		for _, f := range list {
			switch f := f.(type) {
			case *FaultFilter:
				count(f.Fault.Match, &f.seen, p, ctx)
			case *NoteFilter:
				if v := f.Filter(p, ctx); !v.Note.IsZero() {
					*notes = append(*notes, v.Note)
				}
			}
		}
	}
}

// deliver hands a packet to its host, unless the host went down (or never
// got a receiver, or moved away from the packet's address) while the packet
// was in flight; then the message event is
// amended to say the packet was dropped on arrival.
func (n *Network) deliver(to *Host, p Packet) {
	var why Text
	switch {
	case to.Down:
		why = T("net.host.down", to.Name)
	case to.Receive == nil:
		why = T("net.host.noreceiver", to.Name)
	case to.left.IsValid() && p.To != to.Addr:
		why = T("net.host.gone", p.To.String(), to.Name)
	default:
		to.Receive(p)
		return
	}
	if e := n.sim.Trace.Get(p.Seq); e != nil {
		e.Dropped = true
		e.Arrive = 0
		e.Notes = append(e.Notes, why)
	}
}

// summary is the given summary, or else the first line of raw: for a SIP
// message, its start line (a substring, so it costs no copy).
func summary(given Text, raw string) Text {
	if !given.IsZero() {
		return given
	}
	if i := strings.IndexAny(raw, "\r\n"); i >= 0 {
		return Lit(raw[:i])
	}
	return Lit(raw)
}
