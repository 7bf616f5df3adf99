package render_test

import (
	"fmt"
	"os"
	"time"

	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/sim"
)

func ExampleText() {
	t := &sim.Trace{Lesson: "options", Title: sim.Lit("Alice asks what Bob supports"), Seed: 1,
		Nodes: []sim.NodeInfo{
			{Name: "bob", Kind: "ua", Role: sim.RoleCallee, Address: "192.0.2.201:5060"},
			{Name: "alice", Kind: "ua", Role: sim.RoleCaller, Address: "192.0.2.101:5060"},
		}}
	t.Add(sim.Event{Type: sim.EventMessage, From: "alice", To: "bob",
		Summary: sim.Lit("OPTIONS sip:bob@biloxi.example.com SIP/2.0"), Arrive: 20 * time.Millisecond})
	t.Add(sim.Event{Type: sim.EventMessage, At: 20 * time.Millisecond, From: "bob", To: "alice",
		Summary: sim.Lit("SIP/2.0 200 OK"), Arrive: 40 * time.Millisecond})
	if err := render.Text(os.Stdout, t, render.TextOptions{}); err != nil {
		panic(err)
	}
	// Output:
	// lesson options: Alice asks what Bob supports   (seed 1)
	//
	//               alice            bob
	// #    time  192.0.2.101     192.0.2.201
	//                 |               |
	// 1  0.000s       |--- OPTIONS -->|
	// 2  0.020s       |<-- 200 OK ----|
	//
	// 2 messages, 0 lost, 0.040s of virtual time
}

func ExampleLaneOrder() {
	t := &sim.Trace{Nodes: []sim.NodeInfo{
		{Name: "bob", Kind: "ua", Role: sim.RoleCallee}, {Name: "location", Kind: "location"},
		{Name: "alice", Kind: "ua", Role: sim.RoleCaller}, {Name: "proxy", Kind: "proxy"},
	}}
	fmt.Println(render.LaneOrder(t))
	// Output:
	// [alice proxy location bob]
}
