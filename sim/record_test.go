package sim

import (
	"net/netip"
	"testing"
	"time"
)

func TestRecord(t *testing.T) {
	s := New(1)
	if err := s.RunUntil(time.Second); err != nil {
		t.Fatal(err)
	}
	notes := Lits("a", "b")
	for i, rec := range []func() int{
		func() int { return s.Note("alice", Lit("note"), notes...) },
		func() int { return s.Timer("alice", Lit("timer"), notes...) },
		func() int { return s.State("alice", Lit("state"), notes...) },
		func() int { return s.Lookup("proxy", "location", Lit("lookup"), notes...) },
		func() int { return s.Record(Event{Type: EventNote, At: time.Hour, Seq: 42, Cause: 2}) },
	} {
		if seq := rec(); seq != i+1 {
			t.Errorf("record %d returned seq %d", i+1, seq)
		}
	}
	notes[0] = Lit("changed by the caller")
	want := []string{
		"#1 1s note alice: note [a; b]",
		"#2 1s timer alice: timer [a; b]",
		"#3 1s state alice: state [a; b]",
		"#4 1s lookup proxy → location: lookup [a; b]",
		"#5 1s note : ",
	}
	for i, e := range s.Trace.Events {
		if e.String() != want[i] {
			t.Errorf("event %d: %s, want %s", i+1, e, want[i])
		}
	}
	if s.Trace.Get(5).Cause != 2 {
		t.Error("Record lost the cause")
	}
}

func TestHostLookup(t *testing.T) {
	s := New(1)
	a := s.Net.AddHost("alice", "ua", aliceAddr)
	b := s.Net.AddHost("bob", "ua", bobAddr)
	if s.Net.Host("bob") != b || s.Net.HostAt(aliceAddr) != a || s.Net.Host("carol") != nil ||
		s.Net.HostAt(netip.MustParseAddrPort("192.0.2.99:5060")) != nil {
		t.Error("Host/HostAt")
	}
	if hs := s.Net.Hosts(); len(hs) != 2 || hs[0] != a || hs[1] != b {
		t.Errorf("Hosts = %v", hs)
	}
	if a.Sim() != s {
		t.Error("Host.Sim is not the host's Sim")
	}
}
