package render

import (
	"bytes"
	"cmp"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
)

// Layout of the SVG ladder, in points (1/72 inch), y growing downwards.
const (
	svgFont          = 12.0  // labels and notes
	svgSmall         = 10.0  // addresses, step numbers and times, the legend
	svgTitleFont     = 14.0  // the lesson's title
	svgMargin        = 16.0  // around the picture
	svgRowH          = 26.0  // from one row to the next
	svgMinGap        = 120.0 // the least distance between two lanes
	svgMaxGap        = 300.0 // the most a label may widen the distance between two lanes
	svgLabelPad      = 10.0  // free space on either side of a label on its arrow
	svgHead          = 8.0   // length of an arrowhead
	svgLostRoom      = 28.0  // from a lost message's cross to its receiver's lane
	svgCross         = 5.0   // half the size of the cross
	svgNoteGap       = 8.0   // from a lane to the note written beside it
	svgHeadPadX      = 10.0  // inside a lane's header box
	svgLineH         = 16.0  // height of a line of text
	svgTitleLineH    = 18.0  // height of a line of the title
	svgGutterGap     = 10.0  // between the step and time columns' titles
	gutterGap        = 2     // spaces between a step number and its time
	svgLaneStart     = 24.0  // from the time column to the first lane's header
	svgLabelRise     = 8.0   // from an arrow to the centre of its label
	svgPen           = 1.4   // the width of an arrow's line
	svgBaseline      = 0.3   // from the middle of a line of text to its baseline, in em
	svgMinLegend     = 480.0 // the least width the legend's lines may take
	svgCalloutIndent = 24.0  // from the left margin to the text of a lesson's note under the picture
	svgOwnerDot      = 3.0   // the radius of the dot that marks a note's element on its lane
	laneColour       = "#9a9a9a"
	headFill         = "#f2f2f2"
	faintColour      = "#666666"
)

// SVG writes the ladder diagram of trace t as an SVG picture, for course
// notes and web pages. The ladder is NewLadder(t, o): a lane per element,
// with its name and address in a box at the top and its name again at the
// bottom, and a row per event, numbered with the event's seq and stamped
// with its virtual time in a column on the left.
//
//   - A message is a horizontal arrow at its row, from the sender's lane to
//     the receiver's, labelled with its method or status; a lost message
//     stops short of its receiver in a cross; a retransmission is dashed
//     and its label says so. A lookup is a dotted arrow with an open head.
//   - A message that arrives late (held on its link: Row.Late) says when,
//     "(arrives at 3.030s)".
//   - Arrows take the colour of their transaction (or dialog, see
//     LadderOptions.Colours); notes, timers and state changes are grey side
//     annotations written beside their lane, joined to a dot on it (class
//     "owner"), so that a note written on the left of its lane is not taken
//     for its neighbour's.
//   - The lesson's own notes on a message (Row.Callouts) are numbered in a
//     dark disc on its row, after the time, and written out under the
//     picture.
//   - The picture ends with the summary line of the text ladder and a
//     legend of what it draws: the line styles and marks it uses, the
//     colours, and the events it does not draw, which the step numbers
//     skip.
//   - With LadderOptions.MaxWidth the lanes come closer and a text that
//     would pass that width is cut short with "…", whole in its tooltip.
//
// Every arrow is an SVG group with id="step-N", N the event's seq, and
// class="message" (a SIP message) or class="lookup"; its <title>, which a
// browser shows as a tooltip, is the message's start line. A side note is a
// group with id="step-N" too, of class "timer", "note", "state" or
// "message" (a message without an arrow).
//
// The layout needs no search, so siplab computes it and writes the SVG 1.1
// itself, without Graphviz. The lanes are spread evenly, far enough apart
// for the widest message label (up to a limit) that sits between two of
// them; a label is written on its arrow, centred in the gap next to the
// sender, or when the gap is too narrow beside the arrow, in a white box
// that hides the lanes it crosses (as are the notes). As every label and
// note has a row of its own, no two of them overlap. Widths are reserved
// for a monospaced font, a Chinese character taking 1 em (see textWidth).
func SVG(w io.Writer, t *sim.Trace, o LadderOptions) error {
	if t == nil {
		return errors.New("render: svg ladder: no trace")
	}
	return write(w, "svg ladder", newSVGLadder(NewLadder(t, o), o.Lang, o.MaxWidth).draw())
}

