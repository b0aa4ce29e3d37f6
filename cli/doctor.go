package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/doctor"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// doctorFlags are the flags of `zoomconnect doctor`.
type doctorFlags struct {
	json    bool
	offline bool
	bundle  string
}

func newDoctorCmd(opts *rootOptions) *cobra.Command {
	var f doctorFlags
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Check this computer and the saved connections",
		Long: `doctor checks that Zoom is reachable (DNS, TLS, proxies, TLS interception),
the clock, the loopback port, whether a browser can open here (SSH, WSL,
container), the system keyring, the saved files and their modes, and that
every saved connection still works with the scopes it needs.

Each check says pass, warn, fail or skip, and gives the exact fix.
--bundle FILE also writes the report, redacted, as JSON (mode 0600).
The exit status is 1 when any check fails.`,
		Example: `  zoomconnect doctor
  zoomconnect doctor --offline --json
  zoomconnect doctor --bundle support.json   # redacted: safe to attach`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDoctor(cmd.Context(), cmd, opts, f)
		},
	}
	opts.addHostFlags(cmd)
	opts.addPortFlag(cmd)
	addJSONFlag(cmd, &f.json)
	cmd.Flags().BoolVar(&f.offline, "offline", false, "run only the checks that need no network")
	cmd.Flags().StringVar(&f.bundle, "bundle", "", "also write a redacted support bundle to FILE")
	return cmd
}

// runDoctor runs the checks, prints the report and writes the bundle.
func runDoctor(ctx context.Context, cmd *cobra.Command, opts *rootOptions, f doctorFlags) error {
	if ctx == nil {
		ctx = context.Background()
	}
	env, err := opts.doctorEnv(ctx, f.offline)
	if err != nil {
		return err
	}
	rep := doctor.Run(ctx, env, doctor.Checks(opts.t))
	if f.bundle != "" {
		if err := writeDoctorBundle(ctx, opts, doctorVersion(cmd), rep, f.bundle); err != nil {
			return &ExitError{Code: ExitFailure, Err: err}
		}
	}
	t := opts.t
	out := cmd.OutOrStdout()
	if f.json {
		b, err := rep.JSON()
		if err != nil {
			return err
		}
		if err := opts.writeJSONBytes(out, b); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	} else if err := opts.textFor(out).writeDoctor(out, rep); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if f.bundle != "" {
		_ = opts.textFor(cmd.ErrOrStderr()).write(cmd.ErrOrStderr(), "", []page.Block{page.Para(t.T("doctor.bundle_written", "Path", f.bundle))})
	}
	if rep.Failed() {
		return &ExitError{Code: ExitFailure, Err: i18n.NewError(nil, "doctor.failed", "Count", rep.Count(doctor.Fail))}
	}
	return nil
}

// doctorEnv wires the checks to this process: the configured Zoom hosts,
// the store's directories and keyring, and the connection manager.
func (o *rootOptions) doctorEnv(ctx context.Context, offline bool) (doctor.Env, error) {
	ep, err := o.configuredEndpoints()
	if o.Sandbox {
		ep, err = o.endpoints(ctx)
	}
	if err != nil {
		return doctor.Env{}, err
	}
	st, err := o.store()
	if err != nil {
		return doctor.Env{}, err
	}
	return doctor.Env{
		AuthBaseURL: ep.AuthBaseURL, APIBaseURL: ep.APIBaseURL, Port: o.Port, Offline: offline,
		Getenv: o.env, Now: o.now, T: o.t,
		ConfigDir: st.ConfigDir, DataDir: st.DataDir, StateDir: st.StateDir,
		ListProfiles: st.ListProfiles,
		ProbeKeyring: st.ProbeKeyring,
		Me: func(ctx context.Context, name string) (*oauthflow.User, error) {
			m, err := o.manager()
			if err != nil {
				return nil, err
			}
			return m.Me(ctx, name)
		},
	}, nil
}

// writeDoctorBundle writes the redacted support bundle. The redactor knows
// every secret of every loaded profile, the org app's secret and the
// secret-looking environment variables.
func writeDoctorBundle(ctx context.Context, opts *rootOptions, version string, rep doctor.Report, path string) error {
	st, err := opts.store()
	if err != nil {
		return err
	}
	profiles, _ := st.ListProfiles()
	secrets := []string{opts.clientSecret}
	for i := range profiles {
		lctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		sec, err := st.LoadSecrets(lctx, &profiles[i])
		cancel()
		if err == nil {
			secrets = append(secrets, sec.ClientSecret, sec.AccessToken, sec.RefreshToken)
		}
	}
	b, err := doctor.NewBundle(version, rep, profiles).Encode(doctor.NewRedactor(os.Environ(), secrets...))
	if err != nil {
		return err
	}
	if err := storage.WriteFileAtomic(path, b, 0o600); err != nil {
		return i18n.NewError(err, "doctor.bundle_failed", "Path", path, "Reason", i18n.Raw(wizard.ReasonIn(opts.t, err)))
	}
	return nil
}

// doctorVersion is the version fang set on the root command, else the
// module version of the build.
func doctorVersion(cmd *cobra.Command) string {
	if v := cmd.Root().Version; v != "" {
		return v
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		return bi.Main.Version
	}
	return "unknown"
}

// writeDoctor prints the report for people: one line per check (its
// status tag, title and summary), then the details and the fix of those
// that did not pass, then a count.
func (x textOut) writeDoctor(w io.Writer, rep doctor.Report) error {
	t, p := x.T, newPalette()
	tags := map[doctor.Status]string{doctor.Pass: t.T("doctor.tag.pass"), doctor.Warn: t.T("doctor.tag.warn"),
		doctor.Fail: t.T("doctor.tag.fail"), doctor.Skip: t.T("doctor.tag.skip")}
	styles := map[doctor.Status]*lipgloss.Style{doctor.Warn: &p.warn, doctor.Fail: &p.fail}
	wide := 0
	for _, tag := range tags {
		wide = max(wide, page.Width(tag))
	}
	under := strings.Repeat(" ", wide+3) // under the title, after "[TAG] "
	var b strings.Builder
	for _, r := range rep.Results {
		tag := tags[r.Status]
		prefix := "[" + tag + strings.Repeat(" ", wide-page.Width(tag)) + "] "
		line := t.T("doctor.line", "Title", r.Title, "Summary", i18n.Raw(r.Summary))
		b.WriteString(x.text("", line, prefix, page.Width(prefix), styles[r.Status]) + "\n")
		if r.Status == doctor.Pass {
			continue
		}
		for _, l := range strings.Split(strings.TrimSpace(r.Detail), "\n") {
			if l != "" {
				b.WriteString(x.text(under, l, "", 0, nil) + "\n")
			}
		}
		if r.Fix != "" {
			b.WriteString(x.text(under, t.T("status.fix", "Fix", i18n.Raw(r.Fix)), "", 0, nil) + "\n")
		}
		if r.TrackingID != "" {
			b.WriteString(x.text(under, t.T("explain.tracking", "ID", r.TrackingID), "", 0, nil) + "\n")
		}
	}
	counts := strings.Join([]string{t.N("doctor.count.ok", rep.Count(doctor.Pass)), t.N("doctor.count.warn", rep.Count(doctor.Warn)),
		t.N("doctor.count.fail", rep.Count(doctor.Fail)), t.N("doctor.count.skip", rep.Count(doctor.Skip))}, ", ")
	b.WriteString("\n" + x.text("", counts, "", 0, nil) + "\n")
	_, err := lipgloss.Fprint(w, b.String())
	return err
}
