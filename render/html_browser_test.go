package render

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/siplab/siplab/render/browsertest"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/golden"
)

// browserPath finds a Chromium or Chrome to open the pages in (see
// browsertest.Path).
func browserPath() string { return browsertest.Path() }

// startBrowser starts headless Chromium for test t (see browsertest.Start).
func startBrowser(t *testing.T, browser string) (context.Context, func() []string) {
	return browsertest.Start(t, browser)
}

// TestHTMLInBrowser opens the walkthrough page in headless Chromium: it must
// load without a console error, a click on an arrow must select its step,
// and the arrow keys must move from step to step. Without a browser it
// skips, but fails in CI (.ci/run installs Chromium).
func TestHTMLInBrowser(t *testing.T) {
	browser := browserPath()
	if browser == "" {
		golden.Missing(t, "no Chromium or Chrome found (apt-get install chromium, or set SIPLAB_BROWSER): the HTML page was not tried in a browser")
	}
	for _, tc := range []struct {
		name  string
		trace *sim.Trace
		lang  i18n.Lang
		click int // the message to click
	}{
		{"proxy-call", proxyCall(), i18n.EN, 5},       // the forwarded INVITE, across the location lane
		{"lost-invite", lostInvite(), i18n.EN, 2},     // a lost INVITE: the arrow ends in a cross
		{"zh-proxy-call", chineseCall(), i18n.ZH, 11}, // the 200 OK, in Chinese
	} {
		t.Run(tc.name, func(t *testing.T) {
			var page bytes.Buffer
			if err := HTML(&page, tc.trace, WalkthroughOptions{LadderOptions: LadderOptions{Lang: tc.lang}, Intro: "Intro."}); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), tc.name+".html")
			if err := os.WriteFile(file, page.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			var seqs []int
			for _, r := range NewLadder(tc.trace, LadderOptions{Lang: tc.lang}).Rows {
				seqs = append(seqs, r.Event.Seq)
			}
			checkPageInBrowser(t, browser, file, tc.click, seqs)
		})
	}
}

func checkPageInBrowser(t *testing.T, browser, file string, click int, seqs []int) {
	run, problems := startBrowser(t, browser)

	if err := chromedp.Do(run, chromedp.Navigate("file://"+file), chromedp.WaitReady("section.step")); err != nil {
		t.Fatalf("loading the page: %v", err)
	}
	selected := func() string {
		t.Helper()
		s, err := chromedp.Run(run, chromedp.Evaluate[string](`document.body.getAttribute("data-selected") || ""`))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if s := selected(); s != "" {
		t.Errorf("step %s selected before any click", s)
	}

	// A real click, through the browser's input, in the middle of the
	// arrow's line.
	where := fmt.Sprintf(`(() => {
		const g = document.getElementById("step-%d");
		if (!g || g.getAttribute("class") !== "message") return null;
		g.scrollIntoView({block: "center", inline: "center"});
		const p = g.querySelector("path:not(.hit)");
		const r = p.getBoundingClientRect();
		return [r.left + r.width / 2, r.top + r.height / 2];
	})()`, click)
	xy, err := chromedp.Run(run, chromedp.Evaluate[[]float64](where))
	if err != nil || len(xy) != 2 {
		t.Fatalf("finding the arrow of step %d: %v %v", click, xy, err)
	}
	if err := chromedp.Do(run, chromedp.MouseClickXY(xy[0], xy[1])); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprint(click)
	if s := selected(); s != want {
		t.Fatalf("after a click on the arrow of step %s, step %q is selected", want, s)
	}
	state, err := chromedp.Run(run, chromedp.Evaluate[[]bool](fmt.Sprintf(`[
		document.getElementById("step-%[1]d").classList.contains("selected"),
		document.getElementById("event-%[1]d").classList.contains("selected"),
		[...document.querySelectorAll(".selected")].every(e => /^(step|label|event)-%[1]d$/.test(e.id))]`, click)))
	if err != nil {
		t.Fatal(err)
	}
	if !state[0] || !state[1] || !state[2] {
		t.Errorf("after the click: arrow selected %v, section selected %v, nothing else %v", state[0], state[1], state[2])
	}

	// The arrow keys: down to the next step, up twice to the one before.
	i := 0
	for i < len(seqs) && seqs[i] != click {
		i++
	}
	next, prev := seqs[min(i+1, len(seqs)-1)], seqs[max(i-1, 0)]
	if err := chromedp.Do(run, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	if s := selected(); s != fmt.Sprint(next) {
		t.Errorf("ArrowDown from step %d selects %q, want %d", click, s, next)
	}
	if err := chromedp.Do(run, chromedp.KeyEvent(kb.ArrowUp), chromedp.KeyEvent(kb.ArrowUp)); err != nil {
		t.Fatal(err)
	}
	if s := selected(); s != fmt.Sprint(prev) {
		t.Errorf("ArrowUp twice selects %q, want %d", s, prev)
	}

	if p := problems(); len(p) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(p, "\n"))
	}
}

// TestBrowserPathFromEnvironment checks the override used where Chromium
// has another name.
func TestBrowserPathFromEnvironment(t *testing.T) {
	t.Setenv("SIPLAB_BROWSER", "/opt/chrome/chrome")
	if got := browserPath(); got != "/opt/chrome/chrome" {
		t.Errorf("browserPath() = %q", got)
	}
}
