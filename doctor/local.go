package doctor

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"syscall"
)

// checkPort binds 127.0.0.1:0 and, when pinned, 127.0.0.1:Port.
func checkPort(ctx context.Context, env *Env) Result {
	ln, err := env.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return Result{Status: Fail, Summary: "cannot listen on 127.0.0.1: " + err.Error(),
			Detail: "The browser sign-in needs a local port to come back to.",
			Fix:    "check that the loopback interface is up (`ip addr show lo`) and no security policy blocks local ports; meanwhile use `zoomconnect --no-browser`"}
	}
	ln.Close()
	if env.Port == 0 {
		return Result{Status: Pass, Summary: "a free loopback port is available on 127.0.0.1"}
	}
	addr := fmt.Sprintf("127.0.0.1:%d", env.Port)
	ln, err = env.Listen("tcp", addr)
	if err == nil {
		ln.Close()
		return Result{Status: Pass, Summary: "the pinned port " + addr + " is free"}
	}
	return portBusy(env, err)
}

// portBusy explains a pinned port that cannot be bound.
func portBusy(env *Env, err error) Result {
	p := env.Port
	who := fmt.Sprintf("find what holds it: `ss -ltnp 'sport = :%d'` or `lsof -nP -iTCP:%d -sTCP:LISTEN`", p, p)
	if env.GOOS == "windows" {
		who = fmt.Sprintf("find what holds it: `netstat -ano | findstr :%d`; check reserved ranges: `netsh interface ipv4 show excludedportrange protocol=tcp`", p)
	}
	sum := fmt.Sprintf("the pinned port %d is in use", p)
	if env.GOOS == "linux" {
		if h := portHolder(env.ProcDir, p); h != "" {
			sum += " by " + h
		}
	}
	if errors.Is(err, syscall.EACCES) {
		sum = fmt.Sprintf("the pinned port %d is reserved or not allowed", p)
	}
	return Result{Status: Fail, Summary: sum, Detail: "Cause: " + inWords(err) + ".", Error: err.Error(),
		Fix: who + fmt.Sprintf("; stop that program, or choose another port: `zoomconnect --port %d` (and add http://127.0.0.1:%d to the app's allow list)", p+1, p+1)}
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
	port := env.Port
	if port == 0 {
		port = 8765
	}
	paste := "run `zoomconnect --no-browser`, open the printed URL in any browser, then paste the address the browser ends on (http://127.0.0.1:…) back into zoomconnect"
	switch {
	case b.browser != "" && isTextBrowser(b.browser):
		return Result{Status: Warn, Summary: "BROWSER is a text browser (" + b.browser + "); it would take over this terminal",
			Fix: "unset BROWSER for zoomconnect (`BROWSER= zoomconnect`) and " + paste}
	case b.ssh:
		return Result{Status: Warn, Summary: "this is an SSH session: a browser would open on the remote machine, not in front of you",
			Detail: "Open the sign-in URL on your own computer and bring the redirect back.",
			Fix:    fmt.Sprintf("either %s, or forward the port: reconnect with `ssh -L %d:127.0.0.1:%d HOST` and run `zoomconnect --no-browser --port %d`", paste, port, port, port)}
	case b.browser != "":
		return Result{Status: Pass, Summary: "BROWSER is set (" + firstWord(b.browser) + ")"}
	case b.wsl && b.opener != "wslview":
		return Result{Status: Warn, Summary: "WSL without wslview: links may open in the wrong browser or not at all",
			Fix: "install wslu (`sudo apt install wslu`) and run `BROWSER=wslview zoomconnect`, or " + paste}
	case b.wsl:
		return Result{Status: Pass, Summary: "WSL: links open in Windows through wslview"}
	case env.GOOS == "darwin" || env.GOOS == "windows":
		return Result{Status: Pass, Summary: "the system browser opens links"}
	case b.container:
		return Result{Status: Warn, Summary: "running in a container: there is usually no browser here", Fix: paste}
	case !b.display:
		return Result{Status: Warn, Summary: "no graphical display (DISPLAY and WAYLAND_DISPLAY are unset)", Fix: paste}
	case b.opener == "":
		return Result{Status: Warn, Summary: "xdg-open is not installed, so no browser can be started",
			Fix: "install xdg-utils (`sudo apt install xdg-utils`), set BROWSER=/path/to/browser, or " + paste}
	}
	return Result{Status: Pass, Summary: "a graphical display and " + b.opener + " are available"}
}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return filepath.Base(f[0])
	}
	return s
}
