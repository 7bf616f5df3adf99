package lessons

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
)

// TestProblems: the rules hold for a lesson built in Go as for a file, each
// problem at its field path, and a lesson with problems is never built.
func TestProblems(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(l *Lesson)
		want   []Problem
	}{
		{"valid", func(l *Lesson) {}, nil},
		{"no id, no title", func(l *Lesson) { l.ID, l.Title = "", Text{} }, []Problem{
			{"id", "missing"}, {"title", "missing"},
		}},
		{"half a summary", func(l *Lesson) { l.Summary.ZH = "" }, []Problem{
			{"summary", "needs both languages: en and zh"},
		}},
		{"control characters", func(l *Lesson) {
			l.Nodes[1].Display = "Bob\r\nVia: x"
			l.Nodes[0].Codecs = []string{"0", "8\x00"}
			l.Script[0].Body = "one\r\n\ttwo\x7f"
			l.Script[0].ContentType = "text/plain\n"
			l.Notes = []StepNote{{Match: sim.Match{What: "INVITE", Nth: 1}, Text: Text{EN: "x", ZH: "\u009b31m"}}}
			l.Title.EN = "A\tcall"
		}, []Problem{
			{"title.en", `"A\tcall": control character U+0009; a lesson field is printable text`},
			{"nodes[1].codecs[2]", `"8\x00": control character U+0000; a lesson field is printable text`},
			{"nodes[2].display", `"Bob\r\nVia: x": control character U+000D; a lesson field is printable text`},
			{"script[1].content_type", `"text/plain\n": control character U+000A; a lesson field is printable text`},
			{"script[1].body", "control character U+007F at byte 9; a body may hold line breaks and tabs, no other control character"},
			{"notes[1].zh", `"\u009b31m": control character U+009B; a lesson field is printable text`},
		}},
		{"durations", func(l *Lesson) {
			l.Nodes[1].RingFor = -time.Second
			l.Script[0].At = sim.MaxDuration + 1
			l.Script[0].HangupAfter = 1<<63 - 1
			l.Links = []Link{{A: "alice", B: "bob", Latency: -1, Jitter: 25 * time.Hour}}
		}, []Problem{
			{"nodes[2].ring", "-1s is out of range: durations go from 0 to 24h0m0s"},
			{"links[1].latency", "-1ns is out of range: durations go from 0 to 24h0m0s"},
			{"links[1].jitter", "25h0m0s is out of range: durations go from 0 to 24h0m0s"},
			{"script[1].at", "24h0m0.000000001s is out of range: durations go from 0 to 24h0m0s"},
			{"script[1].hangup_after", "2562047h47m16.854775807s is out of range: durations go from 0 to 24h0m0s"},
		}},
		{"a call's To", func(l *Lesson) {
			l.Script[0].To = "Bob <sip:bob"
			l.Nodes[1].AlertAfter = -time.Second
			l.Script = append(l.Script, Action{At: time.Second, Node: "alice", Do: "options", Target: "sip:bob@biloxi.example.com", To: "Bob <sip:bob@biloxi.example.com>"})
		}, []Problem{
			{"nodes[2].alert_after", "-1s is out of range: durations go from 0 to 24h0m0s"},
			{"script[1].to", `'<' without '>' in "Bob <sip:bob"`},
			{"script[2].to", "only a call has a To of its own"},
		}},
		{"click-to-dial and session timers", func(l *Lesson) {
			l.Nodes[1].MinSE = 60 * time.Second
			l.Script[0].Peer = "sip:carol@example.com"
			l.Script = append(l.Script, Action{At: time.Second, Node: "alice", Do: "click-to-dial", Target: "sip:bob@biloxi.example.com"},
				Action{At: time.Second, Node: "alice", Do: "click-to-dial", Target: "sip:bob@biloxi.example.com", Peer: "carol"})
		}, []Problem{
			{"nodes[2].min_se", "60 s: Min-SE is at least 90 seconds (RFC 4028 §5)"},
			{"script[1].peer", "only a click-to-dial action has a peer"},
			{"script[2].peer", "missing: click-to-dial connects the target with a peer URI (RFC 3725 §4.1)"},
			{"script[3].peer", `URI "carol" has no scheme`},
		}},
		{"move", func(l *Lesson) {
			l.Script[0].Address = "192.0.2.150:5060"
			move := Action{At: 2 * time.Second, Node: "bob", Do: "move"}
			for _, a := range []string{"", "192.0.2.150", l.Nodes[0].Address, "192.0.2.150:5060"} {
				move.Address = a
				l.Script = append(l.Script, move)
			}
		}, []Problem{
			{"script[1].address", "only a move action has an address"},
			{"script[2].address", `missing: move needs the node's new address, such as "192.0.2.150:5060"`},
			{"script[3].address", `"192.0.2.150" is not an IP address and port such as "192.0.2.150:5060"`},
			{"script[4].address", "192.0.2.101:5060 is alice's address: a node moves to an address nobody has"},
		}},
		{"links", func(l *Lesson) { l.Links = []Link{{A: "alice"}, {A: "alice", B: "carol", Transport: "SCTP"}} }, []Problem{
			{"links[1].between", "name the two nodes the link joins: [alice, proxy]"},
			{"links[2].between", `"carol" is not a node of the lesson`},
			{"links[2].transport", `"SCTP": use UDP, TCP or TLS`},
		}},
		{"bindings", func(l *Lesson) {
			l.Nodes[0].Bindings = map[string]string{"sip:x@y.example.com": "bob at biloxi", "a\nb": "sip:a@b"}
		}, []Problem{
			{`nodes[1].bindings["a\nb"]`, `"a\nb": control character U+000A; a lesson field is printable text`},
			{`nodes[1].bindings["sip:x@y.example.com"]`, `URI "bob at biloxi" has no scheme`},
		}},
		// Faults built in Go, not parsed: a zero one, one with a kind but
		// no node, one the node cannot take. None may reach Build.
		{"faults", func(l *Lesson) {
			l.Faults = []sim.Fault{{}, {Spec: "x", Kind: sim.FaultRespond}, mustFault(t, "noanswer:alice"), mustFault(t, "password:alice=x"),
				{Spec: "y", Kind: sim.FaultLoss, A: "alice"}, {Spec: "z", Kind: "explode", Node: "bob"}}
			l.Nodes[0].Kind = "registrar"
			l.Nodes[0].Location = "bob"
		}, []Problem{
			{"nodes[1].location", `"bob" is not a location node of the lesson`},
			{"script[1].node", "alice is a registrar; only user agents act (and a registrar may send a MESSAGE)"},
			{"faults[1]", `fault "": not a fault spec such as drop:INVITE or respond:bob=486`},
			{"faults[2]", `fault "x": names no node`},
			{"faults[3]", `fault "noanswer:alice": alice is a registrar; noanswer applies to user agents`},
			{"faults[4]", `fault "password:alice=x": alice is a registrar; password applies to user agents`},
			{"faults[5]", `fault "y": names no node`},
			{"faults[6]", `fault "z": not a fault spec such as drop:INVITE or respond:bob=486`},
		}},
		{"alg", func(l *Lesson) { l.Nodes[0].ALG = true }, []Problem{
			{"nodes[1].alg", "only a stateful proxy (kind: proxy) is an ALG; alice is a ua"},
		}},
		{"forking and q-values", func(l *Lesson) {
			l.Nodes[0].Sequential = true
			l.Nodes[1].BranchTimeout = 5 * time.Second
			reg := Action{Node: "bob", Do: "register", Target: "sip:biloxi.example.com"}
			for _, q := range []string{"0", "0.", "0.125", "1", "1.000", "1.001", ".5", "0.1234", "2", "0,5"} {
				reg.Q = q
				l.Script = append(l.Script, reg)
			}
		}, []Problem{
			{"nodes[1].forking", "only a stateful proxy (kind: proxy) forks sequentially; alice is a ua"},
			{"nodes[2].branch_timeout", "a branch timeout needs forking: sequential (a parallel fork rings every phone until one answers)"},
			{"script[7].q", `"1.001" is not a q-value from 0 to 1 with up to three decimals, such as 0.5 (RFC 3261 §20.10)`},
			{"script[8].q", `".5" is not a q-value from 0 to 1 with up to three decimals, such as 0.5 (RFC 3261 §20.10)`},
			{"script[9].q", `"0.1234" is not a q-value from 0 to 1 with up to three decimals, such as 0.5 (RFC 3261 §20.10)`},
			{"script[10].q", `"2" is not a q-value from 0 to 1 with up to three decimals, such as 0.5 (RFC 3261 §20.10)`},
			{"script[11].q", `"0,5" is not a q-value from 0 to 1 with up to three decimals, such as 0.5 (RFC 3261 §20.10)`},
		}},
		{"notes", func(l *Lesson) {
			l.Notes = append(l.Notes, StepNote{Match: sim.Match{What: "INVITE", Nth: 1}, Text: Text{EN: "x", ZH: "y"}}, StepNote{Text: Text{EN: "x", ZH: "y"}},
				StepNote{Match: sim.Match{What: "INVITE", From: "alice", To: "location", Nth: 1}, Text: Text{EN: "x"}})
		}, []Problem{
			{"notes[2].match", "missing: the messages the note explains, such as INVITE@alice>proxy"},
			{"notes[3].match", `"INVITE@alice>location": receiver "location" is not a node of the lesson (nodes: alice, bob)`},
			{"notes[3]", "needs both languages: en and zh"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := directCallCopy(t)
			tc.change(l)
			got := l.Problems()
			if !slices.Equal(got, Problems(tc.want)) {
				t.Errorf("problems:\n%v\nwant:\n%v", got, Problems(tc.want))
			}
			if _, err := Build(l, RunOptions{Seed: 1}); (err == nil) != (len(tc.want) == 0) {
				t.Errorf("Build: %v", err)
			}
		})
	}
}

