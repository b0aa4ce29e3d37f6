package storage

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/internal/testkit"
)

func TestDefaultFollowsXDG(t *testing.T) {
	d := testkit.PrivateXDG(t)
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{s.ConfigDir: d.Config, s.DataDir: d.Data, s.StateDir: d.State}
	for got, dir := range want {
		if got != filepath.Join(dir, "zoomconnect") {
			t.Errorf("dir %s, want under %s/zoomconnect", got, dir)
		}
	}
	s.Keyring = newFakeKeyring()
	if err := s.SaveProfile(testProfile("work")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(d.Config, "zoomconnect", "profiles", "work.json")); err != nil {
		t.Fatalf("profile not under XDG_CONFIG_HOME: %v", err)
	}
}

// $ZOOMCONNECT_KEYRING_TIMEOUT sets the keyring timeout of Default's
// Store, within bounds; anything else keeps the default.
func TestDefaultKeyringTimeoutFromEnv(t *testing.T) {
	for v, want := range map[string]time.Duration{
		"": 0, "1s": time.Second, "250ms": 250 * time.Millisecond, "1m": time.Minute,
		"5": 0, "-1s": 0, "10ms": 0, "2m": 0, "soon": 0,
	} {
		t.Setenv(KeyringTimeoutEnv, v)
		s, err := Default()
		if err != nil {
			t.Fatal(err)
		}
		if s.KeyringTimeout != want {
			t.Errorf("%s=%q: KeyringTimeout %v, want %v", KeyringTimeoutEnv, v, s.KeyringTimeout, want)
		}
	}
}

func TestProfileRoundTripListAndDelete(t *testing.T) {
	s, _ := newTestStore(t)
	for _, n := range []string{"work", "alpha"} {
		if err := s.SaveProfile(testProfile(n)); err != nil {
			t.Fatal(err)
		}
	}
	p, err := s.LoadProfile("work")
	if err != nil || p.ClientID != "cid_work" || p.CreatedAt.IsZero() || p.UpdatedAt.Location().String() != "UTC" {
		t.Fatalf("LoadProfile = %+v, %v", p, err)
	}
	list, err := s.ListProfiles()
	if err != nil || len(list) != 2 || list[0].Name != "alpha" || list[1].Name != "work" {
		t.Fatalf("ListProfiles = %v, %v", list, err)
	}
	if err := s.DeleteProfile("work"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteProfile("work"); err != nil {
		t.Fatalf("second delete: %v", err)
	}
	if _, err := s.LoadProfile("work"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
}

func TestLoadProfileNotFoundSaysLogin(t *testing.T) {
	s, _ := newTestStore(t)
	_, err := s.LoadProfile("work")
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "zoomconnect login --profile work") {
		t.Fatalf("err = %v", err)
	}
	if list, err := s.ListProfiles(); err != nil || len(list) != 0 {
		t.Fatalf("empty list = %v, %v", list, err)
	}
}

func TestValidateName(t *testing.T) {
	good := []string{"default", "work", "a", "0", "a.b_c-d", strings.Repeat("a", 64)}
	bad := []string{"", "Work", "-x", ".x", "a/b", "../x", "a b", strings.Repeat("a", 65), "é"}
	for _, n := range good {
		if err := ValidateName(n); err != nil {
			t.Errorf("ValidateName(%q) = %v", n, err)
		}
	}
	for _, n := range bad {
		err := ValidateName(n)
		if err == nil || !strings.Contains(err.Error(), "a-z, 0-9") {
			t.Errorf("ValidateName(%q) = %v, want a clear refusal", n, err)
		}
	}
	s, _ := newTestStore(t)
	if err := s.SaveProfile(testProfile("../evil")); err == nil {
		t.Fatal("saved a profile with a path in its name")
	}
}

func TestDefaultProfilePointer(t *testing.T) {
	s, _ := newTestStore(t)
	if got := s.DefaultProfile(); got != DefaultProfileName {
		t.Fatalf("unset default = %q", got)
	}
	if err := s.SaveProfile(testProfile("work")); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDefaultProfile("work"); err != nil {
		t.Fatal(err)
	}
	if got := s.DefaultProfile(); got != "work" {
		t.Fatalf("default = %q", got)
	}
	if err := s.SetDefaultProfile("Bad Name"); err == nil {
		t.Fatal("accepted an invalid default")
	}
	if err := s.DeleteProfile("work"); err != nil {
		t.Fatal(err)
	}
	if got := s.DefaultProfile(); got != DefaultProfileName {
		t.Fatalf("default after deleting it = %q", got)
	}
}

func assertMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != want {
		t.Errorf("%s mode %04o, want %04o", path, got, want)
	}
}

