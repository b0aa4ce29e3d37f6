package steps

import (
	"context"
	"errors"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// idPhase is where the identity screen is.
type idPhase int

const (
	idLoading idPhase = iota // users/me running
	idShow                   // who connected; waiting for the user's word
	idSaving                 // save running
	idSaved                  // saved; SavedMsg is on its way to the root
	idConsent                // keyring failed: asking before using a file
	idFailed                 // users/me or save failed
)

// Identity is the "Confirm and save" screen: it shows which Zoom user
// authorized, what saving does to the saved profiles (wizard.PlanSave),
// warns when it is not the expected account, and saves the connection
// only after the user says so. Its words are wizard's (IdentityPage and
// the blocks of each phase).
type Identity struct {
	env      *Env
	creds    wizard.Creds
	result   *oauthflow.Result
	phase    idPhase
	user     *oauthflow.User
	plan     *connection.SavePlan // what a save does; nil when unknown
	err      error                // users/me or save failure
	failedOp string
	keyErr   error                 // why the keyring could not be used
	saving   storage.SecretBackend // where the last save went (a retry goes there again)
	probe    wizard.Probe
	spin     spinner.Model
	width    int
	height   int
}

// Private messages of the identity screen.
type (
	identityMeMsg struct {
		user *oauthflow.User
		plan *connection.SavePlan
		err  error
	}
	keyringProbedMsg struct{ err error }
	identitySavedMsg struct {
		saved   wizard.Saved
		backend storage.SecretBackend
		err     error
	}
)

// NewIdentity builds the screen for the authorization in r.
func NewIdentity(env *Env, c wizard.Creds, r *oauthflow.Result) *Identity {
	c.App.Endpoints = c.Endpoints(env.W)
	return &Identity{env: env, creds: c, result: r, spin: spinner.New(spinner.WithSpinner(spinner.Dot)),
		width: 80, height: 20}
}

// Init implements Step: users/me runs in a command, and so does a probe
// of the keyring, so the screen says truthfully where the tokens will go.
func (s *Identity) Init() tea.Cmd {
	s.phase = idLoading
	if s.result == nil || s.result.Token == nil {
		s.phase, s.err, s.failedOp = idFailed, errors.New("the authorization returned no token"), "users/me"
		return nil
	}
	client := &oauthflow.Client{App: s.creds.App, HTTPClient: s.env.W.HTTPClient, Now: s.env.Now}
	return tea.Batch(meCmd(s.env.Ctx, s.env.W, s.creds, client, s.result.Token.AccessToken), s.probeCmd(), s.spin.Tick)
}

// probeCmd checks the keyring once.
func (s *Identity) probeCmd() tea.Cmd {
	if s.env.W.Store == nil || s.probe != wizard.ProbeNone {
		return nil
	}
	s.probe = wizard.ProbeChecking
	ctx, st := s.env.Ctx, s.env.W.Store
	return func() tea.Msg { return keyringProbedMsg{err: st.ProbeKeyring(ctx)} }
}

// Update implements Step.
func (s *Identity) Update(msg tea.Msg) (Step, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return s, s.handleKey(msg)
	case identityMeMsg:
		return s, s.onMe(msg)
	case keyringProbedMsg:
		s.probe = wizard.ProbeOK
		if msg.err != nil {
			s.probe, s.keyErr = wizard.ProbeFailed, msg.err
		}
	case identitySavedMsg:
		return s, s.onSaved(msg)
	case spinner.TickMsg:
		if s.phase == idLoading || s.phase == idSaving {
			var cmd tea.Cmd
			s.spin, cmd = s.spin.Update(msg)
			return s, cmd
		}
	}
	return s, nil
}

// onMe shows who signed in. A pre-approval error (4738: an admin disabled
// the app's token) leads to the pre-approval screen, like at authorize.
func (s *Identity) onMe(msg identityMeMsg) tea.Cmd {
	if msg.err != nil {
		s.phase, s.err, s.failedOp = idFailed, msg.err, "users/me"
		if oauthflow.IsPreapproval(msg.err) {
			return Emit(wizard.PreapprovalNeeded{Cause: msg.err})
		}
		return nil
	}
	s.phase, s.user, s.plan = idShow, msg.user, msg.plan
	if s.env.W.SavesAtOnce(s.signin()) { // --yes, and the account expected
		return s.save(storage.BackendKeyring)
	}
	return nil
}

