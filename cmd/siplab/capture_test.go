package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim/capture"
	"github.com/siplab/siplab/sim/golden"
	"golang.org/x/sys/unix"
)

// magic is how each capture format's files begin: pcap's nanosecond magic
// number, pcapng's Section Header Block type, both little-endian.
var magic = map[string][]byte{"pcap": {0x4d, 0x3c, 0xb2, 0xa1}, "pcapng": {0x0a, 0x0d, 0x0d, 0x0a}}

// lessonCapture is what render.Capture writes for a built-in lesson run
// with seed 1.
func lessonCapture(t *testing.T, id, format string, lang i18n.Lang) []byte {
	t.Helper()
	l, err := lessons.Find(id)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := lessons.Run(l, lessons.RunOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := render.Capture(&b, tr, capture.Format(format), lang); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestRunWritesCaptures: run --format pcap|pcapng writes the lesson's
// capture to -o FILE, or to standard output when it is not a terminal.
func TestRunWritesCaptures(t *testing.T) {
	dir := t.TempDir()
	for _, format := range []string{"pcap", "pcapng"} {
		want := lessonCapture(t, "large-message", format, i18n.ZH)
		if !bytes.HasPrefix(want, magic[format]) {
			t.Errorf("%s: the file begins % x", format, want[:4])
		}
		file := filepath.Join(dir, "call."+format)
		args := []string{"run", "large-message", "--lang", "zh", "--format", format}
		if code, out, errOut := runCLI(t, append(args, "-o", file), nil); code != 0 || out != "" {
			t.Errorf("%s -o: exit %d, stdout %q, stderr %s", format, code, out, errOut)
		}
		if got := readFile(t, file); !bytes.Equal(got, want) {
			t.Errorf("%s -o: the file is not the lesson's capture", format)
		}
		if code, out, errOut := runCLI(t, args, nil); code != 0 || out != string(want) {
			t.Errorf("%s to a pipe: exit %d, %d bytes, stderr %s", format, code, len(out), errOut)
		}
	}
}

// TestRenderWritesCaptures: render --format pcap,pcapng writes LESSON.pcap
// and LESSON.pcapng, the lesson's captures, and the index links them.
func TestRenderWritesCaptures(t *testing.T) {
	dir := t.TempDir()
	code, _, errOut := runCLI(t, []string{"render", "proxy-call", "large-message", "-o", dir, "--format", "pcap,pcapng"}, nil)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := []string{"index.html"}
	index := readFile(t, filepath.Join(dir, "index.html"))
	for _, id := range []string{"proxy-call", "large-message"} {
		for _, format := range []string{"pcap", "pcapng"} {
			name := id + "." + format
			want = append(want, name)
			if !bytes.Equal(readFile(t, filepath.Join(dir, name)), lessonCapture(t, id, format, i18n.EN)) {
				t.Errorf("%s is not the lesson's capture", name)
			}
			label := i18n.EN.T("capture.index." + format)
			if !bytes.Contains(index, []byte(`<a href="`+name+`">`+label+`</a>`)) {
				t.Errorf("index.html does not link %s as %q", name, label)
			}
		}
	}
	if got := listDir(t, dir); !sameSet(got, want) {
		t.Errorf("wrote %v, want %v", got, want)
	}
}

// openTerminal opens a pseudo-terminal and returns its terminal side.
func openTerminal(t *testing.T) *os.File {
	t.Helper()
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		golden.Missing(t, "no pseudo-terminal: "+err.Error())
	}
	t.Cleanup(func() { ptmx.Close() })
	fd := int(ptmx.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Fatalf("unlockpt: %v", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Fatalf("ptsname: %v", err)
	}
	tty, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tty.Close() })
	return tty
}

// TestCaptureToATerminalRefused: a capture is not written to a terminal;
// siplab says why and how to write it instead (exit 2), in the user's
// language, before running the lesson. With -o, or to a pipe, it is
// written as usual.
func TestCaptureToATerminalRefused(t *testing.T) {
	tty := openTerminal(t)
	dir := t.TempDir()
	trace := filepath.Join(dir, "call.json")
	if code, _, errOut := runCLI(t, []string{"run", "proxy-call", "--format", "json", "-o", trace}, nil); code != 0 {
		t.Fatal(errOut)
	}
	onTTY := func(args ...string) (int, string) {
		var errOut bytes.Buffer
		code := Main(args, &IOStreams{In: strings.NewReader(""), Out: tty, ErrOut: &errOut})
		return code, errOut.String()
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "proxy-call", "--format", "pcapng"},
			"siplab: --format pcapng is a binary capture, not text for a terminal: write it with -o FILE.pcapng or pipe it\n"},
		{[]string{"show", trace, "--format", "pcap", "-o", "-"},
			"siplab: --format pcap is a binary capture, not text for a terminal: write it with -o FILE.pcap or pipe it\n"},
		{[]string{"run", "no-such-lesson", "--format", "pcap", "--lang", "zh"},
			"siplab: " + i18n.ZH.T("cli.capture.terminal", "pcap", "pcap") + "\n"},
	} {
		code, errOut := onTTY(tc.args...)
		if code != exitUsage || !strings.HasPrefix(errOut, tc.want) {
			t.Errorf("%v on a terminal: exit %d, stderr %q; want exit 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
	file := filepath.Join(dir, "call.pcapng")
	if code, errOut := onTTY("run", "proxy-call", "--format", "pcapng", "-o", file); code != 0 {
		t.Errorf("-o FILE with a terminal for standard output: exit %d: %s", code, errOut)
	}
	if code, errOut := onTTY("run", "proxy-call"); code != 0 {
		t.Errorf("the text ladder on a terminal: exit %d: %s", code, errOut)
	}
}

// BenchmarkRenderAllCaptures is `siplab render --all --format pcapng`: run
// every built-in lesson and write its commented capture, and the index.
func BenchmarkRenderAllCaptures(b *testing.B) {
	dir := b.TempDir()
	for b.Loop() {
		if code := Main([]string{"render", "--all", "-o", dir, "--format", "pcapng"},
			&IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard}); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
