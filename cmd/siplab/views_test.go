package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim/golden"
)

// TestRunMarkdownWritesItsPictures: run --format md -o FILE writes the
// pictures the walkthrough links to beside FILE, the same as run writes
// them on their own; with a Mermaid ladder, only the topology.
func TestRunMarkdownWritesItsPictures(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "notes.md")
	if code, _, errOut := runCLI(t, []string{"run", "proxy-call", "--format", "md", "-o", file, "--hide-retransmissions"}, nil); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	md := string(readFile(t, file))
	for _, pic := range []string{"proxy-call.svg", "proxy-call-topology.svg"} {
		if !strings.Contains(md, "("+pic+")") {
			t.Errorf("the walkthrough does not link %s", pic)
		}
	}
	_, svg, _ := runCLI(t, []string{"run", "proxy-call", "--format", "svg", "--hide-retransmissions"}, nil)
	if got := string(readFile(t, filepath.Join(dir, "proxy-call.svg"))); got != svg {
		t.Error("the ladder beside the walkthrough differs from run --format svg with the same options")
	}
	if got := listDir(t, dir); !sameSet(got, []string{"notes.md", "proxy-call.svg", "proxy-call-topology.svg"}) {
		t.Errorf("wrote %v", got)
	}

	dir = t.TempDir()
	file = filepath.Join(dir, "notes.md")
	if code, _, errOut := runCLI(t, []string{"run", "direct-call", "--format", "md", "--md-diagram", "mermaid", "-o", file}, nil); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if got := listDir(t, dir); !sameSet(got, []string{"notes.md", "direct-call-topology.svg"}) {
		t.Errorf("with a Mermaid ladder, wrote %v", got)
	}
}

// TestRunViewOptions: run takes render's ladder options, and --width fits
// the text ladder to a width, in both languages (testdata/cli).
func TestRunViewOptions(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"run-proxy-call-width80", []string{"run", "proxy-call", "--width", "80"}},
		{"run-proxy-call-width80-zh", []string{"run", "proxy-call", "--width", "80", "--lang", "zh"}},
		{"run-lost-invite-messages-only", []string{"run", "lost-invite", "--messages-only", "--hide-retransmissions"}},
		{"run-two-proxies-slide", []string{"run", "two-proxies", "--slide"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tc.args, nil)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			golden.Check(t, filepath.Join("..", "..", "testdata", "cli", tc.name+".golden"), []byte(out))
			if w := widthFlag(tc.args); w > 0 {
				for _, line := range strings.Split(out, "\n") {
					if i18n.Width(line) > w {
						t.Errorf("line wider than %d columns: %q", w, line)
					}
				}
			}
		})
	}
	// The SVG of a slide: no note rows, short dialog names, 960 pt at most.
	_, svg, _ := runCLI(t, []string{"run", "proxy-call", "--slide", "--format", "svg"}, nil)
	if strings.Contains(svg, `class="note"`) || strings.Contains(svg, `class="timer"`) || !strings.Contains(svg, `viewBox="0 0 9`) {
		t.Errorf("run --slide --format svg draws notes or is too wide: %.300s", svg)
	}
	for _, args := range [][]string{
		{"run", "proxy-call", "--colours", "rainbow"},
		{"run", "proxy-call", "--width", "10"},
		{"render", "proxy-call", "--colours", "rainbow", "-o", t.TempDir()},
	} {
		if code, _, errOut := runCLI(t, args, nil); code != 2 || !strings.Contains(errOut, "--") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
}

// widthFlag is the value of --width in args, or 0.
func widthFlag(args []string) int {
	for i, a := range args {
		if a == "--width" && i+1 < len(args) {
			n := 0
			for _, c := range args[i+1] {
				n = n*10 + int(c-'0')
			}
			return n
		}
	}
	return 0
}

// TestRenderSlidesGolden keeps the slide pictures of two lessons, in both
// languages, in testdata/views/slide: messages only, dialogs d1…, the
// lesson's notes as numbered callouts, at most 960 pt wide.
func TestRenderSlidesGolden(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		dir := t.TempDir()
		args := []string{"render", "two-proxies", "lost-invite", "--slide", "--hide-retransmissions", "--format", "svg", "-o", dir, "--lang", lang}
		if code, _, errOut := runCLI(t, args, nil); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		for _, id := range []string{"two-proxies", "lost-invite"} {
			svg := readFile(t, filepath.Join(dir, id+".svg"))
			golden.Check(t, filepath.Join(viewsData, "slide", lang+"-"+id+".svg"), svg)
			if !strings.Contains(string(svg), `class="callout"`) && id == "two-proxies" {
				t.Errorf("%s %s: no callout for the lesson's notes", lang, id)
			}
		}
	}
}
