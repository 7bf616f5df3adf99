// Package lab is `siplab lab`: the elements of package nodes serving real
// softphones over real UDP and TCP sockets, on the wall clock (sim.Wall). Each
// --listen address is one element, the registrar and record-routing proxy
// of the domain (nodes.Lab), all sharing one location service; each
// softphone is a host of the network, named by its user, whose packets
// enter the trace as they arrive and leave through the socket of the
// address they were sent from. The trace is a lesson's, with the source
// "lab": show, step and render read it.
package lab

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/siplab/siplab/nodes"
	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// DefaultListen is where the lab listens without --listen.
var DefaultListen = netip.MustParseAddrPort("127.0.0.1:5060")

// Config is what `siplab lab` serves.
type Config struct {
	Listen []netip.AddrPort // where to listen (port 0: one the system picks); none: DefaultListen
	Domain string           // the domain served; "": the first listen address
	// Users maps user names to passwords; nil serves anyone without
	// authentication.
	Users map[string]string
	// Register407 challenges REGISTER with 407 instead of 401, as
	// MiniSipServer does.
	Register407 bool
	// MaxTraceBytes bounds the memory the session's trace takes (0:
	// DefaultMaxTraceBytes). Past it the lab records no more, and goes on
	// serving and printing its live ladder.
	MaxTraceBytes int
	// NonceTTL is how long a digest nonce is good for (0: 5 minutes);
	// MaxNonces bounds how many are remembered with their counts (0:
	// 4096). Both keep a flood of challenges from filling the memory.
	NonceTTL  time.Duration
	MaxNonces int
	// MaxQueue is how many messages may wait for the loop (0:
	// DefaultMaxQueue): past it a new request is answered 503 Service
	// Unavailable with Retry-After at once, by the reader, instead of
	// waiting; ACKs and responses still wait their turn.
	MaxQueue int
	// TCPIdle closes a TCP connection that has carried nothing, not even a
	// keep-alive, for that long (0: DefaultTCPIdle): a half-open connection
	// of a phone gone away does not live for ever.
	TCPIdle time.Duration
	// Sweep is how often expired bindings and nonces, and idle hosts, are
	// freed (0: DefaultSweep).
	Sweep time.Duration
	// HostIdle frees the host of an endpoint that has sent and received
	// nothing for that long (0: DefaultHostIdle), unless a live binding
	// reaches its phone there or it has an open TCP connection: a phone
	// that came back from another port, or a stray sender, does not stay
	// on the network for ever. A host freed is made again when the
	// elements send to its address, or it sends again.
	HostIdle time.Duration
	// MaxHosts bounds the endpoints on the network at once (0:
	// DefaultMaxHosts): past it the one least recently heard from that
	// holds nothing live is freed first; when none can be, a request from
	// a new address is answered 503 with Retry-After, by the lab's socket,
	// and anything else from it dropped.
	MaxHosts int

	// Out gets a line per message as it happens (nil: nothing), in Lang;
	// Verbose adds each message in full with its reasons and notes.
	Out     io.Writer
	Lang    i18n.Lang
	Verbose bool
	Width   int // of the live ladder, in terminal columns (0: DefaultWidth)
}

// Server is a lab bound to its sockets, ready to Run.
type Server struct {
	cfg     Config
	sim     *sim.Sim
	wall    *sim.Wall
	conns   map[netip.AddrPort]*net.UDPConn
	lns     map[netip.AddrPort]net.Listener
	tcp     tcpConns
	streams sync.WaitGroup // readers of the connections the lab opened
	addrs   []netip.AddrPort
	printed int
	full    int // the length of the trace when it reached MaxTraceBytes
	hub     hub // the browsers watching (Handler)
	labs    map[netip.AddrPort]*nodes.Lab
	loc     *nodes.Location
	shed    atomic.Int64 // requests answered 503 by the readers, not yet noted
	live    *live
	hosts   hosts // the endpoints' hosts, least recently used last
}

