package render

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// LadderOptions say which events a ladder shows and how it groups them.
type LadderOptions struct {
	Lang i18n.Lang // language of the labels; the zero value is English

	// ShowStates shows the state events (a transaction moving from Calling
	// to Proceeding…), which are left out by default.
	ShowStates bool

	// HideRetransmissions leaves out the messages their sender marked as
	// retransmissions (RFC 3261 §17.1.1.2, §17.1.2.2, §17.2.1), to show a
	// flow as the textbook draws it.
	HideRetransmissions bool

	// Colours says what shares a colour; the zero value is one colour per
	// transaction.
	Colours Colouring

	// MessagesOnly keeps the arrows, the messages and lookups between two
	// lanes, and leaves out the timers, state changes and notes: a flow as a
	// slide shows it.
	MessagesOnly bool

	// ShortNames writes a dialog's id (Call-ID;tag;tag) as "d1", "d2"… in
	// the order the dialogs appear; the SVG keeps the full id in the note's
	// tooltip.
	ShortNames bool

	// MaxWidth caps the SVG picture's width, in points: the lanes come
	// closer and a text that would pass the edge is cut short with "…"
	// (its tooltip keeps it whole). 0 is no cap. See SlideWidth.
	MaxWidth float64
}

// SlideWidth is the width of a 16:9 slide in points (13.33 × 7.5 inches):
// the MaxWidth of siplab's --slide.
const SlideWidth = 960.0

// A Ladder is a trace laid out as a ladder diagram, before any drawing: the
// lanes, left to right, and one row per event shown, top to bottom. Every
// view of a ladder (text, SVG, Markdown, HTML) is drawn from it, so that they
// agree on the lanes, the labels and what is left out.
type Ladder struct {
	Lesson, Title string
	Seed          uint64

	Lanes  []Lane
	Rows   []Row
	Groups []Group // the colour groups that the rows' Group fields index

	Colours Colouring // how the rows were grouped

	trace *sim.Trace // the trace laid out, for the causes of its events

	// Messages and Lost count the message events of the whole trace, shown
	// or not; End is when the run ended: its last event, or the last arrival
	// of a message still in flight then.
	Messages, Lost int
	End            time.Duration

	// Hidden counts the events the ladder does not draw, by type
	// (sim.EventState…): they leave gaps in the step numbers. Retrans is
	// how many retransmissions HideRetransmissions left out, not counted in
	// Messages and Lost (nor in Hidden, with the timers and notes that only
	// concern them).
	Hidden  map[sim.EventType]int
	Retrans int
}

// A Lane is one element of the network: a vertical line of the ladder.
type Lane struct {
	Name    string   // the node's name in the trace
	Kind    sim.Kind // ua, proxy…, or "" for an endpoint the trace did not list
	Address string   // as displayed: without the default port 5060
	addr    string   // as the trace lists it, port included
	Host    string   // DNS name, if the trace gives one
	Domain  string   // the domain it belongs to or serves, if the trace gives one
}

// RowKind says how a row is drawn.
type RowKind int

const (
	// RowArrow is a message or lookup from one lane to another.
	RowArrow RowKind = iota
	// RowNote is a side annotation beside one lane (or beside none): a
	// timer, a note, a state change, or a message whose two ends are not two
	// different lanes.
	RowNote
)

// A Row is one event as a ladder shows it.
type Row struct {
	Event *sim.Event // the event, in the trace the ladder was made from
	Kind  RowKind

	From, To int // RowArrow: the lanes of the sender and the receiver
	Lane     int // RowNote: the lane it is written beside, or -1

	// Label is what an arrow is labelled with (a request's method, a
	// response's code and reason, a lookup's summary; see arrowLabel), or a
	// note's text without its mark. Mark starts a note: "⏱" for a timer, "•"
	// for a note, "▸" for a state change, "↻" for a message to oneself.
	// Text is the note as the text ladder writes it, mark included.
	Label, Mark, Text string

	Lookup         bool // a lookup, not a SIP message: drawn dotted
	Lost           bool // a message lost on its link: the arrow ends in a cross
	Retransmission bool // a message its sender sent again

	// Group indexes Ladder.Groups: the transaction (or dialog) the event
	// belongs to, for its colour; -1 for none.
	Group int

	// FirstLine is a message's start line (RFC 3261 §7.1, §7.2), for a
	// tooltip; empty for other events.
	FirstLine string

	// Full is a note's text before ShortNames shortened it, for a tooltip;
	// empty when it was not shortened.
	Full string

	// Late is when a message that arrives late reached its receiver: after
	// the link's latency and jitter, once later rows have happened (a
	// delayed message); 0 for one that arrived in time. An arrow's Text
	// then says so: "180 Ringing (arrives at 3.030s)".
	Late time.Duration

	// Callouts are the lesson's own notes on a message (authored, not from
	// the catalog), which the SVG numbers on its arrow.
	Callouts []sim.Text

	msg *sip.Message // the parsed message, nil if it is not one or does not parse
}

