package tui

import (
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/storage"
)

// Screens builds each wizard screen. The root calls these constructors when
// a step message asks for the next screen; DefaultScreens uses package
// steps, and tests swap in fakes with WithScreens to check the routing alone.
type Screens struct {
	Welcome     func(env *steps.Env) steps.Step
	AuthType    func(env *steps.Env) steps.Step
	Credentials func(env *steps.Env, t storage.AuthType) steps.Step
	Authorize   func(env *steps.Env, c steps.CredentialsDoneMsg) steps.Step
	Preapproval func(env *steps.Env, c steps.CredentialsDoneMsg, cause error) steps.Step
	Scopes      func(env *steps.Env, c steps.CredentialsDoneMsg, r *oauthflow.Result) steps.Step
	Identity    func(env *steps.Env, c steps.CredentialsDoneMsg, r *oauthflow.Result) steps.Step
	Done        func(env *steps.Env, s steps.SavedMsg) steps.Step
}

// DefaultScreens returns the real screens of package steps.
func DefaultScreens() Screens {
	return Screens{
		Welcome:     func(e *steps.Env) steps.Step { return steps.NewWelcome(e) },
		AuthType:    func(e *steps.Env) steps.Step { return steps.NewAuthType(e) },
		Credentials: func(e *steps.Env, t storage.AuthType) steps.Step { return steps.NewCredentials(e, t) },
		Authorize:   func(e *steps.Env, c steps.CredentialsDoneMsg) steps.Step { return steps.NewAuthorize(e, c) },
		Preapproval: func(e *steps.Env, c steps.CredentialsDoneMsg, err error) steps.Step {
			return steps.NewPreapproval(e, c, err)
		},
		Scopes: func(e *steps.Env, c steps.CredentialsDoneMsg, r *oauthflow.Result) steps.Step {
			return steps.NewScopes(e, c, r)
		},
		Identity: func(e *steps.Env, c steps.CredentialsDoneMsg, r *oauthflow.Result) steps.Step {
			return steps.NewIdentity(e, c, r)
		},
		Done: func(e *steps.Env, s steps.SavedMsg) steps.Step { return steps.NewDone(e, s) },
	}
}

// stage is where the wizard is; it numbers the header's "step N of M".
type stage int

const (
	stageWelcome stage = iota + 1
	stageAuthType
	stageCredentials
	stageAuthorize
	stagePreapproval
	stageScopes
	stageIdentity
	stageDone
)

// stageCount is M in "step N of M"; the pre-approval detour is not counted.
const stageCount = 7

// number is N in "step N of M": the pre-approval detour shares the
// authorize step's number.
func (s stage) number() int {
	if s >= stagePreapproval {
		return int(s) - 1
	}
	return int(s)
}
