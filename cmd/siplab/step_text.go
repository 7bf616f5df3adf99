package main

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/siplab/siplab/render/i18n"
)

// Text in terminal columns, for the stepper's panes: a Chinese character
// takes two columns (i18n.Width), and nothing from a trace may drive the
// terminal.

// safeText makes text from a trace safe to print: a tab becomes four
// spaces; other control characters and invalid UTF-8 are written as Go
// escapes ("\x1b"), so that a corrupted message cannot send escape codes.
func safeText(s string) string {
	clean := true
	for i, r := range s {
		if r == '\t' || unicode.IsControl(r) || r == utf8.RuneError && isBadByte(s, i) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\t':
			b.WriteString("    ")
		case unicode.IsControl(r):
			q := fmt.Sprintf("%+q", string(r))
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// isBadByte reports whether the RuneError at s[i] stands for invalid UTF-8
// rather than a real U+FFFD.
func isBadByte(s string, i int) bool {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size <= 1
}

// runeCols is how many columns r takes.
func runeCols(r rune) int { return i18n.Width(string(r)) }

// cutCols splits s after at most w columns.
func cutCols(s string, w int) (head, tail string) {
	cols := 0
	for i, r := range s {
		rw := runeCols(r)
		if cols+rw > w {
			return s[:i], s[i:]
		}
		cols += rw
	}
	return s, ""
}

// fit clips s to w columns and pads it with spaces to exactly w.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	head, _ := cutCols(s, w)
	return head + strings.Repeat(" ", max(0, w-i18n.Width(head)))
}

// wrapCols breaks s into lines of at most w columns: at spaces, between
// two Chinese characters, and inside a word too long for a line. The lines
// after the first are indented hang columns more than s is: 2 makes a
// wrapped item stand out from the next one, 0 suits a paragraph.
func wrapCols(s string, w, hang int) []string {
	if w <= 0 {
		return nil
	}
	if i18n.Width(s) <= w {
		return []string{s}
	}
	body := strings.TrimLeft(s, " ")
	indent := min(len(s)-len(body), w/2)
	cont := strings.Repeat(" ", min(indent+hang, w/2))
	var out []string
	line, cols := strings.Repeat(" ", indent), indent
	for _, word := range splitWords(body) {
		ww := i18n.Width(word)
		if cols+ww > w && strings.TrimSpace(line) != "" {
			out = append(out, strings.TrimRight(line, " "))
			line, cols = cont, len(cont)
			word = strings.TrimLeft(word, " ")
			ww = i18n.Width(word)
		}
		for cols+ww > w {
			head, tail := cutCols(word, w-cols)
			if head == "" { // not even one character fits: take one anyway
				_, size := utf8.DecodeRuneInString(word)
				head, tail = word[:size], word[size:]
			}
			out = append(out, line+head)
			line, cols = cont, len(cont)
			word, ww = tail, i18n.Width(tail)
		}
		line += word
		cols += ww
	}
	if strings.TrimSpace(line) != "" {
		out = append(out, strings.TrimRight(line, " "))
	}
	return out
}
