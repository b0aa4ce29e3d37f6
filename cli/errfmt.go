package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"unicode"

	"charm.land/fang/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/term"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// fallbackWidth is the width error text wraps at when the terminal's is
// unknown: an 80-column terminal with a margin.
const fallbackWidth = 78

// errorHandler is fang's error handler: a header, then the message and what
// to do next, wrapped at word boundaries to the terminal's width (a word
// longer than a row, such as a URL, is never cut, so it stays copyable).
// An *ExitError with no Err was already reported by its command and prints
// nothing.
func (o *rootOptions) errorHandler(w io.Writer, styles fang.Styles, err error) {
	text := o.describeError(err)
	if text == "" {
		return
	}
	width := o.termWidth()
	if o.Accessible {
		width = 0 // one plain line per message: no box, no colour, no wrapping
	}
	if o.Accessible || !isTerminal(o.Stderr) || ExitCode(err) == ExitCanceled {
		fmt.Fprintln(w, wrapText("zoomconnect: "+text, width))
		return
	}
	fmt.Fprintln(w, styles.ErrorHeader.String())
	for _, line := range strings.Split(wrapText(text, width-2), "\n") {
		fmt.Fprintln(w, "  "+line)
	}
	fmt.Fprintln(w)
}

// termWidth is the width error text wraps at: stderr's terminal width
// (fallbackWidth when the terminal does not say), else $COLUMNS, else 0
// (no wrapping: a pipe or log file keeps each message on one line for grep).
func (o *rootOptions) termWidth() int {
	if f, ok := o.Stderr.(interface{ Fd() uintptr }); ok && isTerminal(o.Stderr) {
		if w, _, err := term.GetSize(f.Fd()); err == nil && w > 20 {
			return w
		}
		return fallbackWidth
	}
	if w, err := strconv.Atoi(o.env("COLUMNS")); err == nil && w > 20 {
		return w
	}
	return 0
}

// describeError turns err into lines that say what happened and what to
// do. A wizard the user quit after a failed attempt gets one line (the
// screen already explained the failure) and the command to try again; a
// Zoom error gets its explanation instead of the raw Go error chain.
func (o *rootOptions) describeError(err error) string {
	var ee *ExitError
	if errors.As(err, &ee) && ee.Err == nil {
		return ""
	}
	var fe *wizard.FailedError
	if errors.As(err, &fe) {
		return strings.Join(o.quitLines(fe), "\n")
	}
	if errors.Is(err, connection.ErrInterrupted) {
		return stripControls(err.Error()) // not Zoom's doing, and nothing to sign in again for
	}
	var ze *oauthflow.Error
	if errors.As(err, &ze) {
		ex := explainFor(err, o.selectedProfile())
		return strings.Join(append(zoomHead(ex), explainLines(ex)...), "\n")
	}
	lines := strings.Split(stripControls(err.Error()), "\n")
	var fileErr *storage.FileError
	switch {
	case ExitCode(err) == ExitUsage && !errors.Is(err, errNotTerminal) && !errors.As(err, new(*storage.ReplacedError)):
		lines = append(lines, "Run zoomconnect --help for usage.")
	case errors.Is(err, storage.ErrKeyringUnavailable), errors.Is(err, storage.ErrKeyringTimeout):
		lines = append(lines,
			"No system keyring answered. Unlock or start one (e.g. gnome-keyring), or consent to a 0600 file with --insecure-storage.",
			"Check with: zoomconnect doctor")
	case errors.As(err, &fileErr):
		lines = append(lines, fileFix(fileErr), "Check with: zoomconnect doctor")
	case errors.Is(err, storage.ErrLockTimeout):
		lines = append(lines, "Wait for the other zoomconnect process to finish, then try again.")
	case errors.Is(err, context.Canceled):
		return "canceled; nothing more was changed"
	}
	return strings.Join(lines, "\n")
}

// fileFix is what to do about a local file failure, by its cause.
func fileFix(fe *storage.FileError) string {
	dir := filepath.Dir(fe.Path)
	switch {
	case errors.Is(fe, syscall.ENOSPC), errors.Is(fe, syscall.EDQUOT):
		return "Free some space on the disk that holds " + dir + ", then try again."
	case errors.Is(fe, syscall.EROFS):
		return "The file system that holds " + dir + " is read-only: make it writable (or set XDG_CONFIG_HOME, XDG_DATA_HOME and XDG_STATE_HOME to a writable place), then try again."
	case errors.Is(fe, fs.ErrPermission), errors.Is(fe, syscall.EACCES), errors.Is(fe, syscall.EPERM):
		return "Make " + dir + " yours and writable (ls -ld " + dir + "; zoomconnect keeps it at mode 0700), then try again."
	}
	return "Check " + dir + " and the disk that holds it, then try again."
}

