package steps

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"time"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// This file exports what the screens compute, for front ends that are not
// Bubble Tea screens (package accessible's line-by-line wizard), so both
// show the same words and save the same records.

// ExplainFor is the explanation of err as the screens show it: {profile}
// filled in, --sandbox added to commands under the sandbox, and for an
// error that is not Zoom's, a one-sentence title saying what failed.
func ExplainFor(env *Env, err error) oauthflow.Explanation {
	ex := explain(env, err)
	var oe *oauthflow.Error
	if err != nil && (ex.Title == "" || (!errors.As(err, &oe) && strings.HasSuffix(ex.Key, "unknown"))) {
		ex.Title, ex.Cause = strings.TrimSuffix(Reason(err), "."), ""
	}
	return ex
}

// AdminAppError is what the user reports when the browser says "An account
// admin is required to install this type of app" (the authorize screen's
// admin-app key).
func AdminAppError() error { return adminAppError() }

// AppEndpoints are the endpoints an attempt with c uses: the app's, with
// the wizard's (then Zoom's) filling in what the app leaves empty.
func AppEndpoints(env *Env, c CredentialsDoneMsg) oauthflow.Endpoints { return appEndpoints(env, c) }

// AdminRequestFor is the Markdown request for the Zoom admin that the
// pre-approval screen copies and saves; cause is what led there (nil: the
// user reported the pre-approval page).
func AdminRequestFor(env *Env, c CredentialsDoneMsg, cause error) string {
	return assets.AdminRequest(adminRequestData(env, c, cause))
}

// GuideDataFor is what the pre-approval guide is rendered from for an
// attempt with c that stopped on cause; saved tells whether the pending
// attempt was saved. Keys are left empty (the guide's defaults).
func GuideDataFor(env *Env, c CredentialsDoneMsg, cause error, saved bool) assets.GuideData {
	return assets.GuideData{
		Cause: guideCause(cause), OwnApp: c.AuthType == storage.AuthOwnApp,
		AdminContact: adminContact(env, c), Saving: env.Store != nil && !saved, Saved: saved,
	}
}

// SaveAdminRequest writes the admin request text atomically to
// zoomconnect-admin-request.md in dir ("" = the current directory) and
// returns the file's absolute path.
func SaveAdminRequest(dir, text string) (string, error) {
	return writeExport(filepath.Join(dir, requestFileName), text)
}

// PendingFor is the pending attempt the pre-approval screen saves for c
// stopped on cause, created at created, with the client secret to keep
// (only a bring-your-own app's: the organization's app file has its own).
func PendingFor(env *Env, c CredentialsDoneMsg, cause error, created time.Time) (storage.Pending, string) {
	e := appEndpoints(env, c)
	reason := "preapproval"
	var oe *oauthflow.Error
	if errors.As(cause, &oe) {
		reason = oe.Key()
	}
	secret := c.App.ClientSecret
	if c.AuthType == storage.AuthOrgApp {
		secret = ""
	}
	return storage.Pending{
		Profile: env.ProfileName, AuthType: c.AuthType,
		AppName: c.AppName, ClientID: c.App.ClientID,
		AuthBaseURL: e.AuthBaseURL, APIBaseURL: e.APIBaseURL,
		ExpectedEmail: c.ExpectedEmail, Stage: "preapproval", Reason: reason,
		CreatedAt: created,
	}, secret
}

// ProfileFor is the profile (no secrets) the identity screen saves for
// user u, authorized with c and r, its secrets kept in backend.
func ProfileFor(env *Env, c CredentialsDoneMsg, r *oauthflow.Result, u *oauthflow.User, backend storage.SecretBackend) storage.Profile {
	now := env.Now().UTC()
	e := savedEndpoints(env, c.App.Endpoints)
	return storage.Profile{
		Name: env.ProfileName, AuthType: c.AuthType, AppName: c.AppName,
		ClientID: c.App.ClientID, PublicClient: c.App.Public(),
		AuthBaseURL: e.AuthBaseURL, APIBaseURL: e.APIBaseURL,
		UserID: u.ID, DisplayName: u.Name(), Email: u.Email, AccountID: u.AccountID, UserType: u.TypeName(),
		GrantedScopes: append([]string(nil), r.Scopes...), SecretBackend: backend,
		CreatedAt: now, UpdatedAt: now, AccessExpiry: r.Token.Expiry.UTC(),
	}
}

// SecretsFor are the token pair of r and the client secret of c.
func SecretsFor(c CredentialsDoneMsg, r *oauthflow.Result) storage.Secrets {
	t := r.Token
	return storage.Secrets{ClientSecret: c.App.ClientSecret, AccessToken: t.AccessToken,
		RefreshToken: t.RefreshToken, TokenType: t.TokenType, Expiry: t.Expiry.UTC()}
}

// SaveConnection saves p and sec the way the identity screen does
// (connection.Manager.SaveReplacing, then the profile's pending attempt
// is cleared). It is not stopped by ctx's cancellation: a save started
// runs to its end or SaveTimeout.
func SaveConnection(ctx context.Context, env *Env, p storage.Profile, sec storage.Secrets) (SavedMsg, error) {
	msg := saveConnCmd(ctx, env.Conn, env.Store, p, sec)().(identitySavedMsg)
	return msg.saved, msg.err
}

// KeyringFailed reports a save that failed only because the system
// keyring is unavailable or timed out: the file fallback may be offered.
func KeyringFailed(err error) bool { return keyringFailed(err) }

// ResumeCredentials rebuilds the credentials of pending attempt p. The
// secret is the one kept with it, or the organization's app's when it is
// the same app. The hosts are the pending attempt's, except in the
// sandbox, which listens on a new port each run.
func ResumeCredentials(env *Env, p *storage.Pending, secret string) CredentialsDoneMsg {
	app := oauthflow.App{
		ClientID:     p.ClientID,
		ClientSecret: secret,
		Endpoints:    oauthflow.Endpoints{AuthBaseURL: p.AuthBaseURL, APIBaseURL: p.APIBaseURL},
	}
	if app.ClientSecret == "" && env.OrgApp != nil && env.OrgApp.ClientID == p.ClientID {
		app.ClientSecret = env.OrgApp.ClientSecret
	}
	if env.Sandbox {
		app.Endpoints = env.Endpoints
	}
	if app.Endpoints.AuthBaseURL == "" {
		app.Endpoints.AuthBaseURL = env.Endpoints.AuthBaseURL
	}
	if app.Endpoints.APIBaseURL == "" {
		app.Endpoints.APIBaseURL = env.Endpoints.APIBaseURL
	}
	t := p.AuthType
	if t == "" { // written before pending attempts recorded it
		t = storage.AuthOwnApp
	}
	return CredentialsDoneMsg{AuthType: t, App: app, AppName: p.AppName, ExpectedEmail: p.ExpectedEmail}
}

// PendingWhy says in words what a pending attempt was waiting for, from
// its Reason ("waiting for an admin to install the app").
func PendingWhy(reason string) string { return pendingWhy(reason) }
