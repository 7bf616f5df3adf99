package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/lessons/quiz"
	"github.com/siplab/siplab/lessons/stepper"
	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/spf13/cobra"
)

// QuizOptions are the inputs of `siplab quiz`.
type QuizOptions struct {
	IO     *IOStreams
	Lang   i18n.Lang
	Lesson string
	Seed   uint64
	Count  int
	JSON   bool
	Faults []sim.Fault
}

func newQuizCmd(ios *IOStreams, g *globals) *cobra.Command {
	opts := &QuizOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "quiz LESSON|FILE|TRACE.json [--seed N] [--count N] [--json]",
		Short: "Questions on a lesson's trace: what is sent next, what a hop changed, which timer fires",
		Long: `quiz asks questions made from the trace of a lesson (a built-in id, or a
lesson file) or of a saved trace (.json), not written by hand: what does an
element send next (the real message among wrong ones that differ from it in
one thing the RFC decides: the status code, the ACK's branch, Max-Forwards,
the To tag), what did a proxy change in a message it forwarded, which timer
fires next and when. A lesson file may add its own questions (quiz: in its
front matter). After each answer comes the explanation with its RFC
section; the score comes at the end. The same seed gives the same questions.
The questions of a long run come from its first 1,000 steps.

Answer with the letter of a choice (or its number). Standard input may be
a file or a pipe, one answer per line, for graded homework; a line that is
not one of the choices counts as wrong, is reported on standard error, and
the exit status is then 2. --json writes the questions, their choices, the
answers and the explanations instead, for a learning platform.`,
		Example: `  siplab quiz proxy-call
  siplab quiz proxy-call --lang zh --seed 7 --count 5
  printf 'a\nc\nb\n' | siplab quiz proxy-call --count 3
  siplab quiz proxy-call --json > proxy-call-quiz.json
  siplab quiz proxy-call.json`,
		Args: oneArg("quiz needs one lesson: an id (see 'siplab lessons'), a lesson file or a trace .json"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Lang = g.Lang
			opts.Lesson = args[0]
			if opts.Count < 0 {
				return usageErrorf("--count %d: give a number of questions, 1 or more", opts.Count)
			}
			return runQuiz(opts)
		},
	}
	f := cmd.Flags()
	f.Uint64Var(&opts.Seed, "seed", 1, "seed of the run and of the questions (same seed, same quiz)")
	f.IntVar(&opts.Count, "count", quiz.DefaultCount, "number of questions made from the trace")
	f.BoolVar(&opts.JSON, "json", false, "write the questions, choices, answers and explanations as JSON")
	f.Var(faultFlag{&opts.Faults}, "fault", faultUsage)
	return cmd
}

// quizJSON is what --json writes.
type quizJSON struct {
	Lesson    string            `json:"lesson"`
	Lang      i18n.Lang         `json:"lang"`
	Seed      uint64            `json:"seed"`
	Questions []render.Question `json:"questions"`
}

func runQuiz(opts *QuizOptions) error {
	t, own, err := quizTrace(opts)
	if err != nil {
		return err
	}
	qs := quiz.Make(t, quiz.Options{Lang: opts.Lang, Seed: opts.Seed, Count: opts.Count, Own: own})
	name := cmp.Or(t.Lesson, opts.Lesson)
	if opts.JSON {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(quizJSON{Lesson: name, Lang: opts.Lang, Seed: opts.Seed, Questions: qs})
	}
	if len(qs) == 0 {
		return fmt.Errorf("%s", opts.Lang.T("cli.quiz.empty", name))
	}
	bad, err := askQuiz(qs, name, opts)
	if err != nil {
		return err
	}
	if bad > 0 {
		return usageError{err: errors.New(opts.Lang.T("cli.quiz.count", bad)), quiet: true}
	}
	return nil
}

// quizTrace runs the lesson, or reads the saved trace, to ask about.
func quizTrace(opts *QuizOptions) (*sim.Trace, []lessons.Question, error) {
	if strings.HasSuffix(opts.Lesson, ".json") {
		if len(opts.Faults) > 0 {
			return nil, nil, usageErrorf("--fault applies to a lesson that is run, not to the saved trace %s", opts.Lesson)
		}
		t, err := readTraceFile(opts.Lesson)
		return t, nil, err
	}
	l, err := lessons.Load(opts.Lesson)
	if err != nil {
		return nil, nil, err
	}
	res, err := lessons.RunDetailed(l, lessons.RunOptions{Seed: opts.Seed, Faults: opts.Faults})
	if err != nil {
		return nil, nil, fmt.Errorf("lesson %s: %w", l.ID, err)
	}
	warn(opts.IO.ErrOut, opts.Lang, res.Warnings)
	return res.Trace, l.Quiz, nil
}

