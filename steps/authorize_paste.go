package steps

import (
	"context"
	"errors"
	"fmt"
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
	input  textinput.Model
	on     bool
	status string
}

// pasteDoneMsg reports a pasted URL handed to the session.
type pasteDoneMsg struct{ err error }

func newPasteBox() pasteBox {
	in := textinput.New()
	in.Placeholder = "http://127.0.0.1:PORT/callback?code=…&state=…"
	in.Prompt = "> "
	in.CharLimit = 4096
	return pasteBox{input: in}
}

func (p *pasteBox) active() bool { return p.on }

func (p *pasteBox) reset() {
	p.on, p.status = false, ""
	p.input.Reset()
	p.input.Blur()
}

func (p *pasteBox) open() tea.Cmd {
	p.on, p.status = true, ""
	return p.input.Focus()
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
	if raw == "" {
		p.status = "Paste the whole address from the browser's address bar first."
		return nil
	}
	p.status = "Checking…"
	return completeFromURLCmd(ctx, sess, raw)
}

func (p *pasteBox) done(msg pasteDoneMsg) {
	if msg.err != nil {
		p.status = "✗ " + wizard.Reason(msg.err)
		return
	}
	p.reset()
}

// completeFromURLCmd hands the pasted address to the session; on success
// the session's Wait returns the result as if the browser had come back.
func completeFromURLCmd(ctx context.Context, sess *oauthflow.Session, raw string) tea.Cmd {
	return func() tea.Msg {
		if sess == nil {
			return pasteDoneMsg{err: errors.New("no login is waiting; press r to start one")}
		}
		if _, err := sess.CompleteFromURL(ctx, raw); err != nil {
			var e *oauthflow.Error
			if errors.As(err, &e) && e.Reason != "" {
				return pasteDoneMsg{err: errors.New(e.Reason)}
			}
			return pasteDoneMsg{err: fmt.Errorf("that address did not complete the login: %s", wizard.Reason(err))}
		}
		return pasteDoneMsg{}
	}
}

// view draws the box wrapped at width, or nothing when closed.
func (p *pasteBox) view(st *Styles, width int) string {
	if !p.on {
		return ""
	}
	out := st.Strong.Render(reflow("Paste the address your browser ended on (enter sends, esc closes):", max(width, 10))) + "\n" + p.input.View()
	if p.status != "" {
		out += "\n" + reflow(p.status, max(width, 10))
	}
	return out
}
