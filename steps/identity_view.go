package steps

import (
	"fmt"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"

	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// View implements Step.
func (s *Identity) View() string {
	var parts []string
	switch s.phase {
	case idLoading:
		parts = []string{s.spin.View() + " Asking Zoom who signed in…"}
	case idShow:
		parts = s.showView()
	case idSaving:
		parts = []string{s.spin.View() + " Saving the connection…"}
	case idSaved:
		parts = []string{s.env.Styles.OK.Render("✓ Saved.")}
	case idConsent:
		parts = s.consentView()
	case idFailed:
		parts = s.failedView()
	}
	return fitHeight(strings.Join(parts, "\n\n"), s.width, s.height)
}

func (s *Identity) showView() []string {
	st, u := s.env.Styles, s.user
	parts := []string{
		s.wrap(st.OK.Render("✓ Connected as") + " " + st.Strong.Render(u.Name()) + " <" + u.Email + ">"),
		s.wrap(s.accountLine()),
	}
	parts = append(parts, s.replaceLines()...)
	if s.mismatch() {
		parts = append(parts, st.Warn.Render(s.wrap(fmt.Sprintf(
			"! You expected %s, but Zoom signed in %s. If you meant the other account, press ctrl+n to start over and sign out of Zoom in the browser first. Press y to save this account anyway.",
			s.creds.ExpectedEmail, u.Email))))
		return parts
	}
	return append(parts, s.wrap(fmt.Sprintf("Save this connection as profile %q? %s Press y or enter to save, esc to go back.",
		s.env.W.Profile, s.tokensLine())))
}

// tokensLine says where the tokens will go, as far as the keyring probe
// knows: no promise of the keyring before it answered.
func (s *Identity) tokensLine() string {
	switch {
	case s.backend() == storage.BackendFile:
		return "Its tokens go to " + s.where(storage.BackendFile) + " (you consented with --insecure-storage)."
	case s.probe == probeRunning:
		return "Its tokens go to the system keyring if it answers (checking now); if not, zoomconnect will ask where to keep them."
	case s.probe == probeFailed:
		// A sentence of its own: the reason may carry brackets and a
		// "so …" of its own, which would nest inside ours.
		return "No system keyring answered: " + lowerFirst(strings.TrimSuffix(wizard.Reason(s.keyErr), ".")) +
			". When you save, zoomconnect will ask where to keep the tokens."
	}
	return "Its tokens go to " + s.where(storage.BackendKeyring) + "."
}

// replaceLines say which saved profiles a save replaces, before the user
// confirms: the profile of the same name, and other profiles of the same
// Zoom user and app (Zoom keeps only the latest authorization).
func (s *Identity) replaceLines() []string {
	st := s.env.Styles
	var out []string
	if o := s.overwrites(); o != nil {
		out = append(out, st.Warn.Render(s.wrap(fmt.Sprintf(
			"! Saving replaces the saved connection %q (%s, client ID %s). Use --profile NAME to keep both.",
			o.Name, orDash(o.Email), o.ClientID))))
	} else if s.existing != nil {
		out = append(out, s.wrap(fmt.Sprintf("Saving updates the saved connection %q (same account and app) with this new authorization.", s.existing.Name)))
	}
	if len(s.replaces) > 0 {
		out = append(out, st.Warn.Render(s.wrap(fmt.Sprintf(
			"! Saving also replaces %s: the same Zoom user on the same app. Zoom keeps only the latest authorization, so it stopped working when you authorized just now.",
			quoteList(s.replaces)))))
	}
	return out
}

// quoteList is `"a"`, `"a" and "b"`, `"a", "b" and "c"`.
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	if len(q) == 1 {
		return "the saved connection " + q[0]
	}
	return "the saved connections " + strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// overwrites returns the saved profile of the same name when it belongs
// to another Zoom user or app; saving again over one's own is routine.
func (s *Identity) overwrites() *storage.Profile {
	o := s.existing
	if o == nil || (o.UserID == s.user.ID && o.ClientID == s.creds.App.ClientID) {
		return nil
	}
	return o
}

func (s *Identity) accountLine() string {
	u := s.user
	line := "Account " + orDash(u.AccountID) + ", user type " + u.TypeName()
	if u.RoleName != "" {
		line += ", role " + u.RoleName
	}
	return line + "."
}

func (s *Identity) consentView() []string {
	st := s.env.Styles
	path := s.where(storage.BackendFile)
	return []string{
		st.Warn.Render(s.wrap("! The system keyring could not keep the connection's tokens. " + wizard.Reason(s.keyErr))),
		s.wrap("To use the keyring, run zoomconnect in a desktop session with the keyring unlocked (zoomconnect doctor checks it). Or zoomconnect can keep them in a file that only your user can read (mode 0600) instead:"),
		st.Code.Render(path),
		s.wrap("The risk: anything that runs as you, and anyone who gets a copy of this file (a backup, a synced home directory), can use your Zoom connection until you run zoomconnect logout. Nothing has been saved yet."),
		st.Strong.Render("Store the tokens in this file? y: yes · n: no, quit without saving"),
	}
}

func (s *Identity) failedView() []string {
	out := explainView(s.env, s.err, s.width)
	if s.failedOp == "save" {
		return append(out, s.wrap("Nothing new was saved. Press r to try again, esc to go back."))
	}
	return append(out, s.wrap("Press r to ask Zoom again, esc to go back."))
}

// where names where secrets go for backend, for the user.
func (s *Identity) where(backend storage.SecretBackend) string {
	if s.env.W.Store == nil {
		return string(backend)
	}
	p := storage.Profile{Name: s.env.W.Profile, SecretBackend: backend}
	if backend == storage.BackendKeyring {
		return "the " + s.env.W.Store.SecretsLocation(&p)
	}
	return s.env.W.Store.SecretsLocation(&p)
}

func (s *Identity) wrap(text string) string { return reflow(text, max(s.width, 10)) }

func orDash(v string) string {
	if v == "" {
		return "—"
	}
	return v
}

// SetSize implements Step.
func (s *Identity) SetSize(width, height int) { s.width, s.height = width, height }

// Title implements Step.
func (s *Identity) Title() string { return "Confirm and save" }

// ShortHelp implements help.KeyMap, by phase.
func (s *Identity) ShortHelp() []key.Binding {
	k := s.env.Keys.Identity
	switch s.phase {
	case idShow:
		if s.mismatch() {
			return []key.Binding{k.StartOver, k.SaveAnyway, k.Back}
		}
		return []key.Binding{k.Save, k.StartOver, k.Back}
	case idConsent:
		return []key.Binding{k.UseFile, k.NoFile}
	case idFailed:
		return []key.Binding{k.Retry, k.Back}
	}
	return nil
}

// FullHelp implements help.KeyMap.
func (s *Identity) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

// lowerFirst lowercases the first letter of a reason that continues a
// sentence ("No D-Bus …" after a colon), unless it starts an acronym
// ("D-Bus", "HTTP").
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 || (len(r) > 1 && unicode.IsUpper(r[1])) {
		return s
	}
	r[0] = unicode.ToLower(r[0])
	return string(r)
}
