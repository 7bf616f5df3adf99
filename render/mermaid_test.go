package render

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/golden"
)

// mermaidDir holds the golden Mermaid diagrams.
var mermaidDir = filepath.Join("..", "testdata", "mermaid")

func mermaidString(t *testing.T, tr *sim.Trace, o MermaidOptions) string {
	t.Helper()
	var b bytes.Buffer
	if err := Mermaid(&b, tr, o); err != nil {
		t.Fatalf("Mermaid: %v", err)
	}
	return b.String()
}

// TestMermaidGolden compares the Mermaid diagrams of a few lessons, in
// English and Chinese, and of a trace full of Mermaid's syntax, with
// testdata/mermaid (go test ./render -run MermaidGolden -update rewrites
// them); TestMermaidInBrowser has Mermaid draw them all.
func TestMermaidGolden(t *testing.T) {
	for _, tc := range []struct {
		name, lesson string
		faults       []string // injected into the run
		reasons      bool
	}{
		{"proxy-call", "proxy-call", nil, false},
		{"proxy-call-reasons", "proxy-call", nil, true},
		{"lost-invite", "lost-invite", nil, false}, // the lesson's own faults: INVITE lost twice
		{"redirect-call", "redirect-call", nil, false},
		{"proxy-call-delay", "proxy-call", []string{"delay:180=2s"}, false},
		{"direct-call-dup", "direct-call", []string{"dup:INVITE"}, false},
	} {
		l, err := lessons.Load(tc.lesson)
		if err != nil {
			t.Fatal(err)
		}
		var faults []sim.Fault
		for _, spec := range tc.faults {
			f, err := sim.ParseFault(spec)
			if err != nil {
				t.Fatal(err)
			}
			faults = append(faults, f)
		}
		tr, err := lessons.Run(l, lessons.RunOptions{Seed: 1, Faults: faults})
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range i18n.Langs() {
			name := tc.name + "-" + string(lang) + ".mmd"
			got := mermaidString(t, tr, MermaidOptions{LadderOptions: LadderOptions{Lang: lang}, Reasons: tc.reasons})
			golden.CheckString(t, filepath.Join(mermaidDir, name), got)
		}
	}
	golden.CheckString(t, filepath.Join(mermaidDir, "odd.mmd"), mermaidString(t, oddMermaid(), MermaidOptions{Reasons: true}))
}

// TestMermaidShape checks the parts of a diagram one by one: the
// participants in lane order, an arrow per message and lookup, lost and
// retransmitted messages marked, the network's notes under their arrow.
func TestMermaidShape(t *testing.T) {
	got := mermaidString(t, lostInvite(), MermaidOptions{})
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	var participants, arrows, lost, notes []string
	for _, line := range lines[1:] {
		line = strings.TrimPrefix(line, "    ")
		switch {
		case strings.HasPrefix(line, "participant "):
			participants = append(participants, strings.Fields(line)[1])
		case strings.HasPrefix(line, "Note over "):
			notes = append(notes, line)
		case strings.Contains(line, "-x"):
			lost = append(lost, line)
		case strings.Contains(line, "->>"):
			arrows = append(arrows, line)
		}
	}
	if lines[0] != "sequenceDiagram" {
		t.Errorf("first line %q", lines[0])
	}
	if want := LaneOrder(lostInvite()); !slices.Equal(participants, want) {
		t.Errorf("participants %v, want the lanes %v", participants, want)
	}
	if len(arrows)+len(lost) != arrowRows(NewLadder(lostInvite(), LadderOptions{})) || len(lost) != 2 {
		t.Errorf("%d arrows and %d lost ones:\n%s", len(arrows), len(lost), got)
	}
	for _, l := range lost {
		if !strings.HasSuffix(l, " (lost)") {
			t.Errorf("lost arrow not marked: %q", l)
		}
	}
	if !strings.Contains(got, "(retrans)") {
		t.Errorf("no retransmission marked:\n%s", got)
	}
	if got := mermaidString(t, lostInvite(), MermaidOptions{LadderOptions: LadderOptions{HideRetransmissions: true}}); strings.Contains(got, "(retrans)") {
		t.Errorf("retransmissions shown though hidden:\n%s", got)
	}
}

// TestMermaidIDs: a node name that Mermaid would misread, or that another
// lane already took, gets a made-up identifier.
func TestMermaidIDs(t *testing.T) {
	var lanes []Lane
	for _, name := range []string{"alice", "end", "Note", "lane1", "192.0.2.9:5060", "proxy-1", "bob", "alice"} {
		lanes = append(lanes, Lane{Name: name})
	}
	got := mermaidIDs(lanes)
	want := []string{"alice", "lane2", "lane3", "lane1", "lane4", "lane5", "bob", "lane6"}
	if !slices.Equal(got, want) {
		t.Errorf("mermaidIDs = %v, want %v", got, want)
	}
}

// TestMermaidTitleFaults: the title names every fault the trace records,
// the lesson's own and the run's, in order, node faults included: from the
// trace's fields, not from the notes of the messages they acted on.
func TestMermaidTitleFaults(t *testing.T) {
	tr := lostInvite()
	tr.Events[1].Notes = []sim.Text{sim.T("net.fault.drop", "drop:BYE")} // a note names no fault of the title
	tr.LessonFaults = []string{"drop:INVITE"}
	tr.Faults = []string{"down:bob@3s", "respond:bob=486"}
	title, _, _ := strings.Cut(mermaidString(t, tr, MermaidOptions{LadderOptions: LadderOptions{Lang: i18n.ZH}}), "\n    participant")
	if want := "（注入故障：drop#58;INVITE, down#58;bob@3s, respond#58;bob=486）"; !strings.HasSuffix(title, want) {
		t.Errorf("title %q, want it to end in %q", title, want)
	}
}

func TestMermaidNoTrace(t *testing.T) {
	if err := Mermaid(&bytes.Buffer{}, nil, MermaidOptions{}); err == nil {
		t.Error("no error for a nil trace")
	}
}

// TestMarkdownMermaidLadder: with MermaidLadder the walkthrough has the
// ladder as a mermaid block, without the title its heading gives, instead
// of the SVG image; the web page keeps the SVG.
func TestMarkdownMermaidLadder(t *testing.T) {
	tr := forwardedCall()
	o := WalkthroughOptions{MermaidLadder: true}
	md := markdownString(t, tr, o)
	block := "```mermaid\n" + strings.Replace(mermaidString(t, tr, MermaidOptions{}), "    title "+mmdText("lesson forwarded-call: A call forwarded by a proxy")+"\n", "", 1) + "```\n"
	if !strings.Contains(md, block) {
		t.Errorf("the walkthrough lacks the block\n%s\nin\n%s", block, md)
	}
	if strings.Contains(md, LadderFile(tr.Lesson)) || !strings.Contains(md, TopologyFile(tr.Lesson)) {
		t.Errorf("the walkthrough should show the topology and not the SVG ladder:\n%s", md)
	}
	var page bytes.Buffer
	if err := HTML(&page, tr, o); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(page.String(), "sequenceDiagram") || !strings.Contains(page.String(), `id="step-1"`) {
		t.Error("the web page should draw the SVG ladder, not a Mermaid block")
	}
}
