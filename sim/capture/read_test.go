package capture

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siplab/siplab/sim/golden"
)

// frames lists the SIP messages of a capture as "frame CSeq" lines, the
// way TestSameAsTshark compares them with tshark.
func frames(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	_, err = Scan(f, func(m *Found) error {
		out = append(out, fmt.Sprintf("%d %s", m.Frame, cseqOf(m.Data)))
		return nil
	})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return out
}

// cseqOf is the CSeq header's value, as tshark prints it.
func cseqOf(b []byte) string {
	for _, line := range strings.Split(string(b), "\n") {
		name, value, ok := strings.Cut(line, ":")
		if ok && (strings.EqualFold(strings.TrimSpace(name), "CSeq")) {
			return strings.Join(strings.Fields(value), " ")
		}
	}
	return ""
}

// tsharkFrames is tshark's reading of the same: every SIP message of every
// frame, with -Y sip.
func tsharkFrames(t *testing.T, name string, extra ...string) []string {
	t.Helper()
	args := append([]string{"-r", name, "-Y", "sip.Request-Line || sip.Status-Line", "-T", "fields", "-E", "aggregator=|", "-e", "frame.number", "-e", "sip.CSeq"}, extra...)
	out, err := exec.Command("tshark", args...).Output()
	if err != nil {
		t.Fatalf("tshark %s: %v", name, err)
	}
	var list []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		frame, cseqs, _ := strings.Cut(line, "\t")
		for _, c := range strings.Split(cseqs, "|") {
			list = append(list, frame+" "+strings.Join(strings.Fields(c), " "))
		}
	}
	return list
}

func TestSameAsTshark(t *testing.T) {
	golden.NeedTool(t, "tshark")
	names, _ := filepath.Glob("testdata/capture/*.pcap*")
	if len(names) == 0 {
		t.Fatal("no captures in testdata/capture")
	}
	for _, name := range names {
		t.Run(filepath.Base(name), func(t *testing.T) {
			got, want := frames(t, name), tsharkFrames(t, name)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("siplab:\n%s\ntshark:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
	_ = bytes.MinRead
}
