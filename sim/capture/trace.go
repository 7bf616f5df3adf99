package capture

import (
	"fmt"
	"io"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// RFC 3261's timer values (§17.1.1.1): the estimate of the round-trip time
// and the longest interval between retransmissions of a non-INVITE request
// or of a 2xx to an INVITE.
const (
	T1 = 500 * time.Millisecond
	T2 = 4 * time.Second
)

// TraceOptions say how ReadTrace turns a capture into a trace.
type TraceOptions struct {
	Name      string            // the file's name: the trace's lesson
	Call      string            // keep only one call: its Call-ID, or a user in its From or To
	Passwords map[string]string // user → password: digest responses are recomputed and checked
}

// ReadTrace reads the capture r into a trace with "source":"capture" (see
// DESIGN.md, wave 2): one node per SIP endpoint, named by the role and user
// its behaviour shows, one message event per SIP message with its frame,
// time since the first one, and transport, annotated where the capture
// allows: retransmissions and their intervals, the request a response
// answers, the message a proxy forwards (Cause, which the views diff), the
// dialog a request belongs to, which ACK it is, and with o.Passwords the
// digest responses. The Stats say what was read and what was wrong in it.
func ReadTrace(r io.Reader, o TraceOptions) (*sim.Trace, *Stats, error) {
	b := newTraceBuilder(o)
	st, err := Scan(r, b.add)
	if err != nil {
		return nil, st, err
	}
	st.Problems = append(st.Problems, b.problems...)
	slicesSortProblems(st.Problems)
	b.finish(st)
	return b.t, st, nil
}

// A traceBuilder turns the messages of a capture into a trace as they come.
type traceBuilder struct {
	o        TraceOptions
	t        *sim.Trace
	t0       time.Time
	msgs     []*sip.Message                    // by event, nil when it did not parse
	listen   map[netip.AddrPort]netip.AddrPort // a TCP client's end → its host's SIP address (from Via)
	sentReq  map[string]*sent                  // sender|branch|method → the request and its copies
	sentResp map[string]*sent                  // sender|branch|method|status → the response
	rxReq    map[string]int                    // receiver|branch|method → seq: for the forwarded request
	rxResp   map[string]int                    // receiver|second branch|method|status → seq
	invite   map[string]string                 // sender|Call-ID|CSeq number → the INVITE's branch
	dialogs  map[string]int                    // Call-ID|tags → dialog number
	forwards map[string]bool                   // endpoints that forwarded a request: proxies
	problems []Problem
}

// sent is a message and its retransmissions from one sender.
type sent struct {
	seq, frame, count int
	last              time.Duration
}

func newTraceBuilder(o TraceOptions) *traceBuilder {
	return &traceBuilder{o: o, t: &sim.Trace{Source: "capture", Lesson: o.Name},
		listen: map[netip.AddrPort]netip.AddrPort{}, sentReq: map[string]*sent{}, sentResp: map[string]*sent{},
		rxReq: map[string]int{}, rxResp: map[string]int{}, invite: map[string]string{}, dialogs: map[string]int{},
		forwards: map[string]bool{}}
}

// add makes message f an event of the trace.
func (b *traceBuilder) add(f *Found) error {
	m, err := sip.ParseShared(f.Data)
	if err != nil {
		b.problems = append(b.problems, Problem{Frame: f.Frame, Line: f.Line, Err: fmt.Errorf("not a valid SIP message: %w", err)})
		if b.o.Call != "" {
			return nil
		}
		m = nil
	} else if !b.keep(m) {
		return nil
	}
	if b.t.Len() == 0 {
		b.t0 = f.Time
	}
	at := f.Time.Sub(b.t0)
	if f.Time.IsZero() {
		at = 0
	}
	e := sim.Event{At: at, Arrive: at, Type: sim.EventMessage, Raw: unsafeString(f.Data), Transport: f.Transport, Frame: f.Frame}
	e.Summary = sim.Lit(firstLine(e.Raw))
	e.From, e.To = b.endpoints(f, m)
	if m == nil {
		e.Notes = append(e.Notes, sim.T("capture.unparsed", err.Error()))
	} else {
		b.annotate(&e, m)
	}
	b.t.Add(e)
	b.msgs = append(b.msgs, m)
	return nil
}

// keep reports whether message m belongs to the call the options keep.
func (b *traceBuilder) keep(m *sip.Message) bool {
	c := b.o.Call
	if c == "" || m.CallID() == c {
		return true
	}
	from, _ := m.From()
	to, _ := m.To()
	return from.URI.User == c || to.URI.User == c
}

// endpoints names the message's sender and receiver by their SIP
// addresses. Over TCP a client sends from an ephemeral port: its requests'
// top Via names the port it listens on (RFC 3261 §18.2.1), which stands for
// the connection's end from then on; so does a WebSocket client's, unless
// its Via names an invented host (RFC 7118 §5.2: "….invalid"). A text file has no addresses: the
// top Via names a request's sender and a response's receiver, the first
// Route or the Request-URI a request's receiver, and a response comes from
// where its request went.
func (b *traceBuilder) endpoints(f *Found, m *sip.Message) (string, string) {
	if !f.From.IsValid() {
		return b.textEndpoints(m)
	}
	from, to := f.From, f.To
	if m != nil && m.IsRequest() && f.Transport != "UDP" && f.Transport != "SCTP" {
		if v, err := m.TopVia(); err == nil {
			a, err := netip.ParseAddr(v.Host)
			if (err != nil || a.Unmap() == from.Addr().Unmap()) && !strings.HasSuffix(v.Host, ".invalid") {
				port := v.Port
				if port == 0 {
					port = 5060
					if strings.EqualFold(v.Transport, "TLS") {
						port = 5061
					}
				}
				b.listen[from] = netip.AddrPortFrom(from.Addr(), uint16(port))
			}
		}
	}
	if l, ok := b.listen[from]; ok {
		from = l
	}
	if l, ok := b.listen[to]; ok {
		to = l
	}
	return from.String(), to.String()
}

func (b *traceBuilder) textEndpoints(m *sip.Message) (string, string) {
	if m == nil {
		return "?", "?"
	}
	v, _ := m.TopVia()
	via := hostPort(v.Host, v.Port)
	if !m.IsRequest() {
		cs, _ := m.CSeq()
		for i := b.t.Len(); i >= 1; i-- {
			e := b.t.Get(i)
			if r := b.msgs[i-1]; r != nil && r.IsRequest() && r.Method == cs.Method && topBranch(r) == v.Branch() {
				return e.To, via
			}
		}
		return "?", via
	}
	to := hostPort(m.RequestURI.Host, m.RequestURI.Port)
	if routes, err := m.Routes(); err == nil && len(routes) > 0 {
		to = hostPort(routes[0].URI.Host, routes[0].URI.Port)
	}
	return via, to
}

func hostPort(host string, port int) string {
	if port == 0 {
		port = 5060
	}
	return sip.URI{Host: host, Port: port}.HostPort()
}

func topBranch(m *sip.Message) string {
	v, _ := m.TopVia()
	return v.Branch()
}

// annotate notes what the capture shows of message m, event e.
func (b *traceBuilder) annotate(e *sim.Event, m *sip.Message) {
	vias, _ := m.Vias()
	cs, _ := m.CSeq()
	branch := ""
	if len(vias) > 0 {
		branch = vias[0].Branch()
	}
	seq := b.t.Len() + 1
	note := func(key string, args ...any) { e.Notes = append(e.Notes, sim.T(key, args...)) }

	if m.IsRequest() {
		k := e.From + "|" + branch + "|" + m.Method
		if s := b.sentReq[k]; s != nil {
			section := "§17.1.1.2" // Timer A
			if m.Method != sip.INVITE {
				section = "§17.1.2.2" // Timer E
			}
			b.retransmission(e, s, e.Transport == "UDP", m.Method != sip.INVITE, section)
			return
		}
		b.sentReq[k] = &sent{seq: seq, frame: e.Frame, last: e.At}
		b.rxReq[e.To+"|"+branch+"|"+m.Method] = seq
		if len(vias) > 1 {
			if c, ok := b.rxReq[e.From+"|"+vias[1].Branch()+"|"+m.Method]; ok {
				e.Cause = c
				b.forwards[e.From] = true
				note("capture.forwards.request", c, b.t.Get(c).Frame)
			}
		}
		switch m.Method {
		case sip.INVITE:
			b.invite[e.From+"|"+m.CallID()+"|"+strconv.FormatUint(uint64(cs.Seq), 10)] = branch
		case sip.ACK:
			if inv, ok := b.invite[e.From+"|"+m.CallID()+"|"+strconv.FormatUint(uint64(cs.Seq), 10)]; ok {
				if inv == branch {
					note("capture.ack.non2xx")
				} else {
					note("capture.ack.2xx")
				}
			}
		}
		to, _ := m.To()
		if to.Tag() != "" {
			if n, ok := b.dialogs[dialogKey(m)]; ok {
				note("capture.dialog.in", n)
			}
		}
		b.digest(e, m)
		return
	}

	k := e.From + "|" + branch + "|" + cs.Method + "|" + strconv.Itoa(m.StatusCode)
	if s := b.sentResp[k]; s != nil {
		b.retransmission(e, s, m.StatusCode/100 == 2 && cs.Method == sip.INVITE && e.Transport == "UDP", true, "§13.3.1.4")
		return
	}
	b.sentResp[k] = &sent{seq: seq, frame: e.Frame, last: e.At}
	if len(vias) > 1 {
		b.rxResp[e.To+"|"+vias[1].Branch()+"|"+cs.Method+"|"+strconv.Itoa(m.StatusCode)] = seq
	}
	if c, ok := b.rxResp[e.From+"|"+branch+"|"+cs.Method+"|"+strconv.Itoa(m.StatusCode)]; ok {
		e.Cause = c
		note("capture.forwards.response", c, b.t.Get(c).Frame)
	} else if c, ok := b.rxReq[e.From+"|"+branch+"|"+cs.Method]; ok {
		e.Cause = c
		note("capture.answers", cs.Method, c, b.t.Get(c).Frame)
	}
	to, _ := m.To()
	if to.Tag() != "" && m.StatusCode > 100 && m.StatusCode < 300 && (cs.Method == sip.INVITE || cs.Method == "SUBSCRIBE") {
		k := dialogKey(m)
		if _, ok := b.dialogs[k]; !ok {
			b.dialogs[k] = len(b.dialogs) + 1
			note("capture.dialog.new", len(b.dialogs), m.CallID())
		}
	}
}

// dialogKey names a dialog by its Call-ID and its two tags (RFC 3261 §12),
// in an order that does not depend on the direction of the message.
func dialogKey(m *sip.Message) string {
	from, _ := m.From()
	to, _ := m.To()
	tags := []string{from.Tag(), to.Tag()}
	slices.Sort(tags)
	return m.CallID() + "|" + tags[0] + "|" + tags[1]
}

// retransmission marks e as a copy of the message s, and compares its
// interval with what T1 doubling expects when the sender's timer sets it:
// a request over an unreliable transport (Timer A for an INVITE, Timer E
// capped at T2 for the others, RFC 3261 §17.1.1.2, §17.1.2.2) or a 2xx to
// an INVITE (§13.3.1.4, capped at T2).
func (b *traceBuilder) retransmission(e *sim.Event, s *sent, timed, capped bool, section string) {
	s.count++
	interval := e.At - s.last
	s.last = e.At
	e.Retransmission = true
	e.Cause = s.seq
	if !timed {
		e.Notes = append(e.Notes, sim.T("capture.retrans", s.count, s.seq, s.frame, ms(interval)))
		return
	}
	want := T1 << (s.count - 1)
	if capped {
		want = min(want, T2)
	}
	key := "capture.retrans.ok"
	if d := interval - want; d > want/5+20*time.Millisecond || -d > want/5+20*time.Millisecond {
		key = "capture.retrans.off"
	}
	if key == "capture.retrans.ok" {
		e.Notes = append(e.Notes, sim.T(key, s.count, s.seq, s.frame, ms(interval), section))
	} else {
		e.Notes = append(e.Notes, sim.T(key, s.count, s.seq, s.frame, ms(interval), ms(want), section))
	}
}

// ms writes a duration in milliseconds to a tenth: "500 ms", "1000.4 ms".
func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d.Round(100*time.Microsecond))/float64(time.Millisecond), 'f', -1, 64) + " ms"
}

