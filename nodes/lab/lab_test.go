package lab

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// syncBuffer is a bytes.Buffer the lab's loop writes while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startLab serves a lab on a loopback port of its own until the test ends
// or stop is called, which returns the trace.
func startLab(t testing.TB, cfg Config) (srv *Server, stop func() *sim.Trace) {
	t.Helper()
	cfg.Listen = []netip.AddrPort{netip.MustParseAddrPort("127.0.0.1:0")}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	type result struct {
		t   *sim.Trace
		err error
	}
	done := make(chan result, 1)
	go func() {
		tr, err := srv.Run(ctx)
		done <- result{tr, err}
	}()
	var once sync.Once
	var tr *sim.Trace
	stop = func() *sim.Trace {
		once.Do(func() {
			cancel()
			r := <-done
			if r.err != nil {
				t.Errorf("Run: %v", r.err)
			}
			tr = r.t
		})
		return tr
	}
	t.Cleanup(func() { stop() })
	return srv, stop
}

// phone is a softphone of the test: a UDP socket on loopback.
type phone struct {
	t    *testing.T
	user string
	c    *net.UDPConn
	lab  netip.AddrPort
	n    int    // for branches and tags
	nat  string // if set, the private address it writes in Via and Contact (behind a NAT)
}

func newPhone(t *testing.T, user string, lab netip.AddrPort) *phone {
	t.Helper()
	c, err := net.ListenUDP("udp", net.UDPAddrFromAddrPort(netip.MustParseAddrPort("127.0.0.1:0")))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return &phone{t: t, user: user, c: c, lab: lab}
}

func (p *phone) addr() netip.AddrPort { return p.c.LocalAddr().(*net.UDPAddr).AddrPort() }

// sentBy is the address the phone writes in its Via and Contact: its own,
// or behind a NAT its private one.
func (p *phone) sentBy() string {
	if p.nat != "" {
		return p.nat
	}
	return p.addr().String()
}

func (p *phone) branch() string {
	p.n++
	return fmt.Sprintf("z9hG4bK-%s-%d", p.user, p.n)
}

func (p *phone) send(raw string) {
	p.t.Helper()
	if _, err := p.c.WriteToUDPAddrPort([]byte(raw), p.lab); err != nil {
		p.t.Fatal(err)
	}
}

func (p *phone) sendMsg(m *sip.Message) { p.t.Helper(); p.send(string(m.Bytes())) }

// await reads until a message whose start line begins with prefix comes,
// skipping others (a 100 Trying, a retransmission).
func (p *phone) await(prefix string) *sip.Message {
	p.t.Helper()
	raw := p.awaitRaw(prefix)
	m, err := sip.Parse(raw)
	if err != nil {
		p.t.Fatalf("%s got a message that does not parse: %v\n%s", p.user, err, raw)
	}
	return m
}

// awaitRaw is await for a message that need not parse (a 400 copies what
// it could read of a bad request).
func (p *phone) awaitRaw(prefix string) []byte {
	p.t.Helper()
	buf := make([]byte, 65536)
	deadline := time.Now().Add(5 * time.Second)
	for {
		p.c.SetReadDeadline(deadline)
		n, err := p.c.Read(buf)
		if err != nil {
			p.t.Fatalf("%s waiting for %q: %v", p.user, prefix, err)
		}
		if bytes.HasPrefix(buf[:n], []byte(prefix)) {
			return bytes.Clone(buf[:n])
		}
	}
}

// request builds a request of the phone's, outside a dialog unless toTag.
func (p *phone) request(method, uri, to, callID string, cseq int) *sip.Message {
	ruri, err := sip.ParseURI(uri)
	if err != nil {
		p.t.Fatal(err)
	}
	m := &sip.Message{Method: method, RequestURI: ruri}
	m.Add("Via", fmt.Sprintf("SIP/2.0/UDP %s;branch=%s;rport", p.sentBy(), p.branch()))
	m.Add("Max-Forwards", "70")
	m.Add("From", fmt.Sprintf("<sip:%s@127.0.0.1>;tag=%s-tag", p.user, p.user))
	m.Add("To", to)
	m.Add("Call-ID", callID)
	m.Add("CSeq", fmt.Sprintf("%d %s", cseq, method))
	m.Add("Contact", fmt.Sprintf("<sip:%s@%s>", p.user, p.sentBy()))
	return m
}

// authorize answers the challenge of resp on req, as a new request.
func (p *phone) authorize(req, resp *sip.Message, password string) {
	p.t.Helper()
	name, cred := "WWW-Authenticate", "Authorization"
	if resp.StatusCode == sip.StatusProxyAuthRequired {
		name, cred = "Proxy-Authenticate", "Proxy-Authorization"
	}
	ch, err := resp.Challenge(name)
	if err != nil {
		p.t.Fatal(err)
	}
	c, _, err := sip.Authorize(ch, p.user, password, req.Method, req.RequestURI.String(), "0a4f113b", 1, req.Body)
	if err != nil {
		p.t.Fatal(err)
	}
	req.Set(cred, c.String())
	cs, _ := req.CSeq()
	req.Set("CSeq", fmt.Sprintf("%d %s", cs.Seq+1, req.Method))
	v, _ := req.TopVia()
	v.Params = v.Params.Set("branch", p.branch())
	req.SetTopVia(v)
}

