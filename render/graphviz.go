package render

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	graphviz "github.com/goccy/go-graphviz"
)

// The topology diagram, which needs a layout searched for, is laid out and
// written by Graphviz, which go-graphviz runs as WebAssembly inside the
// process (wazero). The whole library shares one WebAssembly module, and
// neither it nor a Graphviz context may be used by two goroutines at once;
// so siplab keeps a single context, created on first use, and every use of
// the library goes through gv's mutex. The ladder does not use Graphviz
// (see SVG).
//
// Loading the module is the slow part: go-graphviz compiles it to machine
// code when the program starts (in its package's init), about a second the
// first time on a machine and much less afterwards, when wazero finds the
// compiled code in its cache (a go-graphviz directory under os.TempDir).
var gv struct {
	sync.Mutex
	ctx *graphviz.Graphviz

	// recent holds the last pictures drawn, by their DOT source: siplab
	// render draws a lesson's topology for its SVG file and again for its
	// web page, and the source decides the picture.
	recent []drawn
}

type drawn struct {
	src, svg []byte
}

// keepDrawn is how many pictures gv.recent keeps: a lesson's topology, for
// each of the lessons that siplab render may draw at once.
const keepDrawn = 8

// graphvizRuns counts the graphs that Graphviz has drawn, for the tests.
var graphvizRuns atomic.Int64

// layoutSVG lays out the graph written in DOT src with Graphviz's dot
// engine and returns the SVG that Graphviz writes for it. The caller must
// not modify the result.
func layoutSVG(src []byte) (svg []byte, err error) {
	gv.Lock()
	defer gv.Unlock()
	for _, d := range gv.recent {
		if bytes.Equal(d.src, src) {
			return d.svg, nil
		}
	}
	svg, err = runGraphviz(src)
	if err != nil {
		return nil, err
	}
	gv.recent = append(gv.recent, drawn{bytes.Clone(src), svg})
	if len(gv.recent) > keepDrawn {
		gv.recent = gv.recent[1:]
	}
	return svg, nil
}

// runGraphviz draws src; gv must be locked.
func runGraphviz(src []byte) (svg []byte, err error) {
	graphvizRuns.Add(1)
	defer func() {
		// go-graphviz panics on some failures inside the module; a bad
		// picture must not bring the program down.
		if p := recover(); p != nil {
			svg, err = nil, fmt.Errorf("graphviz failed: %v", p)
		}
	}()
	ctx := context.Background()
	if gv.ctx == nil {
		g, err := graphviz.New(ctx)
		if err != nil {
			return nil, fmt.Errorf("starting graphviz: %w", err)
		}
		gv.ctx = g
	}
	graph, err := graphviz.ParseBytes(src)
	if err != nil {
		return nil, fmt.Errorf("graphviz cannot read the graph: %w", err)
	}
	defer graph.Close()
	var buf bytes.Buffer
	if err := gv.ctx.SetLayout(graphviz.DOT).Render(ctx, graph, graphviz.SVG, &buf); err != nil {
		return nil, fmt.Errorf("graphviz: %w", err)
	}
	return buf.Bytes(), nil
}

// tidySVG makes Graphviz's SVG say what siplab means:
//
//   - Graphviz writes every "-" of an id or a text as "&#45;" (so that no
//     "--" ends up in a comment); ids such as "step-7" are written plainly,
//     and the comments naming each object, which would then be invalid,
//     are left out (the one naming Graphviz's version stays);
//   - a group that siplab gave a class (class="message") carries only that
//     class, not Graphviz's "edge" or "node" before it;
//   - a group's <title>, which browsers show as its tooltip, is titles[id]
//     (a message's start line, a note's text) instead of the object's name
//     in the DOT source; a group without an entry loses its title.
//
// It reads the SVG line by line, as Graphviz writes one element per line.
func tidySVG(svg []byte, titles map[string]string) []byte {
	svg = bytes.ReplaceAll(svg, []byte("&#45;"), []byte("-"))
	out := make([]byte, 0, len(svg))
	lines := bytes.SplitAfter(svg, []byte("\n"))
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if bytes.HasPrefix(line, []byte("<!-- ")) && bytes.HasSuffix(line, []byte(" -->\n")) {
			continue // an object's comment
		}
		g := groupStart.FindSubmatch(line)
		if g == nil {
			out = append(out, line...)
			continue
		}
		id := string(g[1])
		out = append(out, `<g id="`+id+`" class="`+string(g[2])+"\">\n"...)
		if i+1 < len(lines) && bytes.HasPrefix(lines[i+1], []byte("<title>")) {
			i++
			if t, ok := titles[id]; ok {
				out = append(out, "<title>"+xmlText(t)+"</title>\n"...)
			}
		}
	}
	return out
}

// groupStart reads `<g id="ID" class="CLASS">`: the id, and the class
// without Graphviz's "node ", "edge "… before siplab's own.
var groupStart = regexp.MustCompile(`^<g id="(.*?)" class="(?:node )?(?:edge )?(?:graph )?(?:cluster )?(.*)">\n?$`)

// xmlText escapes text for an SVG or HTML element's content or attribute.
func xmlText(s string) string { return htmlEscaper.Replace(s) }

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
