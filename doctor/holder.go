package doctor

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// portHolder names the process listening on 127.0.0.1:port (or any
// address) from procDir (/proc on Linux): "pid 1234 (python3)". It returns
// "" when it cannot tell, e.g. the process belongs to another user.
func portHolder(procDir string, port int) string {
	inodes := listenInodes(procDir, port)
	if len(inodes) == 0 {
		return ""
	}
	pids, _ := filepath.Glob(filepath.Join(procDir, "[0-9]*"))
	for _, pdir := range pids {
		fds, _ := os.ReadDir(filepath.Join(pdir, "fd"))
		for _, fd := range fds {
			link, err := os.Readlink(filepath.Join(pdir, "fd", fd.Name()))
			if err != nil || !strings.HasPrefix(link, "socket:[") {
				continue
			}
			if inodes[strings.TrimSuffix(strings.TrimPrefix(link, "socket:["), "]")] {
				comm, _ := os.ReadFile(filepath.Join(pdir, "comm"))
				return fmt.Sprintf("pid %s (%s)", filepath.Base(pdir), strings.TrimSpace(string(comm)))
			}
		}
	}
	return ""
}

// listenInodes returns the socket inodes listening on port, from
// net/tcp and net/tcp6.
func listenInodes(procDir string, port int) map[string]bool {
	out := map[string]bool{}
	hexPort := fmt.Sprintf(":%04X", port)
	for _, f := range []string{"net/tcp", "net/tcp6"} {
		b, err := os.ReadFile(filepath.Join(procDir, f))
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		for sc.Scan() {
			// sl local_address rem_address st tx:rx tr:tm retrnsmt uid timeout inode
			fs := strings.Fields(sc.Text())
			if len(fs) < 10 || fs[3] != "0A" || !strings.HasSuffix(fs[1], hexPort) {
				continue
			}
			if _, err := strconv.ParseUint(fs[9], 10, 64); err == nil && fs[9] != "0" {
				out[fs[9]] = true
			}
		}
	}
	return out
}

// PortHolder names the process listening on the loopback TCP port
// ("pid 1234 (python3)"), for messages about a busy --port; "" when it
// cannot tell (not Linux, or the process belongs to another user).
func PortHolder(port int) string {
	if runtime.GOOS != "linux" {
		return ""
	}
	return portHolder("/proc", port)
}
