#!/usr/bin/env bash
# Installs what Minsheng needs to build and test, and nothing that is already there.
# Idempotent and fast (a few dpkg-query calls and one `go mod download`) when all is present.
# Sources: Debian packages via apt, Go modules via the Go module proxy. Nothing else.
set -euo pipefail

# Debian packages. Later steps add to this list.
APT_PACKAGES=(
	postgresql
	postgresql-client
	git
	make
	gcc
	tesseract-ocr
	libtesseract-dev
	libleptonica-dev
	tesseract-ocr-chi-sim
	tesseract-ocr-eng
	# synth: fonts for synthetic ID cards and letters
	fonts-noto-cjk
	fonts-ocr-b
)

cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { echo "deps: $*" >&2; }

# --- Debian packages --------------------------------------------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	if [[ "$status" != "install ok installed" ]]; then
		missing+=("$pkg")
	fi
done

if ((${#missing[@]})); then
	if [[ $(id -u) -eq 0 ]]; then
		as_root=()
	elif command -v sudo >/dev/null 2>&1; then
		as_root=(sudo)
	else
		log "missing packages (${missing[*]}), not root and no sudo: install them and retry"
		exit 1
	fi
	log "installing: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
	"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# --- libvosk ----------------------------------------------------------------
# TODO(libvosk): a later step installs libvosk here from the npm package `vosk`
# (its tarball ships lib/linux-x86_64/libvosk.so), see DESIGN.md "ASR".
# Not implemented yet.

# --- Go modules -------------------------------------------------------------
if ! command -v go >/dev/null 2>&1; then
	log "go is not on PATH (Go 1.26 is required; it is often in /usr/local/go/bin)"
	exit 1
fi
# `go mod download` is a no-op costing a few tens of milliseconds when every module
# is already in the module cache; `go list -m all` alone would not notice missing
# source zips (it needs only the .mod files).
go mod download >&2
