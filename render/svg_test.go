package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/golden"
)

// An svgElement is an element of a parsed SVG picture.
type svgElement struct {
	name     string
	attrs    map[string]string
	text     string // character data directly inside it
	children []*svgElement
	parent   *svgElement
}

// parseSVG parses svg as strict XML and returns its root element.
func parseSVG(t *testing.T, svg []byte) *svgElement {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	dec.Strict = true
	var root, cur *svgElement
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &svgElement{name: tok.Name.Local, attrs: map[string]string{}, parent: cur}
			for _, a := range tok.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			if cur == nil {
				if root != nil {
					t.Fatal("two root elements")
				}
				root = e
			} else {
				cur.children = append(cur.children, e)
			}
			cur = e
		case xml.EndElement:
			cur = cur.parent
		case xml.CharData:
			if cur != nil {
				cur.text += string(tok)
			}
		}
	}
	if root == nil || root.name != "svg" {
		t.Fatal("no <svg> root element")
	}
	return root
}

// all returns e and every element under it, in document order.
func (e *svgElement) all() []*svgElement {
	out := []*svgElement{e}
	for _, c := range e.children {
		out = append(out, c.all()...)
	}
	return out
}

// group returns the nearest <g> with an id around e (e itself included).
func (e *svgElement) group() *svgElement {
	for g := e; g != nil; g = g.parent {
		if g.name == "g" && g.attrs["id"] != "" {
			return g
		}
	}
	return nil
}

func (e *svgElement) title() string {
	for _, c := range e.children {
		if c.name == "title" {
			return c.text
		}
	}
	return ""
}

func num64(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return v
}

// svgCases are the traces every SVG test draws.
var svgCases = []struct {
	name  string
	trace func() *sim.Trace
	opts  LadderOptions
}{
	{"direct-call", directCall, LadderOptions{}},
	{"proxy-call", proxyCall, LadderOptions{}},
	{"forwarded-call", forwardedCall, LadderOptions{}},
	{"forwarded-call-dialog", forwardedCall, LadderOptions{Colours: ByDialog}},
	{"lost-invite", lostInvite, LadderOptions{ShowStates: true}},
	{"lost-invite-hidden", lostInvite, LadderOptions{HideRetransmissions: true}},
	{"register-timeout", registerTimeout, LadderOptions{}},
	{"wide-labels", wideLabels, LadderOptions{}},
	{"zh-proxy-call", chineseCall, LadderOptions{Lang: i18n.ZH}},
	{"zh-forwarded-call", forwardedCall, LadderOptions{Lang: i18n.ZH}},
	{"odd-events", oddEvents, LadderOptions{}},
	{"busy", busyCall, LadderOptions{}},
	{"delayed-call", delayedCall, LadderOptions{}},
	{"zh-delayed-call-slide", delayedCall, LadderOptions{Lang: i18n.ZH, MessagesOnly: true, ShortNames: true, MaxWidth: SlideWidth}},
	{"proxy-call-short", proxyCall, LadderOptions{ShortNames: true, MaxWidth: 480}},
}

func svgOf(t *testing.T, tr *sim.Trace, o LadderOptions) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := SVG(&b, tr, o); err != nil {
		t.Fatalf("SVG: %v", err)
	}
	return b.Bytes()
}

