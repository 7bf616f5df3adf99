package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/capture"
	"github.com/spf13/cobra"
)

// ShowOptions are the inputs of `siplab show`.
type ShowOptions struct {
	IO   *IOStreams
	Lang i18n.Lang
	File string
	viewFlags
	captureFlags
}

func newShowCmd(ios *IOStreams, g *globals) *cobra.Command {
	opts := &ShowOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "show TRACE|CAPTURE",
		Short: "Display a saved trace or a real capture in any view and language",
		Long: `show reads a trace saved with 'siplab run --format json' and displays it as
run would: a ladder in the terminal, or any other view (--format). The trace
keeps every explanation language-neutral, so a trace saved in English is shown
entirely in Chinese with --lang zh, and the other way round.

A trace file may be at most 256 MiB (10,000 calls through a proxy make
242 MiB); a larger one is refused.

It reads a capture the same way: pcap or pcapng (from Wireshark, tshark,
tcpdump, sngrep), or a text of SIP messages pasted from a log. Every SIP
endpoint is a column, named by the role its behaviour shows (proxy,
registrar, redirect) or by its user; each message keeps its frame number and
notes what the capture shows: retransmissions against T1 doubling, the
request a response answers, what a proxy forwarded (diffed with -v), the
dialog, which ACK it is, and with --password the digest responses.`,
		Example: `  siplab run proxy-call --format json -o proxy-call.json
  siplab show proxy-call.json
  siplab show proxy-call.json --lang zh -v
  siplab show proxy-call.json --format svg -o proxy-call.svg
  siplab show proxy-call.json --format mermaid --lang zh
  siplab show proxy-call.json --format pcapng --lang zh -o proxy-call.pcapng
  siplab show call.pcapng --calls
  siplab show call.pcapng --call a84b4c76e66710 -v
  siplab show register.pcap --password alice=secret --lang zh`,
		Args: oneArg("show needs one trace file (from 'siplab run --format json') or a capture"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Lang = g.Lang
			opts.File = args[0]
			if err := opts.check(opts.IO.Out, opts.Lang); err != nil {
				return err
			}
			return runShow(opts)
		},
	}
	opts.viewFlags.add(cmd.Flags())
	opts.captureFlags.add(cmd.Flags())
	return cmd
}

func runShow(opts *ShowOptions) error {
	o, err := opts.options(opts.File)
	if err != nil {
		return err
	}
	if opts.Calls {
		return showCalls(opts)
	}
	t, err := readRecorded(opts.File, o, opts.IO.ErrOut, opts.Lang)
	if err != nil {
		return err
	}
	return opts.write(opts.IO.Out, t, viewOptions{Lang: opts.Lang})
}

// showCalls lists the calls of a capture.
func showCalls(opts *ShowOptions) error {
	f, err := os.Open(opts.File)
	if err != nil {
		return err
	}
	defer f.Close()
	calls, st, err := capture.Calls(f)
	if err != nil {
		return fmt.Errorf("%s: %w", opts.File, err)
	}
	warnProblems(opts.IO.ErrOut, opts.File, st, opts.Lang)
	return render.Calls(opts.IO.Out, calls, st, opts.Lang)
}

// readTraceFile reads a trace saved as JSON.
func readTraceFile(name string) (*sim.Trace, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	t, err := sim.ReadTrace(f)
	if big := (*sim.TooLargeError)(nil); errors.As(err, &big) {
		return nil, fmt.Errorf("%s: %w", name, big)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: not a siplab trace: %w", name, err)
	}
	return t, nil
}