// DefaultTCPIdle and DefaultSweep are TCPIdle and Sweep of a Config that
// sets none.
const (
	DefaultTCPIdle = 15 * time.Minute
	DefaultSweep   = 30 * time.Second
)

// DefaultHostIdle and DefaultMaxHosts are HostIdle and MaxHosts of a
// Config that sets none. DefaultHostIdle is longer than any transaction
// waits without a message (Timer C, 3 minutes, §16.6 step 11), and than
// the re-registration of a phone behind a NAT.
const (
	DefaultHostIdle = 10 * time.Minute
	DefaultMaxHosts = 4096
)

// DefaultMaxQueue is the MaxQueue of a Config that sets none.
const DefaultMaxQueue = 200

// RetryAfter is what a 503 of an overloaded lab asks a client to wait
// (RFC 3261 §21.5.4, §20.33).
const RetryAfter = 5 * time.Second

// DefaultMaxTraceBytes is the MaxTraceBytes of a Config that sets none:
// room for tens of thousands of messages, a class's afternoon.
const DefaultMaxTraceBytes = 64 << 20

// New binds the sockets and builds the elements. The error names the
// address that could not be bound.
func New(cfg Config) (*Server, error) {
	if len(cfg.Listen) == 0 {
		cfg.Listen = []netip.AddrPort{DefaultListen}
	}
	s := &Server{cfg: cfg, conns: map[netip.AddrPort]*net.UDPConn{}, lns: map[netip.AddrPort]net.Listener{},
		tcp: tcpConns{m: map[netip.AddrPort]net.Conn{}}, labs: map[netip.AddrPort]*nodes.Lab{}}
	for _, a := range cfg.Listen {
		c, err := net.ListenUDP("udp", net.UDPAddrFromAddrPort(a))
		if err != nil {
			s.close()
			return nil, fmt.Errorf("lab: listen on UDP %v: %w", a, err)
		}
		got := unmap(c.LocalAddr().(*net.UDPAddr).AddrPort())
		if s.conns[got] != nil {
			c.Close()
			s.close()
			return nil, fmt.Errorf("lab: --listen %v given twice", got)
		}
		s.conns[got] = c
		l, err := net.Listen("tcp", got.String()) // the same port, over TCP (§18)
		if err != nil {
			s.close()
			return nil, fmt.Errorf("lab: listen on TCP %v: %w", got, err)
		}
		s.lns[got] = l
		s.addrs = append(s.addrs, got)
	}
	if s.cfg.Domain == "" {
		s.cfg.Domain = s.addrs[0].Addr().String()
	}
	// A server's branches, tags and nonces must not be predictable: the
	// seed is random (the trace records it all the same).
	s.sim = sim.New(rand.Uint64())
	s.sim.MaxEvents = 0     // a lab runs as long as the class does
	s.sim.MaxTraceBytes = 0 // and its trace stops growing instead (print)
	if s.cfg.MaxTraceBytes <= 0 {
		s.cfg.MaxTraceBytes = DefaultMaxTraceBytes
	}
	s.sim.Trace.Source = "lab"
	s.sim.Trace.Title = sim.Lit("siplab lab " + s.cfg.Domain)
	s.sim.Net.DefaultLink = sim.LinkConfig{Transport: sim.UDP} // the wire's own delay is real
	s.sim.Net.Outside = func(to netip.AddrPort) *sim.Host {
		s.room() // the elements' own state bounds these: past MaxHosts if it must
		return s.remote(to, to.String())
	}
	loc := nodes.NewLocation(s.sim, "location", s.addrs[0].String(), s.cfg.Domain)
	s.loc = loc
	for i, a := range s.addrs {
		name := "lab"
		if i > 0 {
			name = fmt.Sprintf("lab-%d", i+1)
		}
		el := nodes.NewElement(s.sim, name, sim.KindProxy, a.Addr().String(), s.cfg.Domain, a)
		el.RPort = true
		l := nodes.NewLab(el, loc, cfg.Users, cfg.Register407)
		for _, a := range []*nodes.Authenticator{l.Registrar.Auth, l.Proxy.Auth} {
			a.NonceTTL, a.MaxNonces = cfg.NonceTTL, cfg.MaxNonces
		}
		s.labs[a] = l
	}
	s.live = newLive(s.sim.Trace)
	s.wall = sim.NewWall(s.sim)
	s.wall.Idle = s.print
	if s.cfg.MaxQueue <= 0 {
		s.cfg.MaxQueue = DefaultMaxQueue
	}
	s.cfg.MaxQueue = min(s.cfg.MaxQueue, s.wall.Capacity()-1) // a reader past it must not wait
	s.cfg.TCPIdle = cmp.Or(s.cfg.TCPIdle, DefaultTCPIdle)
	s.cfg.Sweep = cmp.Or(s.cfg.Sweep, DefaultSweep)
	s.cfg.HostIdle = cmp.Or(s.cfg.HostIdle, DefaultHostIdle)
	s.cfg.MaxHosts = cmp.Or(s.cfg.MaxHosts, DefaultMaxHosts)
	s.hosts.init()
	s.sim.After(s.cfg.Sweep, s.sweep)
	s.wall.Recover = func(v any) {
		if s.cfg.Out != nil {
			fmt.Fprintln(s.cfg.Out, s.cfg.Lang.T("cli.lab.panic", fmt.Sprint(v)))
		}
	}
	return s, nil
}

