package i18n

import (
	"strings"
	"testing"
)

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w    int
		o    WrapOptions
		want []string
	}{
		{"short", 10, WrapOptions{Hang: 2}, []string{"short"}},
		{"one two three", 7, WrapOptions{Hang: 2}, []string{"one two", "  three"}},
		{"  Via: SIP/2.0/UDP host;branch=z9hG4bK", 16, WrapOptions{Hang: 2}, []string{"  Via:", "    SIP/2.0/UDP", "    host;branch=", "    z9hG4bK"}},
		{"中文句子需要换行", 6, WrapOptions{Hang: 2}, []string{"中文句", "  子需", "  要换", "  行"}},
		{"abc", 0, WrapOptions{Hang: 2}, nil},
		{"中", 1, WrapOptions{Hang: 2}, []string{"中"}}, // a character wider than the line is not lost
		{"a paragraph of prose", 11, WrapOptions{}, []string{"a paragraph", "of prose"}},
		{"e\u0301e\u0301e\u0301e\u0301", 2, WrapOptions{}, []string{"e\u0301e\u0301", "e\u0301e\u0301"}}, // a mark stays with its letter

		// Prose for a terminal: paragraphs kept, long words whole.
		{"one two three four", 9, WrapOptions{KeepWords: true}, []string{"one two", "three", "four"}},
		{"averyveryverylongword x", 5, WrapOptions{KeepWords: true}, []string{"averyveryverylongword", "x"}},
		{"中文句子，需要换行。", 10, WrapOptions{KeepWords: true}, []string{"中文句子，", "需要换行。"}},
		{"first paragraph\n\nsecond", 9, WrapOptions{KeepWords: true}, []string{"first", "paragraph", "", "second"}},
		{"", 10, WrapOptions{KeepWords: true}, []string{""}},
		{"trailing   ", 20, WrapOptions{}, []string{"trailing"}},
	} {
		got := Wrap(tc.in, tc.w, tc.o)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
			t.Errorf("Wrap(%q, %d, %+v) = %q, want %q", tc.in, tc.w, tc.o, got, tc.want)
		}
	}
}

func TestCut(t *testing.T) {
	for _, tc := range []struct {
		in         string
		w          int
		head, tail string
	}{
		{"abcdef", 3, "abc", "def"},
		{"abc", 5, "abc", ""},
		{"中文字", 5, "中文", "字"},
		{"中文字", 1, "", "中文字"},
		{"e\u0301x", 1, "e\u0301", "x"},
		{"x", 0, "", "x"},
	} {
		head, tail := Cut(tc.in, tc.w)
		if head != tc.head || tail != tc.tail {
			t.Errorf("Cut(%q, %d) = %q, %q; want %q, %q", tc.in, tc.w, head, tail, tc.head, tc.tail)
		}
	}
}
