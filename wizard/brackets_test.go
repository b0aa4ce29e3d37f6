package wizard

import (
	"errors"
	"fmt"
	"syscall"
	"testing"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

// TestFinishTextHasNoNestedBrackets (issue 8): the scope review, the
// confirm screen and the done screen, in every variant and both
// languages, have no bracket inside another and no two in a row, even
// when a cause that has brackets of its own is said; every ID exists.
func TestFinishTextHasNoNestedBrackets(t *testing.T) {
	bracketed := fmt.Errorf("%w: %w", storage.ErrKeyringUnavailable,
		errors.New("No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so the Secret Service cannot be reached"))
	fileErr := &connection.SaveError{Profile: "work", Err: &storage.FileError{Op: "write", Path: "/p (copy)/work.json", Err: syscall.EROFS},
		UndoErr: errors.New("keyring delete (attempt 2) timed out")}
	plan := &connection.SavePlan{Profile: "work", Existing: &storage.Profile{Name: "work", Email: "x@y.z", ClientID: "abc"},
		Overwrite: true, Replaces: []storage.Profile{{Name: "a"}}}
	noRefresh := withRefresh("meeting:write:admin", "user:read:user", "zoom:extra")
	noRefresh.Token.RefreshToken = ""
	for _, lang := range []i18n.Lang{i18n.English, i18n.French} {
		c := testConfig(lang)
		c.Store = &storage.Store{ConfigDir: "/c", DataDir: "/d"}
		c.Sandbox = &Sandbox{}
		var texts []string
		for _, creds := range []Creds{ownCreds, {AuthType: storage.AuthOrgApp, ExpectedEmail: "grace@example.com"}} {
			for _, r := range []*oauthflow.Result{noRefresh, withRefresh(), nil} {
				texts = append(texts, blocksText(ReviewScopes(c, creds, r, ScopeKeys{Continue: "enter", Back: "esc"}).Page().Blocks))
			}
			for _, probe := range []Probe{ProbeChecking, ProbeOK, ProbeFailed} {
				s := Signin{Creds: creds, User: ada, Plan: plan, Probe: probe, KeyErr: bracketed}
				texts = append(texts, identityText(c, s, tuiKeys), identityText(c, s, IdentityKeys{}), TokensLine(c, s))
			}
		}
		for _, err := range []error{fileErr, bracketed, errors.New("plain")} {
			texts = append(texts, blocksText(SaveFailedBlocks(c, err, FailureKeys{Retry: "r", Back: "esc", Quit: "q"})))
		}
		texts = append(texts, blocksText(ConsentBlocks(c, bracketed, ConsentKeys{Yes: "y", No: "n"})))
		s := savedAs("work")
		s.Replaced, s.Profile.GrantedScopes, s.Profile.PublicClient = []string{"a", "b"}, []string{"user:read:user"}, true
		texts = append(texts, doneText(c, s), (&Revocation{Err: errors.New("HTTP 500 (server)")}).Line(c))
		for _, text := range texts {
			// The causes are storage's and Go's words, in English for
			// now: only the brackets and the IDs are checked here.
			checkText(t, "finish in "+string(lang), text, i18n.English)
		}
	}
}
