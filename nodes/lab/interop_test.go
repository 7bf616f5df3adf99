package lab

// Interoperability with real softphones and tools (issue #15 point 4):
// two baresip instances call each other through the lab, in-process and
// through the built `siplab lab` command (then replayed by step and show,
// and its capture read by tshark); linphonec calls a baresip; sipsak sends
// OPTIONS and REGISTERs. Everything runs on loopback, on ports the tests
// pick, in t.TempDir(), and stops by itself. A missing tool skips the
// test, and fails it under SIPLAB_REQUIRE_TOOLS (.ci/run installs them).

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/golden"
	"github.com/siplab/siplab/sim/sip"
)

// freeTCPPort is a loopback TCP port free a moment ago (baresip's
// ctrl_tcp must be told its port).
func freeTCPPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// waitUntil polls cond for up to 15 s, and fails the test saying what it
// waited for, and log, when it never holds.
func waitUntil(t *testing.T, what string, log fmt.Stringer, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waited 15 s for %s:\n%s", what, log)
		}
	}
}

// start starts cmd, a client named name, with its output in the buffer it
// returns; the client is killed when the test ends, and its output logged
// if the test failed.
func start(t *testing.T, name string, cmd *exec.Cmd) *syncBuffer {
	t.Helper()
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("%s:\n%s", name, out)
		}
	})
	return out
}

// baresipConfig is the configuration that runs baresip headless and is
// the one the README gives: no sound card (aubridge, a module of
// baresip-core, plays and records into memory), G.711 only, UDP on a port
// of its own, the lab as outbound proxy, and ctrl_tcp to drive it.
const baresipConfig = `poll_method		epoll
sip_listen		127.0.0.1:0
net_interface		127.0.0.1
audio_player		aubridge,%[1]s
audio_source		aubridge,%[1]s
audio_alert		aubridge,%[1]s
module_path		%[3]s
module			g711.so
module			aubridge.so
module_app		account.so
module_app		menu.so
module_app		ctrl_tcp.so
ctrl_tcp_listen		127.0.0.1:%[2]d
`

// baresip is a running baresip instance of the test, driven over its
// ctrl_tcp socket (JSON in netstrings).
type baresip struct {
	t      *testing.T
	user   string
	out    *syncBuffer // its console
	ctrl   net.Conn
	events chan map[string]any
}

// startBaresip runs baresip as user (password pass) of the lab at lab,
// answering calls at once, and connects to its ctrl_tcp. The process
// and the connection end with the test.
func startBaresip(t *testing.T, user, pass string, lab netip.AddrPort) *baresip {
	t.Helper()
	bin := golden.NeedTool(t, "baresip")
	// The modules are in ../lib/baresip/modules from the command
	// (/usr/bin/baresip: /usr/lib/baresip/modules).
	modules := filepath.Join(filepath.Dir(filepath.Dir(bin)), "lib", "baresip", "modules")
	for _, m := range []string{"g711.so", "aubridge.so", "ctrl_tcp.so"} {
		if _, err := os.Stat(filepath.Join(modules, m)); err != nil {
			golden.Missing(t, "baresip's module "+m+" is not in "+modules)
		}
	}
	dir := t.TempDir()
	port := freeTCPPort(t)
	account := fmt.Sprintf("<sip:%s@%s>;auth_pass=%s;outbound=\"sip:%s\";answermode=auto;regint=600;mwi=no\n",
		user, lab.Addr(), pass, lab)
	for name, text := range map[string]string{"config": fmt.Sprintf(baresipConfig, user, port, modules), "accounts": account, "contacts": ""} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b := &baresip{t: t, user: user, events: make(chan map[string]any, 64)}
	b.out = start(t, "baresip "+user, exec.Command(bin, "-f", dir))
	var err error
	for deadline := time.Now().Add(10 * time.Second); b.ctrl == nil; time.Sleep(50 * time.Millisecond) {
		if b.ctrl, err = net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port)); err != nil && time.Now().After(deadline) {
			t.Fatalf("baresip %s: no ctrl_tcp on port %d: %v\n%s", user, port, err, b.out)
		}
	}
	t.Cleanup(func() { b.ctrl.Close() })
	go b.read()
	return b
}

