package e2e

// Helpers of the citizen page's browser test over package browsertest
// (Debian's chromium, headless, driven through chromedp, a fresh profile
// each; nothing downloaded): newBrowser and newTab, phone, in, eval,
// waitFor, screenshot.

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/minsheng/minsheng/browsertest"
)

// screenshots is the folder the *Screenshot tests write their pictures to
// (`make screenshots` sets it to docs/screenshots); without it they skip.
var screenshots = flag.String("screenshots", "", "folder to write page screenshots to (make screenshots)")

// browserTimeout bounds one step of a browser test (a page load, a wait for
// an answer); generous, since several tests share two cores.
const browserTimeout = 60 * time.Second

// newBrowser starts headless chromium for the test (browsertest.New: the
// one place that knows how chromium is started here) and answers the
// context of its first tab; newTab opens more. The browser is stopped when
// the test ends.
func newBrowser(t *testing.T, width, height int) context.Context {
	t.Helper()
	return browsertest.New(t, browsertest.Options{Width: width, Height: height, Timeout: 10 * time.Minute}).Ctx
}

// newTab opens another tab of the browser.
func newTab(t *testing.T, browser context.Context) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	return ctx
}

// phone makes the tab a phone screen of width × height CSS pixels (mobile
// layout, touch), as a citizen's phone shows a page.
func phone(width, height int64) chromedp.Action[chromedp.Void] {
	return chromedp.EmulateViewport(width, height, chromedp.EmulateMobile, chromedp.EmulateScale(2))
}

// in runs the steps in the tab under browserTimeout, failing the test with
// what was being done.
func in(t *testing.T, tab context.Context, doing string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, browserTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", doing, err)
	}
}

// eval evaluates a JavaScript expression in the tab.
func eval[T any](t *testing.T, tab context.Context, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, browserTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// waitFor waits until the expression is true in the tab.
func waitFor(t *testing.T, tab context.Context, what, expr string) {
	t.Helper()
	in(t, tab, "wait until "+what, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingInterval(100*time.Millisecond),
		chromedp.WithPollingTimeout(browserTimeout)))
}

// screenshot writes the whole page of the tab as PNG name into the
// screenshots folder; nothing without -screenshots.
func screenshot(t *testing.T, tab context.Context, name string) {
	t.Helper()
	if *screenshots == "" {
		return
	}
	ctx, cancel := context.WithTimeout(tab, browserTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.MkdirAll(*screenshots, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(*screenshots, name)
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d bytes)", file, len(png))
}
