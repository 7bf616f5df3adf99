package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/siplab/siplab/lessons/stepper"
	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
)

// The full-screen view of `siplab step`, on a terminal:
//
//	lesson proxy-call: A call through a proxy…              step 11 of 49 · 1.010s
//	             alice               proxy     …                                    ladder header
//	 10   1.010s   |<-- 100 Trying ----|        …                                    a window of the
//	>11   1.010s   |                   |--- INVITE …                                ladder, the current
//	 12   1.020s   | ▸ INVITE client transaction …                                  step highlighted
//	── message ──────────────────────────────────────────────────── 1-12/40 ──
//	step 11 of 49 · 1.010s · message · proxy → bob · arrives at 1.020s               the lower pane: the
//	INVITE sip:bob@client.biloxi.example.com SIP/2.0                                 message explained,
//	  Via: SIP/2.0/UDP proxy.biloxi.example.com;branch=…                             in full, or the state
//	      Via: the path the request took… [RFC 3261 §20.42]                          of every element
//	n/→ next · p/← back · g go · / search · f full · s state · ? help · q quit       keys, prompt, status
//
// The stepUI is a bubbletea model, but all it does is in press (a key) and
// screen (the lines of the screen for a size), which tests call without a
// terminal. On a screen at least splitWidth columns wide the message and
// the state are shown side by side.

// splitWidth is the narrowest screen that shows the message and the state
// side by side.
const splitWidth = 140

// pane is what the lower part of the screen shows.
type pane int

const (
	paneMessage pane = iota // the message, explained or in full
	paneState               // the state of every element
)

// inputMode says what the keys type into the status line, if anything.
type inputMode int

const (
	inputNone   inputMode = iota
	inputGoto             // a step number after g
	inputSearch           // a text after /
)

// keyIn is a key press: its name as bubbletea writes it ("n", "right",
// "space", "ctrl+c", "pgdown"…) and the text it types, if any.
type keyIn struct{ name, text string }

// stepUI is the state of the full-screen view.
type stepUI struct {
	s      *stepper.Stepper
	width  int
	height int
	colour bool

	focus  pane // the pane shown (narrow) or scrolled (split)
	full   bool // the message in full rather than explained
	help   bool // the list of keys instead of the lower pane
	input  inputMode
	buf    string // what has been typed after g or /
	status string // a message for the status line, until the next key
	alert  bool   // the status is an error
	scroll [2]int // first line shown of each pane

	ladder  *stepper.Ladder
	ladderW int // the width the ladder was drawn for

	playing bool    // auto-play: a step every 1/speed seconds
	speed   float64 // steps a second, one of playSpeeds
	plays   int     // counts the plays, so that a tick of a stopped one is dropped
}

// playSpeeds are the speeds of auto-play, in steps a second; + and -
// move between them.
var playSpeeds = []float64{0.5, 1, 2, 4, 8}

// playTick is the tick of auto-play number play.
type playTick struct{ play int }

func newStepUI(s *stepper.Stepper, colour bool) *stepUI {
	return &stepUI{s: s, width: 80, height: 24, colour: colour, speed: 1}
}

// runStepTUI runs the full-screen view until q.
func runStepTUI(s *stepper.Stepper, ios *IOStreams, colour bool, warnings []string, play bool, speed float64) error {
	u := newStepUI(s, colour)
	u.playing, u.speed = play, speed
	if len(warnings) > 0 {
		u.status, u.alert = s.Lang().T("cli.warning")+": "+strings.Join(warnings, "; "), true
	}
	p := tea.NewProgram(u, tea.WithInput(ios.In), tea.WithOutput(ios.Out))
	if _, err := p.Run(); err != nil {
		return fmt.Errorf("step: %w", err)
	}
	return nil
}

// Init starts auto-play if asked; otherwise the view waits for keys.
func (u *stepUI) Init() tea.Cmd { return u.tick() }

// tick is the next step of auto-play, or nothing when it is stopped.
func (u *stepUI) tick() tea.Cmd {
	if !u.playing {
		return nil
	}
	play := u.plays
	return tea.Tick(time.Duration(float64(time.Second)/u.speed), func(time.Time) tea.Msg { return playTick{play} })
}