// directCallCopy is the direct-call lesson, deep enough a copy to change.
func directCallCopy(t *testing.T) *Lesson {
	t.Helper()
	base, err := Find("direct-call")
	if err != nil {
		t.Fatal(err)
	}
	l := *base
	l.Nodes = slices.Clone(base.Nodes)
	for i := range l.Nodes {
		l.Nodes[i].Codecs = slices.Clone(l.Nodes[i].Codecs)
	}
	l.Script = slices.Clone(base.Script)
	l.Links = slices.Clone(base.Links)
	l.Faults = slices.Clone(base.Faults)
	l.Notes = slices.Clone(base.Notes)
	return &l
}

func mustFault(t *testing.T, spec string) sim.Fault {
	t.Helper()
	f, err := sim.ParseFault(spec)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestCatalogHasNoProblems: every built-in lesson follows the rules, and
// runs without a fault or a note that matches nothing.
func TestCatalogHasNoProblems(t *testing.T) {
	for _, l := range All() {
		if ps := l.Problems(); len(ps) > 0 {
			t.Errorf("%s: %v", l.ID, ps)
		}
		r, err := RunDetailed(l, RunOptions{Seed: 1})
		if err != nil {
			t.Fatalf("%s: %v", l.ID, err)
		}
		if len(r.Unmatched) > 0 || len(r.Warnings) > 0 {
			t.Errorf("%s: %v %q", l.ID, r.Unmatched, r.Warnings)
		}
	}
}

// TestUnmatchedFaultsAndNotes: a run says which faults and notes found no
// message, each at its field, and a lesson file puts them on their line.
func TestUnmatchedFaultsAndNotes(t *testing.T) {
	path := filepath.Join(lessonFilesDir, "warn-never-matches.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	l, err := ParseFile(path, data)
	if err != nil {
		t.Fatal(err)
	}
	r, err := RunDetailed(l, RunOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range r.Unmatched {
		got = append(got, l.Locate(p).Error())
	}
	want := []string{
		path + `:31: faults[1]: fault drop:MESSAGE never matched a message`,
		path + `:37: notes[2].match: "CANCEL@alice>bob" never matched a message`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("unmatched:\n%q\nwant\n%q", got, want)
	}
	wantWarnings := []string{`faults[1]: fault drop:MESSAGE never matched a message`, `notes[2].match: "CANCEL@alice>bob" never matched a message`}
	if !slices.Equal(r.Warnings, wantWarnings) {
		t.Errorf("warnings %q, want %q", r.Warnings, wantWarnings)
	}

	// A fault given to the run changes the flow on purpose: the notes it
	// leaves without a message are not reported, the fault itself is.
	proxyCall, _ := Find("proxy-call")
	r, err = RunDetailed(proxyCall, RunOptions{Seed: 1, Faults: faults(t, "respond:bob=486", "drop:MESSAGE")})
	if err != nil {
		t.Fatal(err)
	}
	if want := []Problem{{"", "fault drop:MESSAGE never matched a message"}}; !slices.Equal(r.Unmatched, want) {
		t.Errorf("unmatched %v, want %v", r.Unmatched, want)
	}
}
