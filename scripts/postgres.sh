#!/usr/bin/env bash
# Makes the local PostgreSQL cluster usable for Minsheng's tests and prints its URL on
# stdout (one line, nothing else). Diagnostics go to stderr. Idempotent; when the cluster
# is already up and the login works it only runs one psql.
#
# Steps: find the cluster (prefer 15/main, see pg_lsclusters), start it when down, create
# the role and database as the postgres OS user over the local socket, check that a
# password login over TCP works.
#
# Overrides (optional; values must be URL-safe):
#   MINSHENG_PG_VERSION, MINSHENG_PG_CLUSTER  cluster to use (default 15/main, else the first listed)
#   MINSHENG_PG_PORT                          port (default: the cluster's port)
#   MINSHENG_PG_USER, MINSHENG_PG_PASSWORD, MINSHENG_PG_DB   (default minsheng/minsheng/minsheng)
set -euo pipefail

PG_USER=${MINSHENG_PG_USER:-minsheng}
PG_PASSWORD=${MINSHENG_PG_PASSWORD:-minsheng}
PG_DB=${MINSHENG_PG_DB:-minsheng}
PG_HOST=127.0.0.1
WAIT_SECONDS=30

log() { echo "postgres.sh: $*" >&2; }
die() { echo "postgres.sh: ERROR: $*" >&2; exit 1; }

url() { echo "postgres://${PG_USER}:${PG_PASSWORD}@${PG_HOST}:$1/${PG_DB}?sslmode=disable"; }

tcp_login_ok() { # $1 = port
	PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=5 psql -X -q -A -t -w \
		-h "$PG_HOST" -p "$1" -U "$PG_USER" -d "$PG_DB" -c 'select 1' >/dev/null 2>&1
}

command -v pg_lsclusters >/dev/null 2>&1 || die "pg_lsclusters not found: install the Debian packages postgresql and postgresql-client (make deps)"
command -v psql >/dev/null 2>&1 || die "psql not found: install postgresql-client (make deps)"

# --- find the cluster -----------------------------------------------------------
# pg_lsclusters -h: version cluster port status owner datadir logfile
clusters=$(pg_lsclusters -h 2>/dev/null || true)
[[ -n "$clusters" ]] || die "no PostgreSQL cluster found (pg_lsclusters lists none); create one with: pg_createcluster 15 main"

want_ver=${MINSHENG_PG_VERSION:-15}
want_name=${MINSHENG_PG_CLUSTER:-main}
line=$(awk -v v="$want_ver" -v c="$want_name" '$1 == v && $2 == c { print; exit }' <<<"$clusters")
if [[ -z "$line" ]]; then
	[[ -z "${MINSHENG_PG_VERSION:-}${MINSHENG_PG_CLUSTER:-}" ]] ||
		die "cluster ${want_ver}/${want_name} not found; pg_lsclusters says:"$'\n'"$clusters"
	line=$(head -n1 <<<"$clusters")
	log "no cluster 15/main; using $(awk '{print $1 "/" $2}' <<<"$line")"
fi
read -r ver name cport status owner datadir logfile <<<"$line"
port=${MINSHENG_PG_PORT:-$cport}

# --- fast path: everything already works ----------------------------------------
if [[ "$status" == online* ]] && tcp_login_ok "$port"; then
	url "$port"
	exit 0
fi

# --- privileges -----------------------------------------------------------------
if [[ $(id -u) -eq 0 ]]; then
	as_root=()
	as_postgres=(runuser -u postgres --)
elif command -v sudo >/dev/null 2>&1; then
	as_root=(sudo)
	as_postgres=(sudo -u postgres)
else
	die "not root and no sudo: cannot start the cluster or create role ${PG_USER} as the postgres user"
fi

# --- start the cluster when down ------------------------------------------------
if [[ "$status" != online* ]]; then
	log "starting cluster ${ver}/${name} (status: ${status})"
	if ! "${as_root[@]}" pg_ctlcluster "$ver" "$name" start >&2; then
		log "last lines of ${logfile}:"
		"${as_root[@]}" tail -n 20 "$logfile" >&2 2>/dev/null || true
		die "pg_ctlcluster ${ver} ${name} start failed"
	fi
fi

deadline=$((SECONDS + WAIT_SECONDS))
until pg_isready -q -p "$cport" && pg_isready -q -h "$PG_HOST" -p "$port"; do
	if ((SECONDS >= deadline)); then
		pg_isready -p "$cport" >&2 || true
		pg_isready -h "$PG_HOST" -p "$port" >&2 || true
		die "cluster ${ver}/${name} not ready after ${WAIT_SECONDS}s (socket port ${cport}, TCP ${PG_HOST}:${port}; is listen_addresses including localhost?)"
	fi
	sleep 0.3
done

# --- role and database (as postgres over the local socket) ----------------------
# Run from / so the postgres user need not read the current directory.
sql_role=$(cat <<SQL
DO \$do\$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '${PG_USER}') THEN
		CREATE ROLE "${PG_USER}" LOGIN CREATEDB PASSWORD '${PG_PASSWORD}';
	ELSE
		ALTER ROLE "${PG_USER}" LOGIN CREATEDB PASSWORD '${PG_PASSWORD}';
	END IF;
END
\$do\$;
SELECT format('CREATE DATABASE %I OWNER %I', '${PG_DB}', '${PG_USER}')
	WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_database WHERE datname = '${PG_DB}')
\gexec
SQL
)
if ! (cd / && "${as_postgres[@]}" psql -X -q -v ON_ERROR_STOP=1 -p "$cport" -d postgres >/dev/null <<<"$sql_role"); then
	die "could not create role ${PG_USER} / database ${PG_DB} as the postgres user (port ${cport})"
fi

# --- check a password login over TCP --------------------------------------------
if ! tcp_login_ok "$port"; then
	PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=5 psql -X -w -h "$PG_HOST" -p "$port" -U "$PG_USER" -d "$PG_DB" -c 'select 1' >/dev/null || true
	die "password login over TCP failed for ${PG_USER}@${PG_HOST}:${port}/${PG_DB} (check pg_hba.conf of ${ver}/${name})"
fi

log "cluster ${ver}/${name} ready"
url "$port"
