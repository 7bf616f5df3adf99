package i18n

import (
	"strings"
	"unicode/utf8"
)

// The punctuation of each language, in one place. Every view joins its
// texts through these, knowing the language it writes, instead of guessing
// a sentence's language from its characters.

// Colon follows a label with the colon its language writes before the
// text that comes after it: "why: ", "原因：".
func (l Lang) Colon(label string) string {
	if l == ZH {
		return label + "："
	}
	return label + ": "
}

// Aside puts s in parentheses after other text, as the language's
// typography wants: " (lost)" after English, "（丢失）" with full-width
// parentheses and no space in Chinese.
func (l Lang) Aside(s string) string {
	if l == ZH {
		return "（" + s + "）"
	}
	return " (" + s + ")"
}

// Sentences joins two sentences of the language: a full stop is added to
// the first when it ends without one ("… for 3600 s"), then a space after
// English, none after Chinese.
func (l Lang) Sentences(a, b string) string {
	a = strings.TrimRight(a, " ")
	if a == "" {
		return b
	}
	last, _ := utf8.DecodeLastRuneInString(a)
	ended := strings.ContainsRune(".!?。！？", last)
	if l == ZH {
		if !ended {
			a += "。"
		}
		return a + b
	}
	if !ended {
		a += "."
	}
	return a + " " + b
}

// Semicolons joins clauses that stand side by side in one sentence: with
// "; " after English, the full-width "；" in Chinese.
func (l Lang) Semicolons(items []string) string {
	if l == ZH {
		return strings.Join(items, "；")
	}
	return strings.Join(items, "; ")
}

// Dash joins a statement and what explains it with a dash: " — " in
// English, the full-width "——" in Chinese.
func (l Lang) Dash(a, b string) string {
	if l == ZH {
		return a + "——" + b
	}
	return a + " — " + b
}