// A Group is a set of messages drawn in one colour: a transaction (its
// Call-ID, CSeq number and method) or a dialog (its Call-ID).
type Group struct {
	Key    string // "a84b4c76e66710@atlanta.example.com 314159 INVITE"
	Colour string // "#1f77b4"
}

// Marks that start a side note, by event type.
const (
	timerMark = "⏱"
	noteMark  = "•"
	stateMark = "▸"
	selfMark  = "↻" // a message or lookup whose sender is its receiver
)

// NewLadder lays trace t out as a ladder: the lanes in LaneOrder, and a row
// for every event but the state changes (unless o.ShowStates) and the
// retransmissions (if o.HideRetransmissions).
//
// A message or lookup between two different lanes is an arrow; anything
// else is a note beside its node's lane. A message to oneself is a note
// marked "↻", one whose sender or receiver has no lane a note "INVITE → ?"
// or "? → INVITE". Every text is made safe to print on one line (see
// oneLine).
func NewLadder(t *sim.Trace, o LadderOptions) *Ladder {
	l := &Ladder{}
	if t == nil {
		return l
	}
	l.Lesson, l.Title, l.Seed, l.trace = t.Lesson, o.Lang.Text(t.Title), t.Seed, t
	order := LaneOrder(t)
	idx := laneIndex(t, order)
	for _, name := range order {
		var n sim.NodeInfo
		if listed := t.Node(name); listed != nil {
			n = *listed
		} else if name == sim.DNSNode {
			n.Kind = sim.KindDNS
		}
		l.Lanes = append(l.Lanes, Lane{Name: name, Kind: n.Kind, Address: displayAddress(n.Address),
			addr: n.Address, Host: n.Host, Domain: n.Domain})
	}

	skip := hiddenEvents(t, o)
	l.Hidden = map[sim.EventType]int{}
	dialogs := map[string]string{}
	for i := range t.Events {
		e := &t.Events[i]
		l.End = max(l.End, e.At)
		if e.Type == sim.EventMessage && !e.Dropped {
			l.End = max(l.End, e.Arrive)
		}
		if e.Type == sim.EventMessage && e.Retransmission && o.HideRetransmissions {
			l.Retrans++
		} else if e.Type == sim.EventMessage {
			l.Messages++
			if e.Dropped {
				l.Lost++
			}
		}
		if skip[e.Seq] {
			// What concerns the retransmissions left out is told with
			// them (Retrans).
			if e.Type == sim.EventState && !o.ShowStates {
				l.Hidden[e.Type]++
			}
			continue
		}
		r := newRow(e, idx, o.Lang)
		if o.MessagesOnly && r.Kind != RowArrow {
			l.Hidden[e.Type]++
			continue
		}
		if o.ShortNames && r.Kind == RowNote && e.Type != sim.EventMessage {
			if short := shortDialogs(e.Summary, dialogs); short.Key != "" || short.EN != "" {
				r.Full, r.Label = r.Label, textLine(short, o.Lang)
				r.Text = r.Mark + " " + r.Label
			}
		}
		if r.Late = lateArrival(t, e); r.Late > 0 && r.Kind == RowArrow {
			r.Text += o.Lang.Aside(o.Lang.T("views.arrives", FormatTime(r.Late)))
		}
		l.Rows = append(l.Rows, r)
	}
	l.Colours = o.Colours
	l.group(o.Colours)
	return l
}

