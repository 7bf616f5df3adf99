package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
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

	// Fit keeps every row within Width columns: what passes the edge goes
	// on continuation lines under the row, the lanes drawn through them
	// (TextRow.More). Without it a long note runs past Width.
	Fit bool

	// Live lays a ladder out that grows a row at a time (siplab lab): the
	// lanes spread evenly over Width even with Fit, and the step and time
	// columns wide enough for a long session, so that rows laid out one by
	// one line up.
	Live bool

	// HideRetransmissions, MessagesOnly and ShortNames are as in
	// LadderOptions.
	HideRetransmissions, MessagesOnly, ShortNames bool
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
	liveStepW    = 6  // Live: up to 999999 events
	liveTimeW    = 10 // Live: up to 99999.999s, a day and more
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
	lay, err := LayOutText(t, opts)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if lay.Title != "" {
		b.WriteString(lay.Title + "\n\n")
	}
	for _, h := range lay.Header {
		b.WriteString(h + "\n")
	}
	b.WriteString(lay.Bars + "\n")
	for _, r := range lay.Rows {
		b.WriteString(r.Line + "\n")
		for _, m := range r.More {
			b.WriteString(m + "\n")
		}
		if len(r.Details) > 0 {
			b.WriteString(strings.Join(r.Details, "\n") + "\n")
			b.WriteString(lay.Bars + "\n")
		}
	}
	b.WriteString("\n" + lay.Summary + "\n")
	return write(w, "text ladder", b.Bytes())
}

// A TextLayout is the text ladder of a trace laid out line by line, as Text
// writes it, for a view that shows a part of it: the stepper shows a window
// of rows around the current step under the header, and marks a row.
type TextLayout struct {
	// Title is the lesson, its title and the seed: "lesson direct-call:
	// Alice calls Bob directly   (seed 1)"; "" when the trace names no
	// lesson.
	Title string
	// Header is the lane names, each centred over its lane, then (when the
	// trace gives addresses) their addresses with the titles of the step and
	// time columns.
	Header []string
	// Bars is a line of bare lanes, which follows the header.
	Bars string
	// Rows are the events shown, one row each, in the order of the trace.
	Rows []TextRow
	// Summary is the line that ends the ladder.
	Summary string
	// Lanes are the columns of the lanes' bars, left to right.
	Lanes []int
}

// A TextRow is one event of a TextLayout.
type TextRow struct {
	Seq     int      // the event's seq: the step number the row starts with
	Line    string   // step, time, then the lanes with the event's arrow or note
	Details []string // with Verbose, the lines written under the row (see Text)
	More    []string // with Fit, the rest of a row too wide for Width
}

// LayOutText lays the text ladder of trace t out as Text does, without
// writing it.
func LayOutText(t *sim.Trace, opts TextOptions) (*TextLayout, error) {
	if t == nil {
		return nil, errors.New("render: text ladder: no trace")
	}
	l := newLadder(t, opts)
	lay := &TextLayout{Title: l.headline(l.lang), Header: l.header(), Bars: l.bars(nil).String(),
		Summary: l.Summary(l.lang), Lanes: l.x}
	if opts.Fit && opts.Width > 0 {
		wrap := func(s string) string {
			return strings.Join(i18n.Wrap(s, opts.Width, i18n.WrapOptions{}), "\n")
		}
		if i18n.Width(lay.Title) > opts.Width {
			// The seed on a line of its own.
			lay.Title = wrap(l.heading(l.lang))
			if !l.recorded() {
				lay.Title += "\n" + l.seed(l.lang)
			}
		}
		lay.Summary = wrap(lay.Summary)
	}
	for i := range l.Rows {
		r := &l.Rows[i]
		row := TextRow{Seq: r.Event.Seq, Line: l.row(r)}
		if opts.Fit && opts.Width > 0 {
			row.Line, row.More = l.fit(r, row.Line, opts.Width)
		}
		if opts.Verbose {
			row.Details = l.details(r.Event)
		}
		lay.Rows = append(lay.Rows, row)
	}
	return lay, nil
}

// A textLadder is a ladder laid out for Text: the shared model (see Ladder)
// with the columns of a terminal.
type textLadder struct {
	*Ladder
	opts  TextOptions
	lang  i18n.Lang
	names []string // lane names, as displayed
	addrs []string // lane addresses, as displayed

	stepW, timeW int   // widths of the step and time columns
	x            []int // the column of each lane's bar
	margin       int   // the column of notes written after the lanes
}

func newLadder(t *sim.Trace, opts TextOptions) *textLadder {
	m := NewLadder(t, LadderOptions{Lang: opts.Lang, ShowStates: opts.ShowStates || opts.Verbose,
		HideRetransmissions: opts.HideRetransmissions, MessagesOnly: opts.MessagesOnly, ShortNames: opts.ShortNames})
	l := &textLadder{Ladder: m, opts: opts, lang: opts.Lang}
	for _, ln := range m.Lanes {
		l.names = append(l.names, oneLine(ln.Name))
		l.addrs = append(l.addrs, oneLine(ln.Address))
	}
	l.layout()
	return l
}

