package render

import (
	"bytes"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim/golden"
)

func TestTopologyDOT(t *testing.T) {
	var b bytes.Buffer
	if err := TopologyDOT(&b, forwardedCall(), TopologyOptions{}); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join(goldenDir, "forwarded-call-topology.dot"), b.Bytes())
	dot := b.String()
	for _, want := range []string{
		`subgraph "cluster_0" {` + "\n" + `id="topo-domain-0";` + "\n" + `label="atlanta.example.com";`,
		`label="alice\nuser agent (UA)\nclient.atlanta.example.com\n192.0.2.101:5060"`,
		`"topo-node-0" -- "topo-node-1" [id="topo-link-0", label="10 ms · UDP"`,
		`label="40 ms · jitter ±5 ms · loss 10% · 2% duplicated · UDP"`,
		`"topo-node-1" -- "topo-node-2" [id="topo-lookup-0", label="lookup", style="dashed"]`,
	} {
		if !strings.Contains(dot, want) {
			t.Errorf("the topology lacks %s:\n%s", want, dot)
		}
	}
}

func TestTopologySVG(t *testing.T) {
	for _, lang := range i18n.Langs() {
		var b bytes.Buffer
		if err := TopologySVG(&b, forwardedCall(), TopologyOptions{Lang: lang}); err != nil {
			t.Fatal(err)
		}
		root := parseSVG(t, b.Bytes())
		titles := map[string]string{}
		for _, e := range root.all() {
			if id := e.attrs["id"]; id != "" {
				if !strings.HasPrefix(id, "topo") && !strings.HasPrefix(id, "a_topo") {
					t.Errorf("id %q does not start with topo: it may clash with the ladder's in a page", id)
				}
				titles[id] = e.title()
			}
		}
		want := map[string]string{
			"topo-node-1":   "proxy · proxy server · proxy.biloxi.example.com · 192.0.2.20",
			"topo-domain-1": "biloxi.example.com",
			"topo-link-0":   "alice – proxy: 10 ms · UDP",
		}
		if lang == i18n.ZH {
			want["topo-node-1"] = "proxy · 代理服务器 · proxy.biloxi.example.com · 192.0.2.20"
			want["topo-link-0"] = "alice – proxy: 10 毫秒 · UDP"
		}
		for id, w := range want {
			if titles[id] != w {
				t.Errorf("%s: title of %s %q, want %q", lang, id, titles[id], w)
			}
		}
	}
	if err := TopologySVG(io.Discard, nil, TopologyOptions{}); err == nil {
		t.Error("no trace: no error")
	}
	if err := TopologyDOT(failingWriter{}, directCall(), TopologyOptions{}); err == nil {
		t.Error("failing writer: no error")
	}
}

// TestTopologyThroughNAT: hosts behind a NAT are drawn linked to the NAT,
// and the NAT to the hosts outside, never a private host straight to a
// public one.
func TestTopologyThroughNAT(t *testing.T) {
	tr := lessonTraces(t)[filepath.Join("..", "testdata", "lessons", "nat-rport.json")]
	if tr == nil {
		t.Fatal("no trace of nat-rport")
	}
	var b bytes.Buffer
	if err := TopologyDOT(&b, tr, TopologyOptions{}); err != nil {
		t.Fatal(err)
	}
	dot := b.String()
	ids := map[string]string{}
	for _, m := range regexp.MustCompile(`"(topo-node-\d+)" \[id="topo-node-\d+", label="(\w+)\\n`).FindAllStringSubmatch(dot, -1) {
		ids[m[2]] = m[1]
	}
	linked := func(a, b string) bool {
		return strings.Contains(dot, `"`+ids[a]+`" -- "`+ids[b]+`"`) || strings.Contains(dot, `"`+ids[b]+`" -- "`+ids[a]+`"`)
	}
	for _, p := range [][2]string{{"alice", "nat"}, {"carol", "nat"}, {"nat", "registrar"}, {"nat", "proxy"}} {
		if !linked(p[0], p[1]) {
			t.Errorf("%s and %s are not linked:\n%s", p[0], p[1], dot)
		}
	}
	for _, p := range [][2]string{{"alice", "registrar"}, {"alice", "proxy"}, {"carol", "registrar"}} {
		if linked(p[0], p[1]) {
			t.Errorf("%s is linked to %s past the NAT:\n%s", p[0], p[1], dot)
		}
	}
}
