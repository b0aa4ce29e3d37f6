package accessible

import (
	"context"
	"strings"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// deviceAuthorize is authorize for the device sign-in (--device): a code
// from Zoom, said with the address to open on any device, then the wait
// for its approval (q quits). After a failure (the app has no device
// grant, the code expired, the person declined) the person tries again
// with a new code, enters the app again, or quits.
func (w *conversation) deviceAuthorize() (*oauthflow.Result, error) {
	if err := w.beginDevice(); err != nil {
		return nil, err
	}
	for {
		res, failed, err := w.deviceAttempt()
		switch {
		case err != nil:
			return nil, err
		case res != nil:
			return res, nil
		}
		w.failed = failed
		w.show(wizard.DeviceFailedBlocks(w.env, failed, wizard.AuthKeys{}))
		menu, actions := wizard.DeviceFailedChoices(w.env, w.creds)
		i, err := w.pick(&menu)
		if err != nil {
			return nil, err
		}
		switch actions[i] {
		case wizard.ActQuit:
			return nil, errQuit
		case wizard.ActBack:
			if err := w.backToCredentials(); err != nil {
				return nil, err
			}
			if err := w.beginDevice(); err != nil {
				return nil, err
			}
		}
		w.say(w.env.T.T("authorize.a11y.new_attempt"))
	}
}

// beginDevice starts the device sign-in's section: its title, the warning
// about saved connections of the same app and the question before it.
func (w *conversation) beginDevice() error {
	w.section(wizard.DeviceTitle(w.env))
	return w.confirmAuthorize()
}

// deviceAttempt asks Zoom for a code, says where to approve it and waits;
// failed is why the attempt failed, err that the person left.
func (w *conversation) deviceAttempt() (res *oauthflow.Result, failed, err error) {
	client := wizard.DeviceClient(w.env, w.creds)
	dc, err := client.DeviceAuth(w.ctx)
	if err != nil {
		if w.ctx.Err() != nil {
			return nil, nil, errStop
		}
		return nil, err, nil
	}
	wizard.AnnounceAttempt(w.env, dc.URL())
	var openErr error
	if !w.env.NoBrowser && w.env.OpenURL != nil {
		openErr = w.env.OpenURL(dc.URL())
	}
	w.show(wizard.DeviceBlocks(w.env, wizard.DeviceWaiting{Code: dc, Left: dc.Expiry.Sub(w.now()), OpenErr: openErr}))
	w.say(w.env.T.T("device.quit_letter", "Key", letterQuit))
	ctx, cancel := context.WithCancel(w.ctx)
	defer cancel()
	results := make(chan waitEnd, 1)
	go func() {
		res, err := client.DeviceToken(ctx, dc)
		results <- waitEnd{res: res, err: err}
	}()
	end, got, err := w.waitLines(ctx, results, isQuit, w.deviceLetter,
		func() string { return wizard.StillWaitingDevice(w.env, dc.Expiry.Sub(w.now())) })
	if !got {
		cancel()
		<-results // the poll has stopped
		return nil, nil, err
	}
	if end.err != nil {
		return nil, end.err, nil
	}
	return end.res, nil, nil
}

// isQuit reports whether line is the letter that stops the wait.
func isQuit(line string) bool { return strings.EqualFold(strings.TrimSpace(line), letterQuit) }

// deviceLetter acts on a line typed while the code waits: q quits, any
// other (on a terminal) is answered with the letter to type.
func (w *conversation) deviceLetter(line string) (waitEnd, bool, error) {
	switch {
	case isQuit(line):
		return waitEnd{}, true, errQuit
	case strings.TrimSpace(line) != "":
		w.say(w.env.T.T("device.quit_letter", "Key", letterQuit))
	}
	return waitEnd{}, false, nil
}