// sweep frees what has expired and is not freed by a timer of its own:
// bindings (the location service only skips them) and nonces; then it
// comes again.
func (s *Server) sweep() {
	s.loc.Sweep()
	for _, l := range s.labs {
		l.Registrar.Auth.Nonces()
		l.Proxy.Auth.Nonces()
	}
	s.sweepHosts()
	s.noteRefused()
	s.sim.After(s.cfg.Sweep, s.sweep)
}

// Addrs are the addresses the lab listens on, ports resolved.
func (s *Server) Addrs() []netip.AddrPort { return s.addrs }

// Domain is the domain the lab serves.
func (s *Server) Domain() string { return s.cfg.Domain }

func (s *Server) close() {
	for _, c := range s.conns {
		c.Close()
	}
	for _, l := range s.lns {
		l.Close()
	}
	s.tcp.closeAll()
}

// Run serves until ctx is done, then closes the sockets and returns the
// trace of the session. Bad datagrams never stop it: the elements answer
// 400 where they can and drop the rest.
func (s *Server) Run(ctx context.Context) (*sim.Trace, error) {
	var wg sync.WaitGroup
	for local, c := range s.conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.read(local, c)
		}()
	}
	for local, l := range s.lns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.accept(local, l, &wg)
		}()
	}
	err := s.wall.Run(ctx)
	s.close()
	wg.Wait()
	s.streams.Wait()
	return s.sim.Trace, err
}

// read hands every datagram of c to the loop, until c is closed.
func (s *Server) read(local netip.AddrPort, c *net.UDPConn) {
	buf := make([]byte, 65536)
	for {
		n, from, err := c.ReadFromUDPAddrPort(buf)
		if errors.Is(err, net.ErrClosed) {
			return
		}
		if err != nil || n == 0 || len(bytes.TrimSpace(buf[:n])) == 0 {
			continue // a read error of one datagram, or a keep-alive (RFC 5626 §4.4.1)
		}
		from = unmap(from)
		data := bytes.Clone(buf[:n])
		if resp := s.overloaded(from, data); resp != nil {
			c.WriteToUDPAddrPort(resp, from)
			continue
		}
		if !s.wall.Do(func() { s.inbound(local, from, data, sim.UDP) }) {
			return
		}
	}
}

