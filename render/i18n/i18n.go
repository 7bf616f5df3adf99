// Package i18n is siplab's message catalog: every label and explanation the
// program prints, in English and in Chinese, looked up by key so that the two
// languages stay in step. Tests check that every key exists in both languages,
// that format verbs agree, and that every explanation cites its RFC section.
//
// The concepts, one per file:
//
//   - Lang (i18n.go): an output language, parsed from a --lang flag or a
//     locale (ParseLang, FromEnv); Lang.T looks a key up and formats it.
//   - The catalog (i18n.go): one map from key to text per language, built from
//     the parts below; Keys lists the keys, Has asks whether a language has one.
//   - Explanations of a message (headers.go): every header field
//     ("header.Via"), request method ("method.INVITE"), response class
//     ("status.class.4") and status code ("status.486", "status.486.reason"),
//     each one line ending with its RFC section in brackets. HeaderKey,
//     MethodKey, StatusKey and ClassKey map what a parser found to a key,
//     falling back to "header.unknown", "method.unknown" or "status.unknown".
//   - The CLI's own words (cli.go): "cli.parse.*", "cli.digest.*", "cli.error.*"…
//   - The trace's vocabulary (trace.go): element roles ("role.proxy"), event
//     types ("event.timer") and the RFC 3261 timers ("timer.A").
//   - The ladder's own words (ladder.go): "ladder.retrans", "ladder.cause".
//   - What the SIP elements say about what they do (nodes.go): "node.tx.*",
//     "node.timer.*", "node.ua.*", "node.proxy.*"… in the trace's notes,
//     summaries and reasons.
//   - Packet captures (capture.go): the comments of a pcapng file's packets.
//   - Reference pages (help.go): siplab help faults, lesson-format and
//     trace-format.
//   - Width (width.go): how many terminal columns a string takes, a Chinese
//     character counting as two, for aligning mixed-language output; Cut
//     splits a string at a column.
//   - Wrap (wrap.go): text broken into lines of a width, at spaces and
//     between Chinese characters, never before closing Chinese punctuation.
//
// A key that is missing from the catalog is printed as "!{key}", so a gap shows
// up in the output instead of crashing the program.
package i18n

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/siplab/siplab/sim"
)

// Lang is an output language. The zero value behaves like EN.
type Lang string

const (
	EN Lang = "en" // English
	ZH Lang = "zh" // Chinese (simplified)
)

// Langs returns the supported languages, English first.
func Langs() []Lang { return []Lang{EN, ZH} }

// ErrUnsupportedLang is wrapped by the error ParseLang returns for a language
// it does not support.
var ErrUnsupportedLang = errors.New("unsupported language")

// ParseLang reads a language name as given to --lang or found in a locale
// variable: "en", "zh", a BCP 47 tag ("zh-CN", "en-GB", "zh-Hans") or a POSIX
// locale ("zh_CN.UTF-8", "en_US", "de_DE@euro"). Case does not matter. Every
// Chinese variant maps to ZH (the catalog is in simplified Chinese); the POSIX
// locales "C" and "POSIX" map to EN. Anything else is an error that names the
// bad value and the accepted ones.
func ParseLang(s string) (Lang, error) {
	base := strings.TrimSpace(s)
	// A POSIX locale is language[_territory][.codeset][@modifier].
	if i := strings.IndexAny(base, ".@"); i >= 0 {
		base = base[:i]
	}
	subtags := strings.Split(strings.ReplaceAll(base, "_", "-"), "-")
	if !slices.ContainsFunc(subtags, badSubtag) {
		switch primary := strings.ToLower(subtags[0]); {
		case primary == "en":
			return EN, nil
		case primary == "zh":
			return ZH, nil
		case len(subtags) == 1 && (primary == "c" || primary == "posix"):
			return EN, nil
		}
	}
	return "", fmt.Errorf("%w %q (accepted: en, zh, or a locale such as en_US, zh-CN, zh_CN.UTF-8)",
		ErrUnsupportedLang, s)
}

