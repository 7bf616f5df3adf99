package main

import (
	"io"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/i18n"
)

// viewFormats are the views of a trace that `siplab run --format` writes.
var viewFormats = []string{"text", "json"}

// viewOptions say how to show a trace.
type viewOptions struct {
	Lang    i18n.Lang
	Verbose bool
}

// writeView writes one view of the trace of lesson l.
func writeView(w io.Writer, format string, t *sim.Trace, l *lessons.Lesson, o viewOptions) error {
	switch format {
	case "json":
		return t.WriteJSON(w)
	default:
		if intro := l.Intro.In(o.Lang); intro != "" {
			if _, err := io.WriteString(w, wrap(intro, 100)+"\n"); err != nil {
				return err
			}
		}
		return render.Text(w, t, render.TextOptions{Lang: o.Lang, Verbose: o.Verbose})
	}
}