func (p *phone) register(password string) {
	p.t.Helper()
	req := p.request(sip.REGISTER, "sip:127.0.0.1", fmt.Sprintf("<sip:%s@127.0.0.1>", p.user), "reg-"+p.user, 1)
	req.Add("Expires", "3600")
	p.sendMsg(req)
	ch := p.await("SIP/2.0 401")
	p.authorize(req, ch, password)
	p.sendMsg(req)
	ok := p.await("SIP/2.0 ")
	if ok.StatusCode != sip.StatusOK || ok.Get("Date") == "" {
		p.t.Fatalf("%s: REGISTER with credentials got %s (Date %q)", p.user, ok.StartLine(), ok.Get("Date"))
	}
}

// answer is the phone's response to req, as a UAS (§8.2.6, §12.1.1).
func (p *phone) answer(req *sip.Message, code int) *sip.Message {
	resp := sip.NewResponse(req, code, "")
	to, _ := req.To()
	if to.Tag() == "" {
		resp.Set("To", req.Get("To")+";tag="+p.user+"-tag")
	}
	for _, rr := range req.Values("Record-Route") {
		resp.Add("Record-Route", rr)
	}
	resp.Add("Contact", fmt.Sprintf("<sip:%s@%s>", p.user, p.sentBy()))
	return resp
}

// inDialog builds a request in the dialog the 2xx ok established, along
// its route set (§12.2.1.1).
func (p *phone) inDialog(method string, ok *sip.Message, cseq int) *sip.Message {
	p.t.Helper()
	contacts, _, err := ok.Contacts()
	if err != nil || len(contacts) == 0 {
		p.t.Fatalf("2xx without Contact: %v", err)
	}
	m := p.request(method, contacts[0].URI.String(), ok.Get("To"), ok.CallID(), cseq)
	rrs := ok.Values("Record-Route")
	for i := len(rrs) - 1; i >= 0; i-- { // a UAC reverses the 2xx's Record-Route
		m.Add("Route", rrs[i])
	}
	return m
}

func TestLabCall(t *testing.T) {
	out := &syncBuffer{}
	srv, stop := startLab(t, Config{Users: map[string]string{"alice": "wonderland", "bob": "builder", "carol": "x"}, Out: out, Verbose: true})
	defer func() {
		if t.Failed() {
			t.Log(out.String())
		}
	}()
	addr := srv.Addrs()[0]
	alice := labCall(t, addr)

	// OPTIONS for the server itself is answered (§11.2).
	alice.sendMsg(alice.request(sip.OPTIONS, "sip:127.0.0.1", "<sip:127.0.0.1>", "opt-1", 1))
	alice.await("SIP/2.0 200")

	// A user of the domain who is not registered is unavailable (480), a
	// user the domain does not have is not found (404), §16.5.
	for i, c := range []struct {
		user string
		want string
	}{{"carol", "SIP/2.0 480"}, {"dave", "SIP/2.0 404"}} {
		callID := fmt.Sprintf("call-nobody-%d", i)
		inv := alice.request(sip.INVITE, "sip:"+c.user+"@127.0.0.1", "<sip:"+c.user+"@127.0.0.1>", callID, 1)
		alice.sendMsg(inv)
		ch := alice.await("SIP/2.0 407")
		alice.authorize(inv, ch, "wonderland")
		alice.sendMsg(inv)
		alice.await(c.want)
	}

	// Another domain is refused, never relayed.
	alice.sendMsg(alice.request(sip.INVITE, "sip:carol@192.0.2.9", "<sip:carol@192.0.2.9>", "call-2", 1))
	alice.await("SIP/2.0 403")

	tr := stop()
	if tr.Source != "lab" {
		t.Errorf("trace source %q, want lab", tr.Source)
	}
	for _, name := range []string{"lab", "alice", "bob"} {
		if tr.Node(name) == nil {
			t.Errorf("no node %q in the trace: %v", name, tr.Nodes)
		}
	}
	if !strings.Contains(out.String(), "|--- INVITE -") || !strings.Contains(out.String(), "Request-URI") {
		t.Errorf("the live ladder lacks alice's INVITE:\n%s", out)
	}
	ladder := recordedLadder(t, tr)
	for _, want := range []string{"407", "BYE", "REGISTER"} {
		if !strings.Contains(ladder, want) {
			t.Errorf("the ladder of the recorded trace lacks %s:\n%s", want, ladder)
		}
	}
}

