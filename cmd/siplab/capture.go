package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/capture"
	"github.com/spf13/pflag"
)

// captureFlags are the flags of show that apply to a capture.
type captureFlags struct {
	Call      string
	Calls     bool
	Passwords []string
}

func (c *captureFlags) add(f *pflag.FlagSet) {
	f.StringVar(&c.Call, "call", "", "a capture: keep one call, by its Call-ID or a user of its From or To")
	f.BoolVar(&c.Calls, "calls", false, "a capture: list its calls (Call-ID, from, to, first and last method, state, messages)")
	f.StringArrayVar(&c.Passwords, "password", nil, "a capture: USER=PASSWORD, to recompute that user's digest responses (repeatable)")
}

// options turns the flags into the capture reader's options.
func (c *captureFlags) options(name string) (capture.TraceOptions, error) {
	o := capture.TraceOptions{Name: filepath.Base(name), Call: c.Call}
	for _, p := range c.Passwords {
		user, pw, ok := strings.Cut(p, "=")
		if !ok || user == "" {
			return o, usageErrorf("--password %q: write USER=PASSWORD", p)
		}
		if o.Passwords == nil {
			o.Passwords = map[string]string{}
		}
		o.Passwords[user] = pw
	}
	return o, nil
}

// isRecorded reports whether name is a file that holds a recorded flow
// rather than a lesson: a trace saved as JSON, or a capture, which its
// first bytes tell (pcap, pcapng, or a text of SIP messages).
func isRecorded(name string) bool {
	if strings.HasSuffix(name, ".json") {
		return true
	}
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, capture.HeadSize)
	n, _ := io.ReadFull(f, head)
	return capture.IsCapture(head[:n])
}

// readRecorded reads a saved trace or a capture into a trace; a capture's
// problems (a message that does not parse, one cut off at the end…) are
// written to errOut, each with its frame.
func readRecorded(name string, o capture.TraceOptions, errOut io.Writer, lang i18n.Lang) (*sim.Trace, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, capture.HeadSize)
	head, _ := br.Peek(capture.HeadSize)
	if !capture.IsCapture(head) {
		return readTraceFile(name)
	}
	if o.Name == "" {
		o.Name = filepath.Base(name)
	}
	t, st, err := capture.ReadTrace(br, o)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	warnProblems(errOut, name, st, lang)
	return t, nil
}

func warnProblems(w io.Writer, name string, st *capture.Stats, lang i18n.Lang) {
	for _, p := range st.Problems {
		fmt.Fprintln(w, "siplab: "+lang.T("cli.capture.problem", name, p.Error()))
	}
}
