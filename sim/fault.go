package sim

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/siplab/siplab/sim/sip"
)

// A Fault is one injected fault, parsed from a spec such as "drop:INVITE",
// "delay:180@bob>proxy=3s" or "respond:bob=486" (`siplab help faults`
// shows this list, from FaultKinds and their Syntax and Example):
//
//	drop:MATCH          lose the matching message(s) in flight
//	dup:MATCH           deliver the matching message twice
//	delay:MATCH=DUR     hold the matching message(s) DUR longer
//	corrupt:MATCH       damage the matching message so that its receiver must reject it
//	loss:A-B=PCT        lose PCT percent of the datagrams between nodes A and B (seeded)
//	down:NODE[@T]       NODE neither receives nor sends (from virtual time T)
//	respond:NODE=CODE   NODE answers every INVITE with the final status CODE
//	noanswer:NODE       NODE rings but never answers
//	password:NODE=TEXT  NODE authenticates with the password TEXT
//	max-forwards:NODE=N NODE sends its requests with Max-Forwards: N
//
// MATCH is WHAT[@FROM>TO][#K|#*]: WHAT a method, a status code or *; FROM and
// TO node names; #K the K-th matching message (the default is #1), #* every
// one.
//
// The engine applies the message faults (drop, dup, delay, corrupt, loss)
// with Filters; the node faults are for the elements to apply.
type Fault struct {
	Spec  string // as given
	Kind  FaultKind
	Match Match // drop, dup, delay, corrupt

	Node    string        // down, respond, noanswer, password, max-forwards
	Code    int           // respond
	Text    string        // password
	N       int           // max-forwards
	Delay   time.Duration // delay
	At      time.Duration // down: the virtual time the node goes down
	A, B    string        // loss
	Percent float64       // loss
}

// String returns the spec the fault was parsed from.
func (f Fault) String() string { return f.Spec }

// A FaultKind is what a fault does: the word before the colon of its spec.
type FaultKind string

// The kinds of fault.
const (
	FaultDrop        FaultKind = "drop"
	FaultDup         FaultKind = "dup"
	FaultDelay       FaultKind = "delay"
	FaultCorrupt     FaultKind = "corrupt"
	FaultLoss        FaultKind = "loss"
	FaultDown        FaultKind = "down"
	FaultRespond     FaultKind = "respond"
	FaultNoAnswer    FaultKind = "noanswer"
	FaultPassword    FaultKind = "password"
	FaultMaxForwards FaultKind = "max-forwards"
)

// FaultKinds lists the kinds of fault, message faults first.
var FaultKinds = []FaultKind{FaultDrop, FaultDup, FaultDelay, FaultCorrupt, FaultLoss,
	FaultDown, FaultRespond, FaultNoAnswer, FaultPassword, FaultMaxForwards}

// faultForms are the form of each kind's spec and an example of it, which
// ParseFault reads (its tests parse every example).
var faultForms = map[FaultKind][2]string{
	FaultDrop:        {"drop:MATCH", "drop:INVITE"},
	FaultDup:         {"dup:MATCH", "dup:180@bob>proxy"},
	FaultDelay:       {"delay:MATCH=DUR", "delay:180=2s"},
	FaultCorrupt:     {"corrupt:MATCH", "corrupt:INVITE@alice>proxy"},
	FaultLoss:        {"loss:A-B=PCT", "loss:alice-proxy=20"},
	FaultDown:        {"down:NODE[@T]", "down:bob@500ms"},
	FaultRespond:     {"respond:NODE=CODE", "respond:bob=486"},
	FaultNoAnswer:    {"noanswer:NODE", "noanswer:bob"},
	FaultPassword:    {"password:NODE=TEXT", "password:alice=alicia"},
	FaultMaxForwards: {"max-forwards:NODE=N", "max-forwards:alice=0"},
}

// Syntax is the form of a spec of kind k: "delay:MATCH=DUR".
func (k FaultKind) Syntax() string { return faultForms[k][0] }

