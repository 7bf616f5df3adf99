package sim

import (
	"testing"
	"time"
)

const benchEvents = 1_000_000

// BenchmarkEventLoop runs 1e6 timer events per op, in two shapes: all
// scheduled up front (a heap 1e6 deep), and 1000 timers that re-arm
// themselves (a shallow heap, the shape of a real run).
func BenchmarkEventLoop(b *testing.B) {
	b.Run("preloaded", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s := New(1)
			s.MaxEvents = 0
			r := s.Rand()
			fn := func() {}
			for range benchEvents {
				s.After(time.Duration(r.Int64N(int64(10*time.Second))), fn)
			}
			if err := s.Run(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchEvents), "ns/event")
	})
	b.Run("rearming", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s := New(1)
			s.MaxEvents = 0
			r := s.Rand()
			left := benchEvents
			var tick func()
			tick = func() {
				if left--; left > 0 {
					s.After(time.Duration(r.Int64N(int64(time.Second))), tick)
				}
			}
			for range 1000 {
				s.After(time.Duration(r.Int64N(int64(time.Second))), tick)
			}
			if err := s.Run(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchEvents), "ns/event")
	})
}

// BenchmarkSendDeliver sends one SIP-sized datagram per op over a jittery,
// lossy UDP link and runs its delivery, trace recording included.
func BenchmarkSendDeliver(b *testing.B) {
	s := New(1)
	s.MaxEvents = 0
	a := s.Net.AddHost("alice", "ua", aliceAddr)
	c := s.Net.AddHost("bob", "ua", bobAddr)
	s.Net.Connect(a, c, LinkConfig{Latency: 10 * time.Millisecond, Jitter: time.Millisecond, Loss: 0.01})
	delivered := 0
	c.Receive = func(Packet) { delivered++ }
	msg := make([]byte, 600)
	copy(msg, "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n")
	b.ReportAllocs()
	b.SetBytes(int64(len(msg)))
	for b.Loop() {
		a.Send(bobAddr, msg, SendOptions{})
		s.Step()
	}
	if delivered == 0 {
		b.Fatal("nothing delivered")
	}
}