// newRow decides how event e is drawn.
func newRow(e *sim.Event, idx map[string]int, lang i18n.Lang) Row {
	r := Row{Event: e, Kind: RowNote, Lane: -1, Group: -1}
	switch e.Type {
	case sim.EventMessage, sim.EventLookup:
		r.Label = arrowLabel(*e, lang)
		r.Lookup = e.Type == sim.EventLookup
		if !r.Lookup {
			r.Lost, r.Retransmission, r.FirstLine = e.Dropped, e.Retransmission, firstLine(*e, lang)
			for _, n := range e.Notes {
				if n.Key == "" && (n.EN != "" || n.ZH != "") {
					r.Callouts = append(r.Callouts, n)
				}
			}
			if e.Raw != "" {
				if m, err := sip.Parse([]byte(e.Raw)); err == nil {
					r.msg = m
				}
			}
		}
		from, okFrom := idx[e.From]
		to, okTo := idx[e.To]
		if okFrom && okTo && from != to {
			r.Kind, r.From, r.To = RowArrow, from, to
			r.Text = r.Label
			break
		}
		// No arrow to draw: a side note on the lane there is.
		switch {
		case okFrom && okTo:
			r.Lane, r.Mark, r.Text = from, selfMark, selfMark+" "+r.Label
		case okFrom:
			r.Lane, r.Text = from, r.Label+" → ?"
		case okTo:
			r.Lane, r.Text = to, "? → "+r.Label
		default:
			r.Text = "? → " + r.Label + " → ?"
		}
		if r.Lost {
			r.Text += lang.Aside(lang.T("cli.run.lost"))
		}
	default:
		r.Mark = noteMark
		switch e.Type {
		case sim.EventTimer:
			r.Mark = timerMark
		case sim.EventState:
			r.Mark = stateMark
		}
		if i, ok := idx[e.Node]; ok {
			r.Lane = i
		}
		r.Label = textLine(e.Summary, lang)
		r.Text = r.Mark + " " + r.Label
	}
	return r
}

// eventClass names the type of event e, "note" for a type this package does
// not know: the class of its group in the SVG picture, the last part of the
// catalog key of its sentence in the walkthrough.
func eventClass(e *sim.Event) string {
	switch e.Type {
	case sim.EventMessage, sim.EventLookup, sim.EventTimer, sim.EventState, sim.EventNote:
		return string(e.Type)
	}
	return "note"
}

// Row returns the row of the event numbered seq, or nil if the ladder does
// not show it.
func (l *Ladder) Row(seq int) *Row {
	for i := range l.Rows {
		if l.Rows[i].Event.Seq == seq {
			return &l.Rows[i]
		}
	}
	return nil
}

// Summary is the line that ends a ladder: how many messages were sent and
// lost, and the virtual time the run took.
// With retransmissions left out, it counts the others and says how many
// were left out.
func (l *Ladder) Summary(lang i18n.Lang) string {
	s := lang.T("cli.run.summary", l.Messages, l.Lost, FormatTime(l.End))
	if l.Retrans > 0 {
		s += lang.Aside(lang.T("views.retrans.hidden", l.Retrans))
	}
	return s
}

// heading is the ladder's first line: "lesson proxy-call: A call through a
// proxy", or whichever of the two the trace has, followed by the faults
// the run injected: "(fault injected: respond:bob=486)".
func (l *Ladder) heading(lang i18n.Lang) string {
	var h string
	switch {
	case l.recorded():
		h = cmp.Or(oneLine(l.Title), oneLine(l.Lesson))
	case l.Lesson != "" && l.Title != "":
		h = lang.T("cli.run.lesson", oneLine(l.Lesson), oneLine(l.Title))
	case l.Lesson != "":
		h = oneLine(l.Lesson)
	case l.Title != "":
		h = oneLine(l.Title)
	}
	return strings.TrimSpace(h + faultAside(l.trace, lang))
}

// headline is the heading followed by the seed: "lesson direct-call: Alice
// calls Bob directly   (seed 1)"; "" when the trace names no lesson. A
// recorded trace (a capture, a lab) has no seed to name.
func (l *Ladder) headline(lang i18n.Lang) string {
	h := l.heading(lang)
	if h == "" || l.recorded() {
		return h
	}
	return h + "   " + l.seed(lang)
}

// seed is "(seed 1)", the seed of a simulated run.
func (l *Ladder) seed(lang i18n.Lang) string {
	return strings.TrimSpace(lang.Aside(lang.T("cli.run.seed", l.Seed)))
}

// recorded reports whether the trace was recorded from real traffic (a
// capture, a live lab), not simulated from a lesson.
func (l *Ladder) recorded() bool { return l.trace != nil && l.trace.Source != "" }

