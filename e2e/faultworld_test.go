package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/oauthflow/sandbox"
	"github.com/zoomconnect/zoomconnect/page"
	"github.com/zoomconnect/zoomconnect/storage"
)

// faultWorld is one user's machine in a fault test: a home (XDG dirs), the
// sandbox its connections talk to (a server of the test, so it can count
// refreshes and revocations and name the newest refresh token), and a
// keyring on a private bus (the real gnome-keyring-daemon or the fake
// Secret Service) or none. Every run of the binary in it is counted on the
// fault's row of the table.
type faultWorld struct {
	t    *testing.T
	h    *home
	srv  *sandbox.Server
	bus  *privateBus
	gk   *gnomeKeyring
	fake *fakeSecrets
	row  *faultRow
	tr   *i18n.Printer
	// busEnv is the D-Bus environment of the next runs: the keyring's bus,
	// or a fault's (no bus, a bus nobody serves).
	busEnv []string
	// extraEnv is added to every run (worldOpts.env).
	extraEnv []string
}

// env is the environment a run adds to the home's.
func (w *faultWorld) env() []string {
	return append(append([]string{}, w.busEnv...), w.extraEnv...)
}

// keyring kinds of a world.
const (
	noKeyring   = "none"
	realKeyring = "gnome-keyring"
	fakeKeyring = "fake"
)

// worldOpts shape a world.
type worldOpts struct {
	// keyring is noKeyring, realKeyring or fakeKeyring.
	keyring string
	sandbox sandbox.Options
	// setup, when set, runs on the new home before the keyring starts
	// (to mount a file system over one of its directories, say).
	setup func(h *home)
	// env is added to every run's environment.
	env []string
	// keyringData, when set, is the directory under the home's root where
	// a real keyring keeps its files (else a temp dir of its own).
	keyringData string
}

// newWorld makes a world with a keyring of kind and a default sandbox.
func newWorld(ctx context.Context, t *testing.T, row *faultRow, kind string) *faultWorld {
	t.Helper()
	return newWorldWith(ctx, t, row, worldOpts{keyring: kind})
}

// newWorldWith makes a world as o says.
func newWorldWith(ctx context.Context, t *testing.T, row *faultRow, o worldOpts) *faultWorld {
	t.Helper()
	srv, err := sandbox.New(o.sandbox)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	w := &faultWorld{t: t, h: newHome(t), srv: srv, row: row, tr: i18n.New(i18n.English), extraEnv: o.env}
	if o.setup != nil {
		o.setup(w.h)
	}
	if o.keyringData != "" {
		o.keyringData = filepath.Join(w.h.root, o.keyringData)
	}
	switch o.keyring {
	case realKeyring:
		w.bus = startBus(t)
		w.gk = startGnomeKeyring(ctx, t, w.bus, o.keyringData)
	case fakeKeyring:
		w.bus = startBus(t)
		w.fake = startFakeSecrets(t, w.bus)
	}
	w.keyringBack()
	return w
}

// keyringBack puts the next runs on the world's keyring again (no D-Bus
// at all for a world without one).
func (w *faultWorld) keyringBack() {
	w.busEnv = nil
	if w.bus != nil {
		w.busEnv = w.bus.env()
	}
}

// run runs the binary in the world and counts the run.
func (w *faultWorld) run(ctx context.Context, args ...string) result {
	w.t.Helper()
	w.row.run()
	r := w.h.run(ctx, w.env(), args...)
	w.t.Logf("zoomconnect %s: exit %d; stderr %q", strings.Join(args, " "), r.code, firstLine(r.stderr))
	return r
}

// loginArgs are the wizard's arguments for the world's sandbox: its public
// client (no secret to type), line by line, no browser; with no keyring
// in the world, consent to the 0600 file up front. (With a keyring,
// --insecure-storage is not given: the wizard then writes the file even
// though the keyring answers.)
func (w *faultWorld) loginArgs(extra ...string) []string {
	args := []string{"login", "--accessible", "--no-browser", "--client-id", sandbox.DemoPublicClientID,
		"--auth-base-url", w.srv.URL, "--api-base-url", w.srv.URL}
	if w.bus == nil {
		args = append(args, "--insecure-storage")
	}
	return append(args, extra...)
}

// startLogin starts the accessible wizard with piped answers and takes it
// to its save question: the defaults up to the browser, the sandbox's
// approval of the authorize URL, enter on the scope review.
func (w *faultWorld) startLogin(ctx context.Context, extra ...string) *lineRun {
	w.t.Helper()
	w.row.run()
	l := startLines(ctx, w.t, w.h, w.env(), w.loginArgs(extra...)...)
	l.send("", "", "") // the organization's app; continue; no expected email
	u := l.waitFor(ctx, authorizeRE)
	l.waitFor(ctx, lettersRE) // it waits for the browser now
	get(ctx, w.t, w.srv.ApproveURL(u))
	l.waitFor(ctx, regexp.MustCompile(regexp.QuoteMeta(w.tr.T("scopes.ask_continue", "Enter", w.tr.T("keyname.enter"), "Quit", "q"))))
	l.send("")
	l.waitFor(ctx, w.saveQuestionRE("default"))
	return l
}

// saveQuestionRE matches the wizard's question to save as profile.
func (w *faultWorld) saveQuestionRE(profile string) *regexp.Regexp {
	return regexp.MustCompile(regexp.QuoteMeta(page.PlainText(w.tr.T("identity.question", "Profile", profile))))
}

// consentRE matches the question about the 0600 file.
func (w *faultWorld) consentRE() *regexp.Regexp {
	return regexp.MustCompile(regexp.QuoteMeta(page.PlainText(w.tr.T("identity.consent_question"))))
}

