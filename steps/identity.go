package steps

import (
	"context"
	"errors"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
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
	creds    CredentialsDoneMsg
	result   *oauthflow.Result
	phase    idPhase
	user     *oauthflow.User
	err      error // users/me or save failure
	failedOp string
	keyErr   error // why the keyring could not be used
	existing *storage.Profile
	spin     spinner.Model
	width    int
	height   int
}

// Private messages of the identity screen.
type (
	identityMeMsg struct {
		user     *oauthflow.User
		existing *storage.Profile // the saved profile of the same name, if any
		err      error
	}
	identitySavedMsg struct {
		saved   SavedMsg
		backend storage.SecretBackend
		err     error
	}
)

// NewIdentity builds the screen for the authorization in r.
func NewIdentity(env *Env, c CredentialsDoneMsg, r *oauthflow.Result) *Identity {
	c.App.Endpoints = appEndpoints(env, c)
	return &Identity{env: env, creds: c, result: r, spin: spinner.New(spinner.WithSpinner(spinner.Dot)),
		width: 80, height: 20}
}

// Init implements Step: users/me runs in a command.
func (s *Identity) Init() tea.Cmd {
	s.phase = idLoading
	if s.result == nil || s.result.Token == nil {
		s.phase, s.err, s.failedOp = idFailed, errors.New("the authorization returned no token"), "users/me"
		return nil
	}
	client := &oauthflow.Client{App: s.creds.App, HTTPClient: s.env.HTTPClient, Now: s.env.Now}
	return tea.Batch(meCmd(s.env.Ctx, client, s.result.Token.AccessToken, s.env.Store, s.env.ProfileName), s.spin.Tick)
}

// Update implements Step.
func (s *Identity) Update(msg tea.Msg) (Step, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return s, s.handleKey(msg)
	case identityMeMsg:
		s.onMe(msg)
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

func (s *Identity) onMe(msg identityMeMsg) {
	if msg.err != nil {
		s.phase, s.err, s.failedOp = idFailed, msg.err, "users/me"
		return
	}
	s.phase, s.user, s.existing = idShow, msg.user, msg.existing
}

func (s *Identity) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.env.Keys
	switch s.phase {
	case idShow:
		return s.showKey(msg)
	case idConsent:
		switch {
		case key.Matches(msg, k.Confirm):
			return s.save(storage.BackendFile)
		case key.Matches(msg, k.No):
			return Emit(QuitMsg{Err: errors.New("connection not saved: the system keyring was unavailable and file storage was declined")})
		}
	case idFailed:
		switch {
		case key.Matches(msg, k.Retry) && s.failedOp == "save":
			return s.save(s.backend())
		case key.Matches(msg, k.Retry):
			return s.Init()
		case key.Matches(msg, k.Back):
			return Emit(BackMsg{})
		}
	}
	return nil
}

func (s *Identity) showKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.env.Keys
	switch {
	case key.Matches(msg, k.StartOver):
		return Emit(StartOverMsg{})
	case key.Matches(msg, k.Back):
		return Emit(BackMsg{})
	case s.mismatch() && key.Matches(msg, k.Confirm):
		return s.save(s.backend())
	case !s.mismatch() && key.Matches(msg, k.Yes):
		return s.save(s.backend())
	}
	return nil
}

// Committing implements steps.Committing: from the moment the save starts
// until the root has its result.
func (s *Identity) Committing() bool { return s.phase == idSaving || s.phase == idSaved }

// mismatch reports that the expected account email differs from Zoom's.
func (s *Identity) mismatch() bool {
	want := strings.TrimSpace(s.creds.ExpectedEmail)
	return s.user != nil && want != "" && !strings.EqualFold(want, strings.TrimSpace(s.user.Email))
}

// backend is the keyring unless --insecure-storage gave consent to a file.
func (s *Identity) backend() storage.SecretBackend {
	if s.env.InsecureStorage {
		return storage.BackendFile
	}
	return storage.BackendKeyring
}