// read decodes the netstrings of ctrl_tcp ("LEN:JSON,") into events until
// the connection closes.
func (b *baresip) read() {
	defer close(b.events)
	r := bufio.NewReader(b.ctrl)
	for {
		head, err := r.ReadString(':')
		if err != nil {
			return
		}
		n, err := strconv.Atoi(strings.TrimSpace(head[:len(head)-1]))
		if err != nil || n < 0 || n > 1<<20 {
			return
		}
		body := make([]byte, n+1) // the JSON and the closing comma
		if _, err := io.ReadFull(r, body); err != nil {
			return
		}
		var m map[string]any
		if json.Unmarshal(body[:n], &m) == nil {
			b.events <- m
		}
	}
}

// command sends a ctrl_tcp command.
func (b *baresip) command(name, params string) {
	b.t.Helper()
	js, _ := json.Marshal(map[string]string{"command": name, "params": params, "token": name})
	if _, err := fmt.Fprintf(b.ctrl, "%d:%s,", len(js), js); err != nil {
		b.t.Fatalf("baresip %s: %s: %v", b.user, name, err)
	}
}

// await waits up to 15 s for an event of type typ (CALL_ESTABLISHED…).
func (b *baresip) await(typ string) {
	b.t.Helper()
	timeout := time.After(15 * time.Second)
	for {
		select {
		case e, ok := <-b.events:
			if !ok {
				b.t.Fatalf("baresip %s closed its ctrl_tcp before %s:\n%s", b.user, typ, b.out)
			}
			if e["type"] == typ {
				return
			}
		case <-timeout:
			b.t.Fatalf("baresip %s: no %s in 15 s:\n%s", b.user, typ, b.out)
		}
	}
}

// registered reports whether the lab's trace (its live ladder, out) shows
// the 200 OK of user's REGISTER.
func registered(out fmt.Stringer, user string) bool {
	return strings.Contains(out.String(), "lab → "+user+"  SIP/2.0 200 OK")
}

// baresipPair starts alice and bob, two baresip, registered to the lab
// whose live ladder is out.
func baresipPair(t *testing.T, lab netip.AddrPort, out fmt.Stringer) (alice, bob *baresip) {
	t.Helper()
	alice = startBaresip(t, "alice", "wonderland", lab)
	bob = startBaresip(t, "bob", "builder", lab)
	waitUntil(t, "alice and bob to register", out, func() bool { return registered(out, "alice") && registered(out, "bob") })
	return alice, bob
}

// call: caller calls callee (who answers at once) through the lab at lab
// whose live ladder is out, and once the call is established, hanger (one
// of the two) hangs up.
func call(t *testing.T, lab netip.AddrPort, out fmt.Stringer, caller, callee, hanger *baresip) {
	t.Helper()
	caller.drain()
	callee.drain()
	caller.command("dial", "sip:"+callee.user+"@"+lab.Addr().String())
	caller.await("CALL_ESTABLISHED")
	callee.await("CALL_ESTABLISHED")
	other := caller
	if hanger == caller {
		other = callee
	}
	mark := len(out.String())
	hanger.command("hangup", "")
	other.await("CALL_CLOSED")
	byeAnswered(t, out, hanger.user, mark)
}

// drain forgets the events of earlier calls.
func (b *baresip) drain() {
	for {
		select {
		case <-b.events:
		default:
			return
		}
	}
}

// byeAnswered waits until the lab's live ladder, out, past its first mark
// bytes, shows the BYE of hanger and then the two 200 OKs that answer it
// (the other phone's to the lab, the lab's to hanger): the rows between
// their lanes name neither, so it counts them.
func byeAnswered(t *testing.T, out fmt.Stringer, hanger string, mark int) {
	t.Helper()
	waitUntil(t, "the 200 OK of the BYE to reach "+hanger, out, func() bool {
		_, after, _ := strings.Cut(out.String()[mark:], " BYE ")
		return strings.Count(after, " 200 OK ") >= 2
	})
}

// wireMsg is a message of a trace, parsed.
type wireMsg struct {
	from, to string
	msg      *sip.Message
}

func (w wireMsg) String() string { return w.from + " → " + w.to + "  " + w.msg.StartLine() }

