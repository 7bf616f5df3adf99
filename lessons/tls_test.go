package lessons

import (
	"strings"
	"testing"

	"github.com/siplab/siplab/sim"
)

// TestTLSCallDetail: the tls-call lesson (RFC 3261 §26). Every message goes
// over TLS, with Vias saying SIP/2.0/TLS and sent-by port 5061; the
// Request-URIs, Contacts and the proxy's Record-Route are sips URIs; each
// hop's first message waits for a handshake of three flights (ClientHello,
// ServerHello with the server's certificate, Finished) between its two
// hosts, and a later message on the hop for none.
func TestTLSCallDetail(t *testing.T) {
	tr := run(t, "tls-call", 1)
	msgs := messages(tr)
	for _, e := range msgs {
		m := parse(t, e)
		if e.Transport != "TLS" {
			t.Errorf("#%d %s: transport %q, want TLS", e.Seq, e.Summary, e.Transport)
		}
		vias, err := m.Vias()
		if err != nil {
			t.Fatalf("#%d: %v", e.Seq, err)
		}
		for _, v := range vias {
			if v.Transport != "TLS" || v.Port != 5061 {
				t.Errorf("#%d: Via %s, want SIP/2.0/TLS at port 5061", e.Seq, v)
			}
		}
		if m.IsRequest() && m.RequestURI.Scheme != "sips" {
			t.Errorf("#%d: Request-URI %s is not a sips URI", e.Seq, m.RequestURI)
		}
		if c := m.Get("Contact"); c != "" && !strings.HasPrefix(c, "<sips:") {
			t.Errorf("#%d: Contact %s is not a sips URI", e.Seq, c)
		}
		if rr := m.Get("Record-Route"); rr != "" && rr != "<sips:proxy.biloxi.example.com:5061;lr>" {
			t.Errorf("#%d: Record-Route %s, want the proxy's sips URI", e.Seq, rr)
		}
	}
	var flights []string
	for _, e := range tr.Events {
		if e.Type == sim.EventLookup && strings.HasPrefix(e.Summary.Key, "net.tls.") {
			flights = append(flights, e.From+">"+e.To+" "+strings.TrimPrefix(e.Summary.Key, "net.tls.")+" "+strings.Join(e.Summary.Args, ","))
		}
	}
	want := []string{
		"alice>proxy clienthello proxy.biloxi.example.com",
		"proxy>alice serverhello proxy.biloxi.example.com",
		"alice>proxy finished ",
		"proxy>bob clienthello client.biloxi.example.com",
		"bob>proxy serverhello client.biloxi.example.com",
		"proxy>bob finished ",
	}
	if strings.Join(flights, "\n") != strings.Join(want, "\n") {
		t.Errorf("handshakes:\n%s\nwant\n%s", strings.Join(flights, "\n"), strings.Join(want, "\n"))
	}
	waited := 0
	for _, e := range msgs {
		if hasNote(e, "net.tls.wait", "20ms") {
			waited++
			if e.Arrive-e.At != 30_000_000 {
				t.Errorf("#%d: arrives %v after it was sent, want the 10 ms latency plus the 20 ms handshake", e.Seq, e.Arrive-e.At)
			}
		}
	}
	if waited != 2 {
		t.Errorf("%d messages waited for a handshake, want 2: the first INVITE of each hop", waited)
	}
}
