package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

func newAdminRequestCmd(opts *rootOptions) *cobra.Command {
	var markdown string
	cmd := &cobra.Command{
		Use:   "request",
		Short: "Write the request to send your Zoom admin",
		Long: `Write the request a user sends to their Zoom admin: the app's name and
client ID, the scopes and why, your Zoom email, and the exact Zoom App
Marketplace steps. It is worded for the connection's situation: "pre-approve
the app again" after Zoom error 4738 (an admin disabled the app's token),
"pre-approve the app" for an attempt stopped at the pre-approval wall.
It prints to stdout; --markdown FILE writes it to FILE instead.
--request-lang writes it in another language than --lang, for an admin
who reads another one.`,
		Example: `  zoomconnect admin request --markdown request.md
  zoomconnect admin request --profile work > request.md
  zoomconnect admin request --request-lang fr`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			l := opts.requestLanguage()
			d, err := opts.adminRequestData(cmd, l)
			if err != nil {
				return err
			}
			return writeMarkdown(cmd, markdown, assets.AdminRequest(l, d), "the request to your Zoom admin")
		},
	}
	cmd.Flags().StringVar(&markdown, "markdown", "-", "write the request to FILE (\"-\" for stdout)")
	opts.addProfileFlag(cmd)
	opts.addHostFlags(cmd)
	opts.addClientIDFlag(cmd)
	opts.addRequestLangFlag(cmd)
	return cmd
}

// addRequestLangFlag adds --request-lang, the language of the request to
// the Zoom admin, to a command that writes it (admin request, the wizard).
func (o *rootOptions) addRequestLangFlag(cmd *cobra.Command) {
	cmd.Flags().Var(langFlag{&o.RequestLang}, "request-lang", "the admin request in en or fr (default: --lang)")
}

// requestLanguage is the language of the request to the Zoom admin:
// --request-lang, else the language of everything else (--lang, the
// environment).
func (o *rootOptions) requestLanguage() i18n.Lang {
	if o.RequestLang != "" {
		return o.RequestLang
	}
	return o.t.Lang()
}

// langFlag is a flag that takes a language: en or fr (a French locale
// such as fr_CA too).
type langFlag struct{ l *i18n.Lang }

// String implements pflag.Value.
func (f langFlag) String() string {
	if f.l == nil {
		return ""
	}
	return string(*f.l)
}

// Set implements pflag.Value.
func (f langFlag) Set(v string) error {
	l, err := i18n.ParseFlag(v)
	if err != nil {
		return errors.New("use en (English) or fr (French)")
	}
	*f.l = l
	return nil
}

// Type implements pflag.Value.
func (langFlag) Type() string { return "lang" }

// adminRequestData describes the selected profile's app for the admin
// request in language l: the saved connection (Cause "disabled" after
// 4738), else the attempt saved at the pre-approval wall (worded for what
// it waits for), else the organization's app.
func (o *rootOptions) adminRequestData(cmd *cobra.Command, l i18n.Lang) (assets.AdminRequestData, error) {
	d := assets.AdminRequestData{Scopes: assets.DefaultScopeReasons(l), Cause: assets.CauseRequired}
	st, err := o.store()
	if err != nil {
		return d, err
	}
	if p, err := st.LoadProfile(o.Profile); err == nil {
		d.AppName, d.ClientID, d.UserEmail, d.UserName = p.AppName, p.ClientID, p.Email, p.DisplayName
		if connection.DisabledByAdmin(p, nil) {
			d.Cause = assets.CauseDisabled
		}
		d.AuthHost, d.Sandbox = authHost(p.AuthBaseURL), p.AuthBaseURL == storage.SandboxMarker
		return withAppID(d, o.appIDFor(p.ClientID, d.Sandbox)), nil
	} else if !errors.Is(err, storage.ErrNotFound) {
		return d, err
	}
	if pe, _, err := st.LoadPending(cmd.Context(), o.Profile); err == nil {
		d.AppName, d.ClientID, d.UserEmail = pe.AppName, pe.ClientID, pe.ExpectedEmail
		d.AuthHost, d.Sandbox = authHost(pe.AuthBaseURL), pe.AuthBaseURL == storage.SandboxMarker
		d.Cause = wizard.PendingCause(pe.Reason)
		return withAppID(d, o.appIDFor(pe.ClientID, d.Sandbox)), nil
	}
	ep, err := o.endpoints(cmd.Context())
	if err != nil {
		return d, err
	}
	app, err := o.orgApp(ep)
	if err != nil || app == nil || app.ClientID == "" {
		return d, &ExitError{Code: ExitFailure, Err: fmt.Errorf("no connection, saved attempt or organization app is known for profile %q, "+
			"so the request would not name an app.\nConnect first (%s), or name the app: --client-id ID", o.Profile, o.loginCommand())}
	}
	d.AppName, d.ClientID, d.AuthHost = app.Name, app.ClientID, authHost(app.AuthBaseURL)
	d.Sandbox = o.Sandbox
	return withAppID(d, app.AppID), nil
}

// withAppID is d naming the app's Marketplace ID, when known, and the
// commands that let the person through (wizard.AdminCommandsFor).
func withAppID(d assets.AdminRequestData, appID string) assets.AdminRequestData {
	d.AppID = appID
	d.AdminCommands = wizard.AdminCommandsFor(appID, d.UserEmail, d.Sandbox, d.Cause)
	return d
}

// appIDFor is the Marketplace app ID of the app with clientID, when
// zoomconnect knows it: for a sandbox connection the sandbox's demo app,
// else the organization's app file (app.json's app_id) when it describes
// that app; "" otherwise (a person's own app).
func (o *rootOptions) appIDFor(clientID string, sandboxed bool) string {
	if sandboxed {
		if clientID == sandbox.DemoClientID || clientID == sandbox.DemoPublicClientID {
			return sandbox.DemoAppID
		}
		return ""
	}
	app, err := storage.FindOrgApp()
	if err != nil || app == nil || app.ClientID != clientID {
		return ""
	}
	return app.AppID
}

// authHost is the Zoom host to name in the request when it is neither
// zoom.us nor the sandbox (which the request names in its own words).
func authHost(base string) string {
	switch base {
	case "", oauthflow.DefaultAuthBaseURL, storage.SandboxMarker:
		return ""
	}
	return base
}

// writeMarkdown writes md to path ("-" for stdout), atomically and
// readable (0644: it is meant to be sent); what names it in messages.
func writeMarkdown(cmd *cobra.Command, path, md, what string) error {
	if path == "-" || path == "" {
		_, err := fmt.Fprint(cmd.OutOrStdout(), md)
		return err
	}
	if err := storage.WriteFileAtomic(path, []byte(md), 0o644); err != nil {
		return fmt.Errorf("write %s to %s: %w; pick a writable path (e.g. --markdown ./request.md), or --markdown - for stdout", what, path, err)
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "Wrote %s to %s\n", what, path)
	return nil
}
