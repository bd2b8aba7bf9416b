#!/usr/bin/env bash
# check-standalone: the repository must make sense on its own. Fails, naming
# file:line, on references it cannot resolve: numbers of a tracker's items
# (the word for a tracker item followed by a number, or a hash and a number)
# and paths outside the repository (another machine's absolute paths,
# relative paths climbing above the root). The patterns are below.
# Searches tracked text files (git grep skips binaries), except lock files.
# Run by `make lint`.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"

skip=(':!package-lock.json' ':!scripts/check-standalone.sh')
found=0

# report prints git grep's path:line:text hits under a reason.
report() {
	local reason=$1 hits=$2
	[ -n "$hits" ] || return 0
	found=1
	while IFS= read -r hit; do
		echo "check-standalone: $reason: $hit" >&2
	done <<<"$hits"
}

report 'tracker issue reference' "$(git grep -nIiE "\bissues? ?#?[0-9]|\bissue's\b" -- . "${skip[@]}" || true)"
# GitHub-style "#7"; CSS colours (#333) are not issues.
report 'tracker issue reference' "$(git grep -nIE '(^|[[:space:]([])#[0-9]{1,5}\b' -- . "${skip[@]}" ':!*.css' || true)"
report 'path outside the repository' "$(git grep -nIE '(^|[^[:alnum:]_.-])/(work|home|Users)/|\.\./shared\b|\.library\b' -- . "${skip[@]}" || true)"

# Relative paths: a run of n "../" in a file d directories deep climbs above
# the root when n > d. In Markdown only link targets count (prose quotes code
# of other files); in root files paths count from the root.
climbs="$(git grep -nIE '(^|[^.])(\.\./)+' -- . "${skip[@]}" | awk '
{
	split($0, f, ":")
	depth = gsub("/", "/", f[1])
	text = substr($0, length(f[1]) + length(f[2]) + 3)
	run_re = f[1] ~ /\.md$/ ? "\\]\\((\\.\\./)+" : "(^|[^.])(\\.\\./)+(\\.\\.)?"
	while (match(text, run_re)) {
		run = substr(text, RSTART, RLENGTH)
		if (gsub(/\.\./, "", run) > depth) { print; break }
		text = substr(text, RSTART + RLENGTH)
	}
}')"
report 'path outside the repository' "$climbs"

exit "$found"
