package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim/sip"
	"github.com/spf13/cobra"
)

// version is the release; builds may set it with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// IOStreams are the streams a command reads and writes, and the
// environment it reads the user's locale from.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// Getenv reads the environment (os.Getenv in the program, a map in
	// tests); nil is an empty environment.
	Getenv func(string) string
}

// writeJSON writes v as indented JSON, with <, > and & as they are rather
// than escaped for HTML: the output is for people and programs.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// Exit statuses (README, siplab --help): 0 success, 1 failure, 2 usage error.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// usageError marks a wrong command line: exit status 2. quiet leaves out
// the hint to read the help, for an error that the help would not explain
// (a stepper command that could not be carried out).
type usageError struct {
	err   error
	quiet bool
}

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return usageError{err: fmt.Errorf(format, args...)}
}

// globals are the flags every command shares.
type globals struct {
	Lang  i18n.Lang   // the language of the output: Langs[0]
	Langs []i18n.Lang // --lang en,zh: render writes every one
}

// langFlag is --lang: one language, or several separated by commas for
// render. Without it the locale decides (LC_ALL, LC_MESSAGES, LANG).
type langFlag struct{ g *globals }

func (f langFlag) String() string { return string(f.g.Lang) }
func (f langFlag) Type() string   { return "lang" }

func (f langFlag) Set(s string) error {
	var langs []i18n.Lang
	for _, part := range strings.Split(s, ",") {
		l, err := i18n.ParseLang(part)
		if err != nil {
			return err
		}
		if !slices.Contains(langs, l) {
			langs = append(langs, l)
		}
	}
	f.g.Lang, f.g.Langs = langs[0], langs
	return nil
}

// Main runs siplab with args and returns the exit status.
func Main(args []string, ios *IOStreams) int {
	getenv := ios.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	lang := i18n.FromEnv(getenv)
	g := &globals{Lang: lang, Langs: []i18n.Lang{lang}}
	root := newRootCmd(ios, g)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	if errors.Is(err, errProblems) {
		return exitFailure // the command has printed them
	}
	fmt.Fprintf(ios.ErrOut, "siplab: %s\n", localize(g.Lang, err))
	var ue usageError
	if errors.As(err, &ue) || isCobraUsageError(err) {
		if !ue.quiet {
			fmt.Fprintln(ios.ErrOut, g.Lang.T("cli.error.help"))
		}
		return exitUsage
	}
	return exitFailure
}

// localize words the errors the CLI itself can name in the user's
// language; the parser's and the lesson checker's messages, which quote
// the input and cite the RFC, stay as they are, after a localized prefix.
func localize(l i18n.Lang, err error) string {
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		var msgs []string
		for _, e := range joined.Unwrap() {
			msgs = append(msgs, localize(l, e))
		}
		return strings.Join(msgs, "\n")
	}
	var unknown *lessons.UnknownLessonError
	var parseErr *sip.ParseError
	var pathErr *fs.PathError
	var writeErr *writeError
	switch {
	case errors.As(err, &writeErr) && errors.Is(writeErr.Err, errSymlink):
		return l.T("cli.error.symlink", writeErr.Path)
	case errors.As(err, &writeErr):
		return l.T("cli.error.write", writeErr.Path, writeErr.Err.Error())
	case errors.As(err, &unknown) && unknown.Closest() != "":
		return l.T("cli.error.suggest", unknown.ID, unknown.Closest())
	case errors.As(err, &unknown):
		return l.T("cli.error.lesson", unknown.ID, strings.Join(unknown.Known, ", "))
	case errors.As(err, &parseErr):
		return l.T("cli.error.message", err.Error())
	case errors.As(err, &pathErr):
		return l.T("cli.error.read", pathErr.Path, pathErr.Err.Error())
	}
	return err.Error()
}

// isCobraUsageError recognises the errors cobra itself returns for a bad
// command line, which it does not type.
func isCobraUsageError(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "invalid argument", "flag needs an argument", "required flag", "accepts ", "requires "} {
		if strings.HasPrefix(msg, p) || strings.Contains(msg, " "+p) {
			return true
		}
	}
	return false
}

func newRootCmd(ios *IOStreams, g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:   "siplab",
		Short: "An educational SIP simulator and ladder-diagram visualizer",
		Long: `siplab runs a whole SIP network (user agents, proxies, a redirect server,
a registrar and a location service) in one process on a virtual clock, and
explains every message the elements exchange, byte for byte (RFC 3261).`,
		Example: `  # List the lessons, then run one as a ladder diagram
  siplab lessons
  siplab run proxy-call
  siplab run proxy-call -v              # every message in full, and why it was sent
  siplab run redirect-call --format json
  siplab run proxy-call --format pcapng -o call.pcapng   # for Wireshark or sngrep

  # Explain every header of a raw SIP message
  siplab parse invite.txt
  cat invite.txt | siplab parse --json

  # Compute a digest response step by step (RFC 2617 / RFC 3261 §22)
  siplab digest --username alice --realm atlanta.example.com --password wonderland \
      --method REGISTER --uri sip:atlanta.example.com --nonce 84a4cc6f3082121f32b42a2187831a9e

  # The same explanations in Chinese
  siplab parse --lang zh invite.txt`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	root.PersistentFlags().Var(langFlag{g}, "lang", "output language: en or zh (render: en,zh writes both); without it, the locale's (LC_ALL, LC_MESSAGES, LANG), or else en")
	root.PersistentFlags().Lookup("lang").DefValue = "" // the locale's, not one value
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		if len(g.Langs) > 1 && cmd.Name() != "render" {
			return usageErrorf("--lang %s: only render writes several languages; %s takes one", joinLangs(g.Langs), cmd.CommandPath())
		}
		return nil
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err: faultFlagError(err)} })
	root.AddCommand(newLessonsCmd(ios, g), newRunCmd(ios, g), newParseCmd(ios, g), newDigestCmd(ios, g),
		newRenderCmd(ios, g), newCheckCmd(ios, g), newStepCmd(ios, g), newShowCmd(ios, g), newQuizCmd(ios, g), newLabCmd(ios, g))
	root.AddCommand(newHelpTopics(g)...)
	addCompletions(root, g)
	return root
}

// maxArgs is cobra.MaximumNArgs with a usage error.
func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n {
			return usageErrorf("%s takes at most %d argument(s), got %d", cmd.CommandPath(), n, len(args))
		}
		return nil
	}
}

// oneArg is cobra.ExactArgs(1) with a usage error that says what the one
// argument is.
func oneArg(need string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != 1 {
			return usageErrorf("%s, got %d arguments", need, len(args))
		}
		return nil
	}
}

// joinLangs writes languages as --lang takes them: "en,zh".
func joinLangs(langs []i18n.Lang) string {
	s := make([]string, len(langs))
	for i, l := range langs {
		s[i] = string(l)
	}
	return strings.Join(s, ",")
}
