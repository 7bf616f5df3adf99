package lab

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/siplab/siplab/render/browsertest"
	"github.com/siplab/siplab/sim/golden"
	"github.com/siplab/siplab/sim/sip"
)

// TestLabHTTPInBrowser opens the live ladder in headless Chromium after
// the session has begun: the page shows the messages so far, then the
// ones that follow as they happen, and a click on a row shows it
// explained. Without Chromium it skips, and fails where tools are required
// (SIPLAB_REQUIRE_TOOLS=1).
func TestLabHTTPInBrowser(t *testing.T) {
	browser := browsertest.Path()
	if browser == "" {
		browser = golden.NeedTool(t, "chromium", "chromium-browser", "google-chrome")
	}
	srv, _ := startLab(t, Config{})
	web := httptest.NewServer(srv.Handler())
	t.Cleanup(web.Close) // after the browser's cleanup closed the page's stream
	p := newPhone(t, "alice", srv.Addrs()[0])
	p.sendMsg(p.request(sip.OPTIONS, "sip:127.0.0.1", "<sip:127.0.0.1>", "before-page", 1))
	p.await("SIP/2.0 200")

	run, problems := browsertest.Start(t, browser)
	if err := chromedp.Do(run, chromedp.Navigate(web.URL+"/"), chromedp.WaitReady("#ladder")); err != nil {
		t.Fatalf("loading the page: %v", err)
	}
	rows := func(want int) []string {
		t.Helper()
		var got []string
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			var err error
			got, err = chromedp.Run(run, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#ladder tr.m")].map(r => r.textContent)`))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) >= want {
				return got
			}
		}
		t.Fatalf("the page shows %d messages, want %d: %q", len(got), want, got)
		return nil
	}
	got := rows(2)
	if len(got) != 2 || !contains(got[0], "alice → lab", "OPTIONS sip:127.0.0.1") || !contains(got[1], "lab → alice", "200 OK") {
		t.Errorf("a page opened late shows %q, want the OPTIONS sent before it and its 200", got)
	}
	// Then the messages as they happen, after the history, none twice.
	p.sendMsg(p.request(sip.OPTIONS, "sip:127.0.0.1", "<sip:127.0.0.1>", "after-page", 1))
	p.await("SIP/2.0 200")
	if got := rows(4); len(got) != 4 {
		t.Errorf("after a second OPTIONS the page shows %d messages, want 4: %q", len(got), got)
	}
	// A click on the first row shows the message explained.
	if err := chromedp.Do(run, chromedp.Click("#ladder tr.m")); err != nil {
		t.Fatal(err)
	}
	shown, err := chromedp.Run(run, chromedp.Evaluate[string](`(() => { const x = document.querySelector("#ladder tr.m").nextElementSibling; return x.hidden ? "" : x.textContent; })()`))
	if err != nil {
		t.Fatal(err)
	}
	if !contains(shown, "Call-ID: before-page") {
		t.Errorf("a click on the first row shows %q, want the OPTIONS in full", shown)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("console errors: %q", p)
	}
}

// contains reports whether s contains every one of subs.
func contains(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}