// Example is a spec of kind k: "delay:180=2s".
func (k FaultKind) Example() string { return faultForms[k][1] }

// OnMessages reports whether the engine applies faults of this kind to
// messages in flight (with a FaultFilter); the others name a node, and
// the node applies them.
func (k FaultKind) OnMessages() bool {
	return k == FaultDrop || k == FaultDup || k == FaultDelay || k == FaultCorrupt
}

// MaxDuration bounds every time and delay a run takes from its input: a
// script's times, a fault's delay or down time, a link's latency. A day of
// virtual time is far beyond any lesson, and sums of such values stay far
// from overflowing the virtual clock (time.Duration ends after 292 years).
const MaxDuration = 24 * time.Hour

// Match selects messages: WHAT[@FROM>TO][#K|#*].
type Match struct {
	What     string // a method (INVITE), a status code (486) or "*"
	From, To string // node names; "" matches any
	Nth      int    // the Nth matching message, from 1; 0 means every one
}

// String writes the match back in spec form.
func (m Match) String() string {
	s := m.What
	if m.From != "" || m.To != "" {
		s += "@" + m.From + ">" + m.To
	}
	if m.Nth == 0 {
		return s + "#*"
	}
	if m.Nth != 1 {
		s += "#" + strconv.Itoa(m.Nth)
	}
	return s
}

// Selects reports whether a message with this start line, from and to these
// nodes, is of the kind the match names (before counting #K).
func (m Match) Selects(data []byte, from, to string) bool {
	if (m.From != "" && m.From != from) || (m.To != "" && m.To != to) {
		return false
	}
	if m.What == "*" {
		return true
	}
	line := data
	if i := bytes.IndexAny(line, "\r\n"); i >= 0 {
		line = line[:i]
	}
	first, rest, _ := bytes.Cut(line, []byte(" "))
	if bytes.HasPrefix(bytes.ToUpper(first), []byte("SIP/")) {
		code, _, _ := bytes.Cut(rest, []byte(" "))
		return string(code) == m.What
	}
	return string(first) == m.What
}

