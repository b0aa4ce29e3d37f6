package wizard

import (
	"errors"
	"net/url"
	"strconv"
	"time"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
)

// What the authorize screen says in each phase, as page blocks: checking
// the saved connections, the warning about one of the same app, starting
// the listener, waiting for the browser, an attempt that failed, done.
// Both front ends draw these blocks; the keys they name come in AuthKeys.

// Block IDs of the authorize screen, for what a front end draws itself:
// its spinner before the busy and waiting lines, its paste box's input.
const (
	BlockSpinner = "spinner"
	BlockPaste   = "paste"
)

// AuthKeys name the keys (or the letters typed) a front end offers on the
// authorize screen, for the sentences that name them. A sentence about a
// key left "" is not said: the accessible mode asks questions instead.
type AuthKeys struct {
	Continue, Back, Retry          string
	Copy, Open, CopyCommand, Paste string
	Preapproval, AdminApp          string
	PasteSend, PasteClose          string
}

// AuthorizeTitle is the authorize screen's title.
func AuthorizeTitle(c *Config) string { return c.T.T("authorize.title") }

// CheckingBlocks are shown while the saved connections of the same app
// are looked up; StartingBlocks while the loopback listener starts;
// AuthorizedBlocks once the code was exchanged.
func CheckingBlocks(c *Config) []page.Block { return []page.Block{busy(c.T.T("authorize.checking"))} }

// StartingBlocks: see CheckingBlocks.
func StartingBlocks(c *Config) []page.Block { return []page.Block{busy(c.T.T("authorize.starting"))} }

// AuthorizedBlocks: see CheckingBlocks.
func AuthorizedBlocks(c *Config) []page.Block { return []page.Block{page.OK(c.T.T("authorize.done"))} }

// busy is a line the front end's spinner goes before.
func busy(text string) page.Block {
	b := page.Para(text)
	b.ID = BlockSpinner
	return b
}

// SameAppBlocks warn, before authorizing, about the saved connections
// that use the same app: Zoom keeps one authorization per user and app, so
// signing in as the same user ends theirs, and saving then replaces them.
// Each is named with its account, and what replaces it: the profile this
// run saves to is replaced whoever signs in; another one when its user
// signs in again.
func SameAppBlocks(c *Config, same []storage.Profile, keys AuthKeys) []page.Block {
	t := c.T
	items := make([]string, len(same))
	for i, p := range same {
		who := who(c, p)
		if p.Name == c.profile() {
			items[i] = t.T("authorize.same_app_this", "Name", p.Name, "Who", who)
		} else {
			items[i] = t.T("authorize.same_app_other", "Name", p.Name, "Who", who, "Profile", c.profile())
		}
	}
	out := []page.Block{page.Warn(t.T("authorize.same_app")), page.List(items...).Under(),
		page.Para(t.T("authorize.same_app_why"))}
	if keys.Continue != "" && keys.Back != "" {
		out = append(out, page.Para(t.T("authorize.same_app_keys", "Continue", keys.Continue, "Back", keys.Back)))
	}
	return out
}

// SameAppQuestion is the yes/no question of a front end that asks instead
// of naming keys.
func SameAppQuestion(c *Config) string { return c.T.T("authorize.same_app_question") }

// AuthorizeQuestion is the yes/no question a front end that reads lines
// asks before every first browser attempt, so that the questions come in
// the same order whatever is saved: SameAppQuestion after the warning
// about saved connections of the same app (sameApp), else whether to
// start. --yes answers it (see Config.Yes).
func AuthorizeQuestion(c *Config, sameApp bool) string {
	if sameApp {
		return SameAppQuestion(c)
	}
	return c.T.T("authorize.ready_question")
}

// who names a profile's account: its email, else its name.
func who(c *Config, p storage.Profile) string {
	switch {
	case p.Email != "":
		return p.Email
	case p.DisplayName != "":
		return p.DisplayName
	}
	return c.T.T("authorize.who_unknown")
}

// profile is the profile the run saves to.
func (c *Config) profile() string {
	if c.Profile == "" {
		return "default"
	}
	return c.Profile
}

