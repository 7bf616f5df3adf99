package lessons

import (
	"cmp"
	"fmt"
	"maps"
	"net/netip"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// A Problem is one thing wrong with a lesson: the field it is in, as a path
// in the terms of the lesson file (nodes[3].kind, script[2].target,
// faults[1], notes[1].match; entries are counted from 1), and what is
// wrong, in words that quote the value.
type Problem struct {
	Path string // "" for the lesson as a whole
	Msg  string
}

// gbCode is a GB/T 28181 code: 20 digits (centre, industry, type,
// network, serial number).
var gbCode = regexp.MustCompile(`^[0-9]{20}$`)

func (p Problem) String() string {
	if p.Path == "" {
		return p.Msg
	}
	return p.Path + ": " + p.Msg
}

// Problems is every problem of a lesson; as an error, one a line.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Problems checks that the lesson can be built and returns everything
// wrong with it: ids and names well formed and unique, kinds and actions
// known, addresses valid, every reference to a node resolved, durations
// within the virtual clock, faults and notes naming nodes that can take
// them, and no control character in any text (a CR LF in a display name
// would write a header of its own). It is the one set of rules for a
// lesson, from a file or built in Go; ParseFile adds what only the file's
// syntax can get wrong and puts each problem on its line.
func (l *Lesson) Problems() Problems {
	v := &validator{byName: map[string]*Node{}}
	v.lesson(l)
	return v.problems
}

type validator struct {
	problems Problems
	byName   map[string]*Node
}

func (v *validator) add(path, format string, args ...any) {
	v.problems = append(v.problems, Problem{Path: path, Msg: fmt.Sprintf(format, args...)})
}

// text checks that a one-line text holds no control character, and
// reports whether it does not.
func (v *validator) text(path, s string) bool {
	if i := strings.IndexFunc(s, unicode.IsControl); i >= 0 {
		v.add(path, "%q: control character %U; a lesson field is printable text", s, []rune(s[i:])[0])
		return false
	}
	return true
}

// body checks a message body: it may break lines and hold tabs, nothing
// else that is not printable.
func (v *validator) body(path, s string) {
	if i := strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\r' && r != '\n' && r != '\t' }); i >= 0 {
		v.add(path, "control character %U at byte %d; a body may hold line breaks and tabs, no other control character", []rune(s[i:])[0], i)
	}
}

// both checks a text that is required in both languages.
func (v *validator) both(path string, t Text) {
	switch {
	case t.EN == "" && t.ZH == "":
		v.add(path, "missing")
	case (t.EN == "") != (t.ZH == ""):
		v.add(path, "needs both languages: en and zh")
	}
	v.text(path+".en", t.EN)
	v.text(path+".zh", t.ZH)
}

// name checks a lesson's id or a node's name, and reports whether it is
// well formed.
func (v *validator) name(path, s string) bool {
	switch {
	case s == "":
		v.add(path, "missing")
	case !idPattern.MatchString(s):
		v.add(path, "%q: use lower-case letters, digits and '-', starting with a letter", s)
	default:
		return true
	}
	return false
}

// duration checks that a time or delay is within the virtual clock.
func (v *validator) duration(path string, d time.Duration) {
	if d < 0 || d > sim.MaxDuration {
		v.add(path, "%v is out of range: durations go from 0 to %v", d, sim.MaxDuration)
	}
}

// node resolves a reference to a node of the lesson; it reports and
// returns nil when there is none.
func (v *validator) node(path, name string) *Node {
	n := v.byName[name]
	if n == nil {
		v.add(path, "%q is not a node of the lesson", name)
	}
	return n
}

func (v *validator) lesson(l *Lesson) {
	v.name("id", l.ID)
	v.both("title", l.Title)
	v.both("summary", l.Summary)
	if len(l.Nodes) == 0 {
		v.add("nodes", "missing")
	}
	v.nodes(l.Nodes)
	v.dns(l.DNS, l.Nodes)
	v.links(l.Links)
	v.script(l.Script)
	for i, f := range l.Faults {
		if err := checkFault(f, v.byName); err != nil {
			v.add(fmt.Sprintf("faults[%d]", i+1), "%v", err)
		}
	}
	for i, note := range l.Notes {
		path, m := fmt.Sprintf("notes[%d]", i+1), note.Match
		err := cmp.Or(needNode(v.byName, m.From, "sender"), needNode(v.byName, m.To, "receiver"))
		switch {
		case m.What == "":
			v.add(path+".match", "missing: the messages the note explains, such as INVITE@alice>proxy")
		case err != nil:
			v.add(path+".match", "%q: %v", m, err)
		}
		v.both(path, note.Text)
	}
	for i, q := range l.Quiz {
		v.question(fmt.Sprintf("quiz[%d]", i+1), q)
	}
}

