package steps

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

// BenchmarkDeviceView is the device sign-in's waiting frame, the code on
// screen.
func BenchmarkDeviceView(b *testing.B) {
	s := NewDeviceSignIn(testEnv(b), wizard.Creds{App: oauthflow.App{ClientID: "id"}})
	s.phase, s.now = devWaiting, testNow
	s.code = &oauthflow.DeviceCode{UserCode: "ABCD-EFGH", VerificationURI: "https://zoom.us/oauth/device",
		VerificationURIComplete: "https://zoom.us/oauth/device?user_code=ABCD-EFGH", Expiry: testNow.Add(10 * time.Minute)}
	benchView(b, s)
}

// BenchmarkViewAuthorizeSpinning is BenchmarkViewAuthorize as it runs:
// every frame is one second later, the clock and the busy mark one step
// further (the screen redraws once a second, see busyMark), so nothing of
// a frame before can be reused whole.
func BenchmarkViewAuthorizeSpinning(b *testing.B) {
	for _, sz := range [][2]int{{80, 24}, {200, 60}} {
		b.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(b *testing.B) {
			now := time.Now()
			env := &Env{Styles: NewStyles(true), Keys: DefaultKeyMap(nil), W: &wizard.Config{Now: time.Now, Sandbox: &wizard.Sandbox{ApproveCommand: "curl …"}}}
			a := NewAuthorize(env, wizard.Creds{App: oauthflow.App{ClientID: "id"}})
			a.phase, a.nudge, a.started, a.now = phaseWaiting, true, now, now
			a.session = &oauthflow.Session{AuthURL: "https://zoom.us/oauth/authorize?client_id=abc&code_challenge=" + strings.Repeat("x", 43) + "&code_challenge_method=S256&redirect_uri=http%3A%2F%2F127.0.0.1%3A53682%2Fcallback&response_type=code&state=" + strings.Repeat("s", 43), Deadline: now.Add(10 * time.Minute)}
			a.SetSize(sz[0], sz[1])
			for b.Loop() {
				a.now = a.now.Add(time.Second)
				_ = a.View()
			}
		})
	}
}

// BenchmarkColdFrame is the first frame of each screen after the window
// changed size, nothing drawn before at that width (no cache): SetSize
// then View. The screens that draw in SetSize (scopes, pre-approval) pay
// their cost here, not in View.
func BenchmarkColdFrame(b *testing.B) {
	for _, sc := range []struct {
		name string
		make func(*Env) Step
	}{
		{"welcome", func(e *Env) Step { return NewWelcome(e) }},
		{"authtype", func(e *Env) Step { return NewAuthType(e) }},
		{"credentials", func(e *Env) Step { return NewCredentials(e, storage.AuthOwnApp) }},
		{"scopes", func(e *Env) Step {
			return NewScopes(e, wizard.Creds{}, &oauthflow.Result{Scopes: []string{"meeting:write:admin", "user:read:user"}})
		}},
		{"preapproval", func(e *Env) Step {
			return NewPreapproval(e, wizard.Creds{AppName: "Acme", App: oauthflow.App{ClientID: "id"}}, nil)
		}},
		{"checklist", func(e *Env) Step { return NewAdminChecklist(e) }},
	} {
		for _, sz := range [][2]int{{80, 24}, {200, 60}} {
			b.Run(fmt.Sprintf("%s/%dx%d", sc.name, sz[0], sz[1]), func(b *testing.B) {
				env := testEnv(b)
				s := sc.make(env)
				for b.Loop() {
					coldStyles(env.Styles)
					s.SetSize(sz[0], sz[1])
					_ = s.View()
				}
			})
		}
	}
}
