package wizard

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

func TestReasonPicksInnermostMeaningfulCause(t *testing.T) {
	noBus := errors.New("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so no Secret Service can answer")
	_, statErr := os.Stat(filepath.Join(t.TempDir(), "missing.json"))
	zoom := &oauthflow.Error{Kind: oauthflow.KindDisabledByAdmin, Op: oauthflow.OpRefresh, Code: 4738, Reason: "disabled"}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"keyring chain", fmt.Errorf(`save "default": %w`, fmt.Errorf(`save secrets of "default": %w`,
			fmt.Errorf("keyring write: %w: %w", storage.ErrKeyringUnavailable, noBus))),
			"No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so no Secret Service can answer."},
		{"sentinel alone", fmt.Errorf("keyring write: %w", storage.ErrKeyringUnavailable), "The system keyring is not available."},
		{"timeout", fmt.Errorf("save: %w", fmt.Errorf("keyring set: %w (waited 5s)", storage.ErrKeyringTimeout)),
			"The system keyring did not answer in time."},
		{"file error keeps its path", fmt.Errorf("load: %w", statErr), "Stat " + statErr.(*fs.PathError).Path + ": no such file or directory."},
		{"zoom error uses Explain", fmt.Errorf("refresh: %w", zoom), oauthflow.Explain(zoom).Title},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Reason(tc.err)
			if !strings.HasPrefix(got, strings.TrimSuffix(tc.want, ".")) || !strings.HasSuffix(got, ".") {
				t.Fatalf("Reason = %q, want %q", got, tc.want)
			}
		})
	}
	if Reason(nil) != "" {
		t.Fatal("Reason(nil) is not empty")
	}
}

// TestExplainViewPlainErrorIsNotBlamedOnZoom: a local failure (a save)
// shows its own cause, not "Something went wrong talking to Zoom".

// TestReasonInSaysStorageAndZoomInFrench: what a person reads first is in
// their language: a file error with its path, a sentinel alone, Zoom's
// title; an error that does not say itself keeps its (English) text.
func TestReasonInSaysStorageAndZoomInFrench(t *testing.T) {
	fr := i18n.New(i18n.French)
	full := fmt.Errorf(`save "work": %w`, &storage.FileError{Op: "write", Path: "/cfg/work.json", Err: syscall.ENOSPC})
	if got := ReasonIn(fr, full); got != "Impossible d’écrire /cfg/work.json\u00a0: le disque est plein." {
		t.Errorf("file error: %q", got)
	}
	if got := ReasonIn(fr, fmt.Errorf("keyring write: %w", storage.ErrKeyringUnavailable)); got != "Le trousseau du système n’est pas disponible." {
		t.Errorf("sentinel: %q", got)
	}
	zoom := &oauthflow.Error{Kind: oauthflow.KindRevoked, Op: oauthflow.OpRefresh, Code: 4741}
	if got := ReasonIn(fr, zoom); got != "Une autre connexion a remplacé celle-ci (4741)." {
		t.Errorf("Zoom: %q", got)
	}
	if got := ReasonIn(fr, errors.New("boom")); got != "Boom." {
		t.Errorf("plain: %q", got)
	}
}

// TestExplanationBlocksInFrench: the blocks every front end draws carry
// the explanation's words and labels in the run's language.
func TestExplanationBlocksInFrench(t *testing.T) {
	cfg := Config{T: i18n.New(i18n.French), Profile: "travail"}.WithDefaults()
	err := &oauthflow.Error{Kind: oauthflow.KindDisabledByAdmin, Op: oauthflow.OpRefresh, Code: 4738, Reason: "Token disabled", TrackingID: "T-1"}
	var text []string
	for _, b := range ErrorBlocks(cfg, err) {
		text = append(text, b.Text)
	}
	all := strings.Join(text, "\n")
	for _, want := range []string{"Un administrateur a désactivé le jeton de cette application (4738)",
		"Réponse de Zoom\u00a0: Token disabled", "Que faire\u00a0: Demandez", "Pour votre administrateur Zoom\u00a0: Zoom App Marketplace → Gérer",
		"Commande\u00a0: `zoomconnect admin preapproval`", "Identifiant de suivi Zoom (pour le support)\u00a0: T-1"} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in\n%s", want, all)
		}
	}
}

// The words of an explanation are catalog text with markup: the scopes an
// admin must add stay code, not quoted by the cleaning of plain arguments.
func TestExplanationKeepsMarkupOfItsWords(t *testing.T) {
	cfg := Config{T: i18n.New(i18n.English)}.WithDefaults()
	err := &oauthflow.Error{Kind: oauthflow.KindMissingScopes, Op: oauthflow.OpMe, Code: 4711, HTTPStatus: 400, MissingScopes: []string{"meeting:read"},
		Reason: "Invalid access token, does not contain scopes:[meeting:read]."}
	var all []string
	for _, b := range ErrorBlocks(cfg, err) {
		all = append(all, b.Text)
	}
	text := strings.Join(all, "\n")
	if strings.Contains(text, "'meeting:read'") || !strings.Contains(text, "`meeting:read`") {
		t.Errorf("the scope lost its code markup:\n%s", text)
	}
}
