package e2e

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	dbus "github.com/godbus/dbus/v5"
	ss "github.com/zalando/go-keyring/secret_service"
)

// privateBus is a D-Bus session bus of one test: its own dbus-daemon on a
// socket in a temp dir, with no service activation, so nothing the test
// did not start answers on it and the machine's own keyring (or the one
// .ci/with-keyring started for the other packages) is never touched.
type privateBus struct {
	addr string
}

// busConfig is the daemon's whole configuration: a session bus on one
// socket, open to this user, activating nothing.
const busConfig = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=%s</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`

// startBus starts a private session bus, stopped when the test ends.
func startBus(t *testing.T) *privateBus {
	t.Helper()
	daemon := requireTool(t, "dbus-daemon")
	dir := shortTempDir(t)
	sock := filepath.Join(dir, "bus")
	conf := filepath.Join(dir, "bus.conf")
	if err := os.WriteFile(conf, fmt.Appendf(nil, busConfig, sock), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(daemon, "--config-file="+conf, "--nofork", "--print-address")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = nil // it warns that it cannot raise its fd limit: harmless
	dieWithTest(cmd)
	if err := cmd.Start(); err != nil {
		t.Fatalf("start dbus-daemon: %v", err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("dbus-daemon printed no address: %v", err)
	}
	return &privateBus{addr: strings.TrimSpace(line)}
}

// shortTempDir is a temp dir with a short path: a unix socket's path must
// fit in 108 bytes, which t.TempDir's long names can exceed.
func shortTempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "zcf")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// env is the environment that puts a child process on the bus.
func (b *privateBus) env() []string { return []string{"DBUS_SESSION_BUS_ADDRESS=" + b.addr} }

// gnomeKeyring is a real gnome-keyring-daemon (secrets component) serving
// one test's private bus, with its keyrings in a temp dir: the test may
// stop and continue it (SIGSTOP, SIGCONT) without hurting anyone else.
type gnomeKeyring struct {
	bus *privateBus
	cmd *exec.Cmd
}

// startGnomeKeyring starts the daemon with an unlocked login keyring (an
// empty password on stdin, as .ci/with-keyring does) and waits until it
// owns org.freedesktop.secrets. Its keyring files go to dataDir
// (XDG_DATA_HOME/keyrings), or a temp dir of its own when dataDir is "".
func startGnomeKeyring(ctx context.Context, t *testing.T, bus *privateBus, dataDir string) *gnomeKeyring {
	t.Helper()
	bin := requireTool(t, "gnome-keyring-daemon")
	dir := shortTempDir(t)
	if dataDir == "" {
		dataDir = dir
	}
	cmd := exec.Command(bin, "--foreground", "--unlock", "--components=secrets")
	cmd.Env = append([]string{"HOME=" + dir, "XDG_DATA_HOME=" + dataDir, "XDG_RUNTIME_DIR=" + dir, "PATH=" + os.Getenv("PATH")}, bus.env()...)
	cmd.Stdin = strings.NewReader("\n")
	dieWithTest(cmd)
	if err := cmd.Start(); err != nil {
		t.Fatalf("start gnome-keyring-daemon: %v", err)
	}
	k := &gnomeKeyring{bus: bus, cmd: cmd}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGCONT)
		cmd.Process.Kill()
		cmd.Wait()
	})
	conn := busConn(t, bus)
	for {
		var has bool
		if err := conn.BusObject().CallWithContext(ctx, "org.freedesktop.DBus.NameHasOwner", 0, ssName).Store(&has); err == nil && has {
			break
		}
		select {
		case <-ctx.Done():
			t.Fatal("gnome-keyring-daemon never took org.freedesktop.secrets on the private bus")
		case <-time.After(20 * time.Millisecond):
		}
	}
	return k
}

// stop freezes the daemon (SIGSTOP): calls queue on the bus, unanswered,
// as with a keyring hung on an unlock prompt.
func (k *gnomeKeyring) stop(t *testing.T) {
	t.Helper()
	if err := k.cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
}

// cont lets it go on (SIGCONT): it answers, in order, what queued.
func (k *gnomeKeyring) cont(t *testing.T) {
	t.Helper()
	if err := k.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
}

// busConn is a connection of the test itself to bus, closed at the end.
func busConn(t *testing.T, bus *privateBus) *dbus.Conn {
	t.Helper()
	conn, err := dbus.Connect(bus.addr)
	if err != nil {
		t.Fatalf("connect to the private bus: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// scan lists zoomconnect's items in the daemon's default collection, the
// way secret-tool search would: a search on the service attribute, then
// each item's attributes and secret. Call it only while the daemon runs.
func (k *gnomeKeyring) scan(t *testing.T) []keyItem {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := dbus.Connect(k.bus.addr) // one per scan, closed at once: the bus caps connections per user
	if err != nil {
		t.Fatalf("scan the keyring: connect to the private bus: %v", err)
	}
	defer conn.Close()
	svc := conn.Object(ssName, ssPath)
	var ignored dbus.Variant
	var session dbus.ObjectPath
	if err := svc.CallWithContext(ctx, ssIface+".OpenSession", 0, "plain", dbus.MakeVariant("")).Store(&ignored, &session); err != nil {
		t.Fatalf("scan the keyring: open a session: %v", err)
	}
	defer conn.Object(ssName, session).CallWithContext(ctx, ssSessIface+".Close", 0)
	var paths []dbus.ObjectPath
	coll := conn.Object(ssName, ssDefaultCol)
	if err := coll.CallWithContext(ctx, ssCollIface+".SearchItems", 0, map[string]string{"service": "zoomconnect"}).Store(&paths); err != nil {
		t.Fatalf("scan the keyring: search: %v", err)
	}
	var out []keyItem
	for _, p := range paths {
		item := conn.Object(ssName, p)
		attrs, err := item.GetProperty(ssItemIface + ".Attributes")
		if err != nil {
			t.Fatalf("scan the keyring: attributes of %s: %v", p, err)
		}
		var sec ss.Secret
		if err := item.CallWithContext(ctx, ssItemIface+".GetSecret", 0, session).Store(&sec); err != nil {
			t.Fatalf("scan the keyring: secret of %s: %v", p, err)
		}
		a, _ := attrs.Value().(map[string]string)
		out = append(out, keyItem{user: a["username"], value: string(sec.Value)})
	}
	return out
}
