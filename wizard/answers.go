package wizard

import "github.com/zoomconnect/zoomconnect/storage"

// Answers are the wizard's questions answered before it starts, by the
// command line's flags, so that a provisioning or first-login script sees
// only the browser step. Both front ends skip the screens and questions
// they answer through the same calls (Skips, PresetCreds, Preset, Yes),
// and the Flow starts past them. The zero value answers nothing.
type Answers struct {
	// AuthType is how to connect (--auth-type); "" asks. It also skips
	// the welcome screen and the offer to resume an attempt: the flags say
	// what to connect with.
	AuthType storage.AuthType
	// ClientID and ClientSecret are the person's own app (--auth-type own
	// with --client-id, the secret from --client-secret-stdin or the
	// environment); an empty secret is a public client. The organization's
	// app comes from Config.OrgApp instead.
	ClientID, ClientSecret string
	// Email is the account the person expects (--email), "" for none.
	Email string
	// Yes answers every confirmation (--yes): going on over a saved
	// connection of the same app, the scope review, saving (and what the
	// save replaces), the done screen. Never the consent to a plaintext
	// file (that is InsecureStorage) nor saving another account than
	// Email: those stay explicit.
	Yes bool
}

// Yes reports whether --yes answers the run's confirmations.
func (c *Config) Yes() bool { return c.Answers.Yes }

// Skips reports whether the wizard skips stage s because the command line
// answered it: the welcome and auth-type screens when the auth type is
// given, the credentials screen when PresetCreds has them all, the scope
// review with --yes.
func (c *Config) Skips(s Stage) bool {
	switch s {
	case StageWelcome, StageAuthType:
		return c.Answers.AuthType != ""
	case StageCredentials:
		_, ok := c.PresetCreds()
		return ok
	case StageScopes:
		return c.Answers.Yes
	}
	return false
}

// PresetCreds are the credentials the command line gave, when they answer
// the credentials screen: with --auth-type org the organization's app
// (there must be one), with --auth-type own the client ID (and secret, if
// any); --email is the expected account either way.
func (c *Config) PresetCreds() (Creds, bool) {
	a := c.Answers
	switch {
	case a.AuthType == storage.AuthOrgApp && c.OrgApp != nil:
		return OrgCreds(c, a.Email), true
	case a.AuthType == storage.AuthOwnApp && a.ClientID != "":
		return OwnCreds(c, a.ClientID, a.ClientSecret, a.Email), true
	}
	return Creds{}, false
}

// Preset is the value the command line gave field f of a credentials
// screen that is still shown ("" for none): the expected email.
func (c *Config) Preset(f Field) string {
	if f == FieldEmail {
		return c.Answers.Email
	}
	return ""
}

// SavesAtOnce reports whether the confirm screen saves s without asking:
// --yes, and Zoom signed in the account expected (or none was).
func (c *Config) SavesAtOnce(s Signin) bool { return c.Answers.Yes && !s.Mismatch() }
