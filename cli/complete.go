package cli

import (
	"context"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/marketplace"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/page"
)

// Shell completion (cobra's __complete, which the completion scripts
// call): each kind of value a flag or argument takes is completed by one
// function here, registered where the flag is. cobra parses the command's
// flags before it asks, so a completion sees --sandbox or --admin-profile
// given before the word completed; it runs no PersistentPreRunE, so each
// reads what it needs itself. A completion never fails: it offers what it
// can find, else nothing.

// appIDWait bounds the Zoom call that completes admin --app.
const appIDWait = 3 * time.Second

// completeProfileNames completes the names of the saved connections, for
// a PROFILE argument (none after the first).
func (o *rootOptions) completeProfileNames(cmd *cobra.Command, args []string, prefix string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return o.completeProfileFlag(cmd, args, prefix)
}

// completeProfileFlag completes --profile: the saved connections, the
// default one described as such.
func (o *rootOptions) completeProfileFlag(_ *cobra.Command, _ []string, prefix string) ([]cobra.Completion, cobra.ShellCompDirective) {
	st, err := o.store()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	profiles, _ := st.ListProfiles()
	def := st.DefaultProfile()
	var out []cobra.Completion
	for _, p := range profiles {
		if !strings.HasPrefix(p.Name, prefix) {
			continue
		}
		desc := p.Email
		if p.Name == def {
			desc = o.t.T("complete.default_profile", "Email", p.Email)
		}
		out = append(out, cobra.CompletionWithDesc(p.Name, desc))
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeLangs completes --lang and --request-lang: the catalog's
// languages, each named in itself.
func completeLangs(_ *cobra.Command, _ []string, prefix string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, l := range i18n.Langs() {
		if strings.HasPrefix(string(l), prefix) {
			out = append(out, cobra.CompletionWithDesc(string(l), i18n.New(l).T("complete.lang_name")))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeScenarios completes a sandbox scenario (--sandbox-scenario,
// sandbox serve --scenario), each with its summary.
func (o *rootOptions) completeScenarios(_ *cobra.Command, _ []string, prefix string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, s := range sandbox.Scenarios(o.t) {
		if strings.HasPrefix(string(s.Name), prefix) {
			out = append(out, cobra.CompletionWithDesc(string(s.Name), page.PlainText(s.Summary)))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeRequestStatus completes admin requests --status.
func completeRequestStatus(_ *cobra.Command, _ []string, prefix string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, s := range []marketplace.RequestStatus{marketplace.StatusPending, marketplace.StatusApproved, marketplace.StatusRejected} {
		if strings.HasPrefix(string(s), prefix) {
			out = append(out, string(s))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeAppIDs completes admin --app: the organization's app (app.json's
// app_id; the demo app under --sandbox), then, when an admin profile is
// saved (or under --sandbox), the apps people asked for, as Zoom lists
// them (within appIDWait). Each is described by its name.
func (a *adminOptions) completeAppIDs(cmd *cobra.Command, _ []string, prefix string) ([]cobra.Completion, cobra.ShellCompDirective) {
	seen := map[string]bool{}
	var out []cobra.Completion
	add := func(id, name string) {
		if id != "" && !seen[id] && strings.HasPrefix(id, prefix) {
			seen[id] = true
			out = append(out, cobra.CompletionWithDesc(id, name))
		}
	}
	if app := a.orgApp(); app != nil {
		add(app.AppID, app.Name)
	}
	if a.hasAdminProfile() {
		ctx, cancel := context.WithTimeout(context.Background(), appIDWait)
		defer cancel()
		if s, err := a.session(ctx); err == nil {
			apps, _ := s.AppsWithRequests(ctx)
			for _, app := range apps {
				add(app.ID, app.Name)
			}
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// hasAdminProfile reports whether the admin commands have a session to
// ask Zoom with: --sandbox's demo app, or a saved admin profile.
func (a *adminOptions) hasAdminProfile() bool {
	if a.root.Sandbox {
		return true
	}
	st, err := a.root.store()
	if err != nil {
		return false
	}
	_, err = st.LoadAdmin(a.name)
	return err == nil
}
