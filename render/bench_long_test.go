package render

import (
	"io"
	"runtime"
	"sync"
	"testing"

	"github.com/siplab/siplab/lessons/lessontest"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/capture"
)

// views are the views of a trace that a long run must not make quadratic,
// each writing to w.
var views = []struct {
	name  string
	write func(w io.Writer, t *sim.Trace) error
}{
	{"text", func(w io.Writer, t *sim.Trace) error { return Text(w, t, TextOptions{}) }},
	{"text-v", func(w io.Writer, t *sim.Trace) error { return Text(w, t, TextOptions{Verbose: true}) }},
	{"json", JSON},
	{"svg", func(w io.Writer, t *sim.Trace) error { return SVG(w, t, LadderOptions{}) }},
	{"md", func(w io.Writer, t *sim.Trace) error { return Markdown(w, t, WalkthroughOptions{}) }},
	{"html", func(w io.Writer, t *sim.Trace) error { return HTML(w, t, WalkthroughOptions{}) }},
	{"mermaid", func(w io.Writer, t *sim.Trace) error { return Mermaid(w, t, MermaidOptions{Reasons: true}) }},
	{"pcapng", func(w io.Writer, t *sim.Trace) error { return Capture(w, t, capture.PCAPNG, i18n.EN) }},
}

// longTraces are the traces of lessontest.ManyCalls, by number of calls,
// run once for every benchmark and test that needs them.
var longTraces = struct {
	sync.Mutex
	byCalls map[int]*sim.Trace
}{byCalls: map[int]*sim.Trace{}}

func manyCalls(tb testing.TB, n int) *sim.Trace {
	longTraces.Lock()
	defer longTraces.Unlock()
	if t := longTraces.byCalls[n]; t != nil {
		return t
	}
	t := lessontest.ManyCallsTrace(tb, n)
	longTraces.byCalls[n] = t
	return t
}

// BenchmarkViews1000Calls and BenchmarkViews10000Calls draw every view of
// a trace of 1,000 and 10,000 calls through a proxy (13,002 and 130,002
// messages; 39,010 and 390,010 events): the second should take ten times
// the first.
func BenchmarkViews1000Calls(b *testing.B)  { benchViews(b, 1000) }
func BenchmarkViews10000Calls(b *testing.B) { benchViews(b, 10000) }

func benchViews(b *testing.B, calls int) {
	t := manyCalls(b, calls)
	for _, v := range views {
		b.Run(v.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := v.write(io.Discard, t); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestViewsAreLinear: every view of ten times the calls allocates about ten
// times the memory, not a hundred times: no view does per event something
// that grows with the trace. (Memory, not time, is compared, so that a busy
// machine cannot fail the test.)
func TestViewsAreLinear(t *testing.T) {
	small, large := manyCalls(t, 15), manyCalls(t, 150)
	ratio := float64(large.Len()) / float64(small.Len())
	for _, v := range views {
		allocated := func(tr *sim.Trace) uint64 {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			if err := v.write(io.Discard, tr); err != nil {
				t.Fatal(err)
			}
			runtime.ReadMemStats(&after)
			return after.TotalAlloc - before.TotalAlloc
		}
		s, l := allocated(small), allocated(large)
		t.Logf("%s: %d events %d KiB, %d events %d KiB: ×%.1f", v.name, small.Len(), s>>10, large.Len(), l>>10, float64(l)/float64(s))
		if float64(l) > 1.5*ratio*float64(s) {
			t.Errorf("%s: %d bytes for %d events, %d for %d: ×%.1f for ×%.1f the events",
				v.name, s, small.Len(), l, large.Len(), float64(l)/float64(s), ratio)
		}
	}
}
