package steps

import (
	"fmt"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

func newTestScopes(t *testing.T, granted ...string) (*ubDriver, *Scopes) {
	t.Helper()
	s := NewScopes(ubEnv(t, nil, &ubOpener{}), ubCreds(nil), &oauthflow.Result{Scopes: granted})
	d := newUBDriver(t, s)
	s.SetSize(200, 60)
	return d, s
}

func TestScopesAllGrantedGranular(t *testing.T) {
	d, _ := newTestScopes(t, "meeting:write:meeting", "cloud_recording:read:list_user_recordings", "user:read:user")
	v := d.view()
	for _, want := range []string{"✓ meeting:write", "granted as meeting:write:meeting", "✓ recording:read",
		"granted as cloud_recording:read:list_user_recordings", "✓ user_info:read", "granular", "Everything zoomconnect needs"} {
		if !strings.Contains(flat(v), want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "✗") || strings.Contains(strings.ToLower(v), "broader") {
		t.Fatalf("false alarm:\n%s", v)
	}
}

func TestScopesMarksMissing(t *testing.T) {
	d, _ := newTestScopes(t, "user:read:user")
	v := flat(d.view())
	for _, want := range []string{"✗ meeting:write (missing)", "✗ recording:read (missing)", "Add meeting:write:meeting on the Zoom app's Scopes page",
		"Some scopes are missing", "continue anyway", "✓ user_info:read"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, d.view())
		}
	}
	d.key("enter")
	waitRoot[wizard.ScopesAccepted](d, ubWait)
}

func TestScopesMissingOrgAppAsksAdmin(t *testing.T) {
	env := ubEnv(t, nil, &ubOpener{})
	c := ubCreds(nil)
	c.AuthType = storage.AuthOrgApp
	env.W.OrgApp = &storage.OrgApp{ClientID: c.App.ClientID}
	s := NewScopes(env, c, &oauthflow.Result{Scopes: []string{"user:read"}})
	s.SetSize(200, 60)
	if !strings.Contains(flat(s.View()), "ask your Zoom admin") {
		t.Fatalf("org app fix does not name the admin:\n%s", s.View())
	}
}

func TestScopesFlagsBroadAndClassicSuperset(t *testing.T) {
	d, _ := newTestScopes(t, "meeting:write:admin", "recording:read", "user:read")
	v := flat(d.view())
	for _, want := range []string{"Broader than needed: meeting:write:admin", "granted as meeting:write:admin (broader than needed",
		"✓ user_info:read", "granted as user:read", "classic"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, d.view())
		}
	}
}

func TestScopesNoResultAndBack(t *testing.T) {
	s := NewScopes(ubEnv(t, nil, &ubOpener{}), ubCreds(nil), nil)
	d := newUBDriver(t, s)
	if strings.Count(d.view(), "✗") != 3 {
		t.Fatalf("nil result should miss all three scopes:\n%s", d.view())
	}
	d.key("esc")
	waitRoot[wizard.Back](d, ubWait)
}

func TestScopesScrollHintOnlyWhenNeeded(t *testing.T) {
	_, s := newTestScopes(t, "meeting:write:admin")
	if strings.Contains(s.View(), "to scroll") {
		t.Fatal("scroll hint at 200x60")
	}
	s.SetSize(80, 12)
	if !strings.Contains(s.View(), "to scroll") {
		t.Fatalf("no scroll hint at 80x12:\n%s", s.View())
	}
}

func TestScopesResize(t *testing.T) {
	_, s := newTestScopes(t, "meeting:write:admin")
	for _, sz := range [][2]int{{80, 24}, {200, 60}, {40, 10}, {1, 1}, {0, 0}} {
		s.SetSize(sz[0], sz[1])
		if v := s.View(); sz[0] >= 40 {
			ubCheckFits(t, "scopes", v, sz[0], sz[1])
		}
	}
}

func BenchmarkViewScopes(b *testing.B) {
	for _, sz := range [][2]int{{80, 24}, {200, 60}} {
		b.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(b *testing.B) {
			env := &Env{Styles: NewStyles(true), Keys: DefaultKeyMap(nil)}
			s := NewScopes(env, wizard.Creds{}, &oauthflow.Result{Scopes: []string{"meeting:write:admin", "user:read:user"}})
			s.SetSize(sz[0], sz[1])
			b.ResetTimer()
			for b.Loop() {
				_ = s.View()
			}
		})
	}
}
