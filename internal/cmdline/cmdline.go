// Package cmdline knows zoomconnect's command lines as its texts suggest
// them: which commands a text may name with --sandbox, so that a command
// suggested under the built-in sandbox reaches the same sandbox and is
// one the command line accepts. The cli package's tests hold this list
// to the command tree.
package cmdline

import "strings"

// Program is the name every suggested command starts with.
const Program = "zoomconnect"

// sandboxCommands are the commands that take --sandbox: those that reach
// a Zoom no saved profile names (the wizard, doctor, admin request) and
// the admin side's commands that call Zoom. A saved connection keeps its
// hosts, so status, token, refresh and logout do not take it.
var sandboxCommands = []string{
	"", "login", "doctor",
	"admin", "admin request", "admin login", "admin status",
	"admin requests", "admin approve", "admin decline", "admin preapprove",
}

// SandboxCommands lists the command paths (without the program's name;
// "" is the program itself) that take --sandbox.
func SandboxCommands() []string { return append([]string(nil), sandboxCommands...) }

// Path is the command path of a command line: the words after the
// program's name up to its first flag or argument that is not a command
// ("admin approve" in "zoomconnect admin approve --app X jill@x"); ok is
// false for a line that is not a zoomconnect command.
func Path(line string) (path string, ok bool) {
	words := strings.Fields(line)
	if len(words) == 0 || words[0] != Program {
		return "", false
	}
	var cmd []string
	for _, w := range words[1:] {
		if strings.HasPrefix(w, "-") || len(cmd) == 2 || len(cmd) == 1 && cmd[0] != "admin" {
			break
		}
		cmd = append(cmd, w)
	}
	return strings.Join(cmd, " "), true
}

// TakesSandbox reports whether the command of line takes --sandbox.
func TakesSandbox(line string) bool {
	path, ok := Path(line)
	if !ok {
		return false
	}
	for _, c := range sandboxCommands {
		if c == path {
			return true
		}
	}
	return false
}
