package render

import (
	"strings"
	"testing"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
)

// TestLadderForSlides checks the options of a slide: only the arrows,
// dialogs named d1 whichever end names them, the full id kept.
func TestLadderForSlides(t *testing.T) {
	tr := delayedCall()
	l := NewLadder(tr, LadderOptions{MessagesOnly: true})
	for _, r := range l.Rows {
		if r.Kind != RowArrow {
			t.Errorf("MessagesOnly: step %d is a %s", r.Event.Seq, r.Event.Type)
		}
	}
	if len(l.Rows) != 4 || l.Hidden[sim.EventNote] != 2 || l.Hidden[sim.EventTimer] != 1 || l.Hidden[sim.EventState] != 1 {
		t.Errorf("MessagesOnly: %d rows, hidden %v", len(l.Rows), l.Hidden)
	}

	short := NewLadder(tr, LadderOptions{ShortNames: true})
	for seq, want := range map[int]string{4: "dialog d1 established", 7: "dialog d1 confirmed by the ACK"} {
		r := short.Row(seq)
		if r == nil || r.Label != want || !strings.Contains(r.Full, "a84b4c76e66710@pc33.atlanta.example.com;") {
			t.Errorf("step %d: %+v, want %q with the full id kept", seq, r, want)
		}
	}
	if r := NewLadder(tr, LadderOptions{}).Row(4); r == nil || !strings.Contains(r.Label, "a84b4c76e66710") || r.Full != "" {
		t.Errorf("without ShortNames: %+v", r)
	}
	zh := NewLadder(tr, LadderOptions{ShortNames: true, Lang: i18n.ZH})
	if r := zh.Row(4); r == nil || r.Label != "对话 d1 已建立" {
		t.Errorf("in Chinese: %+v", r)
	}
}

// TestLadderLateArrival: a message held on its link arrives late, and
// says when; the others do not.
func TestLadderLateArrival(t *testing.T) {
	l := NewLadder(delayedCall(), LadderOptions{})
	for _, r := range l.Rows {
		want := map[int]string{2: "2.020s"}[r.Event.Seq]
		got := ""
		if r.Late > 0 {
			got = FormatTime(r.Late)
		}
		if got != want {
			t.Errorf("step %d arrives late at %q, want %q", r.Event.Seq, got, want)
		}
	}
	for _, lang := range i18n.Langs() {
		svg := string(svgOf(t, delayedCall(), LadderOptions{Lang: lang}))
		if want := lang.T("views.arrives", "2.020s"); !strings.Contains(svg, want) {
			t.Errorf("%s: the SVG does not say %q", lang, want)
		}
	}
}

// TestSVGNoteOwners: every note, timer and state row of a lane has a dot
// on that lane at its row, on the left lanes and the right ones alike,
// joined to its text.
func TestSVGNoteOwners(t *testing.T) {
	for _, tc := range svgCases {
		l := NewLadder(tc.trace(), tc.opts)
		s := newSVGLadder(l, tc.opts.Lang, tc.opts.MaxWidth)
		root := parseSVG(t, s.draw())
		groups := map[string]*svgElement{}
		for _, e := range root.all() {
			if e.name == "g" && e.attrs["id"] != "" {
				groups[e.attrs["id"]] = e
			}
		}
		for i, r := range l.Rows {
			if r.Kind != RowNote || r.Lane < 0 {
				continue
			}
			g := groups[stepID(r.Event.Seq)]
			var dot *svgElement
			for _, c := range g.all() {
				if c.name == "circle" && c.attrs["class"] == "owner" {
					dot = c
				}
			}
			if dot == nil {
				t.Errorf("%s: step %d (%s) has no dot on its lane", tc.name, r.Event.Seq, r.Label)
				continue
			}
			if cx, cy := num64(t, dot.attrs["cx"]), num64(t, dot.attrs["cy"]); dot.attrs["cx"] != num(s.laneX[r.Lane]) || dot.attrs["cy"] != num(s.rowY[i]) {
				t.Errorf("%s: step %d's dot at (%v,%v), its lane at x %v, its row at y %v", tc.name, r.Event.Seq, cx, cy, s.laneX[r.Lane], s.rowY[i])
			}
		}
	}
}

