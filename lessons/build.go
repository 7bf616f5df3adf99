package lessons

import (
	"cmp"
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/siplab/siplab/nodes"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// RunOptions are the knobs of one run.
type RunOptions struct {
	Seed   uint64
	Faults []sim.Fault // added to the lesson's own
}

// Network is a lesson's network, built and ready to run.
type Network struct {
	Lesson *Lesson
	Sim    *sim.Sim
	Nodes  map[string]any // every element by name: *nodes.UA, *nodes.Proxy, …

	elements map[string]*nodes.Element // what the SIP elements share, by name
	watched  []watched
}

// watched is a fault or a note, and the count of the messages it found.
type watched struct {
	hits  *int
	never Problem // what to say if it found none
}

// Result is a finished run: its trace, and the faults and notes that never
// found a message to act on.
type Result struct {
	Trace *sim.Trace
	// Unmatched are the faults and notes that matched no message, at
	// their field in the lesson ("faults[1]", "notes[2].match"; "" for a
	// fault of RunOptions). A note is only reported when RunOptions adds no
	// fault: a fault that changes the flow on purpose leaves notes behind.
	Unmatched []Problem
	Warnings  []string // Unmatched, as sentences
}

// Build makes the lesson's network and schedules its script.
func Build(l *Lesson, o RunOptions) (*Network, error) {
	if ps := l.Problems(); len(ps) > 0 {
		return nil, ps
	}
	s := sim.New(o.Seed)
	// A call through a proxy records about 40 events; room for that many
	// per scripted action spares a long run from growing its trace by
	// copies.
	s.Trace.Reserve(64 + 48*len(l.Script))
	s.Trace.Lesson = l.ID
	s.Trace.Title = l.Title
	s.Trace.Intro = l.Intro
	n := &Network{Lesson: l, Sim: s, Nodes: map[string]any{}, elements: map[string]*nodes.Element{}}
	// Location services first: the servers refer to them.
	for _, spec := range l.Nodes {
		if spec.Kind == sim.KindLocation {
			loc := nodes.NewLocation(s, spec.Name, spec.Address, spec.Domain)
			for _, aor := range slices.Sorted(maps.Keys(spec.Bindings)) {
				contact, err := sip.ParseURI(spec.Bindings[aor])
				if err != nil {
					return nil, fmt.Errorf("lesson %s: node %s: binding of %s: %v", l.ID, spec.Name, aor, err)
				}
				loc.Provision(aor, sip.Address{URI: contact})
			}
			n.Nodes[spec.Name] = loc
		}
	}
	for _, spec := range l.Nodes {
		if spec.Kind == sim.KindNAT {
			// Checked by Problems.
			s.Net.AddNAT(spec.Name, netip.MustParseAddr(spec.Address), netip.MustParsePrefix(spec.Inside), spec.Timeout)
		}
		if spec.Kind == sim.KindLocation || spec.Kind == sim.KindNAT {
			continue
		}
		addr := netip.MustParseAddrPort(spec.Address) // checked by Problems
		el := nodes.NewElement(s, spec.Name, spec.Kind, spec.Host, spec.Domain, addr)
		n.elements[spec.Name] = el
		if spec.Serves {
			s.DNS.AddDomain(spec.Domain, addr)
		}
		loc, _ := n.Nodes[spec.Location].(*nodes.Location)
		switch spec.Kind {
		case sim.KindUA:
			aor := sip.URI{Scheme: "sip", User: spec.User, Host: spec.Domain}
			ua := nodes.NewUA(el, spec.User, spec.Display, aor)
			ua.Password = spec.Password
			ua.RingFor, ua.AnswerCode, ua.NoAnswer, ua.Queued = spec.RingFor, spec.AnswerCode, spec.NoAnswer, spec.Queued
			ua.AlertAfter = spec.AlertAfter
			ua.HideVia, ua.CongestionSafe, ua.Rel100, ua.VoiceMessages = spec.HideVia, spec.CongestionSafe, spec.Rel100, spec.VoiceMessages
			ua.SessionExpires, ua.MinSE = spec.SessionExpires, spec.MinSE
			el.RPort, ua.SIPS = spec.RPort, spec.SIPS
			ua.DelayedOffer = spec.DelayedOffer
			ua.Keepalive, ua.Keepalives, ua.Channels = spec.Keepalive, spec.Keepalives, spec.Channels
			ua.Auth.Users = spec.Users
			if len(spec.Codecs) > 0 {
				ua.Codecs = spec.Codecs
			}
			n.Nodes[spec.Name] = ua
		case sim.KindProxy:
			p := nodes.NewProxy(el, loc, spec.RecordRoute)
			p.Auth.Users = spec.Users
			p.Sequential, p.BranchTimeout = spec.Sequential, spec.BranchTimeout
			if spec.ALG {
				p.ALG = nodes.NewALG(el)
			}
			n.Nodes[spec.Name] = p
		case sim.KindStatelessProxy:
			n.Nodes[spec.Name] = nodes.NewStatelessProxy(el, loc)
		case sim.KindRedirect:
			n.Nodes[spec.Name] = nodes.NewRedirect(el, loc)
		case sim.KindRegistrar:
			r := nodes.NewRegistrar(el, loc)
			r.Auth.Users, r.Auth.Proxy = spec.Users, spec.ProxyAuth
			r.User = spec.User
			if spec.NoQOP {
				r.Auth.QOP = nil
			}
			r.Auth.Realm, r.Auth.Algorithm = spec.Realm, spec.Algorithm
			r.Keepalive = spec.Keepalive
			r.MinExpires = time.Duration(spec.MinExpires) * time.Second
			r.MaxExpires = time.Duration(spec.MaxExpires) * time.Second
			if spec.GBDate {
				r.Date = nodes.DateGB28181
			}
			for user := range spec.Users {
				if loc == nil {
					break
				}
				loc.Know(sip.URI{Scheme: "sip", User: user, Host: spec.Domain}.AddrOfRecord())
			}
			n.Nodes[spec.Name] = r
		}
	}
	for _, r := range l.DNS {
		s.DNS.Add(r)
	}
	// The users of a domain are its user agents: the location service
	// knows them, registered or not (a 480, not a 404, when they are not).
	for _, spec := range l.Nodes {
		if spec.Kind != sim.KindUA {
			continue
		}
		aor := sip.URI{Scheme: "sip", User: spec.User, Host: spec.Domain}.AddrOfRecord()
		for _, loc := range l.Nodes {
			if loc.Kind == sim.KindLocation && strings.EqualFold(loc.Domain, spec.Domain) {
				n.Nodes[loc.Name].(*nodes.Location).Know(aor)
			}
		}
	}
	// The trace lists the nodes in the lesson's order (location services
	// were created first, for the servers that use them).
	order := map[string]int{}
	for i, spec := range l.Nodes {
		order[spec.Name] = i
	}
	slices.SortStableFunc(s.Trace.Nodes, func(a, b sim.NodeInfo) int { return order[a.Name] - order[b.Name] })
	caller, callee := l.roles()
	if info := s.Trace.Node(caller); info != nil {
		info.Role = sim.RoleCaller
	}
	if info := s.Trace.Node(callee); info != nil {
		info.Role = sim.RoleCallee
	}
	for _, spec := range l.Nodes {
		if spec.Outbound != "" {
			n.Nodes[spec.Name].(*nodes.UA).Outbound = n.elements[spec.Outbound].LooseRoute()
		}
	}
	for _, lk := range l.Links {
		a, b := n.elements[lk.A], n.elements[lk.B]
		if a == nil || b == nil {
			continue // a location service has no SIP link
		}
		cfg := sim.LinkConfig{Latency: lk.Latency, Jitter: lk.Jitter, Loss: lk.Loss, Transport: sim.UDP}
		switch lk.Transport {
		case "TCP":
			cfg.Transport = sim.TCP
		case "TLS":
			cfg.Transport = sim.TLS
		}
		if err := cfg.Validate(); err != nil {
			return nil, fmt.Errorf("lesson %s: link %s–%s: %v", l.ID, lk.A, lk.B, err)
		}
		s.Net.Connect(a.Host, b.Host, cfg)
	}
	for i, f := range l.Faults {
		if err := n.inject(f, fmt.Sprintf("faults[%d]", i+1)); err != nil {
			return nil, err
		}
		s.Trace.LessonFaults = append(s.Trace.LessonFaults, f.Spec)
	}
	for _, f := range o.Faults {
		if err := checkFault(f, byName(l)); err != nil {
			return nil, err
		}
		if err := n.inject(f, ""); err != nil {
			return nil, err
		}
		s.Trace.Faults = append(s.Trace.Faults, f.Spec)
	}
	for i, note := range l.Notes {
		nf := &sim.NoteFilter{Match: note.Match, Note: note.Text}
		s.Net.AddFilter(nf)
		if len(o.Faults) == 0 {
			n.watched = append(n.watched, watched{&nf.Hits, Problem{fmt.Sprintf("notes[%d].match", i+1), fmt.Sprintf("%q never matched a message", note.Match)}})
		}
	}
	for i, a := range l.Script {
		if err := n.schedule(a); err != nil {
			return nil, fmt.Errorf("lesson %s: script step %d: %v", l.ID, i+1, err)
		}
	}
	return n, nil
}

// roles finds the caller and the callee of the lesson, for the views' lane
// order: the caller is the user agent whose script action first addresses
// another user (a call, a MESSAGE, an OPTIONS…; or else, in a lesson of
// registrations only, the first user agent the script sets to work), the
// callee the user agent that request is for. Either may be "".
func (l *Lesson) roles() (caller, callee string) {
	all := byName(l)
	byUA := func(a Action) bool {
		n := all[a.Node]
		return n != nil && n.Kind == sim.KindUA
	}
	i := slices.IndexFunc(l.Script, func(a Action) bool { return byUA(a) && actions[a.Do] != toRegistrar })
	if i < 0 {
		i = slices.IndexFunc(l.Script, byUA)
	}
	if i < 0 {
		return "", ""
	}
	if a := l.Script[i]; a.Do == "click-to-dial" {
		// A controller connects two users: they are the call's two ends.
		return l.userAt(a.Target, "", true), l.userAt(a.Peer, "", true)
	}
	caller = l.Script[i].Node
	return caller, l.userAt(l.Script[i].Target, caller, false)
}

// userAt names the user agent, other than the node except, that the URI
// reaches: its user at the node's domain (or, if byHost, its host); "" for
// none.
func (l *Lesson) userAt(uri, except string, byHost bool) string {
	target, err := sip.ParseURI(uri)
	if err != nil {
		return ""
	}
	for _, spec := range l.Nodes {
		if spec.Name != except && spec.Kind == sim.KindUA && spec.User == target.User && (spec.Domain == target.Host || byHost && spec.Host == target.Host) {
			return spec.Name
		}
	}
	return ""
}

// schedule puts one script action on the clock.
func (n *Network) schedule(a Action) error {
	ua, _ := n.Nodes[a.Node].(*nodes.UA)
	var target sip.URI
	if a.Target != "" {
		var err error
		if target, err = sip.ParseURI(a.Target); err != nil {
			return fmt.Errorf("target: %v", err)
		}
	}
	if r, ok := n.Nodes[a.Node].(*nodes.Registrar); ok {
		n.Sim.After(a.At, func() { r.Message(target, contentType(a), a.Body) })
		return nil
	}
	var do func()
	switch a.Do {
	case "register":
		do = func() { ua.Register(nodes.RegisterOptions{Registrar: target, Expires: a.Expires, Q: a.Q}) }
	case "unregister":
		do = func() { ua.Register(nodes.RegisterOptions{Registrar: target, Expires: 0}) }
	case "unregister-all":
		do = func() { ua.Register(nodes.RegisterOptions{Registrar: target, RemoveAll: true}) }
	case "query":
		do = func() { ua.Register(nodes.RegisterOptions{Registrar: target, Query: true}) }
	case "call":
		var to sip.Address // validated: only a call's own To, if any, is parsed here
		if a.To != "" {
			to, _ = sip.ParseAddress(a.To)
		}
		do = func() {
			ua.Call(target, nodes.CallOptions{To: to, HangupAfter: a.HangupAfter, CancelAfter: a.CancelAfter})
		}
	case "click-to-dial":
		peer, err := sip.ParseURI(a.Peer)
		if err != nil {
			return fmt.Errorf("peer: %v", err)
		}
		do = func() { ua.ClickToDial(target, peer, a.HangupAfter) }
	case "play":
		do = func() { ua.Call(target, nodes.CallOptions{HangupAfter: a.HangupAfter, Play: true}) }
	case "message":
		do = func() { ua.Message(target, contentType(a), a.Body) }
	case "options":
		do = func() { ua.Options(target) }
	case "hangup":
		do = ua.HangupAll
	case "reinvite":
		do = func() { ua.ReinviteAll(a.Codecs) }
	case "info":
		do = func() { ua.InfoAll(contentType(a), a.Body) }
	case "update":
		do = func() { ua.UpdateAll(a.Codecs) }
	case "subscribe":
		do = func() { ua.Subscribe(target, a.Event, a.Expires) }
	case "set-presence":
		do = func() { ua.SetPresence(a.Status) }
	case "refer":
		do = func() { ua.Transfer(target) }
	case "hold":
		do = ua.HoldAll
	case "resume":
		do = ua.ResumeAll
	case "move":
		to, err := netip.ParseAddrPort(a.Address)
		if err != nil {
			return fmt.Errorf("address: %v", err)
		}
		do = func() { ua.Move(to) }
	default:
		return fmt.Errorf("unknown action %q", a.Do)
	}
	n.Sim.After(a.At, do)
	return nil
}

// Run builds the lesson's network, runs it until nothing is left to do, and
// returns the trace.
func Run(l *Lesson, o RunOptions) (*sim.Trace, error) {
	r, err := RunDetailed(l, o)
	if r == nil {
		return nil, err
	}
	return r.Trace, err
}

// RunDetailed is Run, with warnings about faults that never matched.
func RunDetailed(l *Lesson, o RunOptions) (*Result, error) {
	n, err := Build(l, o)
	if err != nil {
		return nil, err
	}
	err = n.Sim.Run()
	n.Sim.Trace.Links = n.Sim.Net.LinkInfos()
	r := &Result{Trace: n.Sim.Trace}
	for _, w := range n.watched {
		if *w.hits == 0 {
			r.Unmatched = append(r.Unmatched, w.never)
			r.Warnings = append(r.Warnings, w.never.String())
		}
	}
	return r, err
}

// inject applies a fault, checked by the lesson's rules: a message fault
// as a network filter, watched so that the run can say when it never
// matched; a loss on its link; a node fault through the element.
func (n *Network) inject(f sim.Fault, path string) error {
	switch {
	case f.Kind.OnMessages():
		ff := &sim.FaultFilter{Fault: f}
		n.Sim.Net.AddFilter(ff)
		n.watched = append(n.watched, watched{&ff.Hits, Problem{path, fmt.Sprintf("fault %s never matched a message", f.Spec)}})
	case f.Kind == sim.FaultLoss:
		a, b := n.elements[f.A], n.elements[f.B]
		if a == nil || b == nil {
			return fmt.Errorf("fault %q: a loss needs two nodes with a link", f.Spec)
		}
		cfg := n.Sim.Net.Link(a.Host, b.Host).Config()
		cfg.Loss = f.Percent / 100
		n.Sim.Net.Connect(a.Host, b.Host, cfg)
	default:
		el := n.elements[f.Node]
		if el == nil {
			return fmt.Errorf("fault %q: names no node", f.Spec)
		}
		return el.Inject(f)
	}
	return nil
}

// byName indexes the lesson's nodes by name.
func byName(l *Lesson) map[string]*Node {
	m := make(map[string]*Node, len(l.Nodes))
	for i := range l.Nodes {
		m[l.Nodes[i].Name] = &l.Nodes[i]
	}
	return m
}

func contentType(a Action) string { return cmp.Or(a.ContentType, "text/plain") }
