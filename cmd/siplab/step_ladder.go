package main

import (
	"strconv"
	"strings"

	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
)

// stepLadder is the text ladder of a run cut into its parts, so that the
// stepper can show a window of it around the current step: the lane names
// and addresses, one row per trace event (state changes included, since
// every event is a step), and the summary line. It is drawn by render.Text,
// the same ladder `siplab run` prints.
type stepLadder struct {
	header  []string // lane names, then addresses with the "#" and time titles
	rows    []string // rows[i] is the row of the event with seq i+1
	summary string
}

// newStepLadder draws the ladder of t, spread over width columns (0: as
// wide as its labels ask).
func newStepLadder(t *sim.Trace, lang i18n.Lang, width int) *stepLadder {
	var b strings.Builder
	lad := &stepLadder{rows: make([]string, t.Len())}
	if err := render.Text(&b, t, render.TextOptions{Lang: lang, Width: width, ShowStates: true}); err != nil {
		// A strings.Builder does not fail; keep the fallback rows below.
		b.Reset()
	}
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")

	// Rows are found by their seq, in order; what comes before the first
	// is the header (after the title line and its blank line, if any).
	next, first, last := 1, -1, -1
	for i, line := range lines {
		if next > t.Len() {
			break
		}
		if rowSeq(line) == next {
			lad.rows[next-1] = line
			if first < 0 {
				first = i
			}
			last = i
			next++
		}
	}
	if first < 0 {
		first, last = len(lines), len(lines)-1
	}
	start := 0
	for i := 0; i < first; i++ {
		if strings.TrimSpace(lines[i]) == "" {
			start = i + 1
			break
		}
	}
	for _, line := range lines[start:first] {
		if strings.Trim(line, " |") != "" { // not the row of bare lanes
			lad.header = append(lad.header, line)
		}
	}
	for _, line := range lines[last+1:] {
		if strings.TrimSpace(line) != "" {
			lad.summary = line
		}
	}
	// Should the ladder ever leave an event out, the event still gets a row.
	for i, r := range lad.rows {
		if r == "" {
			lad.rows[i] = t.Events[i].String()
		}
	}
	return lad
}

// rowSeq returns the step number a ladder row starts with, or 0.
func rowSeq(line string) int {
	f := strings.Fields(line)
	if len(f) < 2 || !strings.HasSuffix(f[1], "s") {
		return 0
	}
	n, err := strconv.Atoi(f[0])
	if err != nil {
		return 0
	}
	return n
}

// window returns at most height rows around step, each prefixed with a
// one-column mark: ">" on the step's row, a space on the others; the index
// of the step's row in what it returns, or -1 (step 0); and the index of
// the first row returned. The step's row stays a third of the way down,
// where the rows after it can be seen.
func (l *stepLadder) window(step, height int) (rows []string, at, top int) {
	if height <= 0 || len(l.rows) == 0 {
		return nil, -1, 0
	}
	height = min(height, len(l.rows))
	cur := step - 1
	if cur >= 0 {
		top = max(0, min(cur-height/3, len(l.rows)-height))
	}
	at = -1
	for i := top; i < top+height; i++ {
		mark := " "
		if i == cur {
			mark, at = ">", len(rows)
		}
		rows = append(rows, mark+l.rows[i])
	}
	return rows, at, top
}

// marked returns the whole ladder with the step's row marked, for the line
// mode's l command.
func (l *stepLadder) marked(step int) []string {
	out := make([]string, 0, len(l.header)+len(l.rows)+2)
	for _, h := range l.header {
		out = append(out, " "+h)
	}
	rows, _, _ := l.window(step, len(l.rows))
	out = append(out, rows...)
	if l.summary != "" {
		out = append(out, "", l.summary)
	}
	return out
}