// overloaded is the 503 for data from from when the loop has more work
// waiting than MaxQueue and data is a request it can answer (not an ACK
// nor a response, which only the loop can match to their transactions).
// The reader sends it at once, with Retry-After (§21.5.4): the client
// tries again later, or another server, instead of retransmitting into
// the queue. The loop notes how many it shed.
func (s *Server) overloaded(from netip.AddrPort, data []byte) []byte {
	if s.wall.Queued() < s.cfg.MaxQueue {
		return nil
	}
	resp := busy(from, data, "overloaded")
	if resp != nil && s.shed.Add(1) == 1 {
		s.wall.Do(s.noteShed) // queued behind the rest: noted once the loop catches up
	}
	return resp
}

// busy is the 503 Service Unavailable with Retry-After (§21.5.4, §20.33)
// to the request in data from from, with warning as its Warning; nil for
// what must not or cannot be answered (see nodes.Refusal).
func busy(from netip.AddrPort, data []byte, warning string) []byte {
	resp, _ := nodes.Refusal(data[:min(len(data), MaxMessageBytes)], from, sip.StatusServiceUnavailable, warning, fmt.Sprintf("%08x", rand.Uint32()))
	if resp == nil {
		return nil
	}
	resp.Set("Retry-After", fmt.Sprint(int(RetryAfter/time.Second)))
	return resp.Bytes()
}

// noteShed notes, in the loop, the requests the readers answered 503.
func (s *Server) noteShed() {
	n := s.shed.Swap(0)
	if n == 0 {
		return
	}
	lab := s.labs[s.addrs[0]]
	s.sim.Record(sim.Event{Type: sim.EventNote, Node: lab.Name, Summary: sim.T("node.lab.overload", n, s.cfg.MaxQueue),
		Reasons: []sim.Reason{{Text: sim.T("node.lab.overload.why", int(RetryAfter/time.Second)), RFC: "RFC 3261 §21.5.4"}}})
}

// inbound puts a message from a real endpoint on the network: traced as
// a message of the endpoint's host, then delivered to the element. A host
// that speaks TCP is linked to the lab by TCP, so that what the elements
// send it goes over TCP too, on its connection.
func (s *Server) inbound(local, from netip.AddrPort, data []byte, tr sim.Transport) {
	h := s.sim.Net.HostAt(from)
	if h == nil {
		if !s.room() {
			s.refuse(local, from, data, tr)
			return
		}
		h = s.remote(from, userOf(data[:min(len(data), MaxMessageBytes)], from))
	}
	s.hosts.touch(h, s.sim.Now())
	if lab := s.sim.Net.HostAt(local); tr == sim.TCP && lab != nil && s.sim.Net.Link(h, lab).Config().Transport != sim.TCP {
		s.sim.Net.Connect(h, lab, sim.LinkConfig{Transport: sim.TCP})
	}
	if len(data) > MaxMessageBytes {
		s.labs[local].TooLarge(from, data, MaxMessageBytes)
		return
	}
	h.Send(local, data, sim.SendOptions{Transport: tr})
}

// MaxMessageBytes is the largest message the lab reads: a softphone's are
// well under it (over UDP a request larger than 1300 bytes should go over
// TCP, RFC 3261 §18.1.1), and a flood of huge ones could fill the memory
// with the transactions that keep them (§17.2).
const MaxMessageBytes = 8192

