package main

import (
	"fmt"
	"io"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/spf13/pflag"
)

// faultUsage is the help of --fault, shared by run, step and render.
const faultUsage = "inject a fault (repeatable): drop:MATCH, dup:MATCH, delay:MATCH=DUR, corrupt:MATCH,\n" +
	"loss:A-B=PCT, down:NODE, respond:NODE=CODE, noanswer:NODE, password:NODE=TEXT, max-forwards:NODE=N;\n" +
	"MATCH = WHAT[@FROM>TO][#K|#*], WHAT a method, a status code or *"

// addFaultFlag adds --fault to a command's flags.
func addFaultFlag(f *pflag.FlagSet, specs *[]string) {
	f.StringArrayVar(specs, "fault", nil, faultUsage)
}

// checkFaults parses the specs given on the command line: a malformed one
// is a usage error (exit 2). Whether the nodes they name exist is checked
// when the lesson is built.
func checkFaults(specs []string) error {
	for _, spec := range specs {
		if _, err := sim.ParseFault(spec); err != nil {
			return usageError{err}
		}
	}
	return nil
}

// warn prints the warnings of a run (faults that never matched) on stderr.
func warn(w io.Writer, l i18n.Lang, warnings []string) {
	for _, msg := range warnings {
		fmt.Fprintf(w, "siplab: %s: %s\n", l.T("cli.warning"), msg)
	}
}