// An svgLadder is a ladder laid out for SVG.
type svgLadder struct {
	*Ladder
	lang i18n.Lang

	headline      []string  // the heading and the seed, written at the top, wrapped to a MaxWidth
	summary       string    // the summary line, under the lanes
	stepR, timeR  float64   // right edges of the step and time columns
	laneX         []float64 // the x of each lane
	headW         []float64 // the width of each lane's header box
	headH         float64   // the height of the header boxes
	headTop       float64   // the top of the header boxes
	rowY          []float64 // the y of each row
	labels        []svgLabel
	laneEnd       float64 // where the lanes end
	footY         float64 // the lane names at the bottom
	summaryY      float64
	legendY       float64
	legend        []string      // the legend's lines
	callouts      []calloutLine // the lesson's notes, wrapped
	calloutY      float64       // the first line of the callouts
	calloutNo     []int         // per row: the number of its first callout, or 0
	maxWidth      float64       // LadderOptions.MaxWidth
	width, height float64
}

// An svgLabel is where a row's text goes.
type svgLabel struct {
	x      float64 // centre of an arrow's label, or start of a note's text
	w      float64 // its width
	beside bool    // an arrow's label too wide for it, written beyond its end
	left   bool    // a note written to the left of its lane, ending at x
	text   string
	tip    string // the text whole, when text was cut short to fit
}

func newSVGLadder(l *Ladder, lang i18n.Lang, maxWidth float64) *svgLadder {
	s := &svgLadder{Ladder: l, lang: lang, maxWidth: maxWidth}
	s.summary = l.footer(lang)
	if h := l.headline(lang); h != "" {
		s.headline = []string{h}
		if maxWidth > 0 {
			s.headline = wrapWidth(h, svgTitleFont, maxWidth-2*svgMargin)
		}
	}
	s.layout()
	return s
}

// legendEntries explain what the picture draws, and only that: the line
// styles and marks it uses, the colours, and the gaps in the step numbers
// that the events it leaves out make.
func (s *svgLadder) legendEntries() []string {
	var has [9]bool
	const (
		message = iota
		retrans
		lookup
		lost
		timer
		state
		note
		owner
		late
	)
	for _, r := range s.Rows {
		switch {
		case r.Kind == RowArrow && r.Lookup:
			has[lookup] = true
		case r.Kind == RowArrow:
			has[message] = true
		case r.Mark == timerMark:
			has[timer] = true
		case r.Mark == stateMark:
			has[state] = true
		default:
			has[note] = true
		}
		has[retrans] = has[retrans] || r.Retransmission
		has[lost] = has[lost] || r.Lost
		has[owner] = has[owner] || (r.Kind == RowNote && r.Lane >= 0)
		has[late] = has[late] || r.Late > 0
	}
	var out []string
	for i, e := range []string{"── " + s.lang.T("event.message"), "╌╌ " + s.lang.T("cli.run.retransmission"),
		"┈┈ " + s.lang.T("event.lookup"), "✕ " + s.lang.T("cli.run.lost"), "◷ " + s.lang.T("event.timer"),
		stateMark + " " + s.lang.T("event.state"), "• " + s.lang.T("event.note"), "● " + s.lang.T("views.legend.owner"), s.lang.T("views.legend.late")} {
		if has[i] {
			out = append(out, e)
		}
	}
	colours := "views.legend.transaction"
	if s.Colours == ByDialog {
		colours = "views.legend.dialog"
	}
	out = append(out, s.lang.T(colours))
	var hidden []string
	for _, k := range []sim.EventType{sim.EventState, sim.EventTimer, sim.EventNote, sim.EventMessage, sim.EventLookup} {
		if n := s.Hidden[k]; n > 0 {
			hidden = append(hidden, s.lang.T("views.legend.hidden.kind", s.lang.T("event."+string(k)), n))
		}
	}
	if s.Retrans > 0 {
		hidden = append(hidden, s.lang.T("views.legend.hidden.retrans", s.Retrans))
	}
	if len(hidden) > 0 {
		out = append(out, s.lang.T("views.legend.hidden", s.lang.Semicolons(hidden)))
	}
	return out
}

// A calloutLine is a line of the lesson's notes under the picture: the
// first line of a row's notes starts with the row's number.
type calloutLine struct {
	no   int // the number, or 0 for a line that goes on
	text string
}

