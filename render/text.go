package render

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/i18n"
)

// TextOptions says how Text draws a ladder.
type TextOptions struct {
	Lang i18n.Lang // language of the labels; the zero value is English

	// Verbose follows each event with its details: a message's bytes, and
	// for every event the reasons its element gave, its notes and the event
	// that caused it.
	Verbose bool

	// Width is the width of the ladder in terminal columns, from the step
	// numbers to the rightmost lane; the lanes are spread evenly over it, but
	// never so close that their names collide. 0 fits the spacing to the
	// labels instead: wide enough for the longest label between two
	// neighbouring lanes, within a limit (see Text).
	Width int

	// ShowStates shows the state events (a transaction moving from Calling
	// to Proceeding…), which are left out by default; Verbose shows them too.
	ShowStates bool
}

// Layout of the ladder, in terminal columns.
const (
	minSpacing   = 14 // from one lane to the next, when the labels are short
	maxGap       = 24 // the most columns between two lane bars that a label may ask for
	arrowRoom    = 8  // what an arrow needs besides its label: "--- " before, " -->" after
	lostRoom     = 3  // blank columns between a lost message's X and its receiver's lane
	marginGap    = 3  // from the rightmost lane to the notes written after it
	noteOffset   = 2  // from a lane to the side note written beside it
	rawIndent    = 6  // a raw message in verbose mode
	detailIndent = 4  // the reasons, notes and cause in verbose mode
)

// Marks that start a side note, by event type.
const (
	timerMark = "⏱"
	noteMark  = "•"
	stateMark = "▸"
	selfMark  = "↻" // a message or lookup whose sender is its receiver
)

// Text writes the ladder diagram of trace t for a terminal or a text file:
//
//	lesson direct-call: Alice calls Bob directly   (seed 1)
//
//	              alice                bob
//	#    time  192.0.2.101         192.0.2.201
//	                |                   |
//	1  0.000s       |--- INVITE ------->|
//	2  0.020s       |<-- 180 Ringing ---|
//	3  2.020s       |<-- 200 OK --------|
//	4  2.040s       |--- ACK ---------->|
//	…
//	6 messages, 0 lost, 6.030s of virtual time
//
// First a header: the lesson, its title and the seed, then the name of each
// lane (see LaneOrder) centred over it, with its address below (without the
// default port 5060). Then one row per event, numbered with the event's seq
// and stamped with its virtual time:
//
//   - a message is an arrow from its sender's lane to its receiver's, the
//     head at the receiver, labelled with its method or its status code and
//     reason phrase; a lost message stops short in an X, and "(lost)" follows
//     the diagram;
//   - a lookup is drawn the same way with "~" instead of "-";
//   - a timer ("⏱"), a note ("•") and, with ShowStates or Verbose, a state
//     change ("▸") are side notes written beside their node's lane.
//
// The lanes are spaced so that the longest label between two neighbouring
// lanes fits on its arrow, up to 24 columns between lane bars; a label that
// does not fit on its arrow is written after the rightmost lane instead, so
// that it never hides a lane. Widths are counted with i18n.Width, so Chinese
// names and labels keep the lanes straight. A summary line ends the ladder:
// how many messages were sent and lost, and the virtual time the run took.
//
// The output is plain text without colour, the same bytes for the same trace
// and options.
func Text(w io.Writer, t *sim.Trace, opts TextOptions) error {
	if t == nil {
		return errors.New("render: text ladder: no trace")
	}
	l := newLadder(t, opts)
	var b strings.Builder
	l.header(&b)
	for _, r := range l.rows {
		b.WriteString(l.row(r) + "\n")
		if opts.Verbose {
			if d := l.details(r.e); len(d) > 0 {
				b.WriteString(strings.Join(d, "\n") + "\n")
				b.WriteString(l.bars(nil).String() + "\n")
			}
		}
	}
	b.WriteString("\n" + l.summary() + "\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("render: text ladder: %w", err)
	}
	return nil
}

