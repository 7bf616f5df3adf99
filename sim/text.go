package sim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// A Text is a sentence of the trace, kept language-neutral so that one trace
// renders in any language: the views translate it, the engine never does.
// It is one of three things:
//
//   - a catalog text: Key names an entry of the views' message catalog and
//     Args fill its format verbs: literals (a URI, a method, a number, a
//     duration), the same in every language;
//   - authored text: EN and ZH, the wording a lesson's author gave in each
//     language (a lesson's title, its notes on chosen messages);
//   - a literal: EN alone, shown as it is in every language (a start line,
//     a URI, an error message from the codec). Authored text without its
//     Chinese is a literal: it reads the same in every language.
//
// The zero Text is empty. A trace holds several texts per event, so the
// type stays small: a literal is its EN, an argument a string.
type Text struct {
	Key  string   `json:"key,omitempty"`
	Args []string `json:"args,omitempty"`
	EN   string   `json:"en,omitempty"`
	ZH   string   `json:"zh,omitempty"`
}

// T makes a catalog text, each argument formatted as a literal (Arg).
func T(key string, args ...any) Text {
	t := Text{Key: key}
	if len(args) > 0 {
		t.Args = make([]string, len(args))
		for i, a := range args {
			t.Args[i] = Arg(a)
		}
	}
	return t
}

// Arg formats one argument of a catalog text: a number in decimal, a
// time.Duration as "500ms", a Stringer (a transaction state) as it says,
// anything else as fmt.Sprint does. A catalog text is no argument: the
// views could not translate it.
func Arg(a any) string {
	switch v := a.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case uint32:
		return strconv.FormatUint(uint64(v), 10)
	case fmt.Stringer: // a time.Duration, a transaction state…
		return v.String()
	default:
		return fmt.Sprint(v)
	}
}

// Lit makes a literal text.
func Lit(s string) Text { return Text{EN: s} }

// Authored makes a text that its author wrote in both languages; an empty
// zh falls back to en when rendered.
func Authored(en, zh string) Text { return Text{EN: en, ZH: zh} }

// Lits makes literal texts of strings, for the notes of an event.
func Lits(ss ...string) []Text {
	if len(ss) == 0 {
		return nil
	}
	out := make([]Text, len(ss))
	for i, s := range ss {
		out[i] = Lit(s)
	}
	return out
}

// IsZero reports whether t is empty.
func (t Text) IsZero() bool {
	return t.Key == "" && len(t.Args) == 0 && t.EN == "" && t.ZH == ""
}

// IsLiteral reports whether t is a literal (or empty): a text no language
// changes.
func (t Text) IsLiteral() bool { return t.Key == "" && t.ZH == "" }

// String is a language-neutral form for logs, tests and examples: a literal
// as it is, authored text in English, a catalog text as key(arg, arg).
// Views never show it; they translate (Translator).
func (t Text) String() string {
	switch {
	case t.Key != "":
		if len(t.Args) == 0 {
			return t.Key
		}
		return t.Key + "(" + strings.Join(t.Args, ", ") + ")"
	case t.EN == "":
		return t.ZH
	}
	return t.EN
}

// A Translator renders a Text in one language. The views' message catalog
// is one (one per language); writing a trace as JSON takes the English one.
type Translator interface {
	Text(Text) string
}

// textJSON is the object form of a non-literal Text, without its methods:
// {"key","args"} or {"en","zh"}. A literal is a JSON string.
type textJSON Text

// MarshalJSON writes a literal as a JSON string, a catalog text as
// {"key":…,"args":[…]} and authored text as {"en":…,"zh":…}.
func (t Text) MarshalJSON() ([]byte, error) {
	if t.IsLiteral() {
		return marshal(t.EN)
	}
	return marshal(textJSON(t))
}

// UnmarshalJSON reads the form MarshalJSON writes.
func (t *Text) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '"' {
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		*t = Text{EN: s}
		return nil
	}
	var w textJSON
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	if w.Key == "" && len(w.Args) > 0 {
		return fmt.Errorf("text with arguments but no key")
	}
	*t = Text(w)
	return nil
}
