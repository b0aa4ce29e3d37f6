// Command shoot draws HTML pages to PNG in one headless Chromium, for
// docs/screens/render: a Chromium started for each picture
// (chromium --screenshot) cost about 3 s a picture on a 2-core machine,
// most of a run.
//
// Each line of its standard input is one picture, "WIDTH HEIGHT HTML PNG"
// separated by tabs: the page size in CSS pixels and two absolute paths
// (which may hold spaces). It keeps going after
// a picture fails, names each failure on standard error, and exits 1 if
// any failed.
//
//	shoot -chromium /usr/bin/chromium -scale 2 -profile DIR <list
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// shot is one line of the input.
type shot struct {
	width, height int64
	html, png     string
}

func main() {
	chromium := flag.String("chromium", "chromium", "the Chromium binary")
	scale := flag.Float64("scale", 1, "device pixels per CSS pixel")
	profile := flag.String("profile", "", "Chromium's profile directory (a fresh one, removed by the caller)")
	flag.Parse()
	shots, err := readShots(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "shoot:", err)
		os.Exit(2)
	}
	if failed := run(*chromium, *profile, *scale, shots); failed > 0 {
		os.Exit(1)
	}
}

// readShots parses the input lines.
func readShots(r io.Reader) ([]shot, error) {
	var out []shot
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 4 || f[2] == "" || f[3] == "" {
			return nil, fmt.Errorf("line %d: want WIDTH<TAB>HEIGHT<TAB>HTML<TAB>PNG, got %q", n, sc.Text())
		}
		w, errW := strconv.ParseInt(f[0], 10, 64)
		h, errH := strconv.ParseInt(f[1], 10, 64)
		if errW != nil || errH != nil || w <= 0 || h <= 0 {
			return nil, fmt.Errorf("line %d: bad size %s x %s", n, f[0], f[1])
		}
		out = append(out, shot{width: w, height: h, html: f[2], png: f[3]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading the list: %w", err)
	}
	return out, nil
}

// run starts Chromium once and draws every shot; it returns how many
// failed, each named on standard error.
func run(chromium, profile string, scale float64, shots []shot) int {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	if profile != "" {
		opts = append(opts, chromedp.UserDataDir(profile))
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancelTab := chromedp.NewContext(actx)
	defer cancelTab()
	if err := chromedp.Do(bctx); err != nil {
		fmt.Fprintf(os.Stderr, "shoot: starting %s: %v\n", chromium, err)
		return len(shots)
	}
	failed := 0
	for _, s := range shots {
		if err := draw(bctx, s, scale); err != nil {
			fmt.Fprintf(os.Stderr, "shoot: %s: %v\n", s.png, err)
			failed++
		}
	}
	return failed
}

// draw loads one page at its size and writes its screenshot.
func draw(ctx context.Context, s shot, scale float64) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(s.width, s.height, chromedp.EmulateScale(scale)),
		chromedp.Navigate("file://"+s.html),
	)
	if err != nil {
		return fmt.Errorf("loading %s: %w", s.html, err)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		return fmt.Errorf("drawing %s: %w", s.html, err)
	}
	if err := os.WriteFile(s.png, png, 0o644); err != nil {
		return fmt.Errorf("writing the picture: %w", err)
	}
	return nil
}
