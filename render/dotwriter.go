package render

import (
	"bytes"
	"strconv"
	"strings"
)

// A dotWriter builds Graphviz DOT source: the graph of the topology
// diagram. Attributes are written in the order given, so the same graph
// gives the same bytes.
type dotWriter struct {
	b bytes.Buffer
}

// An attr is one attribute: of a graph, node or edge in DOT, quoted as a DOT
// string, or of an SVG element (see svgWriter).
type attr struct {
	key, value string
}

func at(key, value string) attr        { return attr{key: key, value: value} }
func atNum(key string, v float64) attr { return attr{key: key, value: num(v)} }

// atLabel is a plain label, centred.
func atLabel(text string) attr { return attr{key: "label", value: labelText(text)} }

// open starts a graph: "graph NAME {" (kind "graph") with the graph's
// attributes.
func (d *dotWriter) open(kind, name string, attrs ...attr) {
	d.b.WriteString(kind + " " + dotQuote(name) + " {\n")
	if len(attrs) > 0 {
		d.stmt("graph", attrs)
	}
}

func (d *dotWriter) close() { d.b.WriteString("}\n") }

// defaults sets the default attributes of every node or edge ("node",
// "edge") written after it.
func (d *dotWriter) defaults(what string, attrs ...attr) { d.stmt(what, attrs) }

func (d *dotWriter) node(name string, attrs ...attr) { d.stmt(dotQuote(name), attrs) }

// undirected writes an edge of a "graph", which has no direction.
func (d *dotWriter) undirected(a, b string, attrs ...attr) {
	d.stmt(dotQuote(a)+" -- "+dotQuote(b), attrs)
}

// subgraph runs body inside "subgraph NAME { … }" with the given attributes.
func (d *dotWriter) subgraph(name string, body func(), attrs ...attr) {
	d.b.WriteString("subgraph " + dotQuote(name) + " {\n")
	for _, a := range attrs {
		d.b.WriteString(a.key + "=" + dotQuote(a.value) + ";\n")
	}
	body()
	d.b.WriteString("}\n")
}

func (d *dotWriter) stmt(head string, attrs []attr) {
	d.b.WriteString(head)
	if len(attrs) > 0 {
		d.b.WriteString(" [")
		for i, a := range attrs {
			if i > 0 {
				d.b.WriteString(", ")
			}
			d.b.WriteString(a.key + "=" + dotQuote(a.value))
		}
		d.b.WriteString("]")
	}
	d.b.WriteString(";\n")
}

// dotQuote writes s as a DOT string. Graphviz reads backslash escapes in
// most strings ("\n" a line break, "\l" a left-justified one, "\N" the node's
// name…), so a backslash of the text is doubled to stay a backslash.
func dotQuote(s string) string { return `"` + dotEscaper.Replace(s) + `"` }

var dotEscaper = strings.NewReplacer(`"`, `\"`, `\`, `\\`, "\n", `\n`, "\r", "")

// labelText prepares text for a plain (not HTML-like) label: Graphviz reads
// "&lt;" and the like in a label as entities, so an ampersand of the text is
// written as one. The SVG then shows the text as it was.
func labelText(s string) string { return strings.ReplaceAll(s, "&", "&amp;") }

// num writes a coordinate with at most two decimals: "12", "12.5", "12.25".
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	if s == "-0" {
		s = "0"
	}
	return s
}
