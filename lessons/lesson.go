// Package lessons holds siplab's walkthroughs: what network each one builds,
// what its elements are told to do and when, and what it teaches. A lesson
// is data; Run turns it into a network of nodes on a virtual clock and
// returns the trace of what the elements did.
//
// The concepts, one file each:
//
//   - lesson.go: Lesson and its parts (nodes, links, script), and Validate.
//   - build.go: building the network of a lesson and running its script.
//   - file.go: the lesson file format (Markdown with YAML front matter).
//   - catalog.go: the built-in lessons, files in catalog/ embedded in the binary.
//   - step.go: the state of every element after a given step.
package lessons

import (
	"fmt"
	"net/netip"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// Text is a text its author wrote in both of siplab's languages (EN and
// ZH): the trace keeps it as it is (sim.Authored), and the views pick the
// language.
type Text = sim.Text

// Lesson is one walkthrough.
type Lesson struct {
	ID      string
	Title   Text
	Summary Text
	Intro   Text // what the lesson shows and what to look for

	Nodes  []Node
	Links  []Link
	Script []Action
	// Faults are injected on purpose (sim.ParseFault): the error lessons
	// are ordinary lessons with faults.
	Faults []string
	// Notes explain chosen messages; each is attached to the messages its
	// match selects (sim.ParseMatch).
	Notes []StepNote

	File string // the file the lesson was read from, if any
}

// StepNote is an explanation attached to the messages a match selects.
type StepNote struct {
	Match string // WHAT[@FROM>TO][#K|#*]
	Text  Text
}

// Node is one element of the lesson's network.
type Node struct {
	Name    string // "alice", "proxy": the node's name in the trace
	Kind    string // ua, proxy, stateless-proxy, redirect, registrar, location
	Host    string // DNS name: "client.atlanta.example.com"
	Address string // "192.0.2.101:5060" (a location service: "192.0.2.40")
	Domain  string // the domain it belongs to or serves
	Serves  bool   // DNS sends requests for Domain to this node (RFC 3263)

	// User agents.
	User, Display, Password string
	Outbound                string // name of the outbound proxy node, if any
	RingFor                 time.Duration
	AnswerCode              int
	NoAnswer                bool
	Queued                  int
	Codecs                  []string
	HideVia                 bool

	// Proxies.
	RecordRoute bool

	// Location services: bindings that exist before anyone registers,
	// address-of-record → contact URI.
	Bindings map[string]string

	// Registrars.
	Users     map[string]string
	ProxyAuth bool
	NoQOP     bool

	// Proxies, redirect servers and registrars: the location service node.
	Location string
}

// Link overrides the default link (10 ms, UDP) between two nodes.
type Link struct {
	A, B      string
	Latency   time.Duration
	Jitter    time.Duration
	Loss      float64
	Transport string // "UDP" or "TCP"
}

// Action is one step of the script: at time At, node Node does Do.
type Action struct {
	At   time.Duration
	Node string
	Do   string // register, unregister, unregister-all, query, call, message, options

	Target      string // a URI: whom to call, where to register
	Expires     int
	HangupAfter time.Duration
	CancelAfter time.Duration
	ContentType string
	Body        string
	Codecs      []string // re-INVITE: the new offer
}

// Actions a script may use.
var actions = map[string]bool{
	"register": true, "unregister": true, "unregister-all": true, "query": true,
	"call": true, "message": true, "options": true,
	// Within the calls the node has: hang up, change the session, send INFO.
	"hangup": true, "reinvite": true, "info": true,
}

// inDialog actions act on the node's established calls and need no target.
var inDialog = map[string]bool{"hangup": true, "reinvite": true, "info": true}

var kinds = map[string]bool{
	"ua": true, "proxy": true, "stateless-proxy": true, "redirect": true, "registrar": true, "location": true,
}

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// Validate checks that the lesson can be built: ids and names well formed
// and unique, addresses valid, every reference to a node resolved.
func (l *Lesson) Validate() error {
	if !idPattern.MatchString(l.ID) {
		return fmt.Errorf("lesson id %q: use lower-case letters, digits and '-'", l.ID)
	}
	if l.Title.EN == "" {
		return fmt.Errorf("lesson %s: no title", l.ID)
	}
	byName := map[string]*Node{}
	addrs := map[string]string{}
	for i := range l.Nodes {
		n := &l.Nodes[i]
		where := fmt.Sprintf("lesson %s: node %d (%s)", l.ID, i+1, n.Name)
		switch {
		case !idPattern.MatchString(n.Name):
			return fmt.Errorf("%s: bad name", where)
		case byName[n.Name] != nil:
			return fmt.Errorf("%s: the name is used twice", where)
		case !kinds[n.Kind]:
			return fmt.Errorf("%s: unknown kind %q", where, n.Kind)
		}
		byName[n.Name] = n
		if n.Kind == "location" {
			continue
		}
		ap, err := netip.ParseAddrPort(n.Address)
		if err != nil {
			return fmt.Errorf("%s: address %q: %v", where, n.Address, err)
		}
		if other, ok := addrs[ap.String()]; ok {
			return fmt.Errorf("%s: address %s is also %s's", where, ap, other)
		}
		addrs[ap.String()] = n.Name
		if n.Host == "" {
			return fmt.Errorf("%s: no host name", where)
		}
	}
	for i, n := range l.Nodes {
		where := fmt.Sprintf("lesson %s: node %d (%s)", l.ID, i+1, n.Name)
		if n.Outbound != "" && byName[n.Outbound] == nil {
			return fmt.Errorf("%s: outbound proxy %q is not a node", where, n.Outbound)
		}
		switch n.Kind {
		case "proxy", "stateless-proxy", "redirect", "registrar":
			if loc := byName[n.Location]; loc == nil || loc.Kind != "location" {
				return fmt.Errorf("%s: location %q is not a location node", where, n.Location)
			}
		}
	}
	for i, l2 := range l.Links {
		if byName[l2.A] == nil || byName[l2.B] == nil {
			return fmt.Errorf("lesson %s: link %d: %s–%s names an unknown node", l.ID, i+1, l2.A, l2.B)
		}
		if l2.Transport != "" && l2.Transport != "UDP" && l2.Transport != "TCP" {
			return fmt.Errorf("lesson %s: link %d: transport %q is not UDP or TCP", l.ID, i+1, l2.Transport)
		}
	}
	for i, note := range l.Notes {
		if _, err := sim.ParseMatch(note.Match); err != nil {
			return fmt.Errorf("lesson %s: note %d: match %q: %v", l.ID, i+1, note.Match, err)
		}
	}
	for _, spec := range l.Faults {
		if _, err := checkFault(spec, byName); err != nil {
			return fmt.Errorf("lesson %s: %v", l.ID, err)
		}
	}
	for i, a := range l.Script {
		where := fmt.Sprintf("lesson %s: script step %d", l.ID, i+1)
		n := byName[a.Node]
		switch {
		case n == nil:
			return fmt.Errorf("%s: node %q is not in the lesson", where, a.Node)
		case !actions[a.Do]:
			return fmt.Errorf("%s: unknown action %q (known: %s)", where, a.Do, strings.Join(actionNames(), ", "))
		case n.Kind != "ua" && !(n.Kind == "registrar" && a.Do == "message"):
			return fmt.Errorf("%s: node %s is a %s; only user agents act (and a registrar may send a MESSAGE)", where, a.Node, n.Kind)
		case a.Target == "" && !inDialog[a.Do]:
			return fmt.Errorf("%s: %s needs a target", where, a.Do)
		}
		if a.Target != "" {
			if _, err := sip.ParseURI(a.Target); err != nil {
				return fmt.Errorf("%s: target: %v", where, err)
			}
		}
	}
	return nil
}

// checkFault parses a fault spec and checks that the nodes it names exist
// and can take it.
func checkFault(spec string, byName map[string]*Node) (sim.Fault, error) {
	f, err := sim.ParseFault(spec)
	if err != nil {
		return f, err
	}
	need := func(name, role string) error {
		if name == "" {
			return nil
		}
		n := byName[name]
		if n == nil {
			var names []string
			for k := range byName {
				names = append(names, k)
			}
			sort.Strings(names)
			return fmt.Errorf("fault %q: %s %q is not a node of the lesson (nodes: %s)", spec, role, name, strings.Join(names, ", "))
		}
		if n.Kind == "location" {
			return fmt.Errorf("fault %q: %s is the location service, which sends no SIP messages", spec, name)
		}
		return nil
	}
	for _, c := range []struct{ name, role string }{
		{f.Match.From, "sender"}, {f.Match.To, "receiver"}, {f.A, "node"}, {f.B, "node"}, {f.Node, "node"},
	} {
		if err := need(c.name, c.role); err != nil {
			return f, err
		}
	}
	switch f.Kind {
	case "noanswer", "password", "max-forwards":
		if byName[f.Node].Kind != "ua" {
			return f, fmt.Errorf("fault %q: %s is a %s; %s applies to user agents", spec, f.Node, byName[f.Node].Kind, f.Kind)
		}
	case "respond":
		if k := byName[f.Node].Kind; k == "stateless-proxy" {
			return f, fmt.Errorf("fault %q: a stateless proxy does not answer requests itself", spec)
		}
	}
	return f, nil
}

func actionNames() []string {
	var out []string
	for a := range actions {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}
