package lessons

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
)

// TestGB28181Keepalive: GB/T 28181-2016 §9.6.1 — once registered, the
// device sends a MANSCDP Keepalive MESSAGE every period with a rising SN,
// each answered 200 with a GB/T 28181 Date; the device goes down at 25 s,
// and three periods after the last keepalive that arrived the platform
// marks it offline, and only then (without the fault, not until three
// periods after the device's last keepalive).
func TestGB28181Keepalive(t *testing.T) {
	tr := run(t, "gb28181-keepalive", 1)
	sent := matching(tr, "device", "registrar", "MESSAGE")
	var arrived []sim.Event
	for _, e := range sent {
		if !e.Dropped {
			arrived = append(arrived, e)
		}
	}
	if len(arrived) != 2 {
		t.Fatalf("%d keepalives arrived, want 2 (at 10 s and 20 s)", len(arrived))
	}
	for k, e := range arrived {
		m := parse(t, e)
		if want := time.Duration(k+1) * 10 * time.Second; e.At < want || e.At > want+time.Second {
			t.Errorf("keepalive %d sent at %v, want one period after the last (%v)", k+1, e.At, want)
		}
		body := string(m.Body)
		for _, want := range []string{"<Notify>", "<CmdType>Keepalive</CmdType>", "<SN>" + strconv.Itoa(k+1) + "</SN>", "<DeviceID>34020000001320000003</DeviceID>", "<Status>OK</Status>"} {
			if !strings.Contains(body, want) {
				t.Errorf("keepalive %d lacks %s:\n%s", k+1, want, body)
			}
		}
		if ct := m.Get("Content-Type"); ct != "Application/MANSCDP+xml" || m.RequestURI.User != "34020000002000000001" {
			t.Errorf("keepalive %d: Content-Type %q, Request-URI %s", k+1, ct, m.RequestURI)
		}
		ok := one(t, tr, "registrar", "device", "200", k+2) // the first 200 is the REGISTER's
		if cseqOf(t, ok).Method != "MESSAGE" || ok.CallID() != m.CallID() || !strings.HasPrefix(ok.Get("Date"), "2026-01-01T00:00:") {
			t.Errorf("answer to keepalive %d: %s, Call-ID %s, Date %q", k+1, ok.Get("CSeq"), ok.CallID(), ok.Get("Date"))
		}
	}
	var offline []sim.Event
	for _, e := range tr.Events {
		if e.Summary.Key == "node.gb.offline" {
			offline = append(offline, e)
		}
	}
	if want := arrived[1].Arrive + 30*time.Second; len(offline) != 1 || offline[0].At != want || offline[0].Node != "registrar" {
		t.Fatalf("offline events %+v, want one at %v (three 10 s periods after the last keepalive arrived)", offline, want)
	}

	// Without the fault the device keeps alive and is never marked offline.
	l, err := Find("gb28181-keepalive")
	if err != nil {
		t.Fatal(err)
	}
	c := *l // the catalog's lesson is shared: change a copy
	c.Faults = nil
	tr, err = Run(&c, RunOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	last := matching(tr, "device", "registrar", "MESSAGE")
	if len(last) != 3 {
		t.Fatalf("without the fault the device sent %d keepalives, want its 3", len(last))
	}
	for _, e := range tr.Events {
		if e.Summary.Key == "node.gb.offline" && e.At != last[2].Arrive+30*time.Second {
			t.Errorf("a device that keeps alive was marked offline at %v, before three periods without a keepalive", e.At)
		}
	}
}

// TestGB28181Catalog: GB/T 28181-2016 §9.5.3 — the device answers the
// platform's Catalog query with 200, then sends a MESSAGE of its own to
// the platform that asked, a MANSCDP Response with the query's SN listing
// its channels; a device without channels sends no catalog.
func TestGB28181Catalog(t *testing.T) {
	tr := run(t, "gb28181-catalog", 1)
	query := one(t, tr, "registrar", "device", "MESSAGE", 1)
	sn := manscdpText(string(query.Body), "SN")
	if ack := one(t, tr, "device", "registrar", "200", 1); ack.CallID() != query.CallID() || len(ack.Body) != 0 {
		t.Errorf("the query's 200: Call-ID %s, %d body bytes", ack.CallID(), len(ack.Body))
	}
	resp := one(t, tr, "device", "registrar", "MESSAGE", 1)
	body := string(resp.Body)
	if resp.CallID() == query.CallID() || resp.RequestURI.User != fromOf(t, query).URI.User || resp.Get("Content-Type") != "Application/MANSCDP+xml" {
		t.Errorf("catalog MESSAGE: Call-ID %s, Request-URI %s, Content-Type %q", resp.CallID(), resp.RequestURI, resp.Get("Content-Type"))
	}
	if sn == "" || manscdpText(body, "SN") != sn || manscdpText(body, "CmdType") != "Catalog" || !strings.Contains(body, "<Response>") {
		t.Errorf("catalog response does not answer the query SN %q:\n%s", sn, body)
	}
	if got := manscdpText(body, "SumNum"); got != "2" || strings.Count(body, "<Item>") != 2 || !strings.Contains(body, `<DeviceList Num="2">`) {
		t.Errorf("catalog lists SumNum %s and %d items, want the device's 2 channels:\n%s", got, strings.Count(body, "<Item>"), body)
	}
	for _, ch := range []string{"34020000001310000001", "34020000001310000002"} {
		if !strings.Contains(body, "<DeviceID>"+ch+"</DeviceID>") {
			t.Errorf("catalog lacks channel %s", ch)
		}
	}
	if ok := one(t, tr, "registrar", "device", "200", 2); ok.CallID() != resp.CallID() || ok.Get("Date") == "" {
		t.Errorf("the platform's 200 to the catalog: Call-ID %s, Date %q", ok.CallID(), ok.Get("Date"))
	}

	l, err := Find("gb28181-catalog")
	if err != nil {
		t.Fatal(err)
	}
	c := *l // the catalog's lesson is shared: change a copy
	c.Nodes = slices.Clone(l.Nodes)
	c.Nodes[0].Channels = nil
	if tr, err = Run(&c, RunOptions{Seed: 1}); err != nil {
		t.Fatal(err)
	}
	if n := len(matching(tr, "device", "registrar", "MESSAGE")); n != 0 {
		t.Errorf("a device without channels sent %d catalog MESSAGEs", n)
	}
}

// manscdpText is the text of the first element name of a MANSCDP body.
func manscdpText(body, name string) string {
	_, rest, ok := strings.Cut(body, "<"+name+">")
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(rest, "</"+name+">")
	return v
}
