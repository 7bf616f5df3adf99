package render_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/sim"
)

func ExampleNewLadder() {
	t := &sim.Trace{Lesson: "options", Nodes: []sim.NodeInfo{
		{Name: "bob", Kind: "ua", Role: sim.RoleCallee}, {Name: "proxy", Kind: "proxy"}, {Name: "alice", Kind: "ua", Role: sim.RoleCaller},
	}}
	invite := "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n" +
		"Via: SIP/2.0/UDP client.atlanta.example.com;branch=z9hG4bK74bf9\r\n" +
		"Max-Forwards: 70\r\nFrom: <sip:alice@atlanta.example.com>;tag=1\r\n" +
		"To: <sip:bob@biloxi.example.com>\r\nCall-ID: 1@atlanta\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n"
	t.Add(sim.Event{Type: sim.EventMessage, From: "alice", To: "proxy", Raw: invite,
		Summary: sim.Lit("INVITE sip:bob@biloxi.example.com SIP/2.0"), Arrive: 10 * time.Millisecond})
	t.Add(sim.Event{Type: sim.EventMessage, From: "proxy", To: "bob", Dropped: true, Retransmission: true,
		Summary: sim.Lit("INVITE sip:bob@biloxi.example.com SIP/2.0"), At: 10 * time.Millisecond})
	t.Add(sim.Event{Type: sim.EventTimer, Node: "proxy", Summary: sim.T("node.timer.retransmit", "A", "INVITE"), At: 510 * time.Millisecond})

	l := render.NewLadder(t, render.LadderOptions{})
	var names []string
	for _, ln := range l.Lanes {
		names = append(names, ln.Name)
	}
	fmt.Println(strings.Join(names, " "))
	for _, r := range l.Rows {
		if r.Kind == render.RowArrow {
			fmt.Printf("%d: lane %d → lane %d %q lost=%v group=%d\n", r.Event.Seq, r.From, r.To, r.Label, r.Lost, r.Group)
		} else {
			fmt.Printf("%d: note beside lane %d %q\n", r.Event.Seq, r.Lane, r.Text)
		}
	}
	fmt.Println(l.Summary(""))
	// Output:
	// alice proxy bob
	// 1: lane 0 → lane 1 "INVITE" lost=false group=0
	// 2: lane 1 → lane 2 "INVITE (retrans)" lost=true group=-1
	// 3: note beside lane 1 "⏱ Timer A fired: retransmit INVITE"
	// 2 messages, 1 lost, 0.510s of virtual time
}
