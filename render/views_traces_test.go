package render

import (
	"github.com/siplab/siplab/sim"
)

// More hand-built traces, for the diagrams and walkthroughs: every message
// with its bytes, so that the colours, the tooltips and the header diffs
// have something to read.

const (
	fwdCallID = "Call-ID: f81d4fae7dec11d0a76500a0c91e6bf6@atlanta.example.com"
	fwdFrom   = "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl"
	fwdTo     = "To: Bob <sip:bob@biloxi.example.com>"
	aliceVia  = "Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9"
	proxyVia  = "Via: SIP/2.0/UDP proxy.biloxi.example.com:5060;branch=z9hG4bK4b43c2ff8.1"
)

// forwardedCall: alice's INVITE through a proxy that looks bob up, rewrites
// the Request-URI, takes one off Max-Forwards, adds Record-Route and pushes
// its Via; the 200 OK comes back with the proxy's Via removed; the ACK goes
// through the proxy too.
func forwardedCall() *sim.Trace {
	inv1 := sipMessage("INVITE sip:bob@biloxi.example.com SIP/2.0", aliceVia, "Max-Forwards: 70",
		fwdFrom, fwdTo, fwdCallID, "CSeq: 1 INVITE", "Contact: <sip:alice@client.atlanta.example.com>")
	inv2 := sipMessage("INVITE sip:bob@client.biloxi.example.com SIP/2.0", proxyVia,
		aliceVia+";received=192.0.2.101", "Record-Route: <sip:proxy.biloxi.example.com;lr>", "Max-Forwards: 69",
		fwdFrom, fwdTo, fwdCallID, "CSeq: 1 INVITE", "Contact: <sip:alice@client.atlanta.example.com>")
	trying := sipMessage("SIP/2.0 100 Trying", aliceVia+";received=192.0.2.101", fwdFrom, fwdTo, fwdCallID, "CSeq: 1 INVITE")
	ok2 := sipMessage("SIP/2.0 200 OK", proxyVia+";received=192.0.2.20", aliceVia+";received=192.0.2.101",
		"Record-Route: <sip:proxy.biloxi.example.com;lr>", fwdFrom, fwdTo+";tag=314159", fwdCallID, "CSeq: 1 INVITE",
		"Contact: <sip:bob@client.biloxi.example.com>")
	ok1 := sipMessage("SIP/2.0 200 OK", aliceVia+";received=192.0.2.101",
		"Record-Route: <sip:proxy.biloxi.example.com;lr>", fwdFrom, fwdTo+";tag=314159", fwdCallID, "CSeq: 1 INVITE",
		"Contact: <sip:bob@client.biloxi.example.com>")
	ackVia := "Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK5d1b2e"
	ack1 := sipMessage("ACK sip:bob@client.biloxi.example.com SIP/2.0", ackVia, "Max-Forwards: 70",
		fwdFrom, fwdTo+";tag=314159", fwdCallID, "CSeq: 1 ACK", "Route: <sip:proxy.biloxi.example.com;lr>")
	ack2 := sipMessage("ACK sip:bob@client.biloxi.example.com SIP/2.0",
		"Via: SIP/2.0/UDP proxy.biloxi.example.com:5060;branch=z9hG4bK0f44a1", ackVia+";received=192.0.2.101",
		"Max-Forwards: 69", fwdFrom, fwdTo+";tag=314159", fwdCallID, "CSeq: 1 ACK")
	pushed := sim.Reason{Text: sim.Lit("own Via pushed"), RFC: "RFC 3261 §16.6 step 8"}
	t := build("forwarded-call", "A call forwarded by a proxy", 4,
		[]sim.NodeInfo{
			{Name: "alice", Kind: "ua", Address: "192.0.2.101:5060", Host: "client.atlanta.example.com", Domain: "atlanta.example.com"},
			{Name: "proxy", Kind: "proxy", Address: "192.0.2.20:5060", Host: "proxy.biloxi.example.com", Domain: "biloxi.example.com"},
			{Name: "location", Kind: "location", Address: "192.0.2.40", Domain: "biloxi.example.com"},
			{Name: "bob", Kind: "ua", Address: "192.0.2.201:5060", Host: "client.biloxi.example.com", Domain: "biloxi.example.com"},
		},
		msg(0, "alice", "proxy", "INVITE sip:bob@biloxi.example.com SIP/2.0", inv1),
		causedBy(1, lookup(10, "proxy", "location", "where is sip:bob@biloxi.example.com?")),
		causedBy(2, lookup(10, "location", "proxy", "→ sip:bob@client.biloxi.example.com")),
		causedBy(1, msg(10, "proxy", "alice", "SIP/2.0 100 Trying", trying)),
		causedBy(1, msg(10, "proxy", "bob", "INVITE sip:bob@client.biloxi.example.com SIP/2.0", inv2), pushed),
		causedBy(5, msg(2020, "bob", "proxy", "SIP/2.0 200 OK", ok2)),
		causedBy(6, msg(2030, "proxy", "alice", "SIP/2.0 200 OK", ok1),
			sim.Reason{Text: sim.Lit("own Via removed"), RFC: "RFC 3261 §16.7 step 3"}),
		causedBy(7, msg(2040, "alice", "proxy", "ACK sip:bob@client.biloxi.example.com SIP/2.0", ack1)),
		causedBy(8, msg(2050, "proxy", "bob", "ACK sip:bob@client.biloxi.example.com SIP/2.0", ack2)),
		onNode(sim.EventNote, 2060, "alice", "call established"),
	)
	t.Links = []sim.LinkInfo{
		{A: "alice", B: "proxy", LatencyMS: 10, Transport: "UDP"},
		{A: "proxy", B: "bob", LatencyMS: 40, JitterMS: 5, Loss: 0.1, Dup: 0.02, Transport: "UDP"},
	}
	return t
}

