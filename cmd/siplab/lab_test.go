package main

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// lockedBuffer is the lab's stdout, written by its loop while the test
// reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestLabCommand: siplab lab serves on a port of its own, answers a
// REGISTER with its challenge, stops on SIGINT with exit 0, and writes a
// trace that show and step read, and a capture.
func TestLabCommand(t *testing.T) {
	dir := t.TempDir()
	record, pcap := filepath.Join(dir, "lab.json"), filepath.Join(dir, "lab.pcapng")
	out, errOut := &lockedBuffer{}, &lockedBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- Main([]string{"lab", "--listen", "127.0.0.1:0", "--user", "alice:wonderland", "--challenge", "407",
			"--record", record, "--pcap", pcap, "--http", "127.0.0.1:0"}, &IOStreams{In: strings.NewReader(""), Out: out, ErrOut: errOut})
	}()
	listening := regexp.MustCompile(`UDP\+TCP (127\.0\.0\.1:\d+)`)
	var lab netip.AddrPort
	for deadline := time.Now().Add(5 * time.Second); !lab.IsValid(); time.Sleep(10 * time.Millisecond) {
		if m := listening.FindStringSubmatch(out.String()); m != nil && strings.Contains(out.String(), "Ctrl-C") {
			lab = netip.MustParseAddrPort(m[1])
		} else if time.Now().After(deadline) {
			t.Fatalf("no banner:\n%s%s", out, errOut)
		}
	}
	page := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(out.String())
	if page == "" {
		t.Fatalf("the banner does not say where the live ladder is:\n%s", out)
	}
	if resp, err := http.Get(page); err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET %s: %v %v", page, resp, err)
	} else {
		resp.Body.Close()
	}
	c, err := net.ListenUDP("udp", net.UDPAddrFromAddrPort(netip.MustParseAddrPort("127.0.0.1:0")))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	reg := fmt.Sprintf("REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP %s;branch=z9hG4bK-cli1\r\nMax-Forwards: 70\r\n"+
		"From: <sip:alice@127.0.0.1>;tag=a1\r\nTo: <sip:alice@127.0.0.1>\r\nCall-ID: cli-reg\r\nCSeq: 1 REGISTER\r\n"+
		"Contact: <sip:alice@%[1]s>\r\nContent-Length: 0\r\n\r\n", c.LocalAddr())
	if _, err := c.WriteToUDPAddrPort([]byte(reg), lab); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 65536)
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, err := c.Read(buf)
	if err != nil || !bytes.HasPrefix(buf[:n], []byte("SIP/2.0 407")) {
		t.Fatalf("REGISTER with --challenge 407 got %q, %v", buf[:n], err)
	}
	for !strings.Contains(out.String(), "lab → alice  SIP/2.0 407") {
		time.Sleep(10 * time.Millisecond) // the live ladder line of the challenge
	}
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("lab exited %d on SIGINT:\n%s%s", code, out, errOut)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("lab did not stop on SIGINT")
	}
	if !strings.Contains(out.String(), "wrote "+record) || !strings.Contains(out.String(), "wrote "+pcap) {
		t.Errorf("lab did not say it wrote its files:\n%s", out)
	}
	code, shown, serr := runCLI(t, []string{"show", record}, nil)
	if code != 0 || !strings.Contains(shown, "407") {
		t.Errorf("show %s: exit %d\n%s%s", record, code, shown, serr)
	}
	code, stepped, serr := runCLI(t, []string{"step", record}, []byte("n\nq\n"))
	if code != 0 || !strings.Contains(stepped, "REGISTER") {
		t.Errorf("step %s: exit %d\n%s%s", record, code, stepped, serr)
	}
	code, _, serr = runCLI(t, []string{"show", pcap}, nil)
	if code != 0 {
		t.Errorf("show %s: exit %d\n%s", pcap, code, serr)
	}
}

// TestLabBadFlags: a bad flag is a usage error naming it, before any
// socket is opened.
func TestLabBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"--user", "alice"},
		{"--user", "alice:a", "--user", "alice:b"},
		{"--challenge", "403"},
		{"--listen", "localhost"},
		{"--pcap", "lab.txt"},
	} {
		code, _, errOut := runCLI(t, append([]string{"lab"}, args...), nil)
		if code != 2 || !strings.Contains(errOut, args[len(args)-2]) {
			t.Errorf("lab %v: exit %d, want 2 naming %s:\n%s", args, code, args[len(args)-2], errOut)
		}
	}
}

// TestLabUsersFile: --users reads NAME:PASSWORD lines, skipping comments
// and blank lines, adds them to --user, and a bad line is a usage error
// (exit 2) naming the file and the line.
func TestLabUsersFile(t *testing.T) {
	dir := t.TempDir()
	file := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := file("users.txt", "# the class\n\nalice:wonderland\r\n  bob:build:er  \n# carol:left\n")
	c, err := labConfig(&LabOptions{Users: []string{"dave:x"}, UsersFile: good, Challenge: 401})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"alice": "wonderland", "bob": "build:er", "dave": "x"}; fmt.Sprint(c.Users) != fmt.Sprint(want) {
		t.Errorf("users %v, want %v", c.Users, want)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--users", file("bad.txt", "alice:wonderland\n# ok\nbob\n")}, "bad.txt:3: want NAME:PASSWORD"},
		{[]string{"--users", file("dup.txt", "alice:a\n\nalice:b\n")}, "dup.txt:3: alice is given twice"},
		{[]string{"--user", "alice:x", "--users", good}, "users.txt:3: alice is given twice"},
		{[]string{"--users", file("empty.txt", "# nobody\n\n")}, "empty.txt: no NAME:PASSWORD line"},
		{[]string{"--users", filepath.Join(dir, "missing.txt")}, "missing.txt"},
	} {
		code, _, errOut := runCLI(t, append([]string{"lab", "--listen", "127.0.0.1:0"}, tc.args...), nil)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("lab %v: exit %d, want 2 saying %q:\n%s", tc.args, code, tc.want, errOut)
		}
	}
}
