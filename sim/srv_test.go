package sim

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"
)

func TestParseRecord(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{`Biloxi.Example.COM. IN NAPTR 50 50 "s" "sip+d2u" "" _sip._udp.biloxi.example.com.`,
			`biloxi.example.com NAPTR 50 50 "s" "SIP+D2U" "" _sip._udp.biloxi.example.com`, ""},
		{"_sip._udp.biloxi.example.com SRV 10 60 5060 ss1.biloxi.example.com",
			"_sip._udp.biloxi.example.com SRV 10 60 5060 ss1.biloxi.example.com", ""},
		{"_sip._udp.biloxi.example.com SRV 10 60 ss1.biloxi.example.com", "", "an SRV record is"},
		{"_sip._udp.biloxi.example.com SRV 10 60 70000 ss1", "", `"70000" is not a number`},
		{`biloxi.example.com NAPTR 50 50 "s" "SIP+D2U" "!^.*$!sip:x!" _sip._udp`, "", "not a regular expression"},
		{"biloxi.example.com A 192.0.2.1", "", `record type "A"`},
		{"biloxi.example.com", "", "a record is"},
	} {
		r, err := ParseRecord(tc.in)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("ParseRecord(%q): error %v, want one with %q", tc.in, err, tc.err)
		case tc.err == "" && (err != nil || r.String() != tc.want):
			t.Errorf("ParseRecord(%q) = %q, %v; want %q", tc.in, r, err, tc.want)
		}
	}
}

// dnsWith is a Sim whose DNS has the records and A records for the hosts
// ss1…ssN.example.com at 192.0.2.1…N.
func dnsWith(t *testing.T, seed uint64, records ...string) *Sim {
	t.Helper()
	s := New(seed)
	for i := 1; i <= 4; i++ {
		s.DNS.AddName(fmt.Sprintf("ss%d.example.com", i), netip.AddrFrom4([4]byte{192, 0, 2, byte(i)}))
	}
	for _, rec := range records {
		r, err := ParseRecord(rec)
		if err != nil {
			t.Fatal(err)
		}
		s.DNS.Add(r)
	}
	return s
}

func TestLocate(t *testing.T) {
	for _, tc := range []struct {
		name    string
		records []string
		want    string // the targets
		lookups string // the summaries' keys and first argument
	}{
		{"NAPTR order, then preference; unsupported services skipped",
			[]string{
				`example.com NAPTR 10 50 "s" "SIPS+D2T" "" _sips._tcp.example.com`,
				`example.com NAPTR 90 60 "s" "SIP+D2U" "" _sip._udp.example.com`,
				`example.com NAPTR 90 50 "s" "SIP+D2T" "" _sip._tcp.example.com`,
				"_sip._tcp.example.com SRV 0 0 5060 ss3.example.com",
				"_sip._udp.example.com SRV 0 0 5060 ss4.example.com",
			},
			"[ss3.example.com:5060]", "net.dns.naptr(example.com) net.dns.srv.found(_sip._tcp.example.com)"},
		{"no NAPTR: SRV for UDP, then TCP",
			[]string{"_sip._tcp.example.com SRV 0 0 5070 ss2.example.com"},
			"[ss2.example.com:5070]", "net.dns.naptr.none(example.com) net.dns.srv.found(_sip._tcp.example.com)"},
		{"priorities, lowest first",
			[]string{
				"_sip._udp.example.com SRV 20 100 5060 ss2.example.com",
				"_sip._udp.example.com SRV 10 0 5060 ss1.example.com",
				"_sip._udp.example.com SRV 30 5 5062 ss3.example.com",
			},
			"[ss1.example.com:5060 ss2.example.com:5060 ss3.example.com:5062]", "net.dns.naptr.none(example.com) net.dns.srv.found(_sip._udp.example.com)"},
		{"a NAPTR pointing to no SRV records",
			[]string{`example.com NAPTR 10 50 "s" "SIP+D2U" "" _sip._udp.example.com`},
			"[]", "net.dns.naptr(example.com) net.dns.srv.none(_sip._udp.example.com)"},
	} {
		s := dnsWith(t, 1, tc.records...)
		if !s.DNS.Published("EXAMPLE.com.") {
			t.Errorf("%s: not published", tc.name)
		}
		got := fmt.Sprint(s.DNS.Locate(nil, "example.com", 0))
		var lookups []string
		for _, e := range s.Trace.Events {
			lookups = append(lookups, e.Summary.Key+"("+e.Summary.Args[0]+")")
			if e.Type != EventLookup || e.To != DNSNode || len(e.Reasons) != 1 || !strings.HasPrefix(e.Reasons[0].RFC, "RFC ") {
				t.Errorf("%s: event %v: a lookup to dns with one reason and its RFC", tc.name, e)
			}
		}
		if got != tc.want || strings.Join(lookups, " ") != tc.lookups {
			t.Errorf("%s: Locate = %s, lookups %s\nwant %s, %s", tc.name, got, lookups, tc.want, tc.lookups)
		}
	}
	if s := dnsWith(t, 1); s.DNS.Published("example.com") {
		t.Error("a domain without records is published")
	}
}

