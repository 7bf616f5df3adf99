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

// TestRunWritesViews checks siplab run --format svg|md|html|dot -o FILE.
func TestRunWritesViews(t *testing.T) {
	dir := t.TempDir()
	for format, want := range map[string]string{
		"svg": "<svg ", "md": "# A call through a proxy", "html": "<!DOCTYPE html>", "dot": "graph \"topology\" {",
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
// the SVG ladder and topology, the Markdown, the HTML page and the DOT. The
// issue's budget is 2 s for all of it in one process, Graphviz's start
// included (see the README for the cold and warm figures).
func BenchmarkRenderAll(b *testing.B) {
	all := lessons.All()
	formats := []string{"text", "json", "svg", "topology", "md", "html", "dot"}
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
