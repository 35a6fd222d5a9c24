#!/usr/bin/env bash
# Prints the hand-written Go files of the repository, one per line (paths relative to the
# repository root). Generated files are left out: any file carrying the standard
# "// Code generated ... DO NOT EDIT." line before its package clause (all of ent/ except
# ent/schema/, ent/entc.go and ent/generate.go; gqlgen output), and graph/generated*.
# Used by `make fmt` and .ci/run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

find . \( -path ./.git -o -path ./bin -o -path ./data -o -path ./tmp -o -path ./vendor -o -path ./web/node_modules \
	-o -name testdata -o -path './graph/generated*' \) -prune -o -type f -name '*.go' -print |
	sed 's|^\./||' | LC_ALL=C sort |
	while IFS= read -r f; do
		if ! awk '/^package /{exit} /^\/\/ Code generated .* DO NOT EDIT\.$/{found=1; exit} END{exit !found}' "$f"; then
			printf '%s\n' "$f"
		fi
	done
