package render

import (
	"bytes"
	"encoding/xml"
	"strings"
)

// An svgWriter writes the SVG source of the ladder, one element a line.
// Text and attribute values are escaped by encoding/xml, which also puts
// U+FFFD for a character that XML cannot hold; numbers are written by num.
// The same calls give the same bytes.
type svgWriter struct {
	b bytes.Buffer
}

// open writes the start tag of an element that has children.
func (w *svgWriter) open(name string, attrs ...attr) {
	w.tag(name, attrs)
	w.b.WriteString(">\n")
}

func (w *svgWriter) close(name string) { w.b.WriteString("</" + name + ">\n") }

// shape writes an element without children: <path …/>.
func (w *svgWriter) shape(name string, attrs ...attr) {
	w.tag(name, attrs)
	w.b.WriteString("/>\n")
}

// title writes the <title> of the element open, which a browser shows as
// its tooltip.
func (w *svgWriter) title(s string) {
	w.b.WriteString("<title>")
	w.escape(s)
	w.b.WriteString("</title>\n")
}

// text writes a <text> element. SVG renderers collapse a run of spaces
// and drop a space at either end of a text (xml:space="default"), so every
// such space is written as a no-break space (&#160;), which a monospaced
// font makes as wide: the text keeps the width the layout gave it.
func (w *svgWriter) text(s string, attrs ...attr) {
	w.tag("text", attrs)
	w.b.WriteByte('>')
	for i := 0; i < len(s); i++ {
		j := strings.IndexByte(s[i:], ' ')
		if j < 0 {
			w.escape(s[i:])
			break
		}
		w.escape(s[i : i+j])
		if i += j; i == 0 || i == len(s)-1 || s[i-1] == ' ' {
			w.b.WriteString("&#160;")
		} else {
			w.b.WriteByte(' ')
		}
	}
	w.b.WriteString("</text>\n")
}

func (w *svgWriter) tag(name string, attrs []attr) {
	w.b.WriteString("<" + name)
	for _, a := range attrs {
		w.b.WriteString(" " + a.key + `="`)
		w.escape(a.value)
		w.b.WriteByte('"')
	}
}

func (w *svgWriter) escape(s string) {
	_ = xml.EscapeText(&w.b, []byte(s)) // a bytes.Buffer does not fail
}