// TestSVGLegend: the legend names what the picture draws and nothing
// else, explains the gaps in the step numbers, and the summary counts the
// retransmissions left out.
func TestSVGLegend(t *testing.T) {
	legend := func(tr *sim.Trace, o LadderOptions) string {
		return strings.Join(newSVGLadder(NewLadder(tr, o), o.Lang, o.MaxWidth).legend, " ")
	}
	plain := legend(lostInvite(), LadderOptions{})
	for _, want := range []string{"retransmission", "✕ lost", "◷ timer", "step numbers skip the events not drawn: state change ×3"} {
		if !strings.Contains(plain, want) {
			t.Errorf("lost-invite's legend %q lacks %q", plain, want)
		}
	}
	if strings.Contains(plain, "lookup") {
		t.Errorf("lost-invite has no lookup, yet its legend %q names one", plain)
	}
	if all := legend(lostInvite(), LadderOptions{ShowStates: true}); strings.Contains(all, "skip") {
		t.Errorf("with every event drawn the legend %q speaks of gaps", all)
	}
	hidden := legend(lostInvite(), LadderOptions{HideRetransmissions: true})
	if strings.Contains(hidden, "╌╌") || strings.Contains(hidden, "◷") ||
		!strings.Contains(hidden, "3 retransmissions with their timers and notes") {
		t.Errorf("with retransmissions hidden the legend is %q", hidden)
	}
	if zh := legend(lostInvite(), LadderOptions{Lang: i18n.ZH, HideRetransmissions: true}); !strings.Contains(zh, "3 条重传及其定时器和说明") {
		t.Errorf("Chinese legend %q", zh)
	}
}

// TestSVGSlideWidth: with a width cap the picture keeps to it, the texts
// cut short keeping their whole text in their tooltip.
func TestSVGSlideWidth(t *testing.T) {
	for _, tr := range []*sim.Trace{proxyCall(), forwardedCall(), wideLabels(), delayedCall()} {
		for _, lang := range i18n.Langs() {
			// As narrow as the lanes' headers allow.
			o := LadderOptions{Lang: lang, MessagesOnly: true, ShortNames: true, MaxWidth: 500}
			s := newSVGLadder(NewLadder(tr, o), lang, o.MaxWidth)
			if s.width > 500 {
				t.Errorf("%s %s: %.1f pt wide, over 500", tr.Lesson, lang, s.width)
			}
			for i, lb := range s.labels {
				if strings.HasSuffix(lb.text, "…") && !strings.HasPrefix(lb.tip, strings.TrimSuffix(lb.text, "…")) {
					t.Errorf("%s step %d: cut to %q, its tooltip %q", tr.Lesson, s.Rows[i].Event.Seq, lb.text, lb.tip)
				}
			}
		}
	}
}

// TestSVGCallouts: a lesson's own note on a message is numbered on its
// row and written under the picture; the catalog's notes (a fault's) are
// not.
func TestSVGCallouts(t *testing.T) {
	for _, lang := range i18n.Langs() {
		s := newSVGLadder(NewLadder(delayedCall(), LadderOptions{Lang: lang}), lang, 0)
		if len(s.callouts) != 1 || s.callouts[0].no != 1 || s.calloutNo[0] != 1 || s.calloutNo[1] != 0 {
			t.Errorf("%s: callouts %+v, rows numbered %v", lang, s.callouts, s.calloutNo)
		}
		want := map[i18n.Lang]string{i18n.EN: "alice offers PCMU", i18n.ZH: "alice 提议 PCMU"}[lang]
		if len(s.callouts) > 0 && s.callouts[0].text != want {
			t.Errorf("%s: callout %q, want %q", lang, s.callouts[0].text, want)
		}
	}
}

// TestLookupColourWithoutItsCause: a lookup keeps the colour of the
// message that caused it when that message, a retransmission, is left
// out (lost-invite: the retransmitted INVITE makes the proxy look bob up).
func TestLookupColourWithoutItsCause(t *testing.T) {
	checked := 0
	for f, tr := range lessonTraces(t) {
		all := NewLadder(tr, LadderOptions{})
		hidden := NewLadder(tr, LadderOptions{HideRetransmissions: true})
		for _, r := range hidden.Rows {
			if r.Event.Type != sim.EventLookup {
				continue
			}
			if cause := tr.Get(r.Event.Cause); cause != nil && cause.Retransmission {
				checked++
			}
			if want := all.Colour(all.Row(r.Event.Seq)); hidden.Colour(&r) != want {
				t.Errorf("%s: lookup %d is %s, %s with the retransmissions shown", f, r.Event.Seq, hidden.Colour(&r), want)
			}
		}
	}
	if checked == 0 {
		t.Error("no lookup caused by a retransmission: the test checks nothing")
	}
}