// TestSVGStructure checks what tools and the HTML page rely on: well-formed
// XML; one group of class "message" per message event shown, with the id
// "step-N" and the message's start line as its title; a lookup's group of
// class "lookup"; a group with an id for every row; ids used once.
func TestSVGStructure(t *testing.T) {
	for _, tc := range svgCases {
		t.Run(tc.name, func(t *testing.T) {
			tr := tc.trace()
			root := parseSVG(t, svgOf(t, tr, tc.opts))
			l := NewLadder(tr, tc.opts)
			ids := map[string]*svgElement{}
			messages := map[string]*svgElement{}
			for _, e := range root.all() {
				id := e.attrs["id"]
				if id == "" {
					continue
				}
				if ids[id] != nil {
					t.Errorf("id %q used twice", id)
				}
				ids[id] = e
				if e.name == "g" && e.attrs["class"] == "message" {
					messages[id] = e
				}
			}
			for _, e := range root.all() {
				// Renderers collapse runs of spaces and drop them at the
				// ends of a text: the widths reserved would not hold.
				if e.name == "text" && (strings.HasPrefix(e.text, " ") || strings.HasSuffix(e.text, " ") || strings.Contains(e.text, "  ")) {
					t.Errorf("text %q: spaces that a renderer collapses", e.text)
				}
			}
			var want int
			for _, r := range l.Rows {
				e := r.Event
				g := ids[stepID(e.Seq)]
				if g == nil || g.name != "g" {
					t.Errorf("no group %q for event %v", stepID(e.Seq), e)
					continue
				}
				if e.Type == sim.EventMessage {
					want++
					if g.attrs["class"] != "message" {
						t.Errorf("%s: class %q, want message", stepID(e.Seq), g.attrs["class"])
					}
					if g.title() != r.FirstLine || r.FirstLine == "" {
						t.Errorf("%s: title %q, want %q", stepID(e.Seq), g.title(), r.FirstLine)
					}
				}
				if e.Type == sim.EventLookup && r.Kind == RowArrow && g.attrs["class"] != "lookup" {
					t.Errorf("%s: class %q, want lookup", stepID(e.Seq), g.attrs["class"])
				}
			}
			if len(messages) != want {
				t.Errorf("%d groups of class message, want %d (one per message event)", len(messages), want)
			}
			for id := range messages {
				n, err := strconv.Atoi(strings.TrimPrefix(id, "step-"))
				if err != nil || l.Row(n) == nil || l.Row(n).Event.Type != sim.EventMessage {
					t.Errorf("group %q of class message is not a message event", id)
				}
			}
		})
	}
}

// TestSVGMarks checks how arrows are drawn: a lost message ends in a cross
// (two strokes) without a head, a retransmission is dashed, a lookup dotted
// with an open head, and a message takes its transaction's colour.
func TestSVGMarks(t *testing.T) {
	tr := lostInvite()
	root := parseSVG(t, svgOf(t, tr, LadderOptions{}))
	l := NewLadder(tr, LadderOptions{})
	for _, r := range l.Rows {
		if r.Kind != RowArrow {
			continue
		}
		var g *svgElement
		for _, e := range root.all() {
			if e.attrs["id"] == stepID(r.Event.Seq) {
				g = e
			}
		}
		var paths, heads int
		var dashed bool
		for _, e := range g.all() {
			switch e.name {
			case "path":
				paths++
				dashed = dashed || e.attrs["stroke-dasharray"] != ""
				if e.attrs["stroke"] != l.Colour(&r) {
					t.Errorf("step %d: stroke %s, want %s", r.Event.Seq, e.attrs["stroke"], l.Colour(&r))
				}
			case "polygon":
				heads++
			}
		}
		switch {
		case r.Lost && (paths != 3 || heads != 0):
			t.Errorf("lost step %d: %d paths, %d heads; want a line and a cross, no head", r.Event.Seq, paths, heads)
		case !r.Lost && (paths != 1 || heads != 1):
			t.Errorf("step %d: %d paths, %d heads; want one of each", r.Event.Seq, paths, heads)
		}
		if dashed != r.Retransmission {
			t.Errorf("step %d: dashed %v, retransmission %v", r.Event.Seq, dashed, r.Retransmission)
		}
	}

	src := string(svgOf(t, forwardedCall(), LadderOptions{}))
	lookup := regexp.MustCompile(`(?s)<g id="step-2" class="lookup">.*?</g>\n`).FindString(src)
	if !strings.Contains(lookup, `stroke-dasharray="1,5"`) || strings.Count(lookup, "<polygon") != 1 {
		t.Errorf("a lookup is not dotted with an open head:\n%s", lookup)
	}
}

// textBox is where a <text> is drawn, by the metrics the layout reserves.
type textBox struct {
	x0, x1, y0, y1 float64
	s, group       string
	onArrow        bool // a label on its arrow, without a white box
}

