# bench/lib.sh: helpers the bench scripts source (not a command).
#
# Every script works in private directories under bench/out/ and, when it
# needs the keyring, in a private, temporary gnome-keyring on a private
# D-Bus session (.ci/with-keyring), whatever session bus the user has: the
# user's own config, state and keyring are never read or changed.

ZC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ZC_OUT="$ZC_ROOT/bench/out"
ZC_BIN="$ZC_OUT/zoomconnect"
ZC_SEED="$ZC_OUT/seed"
ZC_PTYFRAME="$ZC_OUT/ptyframe"

# zc_say prints a progress line on stderr.
zc_say() { echo "${ZC_SCRIPT:-bench}: $*" >&2; }

# zc_have TOOL PACKAGE: true when TOOL is on PATH; otherwise says what to
# install and returns 1, so the caller can skip a measurement.
zc_have() {
	if command -v "$1" >/dev/null 2>&1; then
		return 0
	fi
	zc_say "skipped: $1 is not installed (apt-get install $2)"
	return 1
}

# zc_private_keyring "$@": re-executes the calling script under
# .ci/with-keyring (unless already there), so that every keyring call goes
# to a private, empty, unlocked keyring that is deleted at the end. The
# daemon's harmless "already registered" warnings are filtered out.
zc_private_keyring() {
	if [ "${ZOOMCONNECT_BENCH_KEYRING:-}" = private ]; then
		return 0
	fi
	for tool in dbus-run-session gnome-keyring-daemon; do
		zc_have "$tool" "gnome-keyring dbus dbus-x11" || exit 0
	done
	export ZOOMCONNECT_BENCH_KEYRING=private
	exec "$ZC_ROOT/.ci/with-keyring" "$0" "$@" 2> >(grep --line-buffered -v -e 'gnome-keyring-daemon' -e '^dbus-daemon\[' -e '^$' >&2)
}

# zc_build builds the binary and the bench tools into bench/out/, once per
# bench/all run (ZOOMCONNECT_BENCH_BUILT=1 skips it).
zc_build() {
	mkdir -p "$ZC_OUT"
	if [ "${ZOOMCONNECT_BENCH_BUILT:-}" = 1 ] && [ -x "$ZC_BIN" ]; then
		return 0
	fi
	zc_say "building $ZC_BIN and the bench tools"
	(cd "$ZC_ROOT" && go build -o "$ZC_BIN" . && go build -o "$ZC_SEED" ./bench/seed && go build -o "$ZC_PTYFRAME" ./bench/ptyframe)
}

# zc_env HOME: sets the array ZC_ENV to an `env -i` prefix with only what a
# command needs, HOME and the XDG directories under HOME, and the private
# session bus (when there is one). Both zoomconnect and its anchors run
# with it, so neither sees the user's files, tokens (GH_TOKEN) or TMUX.
zc_env() {
	local h=$1
	mkdir -p "$h"
	ZC_ENV=(env -i "PATH=$PATH" "HOME=$h" "LANG=C.UTF-8" "TERM=${ZC_TERM:-xterm-256color}"
		"XDG_CONFIG_HOME=$h/config" "XDG_DATA_HOME=$h/data" "XDG_STATE_HOME=$h/state"
		"XDG_RUNTIME_DIR=$h/run" "GH_CONFIG_DIR=$h/gh" "GH_NO_UPDATE_NOTIFIER=1")
	if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
		ZC_ENV+=("DBUS_SESSION_BUS_ADDRESS=$DBUS_SESSION_BUS_ADDRESS")
	fi
	mkdir -p "$h/run" && chmod 700 "$h/run"
}

# zc_seed HOME N PREFIX: a fresh home with N sandbox profiles PREFIX-001..,
# secrets in the (private) keyring, PREFIX-001 the default.
zc_seed() {
	rm -rf "$1"
	mkdir -p "$1"
	"$ZC_SEED" add -home "$1" -n "$2" -prefix "$3"
}

# zc_ratio A B: A/B with two decimals, or "n/a" when B is 0 or empty.
zc_ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b == "" || b + 0 == 0 || a == "") print "n/a"; else printf "%.2f\n", a / b }'
}

# zc_stamp is the UTC date and time used in result file names.
zc_stamp() { date -u +%Y%m%dT%H%M%SZ; }

# zc_header prints what a result was measured on.
zc_header() {
	echo "# $1 $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "# commit $(git -C "$ZC_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ZC_ROOT" diff --quiet HEAD -- . ':!bench' 2>/dev/null || echo ' (product code dirty)')"
	echo "# $(go version 2>/dev/null || echo 'go not found'); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
