package main

import (
	"fmt"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/spf13/cobra"
)

// RunOptions are the inputs of `siplab run`.
type RunOptions struct {
	IO     *IOStreams
	Lang   i18n.Lang
	Lesson string
	Seed   uint64
	Faults []sim.Fault
	viewFlags
}

func newRunCmd(ios *IOStreams, g *globals) *cobra.Command {
	opts := &RunOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "run LESSON|FILE",
		Short: "Simulate a lesson and show what happened",
		Long: `run builds the lesson's network, runs it on the virtual clock until every
element is done, and shows the trace: a ladder diagram in the terminal
(--format text, with every message and the elements' reasons under -v), the
trace as JSON (--format json), or another view: the SVG ladder, the
walkthrough in Markdown (its ladder an SVG image, or a Mermaid block with
--md-diagram mermaid) or as a web page, the topology in DOT, or the ladder as
a Mermaid sequence diagram (--format mermaid), which GitHub, GitLab, Obsidian
and MkDocs draw from a mermaid code block.

--format pcap and pcapng write the messages as the packets a sniffer on the
sender's link would have seen (Ethernet, IP, UDP or TCP with its handshake
and segments), timed from 2026-01-01T00:00:00Z by the virtual clock, for
Wireshark, tshark and sngrep; in pcapng every packet carries a comment, its
step and why it was sent, with the RFC section. They are binary: write them
with -o FILE, or pipe them to a program.

Limits: a lesson file may be at most 1 MiB. A run whose trace outgrows
384 MiB (a forwarding loop flooding its links; 10,000 calls through a proxy
take 270 MB) or that runs 1,000,000 events stops with an error naming the
limit, and exits with status 1.`,
		Example: `  siplab run proxy-call
  siplab run proxy-call -v
  siplab run redirect-call --format json -o redirect.json
  siplab run proxy-call --format mermaid -o proxy-call.mmd
  siplab run proxy-call --format pcapng -o call.pcapng   # wireshark call.pcapng, sngrep -I call.pcapng
  siplab run digest-register --lang zh

  # Break a lesson on purpose and watch what RFC 3261 says happens next
  siplab run proxy-call --fault drop:INVITE          # lost INVITE: Timer A retransmits it
  siplab run proxy-call --fault respond:bob=486      # Busy Here, ACKed hop by hop
  siplab run proxy-call --fault down:bob             # the proxy's Timer B: 408 for alice`,
		Args: oneArg("run needs one lesson id (see 'siplab lessons') or lesson file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Lang = g.Lang
			opts.Lesson = args[0]
			if err := opts.check(opts.IO.Out, opts.Lang); err != nil {
				return err
			}
			return runRun(opts)
		},
	}
	f := cmd.Flags()
	opts.add(f)
	f.Uint64Var(&opts.Seed, "seed", 1, "seed of the run's random numbers (same seed, same bytes)")
	f.Var(faultFlag{&opts.Faults}, "fault", faultUsage)
	return cmd
}

func runRun(opts *RunOptions) error {
	l, err := lessons.Load(opts.Lesson)
	if err != nil {
		return err
	}
	run := lessons.RunOptions{Seed: opts.Seed, Faults: opts.Faults}
	res, err := lessons.RunDetailed(l, run)
	if err != nil {
		return fmt.Errorf("lesson %s: %w", l.ID, err)
	}
	warn(opts.IO.ErrOut, opts.Lang, res.Warnings)
	return opts.write(opts.IO.Out, res.Trace, viewOptions{Lang: opts.Lang, Lesson: l, Run: run})
}
