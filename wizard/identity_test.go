package wizard

import (
	"errors"
	"fmt"
	"strings"
	"syscall"
	"testing"

	"github.com/zoomconnect/zoomconnect/connection"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
)

var ada = &oauthflow.User{ID: "u1", FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com", AccountID: "acct1", Type: 2}

var tuiKeys = IdentityKeys{Save: "y/enter", SaveAnyway: "y", StartOver: "ctrl+n", Back: "esc"}

func identityText(c *Config, s Signin, keys IdentityKeys) string {
	p := IdentityPage(c, s, keys)
	return p.Title + "\n" + blocksText(p.Blocks)
}

func TestIdentityPageSaysWhoAndAsks(t *testing.T) {
	c := testConfig(i18n.English)
	s := Signin{Creds: ownCreds, User: ada, Probe: ProbeOK}
	text := identityText(c, s, tuiKeys)
	mustHave(t, "confirm", text, "Confirm and save", "Connected as Ada Lovelace <ada@example.com>",
		"Account acct1, user type Licensed.", "Save this connection as profile default?",
		"Its tokens go to the "+KeyringName(c)+".", "Press y/enter to save, esc to go back.")
	// Without keys (the line-by-line wizard) the question is its own.
	mustNotHave(t, "confirm without keys", identityText(c, s, IdentityKeys{}), "Press", "Save this connection")
}

// TestIdentityPageSaysThePlan: what saving does comes from
// connection.SavePlan, the rule SaveLogin follows.
func TestIdentityPageSaysThePlan(t *testing.T) {
	c := testConfig(i18n.English)
	other := &storage.Profile{Name: "default", ClientID: "otherApp", Email: "alice@example.com"}
	for _, tc := range []struct {
		plan      *connection.SavePlan
		want, not string
	}{
		{&connection.SavePlan{Profile: "default", Existing: other, Overwrite: true},
			`Saving replaces the saved connection "default" (alice@example.com, client ID otherApp). Use --profile NAME to keep both.`, "updates"},
		{&connection.SavePlan{Profile: "default", Existing: &storage.Profile{Name: "default", ClientID: "x"}, Overwrite: true},
			`Saving replaces the saved connection "default" (client ID x).`, "—"},
		{&connection.SavePlan{Profile: "default", Overwrite: true}, `Saving writes over the saved profile "default", which cannot be read.`, "updates"},
		{&connection.SavePlan{Profile: "default", Existing: &storage.Profile{Name: "default"}},
			`Saving updates the saved connection "default" (same account and app)`, "replaces"},
		{&connection.SavePlan{Profile: "work", Replaces: []storage.Profile{{Name: "default"}}},
			`Saving also replaces the saved connection "default": the same Zoom user on the same app.`, "connections"},
		{&connection.SavePlan{Profile: "work", Replaces: []storage.Profile{{Name: "a"}, {Name: "b"}, {Name: "c"}}},
			`Saving also replaces the saved connections "a", "b" and "c": the same Zoom user on the same app. Zoom keeps only the latest authorization, so they stopped`, "it stopped"},
		{nil, "Save this connection", "Saving"},
	} {
		text := identityText(c, Signin{Creds: ownCreds, User: ada, Plan: tc.plan}, tuiKeys)
		mustHave(t, "plan", text, tc.want)
		mustNotHave(t, "plan", text, tc.not)
	}
}

func TestIdentityPageMismatch(t *testing.T) {
	c := testConfig(i18n.English)
	creds := ownCreds
	creds.ExpectedEmail = "grace@example.com"
	s := Signin{Creds: creds, User: ada}
	if !s.Mismatch() {
		t.Fatal("no mismatch")
	}
	text := identityText(c, s, tuiKeys)
	mustHave(t, "mismatch", text, "You expected grace@example.com, but Zoom signed in ada@example.com.",
		"press ctrl+n to start over", "Press y to save this account anyway.")
	mustNotHave(t, "mismatch", text, "Press y/enter")
	plain := identityText(c, s, IdentityKeys{})
	mustHave(t, "mismatch without keys", plain, "do not save it: sign out of Zoom in the browser")
	mustNotHave(t, "mismatch without keys", plain, "ctrl+n", "Press")
}

// TestTokensLineFollowsTheProbe: no promise of the keyring before it
// answered; a failed probe's reason is a clause of its own (no brackets in
// brackets); a consented file names its path.
func TestTokensLineFollowsTheProbe(t *testing.T) {
	c := testConfig(i18n.English)
	c.Store = &storage.Store{ConfigDir: "/c", DataDir: "/d"}
	noBus := fmt.Errorf("keyring: %w: %w", storage.ErrKeyringUnavailable,
		errors.New("No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so the Secret Service cannot be reached"))
	s := Signin{Creds: ownCreds, User: ada}
	for _, tc := range []struct {
		probe Probe
		want  string
	}{
		{ProbeChecking, "Its tokens go to the system keyring if it answers (checking now)"},
		{ProbeFailed, "No system keyring answered: no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so the Secret Service cannot be reached. When you save, zoomconnect will ask"},
		{ProbeOK, "Its tokens go to the " + KeyringName(c) + "."},
	} {
		s.Probe, s.KeyErr = tc.probe, noBus
		got := TokensLine(c, s)
		if !strings.Contains(got, tc.want) {
			t.Errorf("probe %d: %q, want %q", tc.probe, got, tc.want)
		}
		checkText(t, "tokens line", page.PlainText(got), i18n.English)
	}
	c.InsecureStorage = true // a consent for when no keyring answers
	s.Probe = ProbeOK
	mustHave(t, "keyring despite the consent", page.PlainText(TokensLine(c, s)), "Its tokens go to the "+KeyringName(c)+".")
	s.Probe = ProbeFailed
	mustHave(t, "file", page.PlainText(TokensLine(c, s)), "No system keyring answered: no D-Bus session bus",
		"Its tokens go to /d/secrets/default.json (mode 0600), as you allowed with --insecure-storage.")
}

func TestConsentBlocks(t *testing.T) {
	c := testConfig(i18n.English)
	c.Store = &storage.Store{DataDir: "/d"}
	text := blocksText(ConsentBlocks(c, fmt.Errorf("w: %w", storage.ErrKeyringUnavailable), ConsentKeys{Yes: "y", No: "n"}))
	mustHave(t, "consent", text, "could not keep the connection's tokens. The system keyring is not available.",
		"/d/secrets/default.json", "(mode 0600)", "Nothing has been saved yet.", "Store the tokens in this file? y: yes · n: no, quit without saving")
	mustNotHave(t, "consent without keys", blocksText(ConsentBlocks(c, storage.ErrKeyringUnavailable, ConsentKeys{})), "Store the tokens")
}

// TestSaveFailedBlocks (issue 7 items 3 and 14): a failed save says what
// happened (the path and the cause in words), that nothing was saved (or,
// when undoing failed, what may remain and how to remove it), and what to
// do, with the keys that do it.
func TestSaveFailedBlocks(t *testing.T) {
	c := testConfig(i18n.English)
	path := "/home/ada/.config/zoomconnect/profiles/default.json"
	fileErr := func(errno syscall.Errno) error {
		return &connection.SaveError{Profile: "default", Err: fmt.Errorf("save profile: %w", &storage.FileError{Op: "write", Path: path, Err: errno})}
	}
	keys := FailureKeys{Retry: "r", Back: "esc", Quit: "q"}
	for _, tc := range []struct {
		err       error
		want, not []string
	}{
		{fileErr(syscall.EROFS), []string{"The connection was not saved. Could not write " + path + ": the file system is read-only.",
			"What was written is undone: no file and no keyring item of this sign-in remains.", "The file system that holds /home/ada/.config/zoomconnect/profiles is read-only: make it writable",
			"Press r to save again, or q to leave without saving."}, []string{"may remain"}},
		{fileErr(syscall.ENOSPC), []string{"the disk is full.", "Free some space on the disk that holds /home/ada/.config/zoomconnect/profiles"}, nil},
		{fileErr(syscall.EACCES), []string{"permission denied.", "Make /home/ada/.config/zoomconnect/profiles yours and writable"}, nil},
		{&connection.SaveError{Profile: "default", Err: errors.New("boom"), HadProfile: true},
			[]string{"The connection was not saved. Boom.", "What was written is undone, and the connection saved before under this name is as it was", "Fix the cause"}, []string{"Nothing was written"}},
		{errors.New("lock held"), []string{"The connection was not saved. Lock held.", "Nothing was written."}, []string{"undone"}},
		{&connection.SaveError{Profile: "work", Err: &storage.FileError{Op: "write", Path: path, Err: syscall.ENOSPC}, UndoErr: errors.New("keyring delete timed out")},
			[]string{"Undoing what was written failed too: Keyring delete timed out. Parts of the new sign-in may remain; remove them with zoomconnect logout --profile work."},
			[]string{"undone:", "Nothing was written", "as it was"}},
	} {
		text := blocksText(SaveFailedBlocks(c, tc.err, keys))
		mustHave(t, "save failure", text, tc.want...)
		mustNotHave(t, "save failure", text, tc.not...)
		checkText(t, "save failure", text, i18n.English)
		if fr := blocksText(SaveFailedBlocks(testConfig(i18n.French), tc.err, keys)); !strings.Contains(fr, "La connexion n’a pas été enregistrée.") {
			t.Errorf("French save failure:\n%s", fr)
		}
	}
	if text := blocksText(SaveFailedBlocks(c, fileErr(syscall.EROFS), FailureKeys{})); strings.Contains(text, "Press") {
		t.Errorf("keys named without keys:\n%s", text)
	}
}

func TestMeFailedBlocksNameTheKeys(t *testing.T) {
	c := testConfig(i18n.English)
	err := &oauthflow.Error{Kind: oauthflow.KindNetwork, Op: oauthflow.OpMe, Err: errors.New("dial tcp: refused")}
	text := blocksText(MeFailedBlocks(c, err, FailureKeys{Retry: "r", Back: "esc"}))
	mustHave(t, "users/me failure", text, "Press r to ask Zoom again, esc to go back.")
}

// TestFileDeclinedIsAStorageOutcome (issue 7 item 14): declining the file
// is a storage failure (exit 7), matches ErrCanceled (the person left),
// and says so in one line, in the run's language.
func TestFileDeclinedIsAStorageOutcome(t *testing.T) {
	keyErr := fmt.Errorf("keyring write: %w", storage.ErrKeyringUnavailable)
	err := error(NewFileDeclinedError(testConfig(i18n.English), keyErr))
	if !storage.IsLocal(err) || !errors.Is(err, ErrCanceled) || !IsFileDeclined(fmt.Errorf("x: %w", err)) {
		t.Fatalf("%v: local %v, canceled %v", err, storage.IsLocal(err), errors.Is(err, ErrCanceled))
	}
	if got := err.Error(); got != "not saved: no keyring answered and you declined the file" {
		t.Errorf("Error() = %q", got)
	}
	if fr := NewFileDeclinedError(testConfig(i18n.French), keyErr).Error(); !strings.HasPrefix(fr, "non enregistré") || strings.Contains(fr, "\n") {
		t.Errorf("French: %q", fr)
	}
}

// TestIdentityFrench: every phase's text reads French, no ID is missing.
func TestIdentityFrench(t *testing.T) {
	c := testConfig(i18n.French)
	c.Store = &storage.Store{ConfigDir: "/c", DataDir: "/d"}
	creds := ownCreds
	creds.ExpectedEmail = "grace@example.com"
	plan := &connection.SavePlan{Profile: "default", Existing: &storage.Profile{Name: "default", Email: "x@y.z", ClientID: "abc"},
		Overwrite: true, Replaces: []storage.Profile{{Name: "a"}, {Name: "b"}}}
	// storage's own words are not this screen's: a cause with no English.
	keyErr := fmt.Errorf("%w: %w", storage.ErrKeyringUnavailable, errors.New("org.freedesktop.secrets"))
	var all []string
	for _, cr := range []Creds{ownCreds, creds} {
		for _, probe := range []Probe{ProbeNone, ProbeChecking, ProbeOK, ProbeFailed} {
			s := Signin{Creds: cr, User: ada, Plan: plan, Probe: probe, KeyErr: keyErr}
			all = append(all, identityText(c, s, IdentityKeys{Save: "y/entrée", SaveAnyway: "y", StartOver: "ctrl+n", Back: "échap"}),
				identityText(c, s, IdentityKeys{}), TokensLine(c, s))
		}
	}
	all = append(all, blocksText(ConsentBlocks(c, keyErr, ConsentKeys{Yes: "y", No: "n"})),
		ConsentQuestion(c), SaveQuestion(c), StatusLine(c, false, false), StatusLine(c, true, false), StatusLine(c, false, true))
	text := strings.Join(all, "\n")
	checkText(t, "confirm screen", text, i18n.French)
	mustHave(t, "French confirm", text, "Confirmer et enregistrer", "Connecté en tant que", "«\u00a0default\u00a0»", "«\u00a0a\u00a0» et «\u00a0b\u00a0»")
}

func TestLowerFirstKeepsAcronyms(t *testing.T) {
	for in, want := range map[string]string{"HTTP 500": "HTTP 500", "D-Bus x": "D-Bus x", "No bus": "no bus", "No D-Bus": "no D-Bus", "": ""} {
		if got := lowerFirst(in); got != want {
			t.Errorf("lowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFallbackAfter: only a keyring failure leads on, to the question or,
// consented with --insecure-storage, straight to the file; a failed file
// save or any other failure stops there.
func TestFallbackAfter(t *testing.T) {
	noKeyring := fmt.Errorf("save: %w", storage.ErrKeyringUnavailable)
	for _, tc := range []struct {
		consent bool
		backend storage.SecretBackend
		err     error
		want    Fallback
	}{
		{false, storage.BackendKeyring, noKeyring, FallbackAsk},
		{true, storage.BackendKeyring, noKeyring, FallbackFile},
		{true, storage.BackendKeyring, fmt.Errorf("save: %w", storage.ErrKeyringTimeout), FallbackFile},
		{true, storage.BackendKeyring, errors.New("disk full"), FallbackNone},
		{true, storage.BackendFile, noKeyring, FallbackNone},
		{false, storage.BackendFile, errors.New("read-only"), FallbackNone},
	} {
		c := testConfig(i18n.English)
		c.InsecureStorage = tc.consent
		if got := c.FallbackAfter(tc.backend, tc.err); got != tc.want {
			t.Errorf("consent %v, %s, %v: %d, want %d", tc.consent, tc.backend, tc.err, got, tc.want)
		}
	}
}

// The organization's app names where it came from: a file or flag as
// code, the built-in sandbox in words (it is no path to copy).
func TestOrgAppSource(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.English, i18n.French} {
		c := testConfig(lang)
		if got := string(OrgAppSource(c, &storage.OrgApp{Path: "/etc/zoomconnect/app.json"})); !strings.Contains(got, "`/etc/zoomconnect/app.json`") {
			t.Errorf("%s: file source %q", lang, got)
		}
		got := string(OrgAppSource(c, &storage.OrgApp{Builtin: true}))
		if strings.Contains(got, "`") || !strings.Contains(got, map[i18n.Lang]string{i18n.English: "built-in sandbox", i18n.French: "bac à sable intégré"}[lang]) {
			t.Errorf("%s: sandbox source %q", lang, got)
		}
	}
}
