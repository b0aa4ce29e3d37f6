package wizard

import (
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// Endpoints are the hosts an attempt with c uses: the app's own, then the
// run's, then Zoom's, for each host left empty.
func (c Creds) Endpoints(cfg *Config) oauthflow.Endpoints {
	return c.App.Endpoints.Or(cfg.Endpoints).WithDefaults()
}

// OrgCreds are the credentials of the organization's provisioned app, with
// the optional expected email.
func OrgCreds(cfg *Config, email string) Creds {
	app := cfg.OrgApp
	return Creds{
		AuthType: storage.AuthOrgApp, AppName: app.Name, ExpectedEmail: email,
		App: oauthflow.App{ClientID: app.ClientID, ClientSecret: app.ClientSecret,
			Endpoints: oauthflow.Endpoints{AuthBaseURL: app.AuthBaseURL, APIBaseURL: app.APIBaseURL}.Or(cfg.Endpoints)},
	}
}

// OwnCreds are the credentials of the person's own app.
func OwnCreds(cfg *Config, clientID, secret, email string) Creds {
	return Creds{AuthType: storage.AuthOwnApp, ExpectedEmail: email,
		App: oauthflow.App{ClientID: clientID, ClientSecret: secret, Endpoints: cfg.Endpoints}}
}

// ResumeCreds rebuilds the credentials of pending attempt p. The secret is
// the one kept with it, else the organization's app's when it is the same
// app. The hosts are the pending attempt's, except in the sandbox, which
// listens on a new port each run.
func ResumeCreds(cfg *Config, p *storage.Pending, secret string) Creds {
	app := oauthflow.App{
		ClientID:     p.ClientID,
		ClientSecret: secret,
		Endpoints:    oauthflow.Endpoints{AuthBaseURL: p.AuthBaseURL, APIBaseURL: p.APIBaseURL},
	}
	if app.ClientSecret == "" && cfg.OrgApp != nil && cfg.OrgApp.ClientID == p.ClientID {
		app.ClientSecret = cfg.OrgApp.ClientSecret
	}
	if cfg.Sandbox != nil {
		app.Endpoints = cfg.Endpoints
	}
	app.Endpoints = app.Endpoints.Or(cfg.Endpoints)
	t := p.AuthType
	if t == "" { // written before pending attempts recorded it
		t = storage.AuthOwnApp
	}
	return Creds{AuthType: t, App: app, AppName: p.AppName, ExpectedEmail: p.ExpectedEmail}
}

// NeedsSecret reports whether resuming pending attempt p with secret (the
// one kept with it, "" when none was) needs the client secret typed again:
// the app has one and no keyring kept it.
func NeedsSecret(p *storage.Pending, secret string) bool {
	return p.HasSecret && secret == ""
}

// savedEndpoints is what a profile or pending attempt records for e: the
// sandbox marker for this run's built-in sandbox (it listens on a new port
// every run; later commands start one on the same state file), else e.
func savedEndpoints(cfg *Config, e oauthflow.Endpoints) oauthflow.Endpoints {
	if cfg.Sandbox != nil && e == cfg.Endpoints.WithDefaults() {
		return oauthflow.Endpoints{AuthBaseURL: storage.SandboxMarker, APIBaseURL: storage.SandboxMarker}
	}
	return e
}