// legendLines puts the legend's entries on lines no wider than width
// (points), as many on a line as fit.
func legendLines(entries []string, width float64) []string {
	var lines []string
	for _, e := range entries {
		if n := len(lines); n > 0 && textWidth(lines[n-1]+legendSep+e, svgSmall) <= width {
			lines[n-1] += legendSep + e
		} else if textWidth(e, svgSmall) <= width {
			lines = append(lines, e)
		} else {
			lines = append(lines, wrapWidth(e, svgSmall, width)...)
		}
	}
	return lines
}

// legendSep separates two entries of the legend on a line.
const legendSep = "   "

// fitText cuts s short with "…" so that it takes at most w points at size;
// s itself when it fits.
func fitText(s string, size, w float64) string {
	if textWidth(s, size) <= w {
		return s
	}
	cols := int((w - textWidth("…", size)) / (narrowEm * size))
	head, _ := i18n.Cut(s, max(cols, 0))
	return strings.TrimRight(head, " ") + "…"
}

// wrapWidth returns the lines of s, each at most w points wide at size.
func wrapWidth(s string, size, w float64) []string {
	return i18n.Wrap(s, max(int(w/(narrowEm*size)), 8), i18n.WrapOptions{})
}

// layout places everything, from the top left corner down.
func (s *svgLadder) layout() {
	y := svgMargin
	if n := len(s.headline); n > 0 {
		y += float64(n)*svgTitleLineH + 10 - (svgTitleLineH - svgLineH)
	}

	// The step and time columns: as wide as their widest entry, each
	// right-aligned at its column's right edge.
	stepChars, timeChars := 1, 1
	for _, r := range s.Rows {
		stepChars = max(stepChars, len(strconv.Itoa(r.Event.Seq)))
		timeChars = max(timeChars, len(FormatTime(r.Event.At)))
	}
	char := textWidth("0", svgSmall)
	s.stepR = svgMargin + float64(stepChars)*char
	s.timeR = s.stepR + float64(gutterGap+timeChars)*char
	s.timeR = max(s.timeR, s.stepR+svgGutterGap+textWidth(s.lang.T("cli.label.time"), svgSmall))

	// The header boxes.
	n := len(s.Lanes)
	hasAddr := false
	for _, ln := range s.Lanes {
		w := max(textWidth(oneLine(ln.Name), svgFont), textWidth(oneLine(ln.Address), svgSmall)) + 2*svgHeadPadX
		s.headW = append(s.headW, w)
		hasAddr = hasAddr || ln.Address != ""
	}
	s.headTop = y
	s.headH = svgLineH + 8
	if hasAddr {
		s.headH += svgLineH - 2
	}
	y += s.headH + svgRowH

	// The distance between lanes: the headers must not touch, and the
	// labels that fit in a gap decide the rest.
	gap := svgMinGap
	for i := 0; i+1 < n; i++ {
		gap = max(gap, s.headW[i]/2+s.headW[i+1]/2+16)
	}
	for _, r := range s.Rows {
		// A lookup's summary is long and not SIP: it does not spread the
		// lanes, and goes beside its arrow if it does not fit on it.
		if r.Kind != RowArrow || r.Lookup {
			continue
		}
		// The label sits in the gap next to the sender, with the arrow's
		// end if it ends there.
		need := textWidth(r.Label, svgFont) + 2*svgLabelPad
		if r.From-r.To == 1 || r.To-r.From == 1 {
			need += endRoom(&r)
		}
		if need <= svgMaxGap {
			gap = max(gap, need)
		}
	}
	x0 := s.timeR + svgLaneStart
	if n > 0 {
		x0 += s.headW[0] / 2
	}
	if s.maxWidth > 0 && n > 1 {
		// Bring the lanes closer to fit the cap, not so close that their
		// headers touch.
		least := 0.0
		for i := 0; i+1 < n; i++ {
			least = max(least, s.headW[i]/2+s.headW[i+1]/2+8)
		}
		fit := (s.maxWidth - svgMargin - s.headW[n-1]/2 - x0) / float64(n-1)
		gap = max(min(gap, fit), least)
	}
	for i := range s.Lanes {
		s.laneX = append(s.laneX, x0+float64(i)*gap)
	}
	left, right := s.timeR+svgLaneStart, s.timeR
	if n > 0 {
		right = s.laneX[n-1] + s.headW[n-1]/2
	}
	lanesRight := right
	// The right edge that nothing passes, with a cap.
	edge := math.Inf(1)
	if s.maxWidth > 0 {
		edge = max(s.maxWidth-svgMargin, lanesRight)
	}
	// beside places text of width w beside lanes lo..hi: on the right of hi,
	// or on the left of lo if it would widen the picture on the right and
	// has room on the left; cut short if it passes the edge all the same.
	beside := func(lb *svgLabel, lo, hi float64) {
		lb.x = hi + svgNoteGap
		if lb.x+lb.w > lanesRight && lo-svgNoteGap-lb.w >= left {
			lb.x, lb.left = lo-svgNoteGap, true
		}
		if !lb.left && lb.x+lb.w > edge {
			// The wider side, and what fits there.
			if room := lo - svgNoteGap - left; room > edge-lb.x {
				lb.x, lb.left = lo-svgNoteGap, true
				lb.tip, lb.text = lb.text, fitText(lb.text, svgFont, room)
			} else {
				lb.tip, lb.text = lb.text, fitText(lb.text, svgFont, edge-lb.x)
			}
			lb.w = textWidth(lb.text, svgFont)
		}
		if !lb.left {
			right = max(right, lb.x+lb.w)
		}
	}

	// The rows.
	for i := range s.Rows {
		r := &s.Rows[i]
		s.rowY = append(s.rowY, y)
		// A timer's mark is drawn as "◷", which more fonts have than "⏱".
		lb := svgLabel{text: r.Text}
		switch {
		case r.Kind == RowArrow:
			lb.text = r.Text // the label, and when a late message arrives
		case r.Mark == timerMark:
			lb.text = "◷ " + r.Label
		}
		lb.w = textWidth(lb.text, svgFont)
		if r.Kind == RowArrow {
			lo, hi := firstGap(r, s.laneX)
			if lb.w+2*svgLabelPad <= hi-lo+1e-6 { // as the gap was reckoned
				lb.x = (lo + hi) / 2
			} else {
				lb.beside = true
				a, b := s.laneX[r.From], s.laneX[r.To]
				beside(&lb, min(a, b), max(a, b))
			}
		} else {
			lb.x = left
			if r.Lane >= 0 {
				// Beside the lane, on its right; on its left if it would
				// widen the picture there and has room on that side.
				beside(&lb, s.laneX[r.Lane], s.laneX[r.Lane])
			} else {
				if lb.x+lb.w > edge {
					lb.tip, lb.text = lb.text, fitText(lb.text, svgFont, edge-lb.x)
					lb.w = textWidth(lb.text, svgFont)
				}
				right = max(right, lb.x+lb.w)
			}
		}
		s.labels = append(s.labels, lb)
		y += svgRowH
	}
	if len(s.Rows) == 0 {
		y += svgRowH
	}
	s.laneEnd = y - svgRowH/2
	s.footY = s.laneEnd + svgLineH/2 + 2
	s.summaryY = s.footY + svgLineH + 12
	s.legendY = s.summaryY + svgLineH

	// The width: what the rows took, or the title, summary and legend on
	// one line each; with a cap, those are cut or wrapped to the rows'
	// width instead.
	lines := max(right-svgMargin, svgMinLegend)
	if s.maxWidth > 0 {
		lines = max(right, s.maxWidth-svgMargin) - svgMargin
		s.summary = fitText(s.summary, svgSmall, lines)
	}
	entries := s.legendEntries()
	s.legend = legendLines(entries, lines)
	right = max(right, svgMargin+textWidth(s.summary, svgSmall))
	for _, ln := range s.headline {
		right = max(right, svgMargin+textWidth(ln, svgTitleFont))
	}
	for _, ln := range s.legend {
		right = max(right, svgMargin+textWidth(ln, svgSmall))
	}
	s.width = right + svgMargin

	// The lesson's notes, numbered as their rows are marked, wrapped to
	// the picture.
	s.calloutNo = make([]int, len(s.Rows))
	k := 0
	for i, r := range s.Rows {
		if len(r.Callouts) > 0 {
			k++
			s.calloutNo[i] = k
		}
		for j, c := range r.Callouts {
			for n, ln := range wrapWidth(textLine(c, s.lang), svgSmall, s.width-2*svgMargin-svgCalloutIndent) {
				no := 0
				if j == 0 && n == 0 {
					no = k
				}
				s.callouts = append(s.callouts, calloutLine{no, ln})
			}
		}
	}
	y = s.legendY + float64(len(s.legend)-1)*svgLineH
	if len(s.callouts) > 0 {
		s.calloutY = y + svgLineH + 6
		y = s.calloutY + float64(len(s.callouts)-1)*svgLineH
	}
	s.height = y + svgLineH/2 + svgMargin
}

