// Package render draws a run's record, a sim.Trace, for people: the ladder
// diagrams of SIP course notes, where each element is a vertical lane and each
// message an arrow from one lane to another, in time order. Nothing here runs
// the simulation; every view reads a finished trace (or one read back from
// JSON with sim.ReadTrace) and writes to an io.Writer.
//
// The concepts, one per file:
//
//   - The ladder (ladder.go): NewLadder lays a trace out for every view: the
//     lanes, left to right, and one row per event shown, an arrow or a side
//     note, with its label. Colour groups (groups.go): which messages share
//     a colour, one per transaction (or per dialog).
//   - Lanes (lanes.go): which element gets which lane. LaneOrder puts the
//     caller on the left, the callee on the right and the servers between
//     them in the order a request meets them: proxies, redirect server,
//     registrar, location service, DNS.
//   - Labels (label.go): the few words written on an arrow: a request's
//     method, a response's status code and reason phrase, a lookup's summary.
//   - The text ladder (text.go): Text writes the ladder for a terminal or a
//     plain-text file, in English or Chinese, with a header naming the lesson
//     and the lanes, one row per event, and a summary line. With
//     TextOptions.Verbose every message is followed by its bytes and by the
//     reasons the element gave for sending it.
//   - The text canvas (canvas.go): a line addressed by terminal column, where
//     a Chinese character takes two columns, so that lanes stay straight
//     whatever the language.
//   - The SVG ladder (svg.go): SVG lays the ladder out and writes it
//     directly (svgwriter.go), every arrow a group with id "step-N". Its
//     text is measured for a monospaced font (metrics.go).
//   - The topology (topology.go): TopologyDOT and TopologySVG draw the
//     elements, their domains and addresses, and the links between them,
//     laid out by Graphviz.
//   - Graphviz (graphviz.go): the one Graphviz of the process, behind a
//     mutex, and the tidying of its SVG; DOT source (dotwriter.go). Only
//     the topology uses it.
//   - The walkthrough (markdown.go): Markdown writes a lesson for course
//     notes, one section per step, with what a proxy changed in a message
//     it forwarded (diff.go).
//   - The web page (html.go): HTML converts the walkthrough with goldmark,
//     the pictures inline, a click on an arrow selecting its step.
//   - The player (player.go): the web page's buttons and keys, play and
//     pause, and, given a Classroom, what the stepper shows at every step
//     and a quiz, embedded in the page as compact JSON.
//   - The Mermaid ladder (mermaid.go): Mermaid writes the ladder as a
//     Mermaid sequence diagram, for Markdown sites that draw it; the
//     walkthrough can embed it instead of the SVG.
//   - The captures (capture.go): Capture writes the packets of a run, pcap
//     or pcapng (package sim/capture), every packet of a pcapng commented
//     with its step and why it was sent.
//   - The index (index.go): Index lists what siplab render wrote.
//
// Output is deterministic: the same trace and options give the same bytes
// (and the text ladder has no colour or terminal control sequences), so
// that it can be kept in golden files and pasted into notes.
package render

import (
	"fmt"
	"io"
)

// write writes a view's bytes to w; an error names the view.
func write(w io.Writer, view string, b []byte) error {
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("render: %s: %w", view, err)
	}
	return nil
}