// Waiting is an attempt waiting for the browser, as the screen shows it.
type Waiting struct {
	AuthURL string
	// Elapsed and Left are the time since the attempt started and until
	// its deadline.
	Elapsed, Left time.Duration
	// Printed: the front end also printed AuthURL on one line above the
	// screen, where a mouse selection copies it whole.
	Printed bool
	// OpenErr is why the browser could not be opened, nil when it was.
	OpenErr error
	// Copied and CopiedCommand: the address, or the sandbox's approve
	// command, was sent to the clipboard through the terminal.
	Copied, CopiedCommand bool
	// Nudge: the wait is long; ask what the browser shows.
	Nudge bool
	// Paste is the paste box, nil while it is closed.
	Paste *Paste
}

// Paste is the paste box's state: the address the browser ended on is
// pasted there when the browser runs on another machine.
type Paste struct {
	// Empty: enter was pressed with nothing pasted.
	Empty bool
	// Checking: the address was handed to the session.
	Checking bool
	// Err is why the session refused the address, nil when it did not.
	Err error
	// Redirect is the attempt's redirect URL, which a good address starts
	// with.
	Redirect string
}

// WaitingBlocks are the screen while the browser step runs: how to sign
// in, the address (a copyable, linkable Code block), the waiting line
// with the time left, what copying or opening did, the sandbox's approve
// command, the nudge, and the paste box or how to open it.
func WaitingBlocks(c *Config, w Waiting, keys AuthKeys) []page.Block {
	t := c.T
	out := []page.Block{page.Para(openLine(c, keys)), page.Code(w.AuthURL)}
	if w.Printed {
		out = append(out, page.Note(t.T("authorize.printed")).Under())
	}
	out = append(out, busy(t.T("authorize.waiting", "Elapsed", t.Clock(w.Elapsed), "Left", t.Clock(w.Left))))
	if w.Copied {
		out = append(out, page.Note(t.T("authorize.copied")))
	}
	if w.OpenErr != nil {
		out = append(out, page.Warn(t.T("authorize.no_browser", "Reason", ReasonIn(t, w.OpenErr))))
	}
	out = append(out, sandboxBlocks(c, w, keys)...)
	if w.Nudge {
		out = append(out, nudgeBlocks(c, keys)...)
	}
	if w.Paste != nil {
		return append(out, pasteBlocks(c, *w.Paste, keys)...)
	}
	if keys.Paste != "" {
		out = append(out, page.Note(t.T("authorize.paste_hint", "Key", keys.Paste)))
	}
	return out
}

// openLine asks the person to sign in; with --no-browser nothing opened,
// so it does not offer to open the browser "again".
func openLine(c *Config, keys AuthKeys) string {
	t := c.T
	switch {
	case c.NoBrowser && keys.Copy != "":
		return t.T("authorize.open_manual_key", "Copy", keys.Copy)
	case c.NoBrowser:
		return t.T("authorize.open_manual")
	case keys.Copy != "" && keys.Open != "":
		return t.T("authorize.open_key", "Copy", keys.Copy, "Open", keys.Open)
	}
	return t.T("authorize.open")
}

// sandboxBlocks are the sandbox's no-browser approve command, on rows of
// its own (a Code block), and what copying it did.
func sandboxBlocks(c *Config, w Waiting, keys AuthKeys) []page.Block {
	sb := c.Sandbox
	if sb == nil || sb.ApproveCommand == "" {
		return nil
	}
	t := c.T
	intro := t.T("authorize.sandbox")
	if keys.CopyCommand != "" {
		intro = t.T("authorize.sandbox_key", "Key", keys.CopyCommand)
	}
	out := []page.Block{page.Note(intro), page.Code(sb.ApproveCommand).Under()}
	if w.CopiedCommand {
		out = append(out, page.Note(t.T("authorize.copied_command")).Under())
	}
	return out
}

// nudgeBlocks ask what the browser shows once the wait is long: one key
// per pre-approval wall, then the other likely causes in brief.
func nudgeBlocks(c *Config, keys AuthKeys) []page.Block {
	t := c.T
	return []page.Block{
		page.Warn(t.T("authorize.nudge")),
		page.List(t.T("authorize.nudge_preapproval", "Key", keys.Preapproval),
			t.T("authorize.nudge_admin_app", "Key", keys.AdminApp)).Under(),
		page.Note(t.T("authorize.nudge_other", "Key", keys.Paste)).Under(),
	}
}