// step is one expected message: sent from → to, its start line beginning
// with start, and check (if any) passing.
type step struct {
	from, to, start string
	check           func(*sip.Message) string // "" when the message is right
}

// messages are the message events of tr, parsed (the retransmissions
// left out).
func messages(t *testing.T, tr *sim.Trace) []wireMsg {
	t.Helper()
	var out []wireMsg
	for _, e := range tr.Events {
		if e.Type != sim.EventMessage || e.Retransmission {
			continue
		}
		m, err := sip.Parse([]byte(e.Raw))
		if err != nil {
			t.Fatalf("message %d of the trace does not parse: %v\n%s", e.Seq, err, e.Raw)
		}
		out = append(out, wireMsg{e.From, e.To, m})
	}
	return out
}

// expectInOrder checks that the steps occur in msgs in that order (other
// messages may come between them).
func expectInOrder(t *testing.T, msgs []wireMsg, steps []step) {
	t.Helper()
	i := 0
	for _, s := range steps {
		for ; i < len(msgs); i++ {
			m := msgs[i]
			if m.from == s.from && m.to == s.to && strings.HasPrefix(m.msg.StartLine(), s.start) {
				if s.check != nil {
					if why := s.check(m.msg); why != "" {
						t.Errorf("%v: %s", m, why)
					}
				}
				break
			}
		}
		if i == len(msgs) {
			var all []string
			for _, m := range msgs {
				all = append(all, m.String())
			}
			t.Fatalf("no %s → %s %q in order; the messages:\n%s", s.from, s.to, s.start, strings.Join(all, "\n"))
		}
		i++
	}
}

func has(header string) func(*sip.Message) string {
	return func(m *sip.Message) string {
		if !m.Has(header) {
			return "no " + header
		}
		return ""
	}
}

func lacks(header string) func(*sip.Message) string {
	return func(m *sip.Message) string {
		if m.Has(header) {
			return "a " + header + " it should not carry"
		}
		return ""
	}
}

// labRoute checks that header (Record-Route on a dialog's first
// messages, Route on the requests within it) is the lab's address, a loose
// router's (§16.6 step 4, §12.2.1.1).
func labRoute(header string, lab netip.AddrPort) func(*sip.Message) string {
	want := fmt.Sprintf("<sip:%s;lr>", lab)
	return func(m *sip.Message) string {
		if got := m.Get(header); got != want {
			return fmt.Sprintf("%s %q, want the lab's %s", header, got, want)
		}
		return ""
	}
}

// checkCallTrace is what a call between two softphones, caller and
// callee, through the lab at lab, must look like in its trace: both
// register with a 401 then 200, then the call of callSteps, the caller
// hanging up; and the lab verified every digest it accepted.
func checkCallTrace(t *testing.T, tr *sim.Trace, lab netip.AddrPort, caller, callee string) {
	t.Helper()
	msgs := messages(t, tr)
	for _, user := range []string{caller, callee} {
		expectInOrder(t, msgs, []step{
			{user, "lab", "REGISTER ", lacks("Authorization")},
			{"lab", user, "SIP/2.0 401 ", has("WWW-Authenticate")},
			{user, "lab", "REGISTER ", has("Authorization")},
			{"lab", user, "SIP/2.0 200 ", has("Contact")},
		})
	}
	expectInOrder(t, msgs, callSteps(lab, caller, callee, caller))
	verified := map[string]int{}
	for _, e := range tr.Events {
		if e.Type == sim.EventNote && e.Summary.Key == "node.auth.ok" && len(e.Summary.Args) == 1 {
			verified[e.Summary.Args[0]]++
		}
	}
	// The caller's REGISTER and INVITE, the callee's REGISTER.
	if verified[caller] < 2 || verified[callee] < 1 {
		t.Errorf("the lab verified the digests of %v, want %s's REGISTER and INVITE and %s's REGISTER", verified, caller, callee)
	}
}

