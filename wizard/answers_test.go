package wizard

import (
	"testing"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// The flow starts past what the command line answered and, with --yes,
// goes from the browser straight to the confirm screen; the credentials
// it starts with are the flags'.
func TestFlowSkipsWhatTheFlagsAnswered(t *testing.T) {
	org := &storage.OrgApp{Name: "Acme", ClientID: "OrgClient123"}
	cases := []struct {
		name    string
		answers Answers
		orgApp  *storage.OrgApp
		start   Stage
		creds   string // the client ID of the preset credentials, "" none
	}{
		{"nothing", Answers{}, org, StageWelcome, ""},
		{"yes alone", Answers{Yes: true}, org, StageWelcome, ""},
		{"org", Answers{AuthType: storage.AuthOrgApp, Email: "pat@example.com"}, org, StageAuthorize, "OrgClient123"},
		{"org, none provisioned", Answers{AuthType: storage.AuthOrgApp}, nil, StageCredentials, ""},
		{"own with its ID", Answers{AuthType: storage.AuthOwnApp, ClientID: "OwnClient456", ClientSecret: "s"}, org, StageAuthorize, "OwnClient456"},
		{"own without its ID", Answers{AuthType: storage.AuthOwnApp}, org, StageCredentials, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := (&Config{OrgApp: c.orgApp, Answers: c.answers}).WithDefaults()
			f := NewFlow(cfg)
			if f.Stage() != c.start || f.Depth() != 0 {
				t.Fatalf("starts on %v (depth %d), want %v", f.Stage(), f.Depth(), c.start)
			}
			if got := f.Creds(); (got == nil) != (c.creds == "") || got != nil && got.App.ClientID != c.creds {
				t.Fatalf("creds %+v, want client %q", got, c.creds)
			}
			if got := f.Creds(); got != nil && got.ExpectedEmail != c.answers.Email {
				t.Errorf("expected email %q", got.ExpectedEmail)
			}
			if f.Stage() != StageAuthorize {
				return
			}
			if _, ok := f.Apply(Back{}); ok {
				t.Error("Back went to a screen that was never shown")
			}
			m, ok := f.Apply(Authorized{Result: &oauthflow.Result{}})
			want := StageScopes
			if c.answers.Yes {
				want = StageIdentity
			}
			if !ok || m.Stage != want {
				t.Errorf("after the browser: %+v, want %v", m, want)
			}
		})
	}
	cfg := (&Config{OrgApp: org, Answers: Answers{AuthType: storage.AuthOrgApp, Yes: true}}).WithDefaults()
	f := NewFlow(cfg)
	if m, _ := f.Apply(Authorized{Result: &oauthflow.Result{}}); m.Stage != StageIdentity {
		t.Errorf("--yes: after the browser %v, want the confirm screen", m.Stage)
	}
}

// --yes saves at once only the account expected.
func TestSavesAtOnce(t *testing.T) {
	u := &oauthflow.User{Email: "pat@example.com"}
	for _, c := range []struct {
		yes    bool
		expect string
		want   bool
	}{{true, "", true}, {true, "PAT@example.com", true}, {true, "jo@example.com", false}, {false, "", false}} {
		cfg := &Config{Answers: Answers{Yes: c.yes}}
		if got := cfg.SavesAtOnce(Signin{Creds: Creds{ExpectedEmail: c.expect}, User: u}); got != c.want {
			t.Errorf("yes %v, expected %q: %v, want %v", c.yes, c.expect, got, c.want)
		}
	}
}
