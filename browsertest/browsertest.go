// Package browsertest starts the Debian chromium, headless, for tests that
// drive pages of the real binary with chromedp. One browser per call, with
// a fresh profile in the test's temporary folder, closed when the test
// ends. Script errors and Content-Security-Policy refusals the page logs
// are kept, so a test can fail on them: a page that works only because a
// refusal went unnoticed is broken in a user's browser too.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser is one headless chromium with one tab.
type Browser struct {
	Ctx context.Context // the tab: pass it to chromedp.Run

	mu       sync.Mutex
	problems []string
}

// Options size the window; the zero value is a 1366×768 office screen.
type Options struct {
	Width, Height int
	// Mobile emulates a phone (touch, mobile viewport) at Width×Height.
	Mobile bool
	// Timeout bounds everything the tab does; 3 minutes when zero.
	Timeout time.Duration
}

// Path is the chromium to run: $MINSHENG_CHROMIUM, else chromium on PATH
// (scripts/deps.sh installs Debian's).
func Path() (string, error) {
	if p := os.Getenv("MINSHENG_CHROMIUM"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("chromium not found: run `make deps` (Debian package chromium) or set MINSHENG_CHROMIUM")
}

// New starts chromium for t. It fails t when chromium is missing: the
// browser tests are part of `make test`, and deps installs it.
func New(t testing.TB, o Options) *Browser {
	t.Helper()
	path, err := Path()
	if err != nil {
		t.Fatal(err)
	}
	if o.Width == 0 {
		o.Width, o.Height = 1366, 768
	}
	if o.Timeout == 0 {
		o.Timeout = 3 * time.Minute
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Headless,
		chromedp.NoSandbox, // root in CI and on the build machines
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "zh-CN"),
		// The browser keeps Beijing time, as the staff's browsers do: the
		// console picks its default periods by the browser's calendar day,
		// and the demo tenants count in Asia/Shanghai. In UTC the browser's
		// day lags the tenant's from 16:00 UTC, and a ticket registered then
		// falls after the default period's end (see web/src/pages/analyst/period.ts).
		chromedp.Env("TZ=Asia/Shanghai"),
		chromedp.WindowSize(o.Width, o.Height),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx, chromedp.WithErrorf(t.Logf))
	ctx, cancelTime := context.WithTimeout(ctx, o.Timeout)
	t.Cleanup(func() {
		cancelTime()
		cancelTab()
		cancelAlloc()
	})
	b := &Browser{Ctx: ctx}
	if o.Mobile {
		err = chromedp.Do(ctx, chromedp.EmulateViewport(int64(o.Width), int64(o.Height), chromedp.EmulateMobile, chromedp.EmulateTouch))
	} else {
		err = chromedp.Do(ctx, chromedp.Navigate("about:blank"))
	}
	if err != nil {
		t.Fatalf("start chromium %s: %v", path, err)
	}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				b.note(m.String())
			}
		}
	}()
	return b
}

func (b *Browser) note(s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.problems = append(b.problems, s)
}

// Problems are the script errors and refusals logged so far, e.g. a
// Content-Security-Policy violation; Reset forgets them.
func (b *Browser) Problems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.problems...)
}

// Reset forgets the problems seen so far (after a step that provokes an
// expected error, such as a refused sign-in answering 401).
func (b *Browser) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.problems = nil
}

// StepTimeout bounds one call of Do or Get: a step waiting for something
// that never shows fails with what the page showed instead.
const StepTimeout = 40 * time.Second

// Do runs steps in the tab and fails t with what was being done.
func (b *Browser) Do(t testing.TB, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	Get(t, b, what, chromedp.Steps(steps...))
}

