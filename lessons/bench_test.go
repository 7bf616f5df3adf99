package lessons

import "testing"

// BenchmarkRunProxyCall runs the whole proxy-call lesson: building the
// network, 15 messages through 5 elements, and the timers to the end.
func BenchmarkRunProxyCall(b *testing.B) {
	l, err := Find("proxy-call")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(l, RunOptions{Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
