package rfccheck_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/rfccheck"
)

// calls is a trace of n proxy-call lessons one after the other, each with
// its own Call-ID, branches and tags, as a capture of a busy proxy would be.
func calls(b *testing.B, n int) *sim.Trace {
	one := run(b, "proxy-call", 1)
	out := &sim.Trace{}
	for i := range n {
		r := strings.NewReplacer("z9hG4bK", "z9hG4bK"+strconv.Itoa(i)+"x", "tag=", "tag="+strconv.Itoa(i)+"x",
			"Call-ID: ", "Call-ID: "+strconv.Itoa(i)+"x")
		for _, e := range one.Events {
			if e.Type == sim.EventMessage {
				e.Raw = r.Replace(e.Raw)
				out.Add(e)
			}
		}
	}
	return out
}

// BenchmarkCheck checks 1000 calls: the time per message stays that of a
// single call's (the rules compare messages of one call or transaction).
func BenchmarkCheck(b *testing.B) {
	for _, n := range []int{10, 1000} {
		t := calls(b, n)
		b.Run(strconv.Itoa(n)+"calls", func(b *testing.B) {
			for b.Loop() {
				if fs := rfccheck.Check(t, rfccheck.Options{}); len(fs) > 0 {
					b.Fatal(fs)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*t.Len()), "ns/message")
		})
	}
}
