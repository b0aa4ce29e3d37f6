package oauthflow

import (
	"encoding/json"
	"log/slog"
)

// redactedText stands for a secret in printed, logged and JSON output.
const redactedText = "[redacted]"

// secretMark is how App shows its client secret: redacted, or that the
// app is a public client.
func (a App) secretMark() string {
	if a.ClientSecret == "" {
		return "none (public client)"
	}
	return redactedText
}

// LogValue redacts the client secret in log/slog output.
func (a App) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("client_id", a.ClientID),
		slog.String("client_secret", a.secretMark()),
		slog.String("auth_base_url", a.Endpoints.AuthBaseURL),
		slog.String("api_base_url", a.Endpoints.APIBaseURL),
	)
}

// MarshalJSON redacts the client secret in encoding/json output.
func (a App) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ClientID     string    `json:"client_id"`
		ClientSecret string    `json:"client_secret"`
		Endpoints    Endpoints `json:"endpoints"`
	}{a.ClientID, a.secretMark(), a.Endpoints})
}

// LogValue redacts the tokens in log/slog output.
func (r Result) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Any("scopes", r.Scopes),
		slog.String("api_url", r.APIURL),
		slog.String("token", redactedText),
		slog.Bool("no_refresh_token", r.NoRefreshToken()),
	)
}

// MarshalJSON redacts the tokens in encoding/json output.
func (r Result) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Scopes         []string `json:"scopes"`
		APIURL         string   `json:"api_url,omitempty"`
		Token          string   `json:"token"`
		NoRefreshToken bool     `json:"no_refresh_token,omitempty"`
	}{r.Scopes, r.APIURL, redactedText, r.NoRefreshToken()})
}

// NoRefreshToken reports whether the token response carried no
// refresh_token: the connection then dies when the access token expires
// (about an hour), and cannot be refreshed.
func (r Result) NoRefreshToken() bool {
	return r.Token == nil || r.Token.RefreshToken == ""
}
