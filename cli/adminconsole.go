package cli

import (
	"errors"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/zoomconnect/zoomconnect/accessible"
	"github.com/zoomconnect/zoomconnect/adminui"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// runConsole opens the admin console: full screen in a terminal, the line
// mode with --accessible (or ACCESSIBLE=1, TERM=dumb), which works on
// piped input too. Quitting is exit 0, ctrl+c or the end of input 130.
func (a *adminOptions) runConsole(cmd *cobra.Command, args []string) error {
	if err := noArgs(cmd, args); err != nil {
		return err
	}
	defer a.close()
	o := a.root
	if !o.Accessible && !o.interactive() {
		return a.consoleNeedsTerminal()
	}
	ctx := cmd.Context()
	s, err := a.session(ctx)
	if err != nil {
		return err
	}
	if o.Accessible {
		err = accessible.RunAdmin(ctx, s, a.orgApp(), o.Stdin, o.Stderr)
	} else {
		err = adminui.Run(ctx, s, a.orgApp(), tea.WithInput(o.Stdin), tea.WithOutput(o.Stderr))
	}
	if errors.Is(err, wizard.ErrCanceled) {
		return &ExitError{Code: ExitCanceled}
	}
	return err
}