// badSubtag reports whether t is not a subtag: 1–8 ASCII letters or digits
// (RFC 5646 §2.1).
func badSubtag(t string) bool {
	const alphanum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	return len(t) < 1 || len(t) > 8 || strings.Trim(t, alphanum) != ""
}

// FromEnv picks the language of the user's locale, read through getenv
// (os.Getenv in the program, a map in tests). As in POSIX, the first of
// LC_ALL, LC_MESSAGES and LANG that is set decides; if it names a language the
// catalog does not have, or none is set, the result is EN.
func FromEnv(getenv func(string) string) Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			if l, err := ParseLang(v); err == nil {
				return l
			}
			return EN
		}
	}
	return EN
}

// String returns the language code, "en" or "zh".
func (l Lang) String() string { return string(l) }

// Set parses s with ParseLang and stores the result. With String and Type it
// makes *Lang a command-line flag value (flag.Value, and pflag.Value for cobra).
func (l *Lang) Set(s string) error {
	v, err := ParseLang(s)
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// Type names the flag's value type in help texts.
func (Lang) Type() string { return "lang" }

// UnmarshalText parses a language from JSON, YAML or other text formats.
func (l *Lang) UnmarshalText(text []byte) error { return l.Set(string(text)) }

// MarshalText writes the language code.
func (l Lang) MarshalText() ([]byte, error) { return []byte(l), nil }

// T returns the text for key in language l, falling back to English when l
// lacks it. With args, the text is a fmt format and T returns
// fmt.Sprintf(text, args...); without args the text is returned as it is. A key
// that no catalog has comes back as "!{key}", so the gap is visible in the
// output. T never panics.
func (l Lang) T(key string, args ...any) string {
	text, ok := catalogs[l][key]
	if !ok {
		text, ok = catalogs[EN][key]
	}
	if !ok {
		return "!{" + key + "}"
	}
	if len(args) == 0 {
		return text
	}
	return fmt.Sprintf(text, args...)
}

// Text renders a trace's language-neutral text in l: a catalog text
// through the catalog, its literal arguments in place; authored text in l's
// wording, or in English where its author gave none; a literal as it is.
func (l Lang) Text(t sim.Text) string {
	switch {
	case t.Key != "":
		args := make([]any, len(t.Args))
		for i, a := range t.Args {
			args[i] = a
		}
		return l.T(t.Key, args...)
	case l == ZH && t.ZH != "" || t.EN == "":
		return t.ZH
	}
	return t.EN
}

// Has reports whether the catalog of l itself (without the English fallback)
// has key.
func Has(l Lang, key string) bool {
	_, ok := catalogs[l][key]
	return ok
}

// Keys returns every key of every language, sorted.
func Keys() []string {
	all := map[string]string{}
	for _, c := range catalogs {
		maps.Copy(all, c)
	}
	return slices.Sorted(maps.Keys(all))
}

// part is one file's share of the catalog: the same keys in each language.
type part struct {
	name   string // the file that holds it, for test messages
	en, zh map[string]string
}

// parts lists every part; catalogs is their union per language.
var parts = []part{
	{"headers.go", headersEN, headersZH},
	{"cli.go", cliEN, cliZH},
	{"trace.go", traceEN, traceZH},
	{"ladder.go", ladderEN, ladderZH},
	{"nodes.go", nodesEN, nodesZH},
	{"net.go", netEN, netZH},
	{"step.go", stepEN, stepZH},
	{"views.go", viewsEN, viewsZH},
	{"capture.go", captureEN, captureZH},
	{"classroom.go", classroomEN, classroomZH},
	{"help.go", helpEN, helpZH},
	{"check.go", checkEN, checkZH},
	{"import.go", importEN, importZH},
}

var catalogs = func() map[Lang]map[string]string {
	c := map[Lang]map[string]string{EN: {}, ZH: {}}
	for _, p := range parts {
		maps.Copy(c[EN], p.en)
		maps.Copy(c[ZH], p.zh)
	}
	return c
}()
