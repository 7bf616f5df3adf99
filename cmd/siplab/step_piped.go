package main

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/siplab/siplab/lessons/stepper"
	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/render/i18n"
)

// The line mode of `siplab step`: when standard input is not a terminal,
// the stepper reads one command per line and answers in plain text, without
// escape codes, so that it can be scripted and tested:
//
//	n or an empty line   next step           p or b   previous step
//	N                    next message        P        previous message
//	a [SPEED]            play to the end, SPEED steps a second (1)
//	g N                  go to step N        s        state of every element
//	/TEXT                search forward      f        the message in full
//	l                    the ladder          ?        the commands
//	q                    quit (so does the end of the input)
//
// Every move prints the step it lands on. What comes from the trace is
// escaped as on the full screen (see stepper.Line), so a message cannot
// send escape codes to the terminal the output ends on. A command that
// cannot be carried out (unknown, g out of range, / with nothing to search)
// is reported on standard error and the stepper goes on; at the end, their
// number is the error and the exit status is 2, so a script with a typo
// fails. Lines starting with "#" are comments.

// stepCommand is one parsed line.
type stepCommand struct {
	verb  string  // next, prev, nextmsg, prevmsg, goto, search, state, full, ladder, help, quit, comment
	n     int     // goto: the step
	speed float64 // play: steps a second
	text  string  // search: the text ("" repeats the last)
}

