package steps

import (
	"errors"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/zoomconnect/zoomconnect/oauthflow"
)

// explainView turns an error into the lines the screens show, from the
// shared error table: what happened, what to do, the admin's step, the
// command to run and Zoom's tracking ID for support.
func explainView(st *Styles, err error, width int) []string {
	if err == nil {
		return nil
	}
	ex := oauthflow.Explain(err)
	wrap := func(s string) string { return lipgloss.Wrap(s, max(width, 10), " ") }
	title := ex.Title
	var oe *oauthflow.Error
	if title == "" || (!errors.As(err, &oe) && strings.HasSuffix(ex.Key, "unknown")) {
		// Not Zoom's: say what failed in one sentence, not "talking to Zoom".
		title, ex.Cause = strings.TrimSuffix(Reason(err), "."), ""
	}
	out := []string{st.Error.Render(wrap("✗ " + title))}
	add := func(label, text string, style func(...string) string) {
		if text != "" {
			out = append(out, style(wrap(label+text)))
		}
	}
	add("", ex.Cause, st.Text.Render)
	add("Zoom said: ", ex.Reason, st.Muted.Render)
	add("What to do: ", ex.User, st.Text.Render)
	add("For your Zoom admin: ", ex.Admin, st.Text.Render)
	add("Run: ", ex.Command, st.Code.Render)
	add("Zoom tracking ID (for support): ", ex.TrackingID, st.Muted.Render)
	return out
}
