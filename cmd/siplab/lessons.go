package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/render/i18n"
	"github.com/spf13/cobra"
)

// LessonsOptions are the inputs of `siplab lessons`.
type LessonsOptions struct {
	IO   *IOStreams
	Lang i18n.Lang
	JSON bool
}

func newLessonsCmd(ios *IOStreams, g *globals) *cobra.Command {
	opts := &LessonsOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "lessons",
		Short: "List the built-in lessons",
		Example: `  siplab lessons
  siplab lessons --json
  siplab lessons --lang zh`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Lang = g.Lang
			return runLessons(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, `print [{"id","title","summary"}] as JSON`)
	return cmd
}

type lessonJSON struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
}

func runLessons(opts *LessonsOptions) error {
	all := lessons.All()
	if opts.JSON {
		out := make([]lessonJSON, 0, len(all))
		for _, l := range all {
			out = append(out, lessonJSON{l.ID, opts.Lang.Text(l.Title), opts.Lang.Text(l.Summary)})
		}
		return writeJSON(opts.IO.Out, out)
	}
	w := tabwriter.NewWriter(opts.IO.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "%s\t%s\n", opts.Lang.T("cli.lessons.id"), opts.Lang.T("cli.lessons.title"))
	for _, l := range all {
		fmt.Fprintf(w, "%s\t%s\n", l.ID, opts.Lang.Text(l.Title))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(opts.IO.Out)
	for _, l := range all {
		fmt.Fprintf(opts.IO.Out, "%s\n    %s\n", l.ID, strings.TrimSpace(opts.Lang.Text(l.Summary)))
	}
	return nil
}
