package steps

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// Credentials is the "Enter the app's credentials" screen. For a
// bring-your-own app it asks for the client ID, the client secret (masked;
// ctrl+r reveals it) and an optional expected account email, and shows how
// to set the Zoom app up. For the organization's app the ID and secret come
// from the provisioned app file, so only the optional email is asked: the
// screen is kept (not skipped) because it shows which app will be used and
// where it came from before the browser opens.
type Credentials struct {
	env      *Env
	authType storage.AuthType
	// resuming is a resumed attempt whose client secret is asked again
	// (the only field then); nil otherwise.
	resuming *wizard.Creds
	org      *storage.OrgApp // non-nil when using the organization's app
	fields   []wizard.Field
	inputs   []textinput.Model
	errs     []string
	focus    int
	revealed bool
	width    int
	height   int
	// memo is the page last built and the state it was built for.
	memo struct {
		key  string
		page page.Page
	}
}

// NewCredentials builds the screen for auth type t. AuthOrgApp with no
// provisioned app falls back to asking for everything.
func NewCredentials(env *Env, t storage.AuthType) *Credentials {
	return newCredentials(env, t, nil)
}

// NewResumeSecret builds the screen that asks only for the client secret
// of resumed attempt r (its app has one and no keyring kept it).
func NewResumeSecret(env *Env, r wizard.Creds) *Credentials {
	return newCredentials(env, r.AuthType, &r)
}

func newCredentials(env *Env, t storage.AuthType, resuming *wizard.Creds) *Credentials {
	s := &Credentials{env: env, authType: t, fields: wizard.CredsFields(env.W, t), resuming: resuming}
	if resuming != nil {
		s.fields = []wizard.Field{wizard.FieldSecret}
	}
	if t == storage.AuthOrgApp && env.W.OrgApp != nil {
		s.org = env.W.OrgApp
	}
	for _, f := range s.fields {
		s.inputs = append(s.inputs, newCredInput(env.W, f))
	}
	s.errs = make([]string, len(s.fields))
	s.inputs[0].Focus()
	return s
}

func newCredInput(c *wizard.Config, f wizard.Field) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	_, in.Placeholder, _ = wizard.FieldText(c, f, false, "")
	switch f {
	case wizard.FieldClientID:
		in.CharLimit = 128
	case wizard.FieldSecret:
		in.CharLimit = 256
		in.EchoMode, in.EchoCharacter = textinput.EchoPassword, '•'
	case wizard.FieldEmail:
		in.CharLimit = 254
	}
	in.SetValue(c.Preset(f)) // --email
	return in
}

// Init implements Step: it starts the cursor blinking.
func (s *Credentials) Init() tea.Cmd { return textinput.Blink }

// Refocus implements Refocuser: the focused field gets its focus and
// blink back; typed text and the field in focus are kept.
func (s *Credentials) Refocus() tea.Cmd { return s.inputs[s.focus].Focus() }

// Title implements Step.
func (s *Credentials) Title() string { return s.page().Title }

// Typing implements Typing: a text field always has the focus here.
func (s *Credentials) Typing() bool { return true }

// SetSize implements Step.
func (s *Credentials) SetSize(width, height int) {
	s.width, s.height = width, height
	for i := range s.inputs {
		s.inputs[i].SetWidth(max(1, min(width-4, 64)))
	}
}

// Fields lists the fields this screen asks for, in order.
func (s *Credentials) Fields() []wizard.Field { return s.fields }

// FocusedField is the field that receives typed keys.
func (s *Credentials) FocusedField() wizard.Field { return s.fields[s.focus] }

// Value returns what is typed in f ("" when f is not asked).
func (s *Credentials) Value(f wizard.Field) string {
	if i := s.index(f); i >= 0 {
		return s.inputs[i].Value()
	}
	return ""
}

// Err returns the validation message shown under f, "" when none.
func (s *Credentials) Err(f wizard.Field) string {
	if i := s.index(f); i >= 0 {
		return s.errs[i]
	}
	return ""
}