// endRoom is what the end of an arrow takes from its last gap: the head, or
// the cross and the gap after it.
func endRoom(r *Row) float64 {
	if r.Lost {
		return svgLostRoom + svgCross
	}
	return svgHead
}

// firstGap returns the stretch of an arrow between its sender's lane and
// the next lane on its way, less what its end takes if it ends there.
func firstGap(r *Row, laneX []float64) (lo, hi float64) {
	from, to := laneX[r.From], laneX[r.To]
	if r.From < r.To {
		lo, hi = from, laneX[r.From+1]
		if r.To == r.From+1 {
			hi -= endRoom(r)
		}
		return lo, min(hi, to)
	}
	lo, hi = laneX[r.From-1], from
	if r.To == r.From-1 {
		lo += endRoom(r)
	}
	return max(lo, to), hi
}

// stepID is the SVG id of the group that draws event seq.
func stepID(seq int) string { return "step-" + strconv.Itoa(seq) }

// draw writes the picture laid out.
func (s *svgLadder) draw() []byte {
	var w svgWriter
	w.b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="no"?>` + "\n" +
		`<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">` + "\n")
	w.open("svg", at("xmlns", "http://www.w3.org/2000/svg"), at("version", "1.1"),
		at("width", num(s.width)+"pt"), at("height", num(s.height)+"pt"),
		at("viewBox", "0 0 "+num(s.width)+" "+num(s.height)))
	w.open("g", at("id", "ladder"), at("font-family", fontFamily))
	w.title(cmp.Or(s.heading(s.lang), "ladder"))
	w.shape("rect", atNum("x", 0), atNum("y", 0), atNum("width", s.width), atNum("height", s.height), at("fill", "white"))

	for i, ln := range s.headline {
		y := s.headTop - svgLineH - 4 - float64(len(s.headline)-1-i)*svgTitleLineH
		svgText(&w, idOnFirst("title", i), ln, svgMargin, y, svgTitleFont, "start", "")
	}
	gutterY := s.headTop + s.headH - svgLineH/2
	svgText(&w, "col-step", "#", s.stepR, gutterY, svgSmall, "end", faintColour)
	svgText(&w, "col-time", s.lang.T("cli.label.time"), s.timeR, gutterY, svgSmall, "end", faintColour)

	// The lanes: a header box, a line, the name again at the bottom.
	for i, ln := range s.Lanes {
		x, w2 := s.laneX[i], s.headW[i]
		w.open("g", at("id", "lane-"+strconv.Itoa(i)), at("class", "lane"))
		w.title(laneTitle(ln, s.lang))
		w.shape("rect", atNum("x", x-w2/2), atNum("y", s.headTop), atNum("width", w2), atNum("height", s.headH),
			atNum("rx", 6), atNum("ry", 6), at("fill", headFill), at("stroke", laneColour))
		nameY := s.headTop + s.headH/2
		if ln.Address != "" {
			nameY = s.headTop + 4 + svgLineH/2
			svgText(&w, "", oneLine(ln.Address), x, nameY+svgLineH-2, svgSmall, "middle", faintColour)
		}
		svgText(&w, "", oneLine(ln.Name), x, nameY, svgFont, "middle", "")
		w.shape("path", at("d", line(x, s.headTop+s.headH, x, s.laneEnd)), at("fill", "none"), at("stroke", laneColour))
		svgText(&w, "", oneLine(ln.Name), x, s.footY, svgSmall, "middle", faintColour)
		w.close("g")
	}

	// The step numbers and times, right-aligned in a column on the left,
	// and the number of a row's callout after them.
	if len(s.Rows) > 0 {
		w.open("g", at("id", "gutter"))
		for i, r := range s.Rows {
			svgText(&w, "", strconv.Itoa(r.Event.Seq), s.stepR, s.rowY[i], svgSmall, "end", faintColour)
			svgText(&w, "", FormatTime(r.Event.At), s.timeR, s.rowY[i], svgSmall, "end", faintColour)
		}
		w.close("g")
		for i, k := range s.calloutNo {
			if k > 0 {
				callout(&w, k, s.timeR+svgLaneStart/2+1, s.rowY[i])
			}
		}
	}

	// The rows, over the lanes: a note's white box hides the lanes it
	// crosses.
	for i := range s.Rows {
		r := &s.Rows[i]
		if r.Kind == RowArrow {
			s.arrow(&w, r, s.rowY[i], s.labels[i])
			continue
		}
		tip := cmp.Or(r.FirstLine, r.Full, s.labels[i].tip, s.labels[i].text)
		owner := math.NaN()
		if r.Lane >= 0 {
			owner = s.laneX[r.Lane]
		}
		sideText(&w, stepID(r.Event.Seq), eventClass(r.Event), tip, s.labels[i], s.rowY[i], faintColour, owner)
	}

	svgText(&w, "summary", s.summary, svgMargin, s.summaryY, svgSmall, "start", "")
	for i, ln := range s.legend {
		svgText(&w, idOnFirst("legend", i), ln, svgMargin, s.legendY+float64(i)*svgLineH, svgSmall, "start", faintColour)
	}
	if len(s.callouts) > 0 {
		w.open("g", at("id", "callouts"))
		for i, ln := range s.callouts {
			y := s.calloutY + float64(i)*svgLineH
			if ln.no > 0 {
				callout(&w, ln.no, svgMargin+svgCalloutIndent/2-4, y)
			}
			svgText(&w, "", ln.text, svgMargin+svgCalloutIndent, y, svgSmall, "start", "")
		}
		w.close("g")
	}
	w.close("g")
	w.close("svg")
	return w.b.Bytes()
}