// TestSRVWeights: within a priority, each server comes first with a
// chance in proportion to its weight (RFC 2782), drawn from the seed: the
// same seed gives the same order, and over many seeds the shares match.
func TestSRVWeights(t *testing.T) {
	records := []string{
		"_sip._udp.example.com SRV 10 0 5060 ss1.example.com",
		"_sip._udp.example.com SRV 10 60 5060 ss2.example.com",
		"_sip._udp.example.com SRV 10 30 5060 ss3.example.com",
		"_sip._udp.example.com SRV 10 10 5060 ss4.example.com",
	}
	firsts := map[string]int{}
	const runs = 4000
	for seed := uint64(1); seed <= runs; seed++ {
		s := dnsWith(t, seed, records...)
		targets := s.DNS.Locate(nil, "example.com", 0)
		if len(targets) != 4 {
			t.Fatalf("seed %d: %v", seed, targets)
		}
		firsts[targets[0].Host]++
		if again := dnsWith(t, seed, records...).DNS.Locate(nil, "example.com", 0); fmt.Sprint(again) != fmt.Sprint(targets) {
			t.Fatalf("seed %d: %v, then %v", seed, targets, again)
		}
		if seed == 1 {
			srv := s.Trace.Events[1]
			if draws := len(srv.Notes) - len(records); draws != 3 {
				t.Errorf("the SRV lookup notes %d draws, want 3: %v", draws, srv.Notes)
			}
		}
	}
	// Expected firsts: weight/101 of the runs (the draw is 0…100); the
	// weight-0 record, placed first, on a draw of 0 only: 1/101.
	for host, weight := range map[string]float64{"ss1.example.com": 0, "ss2.example.com": 60, "ss3.example.com": 30, "ss4.example.com": 10} {
		want := (weight + 1) / 101 * runs
		if host != "ss1.example.com" {
			want = weight / 101 * runs
		}
		if got := float64(firsts[host]); got < want-0.2*want-20 || got > want+0.2*want+20 {
			t.Errorf("%s first %v times in %d, want about %.0f", host, got, runs, want)
		}
	}
}

func TestAddress(t *testing.T) {
	s := dnsWith(t, 1)
	if ap, ok := s.DNS.Address(nil, Target{"SS2.example.com.", 5070}, 0); !ok || ap.String() != "192.0.2.2:5070" {
		t.Errorf("Address = %v, %v", ap, ok)
	}
	if _, ok := s.DNS.Address(nil, Target{"nowhere.example.com", 5060}, 0); ok {
		t.Error("Address of an unknown host succeeded")
	}
	if got := fmt.Sprint(s.Trace.Events[0].Summary, " ", s.Trace.Events[1].Summary); got !=
		"net.dns.a.found(SS2.example.com., 192.0.2.2:5070) net.dns.notfound(nowhere.example.com)" {
		t.Errorf("lookups %s", got)
	}
}
