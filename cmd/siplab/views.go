package main

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/siplab/siplab/lessons"
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
	MessagesOnly        bool
	ShortNames          bool
	MaxWidth            float64 // of the SVG ladder, in points; 0 is none
	Width               int     // of the text ladder, in columns; 0 fits the labels
	Colours             render.Colouring
	MDDiagram           string            // mdDiagrams; "" is svg
	Languages           []render.LangLink // the walkthrough in every language written

	// Lesson is the lesson that made the trace, run with Run; nil for a
	// saved trace. The web page's player shows the state of its elements.
	Lesson *lessons.Lesson
	Run    lessons.RunOptions
}

func (o viewOptions) ladder() render.LadderOptions {
	return render.LadderOptions{Lang: o.Lang, HideRetransmissions: o.HideRetransmissions, Colours: o.Colours,
		MessagesOnly: o.MessagesOnly, ShortNames: o.ShortNames, MaxWidth: o.MaxWidth}
}

// ladderFlags are the flags that say what a ladder shows, the same for
// render, run and show.
type ladderFlags struct {
	HideRetransmissions bool
	MessagesOnly        bool
	Slide               bool
	Colours             string
}

func (l *ladderFlags) add(f *pflag.FlagSet) {
	f.BoolVar(&l.HideRetransmissions, "hide-retransmissions", false, "leave the retransmitted messages out of the ladders and walkthroughs, with the timers and notes that only concern them")
	f.BoolVar(&l.MessagesOnly, "messages-only", false, "draw only the messages and lookups: no timer, state or note rows")
	f.BoolVar(&l.Slide, "slide", false, fmt.Sprintf("for a slide: --messages-only, dialogs named d1, d2… and an SVG at most %g pt wide (a 16:9 slide)", render.SlideWidth))
	f.StringVar(&l.Colours, "colours", "transaction", "one colour per transaction, or per dialog")
}

// check refuses a --colours that is neither transaction nor dialog.
func (l *ladderFlags) check() error {
	if l.Colours != "transaction" && l.Colours != "dialog" {
		return usageErrorf("--colours %q: choose transaction or dialog", l.Colours)
	}
	return nil
}

// options sets what the flags say in o.
func (l *ladderFlags) options(o *viewOptions) {
	o.HideRetransmissions = l.HideRetransmissions
	o.MessagesOnly = l.MessagesOnly || l.Slide
	if l.Slide {
		o.ShortNames, o.MaxWidth = true, render.SlideWidth
	}
	if l.Colours == "dialog" {
		o.Colours = render.ByDialog
	}
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
		wo := o.walkthrough(t)
		c, err := classroom(t, o)
		if err != nil {
			return err
		}
		wo.Classroom = c
		return render.HTML(w, t, wo)
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
			lines := i18n.Wrap(para, cmp.Or(o.Width, 100), i18n.WrapOptions{KeepWords: true})
			if _, err := io.WriteString(w, strings.Join(lines, "\n")+"\n\n"); err != nil {
				return err
			}
		}
		return render.Text(w, t, render.TextOptions{Lang: o.Lang, Verbose: o.Verbose, Width: o.Width, Fit: o.Width > 0,
			HideRetransmissions: o.HideRetransmissions, MessagesOnly: o.MessagesOnly, ShortNames: o.ShortNames})
	}
}

// viewFlags are the flags of a command that writes one view of a trace:
// run and show.
type viewFlags struct {
	Format    string
	Output    string
	Verbose   bool
	MDDiagram string
	Width     int
	ladderFlags
}

func (v *viewFlags) add(f *pflag.FlagSet) {
	v.ladderFlags.add(f)
	f.IntVar(&v.Width, "width", 0, "width of the text ladder in columns, long notes wrapped under their row (default: the terminal's width on a terminal, else as wide as the labels need)")
	f.StringVar(&v.Format, "format", "text", "output format: "+strings.Join(viewFormats, ", "))
	f.StringVarP(&v.Output, "output", "o", "", "write to this file instead of standard output (with --format md, the pictures it links to go beside it)")
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
	if v.Width < 0 || (v.Width > 0 && v.Width < minTextWidth) {
		return usageErrorf("--width %d: give at least %d columns", v.Width, minTextWidth)
	}
	if err := v.ladderFlags.check(); err != nil {
		return err
	}
	return checkMDDiagram(v.MDDiagram)
}

// minTextWidth is the narrowest --width.
const minTextWidth = 40

// textWidth is the width of the text ladder written to out: --width, or on
// a terminal its width; 0 (as wide as the labels need) when piped.
func (v *viewFlags) textWidth(out io.Writer) int {
	if v.Width > 0 {
		return v.Width
	}
	if f, ok := out.(*os.File); ok && onTerminal(out) && (v.Output == "" || v.Output == "-") {
		if w, _, err := term.GetSize(f.Fd()); err == nil && w >= minTextWidth {
			return w
		}
	}
	return 0
}

// checkMDDiagram refuses an --md-diagram that is not one of mdDiagrams.
func checkMDDiagram(d string) error {
	if !slices.Contains(mdDiagrams, d) {
		return usageErrorf("--md-diagram %q: choose %s", d, strings.Join(mdDiagrams, " or "))
	}
	return nil
}

// write writes the chosen view of t, as o says, to out or, unless it is
// "-", to the --output file.
func (v *viewFlags) write(out io.Writer, t *sim.Trace, o viewOptions) error {
	var buf bytes.Buffer
	o.Verbose, o.MDDiagram, o.Width = v.Verbose, v.MDDiagram, v.textWidth(out)
	v.ladderFlags.options(&o)
	if err := writeView(&buf, v.Format, t, o); err != nil {
		return err
	}
	if v.Output == "" || v.Output == "-" {
		_, err := out.Write(buf.Bytes())
		return err
	}
	if err := writeFile(v.Output, buf.Bytes()); err != nil {
		return err
	}
	if v.Format == "md" {
		return writePictures(filepath.Dir(v.Output), t, o)
	}
	return nil
}

// writePictures writes into dir the pictures that the walkthrough of t
// links to, under the names it gives them: the topology, and the ladder
// unless the walkthrough draws it with Mermaid.
func writePictures(dir string, t *sim.Trace, o viewOptions) error {
	pictures := [][2]string{{"topology", render.TopologyFile(t.Lesson)}}
	if o.MDDiagram != "mermaid" {
		pictures = append(pictures, [2]string{"svg", render.LadderFile(t.Lesson)})
	}
	for _, p := range pictures {
		var buf bytes.Buffer
		if err := writeView(&buf, p[0], t, o); err != nil {
			return err
		}
		if err := writeFile(filepath.Join(dir, p[1]), buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}
