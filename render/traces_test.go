package render

import (
	"strings"
	"time"

	"github.com/siplab/siplab/sim"
)

// Hand-built traces for the tests: what the simulator would record for a few
// lessons, small enough to check by eye.

func ms(n float64) time.Duration { return time.Duration(n * float64(time.Millisecond)) }

// sipMessage returns the bytes of a message without a body.
func sipMessage(start string, headers ...string) string {
	return start + "\r\n" + strings.Join(headers, "\r\n") + "\r\nContent-Length: 0\r\n\r\n"
}

// msg is a message event sent at atMS that arrives 10 ms later over UDP.
func msg(atMS float64, from, to, summary, raw string) sim.Event {
	return sim.Event{Type: sim.EventMessage, At: ms(atMS), From: from, To: to, Summary: sim.Lit(summary),
		Raw: raw, Arrive: ms(atMS + 10), Transport: "UDP"}
}

func lookup(atMS float64, from, to, summary string) sim.Event {
	return sim.Event{Type: sim.EventLookup, At: ms(atMS), From: from, To: to, Summary: sim.Lit(summary)}
}

func onNode(typ sim.EventType, atMS float64, node, summary string, notes ...string) sim.Event {
	return sim.Event{Type: typ, At: ms(atMS), Node: node, Summary: sim.Lit(summary), Notes: sim.Lits(notes...)}
}

func dropped(e sim.Event, notes ...string) sim.Event {
	e.Dropped, e.Arrive, e.Notes = true, 0, sim.Lits(notes...)
	return e
}

func retrans(e sim.Event) sim.Event { e.Retransmission = true; return e }

func causedBy(seq int, e sim.Event, reasons ...sim.Reason) sim.Event {
	e.Cause, e.Reasons = seq, reasons
	return e
}

func build(lesson, title string, seed uint64, nodes []sim.NodeInfo, events ...sim.Event) *sim.Trace {
	t := &sim.Trace{Lesson: lesson, Title: sim.Lit(title), Seed: seed, Nodes: nodes}
	for _, e := range events {
		t.Add(e)
	}
	return t
}

var (
	alice    = sim.NodeInfo{Name: "alice", Kind: "ua", Role: sim.RoleCaller, Address: "192.0.2.101:5060"}
	bob      = sim.NodeInfo{Name: "bob", Kind: "ua", Role: sim.RoleCallee, Address: "192.0.2.201:5060"}
	proxy    = sim.NodeInfo{Name: "proxy", Kind: "proxy", Address: "192.0.2.10:5060"}
	location = sim.NodeInfo{Name: "location", Kind: "location"}
)

// directCall: alice calls bob without any server, and bob hangs up.
func directCall() *sim.Trace {
	const callID = "Call-ID: 3848276298220188511@atlanta.example.com"
	inv := sipMessage("INVITE sip:bob@biloxi.example.com SIP/2.0",
		"Via: SIP/2.0/UDP 192.0.2.101:5060;branch=z9hG4bK74bf9",
		"Max-Forwards: 70", "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl",
		"To: Bob <sip:bob@biloxi.example.com>", callID, "CSeq: 1 INVITE",
		"Contact: <sip:alice@192.0.2.101>")
	resp := func(status, cseq string) string {
		return sipMessage("SIP/2.0 "+status,
			"Via: SIP/2.0/UDP 192.0.2.101:5060;branch=z9hG4bK74bf9;received=192.0.2.101",
			"From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl",
			"To: Bob <sip:bob@biloxi.example.com>;tag=8321234356", callID, "CSeq: "+cseq,
			"Contact: <sip:bob@192.0.2.201>")
	}
	return build("direct-call", "Alice calls Bob directly", 1, []sim.NodeInfo{alice, bob},
		msg(0, "alice", "bob", "INVITE sip:bob@biloxi.example.com SIP/2.0", inv),
		causedBy(1, msg(20, "bob", "alice", "SIP/2.0 180 Ringing", resp("180 Ringing", "1 INVITE"))),
		causedBy(1, msg(2020, "bob", "alice", "SIP/2.0 200 OK", resp("200 OK", "1 INVITE"))),
		causedBy(3, msg(2040, "alice", "bob", "ACK sip:bob@192.0.2.201 SIP/2.0", "")),
		msg(6000, "bob", "alice", "BYE sip:alice@192.0.2.101 SIP/2.0", ""),
		causedBy(5, msg(6020, "alice", "bob", "SIP/2.0 200 OK", "")),
	)
}

