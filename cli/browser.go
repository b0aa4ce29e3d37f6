package cli

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"

	"github.com/cli/browser"
)

// browserGrace is how long a $BROWSER command may take to fail before it is
// considered started. Browsers that stay open (a new window) keep running;
// the opener does not wait for them.
const browserGrace = 2 * time.Second

// newOpener returns the function the wizard calls to open a URL:
//   - with noBrowser, a function that opens nothing (the URL is on screen);
//   - with $BROWSER set, its colon-separated commands, tried in order, each
//     run with the URL as its last argument or in place of "%s";
//   - otherwise github.com/cli/browser (xdg-open, open, rundll32, wslview).
//
// No shell is involved, so nothing in the URL is interpreted.
func newOpener(noBrowser bool, browserEnv string) func(url string) error {
	if noBrowser {
		return func(string) error { return nil }
	}
	if strings.TrimSpace(browserEnv) != "" {
		return func(url string) error { return openWithBrowserEnv(browserEnv, url) }
	}
	return browser.OpenURL
}

// openWithBrowserEnv tries each command of a $BROWSER list until one starts.
func openWithBrowserEnv(browserEnv, url string) error {
	var errs []error
	for _, entry := range strings.Split(browserEnv, ":") {
		argv := browserArgv(entry, url)
		if len(argv) == 0 {
			continue
		}
		err := startBrowser(argv)
		if err == nil {
			return nil
		}
		errs = append(errs, fmt.Errorf("%s: %w", argv[0], err))
	}
	if len(errs) == 0 {
		return errors.New("$BROWSER names no command; unset it, or open the URL shown on screen yourself")
	}
	return fmt.Errorf("could not start $BROWSER (open the URL shown on screen yourself): %w", errors.Join(errs...))
}

// browserArgv splits one $BROWSER entry on blanks and puts url in place of
// "%s" ("%%" is a literal "%"), or appends it when there is no "%s".
func browserArgv(entry, url string) []string {
	fields := strings.Fields(entry)
	if len(fields) == 0 {
		return nil
	}
	substituted := false
	argv := make([]string, 0, len(fields)+1)
	for _, f := range fields {
		if strings.Contains(f, "%s") {
			substituted = true
		}
		argv = append(argv, expandPercent(f, url))
	}
	if !substituted {
		argv = append(argv, url)
	}
	return argv
}

// expandPercent replaces "%s" with url and "%%" with "%" in one field.
func expandPercent(field, url string) string {
	var b strings.Builder
	for i := 0; i < len(field); i++ {
		if field[i] == '%' && i+1 < len(field) {
			switch field[i+1] {
			case 's':
				b.WriteString(url)
				i++
				continue
			case '%':
				b.WriteByte('%')
				i++
				continue
			}
		}
		b.WriteByte(field[i])
	}
	return b.String()
}

// startBrowser runs argv detached from the terminal (no stdin, output
// discarded, so a text browser cannot take over the wizard's screen). It
// fails if the command is missing or exits non-zero within browserGrace.
func startBrowser(argv []string) error {
	path, err := exec.LookPath(argv[0])
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(context.Background(), path, argv[1:]...)
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(browserGrace):
		return nil // still running: a browser window; reaped by the goroutine
	}
}
