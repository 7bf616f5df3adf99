package render

import (
	"testing"

	"github.com/siplab/siplab/render/i18n"
)

func TestCanvas(t *testing.T) {
	for _, tc := range []struct {
		name string
		draw func(c *canvas)
		want string
	}{
		{"empty", func(c *canvas) {}, ""},
		{"padded", func(c *canvas) { c.put(3, "ab") }, "   ab"},
		{"trailing spaces trimmed", func(c *canvas) { c.put(0, "a  ") }, "a"},
		{"overwrite", func(c *canvas) { c.put(0, "abcdef"); c.put(2, "XY") }, "abXYef"},
		{"wide takes two columns", func(c *canvas) { c.put(0, "代理"); c.put(4, "|") }, "代理|"},
		{"over the left half of a wide character", func(c *canvas) { c.put(0, "代理|"); c.put(2, "-") }, "代- |"},
		{"over the right half of a wide character", func(c *canvas) { c.put(0, "代理|"); c.put(1, "-") }, " -理|"},
		{"wide over two wide halves", func(c *canvas) { c.put(0, "代理|"); c.put(1, "鲍") }, " 鲍 |"},
		{"combining mark stays with its letter", func(c *canvas) { c.put(0, "e\u0301x|") }, "e\u0301x|"},
		{"repeat", func(c *canvas) { c.put(0, "|"); c.repeat(1, 3, "~"); c.put(4, ">") }, "|~~~>"},
	} {
		var c canvas
		tc.draw(&c)
		if got := c.String(); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}

	// Columns are display columns: what follows a Chinese name lines up.
	var a, b canvas
	a.put(0, "爱丽丝")
	a.put(8, "|")
	b.put(0, "alice")
	b.put(8, "|")
	if i18n.Width(a.String()) != i18n.Width(b.String()) {
		t.Errorf("%q and %q end at different columns", a.String(), b.String())
	}
}
