package steps

import (
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// explainView turns an error into the lines the screens show, from the
// shared error table: what happened, what to do, the admin's step, the
// command to run and Zoom's tracking ID for support.
func explainView(env *Env, err error, width int) []string {
	if err == nil {
		return nil
	}
	return explanationView(env.Styles, wizard.ExplainFor(env.W, err), width)
}

// explanationView draws an explanation whose placeholders are filled in
// (see forEnv): a ✗ title, then each text with its label.
func explanationView(st *Styles, ex oauthflow.Explanation, width int) []string {
	wrap := func(s string) string { return lipgloss.Wrap(s, max(width, 10), " ") }
	out := []string{st.Error.Render(wrap("✗ " + ex.Title))}
	add := func(label, text string, style func(...string) string) {
		if text != "" {
			out = append(out, style(wrap(label+text)))
		}
	}
	add("", ex.Cause, st.Text.Render)
	if !strings.Contains(ex.Cause, ex.Reason) { // the cause may quote Zoom already
		add("Zoom said: ", ex.Reason, st.Muted.Render)
	}
	add("What to do: ", ex.User, st.Text.Render)
	add("For your Zoom admin: ", ex.Admin, st.Text.Render)
	add("Run: ", ex.Command, st.Code.Render)
	add("Zoom tracking ID (for support): ", ex.TrackingID, st.Muted.Render)
	return out
}
