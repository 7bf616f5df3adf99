package lab

import (
	"bufio"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/siplab/siplab/sim/sip"
)

// TestLabMemoryBounded: what the lab holds for its clients expires, so
// that it can run for hours: many phones register over TCP for a second
// and go silent, many more connections send a REGISTER without credentials
// and go silent (half-open, as a phone that vanished leaves them). The
// bindings, the nonces, the connections and the hosts go up, then fall back to none
// once their short lifetimes pass, and no transaction is left (over TCP
// they end with their final response, §17.2.2; over UDP they would last
// their 64·T1, which the robust test covers).
func TestLabMemoryBounded(t *testing.T) {
	const phones, strays = 30, 60
	users := map[string]string{}
	for i := range phones {
		users[fmt.Sprintf("u%d", i)] = "pw"
	}
	srv, _ := startLab(t, Config{Users: users, NonceTTL: time.Second, TCPIdle: 700 * time.Millisecond, Sweep: 100 * time.Millisecond, HostIdle: 300 * time.Millisecond})
	lab := srv.Addrs()[0].String()
	dial := func() (net.Conn, *bufio.Reader) {
		t.Helper()
		c, err := net.Dial("tcp", lab)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c, bufio.NewReader(c)
	}
	register := func(c net.Conn, r *bufio.Reader, user string, cseq int, auth string) *sip.Message {
		t.Helper()
		local := c.LocalAddr().String()
		fmt.Fprintf(c, "REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP %s;branch=z9hG4bK-%s-%d\r\nMax-Forwards: 70\r\n"+
			"From: <sip:%s@127.0.0.1>;tag=t\r\nTo: <sip:%s@127.0.0.1>\r\nCall-ID: mem-%s\r\nCSeq: %d REGISTER\r\n"+
			"Contact: <sip:%s@%s;transport=tcp>\r\nExpires: 1\r\n%sContent-Length: 0\r\n\r\n",
			local, user, cseq, user, user, user, cseq, user, local, auth)
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		raw, err := readFramed(r)
		if err != nil {
			t.Fatalf("%s: %v", user, err)
		}
		m, err := sip.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	for i := range phones {
		user := fmt.Sprintf("u%d", i)
		c, r := dial()
		ch, err := register(c, r, user, 1, "").Challenge("WWW-Authenticate")
		if err != nil {
			t.Fatal(err)
		}
		cred, _, err := sip.Authorize(ch, user, "pw", sip.REGISTER, "sip:127.0.0.1", "c0ffee", 1, nil)
		if err != nil {
			t.Fatal(err)
		}
		if ok := register(c, r, user, 2, "Authorization: "+cred.String()+"\r\n"); ok.StatusCode != sip.StatusOK {
			t.Fatalf("%s: %s", user, ok.StartLine())
		}
	}
	for i := range strays {
		c, r := dial()
		register(c, r, fmt.Sprintf("stray%d", i), 1, "")
	}
	peak, _ := srv.Stats()
	if peak.Bindings != phones || peak.Nonces < phones+strays || peak.TCPConns != phones+strays || peak.Hosts != phones+strays {
		t.Errorf("at the peak: %+v, want %d bindings, %d nonces at least, %d TCP connections and hosts", peak, phones, phones+strays, phones+strays)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		st, _ := srv.Stats()
		if st == (Stats{}) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("10 s later the lab still holds %+v (peak %+v), want nothing", st, peak)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