// A ladder is a trace laid out for Text.
type ladder struct {
	t     *sim.Trace
	opts  TextOptions
	lang  i18n.Lang
	names []string // lane names, as displayed
	addrs []string // lane addresses, as displayed
	rows  []row

	stepW, timeW int   // widths of the step and time columns
	x            []int // the column of each lane's bar
	margin       int   // the column of notes written after the lanes
}

// A row is one event as it is drawn: an arrow between two lanes, or a side
// note beside one lane (or beside none, lane -1, when the event names none).
type row struct {
	e *sim.Event

	arrow    bool
	from, to int  // an arrow's lanes
	lookup   bool // drawn with "~"
	dropped  bool // stops short of its receiver
	lane     int  // a side note's lane, or -1
	text     string
	fits     bool // an arrow's label fits on the arrow
	textCols int  // i18n.Width(text)
}

func newLadder(t *sim.Trace, opts TextOptions) *ladder {
	l := &ladder{t: t, opts: opts, lang: opts.Lang}
	order := LaneOrder(t)
	idx := laneIndex(t, order)
	info := map[string]sim.NodeInfo{}
	for _, n := range t.Nodes {
		if _, ok := info[n.Name]; !ok {
			info[n.Name] = n
		}
	}
	for _, name := range order {
		l.names = append(l.names, oneLine(name))
		l.addrs = append(l.addrs, oneLine(displayAddress(info[name].Address)))
	}

	for i := range t.Events {
		e := &t.Events[i]
		if e.Type == sim.EventState && !opts.ShowStates && !opts.Verbose {
			continue
		}
		l.rows = append(l.rows, l.newRow(e, idx))
	}
	l.layout()
	return l
}

// newRow decides how event e is drawn.
func (l *ladder) newRow(e *sim.Event, idx map[string]int) row {
	r := row{e: e, lane: -1}
	lane := func(name string) (int, bool) {
		i, ok := idx[name]
		return i, ok && name != ""
	}
	switch e.Type {
	case sim.EventMessage, sim.EventLookup:
		label := arrowLabel(*e, l.lang)
		from, okFrom := lane(e.From)
		to, okTo := lane(e.To)
		dropped := e.Type == sim.EventMessage && e.Dropped
		if okFrom && okTo && from != to {
			r.arrow, r.from, r.to = true, from, to
			r.lookup, r.dropped = e.Type == sim.EventLookup, dropped
			r.text = label
			break
		}
		// No arrow to draw: a side note on the lane there is.
		switch {
		case okFrom && okTo:
			r.lane, r.text = from, selfMark+" "+label
		case okFrom:
			r.lane, r.text = from, label+" → ?"
		case okTo:
			r.lane, r.text = to, "? → "+label
		default:
			r.text = "? → " + label + " → ?"
		}
		if dropped {
			r.text += aside(l.lang.T("cli.run.lost"))
		}
	default:
		mark := noteMark
		switch e.Type {
		case sim.EventTimer:
			mark = timerMark
		case sim.EventState:
			mark = stateMark
		}
		if i, ok := lane(e.Node); ok {
			r.lane = i
		}
		r.text = mark + " " + oneLine(strings.TrimSpace(e.Summary))
	}
	r.textCols = i18n.Width(r.text)
	return r
}

// left and right are how far a header item of w columns reaches on either
// side of the lane it is centred on.
func left(w int) int  { return w / 2 }
func right(w int) int { return max(w-1-w/2, 0) }

