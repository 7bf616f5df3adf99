package main

import (
	"io"
	"strings"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
)

// viewFormats are the views of a trace that `siplab run --format` writes:
// the text ladder, the trace as JSON, the SVG ladder, the walkthrough in
// Markdown or as a web page, and the topology in DOT.
var viewFormats = []string{"text", "json", "svg", "md", "html", "dot"}

// viewOptions say how to show a trace.
type viewOptions struct {
	Lang                i18n.Lang
	Verbose             bool
	HideRetransmissions bool
	Colours             render.Colouring
}

func (o viewOptions) ladder() render.LadderOptions {
	return render.LadderOptions{Lang: o.Lang, HideRetransmissions: o.HideRetransmissions, Colours: o.Colours}
}

func (o viewOptions) walkthrough(l *lessons.Lesson) render.WalkthroughOptions {
	return render.WalkthroughOptions{LadderOptions: o.ladder(), Intro: l.Intro.In(o.Lang)}
}

// writeView writes one view of the trace of lesson l.
func writeView(w io.Writer, format string, t *sim.Trace, l *lessons.Lesson, o viewOptions) error {
	switch format {
	case "json":
		return t.WriteJSON(w)
	case "svg":
		return render.SVG(w, t, o.ladder())
	case "md":
		return render.Markdown(w, t, o.walkthrough(l))
	case "html":
		return render.HTML(w, t, o.walkthrough(l))
	case "dot":
		return render.TopologyDOT(w, t, render.TopologyOptions{Lang: o.Lang})
	case "topology":
		return render.TopologySVG(w, t, render.TopologyOptions{Lang: o.Lang})
	default:
		if intro := l.Intro.In(o.Lang); intro != "" {
			lines := i18n.Wrap(intro, 100, i18n.WrapOptions{KeepWords: true})
			if _, err := io.WriteString(w, strings.Join(lines, "\n")+"\n\n"); err != nil {
				return err
			}
		}
		return render.Text(w, t, render.TextOptions{Lang: o.Lang, Verbose: o.Verbose})
	}
}