// qValue is a Contact's q parameter (RFC 3261 §25.1, qvalue).
var qValue = regexp.MustCompile(`^(0(\.[0-9]{0,3})?|1(\.0{0,3})?)$`)

// rfcCitation is how a quiz question cites its source: "RFC 3261 §16.6",
// "RFC 3261 §17.1.1.2, §17.1.1.3".
var rfcCitation = regexp.MustCompile(`^RFC \d{3,4}(?: §\d+(?:\.\d+)*(?:, §\d+(?:\.\d+)*)*)?$`)

// question checks a lesson's own quiz question.
func (v *validator) question(path string, q Question) {
	v.both(path+".question", q.Question)
	v.both(path+".explain", q.Explain)
	if len(q.Choices) < 2 {
		v.add(path+".choices", "give at least two choices")
	}
	for j, c := range q.Choices {
		v.both(fmt.Sprintf("%s.choices[%d]", path, j+1), c)
	}
	if q.Answer < 1 || q.Answer > len(q.Choices) {
		v.add(path+".answer", "%d: name the right choice by its number, 1 to %d", q.Answer, len(q.Choices))
	}
	if q.RFC != "" && !rfcCitation.MatchString(q.RFC) {
		v.add(path+".rfc", "%q: cite as RFC 3261 §16.6", q.RFC)
	}
}

// dns checks that every SRV record's target is a node's host: the A
// records of the lesson are its nodes'.
func (v *validator) dns(records []sim.Record, nodes []Node) {
	for i, r := range records {
		if r.Type == "SRV" && !slices.ContainsFunc(nodes, func(n Node) bool { return strings.EqualFold(n.Host, r.Target) }) {
			v.add(fmt.Sprintf("dns[%d]", i+1), "SRV target %s is no node's host: give the server node host: %s", r.Target, r.Target)
		}
	}
}

