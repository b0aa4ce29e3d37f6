package tui

import (
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/steps"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// Screens builds each wizard screen. The root calls these constructors when
// the flow moves to a stage; DefaultScreens uses package steps, and tests
// swap in fakes with WithScreens to check the routing alone.
type Screens struct {
	Welcome     func(env *steps.Env) steps.Step
	AuthType    func(env *steps.Env) steps.Step
	Credentials func(env *steps.Env, t storage.AuthType) steps.Step
	// ResumeSecret asks for the client secret of a resumed attempt.
	ResumeSecret func(env *steps.Env, r wizard.Creds) steps.Step
	Authorize    func(env *steps.Env, c wizard.Creds) steps.Step
	Preapproval  func(env *steps.Env, c wizard.Creds, cause error) steps.Step
	Scopes       func(env *steps.Env, c wizard.Creds, r *oauthflow.Result) steps.Step
	Identity     func(env *steps.Env, c wizard.Creds, r *oauthflow.Result) steps.Step
	Done         func(env *steps.Env, s wizard.Saved) steps.Step
}

// DefaultScreens returns the real screens of package steps.
func DefaultScreens() Screens {
	return Screens{
		Welcome:      func(e *steps.Env) steps.Step { return steps.NewWelcome(e) },
		AuthType:     func(e *steps.Env) steps.Step { return steps.NewAuthType(e) },
		Credentials:  func(e *steps.Env, t storage.AuthType) steps.Step { return steps.NewCredentials(e, t) },
		ResumeSecret: func(e *steps.Env, r wizard.Creds) steps.Step { return steps.NewResumeSecret(e, r) },
		Authorize: func(e *steps.Env, c wizard.Creds) steps.Step {
			if e.W.Device { // --device: a code approved on any device instead of the browser
				return steps.NewDeviceSignIn(e, c)
			}
			return steps.NewAuthorize(e, c)
		},
		Preapproval: func(e *steps.Env, c wizard.Creds, err error) steps.Step {
			return steps.NewPreapproval(e, c, err)
		},
		Scopes: func(e *steps.Env, c wizard.Creds, r *oauthflow.Result) steps.Step {
			return steps.NewScopes(e, c, r)
		},
		Identity: func(e *steps.Env, c wizard.Creds, r *oauthflow.Result) steps.Step {
			return steps.NewIdentity(e, c, r)
		},
		Done: func(e *steps.Env, s wizard.Saved) steps.Step { return steps.NewDone(e, s) },
	}
}

// screen builds the screen of stage st from what the flow gathered.
func (s Screens) screen(st wizard.Stage, e *steps.Env, d wizard.Data) steps.Step {
	switch st {
	case wizard.StageWelcome:
		return s.Welcome(e)
	case wizard.StageAuthType:
		return s.AuthType(e)
	case wizard.StageCredentials:
		if d.Resuming != nil {
			return s.ResumeSecret(e, *d.Resuming)
		}
		return s.Credentials(e, d.AuthType)
	case wizard.StageAuthorize:
		return s.Authorize(e, *d.Creds)
	case wizard.StagePreapproval:
		return s.Preapproval(e, *d.Creds, d.Cause)
	case wizard.StageScopes:
		return s.Scopes(e, *d.Creds, d.Result)
	case wizard.StageIdentity:
		return s.Identity(e, *d.Creds, d.Result)
	case wizard.StageDone:
		return s.Done(e, *d.Saved)
	}
	panic("tui: no screen for stage " + string(rune('0'+int(st))))
}