// parseStepCommand reads one line of the line mode.
func parseStepCommand(line string, l i18n.Lang) (stepCommand, error) {
	line = strings.TrimSpace(line)
	switch {
	case strings.HasPrefix(line, "#"):
		return stepCommand{verb: "comment"}, nil
	case strings.HasPrefix(line, "/"):
		return stepCommand{verb: "search", text: strings.TrimSpace(line[1:])}, nil
	}
	word, arg, _ := strings.Cut(line, " ")
	arg = strings.TrimSpace(arg)
	if digits, ok := strings.CutPrefix(word, "g"); ok && isDigits(digits) { // "g5"
		word, arg = "g", digits+arg
	}
	if word == "a" || word == "play" {
		speed := 1.0
		if arg != "" {
			v, err := strconv.ParseFloat(arg, 64)
			if err != nil || !(v > 0 && v <= maxSpeed) {
				return stepCommand{}, fmt.Errorf("%s", l.T("step.err.speed", arg))
			}
			speed = v
		}
		return stepCommand{verb: "play", speed: speed}, nil
	}
	if word == "g" || word == "goto" {
		n, err := strconv.Atoi(arg)
		if err != nil || !isDigits(arg) {
			return stepCommand{}, fmt.Errorf("%s", l.T("step.err.goto"))
		}
		return stepCommand{verb: "goto", n: n}, nil
	}
	verbs := map[string]string{
		"": "next", "n": "next", "next": "next",
		"p": "prev", "b": "prev", "prev": "prev", "back": "prev",
		"N": "nextmsg", "P": "prevmsg",
		"s": "state", "state": "state",
		"f": "full", "full": "full",
		"l": "ladder", "ladder": "ladder",
		"?": "help", "h": "help", "help": "help",
		"q": "quit", "quit": "quit", "exit": "quit",
	}
	if v, ok := verbs[word]; ok && arg == "" {
		return stepCommand{verb: v}, nil
	}
	return stepCommand{}, fmt.Errorf("%s", l.T("step.err.unknown", line))
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// runPiped reads commands from in until q or the end of the input, and
// returns how many could not be carried out. With play > 0 it first plays
// (as the command a does) at play steps a second.
func runPiped(s *stepper.Stepper, in io.Reader, out, errOut io.Writer, play float64) (int, error) {
	l := s.Lang()
	w := bufio.NewWriter(out)
	defer w.Flush()
	show := func(lines []stepper.Line) {
		for _, line := range lines {
			fmt.Fprintln(w, line.Text)
		}
		fmt.Fprintln(w)
	}
	say := func(text string) { fmt.Fprintln(w, text); fmt.Fprintln(w) }
	var ladder *stepper.Ladder

	fmt.Fprintln(w, s.Title()+"   "+strings.TrimSpace(l.Aside(l.T("cli.run.seed", s.Trace().Seed))))
	for _, f := range s.Faults() {
		fmt.Fprintln(w, render.Printable(l.T("cli.run.fault", f)))
	}
	say(l.T("step.intro", s.Total()))
	if err := w.Flush(); err != nil {
		return 0, err
	}

	// playTo prints every step to the end, one every 1/speed seconds.
	playTo := func(speed float64) error {
		for s.Next() {
			show(s.EventLines(true))
			if err := w.Flush(); err != nil {
				return err
			}
			if s.Step() < s.Total() {
				time.Sleep(time.Duration(float64(time.Second) / speed))
			}
		}
		say(l.T("cli.step.end"))
		return nil
	}
	if play > 0 {
		if err := playTo(play); err != nil {
			return 0, err
		}
	}

	bad := 0
	// fail reports a command that cannot be carried out, after the answers
	// to the commands before it.
	fail := func(lineNo int, err error) {
		bad++
		w.Flush()
		fmt.Fprintf(errOut, "siplab: step: line %d: %s\n", lineNo, err)
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for lineNo := 1; sc.Scan(); lineNo++ {
		cmd, err := parseStepCommand(sc.Text(), l)
		if err != nil {
			fail(lineNo, err)
			continue
		}
		switch cmd.verb {
		case "comment":
		case "next":
			if s.Next() {
				show(s.EventLines(true))
			} else {
				say(l.T("cli.step.end"))
			}
		case "prev":
			if s.Prev() {
				show(s.EventLines(true))
			} else {
				say(l.T("step.start"))
			}
		case "nextmsg", "prevmsg":
			moved := s.NextMessage
			if cmd.verb == "prevmsg" {
				moved = s.PrevMessage
			}
			if moved() {
				show(s.EventLines(true))
			} else {
				say(l.T("step.nomessage"))
			}
		case "play":
			if err := playTo(cmd.speed); err != nil {
				return bad, err
			}
		case "goto":
			if err := s.Goto(cmd.n); err != nil {
				fail(lineNo, err)
				continue
			}
			show(s.EventLines(true))
		case "search":
			found, wrapped, err := s.Search(cmd.text)
			switch {
			case err != nil:
				fail(lineNo, err)
			case !found:
				say(l.T("step.search.none", s.Query()))
			default:
				if wrapped {
					fmt.Fprintln(w, l.T("step.search.wrapped"))
				}
				show(s.EventLines(true))
			}
		case "state":
			show(s.StateLines())
		case "full":
			show(s.FullLines())
		case "ladder":
			if ladder == nil {
				ladder = s.Ladder(0)
			}
			for _, line := range ladder.Marked(s.Step()) {
				fmt.Fprintln(w, strings.TrimRight(line, " "))
			}
			fmt.Fprintln(w)
		case "help":
			show(commandLines(l, "step.help.",
				"next", "prev", "message", "play", "goto", "search", "state", "full", "ladder", "help", "quit"))
		case "quit":
			return bad, w.Flush()
		}
		// A program driving the stepper through pipes reads each answer
		// before it sends the next command.
		if err := w.Flush(); err != nil {
			return bad, err
		}
	}
	if err := sc.Err(); err != nil {
		return bad, fmt.Errorf("reading commands: %w", err)
	}
	return bad, w.Flush()
}

// commandLines lists the commands of the line mode (prefix "step.help.") or
// the keys of the full-screen view ("step.tui."): the catalog's prefix+title,
// then prefix+each key.
func commandLines(l i18n.Lang, prefix string, keys ...string) []stepper.Line {
	out := []stepper.Line{{Text: l.T(prefix + "title"), Kind: stepper.Heading}}
	for _, k := range keys {
		out = append(out, stepper.Line{Text: "  " + l.T(prefix+k)})
	}
	return out
}