func (v *validator) nodes(nodes []Node) {
	addrs := map[string]string{}
	for i := range nodes {
		n, path := &nodes[i], fmt.Sprintf("nodes[%d]", i+1)
		if v.name(path+".name", n.Name) && v.byName[n.Name] != nil {
			v.add(path+".name", "%q names another node already", n.Name)
		}
		if v.byName[n.Name] == nil {
			v.byName[n.Name] = n
		}
		for _, f := range []struct{ field, value string }{
			{"host", n.Host}, {"domain", n.Domain}, {"user", n.User}, {"display", n.Display}, {"password", n.Password}, {"realm", n.Realm},
		} {
			v.text(path+"."+f.field, f.value)
		}
		for j, c := range n.Codecs {
			v.text(fmt.Sprintf("%s.codecs[%d]", path, j+1), c)
		}
		for _, user := range slices.Sorted(maps.Keys(n.Users)) {
			if at := join(path+".users", user); v.text(at, user) {
				v.text(at, n.Users[user])
			}
		}
		for _, aor := range slices.Sorted(maps.Keys(n.Bindings)) {
			if at := join(path+".bindings", aor); v.text(at, aor) && v.text(at, n.Bindings[aor]) {
				if _, err := sip.ParseURI(n.Bindings[aor]); err != nil {
					v.add(at, "%v", err)
				}
			}
		}
		v.duration(path+".ring", n.RingFor)
		v.duration(path+".branch_timeout", n.BranchTimeout)
		switch {
		case n.Sequential && n.Kind != sim.KindProxy:
			v.add(path+".forking", "only a stateful proxy (kind: proxy) forks sequentially; %s is a %s", n.Name, n.Kind)
		case n.ALG && n.Kind != sim.KindProxy:
			v.add(path+".alg", "only a stateful proxy (kind: proxy) is an ALG; %s is a %s", n.Name, n.Kind)
		case n.BranchTimeout > 0 && !n.Sequential:
			v.add(path+".branch_timeout", "a branch timeout needs forking: sequential (a parallel fork rings every phone until one answers)")
		}
		v.duration(path+".alert_after", n.AlertAfter)
		if !kinds[string(n.Kind)] {
			v.add(path+".kind", "%q is not a kind of node (known: %s)", n.Kind, strings.Join(slices.Sorted(maps.Keys(kinds)), ", "))
			continue
		}
		if n.Kind == sim.KindNAT {
			v.nat(path, n)
		}
		if n.SIPS && n.Kind != sim.KindUA {
			v.add(path+".sips", "only a user agent has a Contact to make a sips: URI; %s is a %s", n.Name, n.Kind)
		}
		if (n.Inside != "" || n.Timeout != 0) && n.Kind != sim.KindNAT {
			v.add(path+".inside", "only a NAT (kind: nat) has inside and timeout; %s is a %s", n.Name, n.Kind)
		}
		if n.Kind == sim.KindLocation || n.Kind == sim.KindNAT {
			continue
		}
		ap, err := netip.ParseAddrPort(n.Address)
		switch {
		case err != nil:
			v.add(path+".address", "%q is not an IP address and port such as \"192.0.2.10:5060\"", n.Address)
		case addrs[ap.String()] != "":
			v.add(path+".address", "%s is also %s's address", ap, addrs[ap.String()])
		default:
			addrs[ap.String()] = n.Name
		}
		if n.Host == "" {
			v.add(path+".host", "missing: the node's DNS name, such as client.atlanta.example.com")
		}
	}
	for i, n := range nodes {
		path := fmt.Sprintf("nodes[%d]", i+1)
		if n.Outbound != "" {
			// An outbound proxy is a user agent's first hop (§8.1.2): a
			// SIP server that forwards, never a location service.
			switch out := v.node(path+".outbound", n.Outbound); {
			case out == nil:
			case n.Kind != sim.KindUA:
				v.add(path+".outbound", "only a user agent has an outbound proxy; %s is a %s", n.Name, n.Kind)
			case out.Kind == sim.KindLocation || out.Kind == sim.KindUA:
				v.add(path+".outbound", "%q is a %s, not a proxy a user agent can send its requests to", n.Outbound, out.Kind)
			}
		}
		if n.Keepalive > 0 && n.Kind != sim.KindUA && n.Kind != sim.KindRegistrar {
			v.add(path+".keepalive", "only a GB/T 28181 device (a user agent) or platform (a registrar) keeps alive; %s is a %s", n.Name, n.Kind)
		}
		if n.Keepalive > 0 && n.Keepalive < time.Second {
			v.add(path+".keepalive", "GB/T 28181 counts keepalive periods in seconds: use 1s or more")
		}
		switch {
		case n.Keepalives > 0 && (n.Kind != sim.KindUA || n.Keepalive == 0):
			v.add(path+".keepalives", "the number of keepalives a device sends goes with a user agent's keepalive period")
		case n.Kind == sim.KindUA && n.Keepalive > 0 && n.Keepalives == 0:
			v.add(path+".keepalive", "a device's keepalive period needs keepalives: how many it sends, so that the lesson ends")
		}
		if len(n.Channels) > 0 && n.Kind != sim.KindUA {
			v.add(path+".channels", "only a GB/T 28181 device (a user agent) has channels; %s is a %s", n.Name, n.Kind)
		}
		for j, ch := range n.Channels {
			if !gbCode.MatchString(ch) {
				v.add(fmt.Sprintf("%s.channels[%d]", path, j+1), "%q is not a GB/T 28181 code: 20 digits, such as 34020000001310000001", ch)
			}
		}
		if n.VoiceMessages != "" && n.Kind != sim.KindUA {
			v.add(path+".voice_messages", "only a user agent has a mailbox (RFC 3842); %s is a %s", n.Name, n.Kind)
		} else if n.VoiceMessages != "" && !voiceMessages.MatchString(n.VoiceMessages) {
			v.add(path+".voice_messages", "%q: write new/old (urgent new/urgent old), such as \"2/8 (0/2)\" (RFC 3842 §5.2)", n.VoiceMessages)
		}
		if (n.SessionExpires > 0 || n.MinSE > 0) && n.Kind != sim.KindUA {
			v.add(path+".session_expires", "only a user agent keeps a session timer (RFC 4028); %s is a %s", n.Name, n.Kind)
		}
		if n.MinSE > 0 && n.MinSE < 90*time.Second {
			v.add(path+".min_se", "%d s: Min-SE is at least 90 seconds (RFC 4028 §5)", int(n.MinSE/time.Second))
		}
		if n.Rel100 && n.Kind != sim.KindUA {
			v.add(path+".100rel", "only a user agent sends or acknowledges reliable provisional responses (RFC 3262); %s is a %s", n.Name, n.Kind)
		}
		switch n.Kind {
		case sim.KindProxy, sim.KindStatelessProxy, sim.KindRedirect, sim.KindRegistrar:
			if loc := v.byName[n.Location]; loc == nil || loc.Kind != sim.KindLocation {
				v.add(path+".location", "%q is not a location node of the lesson", n.Location)
			}
		}
	}
}

