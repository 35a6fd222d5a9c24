package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/minsheng/minsheng/browsertest"
	"github.com/minsheng/minsheng/store/storetest"
)

// TestConsoleLandingPagesReadableAndOnTablets: the sign-in form and each
// role's landing page have readable contrast (WCAG AA, measured in the
// browser on the colours it computes) on a 1366×768 office screen, and on
// a tablet held either way (1024×768, 768×1024) the page needs no sideways
// scroll and the menu lies inside the window.
func TestConsoleLandingPagesReadableAndOnTablets(t *testing.T) {
	s := serve(t, append(database(t, storetest.Backend{Name: "sqlite"}), "--demo", "--history", "60")...)
	b := browsertest.New(t, browsertest.Options{})
	// A page has settled when its data is in (no loading mask) and no
	// colour is mid-transition (a button just enabled fades to its colour).
	settled := chromedp.Poll[chromedp.Void](`document.querySelector('h1') && ![...document.querySelectorAll('.el-loading-mask')].some((m) => m.getClientRects().length) &&
		!document.getAnimations().some((a) => a instanceof CSSTransition && a.playState === 'running')`,
		chromedp.WithPollingInterval(100*time.Millisecond))

	b.Do(t, "open the sign-in form", chromedp.Navigate(s.URL("/login")), chromedp.WaitVisible(chromedp.CSS("#login-tenant")))
	for _, bad := range b.LowContrast(t) {
		t.Errorf("sign-in: low contrast: %s", bad)
	}
	for _, who := range []string{"clerk", "dispatcher", "handler", "leader", "analyst", "admin"} {
		keyboardSignIn(t, b, s, who)
		b.Do(t, who+"'s landing page settles", settled)
		for _, bad := range b.LowContrast(t) {
			t.Errorf("%s's landing page: low contrast: %s", who, bad)
		}
		for _, size := range [][2]int64{{1024, 768}, {768, 1024}} {
			b.Do(t, fmt.Sprintf("a %d×%d tablet", size[0], size[1]),
				chromedp.EmulateViewport(size[0], size[1]),
				chromedp.Poll[chromedp.Void](fmt.Sprintf(`window.innerWidth === %d`, size[0]), chromedp.WithPollingInterval(50*time.Millisecond)),
				chromedp.Sleep(300*time.Millisecond), // the layout and the charts follow the resize
			)
			over, menu := b.Fits(t)
			if over > 0 {
				t.Errorf("%s's landing page at %d×%d is %d px wider than the window: it scrolls sideways", who, size[0], size[1], over)
			}
			if !menu {
				t.Errorf("%s's landing page at %d×%d: the menu is not inside the window", who, size[0], size[1])
			}
		}
		b.Do(t, "back to the office screen", chromedp.EmulateViewport(1366, 768))
		signOut(t, b)
	}
}