// callSteps are the messages of a call from caller to callee through the
// lab: the INVITE challenged with 407, acknowledged, and sent again with
// credentials; 100, 180, 200, the ACK, and the BYE of hanger, along the
// lab's Record-Route.
func callSteps(lab netip.AddrPort, caller, callee, hanger string) []step {
	rr, route := labRoute("Record-Route", lab), labRoute("Route", lab)
	other := caller
	if hanger == caller {
		other = callee
	}
	return []step{
		{caller, "lab", "INVITE ", lacks("Proxy-Authorization")},
		{"lab", caller, "SIP/2.0 407 ", has("Proxy-Authenticate")},
		{caller, "lab", "ACK ", nil},
		{caller, "lab", "INVITE ", has("Proxy-Authorization")},
		{"lab", caller, "SIP/2.0 100 ", nil},
		{"lab", callee, "INVITE ", func(m *sip.Message) string { return rr(m) + lacks("Proxy-Authorization")(m) }},
		{callee, "lab", "SIP/2.0 180 ", nil},
		{"lab", caller, "SIP/2.0 180 ", nil},
		{callee, "lab", "SIP/2.0 200 ", rr},
		{"lab", caller, "SIP/2.0 200 ", rr},
		{caller, "lab", "ACK ", route},
		{"lab", callee, "ACK ", nil},
		{hanger, "lab", "BYE ", route},
		{"lab", other, "BYE ", nil},
		{other, "lab", "SIP/2.0 200 ", nil},
		{"lab", hanger, "SIP/2.0 200 ", nil},
	}
}

// startLabLadder is startLab for alice:wonderland and bob:builder, with
// the live ladder (logged when the test fails).
func startLabLadder(t *testing.T) (lab netip.AddrPort, out *syncBuffer, stop func() *sim.Trace) {
	t.Helper()
	out = &syncBuffer{}
	srv, stop := startLab(t, Config{Users: map[string]string{"alice": "wonderland", "bob": "builder"}, Out: out})
	t.Cleanup(func() {
		if t.Failed() {
			t.Log("the lab's ladder:\n" + out.String())
		}
	})
	return srv.Addrs()[0], out, stop
}

// TestBaresipCall: two baresip register to the lab with digest, alice
// calls bob, bob answers at once, alice hangs up.
func TestBaresipCall(t *testing.T) {
	golden.NeedTool(t, "baresip")
	lab, out, stop := startLabLadder(t)
	alice, bob := baresipPair(t, lab, out)
	call(t, lab, out, alice, bob, alice)
	checkCallTrace(t, stop(), lab, "alice", "bob")
}

// buildSiplab builds the siplab command into dir.
func buildSiplab(t *testing.T, ctx context.Context, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "siplab")
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build siplab with")
	}
	if out, err := exec.CommandContext(ctx, goCmd, "build", "-o", bin, "github.com/siplab/siplab/cmd/siplab").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestLabDoneWhen is issue #15's "Done when", end to end: the built
