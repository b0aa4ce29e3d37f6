package e2e

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// headlessChromium starts Debian's Chromium headless with a fresh profile,
// or skips (fails under ZOOMCONNECT_REQUIRE_REAL=1) when it is absent.
func headlessChromium(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	path := "/usr/bin/chromium"
	if _, err := os.Stat(path); err != nil {
		p, err := exec.LookPath("chromium")
		if err != nil {
			missing(t, "Chromium is not installed (/usr/bin/chromium; apt install chromium)")
		}
		path = p
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	bctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(cancelTab)
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return bctx
}

// A real browser: the wizard (in tmux) hands the URL to BROWSER, headless
// Chromium opens it and clicks Allow on the consent page, and the wizard
// moves on to the scope review.
func TestWizardRealBrowserAllow(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	bctx := headlessChromium(t, ctx)
	h := newHome(t)
	w := startWizard(t, h, browserRecord, "--sandbox")
	w.advance(ctx, scrAuthorize)
	u := w.waitURL(ctx)
	err := chromedp.Do(bctx,
		chromedp.Navigate(u),
		chromedp.WaitVisible("#allow"),
		chromedp.Click("#allow"),
	)
	if err != nil {
		t.Fatalf("consent in Chromium: %v", err)
	}
	w.waitFor(ctx, scrScopes)
	// The browser ends on the loopback callback (its code and state are
	// not logged: they are secrets, even once used).
	final, err := chromedp.Run(bctx, chromedp.Location())
	if err != nil || !strings.HasPrefix(final, "http://127.0.0.1:") || !strings.Contains(final, "/callback?") {
		t.Errorf("the browser did not end on the loopback callback (err %v)", err)
	}
}
