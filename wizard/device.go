package wizard

import (
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
)

// The device sign-in (login --device), as both front ends run it in
// place of the browser attempt: the client that asks Zoom for a code and
// polls for its tokens, and what the screen says. Zoom offers it only to
// private apps it enabled on request; for any other app the first call
// fails with oauthflow.KindDeviceUnavailable, explained in the error
// table (use the browser sign-in).

// DeviceClient is the client of a device sign-in with c.
func DeviceClient(cfg *Config, c Creds) *oauthflow.Client {
	app := c.App
	app.Endpoints = c.Endpoints(cfg)
	return &oauthflow.Client{App: app, HTTPClient: cfg.HTTPClient, Now: cfg.Now}
}

// DeviceWaiting is a device sign-in waiting for the person to approve
// its code, as the screen shows it.
type DeviceWaiting struct {
	Code *oauthflow.DeviceCode
	// Left is the time until the code expires.
	Left time.Duration
	// OpenErr is why the browser could not open the address, nil when it
	// did or none was tried (--no-browser).
	OpenErr error
}

// DeviceTitle is the device sign-in's title, in place of the authorize
// screen's.
func DeviceTitle(c *Config) string { return c.T.T("device.title") }

// DeviceStartingBlocks: asking Zoom for a code.
func DeviceStartingBlocks(c *Config) []page.Block {
	return []page.Block{busy(c.T.T("device.starting"))}
}

// DeviceBlocks say where to sign in (the address, a copyable Code block),
// the code to check or type there, the wait with the time left, and the
// sandbox's approve command.
func DeviceBlocks(c *Config, w DeviceWaiting) []page.Block {
	t := c.T
	code := t.T("device.code_type", "Code", w.Code.UserCode)
	if w.Code.VerificationURIComplete != "" {
		code = t.T("device.code_check", "Code", w.Code.UserCode)
	}
	out := []page.Block{page.Para(t.T("device.open")), page.Code(w.Code.URL()), page.Para(code)}
	if w.OpenErr != nil {
		out = append(out, page.Warn(t.T("device.no_browser", "Reason", ReasonIn(t, w.OpenErr))))
	}
	out = append(out, busy(t.T("device.waiting", "Left", t.Clock(max(w.Left, 0)))))
	return append(out, sandboxBlocks(c, Waiting{}, AuthKeys{})...)
}

// DeviceFailedBlocks are the screen after a device sign-in failed: the
// decline, or the explanation of the error (the app has no device grant,
// the code expired, ...), then the keys that act there (none named when
// keys has none: the line mode asks DeviceFailedChoices).
func DeviceFailedBlocks(c *Config, err error, keys AuthKeys) []page.Block {
	t := c.T
	var out []page.Block
	if oauthflow.KindOf(err) == oauthflow.KindDeclined {
		out = []page.Block{page.Warn(t.T("authorize.declined")), page.Para(t.T("authorize.declined_nothing"))}
	} else {
		out = ErrorBlocks(c, err)
	}
	if keys.Retry != "" && keys.Back != "" {
		out = append(out, page.Para(t.T("authorize.keys_retry_back", "Retry", keys.Retry, "Back", keys.Back)))
	}
	return out
}

// DeviceFailedChoices is the line mode's menu after a device sign-in
// failed: try again (a new code), the credentials (or how to connect)
// again, quit; the cursor on trying again.
func DeviceFailedChoices(c *Config, creds Creds) (page.Block, []AuthAction) {
	actions := []AuthAction{ActRetry, ActBack, ActQuit}
	items := make([]page.Item, len(actions))
	for i, a := range actions {
		items[i] = page.Item{Text: actionText(c.T, creds, a)}
	}
	b := page.Choices(0, items...)
	b.Text = c.T.T("authorize.next")
	return b, actions
}

// StillWaitingDevice is the line the line mode repeats while the code
// waits for approval.
func StillWaitingDevice(c *Config, left time.Duration) string {
	return c.T.N("device.still_waiting", int(max(left, 0).Round(time.Minute)/time.Minute))
}
