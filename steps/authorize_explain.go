package steps

import (
	"errors"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/zoomconnect/zoomconnect/oauthflow"
)

// explain is the explanation of err as this wizard shows it: {profile}
// filled in with the wizard's profile, and under --sandbox the commands
// carry --sandbox so that running them reaches the same sandbox profile.
func explain(env *Env, err error) oauthflow.Explanation {
	return forEnv(env, oauthflow.Explain(err))
}

// forEnv fills in an explanation's placeholders for env (see explain).
func forEnv(env *Env, ex oauthflow.Explanation) oauthflow.Explanation {
	ex = ex.WithProfile(env.ProfileName)
	if env.Sandbox && strings.HasPrefix(ex.Command, "zoomconnect ") && !strings.Contains(ex.Command, "--sandbox") {
		ex.Command += " --sandbox"
	}
	return ex
}

// explainView turns an error into the lines the screens show, from the
// shared error table: what happened, what to do, the admin's step, the
// command to run and Zoom's tracking ID for support.
func explainView(env *Env, err error, width int) []string {
	if err == nil {
		return nil
	}
	ex := explain(env, err)
	var oe *oauthflow.Error
	if ex.Title == "" || (!errors.As(err, &oe) && strings.HasSuffix(ex.Key, "unknown")) {
		// Not Zoom's: say what failed in one sentence, not "talking to Zoom".
		ex.Title, ex.Cause = strings.TrimSuffix(Reason(err), "."), ""
	}
	return explanationView(env.Styles, ex, width)
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