// remote adds the host of a real endpoint at addr, named name (or, when a
// host has that name, or the trace a node of that name at another
// address, name@addr). A host made again after it was freed keeps the
// name the trace knows it by. What the elements send it goes out of the
// socket it was sent from. The trace lists it as a node unless it lists
// it already or records no more.
func (s *Server) remote(addr netip.AddrPort, name string) *sim.Host {
	if old, ok := s.hosts.names[addr]; ok && s.sim.Net.Host(old) == nil {
		name = old
	}
	for s.sim.Net.Host(name) != nil || s.hosts.listed[name].IsValid() && s.hosts.listed[name] != addr {
		name += "@" + addr.String()
	}
	listed := s.hosts.listed[name] == addr
	h := s.sim.Net.AddHost(name, sim.KindUA, addr)
	if t := s.sim.Trace; listed || s.full > 0 {
		t.Nodes = t.Nodes[:len(t.Nodes)-1]
	} else {
		s.hosts.listed[name], s.hosts.names[addr] = addr, name
	}
	s.hosts.add(h, s.sim.Now())
	h.Receive = func(p sim.Packet) {
		s.hosts.touch(h, s.sim.Now())
		if p.Transport.Reliable() {
			s.sendStream(p.From, p.To, p.Data)
			return
		}
		if c := s.conns[p.From]; c != nil {
			c.WriteToUDPAddrPort(p.Data, p.To) // UDP: a lost datagram is the transactions' to retransmit
		}
	}
	return h
}

// userOf names the endpoint that sent data: the user of a request's From
// (a response's To), else its address.
func userOf(data []byte, from netip.AddrPort) string {
	m, err := sip.Parse(data)
	if err != nil {
		return from.String()
	}
	a, err := m.From()
	if !m.IsRequest() {
		a, err = m.To()
	}
	if err != nil || a.URI.User == "" {
		return from.String()
	}
	return sip.Unescape(a.URI.User)
}

// print writes the events traced since the last call: a line per message,
// and with Verbose the message, its reasons and notes, and the elements'
// notes. Then it keeps the trace within MaxTraceBytes: once past it, the
// events traced since are forgotten once printed.
func (s *Server) print() {
	s.printNew()
	t := s.sim.Trace
	if s.full == 0 && s.sim.TraceSize() > s.cfg.MaxTraceBytes {
		s.full = t.Len()
		if s.cfg.Out != nil {
			fmt.Fprintln(s.cfg.Out, s.cfg.Lang.T("cli.lab.full", s.cfg.MaxTraceBytes>>20, s.full))
		}
	}
	if s.full > 0 && t.Len() > s.full {
		clear(t.Events[s.full:]) // for the collector
		t.Events = t.Events[:s.full]
		s.printed = s.full
	}
}

func (s *Server) printNew() {
	t, l := s.sim.Trace, s.cfg.Lang
	// The lines go out in one write, not a write (a system call, which
	// the loop waits for) each.
	var w *bytes.Buffer
	if s.cfg.Out != nil {
		w = &bytes.Buffer{}
		defer func() {
			if w.Len() > 0 {
				s.cfg.Out.Write(w.Bytes())
			}
		}()
	}
	for ; s.printed < t.Len(); s.printed++ {
		e := &t.Events[s.printed]
		if e.Type == sim.EventMessage {
			s.hub.publish(s, e)
		}
		if w == nil {
			continue
		}
		if e.Type != sim.EventMessage && !s.cfg.Verbose {
			continue
		}
		if e.Type == sim.EventMessage {
			for _, line := range s.liveLines(e) {
				fmt.Fprintln(w, line)
			}
		} else {
			fmt.Fprintf(w, "%6d  %10s  %s  %s\n", e.Seq, render.FormatTime(e.At), e.Node, oneLine(l.Text(e.Summary)))
		}
		if !s.cfg.Verbose {
			continue
		}
		for _, r := range e.Reasons {
			fmt.Fprintf(w, "       %s [%s]\n", l.Text(r.Text), r.RFC)
		}
		for _, n := range e.Notes {
			fmt.Fprintf(w, "       %s\n", l.Text(n))
		}
		if e.Raw != "" {
			fmt.Fprintf(w, "       %s\n", strings.ReplaceAll(strings.TrimRight(e.Raw, "\r\n"), "\r\n", "\n       "))
		}
	}
}

// oneLine cuts s at its first line break.
func oneLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return strings.TrimRight(s, "\r")
}
