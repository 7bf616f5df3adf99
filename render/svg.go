package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	graphviz "github.com/goccy/go-graphviz"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
)

// Layout of the SVG ladder, in points (1/72 inch), y growing downwards as
// on a page; the DOT source turns it upside down for Graphviz.
const (
	svgFont      = 12.0  // labels and notes
	svgSmall     = 10.0  // addresses, step numbers and times, the legend
	svgTitleFont = 14.0  // the lesson's title
	svgMargin    = 16.0  // around the picture
	svgRowH      = 26.0  // from one row to the next
	svgMinGap    = 120.0 // the least distance between two lanes
	svgMaxGap    = 300.0 // the most a label may widen the distance between two lanes
	svgLabelPad  = 10.0  // free space on either side of a label on its arrow
	svgHead      = 8.0   // length of an arrowhead
	svgLostRoom  = 28.0  // from a lost message's cross to its receiver's lane
	svgCross     = 5.0   // half the size of the cross
	svgNoteGap   = 8.0   // from a lane to the note written beside it
	svgHeadPadX  = 10.0  // inside a lane's header box
	svgLineH     = 16.0  // height of a line of text
	svgGutterGap = 10.0  // between the step and time columns' titles
	gutterGap    = 2     // spaces between a step number and its time
	svgLaneStart = 24.0  // from the time column to the first lane's header
	svgLabelRise = 8.0   // from an arrow to the centre of its label
	svgArrowSize = 0.8   // Graphviz's arrowsize: heads of 8 points
	laneColour   = "#9a9a9a"
	headFill     = "#f2f2f2"
	faintColour  = "#666666"
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
//   - Arrows take the colour of their transaction (or dialog, see
//     LadderOptions.Colours); notes, timers and state changes are grey side
//     annotations written beside their lane.
//   - The picture ends with the summary line of the text ladder and a
//     legend.
//
// Every arrow is an SVG group with id="step-N", N the event's seq, and
// class="message" (a SIP message) or class="lookup"; its <title>, which a
// browser shows as a tooltip, is the message's start line. A side note is a
// group with id="step-N" too, of class "timer", "note", "state" or
// "message" (a message without an arrow).
//
// The layout is fixed by siplab, not searched for by Graphviz: every
// position is given in the DOT source and drawn with Graphviz's nop2 engine
// (neato -n2). The lanes are spread evenly, far enough apart for the widest
// message label (up to a limit) that sits between two of them; a label is
// written on its arrow, centred in the gap next to the sender, or when the
// gap is too narrow beside the arrow, in a white box that hides the lanes
// it crosses (as are the notes). As every label and note has a row of its
// own, no two of them overlap. Widths are reserved for a monospaced font,
// a Chinese character taking 1 em (see textWidth).
func SVG(w io.Writer, t *sim.Trace, o LadderOptions) error {
	if t == nil {
		return errors.New("render: svg ladder: no trace")
	}
	svg, err := ladderSVG(NewLadder(t, o), o.Lang)
	if err != nil {
		return fmt.Errorf("render: svg ladder: %w", err)
	}
	if _, err := w.Write(svg); err != nil {
		return fmt.Errorf("render: svg ladder: %w", err)
	}
	return nil
}

// ladderSVG draws l through Graphviz.
func ladderSVG(l *Ladder, lang i18n.Lang) ([]byte, error) {
	s := newSVGLadder(l, lang)
	svg, err := layoutSVG(s.dot(), graphviz.NOP2)
	if err != nil {
		return nil, err
	}
	return tidySVG(svg, s.titles), nil
}

// An svgLadder is a ladder laid out for SVG.
type svgLadder struct {
	*Ladder
	lang i18n.Lang

	title, seed   string    // the heading
	stepR, timeR  float64   // right edges of the step and time columns
	stepChars     int       // the longest step number, in characters
	timeChars     int       // the longest time, in characters
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
	legend        string
	width, height float64

	titles map[string]string // tooltips by SVG id, for tidySVG
}

// An svgLabel is where a row's text goes.
type svgLabel struct {
	x, y   float64 // centre of an arrow's label, or start of a note's text
	w      float64 // its width
	beside bool    // an arrow's label too wide for it, written beyond its end
	left   bool    // a note written to the left of its lane, ending at x
	text   string
}

func newSVGLadder(l *Ladder, lang i18n.Lang) *svgLadder {
	s := &svgLadder{Ladder: l, lang: lang, titles: map[string]string{}}
	s.title = l.heading(lang)
	if s.title != "" {
		s.seed = strings.TrimSpace(lang.Aside(lang.T("cli.run.seed", l.Seed)))
	}
	s.legend = s.legendText()
	s.layout()
	return s
}

// heading is the ladder's first line: "lesson proxy-call: A call through a
// proxy", or whichever of the two the trace has.
func (l *Ladder) heading(lang i18n.Lang) string {
	switch {
	case l.Lesson != "" && l.Title != "":
		return lang.T("cli.run.lesson", oneLine(l.Lesson), oneLine(l.Title))
	case l.Lesson != "":
		return oneLine(l.Lesson)
	case l.Title != "":
		return oneLine(l.Title)
	}
	return ""
}

// legendText explains the line styles and the colours.
func (s *svgLadder) legendText() string {
	colours := "views.legend.transaction"
	if s.Colours == ByDialog {
		colours = "views.legend.dialog"
	}
	return strings.Join([]string{
		"── " + s.lang.T("event.message"),
		"╌╌ " + s.lang.T("cli.run.retransmission"),
		"┈┈ " + s.lang.T("event.lookup"),
		"✕ " + s.lang.T("cli.run.lost"),
		"◷ " + s.lang.T("event.timer"),
		"• " + s.lang.T("event.note"),
		s.lang.T(colours),
	}, "   ")
}

// layout places everything, from the top left corner down.
func (s *svgLadder) layout() {
	y := svgMargin
	if s.title != "" {
		y += svgLineH + 10
	}

	// The step and time columns: right-aligned in a monospaced font, so
	// padded to the width of the widest entry (see gutter).
	s.stepChars, s.timeChars = 1, 1
	for _, r := range s.Rows {
		s.stepChars = max(s.stepChars, len(strconv.Itoa(r.Event.Seq)))
		s.timeChars = max(s.timeChars, len(FormatTime(r.Event.At)))
	}
	char := textWidth("0", svgSmall)
	s.stepR = svgMargin + float64(s.stepChars)*char
	s.timeR = s.stepR + float64(gutterGap+s.timeChars)*char
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
		if need := labelRoom(&r, textWidth(r.Label, svgFont)); need <= svgMaxGap {
			gap = max(gap, need)
		}
	}
	x0 := s.timeR + svgLaneStart
	if n > 0 {
		x0 += s.headW[0] / 2
	}
	for i := range s.Lanes {
		s.laneX = append(s.laneX, x0+float64(i)*gap)
	}
	left, right := s.timeR+svgLaneStart, s.timeR
	if n > 0 {
		right = s.laneX[n-1] + s.headW[n-1]/2
	}
	lanesRight := right
	// beside places text of width w beside lanes lo..hi: on the right of hi,
	// or on the left of lo if it would widen the picture on the right and
	// has room on the left.
	beside := func(lb *svgLabel, lo, hi float64) {
		lb.x = hi + svgNoteGap
		if lb.x+lb.w > lanesRight && lo-svgNoteGap-lb.w >= left {
			lb.x, lb.left = lo-svgNoteGap, true
		}
		if !lb.left {
			right = max(right, lb.x+lb.w)
		}
	}

	// The rows.
	for i := range s.Rows {
		r := &s.Rows[i]
		s.rowY = append(s.rowY, y)
		lb := svgLabel{text: r.Text, w: textWidth(r.Text, svgFont)}
		switch r.Kind {
		case RowArrow:
			lb.text, lb.w = r.Label, textWidth(r.Label, svgFont)
			lo, hi := firstGap(r, s.laneX)
			if lb.w+2*svgLabelPad <= hi-lo+1e-6 { // as labelRoom reckoned
				lb.x, lb.y = (lo+hi)/2, y-svgLabelRise
			} else {
				lb.beside, lb.y = true, y
				a, b := s.laneX[r.From], s.laneX[r.To]
				beside(&lb, min(a, b), max(a, b))
			}
		default:
			lb.text = s.noteText(r)
			lb.w = textWidth(lb.text, svgFont)
			lb.x, lb.y = left, y
			if r.Lane >= 0 {
				// Beside the lane, on its right; on its left if it would
				// widen the picture there and has room on that side.
				beside(&lb, s.laneX[r.Lane], s.laneX[r.Lane])
			} else {
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
	s.height = s.legendY + svgLineH/2 + svgMargin

	right = max(right,
		svgMargin+textWidth(s.title+"   "+s.seed, svgTitleFont),
		svgMargin+textWidth(s.Summary(s.lang), svgSmall),
		svgMargin+textWidth(s.legend, svgSmall))
	s.width = right + svgMargin
}

// labelRoom returns the distance between two lanes that r's label of width
// w needs to sit in the gap next to the sender.
func labelRoom(r *Row, w float64) float64 {
	need := w + 2*svgLabelPad
	if r.From-r.To == 1 || r.To-r.From == 1 {
		need += endRoom(r)
	}
	return need
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

// noteText is what a side note says in the picture: the text ladder's note
// with the timer's mark drawn as "◷", which more fonts have than "⏱".
func (s *svgLadder) noteText(r *Row) string {
	if r.Mark == timerMark {
		return "◷ " + r.Label
	}
	return r.Text
}

// svgClass is the class of an event's group in the picture.
func svgClass(e *sim.Event) string {
	switch e.Type {
	case sim.EventMessage, sim.EventLookup, sim.EventTimer, sim.EventState, sim.EventNote:
		return string(e.Type)
	}
	return "note"
}

// stepID is the SVG id of the group that draws event seq.
func stepID(seq int) string { return "step-" + strconv.Itoa(seq) }

// dot writes the DOT source of the picture.
func (s *svgLadder) dot() []byte {
	var d dotWriter
	// Graphviz's y grows upwards.
	Y := func(y float64) float64 { return s.height - y }
	font := func(size float64) []attr {
		return []attr{at("fontname", fontFamily), atNum("fontsize", size)}
	}
	name := s.title
	if name == "" {
		name = "ladder"
	}
	d.open("digraph", name, at("id", "ladder"), at("bgcolor", "white"), at("pad", "0"))
	s.titles["ladder"] = name
	d.defaults("node", append(font(svgFont), at("shape", "plaintext"), at("fixedsize", "shape"),
		at("margin", "0"), atNum("width", 0.01), atNum("height", 0.01))...)
	d.defaults("edge", append(font(svgFont), at("dir", "none"), atNum("arrowsize", svgArrowSize))...)

	// A frame, invisible, fixes the size of the picture.
	d.node("frame", at("id", "frame"), at("shape", "box"), at("style", "invis"), noLabel,
		at("pos", point(s.width/2, s.height/2)), atNum("width", s.width/72), atNum("height", s.height/72))

	// A text node, left-aligned from x (or right-aligned up to it) at y.
	text := func(id, txt string, x, y, size float64, align string, extra ...attr) {
		w := textWidth(txt, size)
		cx := x + w/2
		if align == "r" {
			cx = x - w/2
		}
		attrs := []attr{at("id", id), atLabel(txt, align), atNum("fontsize", size),
			at("pos", point(cx, Y(y))), atNum("width", w/72), atNum("height", svgLineH/72)}
		d.node(id, append(attrs, extra...)...)
	}

	if s.title != "" {
		title := s.title + "   " + s.seed
		text("title", title, svgMargin, s.headTop-svgLineH-4, svgTitleFont, "l", at("fontname", fontFamily))
		s.titles["title"] = title
	}
	gutterY := s.headTop + s.headH - svgLineH/2
	text("col-step", "#", s.stepR, gutterY, svgSmall, "r", at("fontcolor", faintColour))
	text("col-time", s.lang.T("cli.label.time"), s.timeR, gutterY, svgSmall, "r", at("fontcolor", faintColour))

	// The lanes: a header box, a line, the name again at the bottom.
	for i, ln := range s.Lanes {
		id := "lane-" + strconv.Itoa(i)
		x, cy := s.laneX[i], s.headTop+s.headH/2
		d.node(id, at("id", id), noLabel, at("shape", "box"), at("style", "rounded,filled"),
			at("fillcolor", headFill), at("color", laneColour), at("fixedsize", "true"),
			at("pos", point(x, Y(cy))), atNum("width", s.headW[i]/72), atNum("height", s.headH/72))
		name := oneLine(ln.Name)
		nameY := cy
		if ln.Address != "" {
			nameY = s.headTop + 4 + svgLineH/2
			addr := oneLine(ln.Address)
			d.node(id+"-address", at("id", id+"-address"), atLabel(addr, ""), atNum("fontsize", svgSmall),
				at("fontcolor", faintColour), at("pos", point(x, Y(nameY+svgLineH-2))),
				atNum("width", textWidth(addr, svgSmall)/72), atNum("height", svgLineH/72))
			s.titles[id+"-address"] = laneTitle(ln, s.lang)
		}
		d.node(id+"-name", at("id", id+"-name"), atLabel(name, ""), at("pos", point(x, Y(nameY))),
			atNum("width", textWidth(name, svgFont)/72), atNum("height", svgLineH/72))
		s.titles[id+"-name"] = laneTitle(ln, s.lang)
		s.titles[id] = laneTitle(ln, s.lang)
		foot := "foot-" + strconv.Itoa(i)
		d.node(foot, at("id", foot), atLabel(name, ""), atNum("fontsize", svgSmall),
			at("fontcolor", faintColour), at("pos", point(s.laneX[i], Y(s.footY))),
			atNum("width", textWidth(name, svgSmall)/72), atNum("height", svgLineH/72))
		s.titles[foot] = s.titles[id]
		top, bottom := Y(s.headTop+s.headH), Y(s.laneEnd)
		line := "line-" + strconv.Itoa(i)
		d.edge(id, foot, at("id", line), at("color", laneColour),
			at("pos", spline(s.laneX[i], top, s.laneX[i], bottom)))
	}

	s.gutter(&d, Y)

	// The rows.
	for i := range s.Rows {
		r := &s.Rows[i]
		y := s.rowY[i]
		seq := r.Event.Seq
		id := stepID(seq)
		lb := s.labels[i]
		if r.Kind == RowArrow {
			s.arrow(&d, r, id, Y(y), lb, Y)
			continue
		}
		s.textBox(&d, id, svgClass(r.Event), lb, Y(y), faintColour)
		s.titles[id] = lb.text
		if r.FirstLine != "" {
			s.titles[id] = r.FirstLine
		}
	}

	d.node("summary", at("id", "summary"), atLabel(s.Summary(s.lang), "l"),
		atNum("fontsize", svgSmall), at("pos", point(svgMargin+textWidth(s.Summary(s.lang), svgSmall)/2, Y(s.summaryY))),
		atNum("width", textWidth(s.Summary(s.lang), svgSmall)/72), atNum("height", svgLineH/72))
	s.titles["summary"] = s.Summary(s.lang)
	d.node("legend", at("id", "legend"), atLabel(s.legend, "l"),
		atNum("fontsize", svgSmall), at("fontcolor", faintColour),
		at("pos", point(svgMargin+textWidth(s.legend, svgSmall)/2, Y(s.legendY))),
		atNum("width", textWidth(s.legend, svgSmall)/72), atNum("height", svgLineH/72))
	s.titles["legend"] = s.legend
	d.close()
	return d.b.Bytes()
}

// gutter writes the step numbers and times of the rows, in a column on the
// left. They are one node, a table with a row of svgRowH points per row of
// the ladder: Graphviz (through go-graphviz) takes a fair time per node, and
// a node per number would double the time to draw a ladder. The table
// aligns its text to the left, so numbers and times are padded with no-break
// spaces, which a monospaced font makes as wide as digits.
func (s *svgLadder) gutter(d *dotWriter, Y func(float64) float64) {
	if len(s.Rows) == 0 {
		return
	}
	pad := func(v string, n int) string { return strings.Repeat("\u00a0", max(n-len(v), 0)) + v }
	var b strings.Builder
	b.WriteString(`<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">`)
	w := s.timeR - svgMargin
	cell := `<TR><TD FIXEDSIZE="TRUE" WIDTH="` + num(w) + `" HEIGHT="` + num(svgRowH) + `" ALIGN="LEFT">`
	for _, r := range s.Rows {
		b.WriteString(cell + htmlText(pad(strconv.Itoa(r.Event.Seq), s.stepChars)+strings.Repeat("\u00a0", gutterGap)+
			pad(FormatTime(r.Event.At), s.timeChars)) + "</TD></TR>")
	}
	b.WriteString("</TABLE>")
	h := float64(len(s.Rows)) * svgRowH
	top := s.rowY[0] - svgRowH/2
	d.node("gutter", at("id", "gutter"), atHTML("label", b.String()), atNum("fontsize", svgSmall),
		at("fontcolor", faintColour), at("fixedsize", "true"),
		at("pos", point(svgMargin+w/2, Y(top+h/2))), atNum("width", w/72), atNum("height", h/72))
}

// arrow writes the edge of an arrow row: its line, head or cross, and label.
func (s *svgLadder) arrow(d *dotWriter, r *Row, id string, y float64, lb svgLabel, Y func(float64) float64) {
	x1, x2 := s.laneX[r.From], s.laneX[r.To]
	dir := 1.0
	if x2 < x1 {
		dir = -1
	}
	colour := s.Colour(r)
	class := "message"
	if r.Lookup {
		class = "lookup"
	}
	attrs := []attr{at("id", id), at("class", class), at("color", colour), at("fontcolor", colour)}
	if !lb.beside {
		attrs = append(attrs, atLabel(lb.text, ""), at("lp", point(lb.x, Y(lb.y))))
	}
	var pos string
	switch {
	case r.Lost:
		// The line stops short of the receiver, in a cross.
		end := x2 - dir*svgLostRoom
		pos = spline(x1, y, end, y) + ";" +
			spline(end-svgCross, y-svgCross, end+svgCross, y+svgCross) + ";" +
			spline(end-svgCross, y+svgCross, end+svgCross, y-svgCross)
		attrs = append(attrs, atNum("penwidth", 1.4))
	default:
		// "e,x,y" puts the head's tip on the receiver's lane, the line
		// ending where the head starts.
		pos = "e," + point(x2, y) + " " + spline(x1, y, x2-dir*svgHead, y)
		attrs = append(attrs, at("dir", "forward"), atNum("penwidth", 1.4))
	}
	switch {
	case r.Lookup:
		attrs = append(attrs, at("style", "dotted"), at("arrowhead", "vee"))
	case r.Retransmission:
		attrs = append(attrs, at("style", "dashed"))
	}
	tip := r.FirstLine
	if tip == "" {
		tip = r.Label
	}
	attrs = append(attrs, at("tooltip", tip), at("pos", pos))
	s.titles[id] = tip
	d.edge("lane-"+strconv.Itoa(r.From), "lane-"+strconv.Itoa(r.To), attrs...)
	if lb.beside {
		// Too wide for the arrow: beside it, over the lanes it crosses.
		lid := "label-" + strconv.Itoa(r.Event.Seq)
		s.textBox(d, lid, "label", lb, y, colour)
		s.titles[lid] = tip
	}
}

// textBox writes a side text: a note, or an arrow's label beside it. Its
// white box hides the lanes it crosses, as the text ladder does.
func (s *svgLadder) textBox(d *dotWriter, id, class string, lb svgLabel, y float64, colour string) {
	cx, just := lb.x+lb.w/2, "l"
	if lb.left {
		cx, just = lb.x-lb.w/2, "r"
	}
	d.node(id, at("id", id), at("class", class), atLabel(lb.text, just),
		at("shape", "box"), at("style", "filled"), at("fillcolor", "white"), at("color", "white"),
		at("fontcolor", colour), at("tooltip", lb.text),
		at("pos", point(cx, y)), atNum("width", (lb.w+2)/72), atNum("height", svgLineH/72))
}

// spline writes a straight line from (x1,y1) to (x2,y2) as a Graphviz
// spline: the four points of a cubic Bézier curve.
func spline(x1, y1, x2, y2 float64) string {
	dx, dy := (x2-x1)/3, (y2-y1)/3
	return point(x1, y1) + " " + point(x1+dx, y1+dy) + " " + point(x1+2*dx, y1+2*dy) + " " + point(x2, y2)
}

// laneTitle is a lane's tooltip: name, role and address.
func laneTitle(ln Lane, lang i18n.Lang) string {
	parts := []string{oneLine(ln.Name)}
	if r := role(ln.Kind, lang); r != "" {
		parts = append(parts, r)
	}
	if ln.Host != "" {
		parts = append(parts, oneLine(ln.Host))
	}
	if ln.Address != "" {
		parts = append(parts, oneLine(ln.Address))
	}
	return strings.Join(parts, " · ")
}

// svgBody returns svg without the XML declaration and DOCTYPE that start a
// file, to put inline in an HTML page.
func svgBody(svg []byte) []byte {
	if i := bytes.Index(svg, []byte("<svg")); i >= 0 {
		return svg[i:]
	}
	return svg
}
