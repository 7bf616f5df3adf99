// Package sim is siplab's simulation engine: a whole SIP network runs in one
// process, on a virtual clock, and every run is recorded as a Trace.
//
// The engine moves bytes; it does not parse SIP. The SIP elements (package
// nodes) sit on top of it: they own Hosts, send raw messages with Host.Send,
// receive them through Host.Receive, and schedule their RFC 3261 timers with
// Sim.After.
//
// Concepts, one per file:
//
//   - sim.go: the Sim, its seeded random streams and its single event loop
//     (Step, Run, RunUntil), and the limits of a runaway run (MaxEvents,
//     MaxTraceBytes, RunawayError).
//   - clock.go: virtual-time Timers (After, Stop).
//   - eventqueue.go: the event heap, ordered by (time, insertion sequence) so
//     that ties resolve the same way on every run.
//   - network.go: the Network of Hosts and Links, and the path a packet takes
//     from Send to delivery.
//   - host.go: Hosts, Packets and SendOptions.
//   - link.go: Links, their LinkConfig (latency, jitter, loss, duplication)
//     and the Transport (UDP or TCP-like) that decides what a loss means.
//   - filter.go: composable impairments (Filter, Verdict) in the style of
//     pion/transport's vnet; a link's own loss, duplication and jitter are
//     Filters too, and faults plug in the same way.
//   - dns.go: a tiny, simplified RFC 3263 resolver.
//   - srv.go: NAPTR and SRV records, and Locate: RFC 3263 §4.1/§4.2 with
//     the RFC 2782 priority and weight order, every lookup traced.
//   - trace.go: the Trace, its Events and their JSON form.
//   - record.go: how elements add timer, state, note and lookup events.
//   - limit.go: how much siplab reads of a file (MaxTraceFile, ReadAtMost,
//     TooLargeError).
//
// Determinism: there are no goroutines and no wall-clock reads. One loop pops
// events in (time, sequence) order, and every random draw comes from streams
// derived from the run's seed (Sim.Rand, Sim.Stream), never from the global
// generator. The same seed and the same inputs give the same trace, byte for
// byte.
package sim
