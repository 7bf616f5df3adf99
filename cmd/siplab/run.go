package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/render/i18n"
	"github.com/spf13/cobra"
)

// RunOptions are the inputs of `siplab run`.
type RunOptions struct {
	IO      *IOStreams
	Lang    i18n.Lang
	Lesson  string
	Format  string
	Output  string
	Seed    uint64
	Verbose bool
	Faults  []string
}

func newRunCmd(ios *IOStreams, g *globals) *cobra.Command {
	opts := &RunOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "run LESSON|FILE",
		Short: "Simulate a lesson and show what happened",
		Long: `run builds the lesson's network, runs it on the virtual clock until every
element is done, and shows the trace: a ladder diagram in the terminal
(--format text, with every message and the elements' reasons under -v), or
the trace as JSON (--format json).`,
		Example: `  siplab run proxy-call
  siplab run proxy-call -v
  siplab run redirect-call --format json -o redirect.json
  siplab run digest-register --lang zh

  # Break a lesson on purpose and watch what RFC 3261 says happens next
  siplab run proxy-call --fault drop:INVITE          # lost INVITE: Timer A retransmits it
  siplab run proxy-call --fault respond:bob=486      # Busy Here, ACKed hop by hop
  siplab run proxy-call --fault down:bob             # the proxy's Timer B: 408 for alice`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("run needs one lesson id (see 'siplab lessons') or lesson file, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Lang = g.Lang
			opts.Lesson = args[0]
			if !contains(viewFormats, opts.Format) {
				return usageErrorf("--format %q: choose one of %s", opts.Format, strings.Join(viewFormats, ", "))
			}
			return runRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Format, "format", "text", "output format: "+strings.Join(viewFormats, ", "))
	f.StringVarP(&opts.Output, "output", "o", "", "write to this file instead of standard output")
	f.Uint64Var(&opts.Seed, "seed", 1, "seed of the run's random numbers (same seed, same bytes)")
	f.BoolVarP(&opts.Verbose, "verbose", "v", false, "show every message in full and the elements' reasons")
	addFaultFlag(f, &opts.Faults)
	return cmd
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func runRun(opts *RunOptions) error {
	l, err := lessons.Load(opts.Lesson)
	if err != nil {
		return err
	}
	if err := checkFaults(opts.Faults); err != nil {
		return err
	}
	res, err := lessons.RunDetailed(l, lessons.RunOptions{Seed: opts.Seed, Faults: opts.Faults})
	if err != nil {
		return fmt.Errorf("lesson %s: %w", l.ID, err)
	}
	trace := res.Trace
	warn(opts.IO.ErrOut, opts.Lang, res.Warnings)
	var buf bytes.Buffer
	if err := writeView(&buf, opts.Format, trace, viewOptions{Lang: opts.Lang, Verbose: opts.Verbose}); err != nil {
		return err
	}
	return writeOutput(opts.IO.Out, opts.Output, buf.Bytes())
}

// writeOutput writes data to the named file, or to w when name is "" or "-".
func writeOutput(w io.Writer, name string, data []byte) error {
	if name == "" || name == "-" {
		_, err := w.Write(data)
		return err
	}
	return writeFile(name, data)
}
