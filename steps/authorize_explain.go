package steps

import (
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// explainView turns an error into the lines the screens show: the
// wizard's explanation blocks (wizard.ErrorBlocks), drawn at width.
func explainView(env *Env, err error, width int) []string {
	if err == nil {
		return nil
	}
	return []string{env.Styles.Render(wizard.ErrorBlocks(env.W, err), width, nil)}
}

// explanationView draws an explanation whose placeholders are filled in
// (see wizard.FillExplanation).
func explanationView(env *Env, ex oauthflow.Explanation, width int) []string {
	return []string{env.Styles.Render(wizard.ExplanationBlocks(env.W, ex), width, nil)}
}
