package sim

import (
	"fmt"
	"net/netip"
	"testing"
)

func TestResolve(t *testing.T) {
	s := New(1)
	s.DNS.AddDomain("biloxi.example.com", netip.MustParseAddrPort("198.51.100.20:5080"))
	s.DNS.AddDomain("atlanta.example.com.", netip.MustParseAddrPort("192.0.2.1:5060"))
	s.DNS.AddName("pc33.atlanta.example.com", netip.MustParseAddr("192.0.2.33"))
	s.DNS.AddName("v6.example.com", netip.MustParseAddr("2001:db8::6"))
	s.DNS.AddName("atlanta.example.com", netip.MustParseAddr("192.0.2.2")) // overrides the implied A record

	for _, tc := range []struct{ host, want string }{
		// Domains: the SIP server, port included.
		{"biloxi.example.com", "198.51.100.20:5080"},
		{"BILOXI.Example.COM.", "198.51.100.20:5080"},
		{"atlanta.example.com", "192.0.2.1:5060"},
		// A name with a port: A record at that port; AddDomain implies one.
		{"biloxi.example.com:5070", "198.51.100.20:5070"},
		{"atlanta.example.com:5070", "192.0.2.2:5070"},
		{"pc33.atlanta.example.com:5061", "192.0.2.33:5061"},
		// A name without a port and no domain: A record at 5060.
		{"pc33.atlanta.example.com", "192.0.2.33:5060"},
		{"v6.example.com", "[2001:db8::6]:5060"},
		// IP literals resolve to themselves.
		{"192.0.2.4", "192.0.2.4:5060"},
		{"192.0.2.4:5070", "192.0.2.4:5070"},
		{"2001:db8::4", "[2001:db8::4]:5060"},
		{"[2001:db8::4]", "[2001:db8::4]:5060"},
		{"[2001:db8::4]:5062", "[2001:db8::4]:5062"},
		// Unknown.
		{"nowhere.example.com", ""},
		{"nowhere.example.com:5060", ""},
		{"biloxi.example.com:sip", ""},
		{"biloxi.example.com:70000", ""},
		{"", ""},
		{":5060", ""},
	} {
		addr, ok := s.DNS.Resolve(tc.host)
		got := ""
		if ok {
			got = addr.String()
		}
		if got != tc.want {
			t.Errorf("Resolve(%q) = %q, %v; want %q", tc.host, got, ok, tc.want)
		}
	}
	if s.Trace.Len() != 0 || len(s.Trace.Nodes) != 0 {
		t.Error("Resolve wrote to the trace")
	}
}

func TestResolveTraced(t *testing.T) {
	s := New(1)
	proxy := s.Net.AddHost("proxy", "proxy", netip.MustParseAddrPort("203.0.113.1:5060"))
	s.DNS.AddDomain("biloxi.example.com", netip.MustParseAddrPort("198.51.100.20:5060"))
	s.After(0, func() {
		s.DNS.ResolveTraced(proxy, "biloxi.example.com")
		s.DNS.ResolveTraced(proxy, "nowhere.example.com")
	})
	run(t, s)
	want := []string{
		"#1 0s lookup proxy → dns: net.dns.found(biloxi.example.com, 198.51.100.20:5060) " +
			"[{net.dns.srv RFC 3263 §4.2}]",
		"#2 0s lookup proxy → dns: net.dns.notfound(nowhere.example.com) " +
			"[{net.dns.none(nowhere.example.com) RFC 3263 §4.2}]",
	}
	for i, e := range s.Trace.Events {
		if got := fmt.Sprint(e, " ", e.Reasons); got != want[i] {
			t.Errorf("event %d:\n got %s\nwant %s", i+1, got, want[i])
		}
	}
	if len(s.Trace.Nodes) != 2 || s.Trace.Nodes[0].Name != "proxy" || s.Trace.Nodes[1] != (NodeInfo{Name: "dns", Kind: KindDNS}) {
		t.Errorf("nodes %v: the dns node must be listed once", s.Trace.Nodes)
	}
}
