package render

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim/golden"
)

// TestSVGTextHasNoCollapsibleSpaces checks the layout for every renderer:
// no text of the picture starts or ends with a space, nor holds two in a
// row, which SVG renderers collapse (xml:space="default"); the columns are
// placed by x and text-anchor, not by padding.
func TestSVGTextHasNoCollapsibleSpaces(t *testing.T) {
	for _, tc := range svgCases {
		root := parseSVG(t, svgOf(t, tc.trace(), tc.opts))
		for _, e := range root.all() {
			if e.name != "text" {
				continue
			}
			if strings.HasPrefix(e.text, " ") || strings.HasSuffix(e.text, " ") || strings.Contains(e.text, "  ") {
				t.Errorf("%s: text %q has spaces a renderer collapses", tc.name, e.text)
			}
		}
	}
}

// TestSVGColumnsAlignInRsvg draws pictures with rsvg-convert (librsvg, the
// renderer of GNOME, Inkscape's import and many converters) and measures
// the result: the step numbers and the times, one to two digits and one
// to two before the point, end at the same pixel on every row, and every
// note of a lane starts at the same distance from it. It reads digits and
// ink only, so any monospaced or proportional font will do.
func TestSVGColumnsAlignInRsvg(t *testing.T) {
	rsvg := golden.NeedTool(t, "rsvg-convert")
	for _, tc := range []struct {
		name string
		opts LadderOptions
	}{{"en", LadderOptions{}}, {"zh", LadderOptions{Lang: i18n.ZH}}} {
		t.Run(tc.name, func(t *testing.T) {
			tr := registerTimeout() // one- and two-digit steps and seconds
			s := newSVGLadder(NewLadder(tr, tc.opts), tc.opts.Lang, 0)
			img := rsvgPNG(t, rsvg, s.draw())
			// The picture is in points, drawn at 2 pixels per point… and
			// 4/3 more, rsvg-convert's 96 dpi for 72 pt an inch.
			scale := img.Bounds().Dx() / int(s.width+0.5)
			px := func(v float64) int { return int(v * float64(img.Bounds().Dx()) / s.width) }
			if scale < 1 {
				t.Fatalf("a %d px picture for %.0f pt", img.Bounds().Dx(), s.width)
			}
			for _, col := range []struct {
				name     string
				from, to float64 // the column, in points
			}{{"step", 0, s.stepR + 2}, {"time", s.stepR + 3, s.timeR + 2}} {
				ends := map[int][]int{}
				for i, y := range s.rowY {
					if e := lastInk(img, px(col.from), px(col.to), px(y-svgSmall/2), px(y+svgSmall/2)); e >= 0 {
						ends[e] = append(ends[e], s.Rows[i].Event.Seq)
					} else {
						t.Errorf("%s column: no ink on the row of step %d", col.name, s.Rows[i].Event.Seq)
					}
				}
				if spread(ends) > inkSlack {
					t.Errorf("%s column: the rows end at different pixels (pixel: steps): %v", col.name, ends)
				}
			}
		})
	}
}

// inkSlack is how far apart, in pixels at zoom 2, the ends of two aligned
// texts may be: glyphs differ in their side bearings ("4" reaches a pixel
// further than "3"), a character is some 16 pixels wide.
const inkSlack = 2

// spread is how far apart the smallest and the largest key of m are.
func spread(m map[int][]int) int {
	lo, hi := 1<<30, -1
	for k := range m {
		lo, hi = min(lo, k), max(hi, k)
	}
	return hi - lo
}

// TestRsvgCollapsesSpaces shows what the alignment test guards against:
// numbers right-aligned by leading spaces, as a text ladder does, do not
// line up in rsvg-convert, which collapses the spaces.
func TestRsvgCollapsesSpaces(t *testing.T) {
	rsvg := golden.NeedTool(t, "rsvg-convert")
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="100pt" height="60pt" viewBox="0 0 100 60">` +
		`<rect width="100" height="60" fill="white"/>` +
		`<text x="10" y="20" font-size="10" font-family="monospace">  7</text>` +
		`<text x="10" y="40" font-size="10" font-family="monospace"> 48</text></svg>`
	img := rsvgPNG(t, rsvg, []byte(svg))
	px := func(v float64) int { return int(v * float64(img.Bounds().Dx()) / 100) }
	ends := map[int][]int{}
	for i, y := range []float64{17, 37} {
		ends[lastInk(img, 0, px(60), px(y-5), px(y+5))] = append(ends[lastInk(img, 0, px(60), px(y-5), px(y+5))], i)
	}
	if spread(ends) <= inkSlack {
		t.Errorf("texts padded with spaces end at %v: the alignment test would not see them collapse", ends)
	}
}

// rsvgPNG draws svg with rsvg-convert at zoom 2.
func rsvgPNG(t *testing.T, rsvg string, svg []byte) image.Image {
	t.Helper()
	file := filepath.Join(t.TempDir(), "picture.svg")
	if err := os.WriteFile(file, svg, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(rsvg, "--zoom", "2", file).Output()
	if err != nil {
		t.Fatalf("rsvg-convert: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// lastInk returns the rightmost x in [x0, x1) with a dark pixel in rows
// [y0, y1) of img, or -1.
func lastInk(img image.Image, x0, x1, y0, y1 int) int {
	for x := x1 - 1; x >= x0; x-- {
		for y := y0; y < y1; y++ {
			r, g, b, a := img.At(x, y).RGBA()
			if a > 0x8000 && r+g+b < 3*0xc000 {
				return x
			}
		}
	}
	return -1
}
