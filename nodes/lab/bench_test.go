package lab

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/siplab/siplab/sim/golden"
)

// BenchmarkThroughput: a SIPp UAC calls a SIPp UAS through the lab, and
// through Kamailio configured alike (testdata/kamailio.cfg), at increasing
// rates on loopback; each call is challenged with 407, answered, and hung
// up after callMillis. It reports the highest rate (calls per second, cps)
// at which every call of a step succeeded and kept pace with the rate, for
// both, and their ratio. The two ramps run interleaved, rate by rate, so
// that both meet the same load of a shared machine.
//
// Once through (`-benchtime 1x`, as .ci/run does), one step at 50 cps of
// 100 calls each checks that the set-up works in about 15 s. The full
// ramp (50, 100, 200, … until a step fails, then two bisections, 5 s of
// calls a step) runs with SIPLAB_BENCH_RAMP=1:
//
//	SIPLAB_BENCH_RAMP=1 go test ./nodes/lab -run '^$' -bench Throughput -benchtime 1x
func BenchmarkThroughput(b *testing.B) {
	golden.NeedTool(b, "sipp")
	kamailio := golden.NeedTool(b, "kamailio")
	full := os.Getenv("SIPLAB_BENCH_RAMP") != ""
	users := map[string]string{"alice": "wonderland", "bob": "builder"}

	srv, _ := startLab(b, Config{Users: users, Out: io.Discard})
	servers := []*bench{
		{name: "lab", addr: srv.Addrs()[0]},
		{name: "kamailio", addr: startKamailio(b, kamailio)},
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for _, s := range servers {
		s.uas(b, ctx)
	}
	for range b.N {
		for _, s := range servers {
			s.ramp = ramp{max: 50}
			if full {
				s.ramp = ramp{max: 1 << 20, halvings: 2}
			}
		}
		for more := true; more; {
			more = false
			for _, s := range servers {
				if rate := s.ramp.next(); rate > 0 {
					s.step(b, ctx, rate, full)
					more = true
				}
			}
		}
	}
	lab, kam := servers[0].ramp.pass, servers[1].ramp.pass
	b.ReportMetric(float64(lab), "cps")
	b.ReportMetric(float64(kam), "kamailio-cps")
	if kam > 0 {
		b.ReportMetric(float64(lab)/float64(kam), "lab/kamailio")
	}
	if lab == 0 || kam == 0 {
		b.Errorf("a server failed at the lowest rate: lab %d cps, kamailio %d cps", lab, kam)
	}
}

// callMillis is how long a call of the benchmark lasts, from its ACK to
// its BYE.
const callMillis = 200

// bench is a server under test with the SIPp UAS (bob) behind it.
type bench struct {
	name string
	addr netip.AddrPort
	bob  string // the UAS's port
	ramp ramp
}

// uas registers bob with the server and starts his SIPp UAS, which answers
// calls until ctx is done.
func (s *bench) uas(b *testing.B, ctx context.Context) {
	s.bob = strconv.Itoa(freePort(b))
	reg, out := sipp(b, ctx, "register.xml", s.addr.String(), "-p", s.bob, "-s", "bob", "-au", "bob", "-ap", "builder")
	if err := reg.Wait(); err != nil {
		b.Fatalf("%s: bob's REGISTER: sipp %v\n%s", s.name, err, out)
	}
	uas, _ := sipp(b, ctx, "uas.xml", "-p", s.bob, "-m", "100000000", "-timeout", "0")
	b.Cleanup(func() { uas.Wait() })   // ctx is done: it was killed
	time.Sleep(200 * time.Millisecond) // the UAS binds its port
}

// step has alice call bob through the server at rate calls per second,
// 5 s of calls (2 s once through), and records whether they all
// succeeded at that pace.
func (s *bench) step(b *testing.B, ctx context.Context, rate int, full bool) {
	calls := 2 * rate
	if full {
		calls = 5 * rate
	}
	pace := time.Duration(calls) * time.Second / time.Duration(rate)
	start := time.Now()
	uac, out := sipp(b, ctx, "call.xml", s.addr.String(), "-p", strconv.Itoa(freePort(b)), "-s", "alice", "-au", "alice", "-ap", "wonderland",
		"-r", strconv.Itoa(rate), "-m", strconv.Itoa(calls), "-l", strconv.Itoa(2*rate), "-d", strconv.Itoa(callMillis),
		"-recv_timeout", "10000", "-timeout", fmt.Sprintf("%ds", int(pace.Seconds())+30))
	err := uac.Wait()
	took := time.Since(start)
	// Calls that all succeed but fall behind the rate (SIPp starts no new
	// call while 2 s of them are open) do not count as keeping up.
	slow := took > pace+time.Duration(callMillis)*time.Millisecond+2*time.Second
	var exit *exec.ExitError
	switch {
	case err == nil && !slow:
		s.ramp.pass = rate
		b.Logf("%s: %d cps: %d calls in %.1f s, all succeeded", s.name, rate, calls, took.Seconds())
	case err == nil || errors.As(err, &exit) && exit.ExitCode() == 1: // 1: some calls failed
		s.ramp.fail = rate
		b.Logf("%s: %d cps: %d calls in %.1f s (%.1f s of calls): sipp %v", s.name, rate, calls, took.Seconds(), pace.Seconds(), err)
	default:
		b.Fatalf("%s: %d cps: sipp %v\n%s", s.name, rate, err, out)
	}
}

// ramp is the sequence of rates of a server: doubling from 50 cps while
// the steps pass, up to max; then, if one failed, halving the interval
// between the highest rate that passed and the lowest that failed, as
// many times as halvings says.
type ramp struct {
	max, halvings int
	pass, fail    int // the highest rate that passed, the lowest that failed
}

// next is the next rate to try, or 0 when the ramp is over.
func (r *ramp) next() int {
	switch {
	case r.fail == 0 && r.pass == 0:
		return min(50, r.max)
	case r.fail == 0 && 2*r.pass <= r.max:
		return 2 * r.pass
	case r.fail == 0 || r.halvings == 0 || r.fail-r.pass < 10:
		return 0
	}
	r.halvings--
	return (r.pass + r.fail) / 2
}

// startKamailio runs Kamailio with testdata/kamailio.cfg on a loopback
// port until the benchmark ends, its runtime files under a directory of
// the benchmark's, and returns where it listens.
func startKamailio(b *testing.B, bin string) netip.AddrPort {
	b.Helper()
	dir := b.TempDir()
	addr := netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), uint16(freePort(b)))
	cfg, err := filepath.Abs(filepath.Join("testdata", "kamailio.cfg"))
	if err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command(bin, "-DD", "-E", "-f", cfg, "-l", "udp:"+addr.String(),
		"-Y", dir, "-P", filepath.Join(dir, "kamailio.pid"), "-w", dir)
	cmd.Dir = dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // its children stop with it
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	b.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
		if b.Failed() {
			b.Logf("kamailio's output:\n%s", out)
		}
	})
	select {
	case err := <-exited:
		b.Fatalf("kamailio stopped at once: %v\n%s", err, out)
	case <-time.After(500 * time.Millisecond): // bob's REGISTER retries until it listens
	}
	return addr
}
