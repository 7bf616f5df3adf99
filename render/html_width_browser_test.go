package render

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/golden"
)

// TestHTMLFitsTheWindow opens walkthrough pages in headless Chromium at
// 1024 and 1280 pixels wide: the page itself must not scroll sideways (a
// wide ladder, table or message scrolls inside its own box). The pages are
// those of the widest lessons of testdata/lessons, by the width of their
// SVG ladder, in both languages, and the index page.
func TestHTMLFitsTheWindow(t *testing.T) {
	browser := browserPath()
	if browser == "" {
		golden.Missing(t, "no Chromium or Chrome found (apt-get install chromium, or set SIPLAB_BROWSER): the page widths were not checked")
	}
	type lesson struct {
		trace *sim.Trace
		width float64
	}
	var all []lesson
	traces := lessonTraces(t)
	for _, f := range slices.Sorted(maps.Keys(traces)) {
		all = append(all, lesson{traces[f], newSVGLadder(NewLadder(traces[f], LadderOptions{}), i18n.EN, 0).width})
	}
	slices.SortStableFunc(all, func(a, b lesson) int { return cmp.Compare(b.width, a.width) })
	if len(all) > 3 {
		all = all[:3]
	}

	dir := t.TempDir()
	var pages []string
	for _, l := range all {
		for _, lang := range i18n.Langs() {
			var b bytes.Buffer
			if err := HTML(&b, l.trace, WalkthroughOptions{LadderOptions: LadderOptions{Lang: lang}, Intro: l.trace.Intro.EN}); err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(dir, fmt.Sprintf("%s-%s.html", l.trace.Lesson, lang))
			if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			pages = append(pages, name)
		}
	}
	var index bytes.Buffer
	entries := []IndexEntry{{ID: "a-very-long-lesson-id-with-many-hyphens", Title: "A title long enough to take the room of the row and then some more words to push the id column to wrap if it could",
		Summary: "And a summary as long, that goes on and on, so that the browser would rather break the id at its hyphens than widen its column."}}
	for _, l := range all {
		entries = append(entries, IndexEntry{ID: l.trace.Lesson, Title: l.trace.Title.EN, Summary: "7 messages, 0 lost",
			Files: []IndexFile{{FilePage, l.trace.Lesson + ".html"}, {FileLadder, l.trace.Lesson + ".svg"}}})
	}
	if err := Index(&index, entries, IndexOptions{Lang: i18n.EN, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	pages = append(pages, filepath.Join(dir, "index.html"))
	if err := os.WriteFile(pages[len(pages)-1], index.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	run, problems := startBrowser(t, browser)
	// widest names the element that sticks out furthest on the right.
	const widest = `(() => {
		let far = 0, who = "";
		for (const e of document.querySelectorAll("body *")) {
			const r = e.getBoundingClientRect();
			if (r.right > far) { far = r.right; who = e.tagName + (e.id ? "#" + e.id : "") + (e.className && e.className.baseVal === undefined ? "." + e.className : ""); }
		}
		return who + " reaches " + Math.round(far);
	})()`
	for _, w := range []int64{1024, 1280} {
		for _, p := range pages {
			if err := chromedp.Do(run, chromedp.EmulateViewport(w, 800), chromedp.Navigate("file://"+p), chromedp.WaitReady("body")); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			sizes, err := chromedp.Run(run, chromedp.Evaluate[[]int](`[document.scrollingElement.scrollWidth, window.innerWidth]`))
			if err != nil {
				t.Fatal(err)
			}
			if filepath.Base(p) == "index.html" {
				// A lesson id stays on one line, never broken at its hyphens.
				broken, err := chromedp.Run(run, chromedp.Evaluate[[]string](
					`[...document.querySelectorAll("td:first-child code")].filter(c => c.getClientRects().length > 1 || c.offsetHeight > 1.5 * parseFloat(getComputedStyle(c).lineHeight || 20)).map(c => c.textContent)`))
				if err != nil {
					t.Fatal(err)
				}
				if len(broken) > 0 {
					t.Errorf("index.html at %d px: lesson ids broken over lines: %v", w, broken)
				}
			}
			if sizes[0] > sizes[1] {
				who, _ := chromedp.Run(run, chromedp.Evaluate[string](widest))
				t.Errorf("%s at %d px: the page is %d px wide, the window %d: it scrolls sideways (%s)", filepath.Base(p), w, sizes[0], sizes[1], who)
			}
		}
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("console errors: %v", p)
	}
}