// played moves auto-play one step on; at the last step it stops.
func (u *stepUI) played() tea.Cmd {
	if !u.s.Next() {
		u.playing = false
		u.status = u.s.Lang().T("cli.step.end")
		return nil
	}
	u.moved(true, "")
	return u.tick()
}

// Update handles a key, a paste or a resize.
func (u *stepUI) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		u.width, u.height = msg.Width, msg.Height
	case tea.KeyPressMsg:
		playing, speed := u.playing, u.speed
		if u.press(keyIn{name: msg.String(), text: msg.Key().Text}) {
			return u, tea.Quit
		}
		if u.playing && (!playing || speed != u.speed) {
			u.plays++ // a new play, or the old one at a new speed
			return u, u.tick()
		}
	case playTick:
		if u.playing && msg.play == u.plays {
			return u, u.played()
		}
	case tea.PasteMsg:
		if u.input == inputSearch {
			u.buf += strings.ReplaceAll(msg.Content, "\n", " ")
		}
	case tea.InterruptMsg:
		return u, tea.Quit
	}
	return u, nil
}

// View draws the screen, in the alternate screen buffer.
func (u *stepUI) View() tea.View {
	v := tea.NewView(u.render())
	v.AltScreen = true
	v.WindowTitle = "siplab step " + render.Printable(u.s.Trace().Lesson)
	return v
}

// press handles one key and reports whether to quit.
func (u *stepUI) press(k keyIn) bool {
	if k.name == "ctrl+c" {
		return true
	}
	if u.input != inputNone {
		u.edit(k)
		return false
	}
	u.status, u.alert = "", false
	if u.help {
		u.help = false
		return k.name == "q"
	}
	l := u.s.Lang()
	if k.name != "a" && k.name != "+" && k.name != "-" {
		u.playing = false // any other key takes the controls back
	}
	switch k.name {
	case "q":
		return true
	case "a":
		u.playing = !u.playing
		if u.playing {
			u.status = l.T("step.tui.playing", strconv.FormatFloat(u.speed, 'f', -1, 64))
		}
	case "+", "-":
		i := slices.Index(playSpeeds, u.speed)
		if k.name == "+" {
			i = min(i+1, len(playSpeeds)-1)
		} else {
			i = max(i-1, 0)
		}
		u.speed = playSpeeds[i]
		u.status = l.T("step.tui.speed", strconv.FormatFloat(u.speed, 'f', -1, 64))
	case "N", "]":
		u.moved(u.s.NextMessage(), "step.nomessage")
	case "P", "[":
		u.moved(u.s.PrevMessage(), "step.nomessage")
	case "n", "right", "space":
		u.moved(u.s.Next(), "cli.step.end")
	case "p", "left", "b":
		u.moved(u.s.Prev(), "step.start")
	case "home":
		u.moved(u.s.Goto(0) == nil, "")
	case "end":
		u.moved(u.s.Goto(u.s.Total()) == nil, "")
	case "g":
		u.input, u.buf = inputGoto, ""
	case "/":
		u.input, u.buf = inputSearch, ""
	case "f", "enter":
		u.full = !u.full
		u.focus = paneMessage
		u.scroll[paneMessage] = 0
	case "s", "tab":
		u.focus = 1 - u.focus
	case "?":
		u.help = true
	case "up", "k":
		u.scrollBy(-1)
	case "down", "j":
		u.scrollBy(1)
	case "pgup":
		u.scrollBy(-max(1, u.layout().paneH-1))
	case "pgdown":
		u.scrollBy(max(1, u.layout().paneH-1))
	default:
		if isDigits(k.text) {
			u.input, u.buf = inputGoto, k.text
			return false
		}
		u.status, u.alert = l.T("cli.step.badkey", k.name)+" · "+l.T("step.tui.help"), true
	}
	return false
}

// moved starts the panes at their tops after a move, or says why there
// was none.
func (u *stepUI) moved(ok bool, otherwise string) {
	if !ok {
		if otherwise != "" {
			u.status = u.s.Lang().T(otherwise)
		}
		return
	}
	u.scroll = [2]int{}
}