// busyCall: bob is busy; alice's ACK for the 486 carries the INVITE's branch.
func busyCall() *sim.Trace {
	via := "Via: SIP/2.0/UDP 192.0.2.101:5060;branch=z9hG4bK74bf9"
	to := "To: Bob <sip:bob@biloxi.example.com>"
	return build("busy", "Bob is busy", 1, []sim.NodeInfo{alice, bob},
		msg(0, "alice", "bob", "INVITE sip:bob@biloxi.example.com SIP/2.0",
			sipMessage("INVITE sip:bob@biloxi.example.com SIP/2.0", via, "Max-Forwards: 70", fwdFrom, to, fwdCallID, "CSeq: 1 INVITE")),
		causedBy(1, msg(10, "bob", "alice", "SIP/2.0 486 Busy Here",
			sipMessage("SIP/2.0 486 Busy Here", via+";received=192.0.2.101", fwdFrom, to+";tag=8321234356", fwdCallID, "CSeq: 1 INVITE"))),
		causedBy(2, msg(20, "alice", "bob", "ACK sip:bob@biloxi.example.com SIP/2.0",
			sipMessage("ACK sip:bob@biloxi.example.com SIP/2.0", via, "Max-Forwards: 70", fwdFrom, to+";tag=8321234356", fwdCallID, "CSeq: 1 ACK"))),
	)
}

// delayedCall: bob's 180 Ringing is held two seconds on the link (a delay
// fault), so that it arrives after his 200 OK; the dialog notes name the
// dialog by its id, each end with its own tag first; the lesson explains
// the INVITE with a note of its own, authored in both languages.
func delayedCall() *sim.Trace {
	ringing := msg(10, "bob", "alice", "SIP/2.0 180 Ringing", "")
	ringing.Arrive, ringing.Notes = ms(2020), []sim.Text{sim.T("net.fault.delay", "delay:180=2s", "2s")}
	invite := msg(0, "alice", "bob", "INVITE sip:bob@biloxi.example.com SIP/2.0", "")
	invite.Notes = []sim.Text{{EN: "alice offers PCMU", ZH: "alice 提议 PCMU"}}
	const id = "a84b4c76e66710@pc33.atlanta.example.com"
	t := build("delayed-call", "A late 180", 1, []sim.NodeInfo{alice, bob},
		invite,
		causedBy(1, ringing),
		causedBy(1, msg(1000, "bob", "alice", "SIP/2.0 200 OK", "")),
		sim.Event{Type: sim.EventNote, At: ms(1010), Node: "alice", Summary: sim.T("node.ua.established", id+";1928301774;a6c85cf")},
		sim.Event{Type: sim.EventState, At: ms(1010), Node: "alice", Summary: sim.Lit("INVITE client transaction: Proceeding → Terminated")},
		causedBy(3, msg(1010, "alice", "bob", "ACK sip:bob@client.biloxi.example.com SIP/2.0", "")),
		sim.Event{Type: sim.EventNote, At: ms(1020), Node: "bob", Summary: sim.T("node.ua.confirmed", id+";a6c85cf;1928301774")},
		onNode(sim.EventTimer, 1500, "bob", "Timer J fired"),
	)
	t.Links = []sim.LinkInfo{{A: "alice", B: "bob", LatencyMS: 10, Transport: "UDP"}}
	return t
}
