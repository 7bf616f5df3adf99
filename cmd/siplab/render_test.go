package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/golden"
)

// viewsData holds the golden SVG ladder and Markdown walkthrough of every
// built-in lesson, as siplab render writes them.
const viewsData = "../../testdata/views"

// TestRenderAllGolden runs `siplab render --all` with every format and
// compares each lesson's SVG ladder and Markdown walkthrough with
// testdata/views (go test ./cmd/siplab -run RenderAll -update rewrites
// them). Every SVG must be well-formed XML with one group of class
// "message" per message event of the lesson's trace.
func TestRenderAllGolden(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCLI(t, []string{"render", "--all", "-o", dir, "--format", "svg,md,html,dot"}, nil)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	all := lessons.All()
	if want := "wrote " + strconv.Itoa(5*len(all)+1) + " files to " + dir + "\n"; out != want {
		t.Errorf("stdout %q, want %q", out, want)
	}
	var want []string
	for _, l := range all {
		want = append(want, l.ID+".html", l.ID+".svg", l.ID+"-topology.svg", l.ID+".md", l.ID+".dot")
	}
	want = append(want, "index.html")
	if got := listDir(t, dir); !sameSet(got, want) {
		t.Errorf("files written:\n%s\nwant:\n%s", strings.Join(got, " "), strings.Join(want, " "))
	}
	index := readFile(t, filepath.Join(dir, "index.html"))
	for _, l := range all {
		svg := readFile(t, filepath.Join(dir, l.ID+".svg"))
		trace, err := lessons.Run(l, lessons.RunOptions{Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := messageGroups(t, l.ID, svg), messageEvents(trace); got != want {
			t.Errorf("%s.svg: %d groups of class message, want %d", l.ID, got, want)
		}
		messageGroups(t, l.ID+"-topology", readFile(t, filepath.Join(dir, l.ID+"-topology.svg")))
		for _, name := range []string{l.ID + ".svg", l.ID + ".md"} {
			golden.Check(t, filepath.Join(viewsData, name), readFile(t, filepath.Join(dir, name)))
		}
		for _, f := range []string{l.ID + ".html", l.ID + ".svg", l.ID + "-topology.svg", l.ID + ".md", l.ID + ".dot"} {
			if !bytes.Contains(index, []byte(`href="`+f+`"`)) {
				t.Errorf("index.html does not link %s", f)
			}
		}
	}
}

// TestRenderFormats checks which files each format brings.
func TestRenderFormats(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"proxy-call", "--format", "md"}, []string{"proxy-call.md", "proxy-call.svg", "proxy-call-topology.svg", "index.html"}},
		{[]string{"proxy-call", "direct-call", "--format", "dot"}, []string{"proxy-call.dot", "direct-call.dot", "index.html"}},
		{[]string{"direct-call", "--format", "html,svg", "--lang", "zh", "--hide-retransmissions", "--colours", "dialog"},
			[]string{"direct-call.html", "direct-call.svg", "direct-call-topology.svg", "index.html"}},
		{[]string{"direct-call", "--format", "mermaid"}, []string{"direct-call.mmd", "index.html"}},
		// The walkthrough with a Mermaid ladder needs no SVG ladder.
		{[]string{"direct-call", "--format", "md", "--md-diagram", "mermaid"}, []string{"direct-call.md", "direct-call-topology.svg", "index.html"}},
		{[]string{"direct-call", "--format", "md,svg,mermaid", "--md-diagram", "mermaid"},
			[]string{"direct-call.md", "direct-call.svg", "direct-call-topology.svg", "direct-call.mmd", "index.html"}},
	} {
		dir := t.TempDir()
		code, _, errOut := runCLI(t, append([]string{"render", "-o", dir}, tc.args...), nil)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", tc.args, code, errOut)
			continue
		}
		if got := listDir(t, dir); !sameSet(got, tc.want) {
			t.Errorf("%v: wrote %v, want %v", tc.args, got, tc.want)
		}
	}
	// A lesson that does not exist: nothing written.
	dir := filepath.Join(t.TempDir(), "out")
	if code, _, _ := runCLI(t, []string{"render", "-o", dir, "proxy-call", "no-such-lesson"}, nil); code != 1 {
		t.Errorf("unknown lesson: exit %d, want 1", code)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("unknown lesson: the directory was created anyway")
	}
}

// TestRenderMermaid checks what render --format mermaid and --md-diagram
// mermaid write: LESSON.mmd as siplab run writes it, linked from the index
// page; the walkthrough with the same diagram, without its title, in a
// mermaid block instead of the SVG image; the web page with the SVG.
func TestRenderMermaid(t *testing.T) {
	dir := t.TempDir()
	args := []string{"render", "proxy-call", "-o", dir, "--format", "mermaid,md,html", "--md-diagram", "mermaid", "--lang", "zh"}
	if code, _, errOut := runCLI(t, args, nil); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	mmd := string(readFile(t, filepath.Join(dir, "proxy-call.mmd")))
	if _, run, _ := runCLI(t, []string{"run", "proxy-call", "--format", "mermaid", "--lang", "zh"}, nil); mmd != run {
		t.Errorf("proxy-call.mmd differs from siplab run --format mermaid")
	}
	if !strings.HasPrefix(mmd, "sequenceDiagram\n    title 课程 proxy-call：") {
		t.Errorf("proxy-call.mmd starts %q", mmd[:min(len(mmd), 80)])
	}
	title, body, _ := strings.Cut(strings.TrimPrefix(mmd, "sequenceDiagram\n"), "\n")
	md := string(readFile(t, filepath.Join(dir, "proxy-call.md")))
	if !strings.Contains(md, "```mermaid\nsequenceDiagram\n"+body+"```\n") || strings.Contains(md, title) || strings.Contains(md, "proxy-call.svg") {
		t.Errorf("proxy-call.md lacks the Mermaid ladder, or has its title or the SVG ladder:\n%s", md)
	}
	if html := string(readFile(t, filepath.Join(dir, "proxy-call.html"))); strings.Contains(html, "sequenceDiagram") || !strings.Contains(html, `id="step-7"`) {
		t.Error("proxy-call.html should draw the SVG ladder")
	}
	if index := string(readFile(t, filepath.Join(dir, "index.html"))); !strings.Contains(index, `<a href="proxy-call.mmd">梯形图（Mermaid）</a>`) {
		t.Errorf("index.html does not link proxy-call.mmd:\n%s", index)
	}
}

