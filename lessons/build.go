package lessons

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/siplab/siplab/nodes"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// RunOptions are the knobs of one run.
type RunOptions struct {
	Seed   uint64
	Faults []string // fault specs (sim.ParseFault), added to the lesson's own
}

// Network is a lesson's network, built and ready to run.
type Network struct {
	Lesson *Lesson
	Sim    *sim.Sim
	UAs    map[string]*nodes.UA
	Nodes  map[string]any // every element by name: *nodes.UA, *nodes.Proxy, …

	filters []*sim.FaultFilter
}

// Result is a finished run: its trace, and warnings about the faults that
// never found a message to act on.
type Result struct {
	Trace    *sim.Trace
	Warnings []string
}

// Build makes the lesson's network and schedules its script.
func Build(l *Lesson, o RunOptions) (*Network, error) {
	if err := l.Validate(); err != nil {
		return nil, err
	}
	s := sim.New(o.Seed)
	// A call through a proxy records about 40 events; room for that many
	// per scripted action spares a long run from growing its trace by
	// copies.
	s.Trace.Reserve(64 + 48*len(l.Script))
	s.Trace.Lesson = l.ID
	s.Trace.Title = l.Title
	s.Trace.Intro = l.Intro
	n := &Network{Lesson: l, Sim: s, UAs: map[string]*nodes.UA{}, Nodes: map[string]any{}}
	locations := map[string]*nodes.Location{}
	// Location services first: the servers refer to them.
	for _, spec := range l.Nodes {
		if spec.Kind == "location" {
			loc := nodes.NewLocation(s, spec.Name, spec.Address, spec.Domain)
			for _, aor := range sortedKeys(spec.Bindings) {
				contact, err := sip.ParseURI(spec.Bindings[aor])
				if err != nil {
					return nil, fmt.Errorf("lesson %s: node %s: binding of %s: %v", l.ID, spec.Name, aor, err)
				}
				loc.Provision(aor, sip.Address{URI: contact})
			}
			locations[spec.Name] = loc
			n.Nodes[spec.Name] = loc
		}
	}
	elements := map[string]*nodes.Element{}
	for _, spec := range l.Nodes {
		if spec.Kind == "location" {
			continue
		}
		addr := netip.MustParseAddrPort(spec.Address) // checked by Validate
		el := nodes.NewElement(s, spec.Name, sim.Kind(spec.Kind), spec.Host, spec.Domain, addr)
		elements[spec.Name] = el
		if spec.Serves {
			s.DNS.AddDomain(spec.Domain, addr)
		}
		loc := locations[spec.Location]
		switch spec.Kind {
		case "ua":
			aor := sip.URI{Scheme: "sip", User: spec.User, Host: spec.Domain}
			ua := nodes.NewUA(el, spec.User, spec.Display, aor)
			ua.Password = spec.Password
			ua.RingFor, ua.AnswerCode, ua.NoAnswer, ua.Queued = spec.RingFor, spec.AnswerCode, spec.NoAnswer, spec.Queued
			ua.HideVia = spec.HideVia
			ua.Auth.Users = spec.Users
			if len(spec.Codecs) > 0 {
				ua.Codecs = spec.Codecs
			}
			n.UAs[spec.Name] = ua
			n.Nodes[spec.Name] = ua
		case "proxy":
			p := nodes.NewProxy(el, loc, spec.RecordRoute)
			p.Auth.Users = spec.Users
			n.Nodes[spec.Name] = p
		case "stateless-proxy":
			n.Nodes[spec.Name] = nodes.NewStatelessProxy(el, loc)
		case "redirect":
			n.Nodes[spec.Name] = nodes.NewRedirect(el, loc)
		case "registrar":
			r := nodes.NewRegistrar(el, loc)
			r.Auth.Users, r.Auth.Proxy = spec.Users, spec.ProxyAuth
			r.User = spec.User
			if spec.NoQOP {
				r.Auth.QOP = nil
			}
			n.Nodes[spec.Name] = r
		}
	}
	// The trace lists the nodes in the lesson's order (location services
	// were created first, for the servers that use them).
	order := map[string]int{}
	for i, spec := range l.Nodes {
		order[spec.Name] = i
	}
	sort.SliceStable(s.Trace.Nodes, func(i, j int) bool {
		return order[s.Trace.Nodes[i].Name] < order[s.Trace.Nodes[j].Name]
	})
	caller, callee := l.roles()
	for i := range s.Trace.Nodes {
		switch s.Trace.Nodes[i].Name {
		case caller:
			s.Trace.Nodes[i].Role = sim.RoleCaller
		case callee:
			s.Trace.Nodes[i].Role = sim.RoleCallee
		}
	}
	for _, spec := range l.Nodes {
		if spec.Outbound != "" {
			n.UAs[spec.Name].Outbound = elements[spec.Outbound].Addr()
		}
	}
	for _, lk := range l.Links {
		a, b := elements[lk.A], elements[lk.B]
		if a == nil || b == nil {
			continue // a location service has no SIP link
		}
		cfg := sim.LinkConfig{Latency: lk.Latency, Jitter: lk.Jitter, Loss: lk.Loss, Transport: sim.UDP}
		if lk.Transport == "TCP" {
			cfg.Transport = sim.TCP
		}
		if err := cfg.Validate(); err != nil {
			return nil, fmt.Errorf("lesson %s: link %s–%s: %v", l.ID, lk.A, lk.B, err)
		}
		s.Net.Connect(a.Host, b.Host, cfg)
	}
	if err := n.injectFaults(append(append([]string(nil), l.Faults...), o.Faults...), elements); err != nil {
		return nil, err
	}
	for _, note := range l.Notes {
		m, _ := sim.ParseMatch(note.Match) // checked by Validate
		s.Net.AddFilter(&sim.NoteFilter{Match: m, Note: note.Text})
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
	uas := map[string]*Node{}
	for i := range l.Nodes {
		if l.Nodes[i].Kind == string(sim.KindUA) {
			uas[l.Nodes[i].Name] = &l.Nodes[i]
		}
	}
	first := -1
	for i, a := range l.Script {
		if uas[a.Node] == nil {
			continue
		}
		if first < 0 {
			first = i
		}
		if !registration(a.Do) {
			first = i
			break
		}
	}
	if first < 0 {
		return "", ""
	}
	a := l.Script[first]
	caller = a.Node
	target, err := sip.ParseURI(a.Target)
	if err != nil {
		return caller, ""
	}
	for _, spec := range l.Nodes {
		if spec.Name != caller && uas[spec.Name] != nil && spec.User == target.User && spec.Domain == target.Host {
			return caller, spec.Name
		}
	}
	return caller, ""
}

// registration reports whether a script action talks to a registrar
// rather than to another user.
func registration(do string) bool {
	switch do {
	case "register", "unregister", "unregister-all", "query":
		return true
	}
	return false
}

// schedule puts one script action on the clock.
func (n *Network) schedule(a Action) error {
	ua := n.UAs[a.Node]
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
		do = func() { ua.Register(nodes.RegisterOptions{Registrar: target, Expires: a.Expires}) }
	case "unregister":
		do = func() { ua.Register(nodes.RegisterOptions{Registrar: target, Expires: 0}) }
	case "unregister-all":
		do = func() { ua.Register(nodes.RegisterOptions{Registrar: target, RemoveAll: true}) }
	case "query":
		do = func() { ua.Register(nodes.RegisterOptions{Registrar: target, Query: true}) }
	case "call":
		do = func() { ua.Call(target, nodes.CallOptions{HangupAfter: a.HangupAfter, CancelAfter: a.CancelAfter}) }
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
	for _, f := range n.filters {
		if f.Hits == 0 {
			r.Warnings = append(r.Warnings, fmt.Sprintf("fault %s never matched a message", f.Fault.Spec))
		}
	}
	return r, err
}

// injectFaults applies fault specs: message faults as network filters, node
// faults as changes to the elements.
func (n *Network) injectFaults(specs []string, elements map[string]*nodes.Element) error {
	byName := map[string]*Node{}
	for i := range n.Lesson.Nodes {
		byName[n.Lesson.Nodes[i].Name] = &n.Lesson.Nodes[i]
	}
	for _, spec := range specs {
		f, err := checkFault(spec, byName)
		if err != nil {
			return err
		}
		switch f.Kind {
		case "drop", "dup", "delay", "corrupt":
			ff := &sim.FaultFilter{Fault: f}
			n.filters = append(n.filters, ff)
			n.Sim.Net.AddFilter(ff)
		case "loss":
			a, b := elements[f.A].Host, elements[f.B].Host
			cfg := n.Sim.Net.Link(a, b).Config()
			cfg.Loss = f.Percent / 100
			n.Sim.Net.Connect(a, b, cfg)
		case "down":
			elements[f.Node].Host.Down = true
		case "respond":
			switch el := n.Nodes[f.Node].(type) {
			case *nodes.UA:
				el.AnswerCode = f.Code
			case *nodes.Proxy:
				el.Respond = f.Code
			case *nodes.Redirect:
				el.Respond = f.Code
			case *nodes.Registrar:
				el.Respond = f.Code
			}
		case "noanswer":
			n.UAs[f.Node].NoAnswer = true
		case "password":
			n.UAs[f.Node].Password = f.Text
		case "max-forwards":
			n.UAs[f.Node].MaxForwards = f.N
		}
	}
	return nil
}

func contentType(a Action) string {
	if a.ContentType == "" {
		return "text/plain"
	}
	return a.ContentType
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Find returns the built-in lesson with that id.
func Find(id string) (*Lesson, error) {
	for _, l := range All() {
		if l.ID == id {
			return l, nil
		}
	}
	var ids []string
	for _, l := range All() {
		ids = append(ids, l.ID)
	}
	return nil, &UnknownLessonError{ID: id, Known: ids}
}

// UnknownLessonError is returned for an id that names no built-in lesson.
type UnknownLessonError struct {
	ID    string
	Known []string
}

func (e *UnknownLessonError) Error() string {
	return fmt.Sprintf("unknown lesson %q (built-in: %s; or give a lesson file ending in .md)", e.ID, strings.Join(e.Known, ", "))
}