// edit types into the prompt of g or /; Enter carries it out, Esc drops it.
func (u *stepUI) edit(k keyIn) {
	l := u.s.Lang()
	switch k.name {
	case "esc":
		u.input, u.buf = inputNone, ""
		return
	case "backspace":
		if r := []rune(u.buf); len(r) > 0 {
			u.buf = string(r[:len(r)-1])
		}
		return
	case "enter":
		mode, text := u.input, strings.TrimSpace(u.buf)
		u.input, u.buf = inputNone, ""
		u.status, u.alert = "", false
		if mode == inputGoto {
			n, err := strconv.Atoi(text)
			if err != nil {
				u.status, u.alert = l.T("step.err.goto"), true
				return
			}
			if err := u.s.Goto(n); err != nil {
				u.status, u.alert = err.Error(), true
				return
			}
			u.moved(true, "")
			return
		}
		found, wrapped, err := u.s.Search(text)
		switch {
		case err != nil:
			u.status, u.alert = err.Error(), true
		case !found:
			u.status, u.alert = l.T("step.search.none", u.s.Query()), true
		default:
			u.moved(true, "")
			u.status = l.T("step.search.found", u.s.Query(), u.s.Step())
			if wrapped {
				u.status += " · " + l.T("step.search.wrapped")
			}
		}
		return
	case "space":
		k.text = " "
	}
	if k.text == "" {
		return
	}
	if u.input == inputGoto && !isDigits(k.text) {
		return
	}
	u.buf += k.text
}

// scrollBy scrolls the focused pane (the help has no scrolling).
func (u *stepUI) scrollBy(d int) {
	lay := u.layout()
	p := u.focus
	most := max(0, len(u.paneLines(p, lay.paneW(p)))-lay.paneH)
	u.scroll[p] = max(0, min(u.scroll[p]+d, most))
}

// layout is how the screen is shared out.
type layout struct {
	w, h       int
	tooSmall   bool
	headerN    int  // lines of the ladder's header shown
	rowsN      int  // rows of the ladder shown
	paneH      int  // lines of a pane's text, under its title line
	split      bool // message and state side by side
	paneTitles bool // the lower part has a title line
}

// paneW is the width of a pane's text; split, the message pane has half of
// what the rule between the panes (" │ ") leaves, and the state pane the rest.
func (lay layout) paneW(p pane) int {
	if !lay.split {
		return lay.w
	}
	left := (lay.w - 3) / 2
	if p == paneMessage {
		return left
	}
	return lay.w - 3 - left
}

// layout shares the screen out: the title line and the status line, then
// two fifths of the rest for the ladder and the remainder for the panes.
func (u *stepUI) layout() layout {
	lay := layout{w: u.width, h: u.height}
	if lay.w < 20 || lay.h < 4 {
		lay.tooSmall = true
		return lay
	}
	body := lay.h - 2
	lad := u.ladderLines()
	switch {
	case body >= 14:
		lay.headerN = len(lad.Header)
	case body >= 8:
		lay.headerN = min(1, len(lad.Header))
	}
	if body >= 4 {
		lay.rowsN = min(len(lad.Rows), max(1, (body-lay.headerN-1)*2/5))
	}
	if lay.rowsN == 0 {
		lay.headerN = 0
	}
	lay.paneH = body - lay.headerN - lay.rowsN
	lay.paneTitles = lay.paneH >= 2
	if lay.paneTitles {
		lay.paneH--
	}
	lay.split = lay.w >= splitWidth
	return lay
}

// ladderLines is the ladder drawn for the screen's width, less the column
// of the current step's mark.
func (u *stepUI) ladderLines() *stepper.Ladder {
	if u.ladder == nil || u.ladderW != u.width {
		u.ladder = u.s.Ladder(max(u.width-1, 1))
		u.ladderW = u.width
	}
	return u.ladder
}