// proxyCall: alice calls bob through a proxy that asks the location service
// where bob is; the ACK and the BYE go end to end, without Record-Route.
// t.Nodes lists the lanes out of order on purpose.
func proxyCall() *sim.Trace {
	const callID = "Call-ID: a84b4c76e66710@atlanta.example.com"
	inv1 := sipMessage("INVITE sip:bob@biloxi.example.com SIP/2.0",
		"Via: SIP/2.0/UDP 192.0.2.101:5060;branch=z9hG4bKnashds8",
		"Max-Forwards: 70", "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774",
		"To: Bob <sip:bob@biloxi.example.com>", callID, "CSeq: 314159 INVITE",
		"Contact: <sip:alice@192.0.2.101>")
	inv2 := sipMessage("INVITE sip:bob@192.0.2.201 SIP/2.0",
		"Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK77ef4c2312983.1",
		"Via: SIP/2.0/UDP 192.0.2.101:5060;branch=z9hG4bKnashds8;received=192.0.2.101",
		"Max-Forwards: 69", "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774",
		"To: Bob <sip:bob@biloxi.example.com>", callID, "CSeq: 314159 INVITE",
		"Contact: <sip:alice@192.0.2.101>")
	trying := sipMessage("SIP/2.0 100 Trying",
		"Via: SIP/2.0/UDP 192.0.2.101:5060;branch=z9hG4bKnashds8;received=192.0.2.101",
		"From: Alice <sip:alice@atlanta.example.com>;tag=1928301774",
		"To: Bob <sip:bob@biloxi.example.com>", callID, "CSeq: 314159 INVITE")
	fwd := []sim.Reason{
		{Text: sim.Lit("Request-URI set to bob's registered contact"), RFC: "RFC 3261 §16.6 step 2"},
		{Text: sim.Lit("Max-Forwards decremented"), RFC: "RFC 3261 §16.6 step 3"},
		{Text: sim.Lit("pushed its own Via"), RFC: "RFC 3261 §16.6 step 8"},
	}
	up := sim.Reason{Text: sim.Lit("removed its own Via and forwarded the response upstream"), RFC: "RFC 3261 §16.7 step 3"}
	return build("proxy-call", "Call through a proxy with a location-service lookup", 1,
		[]sim.NodeInfo{alice, bob, proxy, location},
		msg(0, "alice", "proxy", "INVITE sip:bob@biloxi.example.com SIP/2.0", inv1),
		causedBy(1, msg(10, "proxy", "alice", "SIP/2.0 100 Trying", trying),
			sim.Reason{Text: sim.Lit("answers at once: forwarding an INVITE may take time"), RFC: "RFC 3261 §16.2"}),
		causedBy(1, lookup(10, "proxy", "location", "lookup bob"),
			sim.Reason{Text: sim.Lit("biloxi.example.com is the proxy's own domain"), RFC: "RFC 3261 §16.5"}),
		causedBy(3, lookup(10, "location", "proxy", "192.0.2.201")),
		causedBy(1, msg(10, "proxy", "bob", "INVITE sip:bob@192.0.2.201 SIP/2.0", inv2), fwd...),
		causedBy(5, msg(30, "bob", "proxy", "SIP/2.0 180 Ringing", "")),
		causedBy(6, msg(40, "proxy", "alice", "SIP/2.0 180 Ringing", ""), up),
		causedBy(5, msg(2030, "bob", "proxy", "SIP/2.0 200 OK", "")),
		causedBy(8, msg(2040, "proxy", "alice", "SIP/2.0 200 OK", ""), up),
		causedBy(9, msg(2050, "alice", "bob", "ACK sip:bob@192.0.2.201 SIP/2.0", ""),
			sim.Reason{Text: sim.Lit("no Record-Route: the ACK goes straight to bob's Contact"), RFC: "RFC 3261 §13.2.2.4"}),
		onNode(sim.EventNote, 2060, "bob", "call established"),
		msg(5000, "bob", "alice", "BYE sip:alice@192.0.2.101 SIP/2.0", ""),
		causedBy(12, msg(5020, "alice", "bob", "SIP/2.0 200 OK", "")),
	)
}

