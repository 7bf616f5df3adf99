package main

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/capture"
	"github.com/spf13/cobra"
)

// renderFormats are what `siplab render --format` accepts.
var renderFormats = []string{"svg", "md", "html", "dot", "mermaid", "pcap", "pcapng"}

// RenderOptions are the inputs of `siplab render`.
type RenderOptions struct {
	IO        *IOStreams
	Lang      i18n.Lang
	Langs     []i18n.Lang // --lang en,zh: one directory each
	Lessons   []string
	All       bool
	Dir       string
	Formats   []string
	Seed      uint64
	Faults    []sim.Fault
	MDDiagram string
	ladderFlags
	recorded map[*lessons.Lesson]*sim.Trace // the traces of the saved traces and captures named
}

func newRenderCmd(ios *IOStreams, g *globals) *cobra.Command {
	opts := &RenderOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "render (LESSON|FILE...|--all) [-o DIR] [--format svg,md,html,dot,mermaid,pcap,pcapng]",
		Short: "Write the diagrams and walkthroughs of lessons into a directory",
		Long: `render runs each lesson (a built-in lesson's id, or a lesson file) and writes,
into DIR, one file per lesson and format, and an index page (index.html) that
links them all:

  svg      LESSON.svg, the ladder diagram, and LESSON-topology.svg, the network
  md       LESSON.md, the walkthrough in Markdown: introduction, topology, ladder,
           then every step with its reasons, its message and what a proxy changed
           (it shows LESSON.svg and LESSON-topology.svg, written with it; with
           --md-diagram mermaid its ladder is a Mermaid block instead of LESSON.svg)
  html     LESSON.html, the walkthrough as a web page with the diagrams inline,
           and a player: buttons and keys to step, play at a speed, messages
           only; at each step the message explained and the state of every
           element (as siplab step shows them); the quiz of siplab quiz;
           #step-N opens step N (always the SVG ladder: Mermaid would need a
           script)
  dot      LESSON.dot, the topology as a Graphviz graph (dot -Tpng LESSON.dot)
  mermaid  LESSON.mmd, the ladder as a Mermaid sequence diagram, for a mermaid
           code block in GitHub, GitLab, Obsidian or MkDocs
  pcap     LESSON.pcap, the messages as packets for Wireshark, tshark and sngrep
  pcapng   LESSON.pcapng, the same with every packet commented: its step, and
           why it was sent, with the RFC section (Wireshark: frame.comment)`,
		Example: `  siplab render --all
  siplab render proxy-call redirect-call -o notes --format svg,md
  siplab render --all -o captures --format pcapng
  siplab render my-lesson.md -o notes
  siplab render --all --lang zh -o notes-zh --hide-retransmissions
  siplab render proxy-call --fault respond:bob=486 -o notes
  siplab render --all --format md,mermaid --md-diagram mermaid -o notes`,
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
			opts.Lang, opts.Langs = g.Lang, g.Langs
			opts.Lessons = args
			for _, f := range opts.Formats {
				if !slices.Contains(renderFormats, f) {
					return usageErrorf("--format %q: choose from %s", f, strings.Join(renderFormats, ", "))
				}
			}
			if err := opts.ladderFlags.check(); err != nil {
				return err
			}
			if err := checkMDDiagram(opts.MDDiagram); err != nil {
				return err
			}
			return runRender(opts)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.All, "all", false, "render every built-in lesson")
	f.StringVarP(&opts.Dir, "output", "o", "siplab-views", "directory to write into (created if needed)")
	f.StringSliceVar(&opts.Formats, "format", []string{"svg", "md", "html"}, "formats, comma-separated: "+strings.Join(renderFormats, ", "))
	f.Uint64Var(&opts.Seed, "seed", 1, "seed of the runs' random numbers (same seed, same bytes)")
	f.Var(faultFlag{&opts.Faults}, "fault", faultUsage)
	opts.ladderFlags.add(f)
	f.StringVar(&opts.MDDiagram, "md-diagram", "svg", mdDiagramUsage)
	return cmd
}

// A viewFile is one file that render writes for a lesson; its kind is the
// writeView format that writes it.
type viewFile struct {
	kind render.FileKind
	name string
}

