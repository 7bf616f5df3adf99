package render

import (
	"slices"
	"strings"
	"testing"

	"github.com/siplab/siplab/sim"
)

// nodes lists nodes by name and kind, a kind optionally followed by the
// node's role: "alice", "ua:caller".
func nodes(kv ...string) []sim.NodeInfo {
	var out []sim.NodeInfo
	for i := 0; i+1 < len(kv); i += 2 {
		kind, role, _ := strings.Cut(kv[i+1], ":")
		out = append(out, sim.NodeInfo{Name: kv[i], Kind: sim.Kind(kind), Role: sim.Role(role)})
	}
	return out
}

func TestLaneOrder(t *testing.T) {
	for _, tc := range []struct {
		name   string
		nodes  []sim.NodeInfo
		events []sim.Event
		want   []string
	}{
		{
			name:  "caller left, callee right, servers between",
			nodes: nodes("bob", "ua:callee", "location", "location", "proxy", "proxy", "alice", "ua:caller"),
			want:  []string{"alice", "proxy", "location", "bob"},
		},
		{
			name: "servers by role, ties in t.Nodes order",
			nodes: nodes("loc", "location", "reg", "registrar", "alice", "ua", "redir", "redirect",
				"p2", "stateless-proxy", "bob", "ua", "p1", "proxy", "p3", "proxy"),
			want: []string{"alice", "p2", "p1", "p3", "redir", "reg", "loc", "bob"},
		},
		{
			name:   "dns after the location service, others after dns",
			nodes:  nodes("alice", "ua", "carol", "ua", "media", "media-server", "dns", "dns", "location", "location", "bob", "ua"),
			events: []sim.Event{lookup(0, "alice", "dns", "biloxi.example.com")},
			want:   []string{"alice", "location", "dns", "carol", "media", "bob"},
		},
		{
			name:  "dns left out when no lookup uses it",
			nodes: nodes("alice", "ua", "dns", "dns", "bob", "ua"),
			want:  []string{"alice", "bob"},
		},
		{
			name:  "other nodes are shown without events",
			nodes: nodes("alice", "ua", "registrar", "registrar", "bob", "ua"),
			events: []sim.Event{
				msg(0, "alice", "bob", "INVITE sip:bob@biloxi.example.com SIP/2.0", ""),
			},
			want: []string{"alice", "registrar", "bob"},
		},
		{
			name:  "no roles: the first and the last user agent",
			nodes: nodes("u2", "ua", "u1", "ua", "srv", "proxy", "u3", "ua"),
			want:  []string{"u2", "srv", "u1", "u3"},
		},
		{
			name:  "roles win over the order",
			nodes: nodes("bob", "ua:callee", "carol", "ua", "alice", "ua:caller"),
			want:  []string{"alice", "carol", "bob"},
		},
		{
			name:  "names do not matter: alice the proxy is no caller",
			nodes: nodes("alice", "proxy", "u1", "ua", "u2", "ua"),
			want:  []string{"u1", "alice", "u2"},
		},
		{
			name:  "a lone user agent is the caller",
			nodes: nodes("registrar", "registrar", "bob", "ua"),
			want:  []string{"bob", "registrar"},
		},
		{
			name:  "only a user agent is the caller or the callee",
			nodes: nodes("alice", "proxy:caller", "u1", "ua", "bob", "registrar:callee", "u2", "ua"),
			want:  []string{"u1", "alice", "bob", "u2"},
		},
		{
			name:  "a name is not a role",
			nodes: nodes("bob", "ua", "alice", "ua"),
			want:  []string{"bob", "alice"},
		},
		{
			name:  "servers only",
			nodes: nodes("registrar", "registrar", "proxy", "proxy"),
			want:  []string{"proxy", "registrar"},
		},
		{
			name:  "a name listed twice is one lane",
			nodes: nodes("alice", "ua", "proxy", "proxy", "alice", "ua", "bob", "ua"),
			want:  []string{"alice", "proxy", "bob"},
		},
		{
			name: "endpoints missing from t.Nodes: with the others, in order of first use (dns as dns)",
			nodes: []sim.NodeInfo{alice, {Name: "proxy", Kind: "proxy", Address: "192.0.2.10:5060"},
				bob, {Name: "carol", Kind: "ua"}},
			events: []sim.Event{
				msg(0, "alice", "203.0.113.99:5060", "OPTIONS sip:x SIP/2.0", ""),
				msg(0, "alice", "192.0.2.10:5060", "OPTIONS sip:x SIP/2.0", ""), // proxy's address
				lookup(0, "proxy", "dns", "biloxi.example.com"),
				lookup(0, "proxy", "location", "bob"),
				onNode(sim.EventNote, 0, "", "no node"),
				onNode(sim.EventNote, 0, "registrar", "a node by name only"),
			},
			want: []string{"alice", "proxy", "dns", "carol", "203.0.113.99:5060", "location", "registrar", "bob"},
		},
		{
			name:   "endpoints known from the events only, in order of first use",
			nodes:  []sim.NodeInfo{{Name: "", Kind: "ua"}},
			events: []sim.Event{msg(0, "bob", "alice", "BYE sip:alice@192.0.2.101 SIP/2.0", "")},
			want:   []string{"bob", "alice"},
		},
		{
			name: "empty",
			want: []string{},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := &sim.Trace{Nodes: tc.nodes}
			for _, e := range tc.events {
				tr.Add(e)
			}
			got := LaneOrder(tr)
			if !slices.Equal(got, tc.want) {
				t.Errorf("LaneOrder = %q, want %q", got, tc.want)
			}
		})
	}
	if got := LaneOrder(nil); got != nil {
		t.Errorf("LaneOrder(nil) = %q", got)
	}
}

func TestLaneIndexKnowsAddresses(t *testing.T) {
	tr := &sim.Trace{Nodes: []sim.NodeInfo{alice, proxy, bob}}
	idx := laneIndex(tr, LaneOrder(tr))
	for key, want := range map[string]int{"alice": 0, "proxy": 1, "bob": 2, "192.0.2.10:5060": 1, "192.0.2.201:5060": 2} {
		if got, ok := idx[key]; !ok || got != want {
			t.Errorf("laneIndex[%q] = %d, %v; want %d", key, got, ok, want)
		}
	}
}

func TestDisplayAddress(t *testing.T) {
	for in, want := range map[string]string{
		"192.0.2.10:5060":     "192.0.2.10",
		"192.0.2.10:5070":     "192.0.2.10:5070",
		"[2001:db8::30]:5060": "2001:db8::30",
		"[2001:db8::30]:5061": "[2001:db8::30]:5061",
		"":                    "",
		"pc33.example.com":    "pc33.example.com",
	} {
		if got := displayAddress(in); got != want {
			t.Errorf("displayAddress(%q) = %q, want %q", in, got, want)
		}
	}
}
