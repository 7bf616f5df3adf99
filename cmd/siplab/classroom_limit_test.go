package main

import (
	"strings"
	"testing"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/lessons/lessontest"
	"github.com/siplab/siplab/render/i18n"
)

// The web page of a run longer than maxPlayerStates steps carries no state
// of the elements (it would grow with the square of the run) and says so at
// every step; a shorter run's page carries the state.
func TestClassroomStateIsBounded(t *testing.T) {
	for _, tc := range []struct {
		calls     int
		withState bool
	}{{2, true}, {60, false}} {
		l := lessontest.ManyCalls(tc.calls)
		run := lessons.RunOptions{Seed: 1}
		tr, err := lessons.Run(l, run)
		if err != nil {
			t.Fatal(err)
		}
		if long := len(tr.Events) > maxPlayerStates; long == tc.withState {
			t.Fatalf("%d calls make %d steps: the case does not test what it says", tc.calls, len(tr.Events))
		}
		c, err := classroom(tr, viewOptions{Lang: i18n.EN, Lesson: l, Run: run})
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Steps) != len(tr.Events)+1 {
			t.Fatalf("%d calls: %d steps in the page, want %d", tc.calls, len(c.Steps), len(tr.Events)+1)
		}
		last := c.Steps[len(c.Steps)-1].State
		said := len(last) == 1 && strings.Contains(last[0].Text, "siplab step")
		if said == tc.withState {
			t.Errorf("%d calls: the last step's state is %v", tc.calls, last)
		}
	}
}