// pasteBlocks are the open paste box: its field (the front end's input,
// block ID BlockPaste) and its status.
func pasteBlocks(c *Config, p Paste, keys AuthKeys) []page.Block {
	t := c.T
	f := page.Field(BlockPaste, t.T("authorize.paste_label", "Send", keys.PasteSend, "Close", keys.PasteClose),
		PastePlaceholder(c), "", false)
	f.Focused = true
	out := []page.Block{f}
	switch {
	case p.Err != nil:
		out = append(out, page.Fail(PasteRefusal(c, p.Err, p.Redirect)).Under())
	case p.Checking:
		out = append(out, page.Note(t.T("authorize.paste_checking")).Under())
	case p.Empty:
		out = append(out, page.Note(t.T("authorize.paste_empty")).Under())
	}
	return out
}

// PastePlaceholder is what the empty paste box shows.
func PastePlaceholder(c *Config) string { return c.T.T("authorize.paste_placeholder") }

// PasteRefusal says why a pasted address did not complete the login
// (redirect: the attempt's redirect URL, which a good address starts with).
func PasteRefusal(c *Config, err error, redirect string) string {
	t := c.T
	var why any = ReasonIn(c.T, err) // cleaned of markup; the catalog's own text is Raw
	switch {
	case errors.Is(err, oauthflow.ErrNotThisRedirect):
		why = i18n.Raw(t.T("authorize.paste_not_this", "Redirect", redirect))
	case errors.Is(err, oauthflow.ErrOtherAttempt):
		why = i18n.Raw(t.T("authorize.paste_other_attempt"))
	}
	return t.T("authorize.paste_failed", "Reason", why)
}

// PrintedURL is what a front end prints on lines of their own above the
// screen for each attempt: a label, then the authorize URL whole, which
// the terminal soft-wraps, so that a mouse selection copies it unbroken.
func PrintedURL(c *Config, authURL string) string {
	return c.T.T("authorize.printed_label") + "\n" + authURL
}

// Failure is how an attempt ended without a result.
type Failure struct {
	// Err is why, nil when the person stopped it (to report a
	// pre-approval page).
	Err error
	// Redirect is the loopback redirect URL the attempt used.
	Redirect string
}

// FailedBlocks are the screen after an attempt failed: a timeout with its
// likely causes (the pre-approval wall one of them, which the person can
// confirm), a decline, a stopped attempt, or the explanation of any other
// error (ErrorBlocks), with the redirect URL to register after a mismatch
// and the app file to fix after the organization's app was refused; then
// the keys that act there.
func FailedBlocks(c *Config, f Failure, keys AuthKeys) []page.Block {
	t := c.T
	var out []page.Block
	switch {
	case f.Err == nil:
		out = []page.Block{page.Para(t.T("authorize.stopped"))}
	case oauthflow.KindOf(f.Err) == oauthflow.KindTimeout:
		return timeoutBlocks(c, keys)
	case oauthflow.KindOf(f.Err) == oauthflow.KindDeclined:
		out = []page.Block{page.Warn(t.T("authorize.declined")), page.Para(t.T("authorize.declined_nothing"))}
	default:
		out = append(ErrorBlocks(c, f.Err), appFileBlocks(c, f.Err)...)
		out = append(out, redirectBlocks(c, f)...)
	}
	return append(out, failedKeys(c, f.Err, keys)...)
}

// timeoutBlocks: nothing came back before the deadline; the keys; the
// likely causes, the pre-approval wall first.
func timeoutBlocks(c *Config, keys AuthKeys) []page.Block {
	t := c.T
	then := t.T("authorize.cause_preapproval_choice")
	if keys.Preapproval != "" {
		then = t.T("authorize.cause_preapproval_key", "Key", keys.Preapproval)
	}
	first := t.T("authorize.cause_preapproval", "Then", i18n.Raw(then))
	out := []page.Block{page.Fail(t.T("authorize.timeout"))}
	out = append(out, failedKeys(c, &oauthflow.Error{Kind: oauthflow.KindTimeout}, keys)...)
	return append(out, page.Heading(t.T("authorize.causes")),
		page.Steps(1, append([]string{first}, assets.OtherTimeoutCauses(t.Lang(), assets.GuideKeys{Paste: keys.Paste})...)...).Under())
}

