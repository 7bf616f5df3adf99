package i18n

import (
	"strings"
	"unicode/utf8"
)

// WrapOptions say how Wrap breaks a line.
type WrapOptions struct {
	// Hang indents the lines after the first of a wrapped line by this many
	// columns more than the line itself is indented: 2 makes a wrapped item
	// stand out from the next one, 0 suits a paragraph.
	Hang int

	// KeepWords leaves a word longer than a line whole, on a line of its own
	// that is then wider than the width (a URL stays one piece); by default
	// such a word is cut where the line ends.
	KeepWords bool
}

// Wrap breaks text into lines of at most width terminal columns (counted by
// Width): at spaces, and between two Chinese characters, but never before
// the punctuation that closes a Chinese clause ("，", "。", "）"…). Each line
// of text (a paragraph) is wrapped on its own, an empty one staying an empty
// line; a wrapped line keeps its indentation (up to half the width), and its
// continuation lines are indented o.Hang columns more. Lines have no
// trailing spaces. A width of 0 or less gives no lines.
func Wrap(text string, width int, o WrapOptions) []string {
	if width <= 0 {
		return nil
	}
	var out []string
	for _, line := range strings.Split(text, "\n") {
		out = append(out, wrapLine(line, width, o)...)
	}
	return out
}

func wrapLine(s string, w int, o WrapOptions) []string {
	if Width(s) <= w {
		return []string{strings.TrimRight(s, " ")}
	}
	body := strings.TrimLeft(s, " ")
	indent := min(len(s)-len(body), w/2)
	cont := strings.Repeat(" ", min(indent+o.Hang, w/2))
	var out []string
	line, cols := strings.Repeat(" ", indent), indent
	for _, word := range splitWords(body) {
		ww := Width(word)
		if cols+ww > w && strings.TrimSpace(line) != "" {
			out = append(out, strings.TrimRight(line, " "))
			line, cols = cont, len(cont)
			word = strings.TrimLeft(word, " ")
			ww = Width(word)
		}
		for cols+ww > w && !o.KeepWords {
			head, tail := Cut(word, w-cols)
			if head == "" { // not even one character fits: take one anyway
				_, size := utf8.DecodeRuneInString(word)
				head, tail = word[:size], word[size:]
			}
			out = append(out, line+head)
			line, cols = cont, len(cont)
			word, ww = tail, Width(tail)
		}
		line += word
		cols += ww
	}
	if strings.TrimSpace(line) != "" || len(out) == 0 {
		out = append(out, strings.TrimRight(line, " "))
	}
	return out
}

// noLineStart is the Chinese punctuation that closes a clause or a
// parenthesis, which a line may not start with: it stays with the
// character before it.
const noLineStart = "，。；：、）」！？"

// splitWords cuts text into the pieces Wrap may not break: a space with the
// word after it, or a single wide character with the punctuation after it.
func splitWords(text string) []string {
	var words []string
	var cur strings.Builder
	for _, r := range text {
		wide := Width(string(r)) == 2
		if (r == ' ' || wide && !strings.ContainsRune(noLineStart, r)) && cur.Len() > 0 {
			words = append(words, cur.String())
			cur.Reset()
		}
		cur.WriteRune(r)
	}
	if cur.Len() > 0 {
		words = append(words, cur.String())
	}
	return words
}
