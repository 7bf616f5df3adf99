package stepper

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/siplab/siplab/nodes"
	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
)

// Kind says what a line of text is, for the full-screen view's styles; the
// line mode prints every kind alike.
type Kind int

const (
	Plain   Kind = iota
	Heading      // the first line of a step, of the state, of the help
	Label        // "why:", an element's name
	Explain      // what a header, a method or a status means
	Alert        // a lost message, an error
	Prose        // a paragraph of the lesson's introduction
)

// A Line is one line of what the stepper shows. Its text has no line
// break and no control character but tab: it is safe to print.
type Line struct {
	Text string
	Kind Kind
}

// line makes a Line of text that may come from the trace.
func line(text string, k Kind) Line { return Line{render.Printable(text), k} }

// Title is the lesson and its title: "lesson proxy-call: A call through a
// proxy", or what the trace has of them.
func (s *Stepper) Title() string {
	id, title := s.trace.Lesson, s.opts.Lang.Text(s.trace.Title)
	if id != "" && title != "" {
		return render.Printable(s.opts.Lang.T("cli.run.lesson", id, title))
	}
	return render.Printable(cmp.Or(id, title))
}

// Heading is the first line of a step: where it is, when, what and who.
//
//	step 11 of 49 · 1.010s · message · proxy → bob · arrives at 1.020s
func (s *Stepper) Heading() string {
	l := s.opts.Lang
	parts := []string{l.T("cli.step.position", s.cur, s.Total()), render.FormatTime(s.At())}
	e := s.Event()
	if e == nil {
		return strings.Join(parts, " · ")
	}
	parts = append(parts, l.T("event."+string(e.Type)))
	switch {
	case e.From != "" || e.To != "":
		parts = append(parts, e.From+" → "+e.To)
	case e.Node != "":
		parts = append(parts, e.Node)
	}
	if e.Type == sim.EventMessage {
		if e.Retransmission {
			parts = append(parts, l.T("cli.run.retransmission"))
		}
		if e.Dropped {
			parts = append(parts, l.T("cli.run.lost"))
		} else {
			parts = append(parts, l.T("step.event.arrives", render.FormatTime(e.Arrive)))
		}
	}
	return render.Printable(strings.Join(parts, " · "))
}

// EventLines describes the current step: the heading, the summary (for a
// message, its start line and what its method or status means), the
// reasons the element gave, the notes and the cause, then a message's
// headers, each with what it means, and its body. oneLine puts each header
// and its explanation on one line ("Via: … — …"), for the line mode;
// otherwise the explanation goes on a line of its own under the header, for
// the narrow panes of the full-screen view. At step 0 it is the
// introduction, one paragraph a line.
func (s *Stepper) EventLines(oneLine bool) []Line {
	l := s.opts.Lang
	out := []Line{{s.Heading(), Heading}}
	e := s.Event()
	if e == nil {
		out = append(out, line(l.T("step.event.before"), Plain))
		if intro := strings.TrimSpace(l.Text(s.trace.Intro)); intro != "" {
			out = append(out, line("", Plain))
			for _, para := range strings.Split(intro, "\n") {
				out = append(out, line(strings.TrimSpace(para), Prose))
			}
		}
		return out
	}
	kind := Plain
	if e.Dropped {
		kind = Alert
	}
	out = append(out, line(l.Text(e.Summary), kind))
	explain := func(item, why string) {
		if oneLine {
			out = append(out, line("  "+item+" — "+why, Plain))
			return
		}
		out = append(out, line("  "+item, Plain), line("      "+why, Explain))
	}
	m, err := s.Message(s.cur)
	switch {
	case err != nil:
		out = append(out, line("  "+l.T("step.event.noparse", err), Alert))
	case m == nil:
	case m.IsRequest():
		explain(m.Method, l.T(i18n.MethodKey(m.Method)))
	default:
		key := i18n.StatusKey(m.StatusCode)
		if key == "status.unknown" {
			key = i18n.ClassKey(m.StatusCode)
		}
		explain(fmt.Sprintf("%d %s", m.StatusCode, m.Reason), l.T(key))
	}
	if len(e.Reasons) > 0 {
		out = append(out, line(strings.TrimSpace(l.Colon(l.T("cli.label.why"))), Label))
		for _, r := range e.Reasons {
			text := strings.TrimSpace(l.Text(r.Text))
			if r.RFC != "" {
				text += " [" + r.RFC + "]"
			}
			out = append(out, line("  "+text, Plain))
		}
	}
	if len(e.Notes) > 0 {
		out = append(out, line(strings.TrimSpace(l.Colon(l.T("cli.label.notes"))), Label))
		for _, n := range e.Notes {
			out = append(out, line("  "+strings.TrimSpace(l.Text(n)), Plain))
		}
	}
	if e.Cause != 0 {
		out = append(out, line(l.T("ladder.cause", e.Cause), Plain))
	}
	if m == nil || err != nil {
		return out
	}
	out = append(out, line(l.T("cli.parse.headers", len(m.Headers)), Label))
	for _, h := range m.Headers {
		explain(h.Name+": "+h.Value, l.T(i18n.HeaderKey(h.Name)))
	}
	if len(m.Body) > 0 {
		ctype := m.ContentType()
		if ctype == "" {
			ctype = "?"
		}
		out = append(out, line(l.T("cli.parse.body", len(m.Body), ctype), Label))
		if utf8.Valid(m.Body) {
			body := strings.TrimRight(strings.ReplaceAll(string(m.Body), "\r\n", "\n"), "\n")
			for _, b := range strings.Split(body, "\n") {
				out = append(out, line("  | "+b, Plain))
			}
		}
	}
	return out
}