// quitLines is what is left to say after the user quit the wizard while a
// failed attempt was on screen: what happened, that nothing was saved, and
// the command that tries again.
func (o *rootOptions) quitLines(fe *wizard.FailedError) []string {
	p := o.selectedProfile()
	ex := explainFor(fe.Err, p)
	what := "the last attempt failed"
	var ze *oauthflow.Error
	switch {
	case !errors.As(fe.Err, &ze) && ex.Key == "kind:"+string(oauthflow.KindUnknown):
		// Not Zoom's doing (a storage failure, say): its own words say more.
		what = "the last attempt failed: " + stripControls(fe.Err.Error())
	case ex.Title != "":
		what = sentenceCase(ex.Title)
	}
	run := storage.LoginCommandFor(p)
	if ex.Command != "" && !strings.HasPrefix(ex.Command, "zoomconnect login") {
		run = ex.Command
	}
	return []string{"Quit: " + what + "; no connection was saved.", "Run: " + run}
}

// sentenceCase lowercases a title's first letter so that it reads inside
// a sentence; names ("Zoom", "Zoom's") keep theirs.
func sentenceCase(title string) string {
	if title == "" || strings.HasPrefix(title, "Zoom") {
		return title
	}
	r := []rune(title)
	if len(r) > 1 && unicode.IsUpper(r[1]) {
		return title // an acronym
	}
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

// zoomHead is the first line for a Zoom error: its title, and Zoom's own
// words when it gave any.
func zoomHead(ex oauthflow.Explanation) []string {
	head := []string{stripControls(ex.Title) + "."}
	if r := strings.TrimSpace(stripControls(ex.Reason)); r != "" {
		head = append(head, "Zoom said: "+r)
	}
	return head
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

// wrapText wraps each line of text at width columns on spaces; rows after
// the first hang two columns in. Words are never cut and a command (a
// `quoted` span, or "zoomconnect" and its arguments) is never broken, so
// commands and URLs stay copyable even when a row must run long.
func wrapText(text string, width int) string {
	lines := strings.Split(text, "\n")
	out := make([]string, 0, len(lines))
	for _, line := range lines {
		out = append(out, wrapLine(line, width, "  "))
	}
	return strings.Join(out, "\n")
}

// wrapLine wraps one line; rows after the first start with hang.
func wrapLine(line string, width int, hang string) string {
	if width < 20 || lipgloss.Width(line) <= width {
		return line
	}
	var rows []string
	cur, curW, pad := "", 0, ""
	for _, unit := range wrapUnits(strings.Fields(line)) {
		uw := lipgloss.Width(unit)
		if curW > len(pad) && curW+1+uw > width {
			rows = append(rows, cur)
			pad = hang
			cur, curW = pad, len(pad)
		}
		if curW > len(pad) {
			cur += " "
			curW++
		}
		cur += unit
		curW += uw
	}
	return strings.Join(append(rows, cur), "\n")
}

// wrapUnits joins words that must stay on one row: a `backquoted` span,
// and a command from "zoomconnect" up to a word ending a clause (",", ";",
// ".", ")") or starting a parenthesis, at most eight words long.
func wrapUnits(words []string) []string {
	var units []string
	for i := 0; i < len(words); i++ {
		w, end := words[i], i
		switch {
		case strings.HasPrefix(w, "`") && strings.Count(w, "`")%2 == 1:
			for end+1 < len(words) {
				end++
				if strings.Contains(words[end], "`") {
					break
				}
			}
		case strings.TrimLeft(w, "(`'\"") == "zoomconnect":
			for end+1 < len(words) && end-i < 8 && !endsClause(words[end]) && !strings.HasPrefix(words[end+1], "(") {
				end++
			}
		}
		units = append(units, strings.Join(words[i:end+1], " "))
		i = end
	}
	return units
}

// endsClause reports whether word ends a clause, and so a command in text.
func endsClause(word string) bool {
	return strings.HasSuffix(word, ",") || strings.HasSuffix(word, ";") || strings.HasSuffix(word, ".") ||
		strings.HasSuffix(word, ")") || strings.HasSuffix(word, "`")
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
