#!/usr/bin/env bash
# Builds the staff console (web/) into web/dist, which the Go package web embeds.
# npm ci from the lockfile (skipped when node_modules already holds exactly that
# lockfile), then graphql-codegen (types from graph/*.graphqls and graph/ent.graphql,
# no server needed), then the type check and vite build. Same sources, same bytes:
# CI runs this and fails when the committed bundle differs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../web"

log() { echo "ui: $*" >&2; }

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	log "node and npm are needed to build the console (apt-get install nodejs npm; Node >= 20.19)"
	exit 1
fi
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
	log "Node $(node --version) is too old: vite 8 needs Node >= 20.19"
	exit 1
fi

stamp=node_modules/.minsheng-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
	log "npm ci"
	npm ci --no-audit --no-fund --loglevel=error >&2
	echo "$want" >"$stamp"
fi

log "codegen"
npx --no-install graphql-codegen --config codegen.ts --silent >&2
log "type check"
npx --no-install vue-tsc --noEmit >&2
log "vite build"
npx --no-install vite build --logLevel warn >&2
log "built web/dist ($(du -sk dist | cut -f1) KiB)"