// digest recomputes the digest responses of request m for the users whose
// passwords the options give (RFC 3261 §22.4, RFC 2617 §3.2.2).
func (b *traceBuilder) digest(e *sim.Event, m *sip.Message) {
	if len(b.o.Passwords) == 0 {
		return
	}
	for _, h := range []string{"Authorization", "Proxy-Authorization"} {
		creds, err := m.Credentials(h)
		if err != nil {
			continue
		}
		for _, c := range creds {
			pw, ok := b.o.Passwords[c.Username]
			if !ok {
				continue
			}
			steps, err := sip.ComputeDigest(sip.DigestInput{Algorithm: c.Algorithm, Username: c.Username, Realm: c.Realm,
				Password: pw, Method: m.Method, URI: c.URI, Nonce: c.Nonce, CNonce: c.CNonce, NC: c.NC, QOP: c.QOP, Body: m.Body})
			switch {
			case err != nil:
				e.Notes = append(e.Notes, sim.T("capture.digest.error", h, err.Error()))
			case strings.EqualFold(steps.Response, c.Response):
				e.Notes = append(e.Notes, sim.T("capture.digest.ok", h, c.Username))
			default:
				e.Notes = append(e.Notes, sim.T("capture.digest.bad", h, c.Username, c.Response, steps.Response))
			}
		}
	}
}

