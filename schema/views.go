package schema

import (
	"time"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/storage"
)

// ProfileOf describes a saved profile: def is the default profile's name,
// location where its secrets are (Store.SecretsLocation), host its auth
// host for people and scripts (the sandbox's marker, or a host name).
func ProfileOf(p *storage.Profile, def, location, host string) Profile {
	out := Profile{
		Name: p.Name, Default: p.Name == def, State: StateOK, AuthType: AuthTypeOf(p.AuthType), Sandbox: p.IsSandbox(),
		AppName: p.AppName, ClientID: p.ClientID, Host: host, Email: p.Email, AccountID: p.AccountID,
		Secrets: &Secrets{Backend: backendOf(p.SecretBackend), Location: location},
	}
	switch {
	case p.LogoutIncomplete != nil:
		out.State, out.FixCommand = StateLogoutIncomplete, connection.LogoutCommand(p.Name)
	case p.ReconnectReason != "":
		out.State, out.FixCommand = StateReconnectNeeded, storage.LoginCommandFor(p)
	}
	return out
}

// ReplacedOf describes the note a replaced profile left.
func ReplacedOf(n storage.Replaced) Profile {
	return Profile{Name: n.Name, State: StateReplaced, Email: n.Email, ReplacedBy: n.By, ReplacedAt: n.At.UTC(),
		FixCommand: "zoomconnect status --profile " + n.By}
}

// PendingOf describes a saved attempt, now being the report's clock.
func PendingOf(p storage.Pending, now time.Time) Pending {
	prof := &storage.Profile{Name: p.Profile, AuthBaseURL: p.AuthBaseURL}
	return Pending{
		Profile: p.Profile, AuthType: AuthTypeOf(p.AuthType), Sandbox: prof.IsSandbox(), AppName: p.AppName,
		ClientID: p.ClientID, Stage: p.Stage, Cause: p.Reason, CreatedAt: p.CreatedAt.UTC(),
		AgeSeconds: int64(now.Sub(p.CreatedAt) / time.Second), RequestSentAt: p.RequestSentAt.UTC(),
		ResumeCommand: storage.LoginCommandFor(prof), DiscardCommand: connection.LogoutCommand(p.Profile),
	}
}

// SwitchCommand makes the named profile the default.
func SwitchCommand(name string) string { return "zoomconnect switch " + name }

func backendOf(b storage.SecretBackend) string {
	if b == "" {
		return string(storage.BackendKeyring)
	}
	return string(b)
}