// `siplab lab --user alice:wonderland --user bob:builder --record lab.json
// --pcap lab.pcapng`, two baresip call each other (each call hung up
// from another side), SIGINT; then `siplab
// step lab.json` (line mode) shows the messages, `siplab show lab.json`
// works, and Wireshark (tshark) decodes every message of lab.pcapng as
// SIP without a malformed packet or a warning.
func TestLabDoneWhen(t *testing.T) {
	golden.NeedTool(t, "baresip")
	tshark := golden.NeedTool(t, "tshark")
	// The commands that run to completion (go build, step, show, tshark)
	// are killed past this deadline.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir := t.TempDir()
	siplab := buildSiplab(t, ctx, dir)
	record, pcap := filepath.Join(dir, "lab.json"), filepath.Join(dir, "lab.pcapng")
	out := &syncBuffer{}
	cmd := exec.Command(siplab, "lab", "--listen", "127.0.0.1:0", "--user", "alice:wonderland", "--user", "bob:builder",
		"--record", record, "--pcap", pcap)
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() { cmd.Process.Kill() })
	defer func() {
		if t.Failed() {
			t.Log("siplab lab:\n" + out.String())
		}
	}()
	listening := regexp.MustCompile(`UDP\+TCP (127\.0\.0\.1:\d+)`)
	waitUntil(t, "the lab's banner", out, func() bool { return listening.MatchString(out.String()) })
	lab := netip.MustParseAddrPort(listening.FindStringSubmatch(out.String())[1])

	// alice calls bob and hangs up; bob calls alice, and alice (the
	// callee) hangs up.
	alice, bob := baresipPair(t, lab, out)
	call(t, lab, out, alice, bob, alice)
	call(t, lab, out, bob, alice, alice)
	cmd.Process.Signal(syscall.SIGINT)
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("siplab lab on SIGINT: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("siplab lab did not stop on SIGINT")
	}

	f, err := os.Open(record)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := sim.ReadTrace(f)
	f.Close()
	if err != nil {
		t.Fatalf("%s: %v", record, err)
	}
	checkCallTrace(t, tr, lab, "alice", "bob")
	expectInOrder(t, messages(t, tr), callSteps(lab, "bob", "alice", "alice"))
	frames := 0
	for _, e := range tr.Events {
		if e.Type == sim.EventMessage {
			frames++
		}
	}

	// step, in line mode (its input is not a terminal): every step, then
	// the ladder.
	step := exec.CommandContext(ctx, siplab, "step", record)
	step.Stdin = strings.NewReader(strings.Repeat("N\n", frames) + "l\nq\n")
	stepped, err := step.CombinedOutput()
	if err != nil {
		t.Fatalf("siplab step %s: %v\n%s", record, err, stepped)
	}
	for _, want := range []string{"REGISTER sip:127.0.0.1", "401 Unauthorized", "407 Proxy Authentication Required",
		"INVITE sip:bob@127.0.0.1", "180 Ringing", "ACK ", "BYE "} {
		if !bytes.Contains(stepped, []byte(want)) {
			t.Errorf("siplab step %s never shows %q:\n%s", record, want, stepped)
		}
	}
	if shown, err := exec.CommandContext(ctx, siplab, "show", record).CombinedOutput(); err != nil || !bytes.Contains(shown, []byte("BYE")) {
		t.Errorf("siplab show %s: %v\n%s", record, err, shown)
	}

	// Wireshark: no malformed packet, no warning, every message SIP.
	problems, err := exec.CommandContext(ctx, tshark, "-r", pcap, "-Y", "_ws.malformed || _ws.expert.severity >= 6291456",
		"-T", "fields", "-e", "frame.number", "-e", "_ws.expert.message").CombinedOutput()
	if err != nil {
		t.Fatalf("tshark -r %s: %v\n%s", pcap, err, problems)
	}
	for _, line := range strings.Split(string(problems), "\n") {
		if line != "" && !strings.HasPrefix(line, "Running as user") {
			t.Errorf("Wireshark finds a problem in %s: %s", pcap, line)
		}
	}
	sipFrames, err := exec.CommandContext(ctx, tshark, "-r", pcap, "-Y", "sip", "-T", "fields", "-e", "sip.CSeq").Output()
	if err != nil {
		t.Fatalf("tshark -r %s -Y sip: %v", pcap, err)
	}
	if n := strings.Count(string(sipFrames), "\n"); n != frames {
		t.Errorf("Wireshark decodes %d frames of %s as SIP, the trace has %d messages", n, pcap, frames)
	}
	for _, want := range []string{"REGISTER", "INVITE", "ACK", "BYE"} {
		if !strings.Contains(string(sipFrames), " "+want) {
			t.Errorf("Wireshark finds no %s in %s:\n%s", want, pcap, sipFrames)
		}
	}
}

// linphoneConfig is the linphonerc that runs linphonec headless and is
// the one the README gives: UDP on a port of its own (-1: one the system
// picks), no TCP or TLS, the lab as proxy. Where linphone's network
// monitor sees no network it likes (a container), it never opens its SIP
// port nor registers: auto_net_state_mon=0 and
// register_only_when_network_is_up=0 tell it the network is there (both
// are needed).
const linphoneConfig = `[sip]
sip_port=-1
sip_tcp_port=0
sip_tls_port=0
default_proxy=0
auto_net_state_mon=0
register_only_when_network_is_up=0
[rtp]
audio_rtp_port=-1
[proxy_0]
reg_proxy=<sip:%[3]s>
reg_identity=sip:%[1]s@%[4]s
reg_expires=600
reg_sendregister=1
publish=0
[auth_info_0]
username=%[1]s
passwd=%[2]s
realm=%[4]s
`

