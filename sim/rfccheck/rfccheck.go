// Package rfccheck checks the SIP messages of a trace against RFC 3261:
// what every message must carry, how a response answers its request, how
// an ACK picks its branch, what a proxy changes when it forwards, how CSeq
// grows in a dialog, how retransmissions are spaced. It reads any
// sim.Trace: a lesson's run, a trace JSON read back, or a capture
// converted to a trace; the findings are language-neutral (a catalog text
// and its RFC section), translated by the views like the trace's own notes.
//
// Check sees only what was on the wire, as a sniffer would: it never asks
// which node is a proxy, it infers it from what a node sends after what it
// received.
package rfccheck

import (
	"cmp"
	"errors"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// Severity says whether a finding breaks a MUST of the RFC (Error) or a
// SHOULD, a recommendation or a timing that may have another cause
// (Warning).
type Severity string

// The severities of findings.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// The rules, as named in findings: stable identifiers for tools.
const (
	RuleSyntax        = "syntax"              // the message does not parse (§25)
	RuleMandatory     = "mandatory-header"    // To, From, CSeq, Call-ID, Max-Forwards, Via (§8.1.1)
	RuleContentLength = "content-length"      // Content-Length against the body (§18.3, §20.14)
	RuleResponse      = "response-match"      // a response copies its request's fields (§8.2.6.2)
	RuleToTag         = "to-tag"              // every response but 100 has a To tag (§8.2.6.2)
	RuleACKBranch     = "ack-branch"          // the ACK's branch (§17.1.1.3, §13.2.2.4)
	RuleMaxForwards   = "proxy-max-forwards"  // a proxy decrements Max-Forwards (§16.6 step 3)
	RuleProxyVia      = "proxy-via"           // a proxy pushes its Via (§16.6 step 8)
	RuleCSeq          = "cseq-order"          // CSeq grows inside a dialog (§12.2.1.1)
	RuleQOP           = "register-qop"        // a REGISTER challenge offers qop (§22.4)
	RuleRetransmit    = "retransmit-interval" // retransmissions double from T1 (§17.1.1.2, §17.1.2.2)
)

// A Finding is one place where a message breaks a rule.
type Finding struct {
	Seq      int    // the message event
	Frame    int    // its frame in a capture (Options.Frame), 0 for a lesson's trace
	Related  int    // the event it was compared with (the request, the INVITE…), 0 = none
	Rule     string // Rule… constant
	Severity Severity
	Text     sim.Text // what is wrong, a catalog text ("check.…")
	RFC      string   // "RFC 3261 §8.1.1"
}

// Options adjust Check.
type Options struct {
	// Frame gives the capture frame number of a message event, 0 when it
	// has none. A trace converted from a capture sets it; nil means every
	// finding is located by its step (the event's seq) alone.
	Frame func(*sim.Event) int
}

// HasErrors reports whether one of the findings is an error.
func HasErrors(fs []Finding) bool {
	return slices.ContainsFunc(fs, func(f Finding) bool { return f.Severity == Error })
}

// T1 and T2 are RFC 3261's default timer values (§17.1.1.1, table 4): the
// first retransmission interval and the cap of the doubling.
const (
	T1 = 500 * time.Millisecond
	T2 = 4 * time.Second
)

// msg is a message event with the fields the rules compare, parsed once.
type msg struct {
	ev     *sim.Event
	idx    int // its place in checker.msgs
	m      *sip.Message
	vias   []sip.Via
	callID string
	cseq   sip.CSeq
	from   sip.Address
	to     sip.Address
	// copyOf is the earlier message with the same bytes on the same hop
	// (a retransmission, or a retransmitted request forwarded again); nil
	// for a first sending.
	copyOf *msg
}

func (m *msg) request() bool  { return m.m.IsRequest() }
func (m *msg) branch() string { return m.vias[0].Branch() }
func (m *msg) method() string { return m.cseq.Method }
func (m *msg) sameCall(o *msg) bool {
	return m.callID == o.callID && m.cseq == o.cseq
}

// origin is the branch of the bottom Via, the one the request's originator
// put: the same in every copy of the request along its path.
func (m *msg) origin() string { return m.vias[len(m.vias)-1].Branch() }

type checker struct {
	opt  Options
	msgs []*msg
	out  []Finding
	// The messages by Call-ID and by top branch, in order: every rule
	// compares messages of one call or one transaction, so that checking
	// a long capture stays linear in the number of calls' messages.
	calls, branches map[string][]*msg
	sent            map[hop]*msg // the first message of each bytes on each hop
}

// hop is a message's bytes and the nodes it went between.
type hop struct{ raw, from, to string }

// Check returns the findings of every message event of t, in the order of
// the events (and, for one event, of the rules). It never fails: a
// message that does not parse is a finding.
func Check(t *sim.Trace, opt Options) []Finding {
	c := &checker{opt: opt, calls: map[string][]*msg{}, branches: map[string][]*msg{}, sent: map[hop]*msg{}}
	for i := range t.Events {
		if e := &t.Events[i]; e.Type == sim.EventMessage {
			c.parse(e)
		}
	}
	c.responses()
	c.acks()
	c.proxies()
	c.cseqs()
	c.retransmissions()
	slices.SortStableFunc(c.out, func(a, b Finding) int { return cmp.Compare(a.Seq, b.Seq) })
	return c.out
}

func (c *checker) add(e *sim.Event, related int, rule string, sev Severity, rfc string, key string, args ...any) {
	f := Finding{Seq: e.Seq, Related: related, Rule: rule, Severity: sev, Text: sim.T(key, args...), RFC: rfc}
	if c.opt.Frame != nil {
		f.Frame = c.opt.Frame(e)
	}
	c.out = append(c.out, f)
}

// parse reads one message event; a message that does not parse, or whose
// Content-Length does not fit its body, is a finding here, and one that
// does not parse takes part in no other rule.
func (c *checker) parse(e *sim.Event) {
	m, err := sip.ParseShared([]byte(e.Raw)) // a copy of its own already
	var pe *sip.ParseError
	switch {
	case err == nil:
	case errors.Is(err, sip.ErrMissing) && errors.As(err, &pe):
		kind, rfc := "check.missing.response", "RFC 3261 §8.2.6.2, §20"
		if !isResponse(e.Raw) {
			kind, rfc = "check.missing.request", "RFC 3261 §8.1.1"
		}
		c.add(e, 0, RuleMandatory, Error, rfc, kind, pe.Header)
		return
	case errors.Is(err, sip.ErrTruncated):
		c.add(e, 0, RuleContentLength, Error, "RFC 3261 §18.3, §20.14", "check.length.short", err.Error())
		return
	default:
		c.add(e, 0, RuleSyntax, Error, "RFC 3261 §25.1", "check.syntax", err.Error())
		return
	}
	x := &msg{ev: e, m: m, callID: m.CallID()}
	// Parse checked these headers: the errors cannot happen.
	x.vias, _ = m.Vias()
	x.cseq, _ = m.CSeq()
	x.from, _ = m.From()
	x.to, _ = m.To()
	x.idx = len(c.msgs)
	if first := c.sent[hop{e.Raw, e.From, e.To}]; first != nil {
		x.copyOf = first
	} else {
		c.sent[hop{e.Raw, e.From, e.To}] = x
	}
	c.msgs = append(c.msgs, x)
	c.calls[x.callID] = append(c.calls[x.callID], x)
	c.branches[x.branch()] = append(c.branches[x.branch()], x)
	c.contentLength(x)
	if x.copyOf == nil && !x.request() {
		c.toTag(x)
		c.qop(x)
	}
}

// isResponse tells a response from a request by its start line, for a
// message that did not parse.
func isResponse(raw string) bool {
	s := strings.TrimLeft(raw, "\r\n")
	return len(s) >= 4 && strings.EqualFold(s[:4], "SIP/")
}

// contentLength compares Content-Length with the bytes that follow the
// headers (Parse already refused fewer); over a stream transport the
// header is mandatory (§18.3, §20.14).
func (c *checker) contentLength(x *msg) {
	cl := x.m.Get("Content-Length")
	if cl == "" {
		if t := strings.ToUpper(x.ev.Transport); t != "" && t != "UDP" {
			c.add(x.ev, 0, RuleContentLength, Error, "RFC 3261 §18.3, §20.14", "check.length.stream", t)
		}
		return
	}
	n, _ := strconv.Atoi(cl)
	if body := bodyLen(x.ev.Raw); body > n {
		c.add(x.ev, 0, RuleContentLength, Error, "RFC 3261 §18.3, §20.14", "check.length.long", n, body)
	}
}

// bodyLen is the number of bytes after the empty line that ends the
// headers (CRLF or, leniently, LF line ends).
func bodyLen(raw string) int {
	raw = strings.TrimLeft(raw, "\r\n")
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\n' {
			continue
		}
		rest := raw[i+1:]
		switch {
		case strings.HasPrefix(rest, "\r\n"):
			return len(rest) - 2
		case strings.HasPrefix(rest, "\n"):
			return len(rest) - 1
		}
	}
	return 0
}

