package steps

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/zoomconnect/zoomconnect/assets"
	"github.com/zoomconnect/zoomconnect/i18n"
	"github.com/zoomconnect/zoomconnect/internal/testkit/keypress"
	"github.com/zoomconnect/zoomconnect/oauthflow"
	"github.com/zoomconnect/zoomconnect/storage"
	"github.com/zoomconnect/zoomconnect/wizard"
)

func newTestPreapproval(t *testing.T, cause error) (*ubDriver, *Preapproval, *Env) {
	t.Helper()
	env := ubEnv(t, nil, &ubOpener{})
	c := ubCreds(nil)
	c.ExpectedEmail = "pat@example.com"
	p := NewPreapproval(env, c, cause)
	p.dir = t.TempDir()
	d := newUBDriver(t, p)
	p.SetSize(80, 24)
	return d, p, env
}

func TestPreapprovalRequestHasEverything(t *testing.T) {
	_, p, _ := newTestPreapproval(t, nil)
	for _, want := range []string{
		ubCreds(nil).App.ClientID, "Acme Notes", "pat@example.com", assets.MarketplaceURL,
		"meeting:write", "recording:read", "user_info:read",
		"Manage → Permissions", "Who can install", "Manage → App Requests",
	} {
		if !strings.Contains(p.request, want) {
			t.Errorf("request lacks %q", want)
		}
	}
	if strings.Contains(p.request, ubCreds(nil).App.ClientSecret) {
		t.Fatal("the request contains the client secret")
	}
}

func TestPreapprovalViewFitsAndExplains(t *testing.T) {
	d, p, _ := newTestPreapproval(t, nil)
	v := d.view()
	if !strings.Contains(v, "What is happening") || !strings.Contains(flat(v), "needs an admin to approve") {
		t.Fatalf("view does not start with the explanation:\n%s", v)
	}
	if !strings.Contains(v, "to scroll") {
		t.Fatal("no scroll hint although the text is longer than the screen")
	}
	if n := strings.Count(v, "\n") + 1; n > 24 {
		t.Fatalf("view has %d lines at 80x24", n)
	}
	before := p.vp.YOffset()
	d.key("j")
	d.send(keypress.Of("j"))
	if p.vp.YOffset() <= before {
		t.Fatal("j does not scroll the long text")
	}
}

func TestPreapprovalSaveWritesFileAndPending(t *testing.T) {
	d, p, env := newTestPreapproval(t, nil)
	d.key("s")
	d.until(ubWait, "the save", func() bool { return len(p.status) > 0 && p.pending })
	path := filepath.Join(p.dir, wizard.RequestFileName)
	data, err := os.ReadFile(path)
	if err != nil || string(data) != p.request {
		t.Fatalf("file %s: err %v, content matches: %v", path, err, string(data) == p.request)
	}
	if !strings.Contains(unwrapped(d.view()), path) {
		t.Fatalf("view does not show the path:\n%s", d.view())
	}
	pend, secret, err := env.W.Store.LoadPending(t.Context(), "default")
	if err != nil {
		t.Fatalf("no pending attempt saved: %v", err)
	}
	c := ubCreds(nil)
	if pend.ClientID != c.App.ClientID || pend.Stage != "preapproval" || pend.AuthType != storage.AuthOwnApp ||
		pend.ExpectedEmail != "pat@example.com" || pend.RequestSentAt.IsZero() {
		t.Fatalf("pending = %+v", pend)
	}
	if secret != c.App.ClientSecret {
		t.Fatal("the own app's client secret was not kept for resuming")
	}
}

func TestPreapprovalCopyUsesClipboardAndSavesPending(t *testing.T) {
	d, p, env := newTestPreapproval(t, nil)
	_, cmd := p.Update(keypress.Of("c"))
	var clip string
	for _, m := range runCmd(t, cmd) {
		if strings.Contains(fmt.Sprintf("%T", m), "Clipboard") {
			clip = fmt.Sprint(m)
		} else {
			d.send(m)
		}
	}
	if clip != p.request {
		t.Fatalf("clipboard got %d bytes, want the request", len(clip))
	}
	if _, _, err := env.W.Store.LoadPending(t.Context(), "default"); err != nil {
		t.Fatalf("copy did not save the pending attempt: %v", err)
	}
	if !strings.Contains(flat(d.view()), "clipboard") {
		t.Fatal("no copy confirmation")
	}
	if _, cmd := p.Update(keypress.Of("c")); len(runCmd(t, cmd)) != 1 {
		t.Fatal("a second copy saved the pending attempt again")
	}
}