// FullLines is the current message exactly as it was put on the link, one
// line per line, without the CRs.
func (s *Stepper) FullLines() []Line {
	l := s.opts.Lang
	e := s.Event()
	if e == nil || e.Type != sim.EventMessage || e.Raw == "" {
		return []Line{{s.Heading(), Heading}, line(l.T("step.event.nofull", s.cur), Alert)}
	}
	out := []Line{{s.Heading(), Heading}, line(l.T("step.event.full", s.cur, len(e.Raw)), Label)}
	raw := strings.TrimSuffix(e.Raw, "\r\n")
	for _, r := range strings.Split(raw, "\n") {
		out = append(out, line(strings.TrimSuffix(r, "\r"), Plain))
	}
	return out
}

// StateLines describes every element after the current step: its
// transactions with their RFC state and running timers, its dialogs, the
// location service's bindings, the proxy's hidden Vias.
func (s *Stepper) StateLines() []Line {
	l := s.opts.Lang
	snap, err := s.State()
	switch {
	case errors.Is(err, ErrNoState):
		return []Line{line(l.T("step.state.none"), Alert)}
	case err != nil:
		return []Line{line(err.Error(), Alert)}
	}
	out := []Line{line(l.T("step.state.title", snap.Step, render.FormatTime(snap.At)), Heading)}
	for _, el := range snap.Elements {
		out = append(out, s.elementLines(el)...)
	}
	return out
}

// elementLines describes one element of a snapshot.
func (s *Stepper) elementLines(el nodes.ElementState) []Line {
	l := s.opts.Lang
	name := el.Name
	if key := "role." + string(el.Kind); i18n.Has(i18n.EN, key) {
		name += " · " + l.T(key)
	} else if el.Kind != "" {
		name += " · " + string(el.Kind)
	}
	out := []Line{line(name, Label)}
	add := func(indent int, text string, kind Kind) {
		out = append(out, line(strings.Repeat(" ", indent)+text, kind))
	}
	if el.Down {
		add(2, l.T("step.state.down"), Alert)
	}
	for _, tx := range el.Transactions {
		add(2, l.T("step.state.tx", l.T(tx.Kind), tx.Method, tx.State.String(), tx.Branch), Plain)
		var timers []string
		for _, tm := range tx.Timers {
			if tm.Name == "100" {
				timers = append(timers, l.T("step.state.timer100", render.FormatTime(tm.Due)))
			} else {
				timers = append(timers, l.T("step.state.timer", tm.Name, render.FormatTime(tm.Due)))
			}
		}
		if len(timers) > 0 {
			add(6, strings.Join(timers, " · "), Explain)
		}
	}
	for _, d := range el.Dialogs {
		state := l.T("step.state.early")
		if d.Confirmed {
			state = l.T("step.state.confirmed")
		}
		add(2, l.T("step.state.dialog", d.ID, state), Plain)
		add(6, l.T("step.state.uris", d.LocalURI, d.RemoteURI), Plain)
		add(6, l.T("step.state.target", d.RemoteTarget), Plain)
		if len(d.RouteSet) > 0 {
			add(6, l.T("step.state.routes", strings.Join(d.RouteSet, ", ")), Plain)
		} else {
			add(6, l.T("step.state.noroutes"), Plain)
		}
		add(6, l.T("step.state.cseq", d.LocalSeq, d.RemoteSeq), Plain)
	}
	for _, b := range el.Bindings {
		if b.Static {
			add(2, l.T("step.state.binding.static", b.AOR, b.Contact), Plain)
			continue
		}
		add(2, l.T("step.state.binding", b.AOR, b.Contact, render.FormatTime(b.Expires)), Plain)
	}
	for _, i := range slices.Sorted(maps.Keys(el.HiddenVias)) {
		add(2, l.T("step.state.hidden", i, el.HiddenVias[i]), Plain)
	}
	if len(out) == 1 {
		if el.Kind == sim.KindLocation {
			add(2, l.T("step.state.nobindings"), Plain)
		} else {
			add(2, l.T("step.state.idle"), Plain)
		}
	}
	return out
}
