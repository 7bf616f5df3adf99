// Package lessontest builds long lessons for the tests and benchmarks of
// the packages that run or show them: enough traffic to tell a linear cost
// from a quadratic one.
package lessontest

import (
	"testing"
	"time"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/sim"
)

// ManyCalls is proxy-call with n calls: bob registers, then alice calls him
// through the stateful, record-routing proxy n times, one call every 10 ms,
// each hung up after 1 s. Every call is 13 messages.
func ManyCalls(n int) *lessons.Lesson {
	base, err := lessons.Find("proxy-call")
	if err != nil {
		panic(err) // a built-in lesson
	}
	l := *base
	l.ID = "many-calls"
	l.Script = []lessons.Action{base.Script[0]} // bob registers
	for i := range n {
		l.Script = append(l.Script, lessons.Action{
			At: time.Second + time.Duration(i)*10*time.Millisecond, Node: "alice", Do: "call",
			Target: "sip:bob@biloxi.example.com", HangupAfter: time.Second,
		})
	}
	return &l
}

// ManyCallsTrace runs ManyCalls(n) with seed 1 and returns its trace.
func ManyCallsTrace(tb testing.TB, n int) *sim.Trace {
	tb.Helper()
	t, err := lessons.Run(ManyCalls(n), lessons.RunOptions{Seed: 1})
	if err != nil {
		tb.Fatal(err)
	}
	return t
}
