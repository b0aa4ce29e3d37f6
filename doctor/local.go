package doctor

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/zoomconnect/zoomconnect/i18n"
)

// checkPort binds 127.0.0.1:0 and, when pinned, 127.0.0.1:Port.
func checkPort(ctx context.Context, env *Env) Result {
	t := env.T
	ln, err := env.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return Result{Status: Fail, Summary: t.T("doctor.port.cannot_listen", "Reason", i18n.Raw(inWords(t, err))), Error: err.Error(),
			Detail: t.T("doctor.port.cannot_listen_detail"), Fix: t.T("doctor.port.cannot_listen_fix")}
	}
	ln.Close()
	if env.Port == 0 {
		return Result{Status: Pass, Summary: t.T("doctor.port.free")}
	}
	addr := fmt.Sprintf("127.0.0.1:%d", env.Port)
	ln, err = env.Listen("tcp", addr)
	if err == nil {
		ln.Close()
		return Result{Status: Pass, Summary: t.T("doctor.port.pinned_free", "Addr", addr)}
	}
	return portBusy(env, err)
}

// portBusy explains a pinned port that cannot be bound.
func portBusy(env *Env, err error) Result {
	t, p := env.T, env.Port
	who := t.T("doctor.port.who_unix", "Port", p)
	if env.GOOS == "windows" {
		who = t.T("doctor.port.who_windows", "Port", p)
	}
	sum := t.T("doctor.port.in_use", "Port", p)
	if env.GOOS == "linux" {
		if h := portHolder(env.ProcDir, p); h != "" {
			sum = t.T("doctor.port.in_use_by", "Port", p, "Holder", h)
		}
	}
	if errors.Is(err, syscall.EACCES) {
		sum = t.T("doctor.port.reserved", "Port", p)
	}
	return Result{Status: Fail, Summary: sum, Detail: t.T("doctor.cause", "Cause", i18n.Raw(inWords(t, err))), Error: err.Error(),
		Fix: t.T("doctor.port.busy_fix", "Who", i18n.Raw(who), "Next", p+1)}
}

// browserEnv is what the browser check learns about the session.
type browserEnv struct {
	ssh, wsl, container, display bool
	browser                      string
	opener                       string
}

// detectBrowserEnv reads the session flags from env.
func detectBrowserEnv(env *Env) browserEnv {
	var b browserEnv
	for _, k := range []string{"SSH_TTY", "SSH_CONNECTION", "SSH_CLIENT"} {
		b.ssh = b.ssh || env.Getenv(k) != ""
	}
	if v, err := env.ReadFile("/proc/version"); err == nil {
		b.wsl = strings.Contains(strings.ToLower(string(v)), "microsoft")
	}
	for _, f := range []string{"/.dockerenv", "/run/.containerenv"} {
		if _, err := env.Stat(f); err == nil {
			b.container = true
		}
	}
	b.display = env.Getenv("DISPLAY") != "" || env.Getenv("WAYLAND_DISPLAY") != ""
	b.browser = env.Getenv("BROWSER")
	for _, o := range []string{"xdg-open", "wslview"} {
		if _, err := env.LookPath(o); err == nil && b.opener == "" {
			b.opener = o
		}
	}
	return b
}

// facts returns the session flags for the report and bundle.
func (b browserEnv) facts(flow string) map[string]string {
	return map[string]string{"ssh": fmt.Sprint(b.ssh), "wsl": fmt.Sprint(b.wsl), "container": fmt.Sprint(b.container),
		"display": fmt.Sprint(b.display), "browser_env": fmt.Sprint(b.browser != ""), "opener": b.opener, "flow": flow}
}

// textBrowsers take over the terminal and hide the wizard.
func isTextBrowser(cmd string) bool {
	f := strings.Fields(cmd)
	if len(f) == 0 {
		return false
	}
	switch filepath.Base(f[0]) {
	case "w3m", "lynx", "links", "elinks", "www-browser", "browsh":
		return true
	}
	return false
}

// checkBrowser decides whether a browser can open here and which flow to
// recommend: "browser", "paste-url" or "ssh-forward".
func checkBrowser(ctx context.Context, env *Env) Result {
	b := detectBrowserEnv(env)
	r := browserVerdict(env, b)
	flow := "browser"
	if r.Status != Pass {
		flow = "paste-url"
		if b.ssh {
			flow = "ssh-forward"
		}
	}
	r.Facts = b.facts(flow)
	return r
}

// browserVerdict is the decision table of checkBrowser.
func browserVerdict(env *Env, b browserEnv) Result {
	t, port := env.T, env.Port
	if port == 0 {
		port = 8765
	}
	paste := i18n.Raw(t.T("doctor.browser.paste"))
	switch {
	case b.browser != "" && isTextBrowser(b.browser):
		return Result{Status: Warn, Summary: t.T("doctor.browser.text_browser", "Browser", b.browser),
			Fix: t.T("doctor.browser.text_browser_fix", "Paste", paste)}
	case b.ssh:
		return Result{Status: Warn, Summary: t.T("doctor.browser.ssh"), Detail: t.T("doctor.browser.ssh_detail"),
			Fix: t.T("doctor.browser.ssh_fix", "Paste", paste, "Port", port)}
	case b.browser != "":
		return Result{Status: Pass, Summary: t.T("doctor.browser.set", "Browser", firstWord(b.browser))}
	case b.wsl && b.opener != "wslview":
		return Result{Status: Warn, Summary: t.T("doctor.browser.wsl_no_wslview"), Fix: t.T("doctor.browser.wsl_fix", "Paste", paste)}
	case b.wsl:
		return Result{Status: Pass, Summary: t.T("doctor.browser.wsl")}
	case env.GOOS == "darwin" || env.GOOS == "windows":
		return Result{Status: Pass, Summary: t.T("doctor.browser.system")}
	case b.container:
		return Result{Status: Warn, Summary: t.T("doctor.browser.container"), Fix: string(paste)}
	case !b.display:
		return Result{Status: Warn, Summary: t.T("doctor.browser.no_display"), Fix: string(paste)}
	case b.opener == "":
		return Result{Status: Warn, Summary: t.T("doctor.browser.no_opener"), Fix: t.T("doctor.browser.no_opener_fix", "Paste", paste)}
	}
	return Result{Status: Pass, Summary: t.T("doctor.browser.ok", "Opener", b.opener)}
}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return filepath.Base(f[0])
	}
	return s
}