// left and right are how far a header item of w columns reaches on either
// side of the lane it is centred on.
func left(w int) int  { return w / 2 }
func right(w int) int { return max(w-1-w/2, 0) }

// layout places the columns: step, time, then the lanes, spaced evenly.
func (l *textLadder) layout() {
	l.stepW = 1 // "#"
	l.timeW = i18n.Width(l.lang.T("cli.label.time"))
	for _, r := range l.Rows {
		l.stepW = max(l.stepW, len(strconv.Itoa(r.Event.Seq)))
		l.timeW = max(l.timeW, len(FormatTime(r.Event.At)))
	}
	if l.opts.Live {
		l.stepW = max(l.stepW, liveStepW)
		l.timeW = max(l.timeW, liveTimeW)
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

	// The spacing the labels ask for, or with a width the lanes spread
	// over it; with Fit, the first unless it would not fit.
	spacing := minSpacing
	even := 0
	if l.opts.Width > 0 && n > 1 {
		even = max((l.opts.Width-start-pad-reach-1)/(n-1), 2+lostRoom)
	}
	if even > 0 && (!l.opts.Fit || l.opts.Live) {
		spacing = even
	} else {
		for _, r := range l.Rows {
			if r.Kind != RowArrow || r.From-r.To != 1 && r.To-r.From != 1 {
				continue
			}
			need := i18n.Width(r.Text) + arrowRoom + 1
			if r.Lost {
				need += lostRoom
			}
			if need <= maxGap+1 {
				spacing = max(spacing, need)
			}
		}
	}
	spacing = max(spacing, headerNeed)
	if even > 0 && l.opts.Fit {
		spacing = min(spacing, max(even, 2+lostRoom))
	}

	l.x = make([]int, n)
	for i := range l.x {
		l.x[i] = start + pad + i*spacing
	}
	l.margin = l.x[n-1] + marginGap
}

// span returns the columns an arrow's shaft and head take: from after the
// left lane's bar to before the right lane's, less the gap of a lost
// message.
func (l *textLadder) span(r *Row) int {
	lo, hi := min(r.From, r.To), max(r.From, r.To)
	s := l.x[hi] - l.x[lo] - 1
	if r.Lost {
		s -= lostRoom
	}
	return max(s, 1)
}

// header returns the lane names and addresses, the last line with the
// titles of the step and time columns.
func (l *textLadder) header() []string {
	lines := []*canvas{l.centred(l.names)}
	if strings.Join(l.addrs, "") != "" {
		lines = append(lines, l.centred(l.addrs))
	}
	last := lines[len(lines)-1]
	last.put(l.stepW-1, "#")
	timeTitle := l.lang.T("cli.label.time")
	last.put(l.stepW+2+l.timeW-i18n.Width(timeTitle), timeTitle)
	out := make([]string, len(lines))
	for i, c := range lines {
		out[i] = c.String()
	}
	return out
}

// centred returns a line with each item centred on its lane.
func (l *textLadder) centred(items []string) *canvas {
	c := &canvas{}
	for i, s := range items {
		c.put(l.x[i]-left(i18n.Width(s)), s)
	}
	return c
}

// bars returns a line with the bar of every lane but those hidden.
func (l *textLadder) bars(hidden func(lane int) bool) *canvas {
	c := &canvas{}
	for i, x := range l.x {
		if hidden == nil || !hidden(i) {
			c.put(x, "|")
		}
	}
	return c
}

// row draws one event: step, time, then the lanes with its arrow or note.
func (l *textLadder) row(r *Row) string {
	var c *canvas
	if r.Kind == RowArrow {
		c = l.bars(nil)
		if after := l.drawArrow(c, r); after != "" {
			c.put(l.margin, after)
		}
	} else {
		at := l.stepW + 2 + l.timeW + 2
		if r.Lane >= 0 {
			at = l.x[r.Lane] + noteOffset
		}
		end := at + i18n.Width(r.Text) // first column after the text
		c = l.bars(func(i int) bool { return l.x[i] >= at-noteOffset && l.x[i] <= end && i != r.Lane })
		c.put(at, r.Text)
	}
	return l.stamp(c, r)
}

// stamp writes r's step number and time at the start of its line c.
func (l *textLadder) stamp(c *canvas, r *Row) string {
	step := strconv.Itoa(r.Event.Seq)
	c.put(l.stepW-len(step), step)
	tm := FormatTime(r.Event.At)
	c.put(l.stepW+2+l.timeW-len(tm), tm)
	return c.String()
}

// fit draws row r again when its line is wider than width columns: its
// text (a note, or a label that is not on its arrow) written on the left
// of its lane instead, ending before it, over the lanes it crosses; or,
// when it is too long for that too, wrapped on the lines under the row,
// from the first lane on, the bars of the lanes it covers left out. An
// arrow's label goes first in the gap after the arrow, if it fits there.
func (l *textLadder) fit(r *Row, line string, width int) (string, []string) {
	if i18n.Width(line) <= width || len(l.x) == 0 {
		return line, nil
	}
	first := l.stepW + 2 + l.timeW + 2 // where a line's text may start
	c, text, lane := l.bars(nil), r.Text, r.Lane
	if r.Kind == RowArrow {
		text, lane = l.drawArrow(c, r), min(r.From, r.To)
	}
	covers := func(from, to int) func(int) bool {
		return func(i int) bool { return l.x[i] >= from-1 && l.x[i] <= to }
	}
	w := i18n.Width(text)
	if hi := max(r.From, r.To); r.Kind == RowArrow && hi+1 < len(l.x) && w+2 < l.x[hi+1]-l.x[hi]-noteOffset {
		// In the gap after the arrow.
		c.put(l.x[hi]+noteOffset, text)
		return l.stamp(c, r), nil
	}
	if lane >= 0 {
		if end := l.x[lane] - noteOffset; end-w >= first {
			if r.Kind != RowArrow {
				c = l.bars(covers(end-w, end))
			}
			c.put(end-w, text)
			return l.stamp(c, r), nil
		}
	}
	if r.Kind != RowArrow {
		c = l.bars(nil)
	}
	var more []string
	first = l.x[0] + noteOffset
	for _, part := range i18n.Wrap(text, max(width-first, minSpacing), i18n.WrapOptions{}) {
		m := l.bars(covers(first, first+i18n.Width(part)))
		m.put(first, part)
		more = append(more, m.String())
	}
	return l.stamp(c, r), more
}

// drawArrow draws r's arrow between the bars of its lanes, and returns what
// does not fit on it, for after the lanes.
//
//	|--- INVITE ------>|      |<-- 180 Ringing --|
//	|--- INVITE ---X   |      |   X-- BYE -------|   (lost)
func (l *textLadder) drawArrow(c *canvas, r *Row) (after string) {
	shaft := "-"
	head := map[bool]string{true: "<", false: ">"}[r.To < r.From]
	if r.Lookup {
		shaft = "~"
	}
	if r.Lost {
		head = "X"
	}
	span := l.span(r)
	s := l.x[min(r.From, r.To)] + 1
	if r.From < r.To { // left to right: shaft, then the head before the receiver
		c.repeat(s, span-1, shaft)
		c.put(s+span-1, head)
	} else { // right to left: the head after the receiver, then the shaft
		if r.Lost {
			s += lostRoom
		}
		c.put(s, head)
		c.repeat(s+1, span-1, shaft)
	}

	var rest []string
	if i18n.Width(r.Text)+arrowRoom <= span { // the label fits on the arrow
		c.put(s+3, " "+r.Text+" ")
	} else {
		rest = append(rest, r.Text)
	}
	if r.Lost {
		rest = append(rest, strings.TrimSpace(l.lang.Aside(l.lang.T("cli.run.lost"))))
	}
	return strings.Join(rest, "  ")
}

// details returns the lines verbose mode writes under an event: a message's
// bytes, one line per line of the message; the reasons the element gave,
// with their RFC sections; the notes; the event that caused this one.
func (l *textLadder) details(e *sim.Event) []string {
	var out []string
	if e.Type == sim.EventMessage && e.Raw != "" {
		for _, line := range rawLines(e.Raw) {
			if line != "" {
				line = strings.Repeat(" ", rawIndent) + line
			}
			out = append(out, line)
		}
	}
	list := func(label string, items []string) {
		label = l.lang.Colon(label)
		indent := strings.Repeat(" ", detailIndent)
		for i, it := range items {
			if i == 1 {
				indent += strings.Repeat(" ", i18n.Width(label))
				label = ""
			}
			out = append(out, indent+label+it)
		}
	}
	list(l.lang.T("cli.label.why"), reasons(e, l.lang, func(rfc string) string { return " [" + rfc + "]" }))
	list(l.lang.T("cli.label.notes"), notes(e, l.lang))
	if e.Cause != 0 {
		out = append(out, strings.Repeat(" ", detailIndent)+l.lang.T("ladder.cause", e.Cause))
	}
	return out
}

// FormatTime writes a virtual time in seconds, to the millisecond: "0.010s",
// "32.510s". Every view and the stepper write times with it.
func FormatTime(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	ms := (d + time.Millisecond/2) / time.Millisecond
	return fmt.Sprintf("%s%d.%03ds", sign, ms/1000, ms%1000)
}
