package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/internal/cmdline"
)

// LoadProfile reads one profile. A missing profile is an error wrapping
// ErrNotFound whose message says to run zoomconnect login; a replaced one
// (see Replaced) is a *ReplacedError, which wraps ErrNotFound too.
func (s *Store) LoadProfile(name string) (*Profile, error) {
	if err := ValidateName(name); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(s.ProfilePath(name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, i18n.NewError(ErrNotFound, "storage.profile_not_found", "Name", name, "Command", LoginCommand(name))
	}
	if err != nil {
		return nil, fmt.Errorf("read profile %q: %w", name, fileErr("read", s.ProfilePath(name), err))
	}
	if re, ok := replacedNote(name, data); ok {
		return nil, re
	}
	var p Profile
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, i18n.NewError(err, "storage.profile_damaged", "Name", name, "Path", s.ProfilePath(name),
			"Detail", err.Error(), "Command", LoginCommand(name))
	}
	p.Name = name
	return &p, nil
}

// LoginCommand is the command that (re)creates the named connection. When
// the profile is loaded, prefer LoginCommandFor, which knows sandbox
// profiles.
func LoginCommand(name string) string {
	if name == "" || name == DefaultProfileName {
		return "zoomconnect login"
	}
	return "zoomconnect login --profile " + name
}

// SandboxMarker is the AuthBaseURL and APIBaseURL saved in a profile made
// under `zoomconnect --sandbox`: the built-in sandbox listens on a new port
// each run, so the profile names the sandbox instead of a URL.
const SandboxMarker = "sandbox"

// IsSandbox reports whether p was made under --sandbox (see SandboxMarker).
func (p *Profile) IsSandbox() bool {
	return p != nil && (p.AuthBaseURL == SandboxMarker || p.APIBaseURL == SandboxMarker)
}

// LoginCommandFor is the command that reconnects p: LoginCommand(p.Name)
// plus --sandbox for a sandbox profile, whose connection lives in the
// built-in sandbox (a plain `zoomconnect login` would start the wizard
// against zoom.us). A nil p gives the default profile's command.
func LoginCommandFor(p *Profile) string {
	if p == nil {
		return LoginCommand("")
	}
	if !p.IsSandbox() {
		return LoginCommand(p.Name)
	}
	if p.Name == "" || p.Name == DefaultProfileName {
		return "zoomconnect login --sandbox"
	}
	return "zoomconnect login --sandbox --profile " + p.Name
}

// FitCommand is the one rule that fits a suggested command to profile p:
// a sign-in command becomes p's own (LoginCommandFor: --profile,
// --sandbox), and another command that takes --sandbox (internal/cmdline
// knows which do) gets it for a sandbox profile, so that running it
// reaches the same connection; any other is returned as it is.
func FitCommand(command string, p *Profile) string {
	path, ok := cmdline.Path(command)
	switch {
	case !ok || p == nil:
		return command
	case path == "login":
		return LoginCommandFor(p)
	case p.IsSandbox() && cmdline.TakesSandbox(command) && !strings.Contains(command, "--sandbox"):
		head := strings.TrimSpace(cmdline.Program + " " + path)
		return head + " --sandbox" + strings.TrimPrefix(command, head)
	}
	return command
}

// ListProfiles returns all profiles, sorted by name. Damaged files and
// the notes of replaced profiles (ListReplaced) are skipped; an absent
// directory means no profiles.
func (s *Store) ListProfiles() ([]Profile, error) {
	names, err := jsonNames(filepath.Join(s.ConfigDir, "profiles"), "profiles")
	var out []Profile
	for _, name := range names {
		if p, err := s.LoadProfile(name); err == nil {
			out = append(out, *p)
		}
	}
	return out, err
}

// SaveProfile writes a profile atomically (0600 in a 0700 dir). It sets
// CreatedAt when zero and UpdatedAt always, in UTC. Callers hold the
// profile's lock (Lock): its holder removes leftover temp files.
func (s *Store) SaveProfile(p *Profile) error {
	if err := ValidateName(p.Name); err != nil {
		return err
	}
	now := s.now().UTC()
	if p.CreatedAt.IsZero() {
		p.CreatedAt = now
	}
	p.UpdatedAt = now
	p.AccessExpiry = p.AccessExpiry.UTC()
	p.LastRefresh = p.LastRefresh.UTC()
	if err := s.writeJSON(s.ProfilePath(p.Name), p); err != nil {
		return fmt.Errorf("save profile %q: %w", p.Name, err)
	}
	return nil
}

// DeleteProfile removes a profile file (or the note of a replaced one),
// and the default pointer when it named this profile. Deleting a missing
// profile is not an error. Callers hold the profile's lock.
func (s *Store) DeleteProfile(name string) error {
	if err := ValidateName(name); err != nil {
		return err
	}
	if err := s.remove(s.ProfilePath(name)); err != nil {
		return fmt.Errorf("delete profile %q: %w", name, err)
	}
	if cur, ok := s.defaultPointer(); ok && cur == name {
		return s.SetDefaultProfile("")
	}
	return nil
}

// DefaultProfile returns the profile set with SetDefaultProfile, or
// DefaultProfileName when none is set.
func (s *Store) DefaultProfile() string {
	if name, ok := s.defaultPointer(); ok {
		return name
	}
	return DefaultProfileName
}

func (s *Store) defaultPointer() (string, bool) {
	data, err := os.ReadFile(s.defaultPointerPath())
	if err != nil {
		return "", false
	}
	name := strings.TrimSpace(string(data))
	return name, ValidateName(name) == nil
}

// SetDefaultProfile makes name the default profile; "" clears the choice.
func (s *Store) SetDefaultProfile(name string) error {
	path := s.defaultPointerPath()
	if name == "" {
		if err := s.remove(path); err != nil {
			return fmt.Errorf("clear default profile: %w", err)
		}
		return nil
	}
	if err := ValidateName(name); err != nil {
		return err
	}
	if err := s.files().ensureDir(s.ConfigDir, false); err != nil {
		return err
	}
	if err := s.files().writeAtomic(path, []byte(name+"\n"), 0o600); err != nil {
		return fmt.Errorf("set default profile: %w", err)
	}
	return nil
}