// textBoxes returns the box of every text in the picture, in the picture's
// coordinates, and the x of every lane.
func textBoxes(t *testing.T, root *svgElement) (boxes []textBox, lanes []float64, width float64) {
	vb := strings.Fields(root.attrs["viewBox"])
	width = num64(t, vb[2])
	for _, e := range root.all() {
		switch e.name {
		case "text":
			size := num64(t, e.attrs["font-size"])
			x, y := num64(t, e.attrs["x"]), num64(t, e.attrs["y"])
			s := strings.ReplaceAll(e.text, "\u00a0", " ")
			w := textWidth(s, size)
			b := textBox{y0: y - 0.8*size, y1: y + 0.25*size, s: s}
			switch e.attrs["text-anchor"] {
			case "start":
				b.x0 = x
			case "end":
				b.x0 = x - w
			default:
				b.x0 = x - w/2
			}
			b.x1 = b.x0 + w
			if g := e.group(); g != nil {
				b.group = g.attrs["id"]
				// An arrow's group draws a path; a note's, a box (and the
				// path to its element's dot); a lane's, its line and its
				// names.
				if c := g.attrs["class"]; c == "message" || c == "lookup" {
					box := false
					for _, c := range g.all() {
						b.onArrow = b.onArrow || c.name == "path"
						box = box || c.name == "rect"
					}
					b.onArrow = b.onArrow && !box
				}
			}
			boxes = append(boxes, b)
		case "path":
			if g := e.group(); g != nil && strings.HasPrefix(g.attrs["id"], "lane-") {
				var x float64
				if _, err := fmt.Sscanf(e.attrs["d"], "M%f,", &x); err != nil {
					t.Fatalf("lane path %q: %v", e.attrs["d"], err)
				}
				lanes = append(lanes, x)
			}
		}
	}
	return boxes, lanes, width
}

// TestSVGLabelsDoNotOverlap checks the layout with the widths it reserves:
// no two texts overlap, Chinese included; a label on its arrow crosses no
// lane; nothing is cut off at the right edge.
func TestSVGLabelsDoNotOverlap(t *testing.T) {
	for _, tc := range svgCases {
		t.Run(tc.name, func(t *testing.T) {
			boxes, lanes, width := textBoxes(t, parseSVG(t, svgOf(t, tc.trace(), tc.opts)))
			if len(boxes) < 5 || len(lanes) < 2 {
				t.Fatalf("%d texts and %d lanes: the test reads nothing", len(boxes), len(lanes))
			}
			for i, a := range boxes {
				if a.x0 < -0.5 || a.x1 > width+0.5 {
					t.Errorf("%q (%.1f–%.1f) is cut off by the picture's edges (0–%.1f)", a.s, a.x0, a.x1, width)
				}
				for _, b := range boxes[i+1:] {
					if a.x0 < b.x1-0.5 && b.x0 < a.x1-0.5 && a.y0 < b.y1-0.5 && b.y0 < a.y1-0.5 {
						t.Errorf("%q (%s) overlaps %q (%s)", a.s, a.group, b.s, b.group)
					}
				}
				if !a.onArrow {
					continue
				}
				for _, x := range lanes {
					if a.x0 < x && x < a.x1 {
						t.Errorf("label %q (%.1f–%.1f) crosses the lane at %.1f", a.s, a.x0, a.x1, x)
					}
				}
			}
		})
	}
}

// TestSVGOfLessons draws the traces that the lessons' golden files hold
// (testdata/lessons/*.json), in both languages, and checks them as above.
func TestSVGOfLessons(t *testing.T) {
	traces := lessonTraces(t)
	for _, f := range slices.Sorted(maps.Keys(traces)) {
		tr := traces[f]
		for _, lang := range i18n.Langs() {
			root := parseSVG(t, svgOf(t, tr, LadderOptions{Lang: lang}))
			boxes, _, width := textBoxes(t, root)
			for i, a := range boxes {
				if a.x1 > width+0.5 {
					t.Errorf("%s %s: %q is cut off", f, lang, a.s)
				}
				for _, b := range boxes[i+1:] {
					if a.x0 < b.x1-0.5 && b.x0 < a.x1-0.5 && a.y0 < b.y1-0.5 && b.y0 < a.y1-0.5 {
						t.Errorf("%s %s: %q overlaps %q", f, lang, a.s, b.s)
					}
				}
			}
			n := 0
			for _, e := range root.all() {
				if e.name == "g" && e.attrs["class"] == "message" {
					n++
				}
			}
			if want := NewLadder(tr, LadderOptions{}).Messages; n != want {
				t.Errorf("%s %s: %d message groups, want %d", f, lang, n, want)
			}
		}
	}
}

