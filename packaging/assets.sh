#!/bin/sh
# Generates what the packages and archives ship besides the binary, from
# the zoomconnect being packaged: gzipped man pages (section 1) and bash,
# zsh and fish completions, in packaging/out/. GoReleaser runs it first
# (before.hooks in .goreleaser.yaml); by hand, from the repository root:
#
#   sh packaging/assets.sh [VERSION [COMMIT [DATE]]]
#
# VERSION, COMMIT and DATE go into the man pages' footer, as the release
# binary's -ldflags -X main.version/commit/date set them.
set -eu
out=packaging/out
rm -rf "$out"
mkdir -p "$out/man" "$out/completions"
bin="$out/zoomconnect"
go build -o "$bin" -ldflags "-X main.version=${1:-} -X main.commit=${2:-} -X main.date=${3:-}" .
"$bin" man --lang en --dir "$out/man" >/dev/null # English pages, whatever the builder's locale
gzip -9n "$out"/man/*.1
"$bin" completion bash >"$out/completions/zoomconnect.bash"
"$bin" completion zsh >"$out/completions/_zoomconnect"
"$bin" completion fish >"$out/completions/zoomconnect.fish"
rm "$bin"
echo "packaging/assets.sh: $(ls "$out/man" | wc -l) man pages and 3 completions in $out"
