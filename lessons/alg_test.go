package lessons

import (
	"strconv"
	"strings"
	"testing"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// TestALGCallDetail: RFC 3665 §3.5 — alice's INVITE reaches the ALG by a
// pre-loaded Route (F1); the ALG forwards it as a proxy (its Route gone,
// its Via and Record-Route added, alice's Via with received, her Contact
// and o= line untouched) with the SDP's c= and m= rewritten to its own
// relay (F2), which proxy2 passes on unchanged (F4); bob's answer comes back
// with his address as far as the ALG and with another relay of the ALG
// after it (F11). No SDP outside the firewall names alice's address, and
// none alice sees names bob's. The ACK and BYE go from the ALG straight to
// bob (proxy2 did not Record-Route), and the BYE closes the relays.
func TestALGCallDetail(t *testing.T) {
	tr := run(t, "alg-call", 1)
	const alg, alice, bob = "198.51.100.1", "10.0.0.10", "192.0.2.201"
	media := func(m *sip.Message) string {
		s := sdpOf(t, m)
		return s.Connection.Address + ":" + strconv.Itoa(s.Media[0].Port)
	}
	f1, f2, f4 := one(t, tr, "alice", "alg", "INVITE", 1), one(t, tr, "alg", "proxy2", "INVITE", 1), one(t, tr, "proxy2", "bob", "INVITE", 1)
	if f1.Get("Route") != "<sip:alg.atlanta.example.com;lr>" || media(f1) != alice+":49170" {
		t.Errorf("F1: Route %q, media %s", f1.Get("Route"), media(f1))
	}
	vias, _ := f2.Vias()
	switch {
	case f2.Has("Route") || f2.Get("Record-Route") != "<sip:alg.atlanta.example.com;lr>":
		t.Errorf("F2: Route %q, Record-Route %q", f2.Get("Route"), f2.Get("Record-Route"))
	case len(vias) != 2 || vias[0].Host != "alg.atlanta.example.com" || vias[1].Received() != alice:
		t.Errorf("F2: Vias %v", f2.Values("Via"))
	case f2.Get("Contact") != f1.Get("Contact") || sdpOf(t, f2).Origin != sdpOf(t, f1).Origin:
		t.Errorf("F2: Contact %q, o= %v changed", f2.Get("Contact"), sdpOf(t, f2).Origin)
	case media(f2) != alg+":30000" || media(f4) != media(f2) || len(f4.Values("Record-Route")) != 1:
		t.Errorf("F2 media %s, F4 media %s, F4 Record-Route %v", media(f2), media(f4), f4.Values("Record-Route"))
	}
	if got := media(one(t, tr, "proxy2", "alg", "200", 1)); got != bob+":49170" {
		t.Errorf("F10: bob's answer %s", got)
	}
	if got := media(one(t, tr, "alg", "alice", "200", 1)); got != alg+":30002" {
		t.Errorf("F11: the answer alice gets %s", got)
	}
	for _, e := range messages(tr) {
		inside := e.From == "alice" || e.To == "alice"
		if inside && strings.Contains(e.Raw, "c=IN IP4 "+bob) || !inside && strings.Contains(e.Raw, "c=IN IP4 "+alice) {
			t.Errorf("#%d %s>%s: an SDP address crossed the ALG", e.Seq, e.From, e.To)
		}
	}
	for _, m := range []string{"ACK", "BYE"} {
		if len(matching(tr, "alg", "bob", m)) != 1 || len(matching(tr, "proxy2", "bob", m)) != 0 {
			t.Errorf("the %s does not go from the ALG straight to bob", m)
		}
	}
	var binds []string
	for _, e := range tr.Events {
		if e.Type == sim.EventNote && e.Node == "alg" && e.Summary.Key == "node.alg.bind" {
			binds = append(binds, e.Summary.Args[0]+"="+e.Summary.Args[1])
		}
	}
	if strings.Join(binds, " ") != alice+":49170="+alg+":30000 "+bob+":49170="+alg+":30002" {
		t.Errorf("relay table %v", binds)
	}
	bye := matching(tr, "alg", "bob", "BYE")
	if len(bye) == 1 && !citing(bye[0], "RFC 3665 §3.5") {
		t.Errorf("the BYE does not close the relays: %v", bye[0].Reasons)
	}
}
