package lab

import (
	"context"
	"net"
	"net/netip"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/golden"
)

// freePort is a loopback UDP port free a moment ago, for a SIPp instance
// (which must be told its port before it binds it).
func freePort(t testing.TB) int {
	t.Helper()
	c, err := net.ListenUDP("udp", net.UDPAddrFromAddrPort(netip.MustParseAddrPort("127.0.0.1:0")))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	return int(c.LocalAddr().(*net.UDPAddr).Port)
}

// sipp runs SIPp with scenario file name (testdata/sipp) and args, and
// returns the started command; it never outlives the test.
func sipp(t testing.TB, ctx context.Context, name string, args ...string) (*exec.Cmd, *strings.Builder) {
	t.Helper()
	bin := golden.NeedTool(t, "sipp")
	dir := t.TempDir()
	all := append([]string{"-sf", filepath.Join("testdata", "sipp", name), "-i", "127.0.0.1", "-m", "1",
		"-nostdin", "-nd", "-timeout", "20s", "-timeout_error", "-trace_err", "-error_file", filepath.Join(dir, "err.log")}, args...)
	cmd := exec.CommandContext(ctx, bin, all...)
	cmd.Dir = "."
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &out
}

// TestSIPpCall: a SIPp UAC registers with digest and calls a SIPp UAS
// (registered with digest too) through the lab: 407, answer, ACK, BYE.
func TestSIPpCall(t *testing.T) {
	for _, tr := range []string{"u1", "t1"} {
		t.Run(tr, func(t *testing.T) { sippCall(t, tr) })
	}
}

func sippCall(t *testing.T, transport string) {
	golden.NeedTool(t, "sipp")
	out := &syncBuffer{}
	srv, stop := startLab(t, Config{Users: map[string]string{"alice": "wonderland", "bob": "builder"}, Out: out})
	defer func() {
		if t.Failed() {
			t.Log("the lab's ladder:\n" + out.String())
		}
	}()
	labAddr := srv.Addrs()[0].String()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	bobPort := strconv.Itoa(freePort(t))

	reg, regOut := sipp(t, ctx, "register.xml", labAddr, "-t", transport, "-p", bobPort, "-s", "bob", "-au", "bob", "-ap", "builder")
	if err := reg.Wait(); err != nil {
		t.Fatalf("bob's REGISTER: sipp %v\n%s", err, regOut)
	}
	uas, uasOut := sipp(t, ctx, "uas.xml", "-t", transport, "-p", bobPort)
	time.Sleep(200 * time.Millisecond) // the UAS binds its port
	uac, uacOut := sipp(t, ctx, "uac.xml", labAddr, "-t", transport, "-p", strconv.Itoa(freePort(t)), "-s", "alice", "-au", "alice", "-ap", "wonderland")
	if err := uac.Wait(); err != nil {
		t.Errorf("the SIPp UAC: %v\n%s", err, uacOut)
	}
	if err := uas.Wait(); err != nil {
		t.Errorf("the SIPp UAS: %v\n%s", err, uasOut)
	}
	tr := stop()
	want := map[string]string{"u1": "UDP", "t1": "TCP"}[transport]
	var codes []string
	for _, e := range tr.Events {
		if e.Type == sim.EventMessage && e.Transport != want {
			t.Errorf("message %d went over %s, want %s: %s", e.Seq, e.Transport, want, e.Summary)
		}
		if e.From == "lab" && e.To == "alice" {
			codes = append(codes, strings.Fields(e.Raw)[1])
		}
	}
	if got := strings.Join(codes, " "); !strings.Contains(got, "401 200 407 100 180 200 200") {
		t.Errorf("the lab answered alice %s, want 401 200 407 100 180 200 200 (REGISTER twice, INVITE twice, BYE)", got)
	}
}
