package stepper

import (
	"testing"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/lessons/lessontest"
	"github.com/siplab/siplab/render/i18n"
)

// BenchmarkStatesLong takes the state after every step of a lesson of 50
// calls (1,960 steps), forwards then backwards, as a student stepping
// through it and back does.
func BenchmarkStatesLong(b *testing.B) {
	l := lessontest.ManyCalls(50)
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
		for s.Prev() {
			if _, err := s.State(); err != nil {
				b.Fatal(err)
			}
		}
	}
}
