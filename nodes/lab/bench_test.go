//go:build linux

package lab

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
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
// that both meet the same load of a shared machine. As that load moves
// the rates, it also reports the CPU time each server took per call
// ("µs/call"), which it moves much less: the lab's is this process's, and
// Kamailio's that of its processes.
//
// By default (and `-benchtime 1x`, as .ci/run does) one step at 50 cps of
// 100 calls each checks that the set-up works, in about 10 s. The full
// ramp (50, 100, 200, … until a step fails, then two bisections; 5 s of
// calls a step) runs with SIPLAB_BENCH_RAMP set to its first rate:
//
//	SIPLAB_BENCH_RAMP=50 go test ./nodes/lab -run '^$' -bench Throughput
func BenchmarkThroughput(b *testing.B) {
	golden.NeedTool(b, "sipp")
	kamailio := golden.NeedTool(b, "kamailio")
	from, full := 50, os.Getenv("SIPLAB_BENCH_RAMP") != ""
	if full {
		n, err := strconv.Atoi(os.Getenv("SIPLAB_BENCH_RAMP"))
		if err != nil || n <= 0 {
			b.Fatalf("SIPLAB_BENCH_RAMP=%q: want the first rate of the ramp, in calls per second", os.Getenv("SIPLAB_BENCH_RAMP"))
		}
		from = n
	}
	users := map[string]string{"alice": "wonderland", "bob": "builder"}

	// The live view goes where `siplab lab` prints it: a file, one write a
	// line, as to a terminal.
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer null.Close()
	srv, _ := startLab(b, Config{Users: users, Out: null})
	kam := startKamailio(b, kamailio)
	servers := []*bench{
		{name: "lab", addr: srv.Addrs()[0], cpu: selfCPU},
		{name: "kamailio", addr: kam.addr, cpu: kam.cpu},
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for _, s := range servers {
		s.uas(b, ctx)
	}
	for range b.N {
		for _, s := range servers {
			s.ramp = ramp{from: from, max: from}
			if full {
				s.ramp = ramp{from: from, max: 1 << 20, halvings: 2}
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
	for _, s := range servers { // a line each: a benchmark's log keeps 10
		b.Logf("%s: %s", s.name, strings.Join(s.steps, "; "))
	}
	lab, other := servers[0], servers[1]
	b.ReportMetric(float64(lab.ramp.pass), "cps")
	b.ReportMetric(float64(other.ramp.pass), "kamailio-cps")
	if other.ramp.pass > 0 {
		b.ReportMetric(float64(lab.ramp.pass)/float64(other.ramp.pass), "lab/kamailio")
	}
	b.ReportMetric(lab.perCall(), "µs/call")
	b.ReportMetric(other.perCall(), "kamailio-µs/call")
	if lab.ramp.pass == 0 || other.ramp.pass == 0 {
		b.Errorf("a server failed at the lowest rate: lab %d cps, kamailio %d cps", lab.ramp.pass, other.ramp.pass)
	}
}

// callMillis is how long a call of the benchmark lasts, from its ACK to
// its BYE.
const callMillis = 200

// bench is a server under test with the SIPp UAS (bob) behind it.
type bench struct {
	name  string
	addr  netip.AddrPort
	cpu   func() time.Duration // the CPU time the server has taken so far
	bob   string               // the UAS's port
	ramp  ramp
	calls int           // the calls of its steps
	used  time.Duration // the CPU time it took during them
	steps []string      // how each went
}

// perCall is the CPU time the server took per call, in microseconds.
func (s *bench) perCall() float64 {
	return float64(s.used.Microseconds()) / float64(max(s.calls, 1))
}

// uas registers bob with the server and starts his SIPp UAS, which answers
// calls until ctx is done.
func (s *bench) uas(b *testing.B, ctx context.Context) {
	s.bob = strconv.Itoa(freePort(b))
	reg, out := sipp(b, ctx, "register.xml", s.addr.String(), "-p", s.bob, "-s", "bob", "-au", "bob", "-ap", "builder")
	if err := reg.Wait(); err != nil {
		b.Fatalf("%s: bob's REGISTER: sipp %v\n%s", s.name, err, out)
	}
	uas, _ := sipp(b, ctx, "answer.xml", "-p", s.bob, "-m", "100000000", "-timeout", "0")
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
	start, cpu, drops := time.Now(), s.cpu(), udpDrops(s.addr)
	uac, out := sipp(b, ctx, "call.xml", s.addr.String(), "-p", strconv.Itoa(freePort(b)), "-s", "alice", "-au", "alice", "-ap", "wonderland",
		"-r", strconv.Itoa(rate), "-m", strconv.Itoa(calls), "-l", strconv.Itoa(2*rate), "-d", strconv.Itoa(callMillis),
		"-recv_timeout", "10000", "-timeout", fmt.Sprintf("%ds", int(pace.Seconds())+30))
	err := uac.Wait()
	took := time.Since(start)
	s.calls += calls
	s.used += s.cpu() - cpu
	drops = udpDrops(s.addr) - drops
	// Calls that all succeed but fall behind the rate (SIPp starts no new
	// call while 2 s of them are open) do not count as keeping up.
	slow := took > pace+time.Duration(callMillis)*time.Millisecond+2*time.Second
	var exit *exec.ExitError
	switch {
	case err == nil && !slow:
		s.ramp.pass = rate
		s.steps = append(s.steps, fmt.Sprintf("%d cps: %d calls in %.1f s, all succeeded (%d datagrams lost in its socket)", rate, calls, took.Seconds(), drops))
	case err == nil || errors.As(err, &exit) && exit.ExitCode() == 1: // 1: some calls failed
		s.ramp.fail = rate
		s.steps = append(s.steps, fmt.Sprintf("%d cps: %d calls in %.1f s (%.1f s of calls), %s (%d datagrams lost in its socket)", rate, calls, took.Seconds(), pace.Seconds(), outcome(out.String()), drops))
	default:
		b.Fatalf("%s: %d cps: sipp %v\n%s", s.name, rate, err, out)
	}
}

// outcome sums up the final screen of a SIPp UAC: how many calls
// succeeded and failed.
func outcome(screen string) string {
	counts := map[string]string{}
	for _, line := range strings.Split(screen, "\n") {
		for _, what := range []string{"Successful call", "Failed call"} {
			if f := strings.Fields(line); strings.HasPrefix(strings.TrimSpace(line), what) && len(f) > 0 {
				counts[what] = f[len(f)-1] // the cumulated count
			}
		}
	}
	return fmt.Sprintf("%s succeeded, %s failed", counts["Successful call"], counts["Failed call"])
}

// ramp is the sequence of rates of a server: doubling from the rate from
// while the steps pass, up to max; then, if one failed, halving the interval
// between the highest rate that passed and the lowest that failed, as
// many times as halvings says.
type ramp struct {
	from, max, halvings int
	pass, fail          int // the highest rate that passed, the lowest that failed
}

// next is the next rate to try, or 0 when the ramp is over.
func (r *ramp) next() int {
	switch {
	case r.fail == 0 && r.pass == 0:
		return r.from
	case r.fail == 0 && 2*r.pass <= r.max:
		return 2 * r.pass
	case r.fail == 0 || r.halvings == 0 || r.fail-r.pass < 10:
		return 0
	}
	r.halvings--
	return (r.pass + r.fail) / 2
}

// kamailio is a running Kamailio: where it listens, and the CPU time its
// processes have taken.
type kamailio struct {
	addr netip.AddrPort
	cpu  func() time.Duration
}

// startKamailio runs Kamailio with testdata/kamailio.cfg on a loopback
// port until the benchmark ends, its runtime files under a directory of
// the benchmark's.
func startKamailio(b *testing.B, bin string) kamailio {
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
	return kamailio{addr, func() time.Duration { return groupCPU(cmd.Process.Pid) }}
}

// selfCPU is the CPU time this process has taken: the lab's, as SIPp
// runs in processes of its own.
func selfCPU() time.Duration {
	var r syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &r)
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}

// udpDrops is how many datagrams the UDP socket bound to a has dropped,
// its receive buffer full (/proc/net/udp, the last column).
func udpDrops(a netip.AddrPort) int {
	data, _ := os.ReadFile("/proc/net/udp")
	ip := a.Addr().As4()
	local := fmt.Sprintf("%02X%02X%02X%02X:%04X", ip[3], ip[2], ip[1], ip[0], a.Port()) // little-endian
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) > 2 && f[1] == local {
			n, _ := strconv.Atoi(f[len(f)-1])
			return n
		}
	}
	return 0
}

// groupCPU is the CPU time the processes of process group pgid have
// taken, from /proc/PID/stat (fields 5, pgrp; 14 and 15, utime and stime
// in ticks of 1/100 s, USER_HZ on Linux).
func groupCPU(pgid int) time.Duration {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	var ticks int
	for _, name := range stats {
		data, err := os.ReadFile(name)
		if err != nil {
			continue // it has exited
		}
		// After the command in parentheses, field 3 onwards.
		f := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
		if len(f) < 13 || f[2] != strconv.Itoa(pgid) {
			continue
		}
		utime, _ := strconv.Atoi(f[11])
		stime, _ := strconv.Atoi(f[12])
		ticks += utime + stime
	}
	return time.Duration(ticks) * time.Second / 100
}