// login runs the whole wizard and saves (y; and y to the 0600 file if it
// is asked), failing the test unless it exits 0.
func (w *faultWorld) login(ctx context.Context, extra ...string) {
	w.t.Helper()
	l := w.startLogin(ctx, extra...)
	l.send("y", "y") // save; the second y answers the file question when no keyring answers
	code := l.exit(ctx)
	w.t.Logf("zoomconnect %s: exit %d", strings.Join(w.loginArgs(extra...), " "), code)
	if code != 0 {
		w.t.Fatalf("login exited %d:\n%s", code, l.stderr())
	}
	if o := w.observe(); !o.hasSecretsOf("default") || hasProfile(o, "default") == false {
		w.t.Fatalf("login exited 0 but saved nothing:\n%s", l.stderr())
	}
}

// observed is what the world's disk and keyring hold for zoomconnect.
type observed struct {
	profiles map[string]storage.Profile // profiles/NAME.json that are connections (not notes)
	files    map[string]storage.Secrets // secrets/NAME.json
	temps    []string                   // temp files of atomic writes, which may hold tokens
	items    []keyItem                  // the keyring's items; nil without a keyring
}

// observe reads the world's files and keyring directly (not through the
// binary). The keyring must be answering.
func (w *faultWorld) observe() observed {
	w.t.Helper()
	o := observed{profiles: map[string]storage.Profile{}, files: map[string]storage.Secrets{}}
	profiles := filepath.Join(w.h.store.ConfigDir, "profiles")
	secrets := filepath.Join(w.h.store.DataDir, "secrets")
	for _, dir := range []string{profiles, secrets} {
		m, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
		o.temps = append(o.temps, m...)
	}
	m, _ := filepath.Glob(filepath.Join(profiles, "*.json"))
	for _, f := range m {
		var p storage.Profile
		if b, err := os.ReadFile(f); err == nil && json.Unmarshal(b, &p) == nil && p.ClientID != "" {
			o.profiles[p.Name] = p
		}
	}
	m, _ = filepath.Glob(filepath.Join(secrets, "*.json"))
	for _, f := range m {
		var s storage.Secrets
		if b, err := os.ReadFile(f); err == nil && json.Unmarshal(b, &s) == nil {
			o.files[strings.TrimSuffix(filepath.Base(f), ".json")] = s
		}
	}
	switch {
	case w.gk != nil:
		o.items = w.gk.scan(w.t)
	case w.fake != nil:
		o.items = w.fake.scan(w.t)
	}
	return o
}

// secretsOf returns the stored secrets of profile name from where its
// profile says they are, and whether they were found.
func (o observed) secretsOf(name string) (storage.Secrets, bool) {
	p, ok := o.profiles[name]
	if !ok {
		return storage.Secrets{}, false
	}
	if p.SecretBackend == storage.BackendFile {
		s, ok := o.files[name]
		return s, ok
	}
	for _, it := range o.items {
		if it.kind() == "profile" && it.name() == name {
			var s storage.Secrets
			return s, json.Unmarshal([]byte(it.value), &s) == nil
		}
	}
	return storage.Secrets{}, false
}

// hasSecretsOf reports whether any copy of name's secrets remains: a
// secret file or a keyring item.
func (o observed) hasSecretsOf(name string) bool {
	if _, ok := o.files[name]; ok {
		return true
	}
	for _, it := range o.items {
		if it.kind() == "profile" && it.name() == name {
			return true
		}
	}
	return false
}

// listEntry is one connection of `zoomconnect list --json`.
type listEntry struct {
	Name    string `json:"name"`
	State   string `json:"state"`
	Secrets struct {
		Backend  string `json:"backend"`
		Location string `json:"location"`
	} `json:"secrets"`
}

// list runs `zoomconnect list --json` (the "next command" after a fault)
// and decodes its connections.
func (w *faultWorld) list(ctx context.Context) []listEntry {
	w.t.Helper()
	r := w.run(ctx, "list", "--json")
	var out struct {
		Profiles []listEntry `json:"profiles"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		w.t.Fatalf("list --json (exit %d): %v\n%s%s", r.code, err, r.stdout, r.stderr)
	}
	return out.Profiles
}

// statusEntry is one connection of `zoomconnect status --json`.
type statusEntry struct {
	Name     string `json:"name"`
	OK       bool   `json:"ok"`
	Problems []struct {
		Text     string `json:"summary_text"`
		Severity string `json:"severity"`
	} `json:"problems"`
}

// says reports whether one of e's problems contains text.
func (e statusEntry) says(text string) bool {
	for _, p := range e.Problems {
		if strings.Contains(p.Text, text) {
			return true
		}
	}
	return false
}

// status runs `zoomconnect status --json` with args and decodes it; a
// status that printed no JSON (stopped by an error) has no entries. per
// says which connections are ok.
func (w *faultWorld) status(ctx context.Context, args ...string) (entries map[string]statusEntry, per map[string]bool, r result) {
	w.t.Helper()
	r = w.run(ctx, append([]string{"status", "--json"}, args...)...)
	var rep struct {
		Connections []statusEntry `json:"connections"`
	}
	entries, per = map[string]statusEntry{}, map[string]bool{}
	if json.Unmarshal([]byte(r.stdout), &rep) != nil {
		return entries, per, r
	}
	for _, c := range rep.Connections {
		entries[c.Name], per[c.Name] = c, c.OK
	}
	return entries, per, r
}

// settle is the deadline for one fault run, generous for -race on 2 cores.
const settle = 2 * time.Minute