// lessonFiles lists the files of a lesson for the formats, their names made
// from id, its FileStem, in the order of
// the index; Markdown brings the pictures it shows: the topology, and the
// ladder unless it draws it with Mermaid (mdDiagram).
func lessonFiles(id string, formats []string, mdDiagram string) []viewFile {
	want := func(f string) bool { return slices.Contains(formats, f) }
	var out []viewFile
	if want("html") {
		out = append(out, viewFile{render.FilePage, id + ".html"})
	}
	if want("svg") || want("md") && mdDiagram != "mermaid" {
		out = append(out, viewFile{render.FileLadder, render.LadderFile(id)})
	}
	if want("svg") || want("md") {
		out = append(out, viewFile{render.FileTopology, render.TopologyFile(id)})
	}
	if want("md") {
		out = append(out, viewFile{render.FileMarkdown, id + ".md"})
	}
	if want("mermaid") {
		out = append(out, viewFile{render.FileMermaid, render.MermaidFile(id)})
	}
	if want("dot") {
		out = append(out, viewFile{render.FileDOT, id + ".dot"})
	}
	for _, k := range []render.FileKind{render.FilePCAP, render.FilePCAPNG} {
		if want(string(k)) {
			out = append(out, viewFile{k, id + "." + string(k)})
		}
	}
	return out
}

func runRender(opts *RenderOptions) error {
	var list []*lessons.Lesson
	names := opts.Lessons // each lesson as the user named it, for errors
	if opts.All {
		list = lessons.All()
		names = nil
		for _, l := range list {
			names = append(names, l.ID)
		}
	} else {
		for _, ref := range opts.Lessons {
			if isRecorded(ref) {
				l, err := recordedLesson(opts, ref)
				if err != nil {
					return err
				}
				list = append(list, l)
				continue
			}
			l, err := lessons.Load(ref)
			if err != nil {
				return err
			}
			list = append(list, l)
		}
	}
	vo := viewOptions{MDDiagram: opts.MDDiagram}
	opts.ladderFlags.options(&vo)
	langs := opts.Langs
	if len(langs) == 0 {
		langs = []i18n.Lang{opts.Lang}
	}
	files, err := planFiles(opts, list, names, langs)
	if err != nil {
		return err
	}

	// The lessons are rendered side by side: Graphviz draws one picture at a
	// time, but running a lesson, writing its Markdown and converting it to
	// HTML go on meanwhile.
	var written atomic.Int64
	warnings := make([][]string, len(list))
	errs := make([]error, len(list))
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, l := range list {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			warnings[i], errs[i] = renderLesson(opts, l, files[i], langs, vo, &written)
		})
	}
	wg.Wait()
	for _, w := range warnings {
		warn(opts.IO.ErrOut, opts.Lang, w)
	}
	wrote := func() { fmt.Fprintln(opts.IO.Out, opts.Lang.T("cli.render.wrote", written.Load(), opts.Dir)) }
	if err := errors.Join(errs...); err != nil {
		if written.Load() > 0 {
			wrote()
		}
		return err
	}

	for _, lang := range langs {
		var entries []render.IndexEntry
		for i, l := range list {
			e := render.IndexEntry{ID: l.ID, Title: lang.Text(l.Title), Summary: lang.Text(l.Summary),
				Faults: append(faultSpecs(l.Faults), faultSpecs(opts.Faults)...)}
			for _, f := range files[i] {
				e.Files = append(e.Files, render.IndexFile{Kind: f.kind, Href: f.name})
			}
			entries = append(entries, e)
		}
		var index bytes.Buffer
		io := render.IndexOptions{Lang: lang, Seed: opts.Seed, Languages: langLinks(langs, indexFile, len(langs) > 1, "../")}
		if err := render.Index(&index, entries, io); err != nil {
			return err
		}
		if err := writeFile(filepath.Join(langDir(opts.Dir, lang, langs), indexFile), index.Bytes()); err != nil {
			wrote()
			return err
		}
		written.Add(1)
	}
	if len(langs) > 1 {
		var page bytes.Buffer
		if err := render.LanguagesIndex(&page, langLinks(langs, indexFile, true, "")); err != nil {
			return err
		}
		if err := writeFile(filepath.Join(opts.Dir, indexFile), page.Bytes()); err != nil {
			wrote()
			return err
		}
		written.Add(1)
	}
	wrote()
	return nil
}

// langDir is the directory of the files in lang: dir itself for one
// language, a subdirectory named after each (en, zh) for several, so that a
// course site keeps one tree per language with the same file names.
func langDir(dir string, lang i18n.Lang, langs []i18n.Lang) string {
	if len(langs) == 1 {
		return dir
	}
	return filepath.Join(dir, string(lang))
}

