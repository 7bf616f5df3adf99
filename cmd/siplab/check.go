package main

import (
	"errors"
	"fmt"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/render/i18n"
	"github.com/spf13/cobra"
)

// CheckOptions are the inputs of `siplab check`.
type CheckOptions struct {
	IO    *IOStreams
	Lang  i18n.Lang
	Files []string
}

func newCheckCmd(ios *IOStreams, g *globals) *cobra.Command {
	opts := &CheckOptions{IO: ios}
	return &cobra.Command{
		Use:   "check FILE...",
		Short: "Validate lesson files",
		Long: `check reads lesson files (Markdown with YAML front matter, the format of the
built-in lessons in lessons/catalog) and reports every problem with the file,
the line and the field. A valid lesson is also run once, so that a problem
that only shows when it runs (a fault that never matches) is reported too.`,
		Example: `  siplab check my-lesson.md
  siplab check lessons/catalog/*.md`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("check needs at least one lesson file")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Lang, opts.Files = g.Lang, args
			return runCheck(opts)
		},
	}
}

// errProblems is returned when a file has problems; they are already printed.
var errProblems = errors.New("problems found")

func runCheck(opts *CheckOptions) error {
	bad := 0
	for _, file := range opts.Files {
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
		for _, w := range res.Warnings {
			fmt.Fprintf(opts.IO.ErrOut, "%s: %s: %s\n", file, opts.Lang.T("cli.warning"), w)
		}
		fmt.Fprintln(opts.IO.Out, opts.Lang.T("cli.check.ok", file))
	}
	if bad > 0 {
		return errProblems
	}
	return nil
}