// TestRunWritesViews checks siplab run --format svg|md|html|dot|mermaid -o FILE.
func TestRunWritesViews(t *testing.T) {
	dir := t.TempDir()
	for format, want := range map[string]string{
		"svg": "<svg ", "md": "# A call through a proxy", "html": "<!DOCTYPE html>", "dot": "graph \"topology\" {",
		"mermaid": "sequenceDiagram\n    title lesson proxy-call#58; A call through a proxy",
	} {
		file := filepath.Join(dir, "proxy-call."+format)
		if code, out, errOut := runCLI(t, []string{"run", "proxy-call", "--format", format, "-o", file}, nil); code != 0 || out != "" {
			t.Errorf("--format %s: exit %d, stdout %q, stderr %s", format, code, out, errOut)
			continue
		}
		if got := readFile(t, file); !bytes.Contains(got, []byte(want)) {
			t.Errorf("--format %s: the file lacks %q", format, want)
		}
	}
}

// BenchmarkRenderAll renders every built-in lesson in every format, as
// siplab render and siplab run write them: the text ladder, the JSON trace,
// the SVG ladder and topology, the Markdown, the HTML page, the DOT and the
// Mermaid diagram. The
// issue's budget is 2 s for all of it in one process, Graphviz's start
// included (see the README for the cold and warm figures).
func BenchmarkRenderAll(b *testing.B) {
	all := lessons.All()
	formats := []string{"text", "json", "svg", "topology", "md", "html", "dot", "mermaid"}
	for b.Loop() {
		for _, l := range all {
			trace, err := lessons.Run(l, lessons.RunOptions{Seed: 1})
			if err != nil {
				b.Fatal(err)
			}
			for _, f := range formats {
				if err := writeView(io.Discard, f, trace, viewOptions{Lang: i18n.EN}); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}

// messageGroups parses svg as XML and counts its groups of class message.
func messageGroups(t *testing.T, name string, svg []byte) int {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	n := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return n
		}
		if err != nil {
			t.Fatalf("%s: not well-formed XML: %v", name, err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "g" {
			for _, a := range se.Attr {
				if a.Name.Local == "class" && a.Value == "message" {
					n++
				}
			}
		}
	}
}

func messageEvents(t *sim.Trace) int {
	n := 0
	for _, e := range t.Events {
		if e.Type == sim.EventMessage {
			n++
		}
	}
	return n
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestRenderFaultsBothLanguages: render --lang en,zh writes a directory
// per language, with the same file names, each walkthrough and index
// linking its other language; a run with faults names its files after
// them and says so in every view (testdata/views/faults).
func TestRenderFaultsBothLanguages(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCLI(t, []string{"render", "proxy-call", "--lang", "en,zh", "--fault", "respond:bob=486",
		"--format", "svg,md,html,mermaid", "-o", dir}, nil)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if want := "wrote 13 files to " + dir + "\n"; out != want {
		t.Errorf("stdout %q, want %q", out, want)
	}
	if got := listDir(t, dir); !sameSet(got, []string{"en", "zh", "index.html"}) {
		t.Errorf("%s holds %v", dir, got)
	}
	stem := "proxy-call--respond-bob-486"
	files := []string{stem + ".html", stem + ".svg", stem + "-topology.svg", stem + ".md", stem + ".mmd", "index.html"}
	top := string(readFile(t, filepath.Join(dir, "index.html")))
	for lang, other := range map[string]string{"en": "zh", "zh": "en"} {
		sub := filepath.Join(dir, lang)
		if got := listDir(t, sub); !sameSet(got, files) {
			t.Errorf("%s holds %v, want %v", sub, got, files)
		}
		for _, name := range []string{stem + ".md", stem + ".svg", stem + ".mmd", "index.html"} {
			golden.Check(t, filepath.Join(viewsData, "faults", lang, name), readFile(t, filepath.Join(sub, name)))
		}
		for name, link := range map[string]string{stem + ".md": "(../" + other + "/" + stem + ".md)",
			stem + ".html": `href="../` + other + `/` + stem + `.html"`, "index.html": `href="../` + other + `/index.html"`} {
			if !strings.Contains(string(readFile(t, filepath.Join(sub, name))), link) {
				t.Errorf("%s/%s does not link its other language: %s", lang, name, link)
			}
		}
		if !strings.Contains(top, `href="`+lang+`/index.html"`) {
			t.Errorf("index.html does not link %s/index.html", lang)
		}
	}
}

// TestRenderOneLanguageFlat: without several languages render writes no
// language directory, and its pages link no other language.
func TestRenderOneLanguageFlat(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCLI(t, []string{"render", "busy", "--lang", "zh", "--format", "md", "-o", dir}, nil); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if got := listDir(t, dir); !sameSet(got, []string{"busy.md", "busy.svg", "busy-topology.svg", "index.html"}) {
		t.Errorf("%s holds %v", dir, got)
	}
	if md := string(readFile(t, filepath.Join(dir, "busy.md"))); strings.Contains(md, "](../") {
		t.Errorf("busy.md links another language:\n%s", md[:200])
	}
}
