package rfccheck_test

import (
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/rfccheck"
)

// FuzzCheck feeds messages of any bytes, in any order between two nodes,
// to Check: it must never panic, and every finding names a message event.
func FuzzCheck(f *testing.F) {
	tr := run(f, "proxy-call", 1)
	for i := 0; i+1 < len(tr.Events); i++ {
		if a, b := tr.Events[i], tr.Events[i+1]; a.Type == sim.EventMessage && b.Type == sim.EventMessage {
			f.Add(a.Raw, b.Raw, a.Raw)
		}
	}
	f.Fuzz(func(t *testing.T, a, b, c string) {
		tr := &sim.Trace{}
		for i, raw := range []string{a, b, c, b} {
			from, to := "x", "y"
			if i%2 == 1 {
				from, to = to, from
			}
			tr.Add(sim.Event{Type: sim.EventMessage, At: time.Duration(i) * time.Second, From: from, To: to, Raw: raw})
		}
		for _, fd := range rfccheck.Check(tr, rfccheck.Options{}) {
			if e := tr.Get(fd.Seq); e == nil || e.Type != sim.EventMessage || fd.Text.Key == "" || fd.RFC == "" {
				t.Fatalf("finding %+v names no message", fd)
			}
		}
	})
}