func TestSaveProfileFixesWiderModes(t *testing.T) {
	s, _ := newTestStore(t)
	path := s.ProfilePath("work")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	os.Chmod(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveProfile(testProfile("work")); err != nil {
		t.Fatal(err)
	}
	assertMode(t, path, 0o600)
	assertMode(t, filepath.Dir(path), 0o700)
}

func TestExportedPathsAreWhereFilesAreSaved(t *testing.T) {
	s, _ := newTestStore(t)
	p := testProfile("work")
	if err := s.SaveSecrets(t.Context(), p, BackendFile, Secrets{AccessToken: "a"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{s.ProfilePath("work"), s.SecretsFilePath("work")} {
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	if !strings.HasPrefix(s.ProfilePath("work"), s.ConfigDir) || !strings.HasPrefix(s.SecretsFilePath("work"), s.DataDir) {
		t.Fatalf("paths %q %q outside %q %q", s.ProfilePath("work"), s.SecretsFilePath("work"), s.ConfigDir, s.DataDir)
	}
	if s.SecretsLocation(p) != s.SecretsFilePath("work") {
		t.Fatalf("SecretsLocation %q", s.SecretsLocation(p))
	}
}

func TestLoginCommandFor(t *testing.T) {
	sb := func(name string) *Profile {
		return &Profile{Name: name, AuthBaseURL: SandboxMarker, APIBaseURL: SandboxMarker}
	}
	for _, c := range []struct {
		p    *Profile
		want string
	}{
		{nil, "zoomconnect login"},
		{&Profile{Name: DefaultProfileName, AuthBaseURL: "https://zoom.us"}, "zoomconnect login"},
		{&Profile{Name: "work", AuthBaseURL: "https://zoom.us"}, "zoomconnect login --profile work"},
		{sb(DefaultProfileName), "zoomconnect login --sandbox"},
		{sb("demo"), "zoomconnect login --sandbox --profile demo"},
	} {
		if got := LoginCommandFor(c.p); got != c.want {
			t.Errorf("LoginCommandFor(%+v) = %q, want %q", c.p, got, c.want)
		}
	}
}

// FitCommand fits a suggested command to its profile: the profile's own
// login, and --sandbox where the command takes it.
func TestFitCommandToTheProfile(t *testing.T) {
	sb := &Profile{Name: "demo", AuthBaseURL: SandboxMarker, APIBaseURL: SandboxMarker}
	real := &Profile{Name: "work", AuthBaseURL: "https://zoom.us"}
	for _, tt := range []struct {
		command string
		p       *Profile
		want    string
	}{
		{"zoomconnect login --profile demo", sb, "zoomconnect login --sandbox --profile demo"},
		{"zoomconnect login", real, "zoomconnect login --profile work"},
		{"zoomconnect doctor", sb, "zoomconnect doctor --sandbox"},
		{"zoomconnect admin requests --app X", sb, "zoomconnect admin requests --sandbox --app X"},
		{"zoomconnect refresh --profile demo", sb, "zoomconnect refresh --profile demo"},
		{"zoomconnect admin preapproval", sb, "zoomconnect admin preapproval"},
		{"zoomconnect doctor", real, "zoomconnect doctor"},
		{"", sb, ""},
	} {
		if got := FitCommand(tt.command, tt.p); got != tt.want {
			t.Errorf("FitCommand(%q, %s) = %q, want %q", tt.command, tt.p.Name, got, tt.want)
		}
	}
}
