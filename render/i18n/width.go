package i18n

import "github.com/clipperhouse/displaywidth"

// Width returns how many terminal columns s takes, by the Unicode East Asian
// Width rules (UAX #11) as github.com/clipperhouse/displaywidth applies them:
// wide and full-width characters (Chinese, full-width punctuation such as "，"
// and "（", emoji) count two, combining marks and control characters none,
// everything else, East Asian ambiguous characters included, one. Views that
// pad columns of mixed English and Chinese text use it instead of len or
// utf8.RuneCountInString.
func Width(s string) int { return displaywidth.String(s) }

// Cut splits s after at most w columns, between two characters (grapheme
// clusters, so that a combining mark stays with its letter): head is the
// longest start of s that is at most w columns wide, tail the rest.
func Cut(s string, w int) (head, tail string) {
	cols, at := 0, 0
	g := displaywidth.StringGraphemes(s)
	for g.Next() {
		gw := g.Width()
		if cols+gw > w {
			return s[:at], s[at:]
		}
		cols += gw
		at += len(g.Value())
	}
	return s, ""
}