// paneLines is a pane's text wrapped to w columns.
func (u *stepUI) paneLines(p pane, w int) []stepper.Line {
	var lines []stepper.Line
	switch {
	case u.help:
		lines = commandLines(u.s.Lang(), "step.tui.",
			"next", "prev", "message", "play", "goto", "search", "full", "state", "scroll", "ends", "help", "quit")
	case p == paneState:
		lines = u.s.StateLines()
	case u.full:
		lines = u.s.FullLines()
	default:
		lines = u.s.EventLines(false)
	}
	var out []stepper.Line
	for _, line := range lines {
		o := i18n.WrapOptions{Hang: 2}
		if line.Kind == stepper.Prose {
			o.Hang = 0
		}
		for _, part := range i18n.Wrap(screenText(line.Text), w, o) {
			out = append(out, stepper.Line{Text: part, Kind: line.Kind})
		}
	}
	return out
}

// style is how a piece of the screen looks.
type style int

const (
	stPlain style = iota
	stTitle
	stBar
	stLadderHead
	stCurrent
	stLost
	stTimer
	stStateRow
	stNoteRow
	stHeading
	stLabel
	stExplain
	stAlert
	stRule
)

// sgr is the escape sequence's parameters for a style: colours when they
// are on; with NO_COLOR, only bold and reverse video, which are not colours
// and keep the title, the current step and the status line apart.
func (u *stepUI) sgr(st style) string {
	if u.colour {
		return map[style]string{stTitle: "1;97;44", stBar: "30;47", stLadderHead: "1", stCurrent: "1;30;43",
			stLost: "31", stTimer: "33", stStateRow: "36", stNoteRow: "2", stHeading: "1;36", stLabel: "1",
			stExplain: "32", stAlert: "1;31", stRule: "2"}[st]
	}
	return map[style]string{stTitle: "1;7", stBar: "7", stLadderHead: "1", stCurrent: "7",
		stHeading: "1", stLabel: "1", stAlert: "1"}[st]
}

// A segment is a piece of a screen line, already fitted to its width.
type segment struct {
	text  string
	style style
}

// render draws the screen with its styles.
func (u *stepUI) render() string {
	var b strings.Builder
	for i, line := range u.screen() {
		if i > 0 {
			b.WriteByte('\n')
		}
		for _, seg := range line {
			if p := u.sgr(seg.style); p != "" {
				b.WriteString("\x1b[" + p + "m" + seg.text + "\x1b[0m")
			} else {
				b.WriteString(seg.text)
			}
		}
	}
	return b.String()
}

// plain is the screen as text, without styles, for tests.
func (u *stepUI) plain() []string {
	var out []string
	for _, line := range u.screen() {
		var b strings.Builder
		for _, seg := range line {
			b.WriteString(seg.text)
		}
		out = append(out, strings.TrimRight(b.String(), " "))
	}
	return out
}

// screen returns the lines of the screen, exactly u.height of them, each
// exactly u.width columns wide.
func (u *stepUI) screen() [][]segment {
	lay := u.layout()
	w := lay.w
	var out [][]segment
	one := func(text string, st style) { out = append(out, []segment{{fit(text, w), st}}) }
	if lay.tooSmall {
		one(u.s.Lang().T("step.tui.small"), stAlert)
		for len(out) < lay.h {
			one("", stPlain)
		}
		return out[:max(lay.h, 0)]
	}

	out = append(out, u.titleLine(w))
	lad := u.ladderLines()
	for _, h := range lad.Header[:lay.headerN] {
		one(" "+h, stLadderHead)
	}
	rows, at, top := lad.Window(u.s.Step(), lay.rowsN)
	for i, r := range rows {
		st := u.rowStyle(top + i + 1)
		if i == at {
			st = stCurrent
		}
		one(r, st)
	}

	if lay.split && !u.help {
		left := u.paneView(paneMessage, lay, lay.paneW(paneMessage))
		right := u.paneView(paneState, lay, lay.paneW(paneState))
		for i := range left {
			line := append([]segment{}, left[i]...)
			line = append(line, segment{" │ ", stRule})
			out = append(out, append(line, right[i]...))
		}
	} else {
		out = append(out, u.paneView(u.focus, lay, w)...)
	}
	out = append(out, u.statusLine(w))
	return out
}

