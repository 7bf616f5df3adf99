package lab

import (
	"container/list"
	"net/netip"
	"time"

	"github.com/siplab/siplab/sim"
)

// hosts are the hosts of the endpoints that talk to the lab (the lab's
// own elements are not among them), the one heard from or sent to most
// recently first, and the names the trace lists them by. The loop alone
// uses them.
type hosts struct {
	lru    list.List // of *use, most recent first
	of     map[*sim.Host]*list.Element
	listed map[string]netip.AddrPort // the endpoints' nodes in the trace, by name
	names  map[netip.AddrPort]string // and by address
	// flows are the addresses live bindings reach (nodes.Lab.Flows), as
	// of flowsAt.
	flows   map[netip.AddrPort]bool
	flowsAt time.Duration
	refused int // requests from new addresses answered 503 (MaxHosts), not yet noted
}

type use struct {
	h    *sim.Host
	last time.Duration // when a packet last came from it or went to it
}

// maxScan is how many of the least recent hosts room looks at for one to
// free: past them, the new endpoint waits (503), so that a lab full of
// live hosts spends little on each packet of a flood.
const maxScan = 64

func (hs *hosts) init() {
	hs.of = map[*sim.Host]*list.Element{}
	hs.listed = map[string]netip.AddrPort{}
	hs.names = map[netip.AddrPort]string{}
}

func (hs *hosts) add(h *sim.Host, now time.Duration) {
	hs.of[h] = hs.lru.PushFront(&use{h, now})
}

// touch notes that a packet came from h or went to it at now.
func (hs *hosts) touch(h *sim.Host, now time.Duration) {
	if e := hs.of[h]; e != nil {
		e.Value.(*use).last = now
		hs.lru.MoveToFront(e)
	}
}

// held reports whether h must stay: a live binding reaches a phone at its
// address, or it has a TCP connection open.
func (s *Server) held(h *sim.Host) bool {
	if now := s.sim.Now(); s.hosts.flows == nil || now-s.hosts.flowsAt >= time.Second {
		s.hosts.flows, s.hosts.flowsAt = s.labs[s.addrs[0]].Flows(s.loc), now
	}
	return s.hosts.flows[h.Addr] || s.tcp.get(h.Addr) != nil
}

// free takes hosts off the network.
func (s *Server) free(hs ...*sim.Host) {
	for _, h := range hs {
		if e := s.hosts.of[h]; e != nil {
			s.hosts.lru.Remove(e)
			delete(s.hosts.of, h)
		}
	}
	s.sim.Net.RemoveHost(hs...)
}

// room makes room for one more host under MaxHosts, freeing the least
// recently used that is not held. It reports false when none of the
// maxScan least recent can go.
func (s *Server) room() bool {
	if len(s.hosts.of) < s.cfg.MaxHosts {
		return true
	}
	e := s.hosts.lru.Back()
	for i := 0; e != nil && i < maxScan; i++ {
		prev := e.Prev()
		if h := e.Value.(*use).h; !s.held(h) {
			s.free(h)
			return true
		}
		s.hosts.lru.MoveToFront(e) // held: looked at again after the others
		e = prev
	}
	return false
}

// refuse answers a request from from, an address with no host when there
// is no room for one, 503 with Retry-After, by the socket it came in on:
// the client tries again later, when idle hosts have been freed. Anything
// else from it is dropped.
func (s *Server) refuse(local, from netip.AddrPort, data []byte, tr sim.Transport) {
	resp := busy(from, data, "too many endpoints")
	if resp == nil {
		return
	}
	s.hosts.refused++
	if tr == sim.TCP {
		s.sendStream(local, from, resp)
	} else if c := s.conns[local]; c != nil {
		c.WriteToUDPAddrPort(resp, from)
	}
}

// sweepHosts frees the hosts idle for HostIdle that are not held.
func (s *Server) sweepHosts() {
	now := s.sim.Now()
	s.hosts.flows = nil // read again
	var idle []*sim.Host
	for e := s.hosts.lru.Front(); e != nil; e = e.Next() {
		if u := e.Value.(*use); now-u.last >= s.cfg.HostIdle && !s.held(u.h) {
			idle = append(idle, u.h)
		}
	}
	s.free(idle...)
}

// noteRefused notes the requests refused for want of room since the last
// sweep.
func (s *Server) noteRefused() {
	if s.hosts.refused == 0 {
		return
	}
	lab := s.labs[s.addrs[0]]
	s.sim.Record(sim.Event{Type: sim.EventNote, Node: lab.Name, Summary: sim.T("node.lab.hostcap", s.hosts.refused, s.cfg.MaxHosts),
		Reasons: []sim.Reason{{Text: sim.T("node.lab.overload.why", int(RetryAfter/time.Second)), RFC: "RFC 3261 §21.5.4"}}})
	s.hosts.refused = 0
}