// ParseFault parses a fault spec. Its errors quote the spec and say what a
// correct one looks like.
func ParseFault(spec string) (Fault, error) {
	f := Fault{Spec: spec}
	kind, arg, ok := strings.Cut(spec, ":")
	bad := func(format string, args ...any) (Fault, error) {
		return Fault{}, fmt.Errorf("fault %q: "+format, append([]any{spec}, args...)...)
	}
	if i := strings.IndexFunc(spec, unicode.IsControl); i >= 0 {
		return bad("control character %U: a fault spec is printable text", []rune(spec[i:])[0])
	}
	if !ok || arg == "" {
		return bad("expected KIND:ARGUMENT, e.g. drop:INVITE or respond:bob=486")
	}
	f.Kind = FaultKind(kind)
	var name, value string // of KIND:NAME=VALUE
	switch f.Kind {
	case FaultLoss, FaultRespond, FaultPassword, FaultMaxForwards:
		if name, value, ok = strings.Cut(arg, "="); !ok || name == "" || value == "" {
			return bad("expected %s:NAME=VALUE", kind)
		}
	}
	switch f.Kind {
	case FaultDrop, FaultDup, FaultCorrupt:
		m, err := ParseMatch(arg)
		if err != nil {
			return bad("%v", err)
		}
		f.Match = m
	case FaultDelay:
		i := strings.LastIndexByte(arg, '=')
		if i <= 0 {
			return bad("expected delay:MATCH=DURATION, e.g. delay:180=3s")
		}
		d, err := time.ParseDuration(arg[i+1:])
		if err != nil || d <= 0 || d > MaxDuration {
			return bad("%q is not a positive duration such as 500ms or 3s (at most %v)", arg[i+1:], MaxDuration)
		}
		m, err := ParseMatch(arg[:i])
		if err != nil {
			return bad("%v", err)
		}
		f.Match, f.Delay = m, d
	case FaultLoss:
		a, b, ok := strings.Cut(name, "-")
		if !ok || a == "" || b == "" {
			return bad("expected loss:A-B=PERCENT, e.g. loss:alice-proxy=20")
		}
		p, err := strconv.ParseFloat(strings.TrimSuffix(value, "%"), 64)
		if err != nil || p < 0 || p > 100 {
			return bad("%q is not a percentage from 0 to 100", value)
		}
		f.A, f.B, f.Percent = a, b, p
	case FaultDown:
		node, at, timed := strings.Cut(arg, "@")
		if node == "" || strings.ContainsAny(node, "=>#") {
			return bad("expected down:NODE or down:NODE@TIME, e.g. down:bob@500ms")
		}
		if timed {
			t, err := time.ParseDuration(at)
			if err != nil || t < 0 || t > MaxDuration {
				return bad("@%s: expected the time the node goes down, from 0 to %v, e.g. @500ms", at, MaxDuration)
			}
			f.At = t
		}
		f.Node = node
	case FaultNoAnswer:
		if strings.ContainsAny(arg, "=@>#") {
			return bad("expected %s:NODE", kind)
		}
		f.Node = arg
	case FaultRespond:
		n, err := strconv.Atoi(value)
		if err != nil || n < 300 || n > 699 {
			return bad("%q is not a final failure status (300–699)", value)
		}
		f.Node, f.Code = name, n
	case FaultPassword:
		f.Node, f.Text = name, value
	case FaultMaxForwards:
		v, err := strconv.Atoi(value)
		if err != nil || v < 0 || v > 255 {
			return bad("%q is not a Max-Forwards value (0–255)", value)
		}
		f.Node, f.N = name, v
	default:
		known := make([]string, len(FaultKinds))
		for i, k := range FaultKinds {
			known[i] = string(k)
		}
		return bad("unknown kind %q (known: %s)", kind, strings.Join(known, ", "))
	}
	return f, nil
}

// ParseMatch parses a MATCH: WHAT[@FROM>TO][#K|#*].
func ParseMatch(s string) (Match, error) {
	m := Match{Nth: 1}
	if i := strings.IndexFunc(s, unicode.IsControl); i >= 0 {
		return m, fmt.Errorf("control character %U: a match is printable text", []rune(s[i:])[0])
	}
	s, k, numbered := strings.Cut(s, "#")
	if numbered {
		if k == "*" {
			m.Nth = 0
		} else {
			n, err := strconv.Atoi(k)
			if err != nil || n < 1 {
				return m, fmt.Errorf("#%s: expected #K with K ≥ 1, or #*", k)
			}
			m.Nth = n
		}
	}
	s, route, routed := strings.Cut(s, "@")
	if routed {
		from, to, ok := strings.Cut(route, ">")
		if !ok || (from == "" && to == "") {
			return m, fmt.Errorf("@%s: expected @FROM>TO with node names", route)
		}
		m.From, m.To = from, to
	}
	if s == "" {
		return m, fmt.Errorf("no message named: use a method (INVITE), a status code (486) or *")
	}
	if s != "*" && !isMethodOrCode(s) {
		return m, fmt.Errorf("%q is not a method, a status code or *", s)
	}
	m.What = s
	return m, nil
}

// isMethodOrCode: a method is letters, '-' and '_'; a status code 100–699.
func isMethodOrCode(s string) bool {
	n, err := strconv.Atoi(s)
	return methodName.MatchString(s) || err == nil && n >= 100 && n <= 699
}

var methodName = regexp.MustCompile(`^[A-Za-z_-]+$`)

// FaultFilter applies a message fault (drop, dup, delay, corrupt) to the
// messages its Match selects. Hits counts the messages it acted on, so that a
// fault that never matched can be reported.
type FaultFilter struct {
	Fault Fault
	Hits  int
	seen  int
}

