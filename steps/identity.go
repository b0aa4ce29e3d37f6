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
// authorized, warns when it is not the expected account, and saves the
// connection only after the user says so.
type Identity struct {
	env      *Env
	creds    wizard.Creds
	result   *oauthflow.Result
	phase    idPhase
	user     *oauthflow.User
	err      error // users/me or save failure
	failedOp string
	keyErr   error // why the keyring could not be used
	existing *storage.Profile
	replaces []string // other profiles of the same Zoom user and app a save replaces
	probe    keyringProbe
	spin     spinner.Model
	width    int
	height   int
}

// Private messages of the identity screen.
type (
	identityMeMsg struct {
		user     *oauthflow.User
		existing *storage.Profile // the saved profile of the same name, if any
		replaces []string         // other profiles a save replaces
		err      error
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

// keyringProbe is what the screen knows of the system keyring.
type keyringProbe int

const (
	probeNone    keyringProbe = iota // not probed: no store, or --insecure-storage
	probeRunning                     // ProbeKeyring running
	probeOK                          // the keyring answered
	probeFailed                      // no keyring answered: a save will ask
)

// Init implements Step: users/me runs in a command, and so does a probe
// of the keyring, so the screen says truthfully where the tokens will go.
func (s *Identity) Init() tea.Cmd {
	s.phase = idLoading
	if s.result == nil || s.result.Token == nil {
		s.phase, s.err, s.failedOp = idFailed, errors.New("the authorization returned no token"), "users/me"
		return nil
	}
	client := &oauthflow.Client{App: s.creds.App, HTTPClient: s.env.W.HTTPClient, Now: s.env.Now}
	look := sameUser{conn: s.env.W.Conn, store: s.env.W.Store, name: s.env.W.Profile,
		clientID: s.creds.App.ClientID, authBase: s.creds.App.Endpoints.AuthBaseURL}
	return tea.Batch(meCmd(s.env.Ctx, client, s.result.Token.AccessToken, look), s.probeCmd(), s.spin.Tick)
}

// probeCmd checks the keyring once, unless a file was consented to.
func (s *Identity) probeCmd() tea.Cmd {
	if s.env.W.Store == nil || s.backend() != storage.BackendKeyring || s.probe != probeNone {
		return nil
	}
	s.probe = probeRunning
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
		s.probe = probeOK
		if msg.err != nil {
			s.probe, s.keyErr = probeFailed, msg.err
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
	s.phase, s.user, s.existing, s.replaces = idShow, msg.user, msg.existing, msg.replaces
	return nil
}

// Failure implements Failed: the users/me or save failure on screen.
func (s *Identity) Failure() error {
	if s.phase == idFailed {
		return s.err
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
			return Emit(wizard.Quit{Err: errors.New("connection not saved: the system keyring was unavailable and file storage was declined")})
		}
	case idFailed:
		switch {
		case key.Matches(msg, k.Retry) && s.failedOp == "save":
			return s.save(s.backend())
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
		return s.save(s.backend())
	case !s.mismatch() && key.Matches(msg, k.Save):
		return s.save(s.backend())
	}
	return nil
}

// Committing implements steps.Committing: from the moment the save starts
// until the root has its result.
func (s *Identity) Committing() bool { return s.phase == idSaving || s.phase == idSaved }

// mismatch reports that the expected account email differs from Zoom's.
func (s *Identity) mismatch() bool {
	return s.user != nil && wizard.Mismatch(s.creds.ExpectedEmail, s.user.Email)
}

// backend is the keyring unless --insecure-storage gave consent to a file.
func (s *Identity) backend() storage.SecretBackend { return s.env.W.Backend() }

// save starts saving with backend; nothing is written before this.
func (s *Identity) save(backend storage.SecretBackend) tea.Cmd {
	s.phase, s.err = idSaving, nil
	p := s.profile(backend)
	return tea.Batch(saveConnCmd(s.env.Ctx, s.env.W, p, s.secrets()), s.spin.Tick)
}

func (s *Identity) onSaved(msg identitySavedMsg) tea.Cmd {
	switch {
	case msg.err == nil:
		s.phase = idSaved
		return Emit(wizard.SavedEvent{Saved: msg.saved})
	case msg.backend == storage.BackendKeyring && wizard.KeyringFailed(msg.err):
		s.phase, s.keyErr = idConsent, msg.err
	default:
		s.phase, s.err, s.failedOp = idFailed, msg.err, "save"
	}
	return nil
}

// sameUser is what meCmd needs to find the profiles a save replaces.
type sameUser struct {
	conn     *connection.Manager
	store    *storage.Store
	name     string // the profile the wizard saves to
	clientID string
	authBase string
}

// meCmd asks Zoom who signed in, and reads the profiles a save would
// overwrite or replace (a read failure only loses that warning).
func meCmd(ctx context.Context, c *oauthflow.Client, accessToken string, look sameUser) tea.Cmd {
	return func() tea.Msg {
		u, err := c.Me(ctx, accessToken)
		msg := identityMeMsg{user: u, err: err}
		if err != nil {
			return msg
		}
		if look.store != nil {
			msg.existing, _ = look.store.LoadProfile(look.name)
		}
		msg.replaces = look.replaced(u.ID)
		return msg
	}
}

// replaced names the other profiles of user userID on the same app, which
// connection.Manager.SaveReplacing deletes on save.
func (l sameUser) replaced(userID string) []string {
	if l.conn == nil {
		return nil
	}
	same, err := l.conn.SameApp(l.clientID, l.authBase)
	if err != nil {
		return nil
	}
	var out []string
	for _, p := range same {
		if p.UserID == userID && p.Name != l.name {
			out = append(out, p.Name)
		}
	}
	return out
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
