package render

import "github.com/siplab/siplab/render/i18n"

// The drawings (SVG ladder, topology) are laid out before any font is at
// hand: a browser picks the font when it shows the picture. They therefore
// use a monospaced font, whose advance is the same for every character, and
// reserve for a character what the widest common monospaced fonts take:
// 0.62 em for a narrow one (DejaVu Sans Mono, Menlo, Liberation Mono and
// Courier take 0.60–0.61 em, Consolas 0.55) and a full em for a wide one (a
// Chinese character, which every CJK font draws on a square). So a label is
// never wider on screen than the room the layout gave it.
const (
	fontFamily = "DejaVu Sans Mono,Menlo,Consolas,Liberation Mono,monospace"
	narrowEm   = 0.62
	wideEm     = 1.0
)

// textWidth returns the width in points that s takes at size points: a wide
// rune (i18n.Width 2) counts as 1 em, a narrow one as narrowEm, a combining
// mark as nothing.
func textWidth(s string, size float64) float64 {
	var em float64
	for _, r := range s {
		switch i18n.Width(string(r)) {
		case 0:
		case 2:
			em += wideEm
		default:
			em += narrowEm
		}
	}
	return em * size
}