func (v *validator) links(links []Link) {
	for i, lk := range links {
		path := fmt.Sprintf("links[%d]", i+1)
		if lk.A == "" || lk.B == "" {
			v.add(path+".between", "name the two nodes the link joins: [alice, proxy]")
		}
		for _, end := range []string{lk.A, lk.B} {
			if end != "" {
				v.node(path+".between", end)
			}
		}
		if lk.Transport != "" && lk.Transport != "UDP" && lk.Transport != "TCP" && lk.Transport != "TLS" {
			v.add(path+".transport", "%q: use UDP, TCP or TLS", lk.Transport)
		}
		v.duration(path+".latency", lk.Latency)
		v.duration(path+".jitter", lk.Jitter)
	}
}

// voiceMessages is a Voice-Message line's counts (RFC 3842 §5.2).
var voiceMessages = regexp.MustCompile(`^[0-9]{1,4}/[0-9]{1,4}( \([0-9]{1,4}/[0-9]{1,4}\))?$`)

func (v *validator) script(script []Action) {
	for i, a := range script {
		path := fmt.Sprintf("script[%d]", i+1)
		v.duration(path+".at", a.At)
		v.duration(path+".hangup_after", a.HangupAfter)
		v.duration(path+".cancel_after", a.CancelAfter)
		v.text(path+".content_type", a.ContentType)
		v.body(path+".body", a.Body)
		for j, c := range a.Codecs {
			v.text(fmt.Sprintf("%s.codecs[%d]", path, j+1), c)
		}
		n := v.byName[a.Node]
		switch {
		case n == nil:
			v.add(path+".node", "%q is not a node of the lesson", a.Node)
		case actions[a.Do] == 0:
			v.add(path+".do", "%q is not an action (known: %s)", a.Do, strings.Join(slices.Sorted(maps.Keys(actions)), ", "))
		case n.Kind != sim.KindUA && !(n.Kind == sim.KindRegistrar && a.Do == "message"):
			v.add(path+".node", "%s is a %s; only user agents act (and a registrar may send a MESSAGE)", a.Node, n.Kind)
		case a.Target == "" && actions[a.Do] != inDialog:
			v.add(path+".target", "missing: %s needs a target URI", a.Do)
		}
		if a.Target != "" && v.text(path+".target", a.Target) {
			if _, err := sip.ParseURI(a.Target); err != nil {
				v.add(path+".target", "%v", err)
			}
		}
		switch {
		case a.Do == "set-presence" && a.Status != "open" && a.Status != "closed":
			v.add(path+".status", "%q: set-presence needs open or closed (RFC 3863 §4.1.4)", a.Status)
		case a.Do != "set-presence" && a.Status != "":
			v.add(path+".status", "only a set-presence action has a status")
		}
		switch {
		case a.Event != "" && a.Do != "subscribe":
			v.add(path+".event", "only a subscribe action names an event package")
		case a.Event != "" && a.Event != "presence" && a.Event != "message-summary":
			v.add(path+".event", "%q: use presence (RFC 3856) or message-summary (RFC 3842)", a.Event)
		}
		if a.Q != "" && v.text(path+".q", a.Q) {
			switch {
			case a.Do != "register":
				v.add(path+".q", "only a register action has a q-value (its Contact's preference)")
			case !qValue.MatchString(a.Q):
				v.add(path+".q", "%q is not a q-value from 0 to 1 with up to three decimals, such as 0.5 (RFC 3261 §20.10)", a.Q)
			}
		}
		v.actionField(path, "peer", a.Peer, a.Do, "click-to-dial", "click-to-dial connects the target with a peer URI (RFC 3725 §4.1)", func() {
			if _, err := sip.ParseURI(a.Peer); err != nil {
				v.add(path+".peer", "%v", err)
			}
		})
		v.actionField(path, "address", a.Address, a.Do, "move", `move needs the node's new address, such as "192.0.2.150:5060"`, func() {
			v.moveTo(path+".address", a.Address)
		})
		if a.To != "" && v.text(path+".to", a.To) {
			if a.Do != "call" {
				v.add(path+".to", "only a call has a To of its own")
			} else if _, err := sip.ParseAddress(a.To); err != nil {
				v.add(path+".to", "%v", err)
			}
		}
	}
}

