#!/usr/bin/env bash
# Installs what Minsheng needs to build and test, and nothing that is already there.
# Idempotent and fast (a few dpkg-query calls and one `go mod download`) when all is present.
# Sources: Debian packages via apt, libvosk via `npm pack` from the npm registry, Go modules
# via the Go module proxy. Nothing else.
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
	# asr: decoding uploaded audio, and espeak-ng + sox for the synthetic speech fixtures
	ffmpeg
	espeak-ng
	sox
	# synth: fonts for synthetic ID cards and letters
	fonts-noto-cjk
	fonts-ocr-b
	# browser tests (e2e: chromedp drives it headless) and `make screenshots`
	chromium
)

cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { echo "deps: $*" >&2; }

# find_root sets as_root to what runs a command as root (nothing when this is root,
# else sudo); it fails when neither is possible.
find_root() {
	if [[ $(id -u) -eq 0 ]]; then
		as_root=()
	elif command -v sudo >/dev/null 2>&1; then
		as_root=(sudo)
	else
		return 1
	fi
}

# --- Debian packages --------------------------------------------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	if [[ "$status" != "install ok installed" ]]; then
		missing+=("$pkg")
	fi
done

if ((${#missing[@]})); then
	if ! find_root; then
		log "missing packages (${missing[*]}), not root and no sudo: install them and retry"
		exit 1
	fi
	log "installing: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
	"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# npm_and_root WHAT DEST: WHAT is missing and is fetched from the npm registry into DEST;
# stops, saying why, unless npm is there and DEST can be written (as root or through sudo,
# which as_root then holds).
npm_and_root() {
	if ! command -v npm >/dev/null 2>&1; then
		log "$1 is missing and npm is not installed (apt-get install npm), so it cannot be fetched"
		exit 1
	fi
	if ! find_root; then
		log "$1 is missing, not root and no sudo: cannot write $2"
		exit 1
	fi
}

# --- libvosk ----------------------------------------------------------------
# The Vosk C library comes from the npm package vosk@0.3.39, whose tarball ships
# lib/linux-x86_64/libvosk.so (the Go binding v0.3.45 matches this library; later
# bindings call a symbol it lacks). It is fetched with `npm pack` (the npm registry
# is the only source used) and checked against a pinned sha256 before it is installed.
VOSK_NPM=vosk@0.3.39
VOSK_SO=/usr/local/lib/libvosk.so
VOSK_SHA256=9f94ef218c32e271ae8ac84065ab25191af48832c06c6e624984b1c80f0b0920

vosk_ok() {
	[[ -f "$VOSK_SO" ]] && [[ "$(sha256sum "$VOSK_SO" | cut -d' ' -f1)" == "$VOSK_SHA256" ]]
}

if ! vosk_ok; then
	npm_and_root libvosk "$VOSK_SO"
	log "installing libvosk from npm $VOSK_NPM"
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	(cd "$tmp" && npm pack --silent "$VOSK_NPM" >/dev/null)
	tar -xzf "$tmp"/vosk-*.tgz -C "$tmp" package/lib/linux-x86_64/libvosk.so
	got=$(sha256sum "$tmp/package/lib/linux-x86_64/libvosk.so" | cut -d' ' -f1)
	if [[ "$got" != "$VOSK_SHA256" ]]; then
		log "libvosk.so from $VOSK_NPM has sha256 $got, expected $VOSK_SHA256: not installed"
		exit 1
	fi
	"${as_root[@]}" install -D -m 0755 "$tmp/package/lib/linux-x86_64/libvosk.so" "$VOSK_SO"
	"${as_root[@]}" ldconfig
	rm -rf "$tmp"
	trap - EXIT
fi

# --- the second chi_sim model ----------------------------------------------------
# An ID card's address is read again by a second Chinese model, trained apart from
# Debian's (which is tessdata_fast), so the two misread different characters (see
# ocr/address.go, crossRead). It is the chi_sim of the tessdata 4.0.0 release, from the
# npm package @tesseract.js-data/chi_sim@1.0.0 (package/4.0.0/chi_sim.traineddata.gz),
# checked against a pinned sha256. Only its LSTM parts are kept (combine_tessdata from
# Debian's tesseract-ocr): 2.7 MB in each OCR worker instead of 44 MB of the legacy engine.
SECOND_NPM=@tesseract.js-data/chi_sim@1.0.0
SECOND_DIR=/usr/local/share/minsheng/tessdata
SECOND_SHA256=fc05d89ab31d8b4e226910f16a8bcbf78e43bae3e2580bb5feefd052efdab363
# The stamp names the download and the parts kept, so a change of either installs again.
SECOND_STAMP="$SECOND_DIR/chi_sim.traineddata.from"
SECOND_KEPT="unicharset lstm lstm-punc-dawg lstm-word-dawg lstm-number-dawg version"

second_ok() {
	[[ -f "$SECOND_DIR/chi_sim.traineddata" ]] && [[ "$(cat "$SECOND_STAMP" 2>/dev/null)" == "$SECOND_SHA256 $SECOND_KEPT" ]]
}

if ! second_ok; then
	npm_and_root "the second chi_sim model" "$SECOND_DIR"
	log "installing the second chi_sim model from npm $SECOND_NPM"
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	(cd "$tmp" && npm pack --silent "$SECOND_NPM" >/dev/null)
	tar -xzf "$tmp"/tesseract.js-data-chi_sim-*.tgz -C "$tmp" package/4.0.0/chi_sim.traineddata.gz
	gunzip -c "$tmp/package/4.0.0/chi_sim.traineddata.gz" >"$tmp/full.traineddata"
	got=$(sha256sum "$tmp/full.traineddata" | cut -d' ' -f1)
	if [[ "$got" != "$SECOND_SHA256" ]]; then
		log "chi_sim.traineddata from $SECOND_NPM has sha256 $got, expected $SECOND_SHA256: not installed"
		exit 1
	fi
	mkdir "$tmp/parts"
	combine_tessdata -u "$tmp/full.traineddata" "$tmp/parts/chi_sim." >/dev/null 2>&1
	# Its config part is dropped too: it sets Tesseract's process-wide layout parameters
	# (textord_*, edges_*), which changed what Debian's model read on the same page.
	for part in config inttemp pffmtable normproto punc-dawg word-dawg number-dawg freq-dawg shapetable unicharambigs; do
		rm -f "$tmp/parts/chi_sim.$part"
	done
	combine_tessdata "$tmp/parts/chi_sim." >/dev/null 2>&1
	"${as_root[@]}" install -D -m 0644 "$tmp/parts/chi_sim.traineddata" "$SECOND_DIR/chi_sim.traineddata"
	echo "$SECOND_SHA256 $SECOND_KEPT" >"$tmp/stamp"
	"${as_root[@]}" install -m 0644 "$tmp/stamp" "$SECOND_STAMP"
	rm -rf "$tmp"
	trap - EXIT
fi

# --- the Vosk header -----------------------------------------------------------
# The binding includes <vosk_api.h> but ships none; ours (asr/include) is installed
# beside the library so a plain `go build ./...`, `go test ./...`, an editor or gopls
# find it with no CGO_CFLAGS set.
VOSK_H=/usr/local/include/vosk_api.h
if ! cmp -s asr/include/vosk_api.h "$VOSK_H"; then
	if find_root; then
		"${as_root[@]}" install -D -m 0644 asr/include/vosk_api.h "$VOSK_H"
	else
		log "not root and no sudo: cannot install $VOSK_H (set CGO_CFLAGS=-I$PWD/asr/include instead)"
	fi
fi

# --- Go modules -------------------------------------------------------------
if ! command -v go >/dev/null 2>&1; then
	log "go is not on PATH (Go 1.26 is required; it is often in /usr/local/go/bin)"
	exit 1
fi
# `go mod download` is a no-op costing a few tens of milliseconds when every module
# is already in the module cache; `go list -m all` alone would not notice missing
# source zips (it needs only the .mod files).
go mod download >&2
