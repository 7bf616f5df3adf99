// Package lessons holds siplab's walkthroughs: what network each one builds,
// what its elements are told to do and when, and what it teaches. A lesson
// is data; Run turns it into a network of nodes on a virtual clock and
// returns the trace of what the elements did.
//
// The concepts, one file each:
//
//   - lesson.go: Lesson and its parts (nodes, links, script).
//   - validate.go: the rules a lesson must follow (Problems).
//   - build.go: building the network of a lesson and running its script.
//   - file.go: the lesson file format (Markdown with YAML front matter).
//   - catalog.go: the built-in lessons, files in catalog/ embedded in the binary.
//   - step.go: the state of every element after a given step (StateAt), and
//     after step after step without running the lesson again (Replay).
package lessons

import (
	"regexp"
	"time"

	"github.com/siplab/siplab/sim"
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

	Nodes []Node
	// DNS are the NAPTR and SRV records of the lesson's domains (RFC 3263
	// §4); the A records come from the nodes' hosts.
	DNS    []sim.Record
	Links  []Link
	Script []Action
	// Faults are injected on purpose: the error lessons are ordinary
	// lessons with faults.
	Faults []sim.Fault
	// Notes explain chosen messages; each is attached to the messages its
	// match selects (sim.ParseMatch).
	Notes []StepNote
	// Quiz are the lesson's own questions, asked with those siplab quiz
	// makes from the trace.
	Quiz []Question

	File string // the file the lesson was read from, if any
	// lines maps the field paths of a lesson read from a file to their
	// lines (Locate).
	lines map[string]filePos
}

// StepNote is an explanation attached to the messages a match selects.
type StepNote struct {
	Match sim.Match // WHAT[@FROM>TO][#K|#*]
	Text  Text
}

// Question is a lesson's own quiz question, in both languages: the
// choices, the right one (Answer, from 1), the explanation shown after an
// answer and the RFC section it rests on ("RFC 3261 §16.6").
type Question struct {
	Question Text
	Choices  []Text
	Answer   int
	Explain  Text
	RFC      string
}

// Node is one element of the lesson's network.
type Node struct {
	Name    string   // "alice", "proxy": the node's name in the trace
	Kind    sim.Kind // ua, proxy, stateless-proxy, redirect, registrar, location
	Host    string   // DNS name: "client.atlanta.example.com"
	Address string   // "192.0.2.101:5060" (a location service: "192.0.2.40")
	Domain  string   // the domain it belongs to or serves
	Serves  bool     // DNS sends requests for Domain to this node (RFC 3263)

	// User agents.
	User, Display, Password string
	Outbound                string        // name of the outbound proxy node, if any
	AlertAfter              time.Duration // time before the phone rings (a lookup)
	RingFor                 time.Duration
	AnswerCode              int
	NoAnswer                bool
	Queued                  int
	Codecs                  []string
	HideVia                 bool
	CongestionSafe          bool   // the UA knows its paths are congestion-controlled (RFC 3428 §8)
	DelayedOffer            bool   // INVITEs without SDP: the offer in the 2xx, the answer in the ACK (RFC 3261 §13.2.1)
	RPort                   bool   // its Via asks for rport (RFC 3581), as softphones do
	SIPS                    bool   // its Contact is a sips: URI (RFC 3261 §26.2.2)
	VoiceMessages           string // a message-summary notifier's mailbox, "2/8 (0/2)" (RFC 3842 §5.2)
	Rel100                  bool   // reliable provisional responses: Supported: 100rel, a reliable 183, PRACK (RFC 3262)
	// Session timers (RFC 4028): the interval a UA asks for in its INVITEs
	// (session_expires, seconds) and the shortest it accepts (min_se).
	SessionExpires, MinSE time.Duration
	// Keepalive: a GB/T 28181 device's keepalive period (Keepalives of
	// them once registered), or a platform's (a registrar's) expected one.
	Keepalive  time.Duration
	Keepalives int
	Channels   []string // a GB/T 28181 device's channel codes, for its Catalog responses

	// Proxies.
	RecordRoute bool
	// Sequential: a stateful proxy tries an INVITE's targets one at a time,
	// highest q first (forking: sequential); BranchTimeout bounds each
	// try (branch_timeout).
	Sequential    bool
	BranchTimeout time.Duration
	// ALG: a stateful proxy is a firewall's SIP ALG, which relays the
	// media of the SDP it forwards (RFC 3665 §3.5).
	ALG bool

	// Location services: bindings that exist before anyone registers,
	// address-of-record → contact URI.
	Bindings map[string]string

	// Registrars.
	Users     map[string]string
	ProxyAuth bool
	NoQOP     bool
	Realm     string // of the challenges; "" is the domain
	Algorithm string // named in the challenges ("MD5"); "" names none
	// MinExpires and MaxExpires bound the expiry the registrar grants, in
	// seconds (0: no bound): shorter is refused with 423, longer is
	// shortened.
	MinExpires, MaxExpires int
	GBDate                 bool // Date in GB/T 28181's form, in every message

	// Proxies, redirect servers and registrars: the location service node.
	Location string

	// NATs (kind nat): Address is the outside address (no port), Inside
	// the private network behind it ("10.0.0.0/24"), Timeout how long a
	// binding lives without a packet going out.
	Inside  string
	Timeout time.Duration
}