// toTag: a UAS adds a tag to the To of every response but 100 (§8.2.6.2),
// and the dialog is identified by it (§12.1.1).
func (c *checker) toTag(x *msg) {
	if x.m.StatusCode != 100 && x.to.Tag() == "" {
		c.add(x.ev, 0, RuleToTag, Error, "RFC 3261 §8.2.6.2, §12.1.1", "check.totag", x.m.StatusCode)
	}
}

// qop: a 401 or 407 to REGISTER should offer qop; without it the client
// answers in the RFC 2069 way, without cnonce and nonce count (§22.4).
func (c *checker) qop(x *msg) {
	name := map[int]string{401: "WWW-Authenticate", 407: "Proxy-Authenticate"}[x.m.StatusCode]
	if name == "" || x.method() != sip.REGISTER {
		return
	}
	if ch, err := x.m.Challenge(name); err == nil && len(ch.QOP) == 0 {
		c.add(x.ev, 0, RuleQOP, Warning, "RFC 3261 §22.4; RFC 2617 §3.2.1", "check.qop", x.m.StatusCode)
	}
}

// request finds the request that the response x answers: the last one
// sent the other way on its hop before it with the same top branch and
// CSeq method (§17.1.3), or failing that, with the same Call-ID and CSeq.
func (c *checker) request(x *msg) *msg {
	answers := func(o *msg) bool { return o.request() && o.ev.From == x.ev.To && o.ev.To == x.ev.From }
	for o := range earlier(c.branches[x.branch()], x) {
		if answers(o) && o.method() == x.method() {
			return o
		}
	}
	for o := range earlier(c.calls[x.callID], x) {
		if answers(o) && o.sameCall(x) {
			return o
		}
	}
	return nil
}

