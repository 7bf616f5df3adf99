package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/nodes"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// A stepper is the model of `siplab step` without a terminal: a run of a
// lesson, the step the student is at, and what is shown there. A step is
// one trace event; step 0 is the instant before the first one. The
// full-screen view (step_tui.go) and the line mode (step_piped.go) both
// drive it, and tests drive it directly.
//
// The state of the elements after step N is not kept from the run: it is
// lessons.StateAt, a deterministic re-run of the lesson up to event N, so
// going back in time is exact. Snapshots are cached once taken.
type stepper struct {
	lesson *lessons.Lesson
	opts   lessons.RunOptions
	lang   i18n.Lang
	trace  *sim.Trace

	cur   int                       // the current step, 0…Total()
	snaps map[int]*lessons.Snapshot // state after a step, by step
	query string                    // the last text searched for
	hay   map[int]string            // lower-cased summary and bytes, by step
	msgs  map[int]*sip.Message      // parsed messages, by step
	perrs map[int]error             // why a message did not parse, by step
}

// newStepper runs lesson l and returns a stepper at step 0, with the
// warnings of the run (faults that never matched).
func newStepper(l *lessons.Lesson, o lessons.RunOptions, lang i18n.Lang) (*stepper, []string, error) {
	res, err := lessons.RunDetailed(l, o)
	if err != nil {
		return nil, nil, fmt.Errorf("lesson %s: %w", l.ID, err)
	}
	s := &stepper{lesson: l, opts: o, lang: lang, trace: res.Trace,
		snaps: map[int]*lessons.Snapshot{}, hay: map[int]string{},
		msgs: map[int]*sip.Message{}, perrs: map[int]error{}}
	return s, res.Warnings, nil
}

// Total is the number of steps: the trace's events.
func (s *stepper) Total() int { return s.trace.Len() }

// Step is the current step.
func (s *stepper) Step() int { return s.cur }

// Event is the event of the current step, nil at step 0.
func (s *stepper) Event() *sim.Event { return s.trace.Get(s.cur) }

// At is the virtual time of the current step.
func (s *stepper) At() time.Duration {
	if e := s.Event(); e != nil {
		return e.At
	}
	return 0
}

// Next moves one step forward; false at the last step.
func (s *stepper) Next() bool {
	if s.cur >= s.Total() {
		return false
	}
	s.cur++
	return true
}

// Prev moves one step back; false at step 0.
func (s *stepper) Prev() bool {
	if s.cur <= 0 {
		return false
	}
	s.cur--
	return true
}

// Goto moves to step n, 0…Total(); out of range it stays and says why.
func (s *stepper) Goto(n int) error {
	if n < 0 || n > s.Total() {
		return errors.New(s.lang.T("step.err.range", n, s.Total()))
	}
	s.cur = n
	return nil
}

// Search moves to the next step after the current one whose summary or
// message contains text, ignoring case; past the last step it goes on from
// the first (wrapped). An empty text repeats the last search. Not found, it
// stays where it is.
func (s *stepper) Search(text string) (found, wrapped bool, err error) {
	if text == "" {
		text = s.query
	}
	if text == "" {
		return false, false, errors.New(s.lang.T("step.err.search"))
	}
	s.query = text
	needle := strings.ToLower(text)
	from, n := s.cur, s.Total()
	for i := 1; i <= n; i++ {
		step := (from+i-1)%n + 1
		if strings.Contains(s.haystack(step), needle) {
			s.cur = step
			return true, step <= from, nil
		}
	}
	return false, false, nil
}

// haystack is what Search looks in at a step: the summary in every
// language, so that a search matches whichever the student types, and the
// message's bytes.
func (s *stepper) haystack(step int) string {
	if h, ok := s.hay[step]; ok {
		return h
	}
	e := s.trace.Get(step)
	var b strings.Builder
	for _, l := range i18n.Langs() {
		b.WriteString(l.Text(e.Summary) + "\n")
	}
	h := strings.ToLower(b.String() + e.Raw)
	s.hay[step] = h
	return h
}

// State is the state of every element after the current step.
func (s *stepper) State() (*lessons.Snapshot, error) {
	if snap, ok := s.snaps[s.cur]; ok {
		return snap, nil
	}
	snap, err := lessons.StateAt(s.lesson, s.opts, s.cur)
	if err != nil {
		return nil, fmt.Errorf("lesson %s: state at step %d: %w", s.lesson.ID, s.cur, err)
	}
	s.snaps[s.cur] = snap
	return snap, nil
}

// message parses the message of a step, once.
func (s *stepper) message(step int) (*sip.Message, error) {
	if m, ok := s.msgs[step]; ok {
		return m, s.perrs[step]
	}
	m, err := sip.Parse([]byte(s.trace.Get(step).Raw))
	s.msgs[step], s.perrs[step] = m, err
	return m, err
}

// lineKind says what a line of text is, for the full-screen view's styles;
// the line mode prints every kind alike.
type lineKind int

const (
	linePlain   lineKind = iota
	lineHeading          // the first line of a step, of the state, of the help
	lineLabel            // "why:", an element's name
	lineExplain          // what a header, a method or a status means
	lineAlert            // a lost message, an error
	lineProse            // a paragraph of the lesson's introduction
)