// save starts saving with backend; nothing is written before this.
func (s *Identity) save(backend storage.SecretBackend) tea.Cmd {
	s.phase, s.err = idSaving, nil
	p := s.profile(backend)
	return tea.Batch(saveConnCmd(s.env.Ctx, s.env.Conn, s.env.Store, p, s.secrets()), s.spin.Tick)
}

func (s *Identity) onSaved(msg identitySavedMsg) tea.Cmd {
	switch {
	case msg.err == nil:
		s.phase = idSaved
		return Emit(msg.saved)
	case msg.backend == storage.BackendKeyring && keyringFailed(msg.err):
		s.phase, s.keyErr = idConsent, msg.err
	default:
		s.phase, s.err, s.failedOp = idFailed, msg.err, "save"
	}
	return nil
}

func keyringFailed(err error) bool {
	return errors.Is(err, storage.ErrKeyringUnavailable) || errors.Is(err, storage.ErrKeyringTimeout)
}

// meCmd asks Zoom who signed in, and reads the profile a save would
// overwrite (a read failure only loses that warning).
func meCmd(ctx context.Context, c *oauthflow.Client, accessToken string, st *storage.Store, name string) tea.Cmd {
	return func() tea.Msg {
		u, err := c.Me(ctx, accessToken)
		msg := identityMeMsg{user: u, err: err}
		if err == nil && st != nil {
			msg.existing, _ = st.LoadProfile(name)
		}
		return msg
	}
}

// SaveTimeout bounds a save once started. The save does not stop when
// the screen's context is canceled (ctrl+c, leaving the screen): files and
// keyring items written halfway would leave a connection that exists while
// the wizard says "canceled". It ends on its own deadline instead.
const SaveTimeout = 30 * time.Second

// saveConnCmd saves the connection (secrets first, then the profile),
// replaces other profiles of the same Zoom user and app, and clears a
// pending attempt of the profile. It runs under parent's values but not
// its cancellation, with SaveTimeout as the deadline.
func saveConnCmd(parent context.Context, m *connection.Manager, st *storage.Store, p storage.Profile, sec storage.Secrets) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(parent), SaveTimeout)
		defer cancel()
		done := identitySavedMsg{backend: p.SecretBackend}
		if m == nil {
			done.err = errors.New("no connection store is configured")
			return done
		}
		replaced, err := m.SaveReplacing(ctx, &p, p.SecretBackend, sec)
		if err != nil {
			done.err = err // already says "save PROFILE: ..."
			return done
		}
		if st != nil {
			_ = st.ClearPending(ctx, p.Name) // best effort: a stale pending attempt only offers a resume
		}
		where := storage.KeyringName()
		if st != nil {
			where = st.SecretsLocation(&p)
		}
		done.saved = SavedMsg{Profile: p, Where: where, Replaced: strings.Join(replaced, ", ")}
		return done
	}
}

// profile is what gets saved (no secrets).
func (s *Identity) profile(backend storage.SecretBackend) storage.Profile {
	now := s.env.Now().UTC()
	u, e := s.user, s.creds.App.Endpoints
	return storage.Profile{
		Name: s.env.ProfileName, AuthType: s.creds.AuthType, AppName: s.creds.AppName,
		ClientID: s.creds.App.ClientID, PublicClient: s.creds.App.Public(),
		AuthBaseURL: e.AuthBaseURL, APIBaseURL: e.APIBaseURL,
		UserID: u.ID, DisplayName: u.Name(), Email: u.Email, AccountID: u.AccountID, UserType: u.TypeName(),
		GrantedScopes: append([]string(nil), s.result.Scopes...), SecretBackend: backend,
		CreatedAt: now, UpdatedAt: now, AccessExpiry: s.result.Token.Expiry.UTC(),
	}
}

// secrets are the token pair and the client secret.
func (s *Identity) secrets() storage.Secrets {
	t := s.result.Token
	return storage.Secrets{ClientSecret: s.creds.App.ClientSecret, AccessToken: t.AccessToken,
		RefreshToken: t.RefreshToken, TokenType: t.TokenType, Expiry: t.Expiry.UTC()}
}
