package main

import (
	"strings"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/sim"
	"github.com/spf13/cobra"
)

// Shell completion (`siplab completion bash|zsh|fish|powershell` writes
// the script) offers the lesson ids where a command takes a lesson, and
// the values of the flags that take a word from a list: --format, --lang,
// --colours, --md-diagram and the kind of a --fault.

// completeLessons offers the built-in lesson ids, each with its title (in
// the language of --lang or of the locale), for
// the lesson arguments of run, step and quiz (one) and render (any number), and
// lets the shell complete file names too: a lesson may be a file.
func completeLessons(many bool, g *globals) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 && !many {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []cobra.Completion
		for _, l := range lessons.All() {
			if strings.HasPrefix(l.ID, toComplete) {
				out = append(out, cobra.CompletionWithDesc(l.ID, g.Lang.Text(l.Title)))
			}
		}
		return out, cobra.ShellCompDirectiveDefault
	}
}

// flagWords are the words a flag takes, by flag name; format depends on
// the command.
func flagWords(cmd *cobra.Command, flag string) []string {
	switch flag {
	case "format":
		if cmd.Name() == "render" {
			return renderFormats
		}
		return viewFormats
	case "lang":
		return []string{"en", "zh", "en,zh"}
	case "colours":
		return []string{"transaction", "dialog"}
	case "md-diagram":
		return mdDiagrams
	}
	return nil
}

// completeWords offers the words of a flag; for a list flag (render
// --format svg,md) it completes the last item of the list.
func completeWords(flag string) cobra.CompletionFunc {
	return func(cmd *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		prefix, last := "", toComplete
		directive := cobra.ShellCompDirectiveNoFileComp
		if f := cmd.Flags().Lookup(flag); f != nil && f.Value.Type() == "stringSlice" {
			if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
				prefix, last = toComplete[:i+1], toComplete[i+1:]
			}
			directive |= cobra.ShellCompDirectiveNoSpace
		}
		var out []cobra.Completion
		for _, w := range flagWords(cmd, flag) {
			if strings.HasPrefix(w, last) {
				out = append(out, prefix+w)
			}
		}
		return out, directive
	}
}

// completeFault offers the kinds of fault, each followed by its colon and
// described by the form of its argument.
func completeFault(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, k := range sim.FaultKinds {
		if strings.HasPrefix(string(k), toComplete) {
			out = append(out, cobra.CompletionWithDesc(string(k)+":", k.Syntax()))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// addCompletions registers the completions of every command's arguments
// and flags.
func addCompletions(root *cobra.Command, g *globals) {
	for _, cmd := range root.Commands() {
		switch cmd.Name() {
		case "run", "step", "quiz":
			cmd.ValidArgsFunction = completeLessons(false, g)
		case "render":
			cmd.ValidArgsFunction = completeLessons(true, g)
		}
		for _, flag := range []string{"format", "colours", "md-diagram"} {
			if cmd.Flags().Lookup(flag) != nil {
				_ = cmd.RegisterFlagCompletionFunc(flag, completeWords(flag))
			}
		}
		if cmd.Flags().Lookup("fault") != nil {
			_ = cmd.RegisterFlagCompletionFunc("fault", completeFault)
		}
	}
	_ = root.RegisterFlagCompletionFunc("lang", completeWords("lang"))
}