// askQuiz asks the questions one by one, reading one answer a line, and
// returns how many answers were not one of the choices.
func askQuiz(qs []render.Question, name string, opts *QuizOptions) (int, error) {
	l := opts.Lang
	w := bufio.NewWriter(opts.IO.Out)
	defer w.Flush()
	terminal := isTerminal(opts.IO)
	fmt.Fprintln(w, l.T("cli.quiz.title", name, len(qs), opts.Seed))
	in := bufio.NewScanner(opts.IO.In)
	right, bad := 0, 0
	for n, q := range qs {
		fmt.Fprintf(w, "\n%s\n%s\n", l.T("cli.quiz.question", n+1, len(qs)), q.Prompt)
		for i, c := range q.Choices {
			fmt.Fprintf(w, "  %c) %s\n", 'a'+i, c)
		}
		fmt.Fprint(w, l.Colon(l.T("cli.quiz.answer")))
		if err := w.Flush(); err != nil {
			return bad, err
		}
		answer, typed := -1, ""
		if in.Scan() {
			typed = strings.TrimSpace(in.Text())
			answer = choiceIndex(typed, len(q.Choices))
		}
		if !terminal {
			fmt.Fprint(w, typed)
		}
		fmt.Fprintln(w)
		last := string(rune('a' + len(q.Choices) - 1))
		letter := string(rune('a' + q.Answer))
		switch {
		case answer == q.Answer:
			right++
			fmt.Fprintln(w, l.T("cli.quiz.right"))
		case typed == "":
			fmt.Fprintln(w, l.T("cli.quiz.none", letter))
		default:
			if answer < 0 {
				bad++
				w.Flush()
				fmt.Fprintf(opts.IO.ErrOut, "siplab: quiz: %s\n", l.T("cli.quiz.bad", n+1, typed, last))
			}
			fmt.Fprintln(w, l.T("cli.quiz.wrong", letter))
		}
		why := q.Explanation
		if q.RFC != "" {
			why = l.Sentences(why, l.T("cli.quiz.rfc", q.RFC))
		}
		fmt.Fprintln(w, why)
	}
	if err := in.Err(); err != nil {
		return bad, fmt.Errorf("reading answers: %w", err)
	}
	fmt.Fprintf(w, "\n%s\n", l.T("cli.quiz.score", right, len(qs)))
	return bad, w.Flush()
}

// choiceIndex reads an answer: a letter (a, b…) or a number from 1; -1
// when it is not one of n choices.
func choiceIndex(s string, n int) int {
	s = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(s), ")"))
	if len(s) == 1 && s[0] >= 'a' && int(s[0]-'a') < n {
		return int(s[0] - 'a')
	}
	if v, err := strconv.Atoi(s); err == nil && v >= 1 && v <= n {
		return v - 1
	}
	return -1
}

// classroom is what the web page's player shows for trace t: what the
// stepper shows at every step, with the state of the elements when the
// trace is a lesson's run (o.Lesson), and the quiz.
func classroom(t *sim.Trace, o viewOptions) (*render.Classroom, error) {
	s := stepper.New(t, stepper.Options{Lang: o.Lang})
	var own []lessons.Question
	withState := o.Lesson != nil && len(t.Events) <= maxPlayerStates
	if withState {
		var err error
		if s, _, err = stepper.ForLesson(o.Lesson, o.Run, stepper.Options{Lang: o.Lang}); err != nil {
			return nil, err
		}
	}
	if o.Lesson != nil {
		own = o.Lesson.Quiz
	}
	steps := s.Steps()
	if o.Lesson != nil && !withState {
		note := []render.PlayerLine{{Text: o.Lang.T("views.player.toolong", maxPlayerStates), Kind: int(stepper.Alert)}}
		for i := range steps {
			steps[i].State = note
		}
	}
	// The page asks what siplab quiz asks by default, with the run's seed.
	seed := cmp.Or(o.Run.Seed, 1)
	return &render.Classroom{Steps: steps,
		Quiz: quiz.Make(t, quiz.Options{Lang: o.Lang, Seed: seed, Own: own})}, nil
}

// maxPlayerStates bounds the runs whose web page carries the state of every
// element after every step. The state grows with the run (every call adds
// its dialogs and bindings), so a page of all of them grows with the square
// of the run: a run of 1,000 calls would take many minutes and gigabytes.
// Longer runs get the player without the state; siplab step shows it.
const maxPlayerStates = 2000