// lessonTraces reads the traces that the lessons' golden files hold
// (testdata/lessons/*.json), by file name.
func lessonTraces(t *testing.T) map[string]*sim.Trace {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "lessons", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no traces in testdata/lessons: %v", err)
	}
	traces := map[string]*sim.Trace{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if traces[f], err = sim.ReadTrace(bytes.NewReader(data)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	return traces
}

// TestTextBoxesFindOverlaps makes sure that the overlap test can fail.
func TestTextBoxesFindOverlaps(t *testing.T) {
	svg := []byte(`<svg viewBox="0 0 200 100" xmlns="http://www.w3.org/2000/svg"><g id="lane-0" class="lane"><path d="M50,0 L50,100"/></g>` +
		`<g id="step-1" class="message"><path d="M10,20 90,20"/><text x="40" y="20" text-anchor="middle" font-size="12">INVITE</text></g>` +
		`<g id="step-2" class="note"><text x="30" y="25" text-anchor="start" font-size="12">Timer</text></g></svg>`)
	boxes, lanes, _ := textBoxes(t, parseSVG(t, svg))
	a, b := boxes[0], boxes[1]
	if !(a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1) {
		t.Errorf("boxes %+v and %+v should overlap", a, b)
	}
	if !a.onArrow || !(a.x0 < lanes[0] && lanes[0] < a.x1) {
		t.Errorf("label %+v should cross the lane at %v", a, lanes)
	}
}

// TestSVGConcurrent draws from several goroutines at once: the same trace
// gives the same bytes.
func TestSVGConcurrent(t *testing.T) {
	want := svgOf(t, forwardedCall(), LadderOptions{})
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b bytes.Buffer
			if err := SVG(&b, forwardedCall(), LadderOptions{}); err != nil {
				errs <- err
				return
			}
			if !bytes.Equal(b.Bytes(), want) {
				errs <- fmt.Errorf("different bytes from a goroutine")
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestSVGDoesNotUseGraphviz checks that a ladder, in every language and
// with every option, is written without Graphviz: no ladder pays for
// starting its WebAssembly module or for a layout.
func TestSVGDoesNotUseGraphviz(t *testing.T) {
	before := graphvizRuns.Load()
	for _, tc := range svgCases {
		svgOf(t, tc.trace(), tc.opts)
	}
	if n := graphvizRuns.Load() - before; n != 0 {
		t.Errorf("drawing the ladders used Graphviz %d times", n)
	}
	// The counter counts: a topology is laid out by Graphviz.
	if err := TopologySVG(io.Discard, oddEvents(), TopologyOptions{Lang: i18n.ZH}); err != nil {
		t.Fatal(err)
	}
	if graphvizRuns.Load() == before {
		t.Error("drawing a topology did not count as a use of Graphviz")
	}
}

// TestSVGText checks that text reaches the picture as it is: characters
// that XML reserves are escaped, one that XML cannot hold becomes U+FFFD,
// and spaces that renderers would collapse or drop are no-break spaces.
func TestSVGText(t *testing.T) {
	tr := build("x&y", `<Title> & "quotes"`, 3, []sim.NodeInfo{alice, bob},
		msg(0, "alice", "bob", `INVITE<&>"' sip:bob@biloxi.example.com SIP/2.0`, ""),
		onNode(sim.EventNote, 10, "alice", "two  spaces, <tag> & \uFFFE, a ]]> and 'quotes'"),
	)
	root := parseSVG(t, svgOf(t, tr, LadderOptions{}))
	want := map[string]string{
		"step-1": `INVITE<&>"'`,
		"step-2": "• two  spaces, <tag> & \uFFFD, a ]]> and 'quotes'",
		"title":  `lesson x&y: <Title> & "quotes"   (seed 3)`,
	}
	for _, e := range root.all() {
		id := e.attrs["id"]
		if g := e.group(); g != nil && e.name == "text" && want[g.attrs["id"]] != "" {
			id = g.attrs["id"]
		}
		if w, ok := want[id]; ok && e.name == "text" {
			if got := strings.ReplaceAll(e.text, "\u00a0", " "); got != w {
				t.Errorf("%s: text %q, want %q", id, got, w)
			}
			delete(want, id)
		}
	}
	for id := range want {
		t.Errorf("no text for %s", id)
	}
	if title := root.children[0].title(); title != `lesson x&y: <Title> & "quotes"` {
		t.Errorf("the picture's title is %q", title)
	}
}

// TestSVGGolden keeps the pictures of a few hand-built traces in
// testdata/render, so that a change shows up as a reviewable diff.
func TestSVGGolden(t *testing.T) {
	for _, name := range []string{"forwarded-call", "lost-invite", "lost-invite-hidden", "zh-proxy-call", "odd-events",
		"delayed-call", "zh-delayed-call-slide"} {
		for _, tc := range svgCases {
			if tc.name == name {
				golden.Check(t, filepath.Join(goldenDir, name+".svg"), svgOf(t, tc.trace(), tc.opts))
			}
		}
	}
}

func TestSVGErrors(t *testing.T) {
	if err := SVG(io.Discard, nil, LadderOptions{}); err == nil {
		t.Error("SVG of no trace: no error")
	}
	if err := SVG(failingWriter{}, directCall(), LadderOptions{}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("SVG to a failing writer: %v", err)
	}
	if _, err := layoutSVG([]byte("digraph { a -> }")); err == nil {
		t.Error("a DOT syntax error: no error")
	}
}

func TestTidySVG(t *testing.T) {
	in := "<!-- Generated by graphviz version 12\n -->\n<!-- a&#45;&gt;b -->\n" +
		"<g id=\"step&#45;3\" class=\"edge message\">\n<title>a&#45;&gt;b</title>\n<path/>\n</g>\n" +
		"<g id=\"frame\" class=\"node\">\n<title>frame</title>\n</g>\n"
	want := "<!-- Generated by graphviz version 12\n -->\n" +
		"<g id=\"step-3\" class=\"message\">\n<title>INVITE sip:bob@x &lt;1&gt;</title>\n<path/>\n</g>\n" +
		"<g id=\"frame\" class=\"node\">\n</g>\n"
	if got := string(tidySVG([]byte(in), map[string]string{"step-3": "INVITE sip:bob@x <1>"})); got != want {
		t.Errorf("tidySVG:\n%s\nwant:\n%s", got, want)
	}
}

func TestDOTQuoting(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`plain`, `"plain"`},
		{`say "hi"`, `"say \"hi\""`},
		{`back\slash \N`, `"back\\slash \\N"`},
		{"two\nlines", `"two\nlines"`},
	} {
		if got := dotQuote(tc.in); got != tc.want {
			t.Errorf("dotQuote(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
	if got := atLabel("a & b").value; got != `a &amp; b` {
		t.Errorf("label: %s", got)
	}
	for v, want := range map[float64]string{12: "12", 12.5: "12.5", 12.345: "12.35", -0.001: "0"} {
		if got := num(v); got != want {
			t.Errorf("num(%v) = %s, want %s", v, got, want)
		}
	}
}

func TestTextWidth(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want float64 // in em
	}{
		{"INVITE", 6 * narrowEm},
		{"代理", 2 * wideEm},
		{"180 振铃", 4*narrowEm + 2*wideEm},
		{"e\u0301", narrowEm}, // a combining accent takes no room
		{"", 0},
	} {
		if got := textWidth(tc.s, 10); got < tc.want*10-1e-9 || got > tc.want*10+1e-9 {
			t.Errorf("textWidth(%q, 10) = %v, want %v", tc.s, got, tc.want*10)
		}
	}
}