// name is the ladder's title, or else its lesson id.
func (l *Ladder) name() string { return cmp.Or(oneLine(l.Title), oneLine(l.Lesson)) }

// role names what an element of kind kind is ("proxy server"), or returns ""
// for a kind the catalog does not know.
func role(kind sim.Kind, lang i18n.Lang) string {
	key := "role." + string(kind)
	if !i18n.Has(i18n.EN, key) {
		return ""
	}
	return lang.T(key)
}

// hiddenEvents returns the seqs of the events of t that a ladder with
// options o leaves out: the state changes unless o.ShowStates, and with
// o.HideRetransmissions the retransmissions and what only concerns them —
// a timer whose every effect is a retransmission (Timer A, E, G…), a
// server transaction absorbing a retransmitted request
// ("node.tx.absorbed"), and the notes and timers a retransmission caused.
func hiddenEvents(t *sim.Trace, o LadderOptions) map[int]bool {
	skip := map[int]bool{}
	if !o.HideRetransmissions {
		for _, e := range t.Events {
			if e.Type == sim.EventState && !o.ShowStates {
				skip[e.Seq] = true
			}
		}
		return skip
	}
	retrans := func(e *sim.Event) bool { return e.Type == sim.EventMessage && e.Retransmission }
	// effects counts, for each event, the events it caused and how many of
	// them are retransmissions.
	effects, retransEffects := map[int]int{}, map[int]int{}
	for i := range t.Events {
		e := &t.Events[i]
		if e.Cause != 0 {
			effects[e.Cause]++
			if retrans(e) {
				retransEffects[e.Cause]++
			}
		}
	}
	for i := range t.Events {
		e := &t.Events[i]
		switch {
		case e.Type == sim.EventState && !o.ShowStates, retrans(e):
			skip[e.Seq] = true
		case e.Type == sim.EventTimer && effects[e.Seq] > 0 && effects[e.Seq] == retransEffects[e.Seq]:
			skip[e.Seq] = true
		case e.Type == sim.EventNote && e.Summary.Key == "node.tx.absorbed":
			skip[e.Seq] = true
		case (e.Type == sim.EventNote || e.Type == sim.EventTimer) && e.Cause != 0 && retransCause(t, e.Cause):
			skip[e.Seq] = true
		}
	}
	return skip
}

// retransCause says whether the event numbered seq is a retransmission.
func retransCause(t *sim.Trace, seq int) bool {
	e := t.Get(seq)
	return e != nil && e.Type == sim.EventMessage && e.Retransmission
}

// lateArrival returns when message e arrived if it arrived late: after the
// latency and jitter of its link (a delay fault, or a queue), and after a
// later event of the trace happened; otherwise 0.
func lateArrival(t *sim.Trace, e *sim.Event) time.Duration {
	if e.Type != sim.EventMessage || e.Dropped {
		return 0
	}
	var link *sim.LinkInfo
	for i := range t.Links {
		k := &t.Links[i]
		if (k.A == e.From && k.B == e.To) || (k.A == e.To && k.B == e.From) {
			link = k
		}
	}
	if link == nil {
		return 0
	}
	slack := time.Duration((link.LatencyMS+link.JitterMS)*float64(time.Millisecond)) + time.Millisecond
	if next := t.Get(e.Seq + 1); e.Arrive-e.At <= slack || next == nil || next.At >= e.Arrive {
		return 0
	}
	return e.Arrive
}

// shortDialogs returns summary with every argument that is a dialog id
// (Call-ID;tag;tag, as the user agents write it) replaced by a short name,
// "d1" for the first dialog in names, which it extends; the zero Text when
// no argument is one. The two ends of a dialog, which write its tags in
// opposite orders, get the same name.
func shortDialogs(summary sim.Text, names map[string]string) sim.Text {
	if summary.Key == "" {
		return sim.Text{}
	}
	out, changed := summary, false
	out.Args = slices.Clone(summary.Args)
	for i, a := range out.Args {
		parts := strings.Split(a, ";")
		if len(parts) != 3 || !strings.Contains(parts[0], "@") || parts[1] == "" || parts[2] == "" {
			continue
		}
		key := parts[0] + ";" + min(parts[1], parts[2]) + ";" + max(parts[1], parts[2])
		if names[key] == "" {
			names[key] = "d" + strconv.Itoa(len(names)+1)
		}
		out.Args[i], changed = names[key], true
	}
	if !changed {
		return sim.Text{}
	}
	return out
}
