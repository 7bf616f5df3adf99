package render

import (
	"errors"
	"fmt"
	"io"
	"net/netip"
	"strconv"
	"strings"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
)

// TopologyOptions say how the topology diagram is drawn.
type TopologyOptions struct {
	Lang i18n.Lang // language of the roles and units; the zero value is English
}

// topoFont is the topology's font. Graphviz lays the diagram out itself, and
// measures text with the metrics of the font it is told of; for "Courier" it
// reserves what a monospaced font takes (more than that for a Chinese
// character), and the SVG names "Courier,monospace", which every system has.
const topoFont = "Courier"

// TopologyDOT writes the network of trace t as a Graphviz graph in the DOT
// language, to be laid out by dot (dot -Tsvg):
//
//   - one box per element, left to right in the ladder's lane order, with
//     its name, its role, its host name and its address;
//   - the elements of one domain inside a dashed frame named after it;
//   - a line for every link of the trace, labelled with its latency, its
//     jitter, loss and duplication if any, and its transport; a line for two
//     elements that exchanged SIP messages without a link in the trace's
//     list; a dashed line for two elements that exchanged lookups.
//
// Every object has an id starting with "topo-", so that the diagram can sit
// in one HTML page with the ladder.
func TopologyDOT(w io.Writer, t *sim.Trace, o TopologyOptions) error {
	if t == nil {
		return errors.New("render: topology: no trace")
	}
	src, _ := topologyDOT(t, o.Lang)
	return write(w, "topology", src)
}

// TopologySVG draws the graph of TopologyDOT with Graphviz's dot layout and
// writes it as SVG. Each group's <title>, a browser's tooltip, describes the
// element, domain or link it draws.
func TopologySVG(w io.Writer, t *sim.Trace, o TopologyOptions) error {
	if t == nil {
		return errors.New("render: topology: no trace")
	}
	svg, err := topologySVG(t, o.Lang)
	if err != nil {
		return fmt.Errorf("render: topology: %w", err)
	}
	return write(w, "topology", svg)
}

func topologySVG(t *sim.Trace, lang i18n.Lang) ([]byte, error) {
	src, titles := topologyDOT(t, lang)
	svg, err := layoutSVG(src)
	if err != nil {
		return nil, err
	}
	return tidySVG(svg, titles), nil
}

