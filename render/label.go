package render

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
)

// arrowLabel is what is written on the arrow of a message or lookup event:
//
//   - a request: its method, the first word of the summary ("INVITE");
//   - a response: its status code and reason phrase, what follows the
//     SIP-Version of the summary ("180 Ringing");
//   - a lookup: its whole summary ("lookup bob").
//
// A message's summary normally repeats its start line (RFC 3261 §7.1, §7.2);
// when it is empty the start line is read from Raw. A retransmission is
// marked with the catalog's "ladder.retrans".
func arrowLabel(e sim.Event, lang i18n.Lang) string {
	if e.Type != sim.EventMessage {
		return textLine(e.Summary, lang)
	}
	s := firstLine(e, lang)
	if strings.HasPrefix(s, "SIP/") { // Status-Line: SIP-Version SP Status-Code SP Reason-Phrase
		if _, rest, ok := strings.Cut(s, " "); ok {
			s = strings.TrimSpace(rest)
		}
	} else if f := strings.Fields(s); len(f) > 0 { // Request-Line: Method SP Request-URI SP SIP-Version
		s = f[0]
	}
	if e.Retransmission {
		s += lang.Aside(lang.T("ladder.retrans"))
	}
	return s
}

// firstLine returns a message's start line: its summary, which normally
// repeats it, or else the first line of its bytes.
func firstLine(e sim.Event, lang i18n.Lang) string {
	first, _, _ := strings.Cut(e.Raw, "\n")
	return cmp.Or(textLine(e.Summary, lang), oneLine(strings.TrimSpace(first)))
}

// textLine renders a trace's text in lang, trimmed, on one line.
func textLine(t sim.Text, lang i18n.Lang) string { return oneLine(strings.TrimSpace(lang.Text(t))) }

// reasons returns the reasons an element gave for event e, one line each,
// followed by their RFC sections as cite writes them.
func reasons(e *sim.Event, lang i18n.Lang, cite func(rfc string) string) []string {
	var out []string
	for _, r := range e.Reasons {
		s := textLine(r.Text, lang)
		if r.RFC != "" {
			s = strings.TrimSpace(s + cite(oneLine(r.RFC)))
		}
		out = append(out, s)
	}
	return out
}

// notes returns the notes of event e, one line each.
func notes(e *sim.Event, lang i18n.Lang) []string {
	var out []string
	for _, n := range e.Notes {
		out = append(out, textLine(n, lang))
	}
	return out
}

// oneLine makes text from a trace safe to print on one line of a terminal:
// control characters (line breaks, escape sequences…) and invalid UTF-8 are
// written as Go escapes ("\n", "\x1b"), so a bad summary cannot break the
// diagram or drive the terminal.
func oneLine(s string) string { return escape(s, false) }

// Printable makes a line of text from a trace safe to print on a terminal,
// as oneLine does, but keeps a tab as it is (a folded header line starts
// with one, RFC 3261 §7.3.1). It is the one escape of terminal output: the
// text ladder's raw messages, the walkthrough's, and everything the stepper
// shows.
func Printable(s string) string { return escape(s, true) }

// escape writes the control characters of s (but a tab, with keepTab) and
// its invalid UTF-8 as Go escapes; s comes back as it is when it has none.
func escape(s string, keepTab bool) string {
	bad := func(r rune) bool { return r == utf8.RuneError || unicode.IsControl(r) && !(keepTab && r == '\t') }
	if !strings.ContainsFunc(s, bad) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case keepTab && r == '\t', !unicode.IsControl(r):
			b.WriteRune(r)
		default:
			q := strconv.QuoteRuneToASCII(r) // '\n', '\x1b', '\u0085'
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}
