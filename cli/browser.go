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
//   - otherwise github.com/cli/browser (xdg-open, x-www-browser, www-browser,
//     wslview; open on macOS; rundll32 on Windows), as the stack mandates.
//
// No shell is involved, so nothing in the URL is interpreted. A $BROWSER
// command's output is discarded (see startBrowser); cli/browser's is sent
// where browser.Stdout and browser.Stderr point, which main sets once to
// io.Discard so that no opener can write into machine output on stdout.
func newOpener(noBrowser bool, browserEnv string) func(url string) error {
	if noBrowser {
		return func(string) error { return nil }
	}
	if strings.TrimSpace(browserEnv) != "" {
		entries := strings.Split(browserEnv, ":")
		return func(url string) error {
			if err := tryBrowsers(entries, url); err != nil {
				return fmt.Errorf("could not start $BROWSER (open the URL shown on screen yourself): %w", err)
			}
			return nil
		}
	}
	return func(url string) error {
		if err := browser.OpenURL(url); err != nil {
			return fmt.Errorf("could not open a browser (open the URL shown on screen yourself, or set $BROWSER): %w", err)
		}
		return nil
	}
}

// tryBrowsers runs each command entry (see browserArgv) until one starts.
func tryBrowsers(entries []string, url string) error {
	var errs []error
	for _, entry := range entries {
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
		return errors.New("$BROWSER lists no command (it is empty or only blanks and colons); " +
			"set it to a browser command, e.g. BROWSER=firefox, or unset it to use the system's default browser")
	}
	return errors.Join(errs...)
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

// startBrowser runs argv detached from the terminal: no stdin, and stdout
// and stderr discarded (nil in exec.Cmd is the null device), so a chatty
// opener cannot corrupt machine output or the wizard's screen and a text
// browser cannot take over the terminal. It
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
