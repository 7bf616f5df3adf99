package render

import (
	"strings"

	"github.com/siplab/siplab/render/i18n"
)

// A canvas is one line of text addressed by terminal column, counted as
// i18n.Width counts them: a Chinese character takes two columns. Drawing over
// half of a wide character blanks its other half, so that what is left
// never shifts the columns after it. The zero value is an empty line.
type canvas struct {
	cells []cell
}

// A cell is one column: a character with any zero-width marks that follow
// it, or the right half of the wide character in the column before.
type cell struct {
	s     string
	right bool // the right half of a wide character
}

// put writes s from column col on, over what was there, and returns the
// column after it. s must be one line without control characters.
func (c *canvas) put(col int, s string) int {
	for _, r := range s {
		switch i18n.Width(string(r)) {
		case 0: // a combining mark: it belongs to the character before
			if col > 0 && col-1 < len(c.cells) {
				c.cells[col-1].s += string(r)
			}
		case 2:
			c.set(col+1, "")
			c.set(col, string(r))
			c.cells[col+1].right = true
			col += 2
		default:
			c.set(col, string(r))
			col++
		}
	}
	return col
}

// repeat writes n copies of s, one column wide, from column col on.
func (c *canvas) repeat(col, n int, s string) {
	for i := 0; i < n; i++ {
		c.put(col+i, s)
	}
}

// set makes column col hold s, growing the line with spaces and blanking the
// other half of a wide character it breaks.
func (c *canvas) set(col int, s string) {
	for len(c.cells) <= col+1 {
		c.cells = append(c.cells, cell{s: " "})
	}
	if c.cells[col].right && col > 0 {
		c.cells[col-1] = cell{s: " "}
	}
	if c.cells[col+1].right {
		c.cells[col+1] = cell{s: " "}
	}
	c.cells[col] = cell{s: s}
}

// String returns the line without trailing spaces.
func (c *canvas) String() string {
	var b strings.Builder
	for _, cl := range c.cells {
		if !cl.right {
			b.WriteString(cl.s)
		}
	}
	return strings.TrimRight(b.String(), " ")
}
