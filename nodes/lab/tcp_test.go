package lab

import (
	"bufio"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/siplab/siplab/sim/sip"
)

// TestLabTCP: over TCP the lab frames messages by Content-Length (one
// message in two segments, two in one), and answers on the connection the
// request came on (§18.2.2).
func TestLabTCP(t *testing.T) {
	srv, stop := startLab(t, Config{Users: map[string]string{"alice": "wonderland"}})
	c, err := net.Dial("tcp", srv.Addrs()[0].String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	local := c.LocalAddr().String()
	r := bufio.NewReader(c)
	read := func() *sip.Message {
		t.Helper()
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		raw, err := readFramed(r)
		if err != nil {
			t.Fatalf("reading a response: %v", err)
		}
		m, err := sip.Parse(raw)
		if err != nil {
			t.Fatalf("%v\n%s", err, raw)
		}
		return m
	}
	request := func(method string, cseq int, extra string) string {
		return fmt.Sprintf("%s sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP %s;branch=z9hG4bK-tcp%d\r\nMax-Forwards: 70\r\n"+
			"From: <sip:alice@127.0.0.1>;tag=t1\r\nTo: <sip:alice@127.0.0.1>\r\nCall-ID: tcp-1\r\nCSeq: %d %s\r\n"+
			"Contact: <sip:alice@%s;transport=tcp>\r\n%sContent-Length: 0\r\n\r\n", method, local, cseq, cseq, method, local, extra)
	}
	reg := request(sip.REGISTER, 1, "")
	c.Write([]byte(reg[:40]))
	time.Sleep(20 * time.Millisecond)
	c.Write([]byte(reg[40:]))
	ch := read()
	if ch.StatusCode != sip.StatusUnauthorized {
		t.Fatalf("REGISTER over TCP got %s, want 401", ch.StartLine())
	}
	challenge, err := ch.Challenge("WWW-Authenticate")
	if err != nil {
		t.Fatal(err)
	}
	cred, _, err := sip.Authorize(challenge, "alice", "wonderland", sip.REGISTER, "sip:127.0.0.1", "c0ffee", 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Two requests in one segment.
	c.Write([]byte(request(sip.REGISTER, 2, "Authorization: "+cred.String()+"\r\n") + request(sip.OPTIONS, 3, "")))
	for _, want := range []string{"2 REGISTER", "3 OPTIONS"} {
		m := read()
		if m.StatusCode != sip.StatusOK || m.Get("CSeq") != want {
			t.Errorf("got %s for CSeq %s, want 200", m.StartLine(), m.Get("CSeq"))
		}
	}
	tr := stop()
	var tcp int
	for _, e := range tr.Events {
		if e.Transport == "TCP" {
			tcp++
		}
	}
	if tcp != 6 || tr.Node("alice") == nil {
		t.Errorf("%d messages traced over TCP, want 6, from and to node alice (nodes %v)", tcp, tr.Nodes)
	}
}
