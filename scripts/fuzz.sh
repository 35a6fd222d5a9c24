#!/usr/bin/env bash
# Runs every fuzz target listed in scripts/fuzz-targets.txt for a while each:
#   scripts/fuzz.sh [seconds]      (default 10; or FUZZTIME=30s)
# A failing input is written by go test under <package>/testdata/fuzz/<FuzzName>/; commit
# it with the fix, so the plain `go test` keeps checking it. Stops at the first failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PATH:/usr/local/go/bin"

fuzztime="${FUZZTIME:-${1:-10}s}"
fuzztime="${fuzztime%s}s" # "10", "10s" and "30s" all work
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
