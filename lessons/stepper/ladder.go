package stepper

import (
	"github.com/siplab/siplab/render"
)

// A Ladder is the text ladder of the trace cut into its parts, so that a
// view can show a window of it around the current step: the lane names and
// addresses, one row per step (state changes included, since every event is
// a step), and the summary line. render.LayOutText lays it out, as for the
// ladder `siplab run` prints.
type Ladder struct {
	Header  []string // lane names, then addresses with the "#" and time titles
	Rows    []string // Rows[i] is the row of step i+1
	Summary string
}

// Ladder lays the trace's ladder out over width columns (0: as wide as its
// labels ask).
func (s *Stepper) Ladder(width int) *Ladder {
	lad := &Ladder{Rows: make([]string, s.Total())}
	lay, err := render.LayOutText(s.trace, render.TextOptions{Lang: s.opts.Lang, Width: width, ShowStates: true})
	if err == nil {
		lad.Header, lad.Summary = lay.Header, lay.Summary
		for _, r := range lay.Rows {
			if 1 <= r.Seq && r.Seq <= len(lad.Rows) {
				lad.Rows[r.Seq-1] = r.Line
			}
		}
	}
	// Should the ladder ever leave an event out, the event still gets a row.
	for i, r := range lad.Rows {
		if r == "" {
			lad.Rows[i] = render.Printable(s.trace.Events[i].String())
		}
	}
	return lad
}

// Window returns at most height rows around step, each prefixed with a
// one-column mark: ">" on the step's row, a space on the others; the index
// of the step's row in what it returns, or -1 (step 0); and the index of
// the first row returned. The step's row stays a third of the way down,
// where the rows after it can be seen.
func (l *Ladder) Window(step, height int) (rows []string, at, top int) {
	if height <= 0 || len(l.Rows) == 0 {
		return nil, -1, 0
	}
	height = min(height, len(l.Rows))
	cur := step - 1
	if cur >= 0 {
		top = max(0, min(cur-height/3, len(l.Rows)-height))
	}
	at = -1
	for i := top; i < top+height; i++ {
		mark := " "
		if i == cur {
			mark, at = ">", len(rows)
		}
		rows = append(rows, mark+l.Rows[i])
	}
	return rows, at, top
}

// Marked returns the whole ladder with the step's row marked, for the line
// mode's l command.
func (l *Ladder) Marked(step int) []string {
	out := make([]string, 0, len(l.Header)+len(l.Rows)+2)
	for _, h := range l.Header {
		out = append(out, " "+h)
	}
	rows, _, _ := l.Window(step, len(l.Rows))
	out = append(out, rows...)
	if l.Summary != "" {
		out = append(out, "", l.Summary)
	}
	return out
}
