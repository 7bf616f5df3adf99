package main

import (
	"errors"
	"os"

	"github.com/charmbracelet/x/term"
	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/lessons/stepper"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/capture"
	"github.com/spf13/cobra"
)

// StepOptions are the inputs of `siplab step`.
type StepOptions struct {
	IO     *IOStreams
	Lang   i18n.Lang
	Lesson string
	Seed   uint64
	Faults []sim.Fault
	Play   bool    // start playing: the full-screen view steps by itself
	Speed  float64 // steps a second when playing
}

func newStepCmd(ios *IOStreams, g *globals) *cobra.Command {
	opts := &StepOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "step LESSON|FILE|TRACE.json [--fault SPEC]...",
		Short: "Step through a lesson, forwards and backwards, with every element's state",
		Long: `step runs a lesson (a built-in id, or a lesson file) and walks through
its trace one event at a time, like the simulation mode of a network
simulator: the ladder with the current step highlighted, the current message
with a one-line explanation per header, the reasons the element gave, and the
state of every element after that step (transactions with their RFC 3261
state and running timers, dialogs, the location service's bindings, the
proxy's hidden Vias). Step 0 is before the first event. Going back is exact:
the state after step N comes from re-running the lesson to step N (a re-run
kept going while you step forward, and started again now and then when you
step back).

A trace saved with 'siplab run --format json' (a file ending in .json) is
stepped through the same way, in either language, but without the state of
the elements: there is no simulation to re-run. A lesson file may be at most
1 MiB, a trace file 256 MiB.

On a terminal it takes the whole screen: n, → or space next; p or ← back;
N or ] the next message and P or [ the previous one, skipping the other
events; a plays and pauses (--play starts playing, --speed steps a second;
+ and - change it); g N go to step N; / search; f or Enter the full
message; s or Tab the state; ? help; q quit. NO_COLOR turns the colours off.

When standard input is not a terminal it reads one command per line and
prints plain text: n (or an empty line), p, N and P (next and previous
message), a [SPEED] (play to the end, SPEED steps a second; --play does it
first), g N, /TEXT, s (state), f (full message), l (ladder), ? (help), q. A command that cannot be carried out is
reported on standard error; the stepper goes on, and exits with status 2 at
the end.`,
		Example: `  siplab step proxy-call
  siplab step proxy-call --fault drop:INVITE --lang zh

  # Scripted: the state of every element when the proxy forwards the INVITE
  printf 'g 11\ns\nf\nq\n' | siplab step proxy-call
  printf '/BYE\ns\n' | siplab step direct-call
  siplab step lessons/catalog/07-proxy-call.md
  siplab step proxy-call.json --lang zh`,
		Args: oneArg("step needs one lesson: an id (see 'siplab lessons') or a file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Lang = g.Lang
			opts.Lesson = args[0]
			if !(opts.Speed > 0 && opts.Speed <= maxSpeed) {
				return usageErrorf("--speed %v: give a number of steps a second, more than 0 and at most %d", opts.Speed, maxSpeed)
			}
			return runStep(opts)
		},
	}
	f := cmd.Flags()
	f.Uint64Var(&opts.Seed, "seed", 1, "seed of the run's random numbers (same seed, same steps)")
	f.Var(faultFlag{&opts.Faults}, "fault", faultUsage)
	f.BoolVar(&opts.Play, "play", false, "start playing: a step every 1/--speed seconds (on a terminal, a pauses)")
	f.Float64Var(&opts.Speed, "speed", 1, "steps a second when playing (a plays and pauses, + and - change it)")
	return cmd
}

// maxSpeed is the fastest auto-play, in steps a second.
const maxSpeed = 100

// isTerminal reports whether both streams are terminals.
func isTerminal(ios *IOStreams) bool {
	return onTerminal(ios.In) && onTerminal(ios.Out)
}

// onTerminal reports whether stream, a reader or a writer, is a terminal.
func onTerminal(stream any) bool {
	f, ok := stream.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// colourWanted is false when NO_COLOR is set to anything but the empty
// string (https://no-color.org); getenv is os.Getenv, a map in tests.
func colourWanted(getenv func(string) string) bool {
	return getenv("NO_COLOR") == ""
}

func runStep(opts *StepOptions) error {
	s, warnings, err := openStepper(opts)
	if err != nil {
		return err
	}
	warn(opts.IO.ErrOut, opts.Lang, warnings)
	// On a terminal the stepper takes the whole screen; otherwise it reads
	// commands as lines.
	if isTerminal(opts.IO) {
		return runStepTUI(s, opts.IO, colourWanted(os.Getenv), warnings, opts.Play, opts.Speed)
	}
	play := 0.0
	if opts.Play {
		play = opts.Speed
	}
	bad, err := runPiped(s, opts.IO.In, opts.IO.Out, opts.IO.ErrOut, play)
	if err != nil {
		return err
	}
	if bad > 0 {
		return usageError{err: errors.New(opts.Lang.T("step.err.count", bad)), quiet: true}
	}
	return nil
}

// openStepper runs the lesson to step through, or reads the trace a .json
// file saved, which has no state of the elements.
func openStepper(opts *StepOptions) (*stepper.Stepper, []string, error) {
	if isRecorded(opts.Lesson) {
		if len(opts.Faults) > 0 {
			return nil, nil, usageErrorf("--fault applies to a lesson that is run, not to the saved trace %s", opts.Lesson)
		}
		t, err := readRecorded(opts.Lesson, capture.TraceOptions{}, opts.IO.ErrOut, opts.Lang)
		if err != nil {
			return nil, nil, err
		}
		return stepper.New(t, stepper.Options{Lang: opts.Lang}), nil, nil
	}
	l, err := lessons.Load(opts.Lesson)
	if err != nil {
		return nil, nil, err
	}
	return stepper.ForLesson(l, lessons.RunOptions{Seed: opts.Seed, Faults: opts.Faults},
		stepper.Options{Lang: opts.Lang})
}
