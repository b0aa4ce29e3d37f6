package sandbox

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/i18n"
)

// No scenario grants a token without a user scope, so the 4711 answer is
// checked from inside.
func TestMeNeedsAUserScope(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.lock()
	g := s.newGrantLocked(&codeRec{ClientID: s.opts.ClientID, UserID: s.opts.User.ID, Scopes: []string{"meeting:write:meeting"}})
	access, _ := s.issueLocked(g)
	rep := s.meLocked(access)
	s.unlock()
	b, _ := json.Marshal(rep.body)
	want := `{"code":4711,"message":"Invalid access token, does not contain scopes:[user:read:user, user:read:user:admin]."}`
	if rep.status != http.StatusBadRequest || string(b) != want {
		t.Errorf("got %d %s, want 400 %s", rep.status, b, want)
	}
	if s.Stats().Me != 0 {
		t.Error("a refused call was counted")
	}
}

func TestScopeDescriptions(t *testing.T) {
	for _, lang := range i18n.Langs() {
		s := &Server{t: i18n.New(lang)}
		for _, sc := range Scenarios(nil) {
			for _, scope := range sc.Name.grantedScopes() {
				d := s.scopeDescription(scope)
				if d == "" || strings.Contains(d, scope) {
					t.Errorf("%s %s: scope %s has no plain description (%q)", lang, sc.Name, scope, d)
				}
			}
		}
	}
}