// Revealed reports whether the secret is shown in clear.
func (s *Credentials) Revealed() bool { return s.revealed }

func (s *Credentials) index(f wizard.Field) int {
	for i, g := range s.fields {
		if g == f {
			return i
		}
	}
	return -1
}

// Update implements Step.
func (s *Credentials) Update(msg tea.Msg) (Step, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return s, s.handleKey(msg)
	case tea.BackgroundColorMsg:
		return s, nil // the root restyled; InputView draws the inputs in the new styles
	default:
		var cmd tea.Cmd
		s.inputs[s.focus], cmd = s.inputs[s.focus].Update(msg)
		return s, cmd
	}
}

func (s *Credentials) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.env.Keys.Credentials
	switch {
	case key.Matches(msg, k.Back):
		return Emit(wizard.Back{})
	case key.Matches(msg, k.Reveal):
		s.toggleReveal()
	case key.Matches(msg, k.NextField):
		return s.move(+1)
	case key.Matches(msg, k.PrevField):
		return s.move(-1)
	case key.Matches(msg, k.Next):
		if s.focus == len(s.fields)-1 {
			return s.submit()
		}
		return s.move(+1)
	default:
		var cmd tea.Cmd
		s.inputs[s.focus], cmd = s.inputs[s.focus].Update(msg)
		if s.errs[s.focus] != "" { // re-check live once a message shows
			s.validate(s.focus)
		}
		return cmd
	}
	return nil
}

func (s *Credentials) toggleReveal() {
	i := s.index(wizard.FieldSecret)
	if i < 0 {
		return
	}
	s.revealed = !s.revealed
	s.inputs[i].EchoMode = textinput.EchoPassword
	if s.revealed {
		s.inputs[i].EchoMode = textinput.EchoNormal
	}
}

// move validates the field being left and focuses the one delta away
// (wrapping around). Nothing typed is lost.
func (s *Credentials) move(delta int) tea.Cmd {
	s.inputs[s.focus].Blur()
	s.validate(s.focus)
	s.focus = (s.focus + delta + len(s.fields)) % len(s.fields)
	return s.inputs[s.focus].Focus()
}

// validate trims field i and sets its message; it reports whether it is valid.
func (s *Credentials) validate(i int) bool {
	v := strings.TrimSpace(s.inputs[i].Value())
	if v != s.inputs[i].Value() && !s.inputs[i].Focused() {
		s.inputs[i].SetValue(v)
	}
	s.errs[i] = wizard.CheckField(s.env.W, s.fields[i], v, s.clientID())
	return s.errs[i] == ""
}

// clientID is the client ID the secret must not repeat: typed, or the
// resumed attempt's.
func (s *Credentials) clientID() string {
	if s.resuming != nil {
		return s.resuming.App.ClientID
	}
	return strings.TrimSpace(s.Value(wizard.FieldClientID))
}

// submit validates every field; on success it emits CredentialsDoneMsg,
// else it focuses the first field with a problem.
func (s *Credentials) submit() tea.Cmd {
	s.inputs[s.focus].Blur()
	bad := -1
	for i := range s.fields {
		if !s.validate(i) && bad < 0 {
			bad = i
		}
	}
	if bad >= 0 {
		s.focus = bad
		return s.inputs[bad].Focus()
	}
	return Emit(s.result())
}

func (s *Credentials) result() wizard.CredsDone {
	val := func(f wizard.Field) string { return strings.TrimSpace(s.Value(f)) }
	if s.resuming != nil {
		return wizard.CredsDone{Creds: wizard.ResumedCreds(*s.resuming, val(wizard.FieldSecret))}
	}
	if s.org == nil {
		return wizard.CredsDone{Creds: wizard.OwnCreds(s.env.W, val(wizard.FieldClientID), val(wizard.FieldSecret), val(wizard.FieldEmail))}
	}
	return wizard.CredsDone{Creds: wizard.OrgCreds(s.env.W, val(wizard.FieldEmail))}
}
