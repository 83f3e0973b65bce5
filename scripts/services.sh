# shellcheck shell=bash
# Sourced by test.sh: makes sure the real services the tests use are there.
# Prometheus and Chromium are started by the tests themselves (on loopback);
# PostgreSQL is one long-lived server, started here.

require_command() {
  local cmd="$1" package="$2"
  if ! command -v "$cmd" >/dev/null 2>&1; then
    echo "services: '$cmd' is missing. Install Debian's '$package' package (apt-get install --no-install-recommends $package), or run .ci/run, which does it for you." >&2
    return 1
  fi
}

# PostgreSQL for the store tests (Backstage's TestDatabases read this variable).
# An already exported connection string wins; otherwise the local cluster is
# started and given a password for loopback TCP connections.
ensure_postgres() {
  if [ -n "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
    return 0
  fi
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "services: no PostgreSQL server found (pg_ctlcluster). Install Debian's postgresql package or export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING." >&2
    return 1
  fi
  local version
  version="$(ls /etc/postgresql 2>/dev/null | sort -n | tail -n 1)"
  if [ -z "$version" ]; then
    echo "services: PostgreSQL is installed but has no cluster under /etc/postgresql." >&2
    return 1
  fi
  pg_ctlcluster "$version" main status >/dev/null 2>&1 || pg_ctlcluster "$version" main start
  for _ in $(seq 1 50); do
    su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
    sleep 0.2
  done
  su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres:postgres@127.0.0.1:5432"
}
