package render

import (
	"bytes"
	"strconv"
	"strings"
)

// A dotWriter builds Graphviz DOT source: the graphs behind the SVG ladder
// and the topology diagram. Attributes are written in the order given, so
// the same graph gives the same bytes.
type dotWriter struct {
	b bytes.Buffer
}

// An attr is one attribute of a graph, node or edge: a plain value, quoted
// as a DOT string, or an HTML-like label (html), written between < and >.
// A label may end in a Graphviz line break (end): "\l" left-justifies its
// line, "\r" right-justifies it.
type attr struct {
	key, value string
	html       bool
	end        string
}

func at(key, value string) attr        { return attr{key: key, value: value} }
func atNum(key string, v float64) attr { return attr{key: key, value: num(v)} }
func atHTML(key, value string) attr    { return attr{key: key, value: value, html: true} }

// noLabel leaves a node without text. go-graphviz gives a node whose label
// is "" its name as a label, so this is an empty HTML-like label.
var noLabel = atHTML("label", "<I></I>")

// atLabel is a one-line plain label, justified to the left (just "l") or
// the right ("r") of its node, or centred ("").
func atLabel(text, just string) attr {
	a := attr{key: "label", value: labelText(text)}
	if just != "" {
		a.end = `\` + just
	}
	return a
}

// open starts a graph: "digraph NAME {" with the graph's attributes.
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

func (d *dotWriter) edge(from, to string, attrs ...attr) {
	d.stmt(dotQuote(from)+" -> "+dotQuote(to), attrs)
}

// undirected writes an edge of a "graph", which has no direction.
func (d *dotWriter) undirected(a, b string, attrs ...attr) {
	d.stmt(dotQuote(a)+" -- "+dotQuote(b), attrs)
}

// subgraph runs body inside "subgraph NAME { … }" with the given attributes.
func (d *dotWriter) subgraph(name string, body func(), attrs ...attr) {
	d.b.WriteString("subgraph " + dotQuote(name) + " {\n")
	for _, a := range attrs {
		d.b.WriteString(a.key + "=" + a.quoted() + ";\n")
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
			d.b.WriteString(a.key + "=" + a.quoted())
		}
		d.b.WriteString("]")
	}
	d.b.WriteString(";\n")
}

func (a attr) quoted() string {
	if a.html {
		return "<" + a.value + ">"
	}
	q := dotQuote(a.value)
	return q[:len(q)-1] + a.end + `"`
}

// dotQuote writes s as a DOT string. Graphviz reads backslash escapes in
// most strings ("\n" a line break, "\l" a left-justified one, "\N" the node's
// name…), so a backslash of the text is doubled to stay a backslash.
func dotQuote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// labelText prepares text for a plain (not HTML-like) label: Graphviz reads
// "&lt;" and the like in a label as entities, so an ampersand of the text is
// written as one. The SVG then shows the text as it was.
func labelText(s string) string { return strings.ReplaceAll(s, "&", "&amp;") }

// htmlText escapes text for an HTML-like label.
func htmlText(s string) string {
	return htmlEscaper.Replace(s)
}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

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

// point writes "x,y" for a pos attribute.
func point(x, y float64) string { return num(x) + "," + num(y) }