// count counts, in *seen, a message that m selects, and reports whether it
// is one to act on: the Kth, or any for #*. A TCP retransmission of the
// packet is the same message and is not counted again.
func count(m Match, seen *int, p *Packet, ctx FilterContext) bool {
	if ctx.Attempt > 0 || !m.Selects(p.Data, ctx.From.Name, ctx.To.Name) {
		return false
	}
	*seen++
	return m.Nth == 0 || *seen == m.Nth
}

// Filter implements Filter.
func (f *FaultFilter) Filter(p *Packet, ctx FilterContext) Verdict {
	if !count(f.Fault.Match, &f.seen, p, ctx) {
		return Pass()
	}
	f.Hits++
	switch f.Fault.Kind {
	case FaultDrop:
		return Drop(T("net.fault.drop", f.Fault.Spec))
	case FaultDup:
		return Duplicate(1, T("net.fault.dup", f.Fault.Spec))
	case FaultDelay:
		return Delay(f.Fault.Delay, T("net.fault.delay", f.Fault.Spec, f.Fault.Delay))
	case FaultCorrupt:
		return Corrupt(CorruptContentLength, T("net.fault.corrupt", f.Fault.Spec))
	}
	return Pass()
}

// CorruptContentLength damages a SIP message the way a broken middlebox
// would: its Content-Length claims 100 bytes more than the message carries,
// so that a receiver must reject it (RFC 3261 §18.3) while the headers a
// response needs stay readable.
func CorruptContentLength(data []byte) []byte {
	head, body, _ := bytes.Cut(data, []byte("\r\n\r\n"))
	lines := bytes.Split(head, []byte("\r\n"))
	out := make([][]byte, 0, len(lines)+1)
	found := false
	for _, l := range lines {
		name, _, ok := bytes.Cut(l, []byte(":"))
		n := strings.TrimSpace(string(name))
		if ok && (strings.EqualFold(n, "Content-Length") || strings.EqualFold(n, "l")) {
			l = []byte("Content-Length: " + strconv.Itoa(len(body)+100))
			found = true
		}
		out = append(out, l)
	}
	if !found {
		out = append(out, []byte("Content-Length: "+strconv.Itoa(len(body)+100)))
	}
	return append(append(bytes.Join(out, []byte("\r\n")), "\r\n\r\n"...), body...)
}

// NoteFilter attaches a note to the messages its Match selects: how a
// lesson explains a step ("Max-Forwards is now {Max-Forwards}"). A
// {Header-Name} in the note is replaced, in both languages, by that header
// of the message the note is attached to, so a note states the values of
// the bytes it explains, whatever a fault did to them.
type NoteFilter struct {
	Match Match
	Note  Text
	Hits  int
	seen  int
}

// Filter implements Filter.
func (f *NoteFilter) Filter(p *Packet, ctx FilterContext) Verdict {
	if !count(f.Match, &f.seen, p, ctx) {
		return Pass()
	}
	f.Hits++
	return Verdict{Note: FillHeaders(f.Note, p.Data)}
}

// headerRef is a {Header-Name} in a lesson's note.
var headerRef = regexp.MustCompile(`\{([A-Za-z][A-Za-z0-9-]*)\}`)

// FillHeaders replaces each {Header-Name} of an authored note by the value
// of that header in the message raw (its first, if it has several); a
// header the message does not have stays as written.
func FillHeaders(note Text, raw []byte) Text {
	if !headerRef.MatchString(note.EN + note.ZH) {
		return note
	}
	m, err := sip.Parse(raw)
	if err != nil {
		return note
	}
	fill := func(s string) string {
		return headerRef.ReplaceAllStringFunc(s, func(ref string) string {
			if v := m.Get(ref[1 : len(ref)-1]); v != "" {
				return v
			}
			return ref
		})
	}
	note.EN, note.ZH = fill(note.EN), fill(note.ZH)
	return note
}
