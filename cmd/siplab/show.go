package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/spf13/cobra"
)

// ShowOptions are the inputs of `siplab show`.
type ShowOptions struct {
	IO      *IOStreams
	Lang    i18n.Lang
	File    string
	Format  string
	Output  string
	Verbose bool
}

func newShowCmd(ios *IOStreams, g *globals) *cobra.Command {
	opts := &ShowOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "show TRACE",
		Short: "Display a saved trace in any view and language",
		Long: `show reads a trace saved with 'siplab run --format json' and displays it as
run would: a ladder in the terminal, or any other view (--format). The trace
keeps every explanation language-neutral, so a trace saved in English is shown
entirely in Chinese with --lang zh, and the other way round.`,
		Example: `  siplab run proxy-call --format json -o proxy-call.json
  siplab show proxy-call.json
  siplab show proxy-call.json --lang zh -v
  siplab show proxy-call.json --format svg -o proxy-call.svg`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("show needs one trace file (from 'siplab run --format json'), got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Lang = g.Lang
			opts.File = args[0]
			if !contains(viewFormats, opts.Format) {
				return usageErrorf("--format %q: choose one of %s", opts.Format, strings.Join(viewFormats, ", "))
			}
			return runShow(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Format, "format", "text", "output format: "+strings.Join(viewFormats, ", "))
	f.StringVarP(&opts.Output, "output", "o", "", "write to this file instead of standard output")
	f.BoolVarP(&opts.Verbose, "verbose", "v", false, "show every message in full and the elements' reasons")
	return cmd
}

func runShow(opts *ShowOptions) error {
	t, err := readTraceFile(opts.File)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := writeView(&buf, opts.Format, t, viewOptions{Lang: opts.Lang, Verbose: opts.Verbose}); err != nil {
		return err
	}
	return writeOutput(opts.IO.Out, opts.Output, buf.Bytes())
}

// readTraceFile reads a trace saved as JSON.
func readTraceFile(name string) (*sim.Trace, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	t, err := sim.ReadTrace(f)
	if err != nil {
		return nil, fmt.Errorf("%s: not a siplab trace: %w", name, err)
	}
	return t, nil
}