// A textLine is one line of what the stepper shows.
type textLine struct {
	text string
	kind lineKind
}

// colon ends a label the way its language does.
func colon(l i18n.Lang, label string) string {
	if l == i18n.ZH {
		return label + "："
	}
	return label + ":"
}

// aside puts s in parentheses after other text, as its language does:
// "(seed 1)", "（随机种子 1）".
func aside(l i18n.Lang, s string) string {
	if l == i18n.ZH {
		return "（" + s + "）"
	}
	return "(" + s + ")"
}

// stepTime writes a virtual time as the ladder does: seconds to the
// millisecond, "1.010s".
func stepTime(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	ms := (d + time.Millisecond/2) / time.Millisecond
	return fmt.Sprintf("%s%d.%03ds", sign, ms/1000, ms%1000)
}

// heading is the first line of a step: where it is, when, what and who.
//
//	step 11 of 49 · 1.010s · message · proxy → bob · arrives at 1.020s
func (s *stepper) heading() string {
	parts := []string{s.lang.T("cli.step.position", s.cur, s.Total()), stepTime(s.At())}
	e := s.Event()
	if e == nil {
		return strings.Join(parts, " · ")
	}
	parts = append(parts, s.lang.T("event."+string(e.Type)))
	switch {
	case e.From != "" || e.To != "":
		parts = append(parts, e.From+" → "+e.To)
	case e.Node != "":
		parts = append(parts, e.Node)
	}
	if e.Type == sim.EventMessage {
		if e.Retransmission {
			parts = append(parts, s.lang.T("cli.run.retransmission"))
		}
		if e.Dropped {
			parts = append(parts, s.lang.T("cli.run.lost"))
		} else {
			parts = append(parts, s.lang.T("step.event.arrives", stepTime(e.Arrive)))
		}
	}
	return strings.Join(parts, " · ")
}

// eventLines describes the current step: the heading, the summary (for a
// message, its start line and what its method or status means), the
// reasons the element gave, the notes and the cause, then a message's
// headers, each with what it means, and its body. oneLine puts
// each header and its explanation on one line ("Via: … — …"), for the line
// mode; otherwise the explanation goes on a line of its own under the
// header, for the narrow panes of the full-screen view.
func (s *stepper) eventLines(oneLine bool) []textLine {
	l := s.lang
	out := []textLine{{s.heading(), lineHeading}}
	e := s.Event()
	if e == nil {
		out = append(out, textLine{l.T("step.event.before"), linePlain})
		if intro := strings.TrimSpace(l.Text(s.lesson.Intro)); intro != "" {
			out = append(out, textLine{"", linePlain})
			for _, para := range strings.Split(intro, "\n") {
				out = append(out, textLine{strings.TrimSpace(para), lineProse})
			}
		}
		return out
	}
	kind := linePlain
	if e.Dropped {
		kind = lineAlert
	}
	out = append(out, textLine{l.Text(e.Summary), kind})
	explain := func(item, why string) {
		if oneLine {
			out = append(out, textLine{"  " + item + " — " + why, linePlain})
			return
		}
		out = append(out, textLine{"  " + item, linePlain}, textLine{"      " + why, lineExplain})
	}
	var m *sip.Message
	if e.Type == sim.EventMessage && e.Raw != "" {
		var err error
		if m, err = s.message(s.cur); err != nil {
			out = append(out, textLine{"  " + l.T("step.event.noparse", err), lineAlert})
		} else if m.IsRequest() {
			explain(m.Method, l.T(i18n.MethodKey(m.Method)))
		} else {
			key := i18n.StatusKey(m.StatusCode)
			if key == "status.unknown" {
				key = i18n.ClassKey(m.StatusCode)
			}
			explain(fmt.Sprintf("%d %s", m.StatusCode, m.Reason), l.T(key))
		}
	}
	if len(e.Reasons) > 0 {
		out = append(out, textLine{colon(l, l.T("cli.label.why")), lineLabel})
		for _, r := range e.Reasons {
			text := strings.TrimSpace(l.Text(r.Text))
			if r.RFC != "" {
				text += " [" + r.RFC + "]"
			}
			out = append(out, textLine{"  " + text, linePlain})
		}
	}
	if len(e.Notes) > 0 {
		out = append(out, textLine{colon(l, l.T("cli.label.notes")), lineLabel})
		for _, n := range e.Notes {
			out = append(out, textLine{"  " + strings.TrimSpace(l.Text(n)), linePlain})
		}
	}
	if e.Cause != 0 {
		out = append(out, textLine{l.T("ladder.cause", e.Cause), linePlain})
	}
	if m == nil || s.perrs[s.cur] != nil {
		return out
	}
	out = append(out, textLine{l.T("cli.parse.headers", len(m.Headers)), lineLabel})
	for _, h := range m.Headers {
		explain(h.Name+": "+h.Value, l.T(i18n.HeaderKey(h.Name)))
	}
	if len(m.Body) > 0 {
		ctype := m.ContentType()
		if ctype == "" {
			ctype = "?"
		}
		out = append(out, textLine{l.T("cli.parse.body", len(m.Body), ctype), lineLabel})
		if utf8.Valid(m.Body) {
			body := strings.TrimRight(strings.ReplaceAll(string(m.Body), "\r\n", "\n"), "\n")
			for _, line := range strings.Split(body, "\n") {
				out = append(out, textLine{"  | " + line, linePlain})
			}
		}
	}
	return out
}

