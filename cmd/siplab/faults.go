package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/spf13/pflag"
)

// faultUsage is the help of --fault, shared by run, step and render.
const faultUsage = "inject a fault (repeatable): drop:MATCH, dup:MATCH, delay:MATCH=DUR, corrupt:MATCH,\n" +
	"loss:A-B=PCT, down:NODE[@T], respond:NODE=CODE, noanswer:NODE, password:NODE=TEXT, max-forwards:NODE=N;\n" +
	"MATCH = WHAT[@FROM>TO][#K|#*], WHAT a method, a status code or *"

// faultFlag is --fault: each spec is parsed as it is given, so that a
// malformed one is a usage error (exit 2) before anything runs. Whether the
// nodes it names exist is checked when the lesson is built.
type faultFlag struct{ faults *[]sim.Fault }

func (f faultFlag) String() string {
	if f.faults == nil {
		return ""
	}
	return strings.Join(faultSpecs(*f.faults), " ")
}

// faultSpecs are the specs of faults, as given.
func faultSpecs(faults []sim.Fault) []string {
	specs := make([]string, len(faults))
	for i, fault := range faults {
		specs[i] = fault.Spec
	}
	return specs
}

func (f faultFlag) Set(spec string) error {
	fault, err := sim.ParseFault(spec)
	if err != nil {
		return err
	}
	*f.faults = append(*f.faults, fault)
	return nil
}

func (f faultFlag) Type() string { return "spec" }

// faultFlagError is the error of a malformed --fault value: the parser's
// own, which quotes the spec already.
func faultFlagError(err error) error {
	var invalid *pflag.InvalidValueError
	if errors.As(err, &invalid) && invalid.GetFlag().Name == "fault" {
		if cause := errors.Unwrap(invalid); cause != nil {
			return cause
		}
	}
	return err
}

// warn prints the warnings of a run (faults and notes that never matched)
// on stderr.
func warn(w io.Writer, l i18n.Lang, warnings []string) {
	for _, msg := range warnings {
		fmt.Fprintf(w, "siplab: %s: %s\n", l.T("cli.warning"), msg)
	}
}
