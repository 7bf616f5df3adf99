package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/spf13/cobra"
)

// renderFormats are what `siplab render --format` accepts.
var renderFormats = []string{"svg", "md", "html", "dot"}

// RenderOptions are the inputs of `siplab render`.
type RenderOptions struct {
	IO                  *IOStreams
	Lang                i18n.Lang
	Lessons             []string
	All                 bool
	Dir                 string
	Formats             []string
	Seed                uint64
	HideRetransmissions bool
	Colours             string
	Faults              []string
}

func newRenderCmd(ios *IOStreams, g *globals) *cobra.Command {
	opts := &RenderOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "render (LESSON|FILE...|--all) [-o DIR] [--format svg,md,html]",
		Short: "Write the diagrams and walkthroughs of lessons into a directory",
		Long: `render runs each lesson (a built-in lesson's id, or a lesson file) and writes,
into DIR, one file per lesson and format, and an index page (index.html) that
links them all:

  svg    LESSON.svg, the ladder diagram, and LESSON-topology.svg, the network
  md     LESSON.md, the walkthrough in Markdown: introduction, topology, ladder,
         then every step with its reasons, its message and what a proxy changed
         (it shows LESSON.svg and LESSON-topology.svg, written with it)
  html   LESSON.html, the walkthrough as a web page with the diagrams inline:
         click an arrow to select its step, the arrow keys move between steps
  dot    LESSON.dot, the topology as a Graphviz graph (dot -Tpng LESSON.dot)`,
		Example: `  siplab render --all
  siplab render proxy-call redirect-call -o notes --format svg,md
  siplab render my-lesson.md -o notes
  siplab render --all --lang zh -o notes-zh --hide-retransmissions
  siplab render proxy-call --fault respond:bob=486 -o notes`,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) == 0 && !opts.All:
				return usageErrorf("render needs lesson ids (see 'siplab lessons'), lesson files or --all")
			case len(args) > 0 && opts.All:
				return usageErrorf("render takes lessons or --all, not both")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Lang = g.Lang
			opts.Lessons = args
			for _, f := range opts.Formats {
				if !contains(renderFormats, f) {
					return usageErrorf("--format %q: choose from %s", f, strings.Join(renderFormats, ", "))
				}
			}
			if opts.Colours != "transaction" && opts.Colours != "dialog" {
				return usageErrorf("--colours %q: choose transaction or dialog", opts.Colours)
			}
			return runRender(opts)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.All, "all", false, "render every built-in lesson")
	f.StringVarP(&opts.Dir, "output", "o", "siplab-views", "directory to write into (created if needed)")
	f.StringSliceVar(&opts.Formats, "format", []string{"svg", "md", "html"}, "formats, comma-separated: "+strings.Join(renderFormats, ", "))
	f.Uint64Var(&opts.Seed, "seed", 1, "seed of the runs' random numbers (same seed, same bytes)")
	addFaultFlag(f, &opts.Faults)
	f.BoolVar(&opts.HideRetransmissions, "hide-retransmissions", false, "leave the retransmitted messages out of the ladders and walkthroughs")
	f.StringVar(&opts.Colours, "colours", "transaction", "one colour per transaction, or per dialog")
	return cmd
}

// A viewFile is one file that render writes for a lesson.
type viewFile struct {
	kind   render.FileKind
	name   string
	format string // the writeView format that writes it
}

// lessonFiles lists the files of lesson id for the formats, in the order of
// the index; Markdown brings the two pictures it shows.
func lessonFiles(id string, formats []string) []viewFile {
	want := func(f string) bool { return slices.Contains(formats, f) }
	var out []viewFile
	if want("html") {
		out = append(out, viewFile{render.FilePage, id + ".html", "html"})
	}
	if want("svg") || want("md") {
		out = append(out, viewFile{render.FileLadder, render.LadderFile(id), "svg"},
			viewFile{render.FileTopology, render.TopologyFile(id), "topology"})
	}
	if want("md") {
		out = append(out, viewFile{render.FileMarkdown, id + ".md", "md"})
	}
	if want("dot") {
		out = append(out, viewFile{render.FileDOT, id + ".dot", "dot"})
	}
	return out
}

func runRender(opts *RenderOptions) error {
	var list []*lessons.Lesson
	if opts.All {
		list = lessons.All()
	} else {
		for _, ref := range opts.Lessons {
			l, err := lessons.Load(ref)
			if err != nil {
				return err
			}
			list = append(list, l)
		}
	}
	if err := checkFaults(opts.Faults); err != nil {
		return err
	}
	vo := viewOptions{Lang: opts.Lang, HideRetransmissions: opts.HideRetransmissions}
	if opts.Colours == "dialog" {
		vo.Colours = render.ByDialog
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return fmt.Errorf("render: %w", err)
	}

	// The lessons are rendered side by side: Graphviz draws one picture at a
	// time, but running a lesson, writing its Markdown and converting it to
	// HTML go on meanwhile.
	results := make([][]viewFile, len(list))
	warnings := make([][]string, len(list))
	errs := make([]error, len(list))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(list)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i], warnings[i], errs[i] = renderLesson(opts, list[i], vo)
			}
		}()
	}
	for i := range list {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for _, w := range warnings {
		warn(opts.IO.ErrOut, opts.Lang, w)
	}

	written := 0
	var entries []render.IndexEntry
	for i, l := range list {
		e := render.IndexEntry{ID: l.ID, Title: opts.Lang.Text(l.Title), Summary: opts.Lang.Text(l.Summary)}
		for _, f := range results[i] {
			e.Files = append(e.Files, render.IndexFile{Kind: f.kind, Href: f.name})
		}
		entries = append(entries, e)
		written += len(results[i])
	}
	var index bytes.Buffer
	if err := render.Index(&index, entries, opts.Seed, opts.Lang); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(opts.Dir, "index.html"), index.Bytes(), 0o644); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	written++
	_, err := fmt.Fprintln(opts.IO.Out, opts.Lang.T("cli.render.wrote", written, opts.Dir))
	return err
}

// renderLesson runs lesson l and writes its files; it returns them and the
// run's warnings (faults that never matched), each naming the lesson.
func renderLesson(opts *RenderOptions, l *lessons.Lesson, vo viewOptions) ([]viewFile, []string, error) {
	res, err := lessons.RunDetailed(l, lessons.RunOptions{Seed: opts.Seed, Faults: opts.Faults})
	if err != nil {
		return nil, nil, fmt.Errorf("lesson %s: %w", l.ID, err)
	}
	var warnings []string
	for _, w := range res.Warnings {
		warnings = append(warnings, l.ID+": "+w)
	}
	files := lessonFiles(l.ID, opts.Formats)
	for _, f := range files {
		if err := writeViewFile(filepath.Join(opts.Dir, f.name), f.format, res.Trace, vo); err != nil {
			return nil, nil, fmt.Errorf("lesson %s: %w", l.ID, err)
		}
	}
	return files, warnings, nil
}

func writeViewFile(path, format string, t *sim.Trace, vo viewOptions) error {
	var buf bytes.Buffer
	if err := writeView(&buf, format, t, vo); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