// titleLine has the lesson on the left and the step on the right.
func (u *stepUI) titleLine(w int) []segment {
	l := u.s.Lang()
	right := l.T("cli.step.position", u.s.Step(), u.s.Total()) + " · " + render.FormatTime(u.s.At()) + " "
	rw := i18n.Width(right)
	if rw >= w {
		return []segment{{fit(right, w), stTitle}}
	}
	left := " " + screenText(u.s.Title())
	if lw := w - rw - 1; i18n.Width(left) > lw {
		head, _ := i18n.Cut(left, lw-1)
		left = head + "…"
	}
	return []segment{{fit(left, w-rw), stTitle}, {right, stTitle}}
}

// rowStyle colours a ladder row by what its event is.
func (u *stepUI) rowStyle(seq int) style {
	e := u.s.Trace().Get(seq)
	switch {
	case e == nil:
		return stPlain
	case e.Type == sim.EventMessage && e.Dropped:
		return stLost
	}
	return map[sim.EventType]style{sim.EventTimer: stTimer, sim.EventState: stStateRow, sim.EventNote: stNoteRow}[e.Type]
}

// paneView is a pane's title line and its text, scrolled, in w columns:
// lay.paneH lines (plus the title line).
func (u *stepUI) paneView(p pane, lay layout, w int) [][]segment {
	lines := u.paneLines(p, w)
	most := max(0, len(lines)-lay.paneH)
	top := min(u.scroll[p], most)
	if u.help {
		top = 0
	}
	var out [][]segment
	if lay.paneTitles {
		out = append(out, []segment{{u.paneTitle(p, lay, w, top, len(lines)), stRule}})
	}
	for i := range lay.paneH {
		var line stepper.Line // blank below the text
		if top+i < len(lines) {
			line = lines[top+i]
		}
		out = append(out, []segment{{fit(line.Text, w), kindStyles[line.Kind]}})
	}
	return out
}

// paneTitle is the rule above a pane, with its name and, when it does not
// fit, which of its lines are shown:
//
//	── message ─────────────────────────── 13-24/40 ──
func (u *stepUI) paneTitle(p pane, lay layout, w, top, n int) string {
	l := u.s.Lang()
	name := l.T("step.tui.pane.message")
	switch {
	case u.help:
		name = l.T("step.tui.pane.help")
	case p == paneState:
		name = l.T("step.tui.pane.state")
	case u.full:
		name = l.T("step.tui.pane.full")
	}
	if lay.split && p == u.focus && !u.help {
		name = "[" + name + "]"
	}
	left := "── " + name + " "
	right := ""
	if n > lay.paneH && lay.paneH > 0 {
		right = fmt.Sprintf(" %d-%d/%d ──", top+1, min(top+lay.paneH, n), n)
	}
	fill := max(0, w-i18n.Width(left)-i18n.Width(right))
	return fit(left+strings.Repeat("─", fill)+right, w)
}

// kindStyles style the lines of a pane by their kind; the others are plain.
var kindStyles = map[stepper.Kind]style{
	stepper.Heading: stHeading, stepper.Label: stLabel, stepper.Explain: stExplain, stepper.Alert: stAlert,
}

// statusLine is the prompt of g or /, a message, or the keys.
func (u *stepUI) statusLine(w int) []segment {
	l := u.s.Lang()
	text, st := l.T("step.tui.keys"), stBar
	switch {
	case u.input == inputGoto:
		text = l.T("step.tui.goto.prompt") + " " + u.buf + "_"
	case u.input == inputSearch:
		text = l.T("step.tui.search.prompt") + " " + screenText(u.buf) + "_"
	case u.status != "":
		text = screenText(u.status)
		if u.alert {
			st = stAlert
		}
	}
	return []segment{{fit(" "+text, w), st}}
}

// screenText makes text safe for a cell of the screen: escaped as
// everything from a trace is (render.Printable), and a tab made four
// spaces, since the screen counts columns.
func screenText(s string) string {
	return strings.ReplaceAll(render.Printable(s), "\t", "    ")
}

// fit clips s to w columns and pads it with spaces to exactly w.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	head, _ := i18n.Cut(s, w)
	return head + strings.Repeat(" ", max(0, w-i18n.Width(head)))
}
