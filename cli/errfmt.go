package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	"charm.land/fang/v2"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// errorHandler is fang's error handler: a header, then the message and what
// to do next, unwrapped so commands and URLs stay copyable. An *ExitError
// with no Err was already reported by its command and prints nothing.
func (o *rootOptions) errorHandler(w io.Writer, styles fang.Styles, err error) {
	text := o.describeError(err)
	if text == "" {
		return
	}
	if !isTerminal(o.Stderr) || ExitCode(err) == ExitCanceled {
		fmt.Fprintln(w, "zoomconnect: "+text)
		return
	}
	fmt.Fprintln(w, styles.ErrorHeader.String())
	for _, line := range strings.Split(text, "\n") {
		fmt.Fprintln(w, "  "+line)
	}
	fmt.Fprintln(w)
}

// describeError turns err into lines that say what happened and what to do.
func (o *rootOptions) describeError(err error) string {
	var ee *ExitError
	if errors.As(err, &ee) && ee.Err == nil {
		return ""
	}
	lines := strings.Split(stripControls(err.Error()), "\n")
	var ze *oauthflow.Error
	switch {
	case errors.As(err, &ze):
		lines = append(lines, explainLines(explainFor(err, o.selectedProfile()))...)
	case ExitCode(err) == ExitUsage && !errors.Is(err, errNotTerminal):
		lines = append(lines, "Run zoomconnect --help for usage.")
	case errors.Is(err, storage.ErrKeyringUnavailable), errors.Is(err, storage.ErrKeyringTimeout):
		lines = append(lines,
			"No system keyring answered. Unlock or start one (e.g. gnome-keyring), or consent to a 0600 file with --insecure-storage.",
			"Check with: zoomconnect doctor")
	case errors.Is(err, storage.ErrLockTimeout):
		lines = append(lines, "Wait for the other zoomconnect process to finish, then try again.")
	case errors.Is(err, context.Canceled):
		return "canceled; nothing more was changed"
	}
	return strings.Join(lines, "\n")
}

// explainFor explains err for profile p: the error table's row with p's
// name, and a login command that fits p (--sandbox for a sandbox profile).
func explainFor(err error, p *storage.Profile) oauthflow.Explanation {
	ex := oauthflow.Explain(err).WithProfile(p.Name)
	if strings.HasPrefix(ex.Command, "zoomconnect login") {
		ex.Command = storage.LoginCommandFor(p)
	}
	return ex
}

// selectedProfile is the saved profile the command works on, or, when it
// cannot be read, a profile with only its name (marked as a sandbox
// profile under --sandbox), so that suggested commands still fit.
func (o *rootOptions) selectedProfile() *storage.Profile {
	if st, err := o.store(); err == nil {
		if p, err := st.LoadProfile(o.Profile); err == nil {
			return p
		}
	}
	p := &storage.Profile{Name: o.Profile}
	if o.Sandbox {
		p.AuthBaseURL, p.APIBaseURL = storage.SandboxMarker, storage.SandboxMarker
	}
	return p
}

// explainLines formats an error-table explanation.
func explainLines(ex oauthflow.Explanation) []string {
	var out []string
	add := func(label, s string) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, label+s)
		}
	}
	add("Why: ", ex.Cause)
	add("What to do: ", ex.User)
	add("Your Zoom admin: ", ex.Admin)
	add("Run: ", ex.Command)
	add("Zoom tracking ID (for support): ", ex.TrackingID)
	return out
}

// stripControls removes control characters other than newline and tab, so
// no text from a server or file can drive the terminal.
func stripControls(s string) string {
	return strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}
