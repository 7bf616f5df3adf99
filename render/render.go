// Package render draws a run's record, a sim.Trace, for people: the ladder
// diagrams of SIP course notes, where each element is a vertical lane and each
// message an arrow from one lane to another, in time order. Nothing here runs
// the simulation; every view reads a finished trace (or one read back from
// JSON with sim.ReadTrace) and writes to an io.Writer.
//
// The concepts, one per file:
//
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
//
// Still to come, on the same trace and lane order: an SVG ladder, a Markdown
// walkthrough for course notes, an HTML page, a Graphviz DOT graph and the
// JSON trace itself, with a ladder model shared by all of them.
//
// Output is deterministic: the same trace and options give the same bytes,
// without colour or terminal control sequences, so that it can be kept in
// golden files and pasted into notes.
package render
