package lessons

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/golden"
	"github.com/siplab/siplab/sim/sip"
)

const goldenDir = "../testdata/lessons"

func run(t testing.TB, id string, seed uint64) *sim.Trace {
	t.Helper()
	l, err := Find(id)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := Run(l, RunOptions{Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// TestCatalogLoads: every built-in lesson file loads; All leaves out a file
// that does not.
func TestCatalogLoads(t *testing.T) {
	if err := CatalogError(); err != nil {
		t.Fatal(err)
	}
}

// TestGolden keeps the JSON trace and the text ladder of every lesson.
func TestGolden(t *testing.T) {
	for _, l := range All() {
		t.Run(l.ID, func(t *testing.T) {
			tr := run(t, l.ID, 1)
			var js, txt bytes.Buffer
			if err := tr.WriteJSON(&js, i18n.EN); err != nil {
				t.Fatal(err)
			}
			if err := render.Text(&txt, tr, render.TextOptions{Lang: i18n.EN}); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join(goldenDir, l.ID+".json"), js.Bytes())
			golden.Check(t, filepath.Join(goldenDir, l.ID+".txt"), txt.Bytes())
		})
	}
}

// TestDeterministic: the same lesson and seed give the same bytes; another
// seed gives other identifiers but the same flow.
func TestDeterministic(t *testing.T) {
	for _, l := range All() {
		var a, b, c bytes.Buffer
		run(t, l.ID, 7).WriteJSON(&a, i18n.EN)
		run(t, l.ID, 7).WriteJSON(&b, i18n.EN)
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two runs with seed 7 differ", l.ID)
		}
		run(t, l.ID, 8).WriteJSON(&c, i18n.EN)
		if bytes.Equal(a.Bytes(), c.Bytes()) {
			t.Errorf("%s: seeds 7 and 8 give the same trace", l.ID)
		}
		if got, want := flow(run(t, l.ID, 8)), flow(run(t, l.ID, 7)); got != want {
			t.Errorf("%s: the flow depends on the seed:\n%s\n%s", l.ID, got, want)
		}
	}
}

// TestEveryMessageParses: every message on every link is valid SIP.
func TestEveryMessageParses(t *testing.T) {
	for _, l := range All() {
		for _, e := range run(t, l.ID, 1).Events {
			if e.Type != sim.EventMessage {
				continue
			}
			m, err := sip.Parse([]byte(e.Raw))
			if corrupted(e) {
				// Damaged on purpose by a corrupt fault: it must not parse.
				if err == nil {
					t.Errorf("%s #%d was corrupted but still parses", l.ID, e.Seq)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s #%d %s→%s does not parse: %v\n%s", l.ID, e.Seq, e.From, e.To, err, e.Raw)
				continue
			}
			if !bytes.Equal(m.Bytes(), []byte(e.Raw)) {
				t.Errorf("%s #%d is not in canonical form", l.ID, e.Seq)
			}
		}
	}
}

// TestBothLanguages: every lesson has its texts in English and Chinese, and
// its trace keeps both (the views choose; render's tests check that every
// view of every lesson resolves every key in both languages).
func TestBothLanguages(t *testing.T) {
	for _, l := range All() {
		for _, txt := range []Text{l.Title, l.Summary, l.Intro} {
			if txt.EN == "" || txt.ZH == "" {
				t.Errorf("%s: a text is missing a language: %+v", l.ID, txt)
			}
		}
		tr := run(t, l.ID, 1)
		if tr.Title.EN != l.Title.EN || tr.Title.ZH != l.Title.ZH || tr.Intro.ZH != l.Intro.ZH {
			t.Errorf("%s: the trace's title or introduction is not the lesson's: %+v", l.ID, tr.Title)
		}
	}
}

// flow is the shape of a run: one line per delivered or lost message,
// "from>to label".
func flow(tr *sim.Trace) string {
	var b strings.Builder
	for _, e := range tr.Events {
		if e.Type != sim.EventMessage {
			continue
		}
		b.WriteString(e.From + ">" + e.To + " " + label(e.Summary))
		if e.Dropped {
			b.WriteString(" (lost)")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func label(t sim.Text) string {
	summary := t.String()
	if rest, ok := strings.CutPrefix(summary, "SIP/2.0 "); ok {
		code, _, _ := strings.Cut(rest, " ")
		return code
	}
	method, _, _ := strings.Cut(summary, " ")
	return method
}

func messages(tr *sim.Trace) []sim.Event {
	var out []sim.Event
	for _, e := range tr.Events {
		if e.Type == sim.EventMessage {
			out = append(out, e)
		}
	}
	return out
}

func parse(t *testing.T, e sim.Event) *sip.Message {
	t.Helper()
	m, err := sip.Parse([]byte(e.Raw))
	if err != nil {
		t.Fatalf("#%d: %v", e.Seq, err)
	}
	return m
}

func corrupted(e sim.Event) bool {
	for _, n := range e.Notes {
		if n.Key == "net.fault.corrupt" {
			return true
		}
	}
	return false
}
