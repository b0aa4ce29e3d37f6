package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
)

func newSwitchCmd(opts *rootOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "switch [PROFILE]",
		Short: "Make another saved connection the default",
		Long: `Make PROFILE the default connection, the one token, status, api, refresh
and logout use without --profile (like gh auth switch). Without PROFILE:
with one other connection saved, switch to it; with more, ask which one
(a numbered list on stderr, the answer read from stdin, so it works in
pipes too; Enter keeps the default). zoomconnect list marks the default *.`,
		Example: `  zoomconnect switch work
  zoomconnect switch          # two connections: switch to the other one
  echo 2 | zoomconnect switch # pick the second one of the list`,
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: opts.completeProfileNames,
		RunE: func(cmd *cobra.Command, args []string) error {
			name := ""
			if len(args) == 1 {
				name = args[0]
			}
			return opts.runSwitch(cmd.OutOrStdout(), cmd.ErrOrStderr(), name)
		},
	}
}

// completeProfileNames completes the names of the saved connections, for
// a PROFILE argument or --profile (cobra's completion functions).
func (o *rootOptions) completeProfileNames(_ *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	st, err := o.store()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	profiles, _ := st.ListProfiles()
	var out []string
	for _, p := range profiles {
		if strings.HasPrefix(p.Name, prefix) {
			out = append(out, p.Name)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// runSwitch makes name (or the one picked) the default profile.
func (o *rootOptions) runSwitch(out, errOut io.Writer, name string) error {
	t := o.t
	st, err := o.store()
	if err != nil {
		return err
	}
	profiles, err := st.ListProfiles()
	if err != nil {
		return &ExitError{Code: ExitStorage, Err: err}
	}
	if len(profiles) == 0 {
		return &ExitError{Code: ExitFailure, Err: i18n.NewError(nil, "switch.none")}
	}
	def := st.DefaultProfile()
	if name == "" {
		name, err = o.pickProfile(out, errOut, profiles, def)
		if err != nil || name == "" {
			return err
		}
	}
	if err := checkSwitchTarget(st, profiles, name); err != nil {
		return err
	}
	if name == def {
		return o.say(out, t.T("switch.already", "Profile", name))
	}
	if err := st.SetDefaultProfile(name); err != nil {
		return &ExitError{Code: ExitStorage, Err: err}
	}
	return o.say(out, t.T("switch.done", "Profile", name))
}

// checkSwitchTarget refuses a name that is not a saved connection.
func checkSwitchTarget(st *storage.Store, profiles []storage.Profile, name string) error {
	if err := storage.ValidateName(name); err != nil {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	names := make([]string, 0, len(profiles))
	for _, p := range profiles {
		if p.Name == name {
			return nil
		}
		names = append(names, p.Name)
	}
	var replaced *storage.ReplacedError
	if _, err := st.LoadProfile(name); errors.As(err, &replaced) {
		return &ExitError{Code: ExitUsage, Err: i18n.NewError(err, "switch.not_usable", "Profile", name, "By", replaced.By)}
	}
	return &ExitError{Code: ExitUsage, Err: i18n.NewError(nil, "switch.unknown", "Profile", name, "Names", strings.Join(names, ", "))}
}

// pickProfile chooses the new default when no name was given: the only
// other connection, or the one the person picks from a numbered list
// ("" when they keep the default, which was said).
func (o *rootOptions) pickProfile(out, errOut io.Writer, profiles []storage.Profile, def string) (string, error) {
	t := o.t
	var others []string
	for _, p := range profiles {
		if p.Name != def {
			others = append(others, p.Name)
		}
	}
	switch {
	case len(others) == 0:
		return "", o.say(out, t.T("switch.only_one", "Profile", def))
	case len(others) == 1 && len(profiles) == 2:
		return others[0], nil
	}
	x := o.textFor(errOut)
	items := []page.Block{page.Para(t.T("switch.pick_title"))}
	for i, p := range profiles {
		detail := ""
		if p.Name == def {
			detail = t.T("switch.pick_default")
		}
		if p.Email != "" {
			detail = " <" + p.Email + ">" + detail
		}
		items = append(items, page.Para(t.T("switch.pick_item", "Number", i+1, "Profile", p.Name, "Detail", detail)).Under())
	}
	_ = x.write(errOut, "", items)
	fmt.Fprint(errOut, page.PlainText(t.T("switch.pick_prompt", "Profile", def)))
	line, err := bufio.NewReader(o.Stdin).ReadString('\n')
	answer := strings.TrimSpace(line)
	if answer == "" && (err == nil || errors.Is(err, io.EOF)) {
		fmt.Fprintln(errOut)
		return "", o.say(out, t.T("switch.pick_kept", "Profile", def))
	}
	n, perr := strconv.Atoi(answer)
	if perr != nil || n < 1 || n > len(profiles) {
		return "", &ExitError{Code: ExitUsage, Err: i18n.NewError(nil, "switch.pick_invalid", "Answer", answer, "Count", len(profiles))}
	}
	return profiles[n-1].Name, nil
}

// say prints one sentence of the catalog for people.
func (o *rootOptions) say(w io.Writer, text string) error {
	return o.textFor(w).write(w, "", []page.Block{page.Para(text)})
}