// idOnFirst is id for the first of several lines (i 0), none for the others.
func idOnFirst(id string, i int) string {
	if i > 0 {
		return ""
	}
	return id
}

// callout writes the mark of a row that a lesson's note explains: its
// number k in a circle centred on (x, y), drawn with shapes, not a circled
// digit that a font may lack.
func callout(w *svgWriter, k int, x, y float64) {
	w.open("g", at("class", "callout"))
	r := 7.0
	if k > 9 {
		r = 8.5
	}
	w.shape("circle", atNum("cx", x), atNum("cy", y), atNum("r", r), at("fill", "#333333"))
	svgText(w, "", strconv.Itoa(k), x, y, svgSmall-1, "middle", "white")
	w.close("g")
}

// svgText writes a line of text, its middle at height y: from x on (anchor
// "start"), up to x ("end") or centred on x ("middle"). An empty colour is
// the default, black.
func svgText(w *svgWriter, id, s string, x, y, size float64, anchor, colour string) {
	attrs := make([]attr, 0, 6)
	if id != "" {
		attrs = append(attrs, at("id", id))
	}
	// The baseline: the middle of a line of digits and capitals.
	attrs = append(attrs, atNum("x", x), atNum("y", y+svgBaseline*size), atNum("font-size", size), at("text-anchor", anchor))
	if colour != "" {
		attrs = append(attrs, at("fill", colour))
	}
	w.text(s, attrs...)
}

