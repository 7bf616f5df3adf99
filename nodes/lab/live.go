package lab

import (
	"fmt"
	"slices"
	"strings"

	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
)

// DefaultWidth is the width of the live ladder when Config.Width is 0 (the
// output is not a terminal).
const DefaultWidth = 100

// live draws the live ladder of the lab, a row per message as it happens,
// like a lesson's text ladder: a lane per element of the lab, then one per
// softphone by its user name, added when its registration succeeds (the
// lab's 200 to its REGISTER, printed as a plain line), the header printed
// again with the new lane.
// A message to or from an endpoint without a lane (one that has not
// registered, garbage from anywhere) is a plain "from → to" line, so that a
// flood cannot make lanes without end; so are the phones that register
// once the width is full of lanes (maxLanes).
type live struct {
	lanes []sim.NodeInfo
	has   map[string]bool
	shown int // len(lanes) when the header was last printed
}

func newLive(t *sim.Trace) *live {
	v := &live{has: map[string]bool{}}
	for _, n := range t.Nodes {
		if n.Kind == sim.KindProxy { // the lab's elements
			v.add(n)
		}
	}
	return v
}

func (v *live) add(n sim.NodeInfo) {
	v.lanes = append(v.lanes, n)
	v.has[n.Name] = true
}

// lines returns what to print for message e: the header when a lane was
// added, then its row.
func (s *Server) liveLines(e *sim.Event) []string {
	v := s.live
	width := s.cfg.Width
	if width <= 0 {
		width = DefaultWidth
	}
	joins := !v.has[e.To] && v.has[e.From] && len(v.lanes) < maxLanes(width) && registerOK(e)
	if !v.has[e.From] || !v.has[e.To] {
		l := s.cfg.Lang
		line := fmt.Sprintf("%*d  %*s  %s → %s  %s", 6, e.Seq, 10, render.FormatTime(e.At), e.From, e.To, oneLine(l.Text(e.Summary)))
		if e.Dropped {
			line += "  " + l.Aside(l.T("cli.lab.dropped"))
		}
		out := i18n.Wrap(line, width, i18n.WrapOptions{Hang: laneStart})
		if h := s.sim.Net.Host(e.To); joins && h != nil {
			// Its registration is the phone's last plain line: its lane
			// comes next, with the header that names it (the host's: the
			// trace lists no more nodes once full).
			v.add(sim.NodeInfo{Name: h.Name, Kind: h.Kind, Address: h.Addr.String()})
			lay, err := render.LayOutText(&sim.Trace{Nodes: v.lanes}, render.TextOptions{Lang: s.cfg.Lang, Width: width, Fit: true, Live: true})
			if err == nil {
				v.shown = len(v.lanes)
				out = append(append(append(out, ""), lay.Header...), lay.Bars)
			}
		}
		return out
	}
	one := &sim.Trace{Nodes: v.lanes, Events: []sim.Event{*e}}
	lay, err := render.LayOutText(one, render.TextOptions{Lang: s.cfg.Lang, Width: width, Fit: true, Live: true})
	if err != nil || len(lay.Rows) == 0 {
		return nil
	}
	var out []string
	if v.shown != len(v.lanes) {
		v.shown = len(v.lanes)
		out = append(out, "")
		out = append(out, lay.Header...)
		out = append(out, lay.Bars)
	}
	out = append(out, strings.TrimRight(lay.Rows[0].Line, " "))
	return append(out, lay.Rows[0].More...)
}

// maxLanes is how many lanes fit in width columns, each wide enough for
// an address under its name: the phones that register once they are all
// taken keep plain lines.
func maxLanes(width int) int { return max(2, (width-laneStart)/laneMin) }

const (
	laneStart = 20 // the step and time columns of a live row
	laneMin   = 16 // "127.0.0.1:51234" and a space
)

// registerOK reports whether e is a 200 to a REGISTER: its receiver has
// registered.
func registerOK(e *sim.Event) bool {
	head, _, _ := strings.Cut(e.Raw, "\r\n\r\n")
	return strings.HasPrefix(head, "SIP/2.0 200 ") && slices.ContainsFunc(strings.Split(head, "\r\n"), func(h string) bool {
		name, value, ok := strings.Cut(h, ":")
		return ok && (strings.EqualFold(strings.TrimSpace(name), "CSeq")) && strings.HasSuffix(strings.TrimSpace(value), " REGISTER")
	})
}
