package render

import (
	"cmp"
	"errors"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
)

// MermaidOptions say how Mermaid draws a ladder.
type MermaidOptions struct {
	LadderOptions

	// Reasons follows every event with a note of the reasons its element
	// gave, with their RFC sections, over the event's lanes.
	Reasons bool
}

// MermaidFile is the name that siplab render gives the Mermaid ladder of a
// lesson: "proxy-call.mmd" ("ladder.mmd" for a trace without a lesson id).
func MermaidFile(lesson string) string { return cmp.Or(lesson, "ladder") + ".mmd" }

// Mermaid writes the ladder of trace t as a Mermaid sequence diagram, for
// the Markdown of GitHub, GitLab, Obsidian or MkDocs, which draw it:
//
//	sequenceDiagram
//	    title lesson direct-call#58; Alice calls Bob directly
//	    participant alice as alice<br/>192.0.2.101
//	    participant bob as bob<br/>192.0.2.201
//	    alice->>bob: 1. INVITE
//	    bob->>alice: 2. 180 Ringing
//	    …
//
// The participants are the ladder's lanes (NewLadder), left to right, each
// named and addressed as the other views write them. Every row of the
// ladder follows, numbered with its event's seq as in the other views:
//
//   - a message is an arrow labelled as in the ladder (a retransmission
//     marked so); a message lost on its link an arrow ending in a cross
//     (-x), marked lost; a lookup a dotted arrow (-->>);
//   - what the network did to a message (lost, held longer by a delay
//     fault, duplicated, retransmitted by TCP) a note over its two lanes;
//   - a timer, a note, a state change, a message to oneself a note over
//     its lane (over every lane when it has none);
//   - with o.Reasons, the reasons an element gave for an event a note
//     over the event's lanes, one line each.
//
// The title is the lesson and its title (not the seed: Mermaid cuts off
// what goes beyond the diagram's right edge), and the faults the trace
// records (its lesson_faults and faults, every kind) by their spec, so that
// a trace read back from JSON draws as the run did.
//
// Text is written in o.Lang; what Mermaid's syntax reads as its own (#, ;,
// :, quotes, the < and > of a SIP URI…) as an entity code (#59;), so that
// any text draws as written. Chinese needs no escape.
func Mermaid(w io.Writer, t *sim.Trace, o MermaidOptions) error {
	if t == nil {
		return errors.New("render: mermaid: no trace")
	}
	l := NewLadder(t, o.LadderOptions)
	lang := o.Lang
	return write(w, "mermaid", []byte(mermaidOf(l, lang, l.heading(lang), o.Reasons)))
}

// mermaidOf writes ladder l as a sequence diagram with the title, if any,
// and the reasons of its events if asked to.
func mermaidOf(l *Ladder, lang i18n.Lang, title string, withReasons bool) string {
	var b strings.Builder
	b.WriteString("sequenceDiagram\n")
	if title != "" {
		b.WriteString("    title " + mmdText(title) + "\n")
	}
	ids := mermaidIDs(l.Lanes)
	for i, ln := range l.Lanes {
		alias := mmdName(oneLine(ln.Name))
		if a := oneLine(ln.Address); a != "" {
			alias += "<br/>" + mmdName(a)
		}
		b.WriteString("    participant " + ids[i] + " as " + alias + "\n")
	}
	// over names the lanes a note spans: one, two, or every lane.
	over := func(lanes ...int) string {
		if len(lanes) == 0 || lanes[0] < 0 {
			lanes = []int{0, len(ids) - 1}
		}
		names := make([]string, 0, 2)
		for _, i := range slices.Compact(lanes) {
			names = append(names, ids[i])
		}
		return strings.Join(names, ",")
	}
	// note writes a note over lanes, its lines apart.
	note := func(lanes string, lines ...string) {
		for i, line := range lines {
			lines[i] = mmdText(line)
		}
		b.WriteString("    Note over " + lanes + ": " + strings.Join(lines, "<br/>") + "\n")
	}
	for i := range l.Rows {
		r := &l.Rows[i]
		if len(ids) == 0 {
			break // no lane, so no arrow, and nowhere to write a note
		}
		step := strconv.Itoa(r.Event.Seq) + ". "
		lanes := over(r.Lane)
		if r.Kind == RowNote {
			note(lanes, step+r.Text)
		} else {
			lanes = over(min(r.From, r.To), max(r.From, r.To))
			arrow, label := "->>", r.Label
			switch {
			case r.Lost:
				arrow, label = "-x", label+lang.Aside(lang.T("cli.run.lost"))
			case r.Lookup:
				arrow = "-->>"
			}
			b.WriteString("    " + ids[r.From] + arrow + ids[r.To] + ": " + mmdText(step+label) + "\n")
			for _, n := range r.Event.Notes {
				if strings.HasPrefix(n.Key, "net.") {
					note(lanes, textLine(n, lang))
				}
			}
		}
		if why := reasons(r.Event, lang, func(rfc string) string { return " [" + rfc + "]" }); withReasons && len(why) > 0 {
			why[0] = lang.Colon(lang.T("cli.label.why")) + why[0]
			note(lanes, why...)
		}
	}
	return b.String()
}

// mermaidIDs gives each lane the identifier that Mermaid's participant and
// arrow statements name it by: its node name when that is a plain word
// Mermaid does not reserve ("alice", "proxy"), else "lane" and its number.
func mermaidIDs(lanes []Lane) []string {
	ids := make([]string, len(lanes))
	taken := map[string]bool{}
	for i, ln := range lanes {
		if plainID.MatchString(ln.Name) && !mermaidKeywords[strings.ToLower(ln.Name)] && !taken[ln.Name] {
			ids[i] = ln.Name
			taken[ln.Name] = true
		}
	}
	n := 0
	for i := range ids {
		for ids[i] == "" {
			n++
			if id := "lane" + strconv.Itoa(n); !taken[id] {
				ids[i] = id
				taken[id] = true
			}
		}
	}
	return ids
}

// plainID is a node name Mermaid takes as a participant's identifier as it
// is.
var plainID = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// mermaidKeywords are the words of Mermaid's sequence diagrams (its
// lexer's, in lower case), which a participant cannot be called.
var mermaidKeywords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`participant actor as box create destroy loop rect opt alt else par
		par_over and critical option break end left right of over note links link properties details
		activate deactivate title acctitle accdescr sequencediagram autonumber off`) {
		m[w] = true
	}
	return m
}()

// mmdText writes text for Mermaid: every character its sequence diagrams
// read as syntax in a message, a note or the title (a statement ends at ;
// or a new line, # and %% start a comment, : comes between a statement and
// its text, < > & and quotes are HTML, $$ starts a formula) as the entity
// code Mermaid decodes, #59; for ";". Line breaks never reach it (see
// oneLine).
func mmdText(s string) string { return mmdTextEscaper.Replace(s) }

// mmdName writes a participant's name or address for Mermaid as mmdText
// does, and also the , and @ that end a participant's name there.
func mmdName(s string) string { return mmdNameEscaper.Replace(s) }

var (
	mmdTextEscaper = entities(`#;:%<>&"$`)
	mmdNameEscaper = entities(`#;:%<>&"$,@`)
)

// entities returns a replacer that writes each of chars as its entity code.
func entities(chars string) *strings.Replacer {
	var pairs []string
	for _, c := range chars {
		pairs = append(pairs, string(c), "#"+strconv.Itoa(int(c))+";")
	}
	return strings.NewReplacer(pairs...)
}