// layout places the columns: step, time, then the lanes, spaced evenly.
func (l *ladder) layout() {
	l.stepW = 1 // "#"
	l.timeW = i18n.Width(l.lang.T("cli.label.time"))
	for _, r := range l.rows {
		l.stepW = max(l.stepW, len(strconv.Itoa(r.e.Seq)))
		l.timeW = max(l.timeW, len(formatTime(r.e.At)))
	}
	start := l.stepW + 2 + l.timeW + 2
	n := len(l.names)
	if n == 0 {
		l.margin = start
		return
	}

	// Names and addresses must not run into each other.
	var headerNeed int
	for _, items := range [][]string{l.names, l.addrs} {
		for i := 0; i+1 < n; i++ {
			headerNeed = max(headerNeed, right(i18n.Width(items[i]))+left(i18n.Width(items[i+1]))+3)
		}
	}
	pad := max(left(i18n.Width(l.names[0])), left(i18n.Width(l.addrs[0])), 1)
	reach := max(right(i18n.Width(l.names[n-1])), right(i18n.Width(l.addrs[n-1])))

	spacing := minSpacing
	if l.opts.Width > 0 && n > 1 {
		spacing = max((l.opts.Width-start-pad-reach-1)/(n-1), 2+lostRoom)
	} else {
		for _, r := range l.rows {
			if !r.arrow || r.from-r.to != 1 && r.to-r.from != 1 {
				continue
			}
			need := r.textCols + arrowRoom + 1
			if r.dropped {
				need += lostRoom
			}
			if need <= maxGap+1 {
				spacing = max(spacing, need)
			}
		}
	}
	spacing = max(spacing, headerNeed)

	l.x = make([]int, n)
	for i := range l.x {
		l.x[i] = start + pad + i*spacing
	}
	l.margin = l.x[n-1] + marginGap
	for i := range l.rows {
		if r := &l.rows[i]; r.arrow {
			r.fits = r.textCols+arrowRoom <= l.span(*r)
		}
	}
}

// span returns the columns an arrow's shaft and head take: from after the
// left lane's bar to before the right lane's, less the gap of a lost
// message.
func (l *ladder) span(r row) int {
	lo, hi := min(r.from, r.to), max(r.from, r.to)
	s := l.x[hi] - l.x[lo] - 1
	if r.dropped {
		s -= lostRoom
	}
	return max(s, 1)
}

// header writes the lesson line, the lane names and addresses, and a row of
// bare lanes.
func (l *ladder) header(b *strings.Builder) {
	var title string
	switch t := l.t; {
	case t.Lesson != "" && t.Title != "":
		title = l.lang.T("cli.run.lesson", oneLine(t.Lesson), oneLine(t.Title))
	case t.Lesson != "":
		title = oneLine(t.Lesson)
	case t.Title != "":
		title = oneLine(t.Title)
	}
	if title != "" {
		seed := strings.TrimSpace(aside(l.lang.T("cli.run.seed", l.t.Seed)))
		b.WriteString(title + "   " + seed + "\n\n")
	}

	lines := []*canvas{l.centred(l.names)}
	if strings.Join(l.addrs, "") != "" {
		lines = append(lines, l.centred(l.addrs))
	}
	last := lines[len(lines)-1]
	last.put(l.stepW-1, "#")
	timeTitle := l.lang.T("cli.label.time")
	last.put(l.stepW+2+l.timeW-i18n.Width(timeTitle), timeTitle)
	for _, c := range lines {
		b.WriteString(c.String() + "\n")
	}
	b.WriteString(l.bars(nil).String() + "\n")
}

// centred returns a line with each item centred on its lane.
func (l *ladder) centred(items []string) *canvas {
	c := &canvas{}
	for i, s := range items {
		c.put(l.x[i]-left(i18n.Width(s)), s)
	}
	return c
}

// bars returns a line with the bar of every lane but those hidden.
func (l *ladder) bars(hidden func(lane int) bool) *canvas {
	c := &canvas{}
	for i, x := range l.x {
		if hidden == nil || !hidden(i) {
			c.put(x, "|")
		}
	}
	return c
}

// row draws one event: step, time, then the lanes with its arrow or note.
func (l *ladder) row(r row) string {
	var c *canvas
	if r.arrow {
		c = l.bars(nil)
		l.drawArrow(c, r)
	} else {
		at := l.stepW + 2 + l.timeW + 2
		if r.lane >= 0 {
			at = l.x[r.lane] + noteOffset
		}
		end := at + r.textCols // first column after the text
		c = l.bars(func(i int) bool { return l.x[i] >= at-noteOffset && l.x[i] <= end && i != r.lane })
		c.put(at, r.text)
	}
	step := strconv.Itoa(r.e.Seq)
	c.put(l.stepW-len(step), step)
	tm := formatTime(r.e.At)
	c.put(l.stepW+2+l.timeW-len(tm), tm)
	return c.String()
}

