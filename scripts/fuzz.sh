#!/usr/bin/env bash
# Runs every fuzz target listed in scripts/fuzz-targets.txt for a while each:
#   scripts/fuzz.sh [seconds]      (default 10; or FUZZTIME=30s, or a count of inputs: FUZZTIME=5000x)
# CI gives a count: with a duration, Go 1.26's fuzzing coordinator can report "context deadline
# exceeded" at the end of a run on a busy machine without any failing input (go.dev/issue/75804).
# A failing input is written by go test under <package>/testdata/fuzz/<FuzzName>/; commit
# it with the fix, so the plain `go test` keeps checking it. Stops at the first failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PATH:/usr/local/go/bin"

fuzztime="${FUZZTIME:-${1:-10}s}"
if [[ "$fuzztime" != *x ]]; then
	fuzztime="${fuzztime%s}s" # "10", "10s" and "30s" all work
fi
GO="${GO:-go}"

ran=0
while read -r pkg name rest; do
	[[ -z "$pkg" || "$pkg" == \#* ]] && continue
	if [[ -z "$name" || -n "$rest" ]]; then
		echo "scripts/fuzz-targets.txt: want \"<package> <FuzzName>\", got: $pkg $name $rest" >&2
		exit 2
	fi
	echo "== $pkg $name ($fuzztime)" >&2
	"$GO" test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" "$pkg"
	ran=$((ran + 1))
done < scripts/fuzz-targets.txt
echo "== $ran fuzz targets passed" >&2
