package sim

import (
	"strings"
	"testing"
	"time"
)

func TestParseFault(t *testing.T) {
	tests := []struct {
		spec string
		want Fault
	}{
		{"drop:INVITE", Fault{Kind: "drop", Match: Match{What: "INVITE", Nth: 1}}},
		{"drop:INVITE#*", Fault{Kind: "drop", Match: Match{What: "INVITE"}}},
		{"drop:200@bob>alice#2", Fault{Kind: "drop", Match: Match{What: "200", From: "bob", To: "alice", Nth: 2}}},
		{"dup:*@alice>", Fault{Kind: "dup", Match: Match{What: "*", From: "alice", Nth: 1}}},
		{"delay:180@bob>proxy=3s", Fault{Kind: "delay", Match: Match{What: "180", From: "bob", To: "proxy", Nth: 1}, Delay: 3 * time.Second}},
		{"delay:INVITE#*=250ms", Fault{Kind: "delay", Match: Match{What: "INVITE"}, Delay: 250 * time.Millisecond}},
		{"corrupt:BYE", Fault{Kind: "corrupt", Match: Match{What: "BYE", Nth: 1}}},
		{"loss:alice-proxy=20", Fault{Kind: "loss", A: "alice", B: "proxy", Percent: 20}},
		{"loss:alice-proxy=12.5%", Fault{Kind: "loss", A: "alice", B: "proxy", Percent: 12.5}},
		{"down:bob", Fault{Kind: "down", Node: "bob"}},
		{"down:bob@500ms", Fault{Kind: FaultDown, Node: "bob", At: 500 * time.Millisecond}},
		{"down:bob@0", Fault{Kind: FaultDown, Node: "bob"}},
		{"down:bob@24h", Fault{Kind: FaultDown, Node: "bob", At: MaxDuration}},
		{"delay:INVITE=24h", Fault{Kind: FaultDelay, Match: Match{What: "INVITE", Nth: 1}, Delay: MaxDuration}},
		{"respond:bob=486", Fault{Kind: "respond", Node: "bob", Code: 486}},
		{"noanswer:bob", Fault{Kind: "noanswer", Node: "bob"}},
		{"password:alice=alicia", Fault{Kind: "password", Node: "alice", Text: "alicia"}},
		{"password:alice=a=b", Fault{Kind: "password", Node: "alice", Text: "a=b"}},
		{"max-forwards:alice=0", Fault{Kind: "max-forwards", Node: "alice", N: 0}},
	}
	for _, tc := range tests {
		got, err := ParseFault(tc.spec)
		if err != nil {
			t.Errorf("%s: %v", tc.spec, err)
			continue
		}
		tc.want.Spec = tc.spec
		if got != tc.want {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.spec, got, tc.want)
		}
	}
}

func TestParseFaultErrors(t *testing.T) {
	for spec, want := range map[string]string{
		"":                      "expected KIND:ARGUMENT",
		"drop":                  "expected KIND:ARGUMENT",
		"explode:bob":           `unknown kind "explode"`,
		"drop:":                 "expected KIND:ARGUMENT",
		"drop:#2":               "no message named",
		"drop:INVITE#0":         "#0: expected #K",
		"drop:INVITE#x":         "#x: expected #K",
		"drop:INVITE@bob":       "expected @FROM>TO",
		"drop:IN VITE":          "is not a method",
		"drop:999":              "is not a method",
		"delay:INVITE":          "expected delay:MATCH=DURATION",
		"delay:INVITE=soon":     "not a positive duration",
		"delay:INVITE=-1s":      "not a positive duration",
		"loss:alice=20":         "expected loss:A-B=PERCENT",
		"loss:alice-proxy=120":  "not a percentage",
		"loss:alice-proxy":      "expected loss:NAME=VALUE",
		"respond:bob":           "expected respond:NAME=VALUE",
		"respond:bob=200":       "not a final failure status",
		"respond:bob=busy":      "not a final failure status",
		"max-forwards:alice=x":  "not a Max-Forwards value",
		"max-forwards:a=256":    "not a Max-Forwards value",
		"down:bob=1":            "expected down:NODE",
		"delay:INVITE=24h1s":    `"24h1s" is not a positive duration such as 500ms or 3s (at most 24h0m0s)`,
		"delay:INVITE=2562048h": `"2562048h" is not a positive duration`, // beyond time.Duration
		"down:bob@-1s":          "@-1s: expected the time the node goes down, from 0 to 24h0m0s",
		"down:bob@25h":          "@25h: expected the time the node goes down",
		"down:bob@soon":         "@soon: expected the time",
		"down:@1s":              "expected down:NODE or down:NODE@TIME",
		"noanswer:bob@1s":       "expected noanswer:NODE",
		// No control character reaches an element: a password with CR LF
		// would write a header of its own.
		"password:alice=a\r\nVia: x":  "control character U+000D: a fault spec is printable text",
		"respond:bob\x00=486":         "control character U+0000",
		"drop:INVITE@alice>b\u0085ob": "control character U+0085",
		"drop:\tINVITE":               "control character U+0009",
	} {
		_, err := ParseFault(spec)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseFault(%q) = %v, want an error containing %q", spec, err, want)
		}
	}
}

