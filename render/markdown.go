package render

import (
	"cmp"
	"errors"
	"io"
	"strings"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// WalkthroughOptions say how Markdown and HTML write a lesson's walkthrough.
type WalkthroughOptions struct {
	LadderOptions

	// Intro is the lesson's introduction, what it shows and what to look
	// for: Markdown, as the narrative of a lesson file is, written as it is.
	Intro string

	// LadderImage and TopologyImage are where the Markdown finds the two
	// pictures, relative to itself; "" means LadderFile and TopologyFile of
	// the trace's FileStem, the names siplab render gives them. HTML draws the
	// pictures inline instead.
	LadderImage, TopologyImage string

	// MermaidLadder puts the ladder in the Markdown as a Mermaid diagram
	// (see Mermaid, without its title: the walkthrough's own heading is
	// above it), a fenced block that GitHub, GitLab and the like draw,
	// instead of the image at LadderImage. HTML draws the SVG ladder
	// whatever it says, since a page would need Mermaid's script.
	MermaidLadder bool

	// Languages link the walkthrough in every language it was written in
	// (siplab render --lang en,zh), this one included: a line at the top.
	Languages []LangLink

	// Classroom is what the HTML page's player shows at every step and its
	// quiz; nil, the player only moves from step to step. Markdown has no
	// player.
	Classroom *Classroom
}

// LadderFile is the name that siplab render gives the SVG ladder of a
// lesson: "proxy-call.svg" ("ladder.svg" for a trace without a lesson id).
func LadderFile(lesson string) string { return cmp.Or(lesson, "ladder") + ".svg" }

// TopologyFile is the name that siplab render gives the topology diagram of
// a lesson: "proxy-call-topology.svg" ("topology.svg" without a lesson id).
func TopologyFile(lesson string) string {
	if lesson == "" {
		return "topology.svg"
	}
	return lesson + "-topology.svg"
}

// Markdown writes the walkthrough of trace t for course notes, in GitHub
// Flavored Markdown:
//
//   - the lesson's title, its id, seed and summary line, and its
//     introduction (Markdown itself), after a warning when the run added
//     faults to the lesson (FaultBanner);
//   - the topology: the diagram (TopologySVG) and tables of the elements and
//     the links;
//   - the ladder diagram (SVG);
//   - then one numbered section per row of the ladder (NewLadder(t, o)): what
//     happened, when and between whom; why, in the element's own words with
//     the RFC sections it gave; the event's notes and the step that caused
//     it; a message's bytes in a fenced block; and for a message an element
//     forwarded (a request or response that a proxy passes on), what it
//     changed against the message it received: the Via it pushed or
//     removed, Max-Forwards 70 → 69, the Record-Route it added, the
//     Request-URI it rewrote…, as a list and as a diff.
//
// Text from the trace is escaped so that it reads as written, never as
// Markdown; the introduction is the one part written in Markdown.
func Markdown(w io.Writer, t *sim.Trace, o WalkthroughOptions) error {
	if t == nil {
		return errors.New("render: markdown: no trace")
	}
	l := NewLadder(t, o.LadderOptions)
	return write(w, "markdown", []byte(markdownOf(l, o)))
}

// markdownOf writes the walkthrough of l.
func markdownOf(l *Ladder, o WalkthroughOptions) string {
	lang := o.Lang
	var b strings.Builder
	if links := mdLangLinks(o.Languages, lang); links != "" {
		b.WriteString(links + "\n\n")
	}
	title := l.name()
	if title != "" {
		b.WriteString("# " + mdText(title) + "\n\n")
	}
	name := cmp.Or(oneLine(l.Lesson), title)
	meta := lang.T("views.md.meta", name, l.Seed, l.Summary(lang))
	if name == "" {
		meta = l.Summary(lang)
	}
	b.WriteString(mdText(meta) + "\n\n")
	if banner := FaultBanner(l.trace, lang); banner != "" {
		b.WriteString("> **" + mdText(banner) + "**\n\n")
	}
	if intro := strings.TrimSpace(o.Intro); intro != "" {
		b.WriteString(intro + "\n\n")
	}

	stem := FileStem(l.Lesson, l.trace.Faults)
	ladderImg := cmp.Or(o.LadderImage, LadderFile(stem))
	topoImg := cmp.Or(o.TopologyImage, TopologyFile(stem))
	b.WriteString("## " + mdText(lang.T("views.md.topology")) + "\n\n")
	b.WriteString(mdImage(lang.T("views.md.image.topology", name), topoImg) + "\n\n")
	b.WriteString(elementTable(l, lang) + "\n")
	if links := linkTable(l, lang); links != "" {
		b.WriteString(links + "\n")
	}
	b.WriteString("## " + mdText(lang.T("views.md.ladder")) + "\n\n")
	if o.MermaidLadder {
		b.WriteString(fenced("mermaid", strings.Split(strings.TrimSuffix(mermaidOf(l, lang, "", false), "\n"), "\n")))
	} else {
		b.WriteString(mdImage(lang.T("views.md.image.ladder", name), ladderImg) + "\n\n")
	}

	b.WriteString("## " + mdText(lang.T("views.md.steps")) + "\n\n")
	if len(l.Rows) == 0 {
		b.WriteString(mdText(lang.T("views.md.nosteps")) + "\n")
	}
	for i := range l.Rows {
		b.WriteString(l.stepMarkdown(&l.Rows[i], lang))
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// elementTable lists the lanes: name, role, host, address, domain.
func elementTable(l *Ladder, lang i18n.Lang) string {
	rows := [][]string{}
	for _, ln := range l.Lanes {
		rows = append(rows, []string{ln.Name, role(ln.Kind, lang), ln.Host, ln.addr, ln.Domain})
	}
	return mdTable([]string{lang.T("views.col.element"), lang.T("views.col.role"), lang.T("views.col.host"),
		lang.T("views.col.address"), lang.T("views.col.domain")}, rows)
}

// linkTable lists the trace's links, or returns "" if it has none.
func linkTable(l *Ladder, lang i18n.Lang) string {
	if len(l.trace.Links) == 0 {
		return ""
	}
	var rows [][]string
	dash := func(v float64, s string) string {
		if v == 0 {
			return "–"
		}
		return s
	}
	for _, lk := range l.trace.Links {
		rows = append(rows, []string{
			lk.A + " – " + lk.B,
			lang.T("views.topo.latency", decimal(lk.LatencyMS)),
			dash(lk.JitterMS, "±"+lang.T("views.topo.latency", decimal(lk.JitterMS))),
			dash(lk.Loss, decimal(lk.Loss*100)+"%"),
			lk.Transport,
		})
	}
	return mdTable([]string{lang.T("views.col.link"), lang.T("views.col.latency"), lang.T("views.col.jitter"),
		lang.T("views.col.loss"), lang.T("views.col.transport")}, rows)
}

// stepMarkdown writes the section of one row.
func (l *Ladder) stepMarkdown(r *Row, lang i18n.Lang) string {
	e := r.Event
	var b strings.Builder
	b.WriteString("### " + mdText(stepHeading(r, lang)) + "\n\n")
	what := stepSentence(r, lang)
	if e.Cause != 0 {
		what = lang.Sentences(what, lang.T("views.md.cause", e.Cause))
	}
	b.WriteString(mdText(what) + "\n\n")
	if r.Retransmission {
		b.WriteString(mdText(lang.T("views.md.retrans")) + "\n\n")
	}
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		b.WriteString("**" + mdText(title) + "**\n\n")
		for _, it := range items {
			b.WriteString("- " + mdText(it) + "\n")
		}
		b.WriteString("\n")
	}
	list(lang.T("views.md.why"), reasons(e, lang, lang.Aside))
	list(lang.T("views.md.notes"), notes(e, lang))
	if e.Type == sim.EventMessage && e.Raw != "" {
		b.WriteString("**" + mdText(lang.T("views.md.message")) + "**\n\n")
		b.WriteString(fenced("", rawLines(e.Raw)))
		if r.msg == nil {
			if _, err := sip.Parse([]byte(e.Raw)); err != nil {
				b.WriteString(mdText(lang.T("views.md.unparsed", oneLine(err.Error()))) + "\n\n")
			}
		}
	}
	if old, seq := forwarded(l.trace, r); old != nil {
		d := diffMessages(old, r.msg, lang)
		if len(d.changes) == 0 {
			d.changes = []string{lang.T("views.diff.same")}
		}
		list(lang.T("views.md.diff", seq), d.changes)
		if len(d.lines) > 0 {
			b.WriteString(fenced("diff", d.lines))
		}
	}
	return b.String()
}

// stepHeading is the title of a row's section: "7. alice → proxy: INVITE".
func stepHeading(r *Row, lang i18n.Lang) string {
	e := r.Event
	seq := e.Seq
	switch {
	case r.Kind == RowArrow:
		label := r.Label
		if r.Lost {
			label += lang.Aside(lang.T("cli.run.lost"))
		}
		return lang.T("views.md.step.arrow", seq, oneLine(e.From), oneLine(e.To), label)
	case e.Type == sim.EventMessage || e.Type == sim.EventLookup:
		return lang.T("views.md.step.alone", seq, r.Text)
	case e.Node != "":
		return lang.T("views.md.step.node", seq, oneLine(e.Node), r.Label)
	}
	return lang.T("views.md.step.alone", seq, r.Label)
}

// stepSentence says what happened at a row.
func stepSentence(r *Row, lang i18n.Lang) string {
	e := r.Event
	at := FormatTime(e.At)
	from, to, node := orUnknown(e.From), orUnknown(e.To), oneLine(e.Node)
	switch e.Type {
	case sim.EventMessage:
		plain := *e
		plain.Retransmission = false
		label := arrowLabel(plain, lang)
		transport := orUnknown(e.Transport)
		switch {
		case e.From != "" && e.From == e.To:
			return lang.T("views.md.self", at, from, label)
		case e.Dropped:
			return lang.T("views.md.lost", at, from, label, to, transport)
		}
		return lang.T("views.md.sent", at, from, label, to, transport, FormatTime(e.Arrive))
	case sim.EventLookup:
		return lang.T("views.md.lookup", at, from, to, r.Label)
	}
	if node == "" {
		return lang.T("views.md.nowhere", at, r.Label)
	}
	return lang.T("views.md."+eventClass(e), at, node, r.Label)
}

func orUnknown(s string) string { return cmp.Or(oneLine(s), "?") }

// rawLines splits a message's bytes into lines to show, without the CRLF
// that ends the message.
func rawLines(raw string) []string {
	var out []string
	for _, line := range strings.Split(strings.TrimRight(raw, "\r\n"), "\n") {
		out = append(out, Printable(strings.TrimSuffix(line, "\r")))
	}
	return out
}

// fenced writes lines as a fenced code block (GFM §4.5), its fence longer
// than any run of backticks in them.
func fenced(info string, lines []string) string {
	body := strings.Join(lines, "\n")
	fence := "```"
	for strings.Contains(body, fence) {
		fence += "`"
	}
	return fence + info + "\n" + body + "\n" + fence + "\n\n"
}

// mdText escapes text for a Markdown paragraph, heading, list item or table
// cell: the characters that could start emphasis, a link, an autolink
// (<sip:…> would be one), raw HTML, code, an entity or a table column are
// backslash-escaped (CommonMark §2.4).
func mdText(s string) string {
	return mdEscaper.Replace(s)
}

var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "|", `\|`, "~", `\~`, "&", `\&`,
)

// mdImage writes an image; a destination with spaces or brackets goes
// between < and >.
func mdImage(alt, dest string) string {
	if strings.ContainsAny(dest, " ()<>") {
		dest = "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(dest) + ">"
	}
	return "![" + mdText(alt) + "](" + dest + ")"
}

// mdTable writes a GFM table.
func mdTable(head []string, rows [][]string) string {
	var b strings.Builder
	line := func(cells []string) {
		b.WriteString("|")
		for _, c := range cells {
			b.WriteString(" " + mdText(oneLine(c)) + " |")
		}
		b.WriteString("\n")
	}
	line(head)
	b.WriteString("|" + strings.Repeat(" --- |", len(head)) + "\n")
	for _, r := range rows {
		line(r)
	}
	return b.String()
}