func TestPreapprovalAdminViewShowsChecklist(t *testing.T) {
	d, p, _ := newTestPreapproval(t, nil)
	d.key("a")
	if !p.admin || !strings.Contains(p.Title(), "admin") {
		t.Fatal("a did not switch to the admin view")
	}
	p.SetSize(200, 60)
	v := flat(d.view())
	for _, it := range assets.AdminChecklist() {
		if !strings.Contains(v, flat(it.Title)) {
			t.Errorf("admin view lacks %q", it.Title)
		}
	}
	_, cmd := p.Update(keypress.Of("c"))
	msgs := runCmd(t, cmd)
	if len(msgs) == 0 || !strings.Contains(fmt.Sprint(msgs[0]), "- [ ] **Sign in") {
		t.Fatalf("copy in admin view did not copy the checklist: %v", msgs)
	}
	d.key("a")
	if p.admin {
		t.Fatal("a did not switch back")
	}
}

func TestPreapprovalRetryAndBack(t *testing.T) {
	d, _, _ := newTestPreapproval(t, nil)
	d.key("r")
	waitRoot[wizard.Retry](d, ubWait)
	d.key("esc")
	waitRoot[wizard.Back](d, ubWait)
}

func TestPreapprovalSaveFailureShown(t *testing.T) {
	d, p, _ := newTestPreapproval(t, nil)
	p.dir = filepath.Join(t.TempDir(), "missing", "dir")
	d.key("s")
	d.until(ubWait, "the failure", func() bool { return p.failed && !p.Committing() })
	if !strings.Contains(flat(d.view()), "Could not save the file") || !strings.Contains(flat(d.view()), "press c") &&
		!strings.Contains(flat(d.view()), "Press c") {
		t.Fatalf("failure not explained:\n%s", d.view())
	}
}

func TestPreapprovalCauseInRequest(t *testing.T) {
	err := &oauthflow.Error{Kind: oauthflow.KindDisabledByAdmin, Op: oauthflow.OpRefresh, Code: 4738,
		Reason: "The token is disabled by admin."}
	_, p, _ := newTestPreapproval(t, err)
	if !strings.Contains(p.request, "The token is disabled by admin.") {
		t.Fatalf("request does not say what happened:\n%s", p.request)
	}
	p.SetSize(200, 60)
	if ex := oauthflow.Explain(err); ex.Title == "" || !strings.Contains(flat(ansi.Strip(p.View())), flat(ex.Title)) {
		t.Fatalf("the screen does not explain the cause %q:\n%s", ex.Title, p.View())
	}
	if r := p.pendingRecord().Reason; r != err.Key() {
		t.Fatalf("pending reason = %q, want %q", r, err.Key())
	}
}

func TestPreapprovalOrgAppGreetsAdminAndKeepsNoSecret(t *testing.T) {
	env := ubEnv(t, nil, &ubOpener{})
	c := ubCreds(nil)
	c.AuthType = storage.AuthOrgApp
	env.W.OrgApp = &storage.OrgApp{Name: "Acme", ClientID: c.App.ClientID, AdminContact: "it@acme.example"}
	p := NewPreapproval(env, c, nil)
	p.SetSize(200, 60)
	if !strings.Contains(p.request, "Hello it@acme.example") || !strings.Contains(ansi.Strip(p.View()), "Zoom admin: it@acme.example") {
		t.Fatal("request does not greet the admin contact")
	}
	if p.pendingSecret() != "" || p.pendingRecord().AuthType != storage.AuthOrgApp {
		t.Fatal("the organization's app secret would be kept with the pending attempt")
	}
}

func TestPreapprovalPendingErrorShown(t *testing.T) {
	d, p, _ := newTestPreapproval(t, nil)
	d.send(pendingSavedMsg{err: errors.New("disk full")})
	if p.pending || !strings.Contains(flat(d.view()), "Could not remember this attempt for later. Disk full.") {
		t.Fatalf("pending failure not shown:\n%s", d.view())
	}
}

