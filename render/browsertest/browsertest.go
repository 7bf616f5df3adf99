// Package browsertest opens siplab's web pages in headless Chromium for
// the tests of the packages that write them (render, cmd/siplab).
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Path finds a Chromium or Chrome to open the HTML page in:
// $SIPLAB_BROWSER, or the first of the usual names on $PATH.
func Path() string {
	if p := os.Getenv("SIPLAB_BROWSER"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Start starts headless Chromium for test t, closed when it ends,
// and returns a context that bounds the test's actions in the browser to
// five minutes (Mermaid draws some 200 diagrams in one, which takes a
// minute or more on a loaded two-core machine), and a function that
// stops listening to the console and returns every message of level error
// and every exception it saw.
func Start(t *testing.T, browser string) (context.Context, func() []string) {
	t.Helper()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(browser),
			chromedp.NoSandbox, // CI runs as root
			chromedp.Flag("disable-gpu", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.UserDataDir(t.TempDir()),
			chromedp.WindowSize(1600, 1000),
		)...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(cancel)
	// Start the browser, then bound the test's own actions in time.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", browser, err)
	}
	run, stop := context.WithTimeout(ctx, 5*time.Minute)
	t.Cleanup(stop)

	var mu sync.Mutex
	var problems []string
	listen, stopListening := context.WithCancel(ctx)
	done := make(chan struct{})
	messages := chromedp.Console(listen)
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				mu.Lock()
				problems = append(problems, m.String())
				mu.Unlock()
			}
		}
	}()
	return run, func() []string {
		stopListening()
		<-done
		mu.Lock()
		defer mu.Unlock()
		return problems
	}
}