// langLinks links file in every language, from a page up (up is "../")
// or above (up is "") the directories of the languages, or returns nil
// for one language.
func langLinks(langs []i18n.Lang, file string, several bool, up string) []render.LangLink {
	if !several {
		return nil
	}
	var out []render.LangLink
	for _, l := range langs {
		out = append(out, render.LangLink{Lang: l, Href: up + string(l) + "/" + file})
	}
	return out
}

// recordedLesson reads a saved trace or a capture that render was given,
// as a lesson already run: its files are named after the file's.
func recordedLesson(opts *RenderOptions, name string) (*lessons.Lesson, error) {
	if len(opts.Faults) > 0 {
		return nil, usageErrorf("--fault applies to lessons that are run, not to the recorded %s", name)
	}
	t, err := readRecorded(name, capture.TraceOptions{}, opts.IO.ErrOut, opts.Lang)
	if err != nil {
		return nil, err
	}
	base := filepath.Base(name)
	l := &lessons.Lesson{ID: strings.TrimSuffix(base, filepath.Ext(base)), Title: t.Title}
	if opts.recorded == nil {
		opts.recorded = map[*lessons.Lesson]*sim.Trace{}
	}
	opts.recorded[l] = t
	return l, nil
}

// indexFile is the page that links every lesson's files.
const indexFile = "index.html"

// planFiles lists the files of each lesson and refuses, before anything is
// written, a file that two lessons (or a lesson and the index) would both
// write, and a target siplab must not write over (a symbolic link or a
// directory), in the directory of every language. It creates the
// directories.
func planFiles(opts *RenderOptions, list []*lessons.Lesson, names []string, langs []i18n.Lang) ([][]viewFile, error) {
	files := make([][]viewFile, len(list))
	owner := map[string]int{} // file name → the lesson that writes it
	for i, l := range list {
		files[i] = lessonFiles(render.FileStem(l.ID, faultSpecs(opts.Faults)), opts.Formats, opts.MDDiagram)
		for _, f := range files[i] {
			j, taken := owner[f.name]
			switch {
			case f.name == indexFile:
				return nil, errors.New(opts.Lang.T("cli.render.index", names[i], f.name))
			case taken && names[j] == names[i]:
				return nil, errors.New(opts.Lang.T("cli.render.twice", names[i]))
			case taken:
				return nil, errors.New(opts.Lang.T("cli.render.clash", names[j], names[i], f.name))
			}
			owner[f.name] = i
		}
	}
	var errs []error
	if len(langs) > 1 {
		if _, err := checkTarget(filepath.Join(opts.Dir, indexFile)); err != nil {
			errs = append(errs, err)
		}
	}
	for _, lang := range langs {
		dir := langDir(opts.Dir, lang, langs)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, cannotWrite(dir, err)
		}
		for _, name := range append(slices.Sorted(maps.Keys(owner)), indexFile) {
			if _, err := checkTarget(filepath.Join(dir, name)); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return files, errors.Join(errs...)
}

// renderLesson runs lesson l (or takes the trace of a recorded file) and
// writes its files in every language, counting each one written; it
// returns the run's warnings (faults that never matched), each naming the
// lesson.
func renderLesson(opts *RenderOptions, l *lessons.Lesson, files []viewFile, langs []i18n.Lang, vo viewOptions, written *atomic.Int64) ([]string, error) {
	res := &lessons.Result{Trace: opts.recorded[l]}
	if res.Trace == nil {
		vo.Lesson, vo.Run = l, lessons.RunOptions{Seed: opts.Seed, Faults: opts.Faults}
		var err error
		if res, err = lessons.RunDetailed(l, vo.Run); err != nil {
			return nil, fmt.Errorf("lesson %s: %w", l.ID, err)
		}
	}
	var warnings []string
	for _, w := range res.Warnings {
		warnings = append(warnings, l.ID+": "+w)
	}
	for _, lang := range langs {
		vo.Lang = lang
		for _, f := range files {
			vo.Languages = nil
			if f.kind == render.FileMarkdown || f.kind == render.FilePage {
				vo.Languages = langLinks(langs, f.name, len(langs) > 1, "../")
			}
			var buf bytes.Buffer
			if err := writeView(&buf, string(f.kind), res.Trace, vo); err != nil {
				return warnings, fmt.Errorf("lesson %s: %w", l.ID, err)
			}
			if err := writeFile(filepath.Join(langDir(opts.Dir, lang, langs), f.name), buf.Bytes()); err != nil {
				return warnings, err
			}
			written.Add(1)
		}
	}
	return warnings, nil
}