// finish names the nodes by the roles their behaviour shows.
func (b *traceBuilder) finish(st *Stats) {
	b.t.Title = sim.T("capture.title", b.o.Name, st.Messages, st.Frames, st.Skipped)
	type end struct {
		addr               string
		registrar, redirct bool
		user, callee       string
		first              int
	}
	var order []string
	ends := map[string]*end{}
	get := func(a string) *end {
		if ends[a] == nil {
			ends[a] = &end{addr: a}
			order = append(order, a)
		}
		return ends[a]
	}
	caller, callee := "", ""
	for i := range b.t.Events {
		e := &b.t.Events[i]
		from, to := get(e.From), get(e.To)
		m := b.msgs[i]
		if m == nil {
			continue
		}
		cs, _ := m.CSeq()
		if !m.IsRequest() {
			originated := e.Cause == 0 || b.t.Get(e.Cause).To == e.From && b.msgs[e.Cause-1] != nil && b.msgs[e.Cause-1].IsRequest()
			if originated && m.StatusCode/100 == 2 && cs.Method == sip.REGISTER {
				from.registrar = true
			}
			if originated && m.StatusCode/100 == 3 {
				from.redirct = true
			}
			continue
		}
		fromA, _ := m.From()
		toA, _ := m.To()
		vias, _ := m.Vias()
		if len(vias) == 1 && from.user == "" {
			from.user = fromA.URI.User
			if m.Method == sip.REGISTER {
				from.user = toA.URI.User
			}
		}
		if to.callee == "" && m.Method != sip.REGISTER {
			to.callee = firstOf(m.RequestURI.User, toA.URI.User)
		}
		if m.Method == sip.INVITE && caller == "" && len(vias) == 1 {
			caller = e.From
		}
	}
	// The callee: where the caller's INVITE ends, the last hop of its chain.
	for i := range b.t.Events {
		e := &b.t.Events[i]
		if m := b.msgs[i]; m != nil && m.Method == sip.INVITE && !e.Retransmission && caller != "" && !b.forwards[e.To] &&
			!ends[e.To].registrar && !ends[e.To].redirct && e.To != caller {
			callee = e.To
			break
		}
	}
	names := map[string]string{}
	used := map[string]int{}
	for _, a := range order {
		n := ends[a]
		kind, name := sim.KindUA, firstOf(n.user, n.callee)
		switch {
		case b.forwards[a] && n.registrar: // one box, as kamailio or OpenSIPS often are
			kind, name = sim.KindProxy, "proxy-registrar"
		case b.forwards[a]:
			kind, name = sim.KindProxy, "proxy"
		case n.registrar:
			kind, name = sim.KindRegistrar, "registrar"
		case n.redirct:
			kind, name = sim.KindRedirect, "redirect"
		}
		if name == "" {
			name = a
		}
		if used[name]++; used[name] > 1 {
			name += "-" + strconv.Itoa(used[name])
		}
		names[a] = name
		info := sim.NodeInfo{Name: name, Kind: kind, Address: a}
		switch a {
		case caller:
			info.Role = sim.RoleCaller
		case callee:
			info.Role = sim.RoleCallee
		}
		b.t.Nodes = append(b.t.Nodes, info)
	}
	for i := range b.t.Events {
		e := &b.t.Events[i]
		e.From, e.To = names[e.From], names[e.To]
	}
}

// firstOf is the first of its arguments that is not empty.
func firstOf(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// unsafeString is b as a string without a copy: b is never written again.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

func firstLine(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		return s[:i]
	}
	return s
}
