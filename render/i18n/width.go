package i18n

import "unicode"

// Width returns how many terminal columns s takes: East Asian wide and
// full-width characters (Chinese, full-width punctuation such as "，" and "（")
// count two, combining marks and control characters none, everything else
// one. Views that pad columns of mixed English and Chinese text use it instead
// of len or utf8.RuneCountInString.
func Width(s string) int {
	w := 0
	for _, r := range s {
		w += runeWidth(r)
	}
	return w
}

func runeWidth(r rune) int {
	switch {
	case unicode.IsControl(r), unicode.In(r, unicode.Mn, unicode.Me), r == '\u200b':
		return 0
	case isWide(r):
		return 2
	}
	return 1
}

// wideRanges are the blocks of the Unicode East Asian Width classes W and F
// (UAX #11) that terminal text meets; ambiguous characters count as narrow.
var wideRanges = []struct{ lo, hi rune }{
	{0x1100, 0x115F},   // Hangul Jamo initial consonants
	{0x2E80, 0x303E},   // CJK radicals, Kangxi radicals, CJK symbols and punctuation
	{0x3041, 0x33FF},   // Hiragana, Katakana, Bopomofo, CJK compatibility
	{0x3400, 0x4DBF},   // CJK unified ideographs extension A
	{0x4E00, 0x9FFF},   // CJK unified ideographs
	{0xA000, 0xA4CF},   // Yi
	{0xAC00, 0xD7A3},   // Hangul syllables
	{0xF900, 0xFAFF},   // CJK compatibility ideographs
	{0xFE10, 0xFE19},   // vertical forms
	{0xFE30, 0xFE6F},   // CJK compatibility forms, small form variants
	{0xFF00, 0xFF60},   // full-width forms
	{0xFFE0, 0xFFE6},   // full-width signs
	{0x1F300, 0x1F64F}, // pictographs and emoticons
	{0x1F900, 0x1F9FF}, // supplemental symbols and pictographs
	{0x20000, 0x2FFFD}, // CJK extensions B–F
	{0x30000, 0x3FFFD}, // CJK extension G and later
}

func isWide(r rune) bool {
	for _, rg := range wideRanges {
		if rg.lo <= r && r <= rg.hi {
			return true
		}
	}
	return false
}
