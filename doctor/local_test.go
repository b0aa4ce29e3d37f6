package doctor

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

func TestPortPinnedBusy(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	env := quietEnv()
	env.Listen = net.Listen
	env.Port = port
	r := runCheck(env, "loopback-port")
	if runtime.GOOS == "linux" && !strings.Contains(r.Summary, fmt.Sprintf("by pid %d (", os.Getpid())) {
		t.Errorf("busy port: summary %q does not name this process", r.Summary)
	}
	if r.Status != Fail || !strings.Contains(r.Summary, strconv.Itoa(port)) ||
		!strings.Contains(r.Fix, "ss -ltnp 'sport = :"+strconv.Itoa(port)+"'") || !strings.Contains(r.Fix, "--port") {
		t.Errorf("busy port: %s %q fix %q", r.Status, r.Summary, r.Fix)
	}
	ln.Close()
	if r := runCheck(env, "loopback-port"); r.Status != Pass {
		t.Errorf("free pinned port: %s %q", r.Status, r.Summary)
	}
	env.Listen = func(string, string) (net.Listener, error) { return nil, errors.New("permission denied") }
	if r := runCheck(env, "loopback-port"); r.Status != Fail || r.Fix == "" {
		t.Errorf("no loopback: %s %q", r.Status, r.Summary)
	}
}

func TestBrowserDetection(t *testing.T) {
	cases := []struct {
		name    string
		env     map[string]string
		files   map[string]string
		path    []string
		goos    string
		want    Status
		flow    string
		mention string
	}{
		{"desktop", map[string]string{"DISPLAY": ":0"}, nil, []string{"xdg-open"}, "linux", Pass, "browser", "xdg-open"},
		{"ssh", map[string]string{"DISPLAY": ":0", "SSH_CONNECTION": "1.2.3.4 5 6.7.8.9 22"}, nil, []string{"xdg-open"}, "linux", Warn, "ssh-forward", "ssh -L 8765:127.0.0.1:8765"},
		{"ssh tty only", map[string]string{"SSH_TTY": "/dev/pts/1"}, nil, nil, "linux", Warn, "ssh-forward", "--no-browser"},
		{"wsl no wslview", nil, map[string]string{"/proc/version": "Linux 5.15 microsoft-standard-WSL2"}, []string{"xdg-open"}, "linux", Warn, "paste-url", "wslview"},
		{"wsl wslview", nil, map[string]string{"/proc/version": "Linux 5.15 Microsoft"}, []string{"wslview"}, "linux", Pass, "browser", "WSL"},
		{"container", nil, map[string]string{"/.dockerenv": ""}, nil, "linux", Warn, "paste-url", "container"},
		{"podman", nil, map[string]string{"/run/.containerenv": ""}, nil, "linux", Warn, "paste-url", "container"},
		{"no display", nil, nil, []string{"xdg-open"}, "linux", Warn, "paste-url", "DISPLAY"},
		{"no xdg-open", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, nil, nil, "linux", Warn, "paste-url", "xdg-utils"},
		{"text browser", map[string]string{"BROWSER": "/usr/bin/w3m"}, nil, nil, "linux", Warn, "paste-url", "text browser"},
		{"BROWSER set", map[string]string{"BROWSER": "/opt/firefox/firefox --new-tab"}, nil, nil, "linux", Pass, "browser", "firefox"},
		{"mac", nil, nil, nil, "darwin", Pass, "browser", "system browser"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := quietEnv()
			env.GOOS = c.goos
			env.Getenv = mapEnv(c.env)
			env.ReadFile = func(p string) ([]byte, error) {
				if v, ok := c.files[p]; ok {
					return []byte(v), nil
				}
				return nil, fs.ErrNotExist
			}
			env.Stat = func(p string) (fs.FileInfo, error) {
				if _, ok := c.files[p]; ok {
					return nil, nil
				}
				return nil, fs.ErrNotExist
			}
			env.LookPath = func(f string) (string, error) {
				for _, p := range c.path {
					if p == f {
						return "/usr/bin/" + f, nil
					}
				}
				return "", errors.New("not found")
			}
			r := runCheck(env, "browser")
			if r.Status != c.want || r.Facts["flow"] != c.flow || !strings.Contains(r.Summary+" "+r.Fix, c.mention) {
				t.Errorf("%s flow=%s: %q fix %q; want %s flow=%s mentioning %q", r.Status, r.Facts["flow"], r.Summary, r.Fix, c.want, c.flow, c.mention)
			}
			if r.Status != Pass && r.Fix == "" {
				t.Error("no fix")
			}
		})
	}
}
