package lessons

import (
	"testing"

	"github.com/siplab/siplab/nodes"
)

func element(s *Snapshot, name string) nodes.ElementState {
	for _, e := range s.Elements {
		if e.Name == name {
			return e
		}
	}
	return nodes.ElementState{}
}

// TestStateAt follows proxy-call step by step: the transactions, the
// dialogs and the bindings are what RFC 3261 says at each instant.
func TestStateAt(t *testing.T) {
	l, _ := Find("proxy-call")
	o := RunOptions{Seed: 1}
	tr := run(t, "proxy-call", 1)
	stepOf := func(from, to, lbl string) int {
		for _, e := range messages(tr) {
			if e.From == from && e.To == to && label(e.Summary) == lbl {
				return e.Seq
			}
		}
		t.Fatalf("no %s>%s %s", from, to, lbl)
		return 0
	}

	s0, err := StateAt(l, o, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(element(s0, "location").Bindings) != 0 || len(element(s0, "alice").Transactions) != 0 {
		t.Errorf("state before anything: %+v", s0)
	}

	// After the proxy forwarded the INVITE: alice's client transaction is
	// Proceeding (100 Trying arrived? not yet: it is in flight), the proxy
	// has an INVITE server and an INVITE client transaction.
	s, _ := StateAt(l, o, stepOf("proxy", "bob", "INVITE"))
	p := element(s, "proxy")
	if len(p.Transactions) != 2 {
		t.Fatalf("proxy transactions %+v", p.Transactions)
	}
	kinds := map[string]nodes.TxState{}
	for _, tx := range p.Transactions {
		kinds[tx.Kind] = tx.State
	}
	if kinds["node.tx.ict"] != nodes.Calling || kinds["node.tx.ist"] != nodes.Proceeding {
		t.Errorf("proxy transactions %+v", p.Transactions)
	}
	a := element(s, "alice")
	if len(a.Transactions) != 1 || a.Transactions[0].State != nodes.Calling {
		t.Errorf("alice %+v", a.Transactions)
	}
	timers := map[string]bool{}
	for _, tm := range a.Transactions[0].Timers {
		timers[tm.Name] = true
	}
	if !timers["A"] || !timers["B"] {
		t.Errorf("alice's INVITE client transaction should run Timers A and B: %+v", a.Transactions[0].Timers)
	}
	if b := element(s, "location").Bindings; len(b) != 1 || b[0].AOR != "sip:bob@biloxi.example.com" {
		t.Errorf("bindings %+v", b)
	}

	// After the ACK reached bob: both UAs have the confirmed dialog with
	// the proxy in the route set.
	s, _ = StateAt(l, o, stepOf("proxy", "bob", "ACK"))
	for _, name := range []string{"alice", "bob"} {
		d := element(s, name).Dialogs
		if len(d) != 1 || !d[0].Confirmed || len(d[0].RouteSet) != 1 {
			t.Errorf("%s dialogs %+v", name, d)
		}
	}

	// Going back is exact: the same step gives the same state.
	again, _ := StateAt(l, o, stepOf("proxy", "bob", "INVITE"))
	if len(element(again, "proxy").Transactions) != 2 {
		t.Error("going back to an earlier step gave another state")
	}
}
