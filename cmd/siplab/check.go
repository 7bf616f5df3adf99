package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/capture"
	"github.com/siplab/siplab/sim/rfccheck"
	"github.com/spf13/cobra"
)

// CheckOptions are the inputs of `siplab check`.
type CheckOptions struct {
	IO    *IOStreams
	Lang  i18n.Lang
	Files []string
	JSON  bool // the findings of traces as JSON, for tools
}

func newCheckCmd(ios *IOStreams, g *globals) *cobra.Command {
	opts := &CheckOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "check FILE...",
		Short: "Validate lesson files; check traces against RFC 3261",
		Long: `check reads lesson files (Markdown with YAML front matter, the format of the
built-in lessons in lessons/catalog) and reports every problem with the file,
the line and the field. A valid lesson is also run once, so that what only
shows when it runs (a fault or a note that never matches a message) is
reported too, as a warning.

Given a trace (the JSON of siplab run --format json), check lists what its
SIP messages do against RFC 3261, each finding with its step, its severity,
the rule and the section: mandatory headers, Content-Length against the
body, responses against their requests, To tags, ACK branches, what proxies
change when they forward, CSeq in dialogs, REGISTER challenges without qop,
retransmission intervals. The exit status is 1 when there is an error
(warnings alone exit 0); --json writes the findings for tools, in both
languages.`,
		Example: `  siplab check my-lesson.md
  siplab check lessons/catalog/*.md
  siplab run proxy-call --format json -o call.json && siplab check call.json
  siplab check --json call.json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("check needs at least one lesson file or trace")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Lang, opts.Files = g.Lang, args
			return runCheck(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "write the findings of traces as JSON, in both languages")
	return cmd
}

// errProblems is returned when a file has problems; they are already printed.
var errProblems = errors.New("problems found")

func runCheck(opts *CheckOptions) error {
	bad := 0
	var reports []render.FindingsReport
	for _, file := range opts.Files {
		if !strings.HasSuffix(file, ".md") {
			t, ropt, err := readCheckTarget(file, opts.Lang, opts.IO.ErrOut)
			if err != nil {
				return err
			}
			fs := rfccheck.Check(t, ropt)
			if rfccheck.HasErrors(fs) {
				bad++
			}
			if opts.JSON {
				reports = append(reports, render.NewFindingsReport(file, fs))
			} else if err := render.Findings(opts.IO.Out, opts.Lang, file, fs); err != nil {
				return err
			}
			continue
		}
		if opts.JSON {
			return usageErrorf("--json is for traces and captures, not lesson files like %s", file)
		}
		l, err := lessons.Load(file)
		if err != nil {
			bad++
			var fe lessons.FileErrors
			if errors.As(err, &fe) {
				for _, e := range fe {
					fmt.Fprintln(opts.IO.ErrOut, e)
				}
				fmt.Fprintln(opts.IO.ErrOut, opts.Lang.T("cli.check.problems", file, len(fe)))
			} else {
				fmt.Fprintf(opts.IO.ErrOut, "%s: %v\n", file, err)
			}
			continue
		}
		res, err := lessons.RunDetailed(l, lessons.RunOptions{Seed: 1})
		if err != nil {
			bad++
			fmt.Fprintf(opts.IO.ErrOut, "%s: %v\n", file, err)
			continue
		}
		for _, p := range res.Unmatched {
			w := l.Locate(p)
			w.Msg = opts.Lang.T("cli.warning") + ": " + w.Msg
			fmt.Fprintln(opts.IO.ErrOut, w)
		}
		fmt.Fprintln(opts.IO.Out, opts.Lang.T("cli.check.ok", file))
	}
	if opts.JSON {
		if err := render.FindingsJSON(opts.IO.Out, reports); err != nil {
			return err
		}
	}
	if bad > 0 {
		return errProblems
	}
	return nil
}

// readCheckTarget reads a file that is not a lesson: a trace saved as JSON,
// or a capture (pcap, pcapng, a text of SIP messages), whose findings name
// their frames; what was wrong in the capture itself (a message cut off at
// its end, a frame that does not decode) goes to errOut.
func readCheckTarget(file string, l i18n.Lang, errOut io.Writer) (*sim.Trace, rfccheck.Options, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, rfccheck.Options{}, err
	}
	if capture.IsCapture(data[:min(len(data), capture.HeadSize)]) {
		t, err := readRecorded(file, capture.TraceOptions{}, errOut, l)
		return t, rfccheck.Options{Frame: func(e *sim.Event) int { return e.Frame }}, err
	}
	if !bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
		return nil, rfccheck.Options{}, usageErrorf("%s", l.T("cli.check.unknown", file))
	}
	t, err := readTraceFile(file)
	return t, rfccheck.Options{}, err
}