// arrow writes the group of an arrow row: its line, head or cross, and
// label, the label in a group of its own if it is written beside the arrow.
func (s *svgLadder) arrow(w *svgWriter, r *Row, y float64, lb svgLabel) {
	x1, x2 := s.laneX[r.From], s.laneX[r.To]
	dir := 1.0
	if x2 < x1 {
		dir = -1
	}
	colour := s.Colour(r)
	class, dash, head := "message", "", normalHead
	switch {
	case r.Lookup:
		class, dash, head = "lookup", "1,5", veeHead // dotted, an open head
	case r.Retransmission:
		dash = "5,2"
	}
	tip := cmp.Or(r.FirstLine, r.Label)
	w.open("g", at("id", stepID(r.Event.Seq)), at("class", class))
	w.title(tip)
	pen := []attr{at("stroke", colour), atNum("stroke-width", svgPen)}
	path := func(d string, dash string) {
		attrs := append([]attr{at("d", d), at("fill", "none")}, pen...)
		if dash != "" {
			attrs = append(attrs, at("stroke-dasharray", dash))
		}
		w.shape("path", attrs...)
	}
	if r.Lost {
		// The line stops short of the receiver, in a cross.
		end, c := x2-dir*svgLostRoom, svgCross
		path(line(x1, y, end, y), dash)
		path(line(end-c, y-c, end+c, y+c), "")
		path(line(end-c, y+c, end+c, y-c), "")
	} else {
		path(line(x1, y, x2-dir*svgHead, y), dash)
		w.shape("polygon", append([]attr{at("points", arrowHead(x2, y, dir, head)), at("fill", colour)}, pen...)...)
	}
	if !lb.beside {
		svgText(w, "", lb.text, lb.x, y-svgLabelRise, svgFont, "middle", colour)
	}
	w.close("g")
	if lb.beside {
		// Too wide for the arrow: beside it, over the lanes it crosses.
		sideText(w, "label-"+strconv.Itoa(r.Event.Seq), "label", cmp.Or(lb.tip, tip), lb, y, colour, math.NaN())
	}
}