// Failure implements Failed: the users/me or save failure on screen, and
// on the file question the keyring's failure (the save could not go to
// the keyring), so that leaving there ends with the storage error, not a
// bare cancel.
func (s *Identity) Failure() error {
	switch s.phase {
	case idFailed:
		return s.err
	case idConsent:
		return s.keyErr
	}
	return nil
}

func (s *Identity) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.env.Keys.Identity
	switch s.phase {
	case idShow:
		return s.showKey(msg)
	case idConsent:
		switch {
		case key.Matches(msg, k.UseFile):
			return s.save(storage.BackendFile)
		case key.Matches(msg, k.NoFile):
			return Emit(wizard.Quit{Err: wizard.NewFileDeclinedError(s.env.W, s.keyErr)})
		}
	case idFailed:
		switch {
		case key.Matches(msg, k.Retry) && s.failedOp == "save":
			return s.save(s.saving) // where it failed: the file once consented to
		case key.Matches(msg, k.Retry):
			return s.Init()
		case key.Matches(msg, k.Back):
			return Emit(wizard.Back{})
		}
	}
	return nil
}

func (s *Identity) showKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.env.Keys.Identity
	switch {
	case key.Matches(msg, k.StartOver):
		return Emit(wizard.StartOver{})
	case key.Matches(msg, k.Back):
		return Emit(wizard.Back{})
	case s.mismatch() && key.Matches(msg, k.SaveAnyway):
		return s.save(storage.BackendKeyring)
	case !s.mismatch() && key.Matches(msg, k.Save):
		return s.save(storage.BackendKeyring)
	}
	return nil
}

// Committing implements steps.Committing: from the moment the save starts
// until the root has its result.
func (s *Identity) Committing() bool { return s.phase == idSaving || s.phase == idSaved }

// signin is what the wizard's page builders need to know.
func (s *Identity) signin() wizard.Signin {
	return wizard.Signin{Creds: s.creds, User: s.user, Plan: s.plan, Probe: s.probe, KeyErr: s.keyErr}
}

// mismatch reports that the expected account email differs from Zoom's.
func (s *Identity) mismatch() bool { return s.signin().Mismatch() }

// save starts saving with backend; nothing is written before this.
func (s *Identity) save(backend storage.SecretBackend) tea.Cmd {
	s.phase, s.err, s.saving = idSaving, nil, backend
	p := s.profile(backend)
	return tea.Batch(saveConnCmd(s.env.Ctx, s.env.W, p, s.secrets()), s.spin.Tick)
}

func (s *Identity) onSaved(msg identitySavedMsg) tea.Cmd {
	if msg.err == nil {
		s.phase = idSaved
		return Emit(wizard.SavedEvent{Saved: msg.saved})
	}
	switch s.env.W.FallbackAfter(msg.backend, msg.err) {
	case wizard.FallbackFile:
		s.keyErr = msg.err
		return s.save(storage.BackendFile)
	case wizard.FallbackAsk:
		s.phase, s.keyErr = idConsent, msg.err
	default:
		s.phase, s.err, s.failedOp = idFailed, msg.err, "save"
	}
	return nil
}

// meCmd asks Zoom who signed in, then what saving that user's login would
// do (wizard.PlanSave: a read failure only loses that warning).
func meCmd(ctx context.Context, cfg *wizard.Config, c wizard.Creds, client *oauthflow.Client, accessToken string) tea.Cmd {
	return func() tea.Msg {
		u, err := client.Me(ctx, accessToken)
		if err != nil {
			return identityMeMsg{err: err}
		}
		return identityMeMsg{user: u, plan: wizard.PlanSave(cfg, c, u)}
	}
}

// saveConnCmd saves the connection through wizard.SaveConnection (not
// stopped halfway by a quit).
func saveConnCmd(parent context.Context, cfg *wizard.Config, p storage.Profile, sec storage.Secrets) tea.Cmd {
	return func() tea.Msg {
		saved, err := wizard.SaveConnection(parent, cfg, p, sec)
		return identitySavedMsg{saved: saved, backend: p.SecretBackend, err: err}
	}
}

// profile is what gets saved (no secrets).
func (s *Identity) profile(backend storage.SecretBackend) storage.Profile {
	return wizard.ProfileFor(s.env.W, s.creds, s.result, s.user, backend)
}

// secrets are the token pair and the client secret.
func (s *Identity) secrets() storage.Secrets { return wizard.SecretsFor(s.creds, s.result) }
