package render

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
)

var (
	//go:embed assets/page.css
	pageCSS string
	//go:embed assets/page.js
	pageJS string
)

// The names the walkthrough gives its pictures when HTML converts it: the
// images with these destinations are drawn inline.
const (
	inlineLadder   = "siplab:ladder.svg"
	inlineTopology = "siplab:topology.svg"
)

// HTML writes the walkthrough of trace t as a standalone web page: the
// Markdown of Markdown(t, o) converted by goldmark (GitHub Flavored
// Markdown), with the topology diagram and the ladder (see SVG) inline,
// and a style sheet and a script of its own; it loads nothing else.
//
// On a wide screen the ladder stays on the left while the steps scroll by
// on the right. A click on an arrow (or on any row of the ladder, or on a
// step's title) selects its step: the arrow is drawn bold, the step's
// section is highlighted and scrolled into view. The arrow keys (and j, k)
// select the next or the previous step. The section of step N has the id
// "event-N"; the page opened at #event-N starts with that step selected.
func HTML(w io.Writer, t *sim.Trace, o WalkthroughOptions) error {
	if t == nil {
		return errors.New("render: html: no trace")
	}
	page, err := htmlPage(NewLadder(t, o.LadderOptions), o)
	if err != nil {
		return fmt.Errorf("render: html: %w", err)
	}
	return write(w, "html", page)
}

func htmlPage(l *Ladder, o WalkthroughOptions) ([]byte, error) {
	lang := o.Lang
	ladder := newSVGLadder(l, lang, o.MaxWidth).draw()
	topology, err := topologySVG(l.trace, lang)
	if err != nil {
		return nil, err
	}
	o.LadderImage, o.TopologyImage, o.MermaidLadder = inlineLadder, inlineTopology, false
	md := markdownOf(l, o)

	svgs := &inlineSVG{
		images: map[string][]byte{inlineLadder: svgBody(ladder), inlineTopology: svgBody(topology)},
		help:   lang.T("views.html.help"),
	}
	conv := goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithParserOptions(parser.WithASTTransformers(
			util.Prioritized(stepHeadings(l.Rows), 100))),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(svgs, 100))),
	)
	var body bytes.Buffer
	if err := conv.Convert([]byte(md), &body); err != nil {
		return nil, fmt.Errorf("goldmark: %w", err)
	}

	title := l.name()
	var b bytes.Buffer
	pageStart(&b, lang, title, pageCSS+playerCSS)
	b.WriteString("<main>\n")
	b.Write(body.Bytes())
	b.WriteString("</main>\n<script>\n" + pageJS + "</script>\n")
	if err := writePlayer(&b, o.Classroom, lang); err != nil {
		return nil, err
	}
	b.WriteString("</body>\n</html>\n")
	return b.Bytes(), nil
}

// pageStart writes the start of a standalone web page in lang, up to its
// <body>: the page loads nothing, not even a favicon.
func pageStart(b *bytes.Buffer, lang i18n.Lang, title, css string) {
	b.WriteString("<!DOCTYPE html>\n<html lang=\"" + htmlLang(lang) + "\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	b.WriteString("<meta name=\"generator\" content=\"siplab\">\n")
	b.WriteString("<link rel=\"icon\" href=\"data:,\">\n")
	b.WriteString("<title>" + xmlText(title) + "</title>\n<style>\n" + css + "</style>\n</head>\n<body>\n")
}

// htmlLang is the lang attribute of a page in lang (BCP 47).
func htmlLang(lang i18n.Lang) string {
	if lang == i18n.ZH {
		return "zh-CN"
	}
	return "en"
}

// stepHeadings gives the walkthrough's step titles the id "event-N" and
// data-step="N", N the seq of the row's event. The steps are the last
// level-3 headings of the document, one per row of the ladder, in order;
// the lesson's introduction, written before them, may have headings of its
// own.
type stepHeadings []Row

func (s stepHeadings) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var heads []*ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			if h.Level == 3 {
				heads = append(heads, h)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if len(heads) < len(s) {
		return
	}
	for i, h := range heads[len(heads)-len(s):] {
		seq := strconv.Itoa(s[i].Event.Seq)
		h.SetAttributeString("id", []byte("event-"+seq))
		h.SetAttributeString("data-step", []byte(seq))
	}
}

// inlineSVG renders the walkthrough's pictures inline: a paragraph that is
// only the ladder's image becomes a figure with the SVG ladder, followed by
// the steps, the two in a "flow" that the style sheet sets side by side; a
// paragraph that is only the topology's image becomes a figure with that
// diagram. Other paragraphs are written as goldmark writes them.
type inlineSVG struct {
	images map[string][]byte
	help   string
	inFlow bool
}

func (r *inlineSVG) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindParagraph, r.paragraph)
	reg.Register(ast.KindDocument, r.document)
}

func (r *inlineSVG) paragraph(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if img, ok := n.FirstChild().(*ast.Image); ok && n.FirstChild() == n.LastChild() {
		dest := string(img.Destination)
		if svg, ok := r.images[dest]; ok {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch dest {
			case inlineLadder:
				_, _ = w.WriteString(`<div class="flow">` + "\n" + `<figure class="ladder" id="ladder-view">` + "\n")
				_, _ = w.Write(svg)
				_, _ = w.WriteString("<figcaption>" + xmlText(r.help) + "</figcaption>\n</figure>\n<div class=\"steps\">\n")
				r.inFlow = true
			default:
				_, _ = w.WriteString(`<figure class="topology">` + "\n")
				_, _ = w.Write(svg)
				_, _ = w.WriteString("</figure>\n")
			}
			return ast.WalkSkipChildren, nil
		}
	}
	// As goldmark's own renderer does.
	if entering {
		if n.Attributes() != nil {
			_, _ = w.WriteString("<p")
			html.RenderAttributes(w, n, html.ParagraphAttributeFilter)
			_ = w.WriteByte('>')
		} else {
			_, _ = w.WriteString("<p>")
		}
	} else {
		_, _ = w.WriteString("</p>\n")
	}
	return ast.WalkContinue, nil
}

// document closes the flow that the ladder opened.
func (r *inlineSVG) document(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering && r.inFlow {
		_, _ = w.WriteString("</div>\n</div>\n")
		r.inFlow = false
	}
	return ast.WalkContinue, nil
}