// actionField checks the field of script action path that belongs to one
// action: that action needs it (missing says why), no other has it, and
// check judges a value that is printable text.
func (v *validator) actionField(path, field, value, do, action, missing string, check func()) {
	path += "." + field
	switch {
	case do == action && value == "":
		v.add(path, "missing: %s", missing)
	case value != "" && do != action:
		article := "a"
		if strings.ContainsAny(field[:1], "aeiou") {
			article = "an"
		}
		v.add(path, "only a %s action has %s %s", action, article, field)
	case value != "" && v.text(path, value):
		check()
	}
}

// moveTo checks the address a move action gives its node: an IP address
// and port that no node of the lesson has.
func (v *validator) moveTo(path, addr string) {
	ap, err := netip.ParseAddrPort(addr)
	if err != nil {
		v.add(path, "%q is not an IP address and port such as \"192.0.2.150:5060\"", addr)
		return
	}
	for _, name := range slices.Sorted(maps.Keys(v.byName)) {
		if a, err := netip.ParseAddrPort(v.byName[name].Address); err == nil && a == ap {
			v.add(path, "%s is %s's address: a node moves to an address nobody has", ap, name)
		}
	}
}

// checkFault checks that the nodes a fault names exist and can take it:
// the rule for the lesson's own faults and for those given to a run.
func checkFault(f sim.Fault, byName map[string]*Node) error {
	if !slices.Contains(sim.FaultKinds, f.Kind) {
		return fmt.Errorf("fault %q: not a fault spec such as drop:INVITE or respond:bob=486", f.Spec)
	}
	for _, c := range []struct{ name, role string }{
		{f.Match.From, "sender"}, {f.Match.To, "receiver"}, {f.A, "node"}, {f.B, "node"}, {f.Node, "node"},
	} {
		if err := needNode(byName, c.name, c.role); err != nil {
			return fmt.Errorf("fault %q: %v", f.Spec, err)
		}
	}
	if onNode := !f.Kind.OnMessages() && f.Kind != sim.FaultLoss; onNode && byName[f.Node] == nil ||
		f.Kind == sim.FaultLoss && (f.A == "" || f.B == "") {
		return fmt.Errorf("fault %q: names no node", f.Spec)
	}
	switch f.Kind {
	case sim.FaultNoAnswer, sim.FaultPassword, sim.FaultMaxForwards:
		if k := byName[f.Node].Kind; k != sim.KindUA {
			return fmt.Errorf("fault %q: %s is a %s; %s applies to user agents", f.Spec, f.Node, k, f.Kind)
		}
	case sim.FaultRespond:
		if byName[f.Node].Kind == sim.KindStatelessProxy {
			return fmt.Errorf("fault %q: a stateless proxy does not answer requests itself", f.Spec)
		}
	}
	return nil
}

// needNode checks that name, when given, is a node that sends and receives
// SIP messages; a NAT only receives, the packets it drops.
func needNode(byName map[string]*Node, name, role string) error {
	if name == "" {
		return nil
	}
	n := byName[name]
	if n == nil {
		return fmt.Errorf("%s %q is not a node of the lesson (nodes: %s)", role, name, strings.Join(slices.Sorted(maps.Keys(byName)), ", "))
	}
	switch n.Kind {
	case sim.KindLocation:
		return fmt.Errorf("%s is the location service, which sends no SIP messages", name)
	case sim.KindNAT:
		if role == "receiver" { // of the packets it turns away
			return nil
		}
		return fmt.Errorf("%s is a NAT, which sends no SIP messages of its own", name)
	}
	return nil
}

// nat checks a NAT node: an outside address without a port, the private
// network behind it, and how long its bindings live.
func (v *validator) nat(path string, n *Node) {
	out, err := netip.ParseAddr(n.Address)
	if err != nil {
		v.add(path+".address", "%q is not an IP address: a NAT's outside address, such as \"198.51.100.1\" (no port)", n.Address)
	}
	in, err := netip.ParsePrefix(n.Inside)
	switch {
	case err != nil:
		v.add(path+".inside", "%q is not a network such as \"10.0.0.0/24\": the private addresses behind the NAT", n.Inside)
	case out.IsValid() && in.Contains(out):
		v.add(path+".address", "the outside address %s is inside %s", out, in)
	}
	if v.duration(path+".timeout", n.Timeout); n.Timeout == 0 {
		v.add(path+".timeout", "missing: how long a binding lives without a packet going out, such as 30s")
	}
}
