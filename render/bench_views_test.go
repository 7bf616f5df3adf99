package render

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/siplab/siplab/sim"
)

// lessonTrace reads a lesson's golden trace from testdata/lessons.
func lessonTrace(b *testing.B, id string) *sim.Trace {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "lessons", id+".json"))
	if err != nil {
		b.Fatal(err)
	}
	t, err := sim.ReadTrace(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	return t
}

// forgetDrawn empties the memory of layoutSVG, so that a benchmark measures
// Graphviz's work on the topology.
func forgetDrawn() {
	gv.Lock()
	gv.recent = nil
	gv.Unlock()
}

func BenchmarkSVG(b *testing.B) {
	t := lessonTrace(b, "proxy-call")
	for b.Loop() {
		if err := SVG(io.Discard, t, LadderOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTopologySVG(b *testing.B) {
	t := lessonTrace(b, "proxy-call")
	for b.Loop() {
		forgetDrawn()
		if err := TopologySVG(io.Discard, t, TopologyOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarkdown(b *testing.B) {
	t := lessonTrace(b, "proxy-call")
	for b.Loop() {
		if err := Markdown(io.Discard, t, WalkthroughOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHTML(b *testing.B) {
	t := lessonTrace(b, "proxy-call")
	for b.Loop() {
		forgetDrawn()
		if err := HTML(io.Discard, t, WalkthroughOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMermaid(b *testing.B) {
	t := lessonTrace(b, "proxy-call")
	for b.Loop() {
		if err := Mermaid(io.Discard, t, MermaidOptions{Reasons: true}); err != nil {
			b.Fatal(err)
		}
	}
}
