package render

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
)

// A recorded trace (a capture) is headed by its title alone: it is not a
// lesson and has no seed, in either language, however wide the terminal.
func TestRecordedTraceHeadline(t *testing.T) {
	tr := &sim.Trace{Source: "capture", Lesson: "call.pcapng",
		Title: sim.Lit("capture call.pcapng: 2 SIP messages in 2 frames, 0 without SIP"),
		Nodes: []sim.NodeInfo{
			{Name: "alice", Kind: "ua", Address: "127.0.0.10:5060"},
			{Name: "bob", Kind: "ua", Address: "127.0.0.14:5060"},
		}}
	tr.Add(sim.Event{Type: sim.EventMessage, From: "alice", To: "bob",
		Summary: sim.Lit("OPTIONS sip:bob@127.0.0.14 SIP/2.0"), Arrive: 20 * time.Millisecond})
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		for _, width := range []int{0, 40} {
			var b bytes.Buffer
			if err := Text(&b, tr, TextOptions{Lang: lang, Fit: width > 0, Width: width}); err != nil {
				t.Fatal(err)
			}
			head, _, _ := strings.Cut(b.String(), "\n\n")
			if !strings.HasPrefix(head, "capture call.pcapng") || strings.Contains(head, lang.T("cli.run.seed", 0)) {
				t.Errorf("%s, width %d: the heading is %q", lang, width, head)
			}
		}
	}
}