// Get runs one action that answers a value, failing t like Do.
func Get[T any](t testing.TB, b *Browser, what string, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.Ctx, StepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		url, _ := chromedp.Run(b.Ctx, chromedp.Location())
		text, _ := chromedp.Run(b.Ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 1500) : ''`))
		t.Fatalf("%s (at %s): %v\nthe page shows:\n%s\nproblems the page logged: %q", what, url, err, text, b.Problems())
	}
	return v
}

// Unlabelled lists the form controls of the page that a screen reader
// would announce without a name: no <label for>, no wrapping label, no
// aria-label or aria-labelledby.
func (b *Browser) Unlabelled(t testing.TB) []string {
	t.Helper()
	return Get(t, b, "look for unlabelled inputs", chromedp.Evaluate[[]string](`(() => {
		const bad = [];
		for (const el of document.querySelectorAll('input, select, textarea')) {
			if (el.type === 'hidden' || el.disabled || el.closest('[aria-hidden="true"]')) continue;
			if (el.getClientRects().length === 0) continue;
			const named = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') ||
				el.closest('label') || (el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]'));
			if (!named) bad.push(el.outerHTML.slice(0, 160));
		}
		return bad;
	})()`))
}

// LowContrast lists the visible text of the page whose colour against its
// effective background (the backgrounds of its ancestors blended over
// white) falls below WCAG 2 AA: 4.5:1, or 3:1 for large text (24 px, or
// bold from 18.66 px). Placeholders count: they are the only hint a field
// may give. Disabled controls are exempt, as WCAG exempts them; text over
// a background image is skipped (its background is unknown). Each entry
// names the element, its text, both colours and the ratio.
func (b *Browser) LowContrast(t testing.TB) []string {
	t.Helper()
	return Get(t, b, "measure the contrast of the text", chromedp.Evaluate[[]string](`(() => {
		const parse = (c) => { const m = /rgba?\(([^)]+)\)/.exec(c || ''); if (!m) return null;
			const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
		const blend = (top, under) => { const a = top[3]; return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat(1); };
		const background = (el) => {
			const layers = [];
			for (let e = el; e; e = e.parentElement) {
				const cs = getComputedStyle(e);
				if (cs.backgroundImage !== 'none' && !cs.backgroundImage.startsWith('linear-gradient')) return null;
				const c = parse(cs.backgroundColor);
				if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
			}
			let out = [255, 255, 255, 1];
			for (const l of layers.reverse()) out = blend(l, out);
			return out;
		};
		const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
			return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
		const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
			(typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '');
		const bad = [];
		const check = (el, text, cs, color) => {
			if (el.closest('[aria-hidden="true"], .sr-only, .is-disabled, [disabled], [aria-disabled="true"]')) return;
			if (!el.getClientRects().length || cs.visibility !== 'visible' || Number(cs.opacity) === 0) return;
			const fg = parse(color), back = background(el);
			if (!fg || !back) return;
			const c = fg[3] < 1 ? blend(fg, back) : fg;
			const a = lum(c), z = lum(back);
			const ratio = (Math.max(a, z) + 0.05) / (Math.min(a, z) + 0.05);
			const size = parseFloat(cs.fontSize), bold = Number(cs.fontWeight) >= 700;
			const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
			if (ratio < need) bad.push(name(el) + ' "' + text.slice(0, 30) + '": ' + color + ' on rgb(' + back.slice(0, 3).map(Math.round).join(', ') +
				') is ' + ratio.toFixed(2) + ':1, below ' + need + ':1');
		};
		const seen = new Set();
		const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		while (walk.nextNode()) {
			const n = walk.currentNode, el = n.parentElement, text = n.textContent.trim();
			if (!text || !el || seen.has(el) || el.closest('script, style, noscript')) continue;
			seen.add(el);
			const cs = getComputedStyle(el);
			check(el, text, cs, cs.color);
		}
		for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
			if (!el.placeholder || el.value) continue;
			check(el, el.placeholder, getComputedStyle(el), getComputedStyle(el, '::placeholder').color);
		}
		return bad;
	})()`))
}

// Fits answers how many CSS pixels the page is wider than the window (0
// when it needs no sideways scroll) and whether the main menu's items lie
// inside the window, where a finger or the Tab key reaches them.
func (b *Browser) Fits(t testing.TB) (overflow int, menuReachable bool) {
	t.Helper()
	r := Get(t, b, "measure the page against the window", chromedp.Evaluate[[]int](`(() => {
		const over = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth;
		const items = [...document.querySelectorAll('nav .el-menu-item')];
		const inside = items.length > 0 && items.every((i) => { const r = i.getBoundingClientRect();
			return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth && r.top >= 0; });
		return [over, inside ? 1 : 0];
	})()`))
	return r[0], r[1] == 1
}
