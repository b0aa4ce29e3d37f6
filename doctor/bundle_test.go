package doctor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
)

func TestBundleHoldsNoSecret(t *testing.T) {
	const (
		clientSecret = "cs_9fT2kLmQ8vX1pR7wZ3yB"
		access       = "eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLXNlY3JldA"
		refresh      = "rt-Zq8Lk2Vb7Nm4Xc1Ps6Dt9Wa3Yf5Ge0Hj"
		envSecret    = "envSecret-42abc"
		leaked       = "Ab3Cd4Ef5Gh6Ij7Kl8Mn9Op0Qr1St2Uv3Wx"
		proxyPass    = "pr0xyPa55"
	)
	p := storage.Profile{Name: "work", ClientID: "Pub1icClientId22chars", AuthBaseURL: "https://zoom.us", SecretBackend: storage.BackendFile,
		ReconnectReason: "refresh failed with token " + refresh}
	env := quietEnv()
	env.Getenv = mapEnv(map[string]string{"SSH_TTY": "/dev/pts/0"})
	env.ListProfiles = profiles(p)
	env.Me = func(context.Context, string) (*oauthflow.User, error) {
		return nil, &oauthflow.Error{Kind: oauthflow.KindInvalidGrant, Reason: "bad token " + access + " and " + leaked,
			TrackingID: "v=2.0;clid=us05;rid=WEB_f00d", Err: errors.New("client_secret=" + clientSecret)}
	}
	checks := append(Checks(nil), Check{ID: "leaky", Run: func(context.Context, *Env) Result {
		return Result{Status: Fail, Summary: "saw " + clientSecret, Detail: fmt.Sprintf("Authorization: Bearer %s; proxy http://u:%s@p:1", refresh, proxyPass),
			Fix: "state=abcdefgh&code=" + envSecret}
	}})
	rep := Run(context.Background(), env, checks)

	environ := []string{"ZOOMCONNECT_CLIENT_SECRET=" + envSecret, "HTTPS_PROXY=http://u:" + proxyPass + "@p:1", "HOME=/home/me"}
	red := NewRedactor(environ, clientSecret, access, refresh)
	out, err := NewBundle("1.2.3", rep, []storage.Profile{p}).Encode(red)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "bundle.json")
	if err := storage.WriteFileAtomic(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("bundle mode %04o, want 0600", fi.Mode().Perm())
	}
	got, _ := os.ReadFile(path)
	for _, s := range []string{clientSecret, access, refresh, envSecret, leaked, proxyPass, "c2lnbmF0dXJl", "abcdefgh"} {
		if strings.Contains(string(got), s) {
			t.Errorf("bundle contains secret %q", s)
		}
	}
	var b Bundle
	if err := json.Unmarshal(got, &b); err != nil {
		t.Fatalf("bundle is not JSON: %v", err)
	}
	if b.Version != "1.2.3" || b.OS == "" || b.GoVersion == "" || b.Flags["ssh"] != "true" || b.Flow != "ssh-forward" {
		t.Errorf("bundle lacks facts: %+v", b)
	}
	if len(b.Errors) == 0 || b.Errors[0].TrackingID != "v=2.0;clid=us05;rid=WEB_f00d" || b.Profiles[0].ClientID != p.ClientID {
		t.Errorf("tracking ID or client ID lost: %+v %+v", b.Errors, b.Profiles)
	}
	if !strings.Contains(string(got), Redacted) {
		t.Error("nothing was redacted: the test planted nothing?")
	}
	if m, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*.tmp")); len(m) != 0 {
		t.Errorf("temporary files left: %v", m)
	}
}

func TestRedactKeepsOrdinaryText(t *testing.T) {
	red := NewRedactor(nil, "s3cr3t-value")
	in := "cannot reach zoom.us: dial tcp 1.2.3.4:443: i/o timeout; run `zoomconnect doctor --offline`"
	if got := red.Redact(in); got != in {
		t.Errorf("Redact changed ordinary text: %q", got)
	}
	if got := red.Redact("x s3cr3t-value y"); got != "x "+Redacted+" y" {
		t.Errorf("known secret: %q", got)
	}
}
