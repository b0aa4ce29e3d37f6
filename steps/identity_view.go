package steps

import (
	"charm.land/bubbles/v2/key"

	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// View implements Step: the wizard's blocks of the phase.
func (s *Identity) View() string {
	c, st := s.env.W, s.env.Styles
	var body string
	switch s.phase {
	case idLoading, idSaving:
		body = st.SpinnerView(&s.spin) + " " + st.Render([]page.Block{page.Para(wizard.StatusLine(c, s.phase == idSaving, false))}, s.width-2, nil)
	case idSaved:
		body = st.Render([]page.Block{page.OK(wizard.StatusLine(c, false, true))}, s.width, nil)
	default:
		body = st.Render(s.blocks(), s.width, nil)
	}
	return fitHeight(body, s.width, s.height)
}

// blocks are what the screen says in the phases that wait for an answer.
func (s *Identity) blocks() []page.Block {
	c, k, quit := s.env.W, s.env.Keys.Identity, s.env.Keys.Quit.Help().Key
	switch s.phase {
	case idConsent:
		return wizard.ConsentBlocks(c, s.keyErr, wizard.ConsentKeys{Yes: k.UseFile.Help().Key, No: k.NoFile.Help().Key})
	case idFailed:
		keys := wizard.FailureKeys{Retry: k.Retry.Help().Key, Back: k.Back.Help().Key, Quit: quit}
		if s.failedOp == "save" {
			return wizard.SaveFailedBlocks(c, s.err, keys)
		}
		return wizard.MeFailedBlocks(c, s.err, keys)
	}
	return wizard.IdentityPage(c, s.signin(), wizard.IdentityKeys{Save: k.Save.Help().Key,
		SaveAnyway: k.SaveAnyway.Help().Key, StartOver: k.StartOver.Help().Key, Back: k.Back.Help().Key}).Blocks
}

// SetSize implements Step.
func (s *Identity) SetSize(width, height int) { s.width, s.height = width, height }

// Title implements Step.
func (s *Identity) Title() string { return wizard.IdentityTitle(s.env.W) }

// ShortHelp implements help.KeyMap, by phase: only the keys that act, and
// only the ones that answer the question, so that the line fits 80
// columns in French too (the root puts quit and "more keys" first).
func (s *Identity) ShortHelp() []key.Binding {
	k := s.env.Keys.Identity
	switch s.phase {
	case idShow:
		if s.mismatch() {
			return []key.Binding{k.StartOver, k.Back}
		}
		return []key.Binding{k.Save, k.Back}
	case idConsent:
		return []key.Binding{k.UseFile, k.NoFile}
	case idFailed:
		return []key.Binding{k.Retry, k.Back}
	}
	return nil
}

// FullHelp implements help.KeyMap: every key that acts.
func (s *Identity) FullHelp() [][]key.Binding {
	k := s.env.Keys.Identity
	if s.phase != idShow {
		return [][]key.Binding{s.ShortHelp()}
	}
	if s.mismatch() {
		return [][]key.Binding{{k.StartOver, k.SaveAnyway, k.Back}}
	}
	return [][]key.Binding{{k.Save, k.StartOver, k.Back}}
}
