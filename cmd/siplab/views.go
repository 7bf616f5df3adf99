package main

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"

	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/capture"
	"github.com/spf13/pflag"
)

// viewFormats are the views of a trace that `siplab run --format` writes:
// the text ladder, the trace as JSON, the SVG ladder, the walkthrough in
// Markdown or as a web page, the topology in DOT, the ladder as a Mermaid
// diagram, and the packets as a capture file for Wireshark and sngrep.
var viewFormats = []string{"text", "json", "svg", "md", "html", "dot", "mermaid", "pcap", "pcapng"}

// binaryFormats are the views that are not text: never written to a terminal.
var binaryFormats = []string{"pcap", "pcapng"}

// mdDiagrams are how the Markdown walkthrough may draw its ladder
// (--md-diagram): an SVG image, or a Mermaid block.
var mdDiagrams = []string{"svg", "mermaid"}

// mdDiagramUsage is the help of --md-diagram.
const mdDiagramUsage = "how the Markdown walkthrough draws its ladder: svg (an image, LESSON.svg) or mermaid (a block that GitHub, GitLab… draw); the web page always has the SVG"

// viewOptions say how to show a trace.
type viewOptions struct {
	Lang                i18n.Lang
	Verbose             bool
	HideRetransmissions bool
	Colours             render.Colouring
	MDDiagram           string            // mdDiagrams; "" is svg
	Languages           []render.LangLink // the walkthrough in every language written
}

func (o viewOptions) ladder() render.LadderOptions {
	return render.LadderOptions{Lang: o.Lang, HideRetransmissions: o.HideRetransmissions, Colours: o.Colours}
}

// walkthrough takes the introduction from the trace, which keeps it in
// every language its author wrote.
func (o viewOptions) walkthrough(t *sim.Trace) render.WalkthroughOptions {
	return render.WalkthroughOptions{LadderOptions: o.ladder(), Intro: o.Lang.Text(t.Intro),
		MermaidLadder: o.MDDiagram == "mermaid", Languages: o.Languages}
}

// writeView writes one view of trace t: a simulated lesson's, or one read
// back from its JSON.
func writeView(w io.Writer, format string, t *sim.Trace, o viewOptions) error {
	switch format {
	case "json":
		return render.JSON(w, t)
	case "svg":
		return render.SVG(w, t, o.ladder())
	case "md":
		return render.Markdown(w, t, o.walkthrough(t))
	case "html":
		return render.HTML(w, t, o.walkthrough(t))
	case "dot":
		return render.TopologyDOT(w, t, render.TopologyOptions{Lang: o.Lang})
	case "topology":
		return render.TopologySVG(w, t, render.TopologyOptions{Lang: o.Lang})
	case "mermaid":
		return render.Mermaid(w, t, render.MermaidOptions{LadderOptions: o.ladder(), Reasons: o.Verbose})
	case "pcap", "pcapng":
		return render.Capture(w, t, capture.Format(format), o.Lang)
	default:
		// The lesson's introduction, after a warning when the run changed
		// the lesson with faults.
		for _, para := range []string{render.FaultBanner(t, o.Lang), o.Lang.Text(t.Intro)} {
			if para == "" {
				continue
			}
			lines := i18n.Wrap(para, 100, i18n.WrapOptions{KeepWords: true})
			if _, err := io.WriteString(w, strings.Join(lines, "\n")+"\n\n"); err != nil {
				return err
			}
		}
		return render.Text(w, t, render.TextOptions{Lang: o.Lang, Verbose: o.Verbose})
	}
}

// viewFlags are the flags of a command that writes one view of a trace:
// run and show.
type viewFlags struct {
	Format    string
	Output    string
	Verbose   bool
	MDDiagram string
}

func (v *viewFlags) add(f *pflag.FlagSet) {
	f.StringVar(&v.Format, "format", "text", "output format: "+strings.Join(viewFormats, ", "))
	f.StringVarP(&v.Output, "output", "o", "", "write to this file instead of standard output")
	f.BoolVarP(&v.Verbose, "verbose", "v", false, "show every message in full and the elements' reasons")
	f.StringVar(&v.MDDiagram, "md-diagram", "svg", mdDiagramUsage)
}

// check refuses a format that is not a view, and a binary one that would
// go to out, a terminal.
func (v *viewFlags) check(out io.Writer, lang i18n.Lang) error {
	if !slices.Contains(viewFormats, v.Format) {
		return usageErrorf("--format %q: choose one of %s", v.Format, strings.Join(viewFormats, ", "))
	}
	if slices.Contains(binaryFormats, v.Format) && (v.Output == "" || v.Output == "-") && onTerminal(out) {
		return usageError{err: errors.New(lang.T("cli.capture.terminal", v.Format, v.Format))}
	}
	return checkMDDiagram(v.MDDiagram)
}

// checkMDDiagram refuses an --md-diagram that is not one of mdDiagrams.
func checkMDDiagram(d string) error {
	if !slices.Contains(mdDiagrams, d) {
		return usageErrorf("--md-diagram %q: choose %s", d, strings.Join(mdDiagrams, " or "))
	}
	return nil
}

// write writes the chosen view of t, in lang, to out or, unless it is "-",
// to the --output file.
func (v *viewFlags) write(out io.Writer, t *sim.Trace, lang i18n.Lang) error {
	var buf bytes.Buffer
	if err := writeView(&buf, v.Format, t, viewOptions{Lang: lang, Verbose: v.Verbose, MDDiagram: v.MDDiagram}); err != nil {
		return err
	}
	if v.Output == "" || v.Output == "-" {
		_, err := out.Write(buf.Bytes())
		return err
	}
	return writeFile(v.Output, buf.Bytes())
}