// drawArrow draws r's arrow between the bars of its lanes, and after the
// lanes what does not fit on it.
//
//	|--- INVITE ------>|      |<-- 180 Ringing --|
//	|--- INVITE ---X   |      |   X-- BYE -------|   (lost)
func (l *ladder) drawArrow(c *canvas, r row) {
	shaft := "-"
	head := map[bool]string{true: "<", false: ">"}[r.to < r.from]
	if r.lookup {
		shaft = "~"
	}
	if r.dropped {
		head = "X"
	}
	span := l.span(r)
	if r.from < r.to { // left to right: shaft, then the head before the receiver
		s := l.x[r.from] + 1
		c.repeat(s, span-1, shaft)
		c.put(s+span-1, head)
		if r.fits {
			c.put(s+3, " "+r.text+" ")
		}
	} else { // right to left: the head after the receiver, then the shaft
		s := l.x[r.to] + 1
		if r.dropped {
			s += lostRoom
		}
		c.put(s, head)
		c.repeat(s+1, span-1, shaft)
		if r.fits {
			c.put(s+3, " "+r.text+" ")
		}
	}

	var after []string
	if !r.fits {
		after = append(after, r.text)
	}
	if r.dropped {
		after = append(after, strings.TrimSpace(aside(l.lang.T("cli.run.lost"))))
	}
	if len(after) > 0 {
		c.put(l.margin, strings.Join(after, "  "))
	}
}

// details returns the lines verbose mode writes under an event: a message's
// bytes, one line per line of the message; the reasons the element gave,
// with their RFC sections; the notes; the event that caused this one.
func (l *ladder) details(e *sim.Event) []string {
	var out []string
	if e.Type == sim.EventMessage && e.Raw != "" {
		for _, line := range strings.Split(strings.TrimRight(e.Raw, "\r\n"), "\n") {
			line = rawLine(strings.TrimSuffix(line, "\r"))
			if line != "" {
				line = strings.Repeat(" ", rawIndent) + line
			}
			out = append(out, line)
		}
	}
	list := func(label string, items []string) {
		label = colon(label)
		indent := strings.Repeat(" ", detailIndent)
		for i, it := range items {
			if i == 1 {
				indent += strings.Repeat(" ", i18n.Width(label))
				label = ""
			}
			out = append(out, indent+label+it)
		}
	}
	var why []string
	for _, r := range e.Reasons {
		s := oneLine(strings.TrimSpace(r.Text))
		if r.RFC != "" {
			s = strings.TrimSpace(s + " [" + oneLine(r.RFC) + "]")
		}
		why = append(why, s)
	}
	list(l.lang.T("cli.label.why"), why)
	var notes []string
	for _, n := range e.Notes {
		notes = append(notes, oneLine(strings.TrimSpace(n)))
	}
	list(l.lang.T("cli.label.notes"), notes)
	if e.Cause != 0 {
		out = append(out, strings.Repeat(" ", detailIndent)+l.lang.T("ladder.cause", e.Cause))
	}
	return out
}

// summary counts the messages sent and lost, and measures the run: until the
// last event, or the last arrival if a message was still in flight then.
func (l *ladder) summary() string {
	var sent, lost int
	var end time.Duration
	for _, e := range l.t.Events {
		end = max(end, e.At)
		if e.Type != sim.EventMessage {
			continue
		}
		sent++
		if e.Dropped {
			lost++
		} else {
			end = max(end, e.Arrive)
		}
	}
	return l.lang.T("cli.run.summary", sent, lost, formatTime(end))
}

// formatTime writes a virtual time in seconds, to the millisecond: "0.010s",
// "32.510s".
func formatTime(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	ms := (d + time.Millisecond/2) / time.Millisecond
	return fmt.Sprintf("%s%d.%03ds", sign, ms/1000, ms%1000)
}