// failedKeys is the sentence naming the keys that act after err, none
// when a front end has no keys to name (it asks FailedChoices).
func failedKeys(c *Config, err error, keys AuthKeys) []page.Block {
	if keys.Retry == "" || keys.Back == "" {
		return nil
	}
	for _, a := range FailedActions(err) {
		if a == ActPreapproval && keys.Preapproval != "" {
			return []page.Block{page.Para(c.T.T("authorize.keys_pre_retry_back",
				"Preapproval", keys.Preapproval, "Retry", keys.Retry, "Back", keys.Back)).Under()}
		}
	}
	return []page.Block{page.Para(c.T.T("authorize.keys_retry_back", "Retry", keys.Retry, "Back", keys.Back))}
}

// appFileBlocks name the organization's app file and its admin after Zoom
// refused its client ID or secret.
func appFileBlocks(c *Config, err error) []page.Block {
	var af *AppFileError
	if !errors.As(err, &af) || (af.Path == "" && af.Admin == "") {
		return nil
	}
	t := c.T
	var rows []page.Item
	if af.Path != "" {
		rows = append(rows, page.Item{Text: t.T("authorize.app_file"), Detail: t.T("authorize.app_file_value", "Path", af.Path)})
	}
	if af.Admin != "" {
		rows = append(rows, page.Item{Text: t.T("authorize.app_admin"), Detail: t.T("authorize.app_admin_value", "Admin", af.Admin)})
	}
	return []page.Block{page.Rows(rows...)}
}

// redirectBlocks name the redirect URL to register after Zoom refused it
// (4709, 4700 "Invalid redirect url"): the explanation says "the exact
// redirect URL zoomconnect showed", so it is shown, with how to keep it.
func redirectBlocks(c *Config, f Failure) []page.Block {
	if f.Redirect == "" || oauthflow.KindOf(f.Err) != oauthflow.KindRedirectMismatch {
		return nil
	}
	t := c.T
	pin := t.T("authorize.redirect_pinned")
	if c.Port == 0 {
		pin = t.T("authorize.redirect_free_port", "Port", portOf(f.Redirect))
	}
	return []page.Block{page.Para(t.T("authorize.redirect_used")), page.Code(f.Redirect).Under(), page.Para(pin).Under()}
}

// FailedChoices is the menu of a front end that asks what to do after an
// attempt with c ended with err, and the action of each choice (cursor on
// the first, trying again).
func FailedChoices(c *Config, creds Creds, err error) (page.Block, []AuthAction) {
	t := c.T
	actions := FailedActions(err)
	items := make([]page.Item, len(actions))
	for i, a := range actions {
		items[i] = page.Item{Text: actionText(t, creds, a)}
	}
	b := page.Choices(0, items...)
	b.Text = t.T("authorize.next")
	return b, actions
}

func actionText(t *i18n.Printer, creds Creds, a AuthAction) string {
	switch a {
	case ActRetry:
		return t.T("authorize.next_retry")
	case ActPreapproval:
		return t.T("authorize.next_preapproval")
	case ActBack:
		if creds.AuthType == storage.AuthOrgApp {
			return t.T("authorize.next_choose")
		}
		return t.T("authorize.next_credentials")
	}
	return t.T("authorize.next_quit")
}

// StillWaiting is the line a front end that cannot redraw repeats while
// the browser step runs.
func StillWaiting(c *Config, left time.Duration) string {
	return c.T.N("authorize.still_waiting", int(max(left, 0).Round(time.Minute)/time.Minute))
}

// portOf is the port of a loopback URL, "" when it has none.
func portOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	if _, err := strconv.Atoi(u.Port()); err != nil {
		return ""
	}
	return u.Port()
}
