package steps

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// pasteBox is the headless fallback: over SSH the browser runs on another
// machine, so its redirect to 127.0.0.1 fails there; the user pastes the
// address the browser ended on and the session completes from it.
type pasteBox struct {
	input    textinput.Model
	on       bool
	empty    bool  // enter was pressed with nothing pasted
	checking bool  // the address was handed to the session
	err      error // why the session refused it
}

// pasteDoneMsg reports a pasted URL handed to the session.
type pasteDoneMsg struct{ err error }

func newPasteBox(c *wizard.Config) pasteBox {
	in := textinput.New()
	in.Placeholder = wizard.PastePlaceholder(c)
	in.Prompt = "" // the field's bar marks the focus
	in.CharLimit = 4096
	return pasteBox{input: in}
}

func (p *pasteBox) active() bool { return p.on }

func (p *pasteBox) reset() {
	p.on, p.empty, p.checking, p.err = false, false, false, nil
	p.input.Reset()
	p.input.Blur()
}

func (p *pasteBox) open() tea.Cmd {
	p.on, p.empty, p.checking, p.err = true, false, false, nil
	return p.input.Focus()
}

// state is the box as the wizard's waiting page takes it, nil while it is
// closed; redirect is the attempt's redirect URL.
func (p *pasteBox) state(redirect string) *wizard.Paste {
	if !p.on {
		return nil
	}
	return &wizard.Paste{Empty: p.empty, Checking: p.checking, Err: p.err, Redirect: redirect}
}

// update handles keys and pastes while the box is open.
func (p *pasteBox) update(msg tea.Msg, keys PasteKeys, ctx context.Context, sess *oauthflow.Session) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, keys.Close):
			p.reset()
			return nil
		case key.Matches(k, keys.Send):
			return p.submit(ctx, sess)
		}
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return cmd
}

func (p *pasteBox) submit(ctx context.Context, sess *oauthflow.Session) tea.Cmd {
	raw := strings.TrimSpace(p.input.Value())
	p.err = nil
	if raw == "" {
		p.empty, p.checking = true, false
		return nil
	}
	p.empty, p.checking = false, true
	return completeFromURLCmd(ctx, sess, raw)
}

func (p *pasteBox) done(msg pasteDoneMsg) {
	p.checking = false
	if msg.err != nil {
		p.err = msg.err
		return
	}
	p.reset()
}

// completeFromURLCmd hands the pasted address to the session; on success
// the session's Wait returns the result as if the browser had come back.
func completeFromURLCmd(ctx context.Context, sess *oauthflow.Session, raw string) tea.Cmd {
	if sess == nil {
		return nil
	}
	return func() tea.Msg {
		_, err := sess.CompleteFromURL(ctx, raw)
		return pasteDoneMsg{err: err}
	}
}