// recordedLadder is the text ladder of tr written as JSON and read back,
// as `siplab show lab.json` draws it.
func recordedLadder(t *testing.T, tr *sim.Trace) string {
	t.Helper()
	var b bytes.Buffer
	if err := render.JSON(&b, tr); err != nil {
		t.Fatal(err)
	}
	back, err := sim.ReadTrace(&b)
	if err != nil {
		t.Fatalf("the recorded trace does not read back: %v", err)
	}
	var ladder bytes.Buffer
	if err := render.Text(&ladder, back, render.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	return ladder.String()
}

// TestLabGarbage: datagrams that are not SIP, or malformed SIP, never stop
// the server: a request it can answer gets 400, the rest is dropped, and
// the next request is served.
func TestLabGarbage(t *testing.T) {
	srv, _ := startLab(t, Config{})
	p := newPhone(t, "mallory", srv.Addrs()[0])
	p.send("\x00\x01\x02 not SIP at all \xff\xfe")
	p.send("INVITE")
	p.send(strings.Repeat("A", 60000))
	p.send(fmt.Sprintf("OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP %s;branch=z9hG4bK-bad\r\nCSeq: 1 OPTIONS\r\nContent-Length: 99\r\n\r\n", p.addr()))
	p.awaitRaw("SIP/2.0 400") // shorter than its Content-Length (§18.3)
	// Every prefix of a REGISTER, and the REGISTER with each byte flipped.
	reg := p.request(sip.REGISTER, "sip:127.0.0.1", "<sip:mallory@127.0.0.1>", "reg-cut", 1).Bytes()
	for i := 1; i < len(reg); i++ {
		p.send(string(reg[:i]))
		flipped := bytes.Clone(reg)
		flipped[i] ^= 0x20
		p.send(string(flipped))
	}
	// The server still answers: an OPTIONS, retransmitted as a UAC does
	// over UDP (§17.1.2.2) in case the kernel dropped it behind the flood,
	// or, while the lab is still busy with the flood (503, §21.5.4), again
	// in a new transaction.
	buf := make([]byte, 65536)
	for try := 0; try < 10; try++ {
		opt := p.request(sip.OPTIONS, "sip:127.0.0.1", "<sip:127.0.0.1>", "opt-after", 1)
		p.sendMsg(opt)
		p.c.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
		for {
			n, err := p.c.Read(buf)
			if err != nil {
				break // retransmit
			}
			if bytes.HasPrefix(buf[:n], []byte("SIP/2.0 503")) && bytes.Contains(buf[:n], []byte("Call-ID: opt-after")) {
				time.Sleep(100 * time.Millisecond)
				break
			}
			if bytes.Contains(buf[:n], []byte("Call-ID: opt-after")) {
				if !bytes.HasPrefix(buf[:n], []byte("SIP/2.0 200")) {
					t.Errorf("OPTIONS after the garbage got %q, want 200", bytes.SplitN(buf[:n], []byte("\r\n"), 2)[0])
				}
				return
			}
		}
	}
	t.Error("no answer to OPTIONS after the garbage")
}

// labCall registers alice and bob with the lab at addr, and alice calls
// bob through it: 407, the call answered, acknowledged and hung up.
// It returns alice.
func labCall(t *testing.T, addr netip.AddrPort) *phone {
	t.Helper()
	alice, bob := newPhone(t, "alice", addr), newPhone(t, "bob", addr)
	alice.register("wonderland")
	bob.register("builder")
	callBob(t, alice, bob, "call-1")
	return alice
}

// callBob: alice, registered with the password wonderland, calls bob,
// registered, in the call callID: 407, answered, acknowledged, hung up.
func callBob(t *testing.T, alice, bob *phone, callID string) {
	t.Helper()
	ok := dialBob(t, alice, bob, callID)
	alice.sendMsg(alice.inDialog(sip.BYE, ok, 3))
	bye := bob.await("BYE ")
	bob.sendMsg(bob.answer(bye, sip.StatusOK))
	alice.await("SIP/2.0 200")
}

// dialBob is callBob up to the ACK of bob's 200, which it returns.
func dialBob(t *testing.T, alice, bob *phone, callID string) *sip.Message {
	t.Helper()
	// An INVITE is challenged with 407 (§22.3), acknowledged, and sent
	// again with credentials.
	inv := alice.request(sip.INVITE, "sip:bob@127.0.0.1", "<sip:bob@127.0.0.1>", callID, 1)
	alice.sendMsg(inv)
	ch := alice.await("SIP/2.0 407")
	ack := alice.request(sip.ACK, "sip:bob@127.0.0.1", ch.Get("To"), callID, 1)
	ack.Set("Via", inv.Get("Via")) // the ACK of a non-2xx is in the INVITE's transaction (§17.1.1.3)
	alice.sendMsg(ack)
	alice.authorize(inv, ch, "wonderland")
	alice.sendMsg(inv)

	got := bob.await("INVITE ")
	if got.Has("Proxy-Authorization") {
		t.Error("the lab relayed alice's credentials to bob (§22.3: a proxy consumes its own)")
	}
	if len(got.Values("Record-Route")) == 0 {
		t.Error("the INVITE reached bob without the lab's Record-Route")
	}
	bob.sendMsg(bob.answer(got, sip.StatusOK))
	ok := alice.await("SIP/2.0 200")
	alice.sendMsg(alice.inDialog(sip.ACK, ok, 2))
	bob.await("ACK ")
	return ok
}