func TestPreapprovalResize(t *testing.T) {
	_, p, env := newTestPreapproval(t, nil)
	p.status = wizard.SavedBlocks(env.W, wizard.ExportRequest, "/a/very/long/path/"+strings.Repeat("x", 120))
	for _, sz := range [][2]int{{80, 24}, {200, 60}, {40, 10}, {1, 1}, {0, 0}} {
		p.SetSize(sz[0], sz[1])
		if v := p.View(); sz[0] >= 40 {
			ubCheckFits(t, "preapproval", v, sz[0], sz[1])
		}
	}
}

func BenchmarkViewPreapproval(b *testing.B) {
	for _, sz := range [][2]int{{80, 24}, {200, 60}} {
		b.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(b *testing.B) {
			env := &Env{Styles: NewStyles(true), Keys: DefaultKeyMap(nil), W: &wizard.Config{Now: time.Now}}
			p := NewPreapproval(env, wizard.Creds{AppName: "Acme", App: oauthflow.App{ClientID: "id"}}, nil)
			p.SetSize(sz[0], sz[1])
			b.ResetTimer()
			for b.Loop() {
				_ = p.View()
			}
		})
	}
}

// TestPreapprovalScreenFollowsTheCause: each cause gets its guide's
// title and words, drawn from the guide's Markdown (no "#" or "**" left
// before the request, which is shown as the Markdown it is).
func TestPreapprovalScreenFollowsTheCause(t *testing.T) {
	tests := []struct {
		cause error
		want  assets.Cause
		says  string
	}{
		{nil, assets.CauseRequired, "Your Zoom account needs an admin to approve this app first."},
		{&oauthflow.Error{Kind: oauthflow.KindTimeout, Op: oauthflow.OpAuthorize}, assets.CauseLikely, "The most likely cause"},
		{wizard.AdminAppError(), assets.CauseAdminApp, "Only a Zoom account admin can install this app"},
		{&oauthflow.Error{Kind: oauthflow.KindDisabledByAdmin, Op: oauthflow.OpRefresh, Code: 4738}, assets.CauseDisabled,
			"turned off pre-approval for this app"},
		{errors.New("something else"), assets.CauseRequired, "Your Zoom account needs an admin to approve this app first."},
	}
	for _, tt := range tests {
		if got := wizard.GuideCause(tt.cause); got != tt.want {
			t.Errorf("wizard.GuideCause(%v) = %q, want %q", tt.cause, got, tt.want)
		}
		_, p, _ := newTestPreapproval(t, tt.cause)
		p.SetSize(100, 300)
		v := ansi.Strip(p.View())
		guide, _, ok := strings.Cut(v, "Request for your admin (c copies, s saves)")
		if !ok || !strings.Contains(flat(guide), tt.says) {
			t.Errorf("cause %v: the screen lacks %q:\n%s", tt.cause, tt.says, v)
		}
		if strings.Contains(guide, "**") || strings.Contains(guide, "# ") || strings.Contains(guide, "_Saving") {
			t.Errorf("cause %v: Markdown markup on screen:\n%s", tt.cause, guide)
		}
		if want := assets.PreapprovalTitle(i18n.English, assets.GuideData{Cause: tt.want}); p.Title() != want {
			t.Errorf("cause %v: title %q, want %q", tt.cause, p.Title(), want)
		}
	}
}

// TestPreapprovalNamesRemappedKeys: the guide and the status lines name
// the screen's bindings, not the default letters.
func TestPreapprovalNamesRemappedKeys(t *testing.T) {
	env := ubEnv(t, nil, &ubOpener{})
	env.Keys.Preapproval.Admin = key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "admin checklist"))
	env.Keys.Preapproval.Copy = key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "copy"))
	env.Keys.Preapproval.Save = key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "save as Markdown"))
	p := NewPreapproval(env, ubCreds(nil), nil)
	p.dir = filepath.Join(t.TempDir(), "missing")
	d := newUBDriver(t, p)
	p.SetSize(100, 300)
	mustContain(t, flat(ansi.Strip(p.View())), "press A for the checklist", "Request for your admin (C copies, S saves)",
		"Copy it (C) or save it as a Markdown file (S)")
	d.send(keypress.Of("S"))
	d.until(ubWait, "the failed save", func() bool { return p.failed && !p.Committing() })
	mustContain(t, flat(ansi.Strip(p.View())), "Press C to copy it instead.")
	d.send(keypress.Of("C"))
	mustContain(t, flat(ansi.Strip(p.View())), "press S to save a file.")
}