// lostInvite: the INVITE and then the 180 are lost; Timer A retransmits the
// INVITE, and bob answers the retransmission with the 180 again.
func lostInvite() *sim.Trace {
	timerA := sim.Reason{Text: sim.Lit("no response within the interval: send the INVITE again"), RFC: "RFC 3261 §17.1.1.2"}
	return build("lost-invite", "A lost INVITE and a lost 180, repaired by Timer A", 7,
		[]sim.NodeInfo{alice, bob},
		onNode(sim.EventState, 0, "alice", "INVITE client transaction: → Calling"),
		dropped(msg(0, "alice", "bob", "INVITE sip:bob@biloxi.example.com SIP/2.0", ""),
			"lost on the link alice–bob (fault drop:INVITE)"),
		causedBy(0, onNode(sim.EventTimer, 500, "alice", "Timer A fired: retransmit INVITE", "next interval 1s"), timerA),
		causedBy(3, retrans(msg(500, "alice", "bob", "INVITE sip:bob@biloxi.example.com SIP/2.0", ""))),
		onNode(sim.EventState, 510, "bob", "INVITE server transaction: → Proceeding"),
		causedBy(4, dropped(msg(520, "bob", "alice", "SIP/2.0 180 Ringing", ""),
			"lost on the link alice–bob (fault drop:180)")),
		causedBy(0, onNode(sim.EventTimer, 1500, "alice", "Timer A fired: retransmit INVITE", "next interval 2s"), timerA),
		causedBy(7, retrans(msg(1500, "alice", "bob", "INVITE sip:bob@biloxi.example.com SIP/2.0", ""))),
		causedBy(8, retrans(msg(1510, "bob", "alice", "SIP/2.0 180 Ringing", "")),
			sim.Reason{Text: sim.Lit("a retransmitted request gets the last provisional response again"), RFC: "RFC 3261 §17.2.1"}),
		onNode(sim.EventState, 1520, "alice", "INVITE client transaction: Calling → Proceeding"),
		causedBy(4, msg(3000, "bob", "alice", "SIP/2.0 200 OK", "")),
		causedBy(11, msg(3020, "alice", "bob", "ACK sip:bob@192.0.2.201 SIP/2.0", "")),
		onNode(sim.EventNote, 3030, "alice", "call established"),
	)
}

// registerTimeout: the registrar is down; Timer E retransmits the REGISTER,
// doubling from T1 to T2, until Timer F gives up after 64*T1.
func registerTimeout() *sim.Trace {
	registrar := sim.NodeInfo{Name: "registrar", Kind: "registrar", Address: "192.0.2.20:5060"}
	t := build("register-timeout", "REGISTER to a registrar that is down", 3,
		[]sim.NodeInfo{alice, registrar},
		dropped(msg(0, "alice", "registrar", "REGISTER sip:atlanta.example.com SIP/2.0", ""), "registrar is down"))
	interval := 500.0
	for at := 500.0; at < 32000; at += interval {
		seq := t.Add(causedBy(0, onNode(sim.EventTimer, at, "alice", "Timer E fired: retransmit REGISTER")))
		t.Add(causedBy(seq, dropped(retrans(msg(at, "alice", "registrar",
			"REGISTER sip:atlanta.example.com SIP/2.0", "")), "registrar is down")))
		interval = min(2*interval, 4000)
	}
	t.Add(causedBy(0, onNode(sim.EventTimer, 32000, "alice", "Timer F fired: transaction timeout"),
		sim.Reason{Text: sim.Lit("64*T1 without a response"), RFC: "RFC 3261 §17.1.2.2"}))
	t.Add(onNode(sim.EventNote, 32000, "alice", "registration failed: 408 Request Timeout, generated locally"))
	return t
}

// wideLabels: labels too wide for the gap between two lanes, on arrows
// between neighbours (a response, a lookup) and across a lane (a lost one).
func wideLabels() *sim.Trace {
	dns := sim.NodeInfo{Name: "dns", Kind: "dns"}
	return build("proxy-auth", "A proxy asks for credentials; the callee is unavailable", 2,
		[]sim.NodeInfo{alice, proxy, bob, dns},
		msg(0, "alice", "proxy", "INVITE sip:bob@biloxi.example.com SIP/2.0", ""),
		causedBy(1, msg(10, "proxy", "alice", "SIP/2.0 407 Proxy Authentication Required", "")),
		causedBy(2, msg(20, "alice", "proxy", "ACK sip:bob@biloxi.example.com SIP/2.0", "")),
		causedBy(2, msg(20, "alice", "proxy", "INVITE sip:bob@biloxi.example.com SIP/2.0", "")),
		causedBy(4, lookup(30, "proxy", "dns", "DNS biloxi.example.com → 192.0.2.201:5060")),
		causedBy(4, msg(30, "proxy", "bob", "INVITE sip:bob@biloxi.example.com SIP/2.0", "")),
		causedBy(6, msg(40, "bob", "proxy", "SIP/2.0 180 Ringing", "")),
		causedBy(7, msg(50, "proxy", "alice", "SIP/2.0 180 Ringing", "")),
		causedBy(6, dropped(msg(5040, "bob", "proxy", "SIP/2.0 480 Temporarily Unavailable", ""), "lost on the link proxy–bob")),
		onNode(sim.EventTimer, 5540, "bob", "Timer G fired: retransmit 480"),
		causedBy(10, retrans(msg(5540, "bob", "proxy", "SIP/2.0 480 Temporarily Unavailable", ""))),
		causedBy(11, msg(5550, "proxy", "bob", "ACK sip:bob@biloxi.example.com SIP/2.0", "")),
		causedBy(11, msg(5550, "proxy", "alice", "SIP/2.0 480 Temporarily Unavailable", "")),
		causedBy(13, msg(5560, "alice", "proxy", "ACK sip:bob@biloxi.example.com SIP/2.0", "")),
	)
}