// Arrowheads, as points from the tip back along the arrow (x) and across it
// (y), for an arrow going right: Graphviz's "normal" and "vee" heads at
// arrowsize 0.8.
var (
	normalHead = [][2]float64{{0, 0}, {-svgHead, -2.8}, {-svgHead, 2.8}}
	veeHead    = [][2]float64{{0, 0}, {-svgHead, -3.6}, {-2.29, -0.2}, {-svgHead, -0.2},
		{-svgHead, 0.2}, {-2.29, 0.2}, {-svgHead, 3.6}}
)

// arrowHead returns the points of an arrowhead that ends on the lane at x,
// pointing in direction dir (1 right, -1 left). The tip is drawn inside the
// lane by as much as the stroke's mitred corner sticks out beyond it.
func arrowHead(x, y, dir float64, shape [][2]float64) string {
	back, half := -shape[1][0], -shape[1][1]
	tip := x - dir*(svgPen/2)*math.Hypot(back, half)/half
	var b strings.Builder
	for i, p := range shape {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(num(tip+dir*p[0]) + "," + num(y+p[1]))
	}
	return b.String()
}

// sideText writes a side text in its group: a note, or an arrow's label
// beside it. Its white box hides the lanes it crosses, as the text ladder
// does. A note's element, whose lane is at x = owner (NaN for none), is
// marked with a dot on its lane, joined to the text.
func sideText(w *svgWriter, id, class, tip string, lb svgLabel, y float64, colour string, owner float64) {
	x0, anchor := lb.x, "start"
	if lb.left {
		x0, anchor = lb.x-lb.w, "end"
	}
	w.open("g", at("id", id), at("class", class))
	w.title(tip)
	if !math.IsNaN(owner) {
		near := x0 - 1
		if lb.left {
			near = lb.x + 1
		}
		w.shape("path", at("d", line(owner, y, near, y)), at("fill", "none"), at("stroke", colour))
		w.shape("circle", at("class", "owner"), atNum("cx", owner), atNum("cy", y), atNum("r", svgOwnerDot), at("fill", colour))
	}
	w.shape("rect", atNum("x", x0-1), atNum("y", y-svgLineH/2), atNum("width", lb.w+2), atNum("height", svgLineH),
		at("fill", "white"), at("stroke", "white"))
	svgText(w, "", lb.text, lb.x, y, svgFont, anchor, colour)
	w.close("g")
}

// line writes the path data of a straight line from (x1,y1) to (x2,y2).
func line(x1, y1, x2, y2 float64) string {
	return "M" + num(x1) + "," + num(y1) + " L" + num(x2) + "," + num(y2)
}

// laneTitle is a lane's tooltip: name, role, host and address.
func laneTitle(ln Lane, lang i18n.Lang) string {
	return strings.Join(laneLines(ln, ln.Address, lang), " · ")
}

// laneLines describes a lane's element, one line each: its name, then
// whichever of its role, host and address addr are known.
func laneLines(ln Lane, addr string, lang i18n.Lang) []string {
	lines := []string{oneLine(ln.Name)}
	for _, s := range []string{role(ln.Kind, lang), oneLine(ln.Host), oneLine(addr)} {
		if s != "" {
			lines = append(lines, s)
		}
	}
	return lines
}

// svgBody returns svg without the XML declaration and DOCTYPE that start a
// file, to put inline in an HTML page.
func svgBody(svg []byte) []byte {
	if i := bytes.Index(svg, []byte("<svg")); i >= 0 {
		return svg[i:]
	}
	return svg
}
