package lessons

import (
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
)

// TestCancelWaitsForDelayedRinging: with the callee's 180s held on the
// way, the caller's CANCEL reaches the element next to bob before any
// provisional response did. RFC 3261 §9.1: that element keeps the CANCEL
// until the 180 arrives, then sends it; bob answers 487, which reaches
// alice and is ACKed. In no-answer the element is the proxy (§16.10); in
// cancel it is alice herself.
func TestCancelWaitsForDelayedRinging(t *testing.T) {
	for _, c := range []struct {
		lesson, fault string
		canceller     string        // the element whose CANCEL must wait
		asked         time.Duration // when alice gives up
	}{
		{"no-answer", "delay:180@bob>proxy#*=25s", "proxy", 21 * time.Second},
		{"cancel", "delay:180@bob>alice#*=5s", "alice", 3 * time.Second},
	} {
		t.Run(c.lesson, func(t *testing.T) {
			l, err := Find(c.lesson)
			if err != nil {
				t.Fatal(err)
			}
			tr, err := Run(l, RunOptions{Seed: 1, Faults: []string{c.fault}})
			if err != nil {
				t.Fatal(err)
			}
			var ringing, cancel []sim.Event
			for _, e := range messages(tr) {
				switch {
				case e.From == "bob" && e.To == c.canceller && label(e.Summary) == "180":
					ringing = append(ringing, e)
				case e.From == c.canceller && e.To == "bob" && label(e.Summary) == "CANCEL":
					cancel = append(cancel, e)
				}
			}
			if len(ringing) == 0 || ringing[0].Arrive <= c.asked {
				t.Fatalf("the fault did not hold the 180 past the CANCEL:\n%s", flow(tr))
			}
			if len(cancel) != 1 || cancel[0].At != ringing[0].Arrive || cancel[0].Cause != ringing[0].Seq {
				t.Fatalf("%s's CANCELs to bob at %v, want one when the first 180 arrives (%v), caused by it (§9.1):\n%s",
					c.canceller, eventTimes(cancel), ringing[0].Arrive, flow(tr))
			}
			for _, hop := range [][3]string{{"bob", c.canceller, "487"}, {c.canceller, "bob", "ACK"}} {
				if at, _ := sent(tr, hop[0], hop[1], hop[2]); len(at) == 0 {
					t.Errorf("no %s>%s %s: the INVITE must end with 487, ACKed (§9.2, §17.1.1.3)", hop[0], hop[1], hop[2])
				}
			}
			if c.canceller == "proxy" {
				if at, _ := sent(tr, "proxy", "alice", "487"); len(at) == 0 {
					t.Error("the proxy did not forward the 487 to alice (§16.7)")
				}
			}
		})
	}
}

func eventTimes(evs []sim.Event) []time.Duration {
	var out []time.Duration
	for _, e := range evs {
		out = append(out, e.At)
	}
	return out
}