func TestMatchSelects(t *testing.T) {
	invite := []byte("INVITE sip:bob@biloxi.example.com SIP/2.0\r\nVia: x\r\n\r\n")
	ringing := []byte("SIP/2.0 180 Ringing\r\n\r\n")
	tests := []struct {
		m        Match
		data     []byte
		from, to string
		want     bool
	}{
		{Match{What: "INVITE"}, invite, "alice", "proxy", true},
		{Match{What: "INVITE"}, ringing, "bob", "proxy", false},
		{Match{What: "180"}, ringing, "bob", "proxy", true},
		{Match{What: "18"}, ringing, "bob", "proxy", false},
		{Match{What: "*"}, ringing, "bob", "proxy", true},
		{Match{What: "INVITE", From: "alice"}, invite, "alice", "proxy", true},
		{Match{What: "INVITE", From: "alice"}, invite, "proxy", "bob", false},
		{Match{What: "INVITE", To: "bob"}, invite, "proxy", "bob", true},
		{Match{What: "invite"}, invite, "alice", "proxy", false}, // methods are case-sensitive
	}
	for _, tc := range tests {
		if got := tc.m.Selects(tc.data, tc.from, tc.to); got != tc.want {
			t.Errorf("%v on %q %s>%s = %v", tc.m, tc.data[:10], tc.from, tc.to, got)
		}
	}
}

// TestFaultsCountIndependently: drop:X#2 is the second X sent, even when
// another fault dropped the first one.
func TestFaultsCountIndependently(t *testing.T) {
	s, a, b, got := pair(1, LinkConfig{Latency: 10 * time.Millisecond})
	var filters []*FaultFilter
	for _, spec := range []string{"drop:INVITE#1", "drop:INVITE#2", "dup:INVITE#3", "drop:BYE"} {
		f, err := ParseFault(spec)
		if err != nil {
			t.Fatal(err)
		}
		ff := &FaultFilter{Fault: f}
		filters = append(filters, ff)
		s.Net.AddFilter(ff)
	}
	for i := 0; i < 4; i++ {
		a.Send(b.Addr, []byte("INVITE sip:bob@biloxi.example.com SIP/2.0\r\n\r\n"), SendOptions{})
	}
	run(t, s)
	// INVITE 1 and 2 lost, 3 delivered twice, 4 once.
	if len(got.data) != 3 {
		t.Errorf("%d INVITEs delivered, want 3", len(got.data))
	}
	for i, want := range []int{1, 1, 1, 0} {
		if filters[i].Hits != want {
			t.Errorf("%s: %d hits, want %d", filters[i].Fault.Spec, filters[i].Hits, want)
		}
	}
}

func TestCorruptContentLength(t *testing.T) {
	got := string(CorruptContentLength([]byte("BYE sip:a@b SIP/2.0\r\nl: 0\r\n\r\n")))
	if got != "BYE sip:a@b SIP/2.0\r\nContent-Length: 100\r\n\r\n" {
		t.Errorf("%q", got)
	}
	got = string(CorruptContentLength([]byte("MESSAGE sip:a@b SIP/2.0\r\nVia: x\r\n\r\nhi")))
	if got != "MESSAGE sip:a@b SIP/2.0\r\nVia: x\r\nContent-Length: 102\r\n\r\nhi" {
		t.Errorf("%q", got)
	}
}

func FuzzParseFault(f *testing.F) {
	for _, s := range []string{"drop:INVITE@alice>proxy#2", "delay:180=3s", "loss:a-b=5", "respond:bob=486"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		ParseFault(spec) // must not panic
	})
}

// TestFaultForms: every kind has a form and an example, and the example
// parses as a fault of its kind.
func TestFaultForms(t *testing.T) {
	for _, k := range FaultKinds {
		if !strings.HasPrefix(k.Syntax(), string(k)+":") {
			t.Errorf("%s: syntax %q", k, k.Syntax())
		}
		f, err := ParseFault(k.Example())
		if err != nil || f.Kind != k {
			t.Errorf("%s: example %q parses as %v, %v", k, k.Example(), f.Kind, err)
		}
	}
	if len(faultForms) != len(FaultKinds) {
		t.Errorf("%d forms for %d kinds", len(faultForms), len(FaultKinds))
	}
}