// Link overrides the default link (10 ms, UDP) between two nodes.
type Link struct {
	A, B      string
	Latency   time.Duration
	Jitter    time.Duration
	Loss      float64
	Transport string // "UDP", "TCP" or "TLS"
}

// Action is one step of the script: at time At, node Node does Do.
type Action struct {
	At   time.Duration
	Node string
	Do   string // register, unregister, unregister-all, query, call, play, message, options

	Target      string // a URI: whom to call, where to register
	To          string // a call's To header, when it is not the target (name-addr)
	Expires     int
	Q           string // register: the Contact's q-value (§10.2.1.2)
	HangupAfter time.Duration
	CancelAfter time.Duration
	ContentType string
	Body        string
	Codecs      []string // re-INVITE, UPDATE: the new offer
	Status      string   // set-presence: open or closed (RFC 3863 §4.1.4)
	Event       string   // subscribe: presence (the default) or message-summary
	Peer        string   // click-to-dial: the second party, whom the target is connected with (RFC 3725)
	Address     string   // move: the node's new IP address and port
}

// actionKind is whom a script action addresses.
type actionKind int

const (
	toRegistrar actionKind = iota + 1 // the registrar at the target
	toUser                            // another user, the target
	inDialog                          // the node's established calls: no target
)

// Actions a script may use.
var actions = map[string]actionKind{
	"register": toRegistrar, "unregister": toRegistrar, "unregister-all": toRegistrar, "query": toRegistrar,
	"call": toUser, "message": toUser, "options": toUser,
	// Within the calls the node has: hang up, change the session, send INFO.
	"hangup": inDialog, "reinvite": inDialog, "info": inDialog,
	// Put the calls on hold and take them off it (RFC 5359 §2.1).
	"hold": inDialog, "resume": inDialog,
	// Change the session with UPDATE, even before the answer (RFC 3311).
	"update": inDialog,
	// Presence (RFC 6665, RFC 3856): subscribe to a user's presence; change
	// one's own, which notifies the subscribers.
	"subscribe": toUser, "set-presence": inDialog,
	// Transfer the calls to the target with REFER (RFC 3515); with a call to
	// the target already up, an attended transfer (RFC 3891 Replaces).
	"refer": toUser,
	// Third-party call control: connect the target with the peer (RFC 3725 §4.1).
	"click-to-dial": toUser,
	// GB/T 28181: a platform asks a device's channel for its live video.
	"play": toUser,
	// The phone gets a new address and tells its peers with a re-INVITE
	// (RFC 3665 §3.7).
	"move": inDialog,
}

// kinds are the kinds of node a lesson may have: every kind of the trace
// but the resolver's pseudo-node, which the simulation adds by itself.
var kinds = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range sim.Kinds() {
		if k != sim.KindDNS {
			m[string(k)] = true
		}
	}
	return m
}()

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
