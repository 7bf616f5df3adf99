package render

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/golden"
)

// mermaidJS returns where Mermaid's browser bundle should be:
// $SIPLAB_MERMAID_JS, or where .ci/run installs the npm package mermaid
// ($XDG_CACHE_HOME/siplab-npm, else ~/.cache/siplab-npm).
func mermaidJS() string {
	if p := os.Getenv("SIPLAB_MERMAID_JS"); p != "" {
		return p
	}
	cache, err := os.UserCacheDir() // $XDG_CACHE_HOME, else ~/.cache
	if err != nil {
		return ""
	}
	return filepath.Join(cache, "siplab-npm", "node_modules", "mermaid", "dist", "mermaid.min.js")
}

// A mermaidCase is one diagram for Mermaid to draw, with what the drawing
// must hold.
type mermaidCase struct {
	Name   string
	Source string
	Arrows int      // messages drawn: one per arrow row of the ladder
	Lost   int      // of them, ending in a cross
	Notes  int      // notes drawn
	Texts  []string // texts the drawing must show as they are
}

// TestMermaidInBrowser has Mermaid itself, its npm package in headless
// Chromium, parse and draw the diagram of every built-in lesson in English
// and in Chinese, of the golden diagrams, and of traces with text that
// Mermaid's syntax would misread: no error, one message drawn per arrow
// (a lost one ending in a cross), one note per note, and the texts shown
// as written (a lesson's heading, in Chinese too). Without Chromium or Mermaid it skips, but
// fails in CI (.ci/run installs both).
func TestMermaidInBrowser(t *testing.T) {
	browser := browserPath()
	if browser == "" {
		golden.Missing(t, "no Chromium or Chrome found (apt-get install chromium, or set SIPLAB_BROWSER): Mermaid was not tried")
	}
	js := mermaidJS()
	if _, err := os.Stat(js); js == "" || err != nil {
		golden.Missing(t, "no Mermaid at "+strconv.Quote(js)+` (npm install --no-save --prefix "${XDG_CACHE_HOME:-$HOME/.cache}/siplab-npm" mermaid@11, or set SIPLAB_MERMAID_JS): Mermaid was not tried`)
	}
	var cases []mermaidCase
	// source adds a diagram, counting its arrows and notes.
	source := func(name, src string, texts ...string) *mermaidCase {
		c := mermaidCase{Name: name, Source: src, Texts: texts}
		for _, line := range strings.Split(c.Source, "\n") {
			switch {
			case strings.HasPrefix(line, "    Note over "):
				c.Notes++
			case strings.HasPrefix(line, "    ") && !strings.HasPrefix(line, "    title ") && !strings.HasPrefix(line, "    participant "):
				c.Arrows++
				if arrow, _, _ := strings.Cut(line, ": "); strings.Contains(arrow, "-x") {
					c.Lost++
				}
			}
		}
		cases = append(cases, c)
		return &cases[len(cases)-1]
	}
	// add adds the diagram of trace tr, which has an arrow per arrow of
	// its ladder.
	add := func(name string, tr *sim.Trace, o MermaidOptions, texts ...string) {
		var b bytes.Buffer
		if err := Mermaid(&b, tr, o); err != nil {
			t.Fatal(err)
		}
		c := source(name, b.String(), texts...)
		if want := arrowRows(NewLadder(tr, o.LadderOptions)); c.Arrows != want {
			t.Errorf("%s: %d arrow statements for %d arrows of the ladder", name, c.Arrows, want)
		}
	}
	for _, l := range lessons.All() {
		tr, err := lessons.Run(l, lessons.RunOptions{Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range i18n.Langs() {
			o := MermaidOptions{LadderOptions: LadderOptions{Lang: lang}}
			heading := NewLadder(tr, o.LadderOptions).heading(lang) // "课程 proxy-call：…"
			add(l.ID+"-"+string(lang), tr, o, heading)
			o.Reasons = true
			add(l.ID+"-"+string(lang)+"-reasons", tr, o, heading)
		}
	}
	lost := lostInvite()
	lost.Events[1].Notes = []sim.Text{sim.T("net.fault.drop", `drop:INVITE#1; "x" <y>`)}
	lost.Faults = []string{`drop:INVITE#1; "x" <y>`}
	add("lost-invite", lost, MermaidOptions{}, `fault injected: drop:INVITE#1; "x" <y>`, "INVITE (lost)")
	add("odd-text", oddMermaid(), MermaidOptions{Reasons: true},
		`INVITE <sip:bob@biloxi.example.com>;tag=1 #2: "quoted" 100% & more`, "end", "[2001:db8::1]:5070", `a\nb`, "p;x#1,a@b", punctuation,
		"why: why; #1: <sip:x> [RFC 3261 §8.1.1]", "and then [RFC 3261 §16.6 step 8]")
	add("zh-proxy-call", chineseCall(), MermaidOptions{LadderOptions: LadderOptions{Lang: i18n.ZH}})
	add("empty", build("", "", 1, nil), MermaidOptions{})
	md := markdownString(t, proxyCall(), WalkthroughOptions{MermaidLadder: true})
	_, block, _ := strings.Cut(md, "```mermaid\n")
	block, _, _ = strings.Cut(block, "```")
	source("walkthrough-block", block)
	files, err := filepath.Glob(filepath.Join(mermaidDir, "*.mmd"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden diagrams in %s: %v", mermaidDir, err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		source(filepath.Base(f), string(src))
	}

	page := filepath.Join(t.TempDir(), "mermaid.html")
	src, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	html := `<!DOCTYPE html><html><head><meta charset="utf-8"><script src="file://` + js + `"></script></head><body>
<script>
mermaid.initialize({startOnLoad: false, securityLevel: "strict"});
const cases = ` + string(src) + `;
async function drawAll() {
  const out = [];
  for (const [i, c] of cases.entries()) {
    const r = {name: c.Name};
    try {
      await mermaid.parse(c.Source);
      const {svg} = await mermaid.render("diagram" + i, c.Source);
      const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
      r.arrows = doc.querySelectorAll(".messageText").length;
      r.lines = doc.querySelectorAll("[class^=messageLine]").length;
      r.crosses = doc.querySelectorAll("[class^=messageLine][marker-end*=crosshead]").length;
      r.notes = doc.querySelectorAll("rect.note").length;
      r.text = [...doc.querySelectorAll("text")].map(e => e.textContent).join("\n");
    } catch (e) {
      r.error = String(e && e.message || e);
    }
    out.push(r);
  }
  return out;
}
</script></body></html>`
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	run, problems := startBrowser(t, browser)
	if err := chromedp.Do(run, chromedp.Navigate("file://"+page)); err != nil {
		t.Fatalf("loading the page: %v", err)
	}
	type result struct {
		Name                 string
		Error                string
		Arrows, Lines, Notes int
		Crosses              int
		Text                 string
	}
	results, err := chromedp.Run(run, chromedp.Evaluate[[]result](`drawAll()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("drawing: %v", err)
	}
	if len(results) != len(cases) {
		t.Fatalf("%d diagrams drawn, want %d", len(results), len(cases))
	}
	for i, r := range results {
		c := cases[i]
		if r.Error != "" {
			t.Errorf("%s: Mermaid: %s\n%s", c.Name, r.Error, c.Source)
			continue
		}
		if r.Arrows != c.Arrows || r.Lines != c.Arrows || r.Crosses != c.Lost || r.Notes != c.Notes {
			t.Errorf("%s: drawn %d message texts, %d message lines (%d ending in a cross) and %d notes; want %d messages (%d lost), %d notes",
				c.Name, r.Arrows, r.Lines, r.Crosses, r.Notes, c.Arrows, c.Lost, c.Notes)
		}
		for _, residue := range []string{"<br", "#58;", "#59;"} { // a line break or an entity not decoded
			if strings.Contains(r.Text, residue) {
				t.Errorf("%s: the drawing shows %q", c.Name, residue)
			}
		}
		for _, want := range c.Texts {
			if !strings.Contains(r.Text, want) {
				t.Errorf("%s: the drawing does not show %q; its texts:\n%s", c.Name, want, r.Text)
			}
		}
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(p, "\n"))
	}
}

// arrowRows counts the arrows of a ladder.
func arrowRows(l *Ladder) int {
	n := 0
	for _, r := range l.Rows {
		if r.Kind == RowArrow {
			n++
		}
	}
	return n
}

// punctuation is every ASCII punctuation character, and a KaTeX formula.
const punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ $$x^2$$ end"

// oddMermaid is a trace whose names, addresses and texts hold what
// Mermaid's syntax reads as its own: a node called like a keyword, an IPv6
// address with a port, an endpoint with no node, statement and comment
// characters, HTML, a control character.
func oddMermaid() *sim.Trace {
	end := sim.NodeInfo{Name: "end", Kind: "ua", Role: sim.RoleCaller, Address: "[2001:db8::1]:5070"}
	odd := sim.NodeInfo{Name: "p;x#1,a@b", Kind: "proxy"}
	return build("odd;lesson", `Title: "odd" #1; <b>bold</b> %% not a comment`, 7,
		[]sim.NodeInfo{end, odd, bob},
		causedBy(0, lookup(0, "end", "p;x#1,a@b", `INVITE <sip:bob@biloxi.example.com>;tag=1 #2: "quoted" 100% & more`),
			sim.Reason{Text: sim.Lit("why; #1: <sip:x>"), RFC: "RFC 3261 §8.1.1"}, sim.Reason{Text: sim.Lit("and then"), RFC: "RFC 3261 §16.6 step 8"}),
		onNode(sim.EventNote, 5, "end", "a\nb"),
		msg(10, "end", "end", "MESSAGE to oneself", ""),
		msg(20, "p;x#1,a@b", "192.0.2.99:5060", "INVITE to nobody", ""),
		onNode(sim.EventTimer, 30, "", "timer of no node; participant x"),
		lookup(40, "p;x#1,a@b", "bob", "end"),
		onNode(sim.EventNote, 50, "bob", punctuation),
	)
}
