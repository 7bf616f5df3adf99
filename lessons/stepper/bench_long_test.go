package stepper

import (
	"testing"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/lessons/lessontest"
	"github.com/siplab/siplab/render/i18n"
)

// BenchmarkStates takes the state after every step of proxy-call, as a
// student stepping through it does.
func BenchmarkStates(b *testing.B) {
	l, err := lessons.Find("proxy-call")
	if err != nil {
		b.Fatal(err)
	}
	benchStates(b, l, false)
}

// BenchmarkStatesLong takes the state after every step of a lesson of 50
// calls (1,960 steps), forwards then backwards.
func BenchmarkStatesLong(b *testing.B) { benchStates(b, lessontest.ManyCalls(50), true) }

// benchStates runs lesson l and takes the state after every step, then,
// with back, after every step again on the way back to the start.
func benchStates(b *testing.B, l *lessons.Lesson, back bool) {
	b.ReportAllocs()
	for b.Loop() {
		s, _, err := ForLesson(l, lessons.RunOptions{Seed: 1}, Options{Lang: i18n.EN})
		if err != nil {
			b.Fatal(err)
		}
		for s.Next() {
			if _, err := s.State(); err != nil {
				b.Fatal(err)
			}
		}
		for back && s.Prev() {
			if _, err := s.State(); err != nil {
				b.Fatal(err)
			}
		}
	}
}