// TestLinphoneCall: linphonec (alice) registers to the lab with digest
// and calls a baresip (bob), which answers; linphonec hangs up.
func TestLinphoneCall(t *testing.T) {
	bin := golden.NeedTool(t, "linphonec")
	golden.NeedTool(t, "baresip")
	lab, out, stop := startLabLadder(t)
	home := t.TempDir() // linphone keeps its database under $HOME
	if err := os.MkdirAll(filepath.Join(home, ".local", "share", "linphone"), 0o755); err != nil {
		t.Fatal(err)
	}
	rc := filepath.Join(home, "linphonerc")
	if err := os.WriteFile(rc, []byte(fmt.Sprintf(linphoneConfig, "alice", "wonderland", lab, lab.Addr())), 0o644); err != nil {
		t.Fatal(err)
	}
	bob := startBaresip(t, "bob", "builder", lab)
	cmd := exec.Command(bin, "-c", rc)
	cmd.Env = append(os.Environ(), "HOME="+home)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	console := start(t, "linphonec", cmd)
	waitUntil(t, "alice (linphonec) and bob (baresip) to register", out, func() bool { return registered(out, "alice") && registered(out, "bob") })
	fmt.Fprintf(stdin, "call sip:bob@%s\n", lab.Addr())
	bob.await("CALL_ESTABLISHED")
	waitUntil(t, "linphonec to say the call is connected", console, func() bool { return strings.Contains(console.String(), "connected") })
	mark := len(out.String())
	fmt.Fprintln(stdin, "terminate")
	bob.await("CALL_CLOSED")
	byeAnswered(t, out, "alice", mark)
	fmt.Fprintln(stdin, "quit")
	checkCallTrace(t, stop(), lab, "alice", "bob")
}

// TestSipsak: sipsak's OPTIONS is answered 200 with what the lab allows;
// its REGISTER (-U) with the right password (-a) goes through the 401 to a
// 200; with a wrong one the lab challenges again and sipsak gives up
// (exit 2). The lab is sipsak's outbound proxy (-p): sipsak 0.9.8
// truncates a five-digit port in the -s URI (sip:127.0.0.1:2507 for
// :25070), and the test's ports are five digits.
func TestSipsak(t *testing.T) {
	bin := golden.NeedTool(t, "sipsak")
	for _, tc := range []struct {
		name     string
		args     []string
		exit     int
		say      []string // in sipsak's output
		answered string   // the status codes the lab sent, in order
	}{
		{"options", []string{"-s", "sip:127.0.0.1", "-vv"}, 0,
			[]string{"SIP/2.0 200 OK", "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REGISTER"}, "200"},
		{"register", []string{"-U", "-s", "sip:alice@127.0.0.1", "-u", "alice", "-a", "wonderland", "-i", "-vv"}, 0,
			[]string{"usrloc tests completed successful"}, "401 200"},
		{"wrong password", []string{"-U", "-s", "sip:alice@127.0.0.1", "-u", "alice", "-a", "wonderlnad", "-i", "-vv"}, 2,
			[]string{"SIP/2.0 401 Unauthorized", "authorization failed"}, "401 401"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, stop := startLab(t, Config{Users: map[string]string{"alice": "wonderland"}})
			lab := srv.Addrs()[0]
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			args := append([]string{"-p", lab.String(), "-H", "127.0.0.1"}, tc.args...)
			out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
			exit := 0
			if ee, ok := err.(*exec.ExitError); ok {
				exit = ee.ExitCode()
			} else if err != nil {
				t.Fatalf("sipsak %v: %v", args, err)
			}
			if exit != tc.exit {
				t.Errorf("sipsak %v: exit %d, want %d\n%s", args, exit, tc.exit, out)
			}
			for _, want := range tc.say {
				if !bytes.Contains(out, []byte(want)) {
					t.Errorf("sipsak %v does not say %q:\n%s", args, want, out)
				}
			}
			var codes []string
			for _, m := range messages(t, stop()) {
				if m.from == "lab" && !m.msg.IsRequest() {
					codes = append(codes, strconv.Itoa(m.msg.StatusCode))
				}
			}
			if got := strings.Join(codes, " "); got != tc.answered {
				t.Errorf("the lab answered sipsak %s, want %s\n%s", got, tc.answered, out)
			}
		})
	}
}