// chineseCall: the proxy call with Chinese node names and summaries, a
// lookup whose summary is too wide for its gap, and a lost INVITE.
func chineseCall() *sim.Trace {
	inv := sipMessage("INVITE sip:bob@192.0.2.201 SIP/2.0",
		"Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK77ef4c2312983.1",
		"Via: SIP/2.0/UDP 192.0.2.101:5060;branch=z9hG4bKnashds8;received=192.0.2.101",
		"Max-Forwards: 69", "From: 爱丽丝 <sip:alice@atlanta.example.com>;tag=1928301774",
		"To: 鲍勃 <sip:bob@biloxi.example.com>", "Call-ID: a84b4c76e66710@atlanta.example.com",
		"CSeq: 314159 INVITE")
	return build("proxy-call", "经由代理的呼叫，含定位服务查询", 1,
		[]sim.NodeInfo{
			{Name: "代理", Kind: "proxy", Address: "192.0.2.10:5060"},
			{Name: "爱丽丝", Kind: "ua", Address: "192.0.2.101:5060"},
			{Name: "定位服务", Kind: "location"},
			{Name: "鲍勃", Kind: "ua", Address: "192.0.2.201:5060"},
		},
		msg(0, "爱丽丝", "代理", "INVITE sip:bob@biloxi.example.com SIP/2.0", ""),
		causedBy(1, msg(10, "代理", "爱丽丝", "SIP/2.0 100 Trying", "")),
		causedBy(1, lookup(10, "代理", "定位服务", "查询 鲍勃 的注册地址"),
			sim.Reason{Text: sim.Lit("biloxi.example.com 是本代理负责的域"), RFC: "RFC 3261 §16.5"}),
		causedBy(3, lookup(10, "定位服务", "代理", "192.0.2.201")),
		causedBy(1, dropped(msg(10, "代理", "鲍勃", "INVITE sip:bob@192.0.2.201 SIP/2.0", inv),
			"链路 代理–鲍勃 上丢包"),
			sim.Reason{Text: sim.Lit("把 Request-URI 改为 鲍勃 注册的联系地址"), RFC: "RFC 3261 §16.6 step 2"},
			sim.Reason{Text: sim.Lit("压入自己的 Via"), RFC: "RFC 3261 §16.6 step 8"}),
		onNode(sim.EventTimer, 510, "代理", "定时器 A 超时：重传 INVITE"),
		causedBy(6, retrans(msg(510, "代理", "鲍勃", "INVITE sip:bob@192.0.2.201 SIP/2.0", ""))),
		onNode(sim.EventNote, 520, "鲍勃", "电话开始振铃"),
		causedBy(7, msg(520, "鲍勃", "代理", "SIP/2.0 180 Ringing", "")),
		causedBy(9, msg(530, "代理", "爱丽丝", "SIP/2.0 180 Ringing", "")),
		causedBy(7, msg(3520, "鲍勃", "代理", "SIP/2.0 200 OK", "")),
		causedBy(11, msg(3530, "代理", "爱丽丝", "SIP/2.0 200 OK", "")),
		causedBy(12, msg(3540, "爱丽丝", "鲍勃", "ACK sip:bob@192.0.2.201 SIP/2.0", "")),
	)
}

// oddEvents: what a ladder must survive: a message addressed by its
// receiver's address, one sent where nobody listens, a lookup of a service
// t.Nodes does not list, a lookup without a sender, a message to oneself, a
// note on no node, a summary with control characters and one left empty.
func oddEvents() *sim.Trace {
	return build("", "Odd events", 0, []sim.NodeInfo{alice, proxy, bob},
		onNode(sim.EventNote, 0, "", "the network starts"),
		msg(0, "alice", "192.0.2.10:5060", "OPTIONS sip:proxy@192.0.2.10 SIP/2.0", ""),
		dropped(msg(0, "alice", "203.0.113.99:5060", "OPTIONS sip:nobody@203.0.113.99 SIP/2.0", ""),
			"no host at 203.0.113.99:5060"),
		lookup(10, "proxy", "location", "where is bob?"),
		lookup(10, "", "dns", "biloxi.example.com"),
		msg(10, "proxy", "proxy", "MESSAGE sip:proxy@192.0.2.10 SIP/2.0", ""),
		msg(20, "proxy", "bob", "INFO\x1b[31m sip:bob@192.0.2.201 SIP/2.0", ""),
		msg(30, "bob", "proxy", "", "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n"),
	)
}