// topologyDOT returns the DOT source and the tooltips by SVG id.
func topologyDOT(t *sim.Trace, lang i18n.Lang) ([]byte, map[string]string) {
	l := NewLadder(t, LadderOptions{Lang: lang})
	titles := map[string]string{}
	var d dotWriter
	title := lang.T("views.md.topology")
	if name := l.name(); name != "" {
		title = lang.T("views.topo.title", name)
	}
	d.open("graph", "topology", at("id", "topology"), at("rankdir", "LR"), at("fontname", topoFont),
		atNum("fontsize", 12), atLabel(title), at("labelloc", "t"), at("bgcolor", "white"),
		at("nodesep", "0.4"), at("ranksep", "0.9"), at("pad", "0.2"))
	titles["topology"] = title
	d.defaults("node", at("shape", "box"), at("style", "rounded,filled"), at("fillcolor", headFill),
		at("color", laneColour), at("fontname", topoFont), atNum("fontsize", 11), at("margin", "0.15,0.08"))
	d.defaults("edge", at("fontname", topoFont), atNum("fontsize", 10), at("color", faintColour),
		at("fontcolor", faintColour))

	id := func(i int) string { return "topo-node-" + strconv.Itoa(i) }
	node := func(i int) {
		ln := l.Lanes[i]
		lines := laneLines(ln, ln.addr, lang)
		// Reserve the width the ladder's metrics give, in case Graphviz
		// counts a wide character short.
		var w float64
		for _, s := range lines {
			w = max(w, textWidth(s, 11))
		}
		label := labelText(strings.Join(lines, "\n"))
		d.node(id(i), at("id", id(i)), at("label", label), atNum("width", (w+22)/72))
		titles[id(i)] = laneTitle(ln, lang)
	}

	// Elements, framed by domain in order of first appearance.
	var domains []string
	members := map[string][]int{}
	for i, ln := range l.Lanes {
		if ln.Domain == "" {
			continue
		}
		if _, ok := members[ln.Domain]; !ok {
			domains = append(domains, ln.Domain)
		}
		members[ln.Domain] = append(members[ln.Domain], i)
	}
	for k, dom := range domains {
		cid := "topo-domain-" + strconv.Itoa(k)
		d.subgraph("cluster_"+strconv.Itoa(k), func() {
			for _, i := range members[dom] {
				node(i)
			}
		}, at("id", cid), atLabel(oneLine(dom)), at("style", "rounded,dashed"), at("color", laneColour),
			at("fontcolor", faintColour), atNum("fontsize", 11))
		titles[cid] = oneLine(dom)
	}
	for i, ln := range l.Lanes {
		if ln.Domain == "" {
			node(i)
		}
	}

	// Links, then the pairs that talked without a listed link.
	lane := map[string]int{}
	for i, ln := range l.Lanes {
		lane[ln.Name] = i
	}
	pair := func(a, b int) [2]int {
		if a > b {
			a, b = b, a
		}
		return [2]int{a, b}
	}
	drawn := map[[2]int]bool{}
	edge := func(a, b int, eid, label string, attrs ...attr) {
		p := pair(a, b)
		drawn[p] = true
		titles[eid] = oneLine(l.Lanes[p[0]].Name) + " – " + oneLine(l.Lanes[p[1]].Name) + ": " + label
		d.undirected(id(p[0]), id(p[1]), append([]attr{at("id", eid), atLabel(label)}, attrs...)...)
	}
	// A host behind a NAT reaches the outside through it: its links and
	// paths to hosts outside the NAT's network are drawn as two legs, host
	// – NAT – peer, each pair once.
	behind := natOf(t, l)
	legs := func(a, b int) [][2]int {
		if na, nb := behind[a], behind[b]; na != nb {
			switch {
			case na >= 0 && nb >= 0:
				return [][2]int{{a, na}, {na, nb}, {nb, b}}
			case na >= 0 && na != b:
				return [][2]int{{a, na}, {na, b}}
			case nb >= 0 && nb != a:
				return [][2]int{{a, nb}, {nb, b}}
			}
		}
		return [][2]int{{a, b}}
	}
	for k, lk := range t.Links {
		a, okA := lane[lk.A]
		b, okB := lane[lk.B]
		if !okA || !okB || a == b {
			continue
		}
		for j, leg := range legs(a, b) {
			if drawn[pair(leg[0], leg[1])] {
				continue
			}
			eid := "topo-link-" + strconv.Itoa(k)
			if j > 0 {
				eid += "-" + strconv.Itoa(j)
			}
			edge(leg[0], leg[1], eid, linkLabel(lk, lang), atNum("penwidth", 1.4))
		}
	}
	k := 0
	for _, r := range l.Rows {
		if r.Kind != RowArrow || drawn[pair(r.From, r.To)] {
			continue
		}
		if !r.Lookup && len(legs(r.From, r.To)) > 1 {
			continue // drawn through the NAT with the link
		}
		if r.Lookup {
			edge(r.From, r.To, "topo-lookup-"+strconv.Itoa(k), lang.T("event.lookup"), at("style", "dashed"))
		} else {
			edge(r.From, r.To, "topo-path-"+strconv.Itoa(k), oneLine(r.Event.Transport))
		}
		k++
	}
	d.close()
	return d.b.Bytes(), titles
}

// natOf maps each lane to the lane of the NAT whose private network holds
// its address, or -1.
func natOf(t *sim.Trace, l *Ladder) []int {
	type nat struct {
		lane   int
		inside netip.Prefix
	}
	var nats []nat
	for _, n := range t.Nodes {
		if n.Kind != sim.KindNAT || n.Inside == "" {
			continue
		}
		p, err := netip.ParsePrefix(n.Inside)
		if err != nil {
			continue
		}
		for i, ln := range l.Lanes {
			if ln.Name == n.Name {
				nats = append(nats, nat{i, p})
			}
		}
	}
	behind := make([]int, len(l.Lanes))
	for i, ln := range l.Lanes {
		behind[i] = -1
		ap, err := netip.ParseAddrPort(ln.addr)
		addr := ap.Addr()
		if err != nil {
			if addr, err = netip.ParseAddr(ln.addr); err != nil {
				continue
			}
		}
		for _, n := range nats {
			if n.lane != i && n.inside.Contains(addr) {
				behind[i] = n.lane
			}
		}
	}
	return behind
}

// linkLabel describes a link: "10 ms · UDP", "40 ms ± 5 ms · loss 10% · UDP".
func linkLabel(lk sim.LinkInfo, lang i18n.Lang) string {
	parts := []string{lang.T("views.topo.latency", decimal(lk.LatencyMS))}
	if lk.JitterMS > 0 {
		parts = append(parts, lang.T("views.topo.jitter", decimal(lk.JitterMS)))
	}
	if lk.Loss > 0 {
		parts = append(parts, lang.T("views.topo.loss", decimal(lk.Loss*100)+"%"))
	}
	if lk.Dup > 0 {
		parts = append(parts, lang.T("views.topo.dup", decimal(lk.Dup*100)+"%"))
	}
	if lk.Transport != "" {
		parts = append(parts, oneLine(lk.Transport))
	}
	return strings.Join(parts, " · ")
}

// decimal writes a number without trailing zeros: "10", "2.5".
func decimal(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
