package main

import (
	"errors"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/lessons/stepper"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/spf13/cobra"
)

// StepOptions are the inputs of `siplab step`.
type StepOptions struct {
	IO     *IOStreams
	Lang   i18n.Lang
	Lesson string
	Seed   uint64
	Faults []sim.Fault
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
the state after step N comes from re-running the lesson to step N.

A trace saved with 'siplab run --format json' (a file ending in .json) is
stepped through the same way, in either language, but without the state of
the elements: there is no simulation to re-run.

On a terminal it takes the whole screen: n, → or space next; p or ← back;
g N go to step N; / search; f or Enter the full message; s or Tab the state;
? help; q quit. NO_COLOR turns the colours off.

When standard input is not a terminal it reads one command per line and
prints plain text: n (or an empty line), p, g N, /TEXT, s (state), f (full
message), l (ladder), ? (help), q. A command that cannot be carried out is
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
			return runStep(opts)
		},
	}
	f := cmd.Flags()
	f.Uint64Var(&opts.Seed, "seed", 1, "seed of the run's random numbers (same seed, same steps)")
	f.Var(faultFlag{&opts.Faults}, "fault", faultUsage)
	return cmd
}

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
		return runStepTUI(s, opts.IO, colourWanted(os.Getenv), warnings)
	}
	bad, err := runPiped(s, opts.IO.In, opts.IO.Out, opts.IO.ErrOut)
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
	if strings.HasSuffix(opts.Lesson, ".json") {
		if len(opts.Faults) > 0 {
			return nil, nil, usageErrorf("--fault applies to a lesson that is run, not to the saved trace %s", opts.Lesson)
		}
		t, err := readTraceFile(opts.Lesson)
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