// earlier yields the messages of list (in order) that came before x, the
// latest first.
func earlier(list []*msg, x *msg) iter.Seq[*msg] {
	return func(yield func(*msg) bool) {
		i, _ := slices.BinarySearchFunc(list, x.idx, func(m *msg, idx int) int { return cmp.Compare(m.idx, idx) })
		for i--; i >= 0; i-- {
			if !yield(list[i]) {
				return
			}
		}
	}
}

// responses: a response copies its request's Via headers, From, To (a tag
// aside, when the request had none), Call-ID and CSeq (§8.2.6.2); the
// client matches it by the top Via's branch and the CSeq method (§17.1.3).
func (c *checker) responses() {
	for _, x := range c.msgs {
		if x.request() || x.copyOf != nil {
			continue
		}
		q := c.request(x)
		if q == nil {
			continue // the capture started after the request
		}
		differ := func(header, got, want string) {
			c.add(x.ev, q.ev.Seq, RuleResponse, Error, "RFC 3261 §8.2.6.2, §17.1.3", "check.response.field", header, got, want)
		}
		if got, want := viaList(x.vias), viaList(q.vias); got != want {
			differ("Via", got, want)
		}
		if !sameAddress(x.from, q.from, true) {
			differ("From", x.m.Get("From"), q.m.Get("From"))
		}
		if !sameAddress(x.to, q.to, q.to.Tag() != "") {
			differ("To", x.m.Get("To"), q.m.Get("To"))
		}
		if x.callID != q.callID {
			differ("Call-ID", x.callID, q.callID)
		}
		if x.cseq != q.cseq {
			differ("CSeq", x.cseq.String(), q.cseq.String())
		}
	}
}

// viaList writes the parts of a Via list that a response must keep: each
// value's protocol, sent-by and branch. The received and rport parameters
// that the server added (§18.2.1) are left out.
func viaList(vs []sip.Via) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = strings.ToUpper(v.Transport) + " " + strings.ToLower(v.SentBy()) + ";branch=" + v.Branch()
	}
	return strings.Join(parts, ", ")
}

// sameAddress compares the URIs and, when withTag, the tags.
func sameAddress(a, b sip.Address, withTag bool) bool {
	return strings.EqualFold(a.URI.String(), b.URI.String()) && (!withTag || a.Tag() == b.Tag())
}
