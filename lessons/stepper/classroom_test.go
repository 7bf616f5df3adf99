package stepper

import (
	"slices"
	"testing"

	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
)

// TestNextAndPrevMessage walks proxy-call message by message, both ways:
// every message is visited once, in order, and nothing else.
func TestNextAndPrevMessage(t *testing.T) {
	s := newTestStepper(t, "proxy-call", i18n.EN)
	var want []int
	for _, e := range s.Trace().Events {
		if e.Type == sim.EventMessage {
			want = append(want, e.Seq)
		}
	}
	var forth []int
	for s.NextMessage() {
		forth = append(forth, s.Step())
	}
	if !slices.Equal(forth, want) {
		t.Errorf("forwards %v, want %v", forth, want)
	}
	if s.NextMessage() || s.Step() != want[len(want)-1] {
		t.Errorf("past the last message: step %d", s.Step())
	}
	if err := s.Goto(s.Total()); err != nil {
		t.Fatal(err)
	}
	var back []int
	for s.PrevMessage() {
		back = append(back, s.Step())
	}
	slices.Reverse(back)
	if !slices.Equal(back, want) {
		t.Errorf("backwards %v, want %v", back, want)
	}
	if s.PrevMessage() || s.Step() != want[0] {
		t.Errorf("before the first message: step %d", s.Step())
	}
}

// TestSteps checks what the web page's player gets: every step, each as
// the stepper shows it there, and the stepper back where it was.
func TestSteps(t *testing.T) {
	s := newTestStepper(t, "proxy-call", i18n.ZH, "drop:INVITE")
	if err := s.Goto(7); err != nil {
		t.Fatal(err)
	}
	steps := s.Steps()
	if len(steps) != s.Total()+1 || s.Step() != 7 {
		t.Fatalf("%d steps for %d events; the stepper is at %d", len(steps), s.Total(), s.Step())
	}
	for _, n := range []int{0, 8, s.Total()} {
		if err := s.Goto(n); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			what string
			got  []Line
			want []Line
		}{
			{"event", fromPlayer(steps[n].Event), s.EventLines(false)},
			{"full", fromPlayer(steps[n].Full), s.FullLines()},
			{"state", fromPlayer(steps[n].State), s.StateLines()},
		} {
			if !slices.Equal(c.got, c.want) {
				t.Errorf("step %d, %s:\n%v\nwant\n%v", n, c.what, c.got, c.want)
			}
		}
	}
}

func fromPlayer(lines []render.PlayerLine) []Line {
	var out []Line
	for _, l := range lines {
		out = append(out, Line{l.Text, Kind(l.Kind)})
	}
	return out
}