// fullLines is the current message exactly as it was put on the link, one
// line per line, without the CRs.
func (s *stepper) fullLines() []textLine {
	e := s.Event()
	if e == nil || e.Type != sim.EventMessage || e.Raw == "" {
		return []textLine{{s.heading(), lineHeading}, {s.lang.T("step.event.nofull", s.cur), lineAlert}}
	}
	out := []textLine{{s.heading(), lineHeading}, {s.lang.T("step.event.full", s.cur, len(e.Raw)), lineLabel}}
	raw := strings.TrimSuffix(e.Raw, "\r\n")
	for _, line := range strings.Split(raw, "\n") {
		out = append(out, textLine{strings.TrimSuffix(line, "\r"), linePlain})
	}
	return out
}

// stateLines describes every element after the current step: its
// transactions with their RFC state and running timers, its dialogs, the
// location service's bindings, the proxy's hidden Vias.
func (s *stepper) stateLines() []textLine {
	l := s.lang
	snap, err := s.State()
	if err != nil {
		return []textLine{{err.Error(), lineAlert}}
	}
	out := []textLine{{l.T("step.state.title", snap.Step, stepTime(snap.At)), lineHeading}}
	for _, el := range snap.Elements {
		out = append(out, s.elementLines(el)...)
	}
	return out
}

// elementLines describes one element of a snapshot.
func (s *stepper) elementLines(el nodes.ElementState) []textLine {
	l := s.lang
	name := el.Name
	if key := "role." + string(el.Kind); i18n.Has(i18n.EN, key) {
		name += " · " + l.T(key)
	} else if el.Kind != "" {
		name += " · " + string(el.Kind)
	}
	out := []textLine{{name, lineLabel}}
	add := func(indent int, text string, kind lineKind) {
		out = append(out, textLine{strings.Repeat(" ", indent) + text, kind})
	}
	if el.Down {
		add(2, l.T("step.state.down"), lineAlert)
	}
	for _, tx := range el.Transactions {
		add(2, l.T("step.state.tx", l.T(tx.Kind), tx.Method, tx.State.String(), tx.Branch), linePlain)
		var timers []string
		for _, tm := range tx.Timers {
			if tm.Name == "100" {
				timers = append(timers, l.T("step.state.timer100", stepTime(tm.Due)))
			} else {
				timers = append(timers, l.T("step.state.timer", tm.Name, stepTime(tm.Due)))
			}
		}
		if len(timers) > 0 {
			add(6, strings.Join(timers, " · "), lineExplain)
		}
	}
	for _, d := range el.Dialogs {
		state := l.T("step.state.early")
		if d.Confirmed {
			state = l.T("step.state.confirmed")
		}
		add(2, l.T("step.state.dialog", d.ID, state), linePlain)
		add(6, l.T("step.state.uris", d.LocalURI, d.RemoteURI), linePlain)
		add(6, l.T("step.state.target", d.RemoteTarget), linePlain)
		if len(d.RouteSet) > 0 {
			add(6, l.T("step.state.routes", strings.Join(d.RouteSet, ", ")), linePlain)
		} else {
			add(6, l.T("step.state.noroutes"), linePlain)
		}
		add(6, l.T("step.state.cseq", d.LocalSeq, d.RemoteSeq), linePlain)
	}
	for _, b := range el.Bindings {
		add(2, l.T("step.state.binding", b.AOR, b.Contact, stepTime(b.Expires)), linePlain)
	}
	idx := make([]int, 0, len(el.HiddenVias))
	for i := range el.HiddenVias {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	for _, i := range idx {
		add(2, l.T("step.state.hidden", i, el.HiddenVias[i]), linePlain)
	}
	if len(out) == 1 {
		if el.Kind == "location" {
			add(2, l.T("step.state.nobindings"), linePlain)
		} else {
			add(2, l.T("step.state.idle"), linePlain)
		}
	}
	return out
}

// helpLines lists the commands of the line mode.
func helpLines(l i18n.Lang) []textLine {
	out := []textLine{{l.T("step.help.title"), lineHeading}}
	for _, k := range []string{"next", "prev", "goto", "search", "state", "full", "ladder", "help", "quit"} {
		out = append(out, textLine{"  " + l.T("step.help."+k), linePlain})
	}
	return out
}

// keyLines lists the keys of the full-screen view.
func keyLines(l i18n.Lang) []textLine {
	out := []textLine{{l.T("step.tui.title"), lineHeading}}
	for _, k := range []string{"next", "prev", "goto", "search", "full", "state", "scroll", "ends", "help", "quit"} {
		out = append(out, textLine{"  " + l.T("step.tui."+k), linePlain})
	}
	return out
}
