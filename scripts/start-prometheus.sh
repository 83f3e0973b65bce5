#!/usr/bin/env bash
# Starts the portal against a real local Prometheus: Debian's prometheus on
# 127.0.0.1:9090, backfilled once with 35 days of synthetic demo history for
# the demo catalog's services (cached under .data/prometheus), then the portal
# with app-config.prometheus.yaml layered on the embedded default.
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
source "$REPO_ROOT/scripts/services.sh"
require_command prometheus prometheus
require_command promtool prometheus
ensure_dependencies
mkdir -p "$REPO_ROOT/.data/sqlite-prometheus"
cd "$REPO_ROOT"

node packages/prometheus-fixture/bin/prometheus-demo --port 9090 --data-dir "$REPO_ROOT/.data/prometheus" &
prometheus_pid=$!
trap 'kill "$prometheus_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  curl -fs http://127.0.0.1:9090/-/ready >/dev/null 2>&1 && break
  kill -0 "$prometheus_pid" 2>/dev/null || { echo "start-prometheus: Prometheus did not start" >&2; exit 1; }
  sleep 0.5
done

# A separate database, so demo-source history and Prometheus history never mix.
cat >"$REPO_ROOT/.data/app-config.prometheus-data.yaml" <<CONFIG
backend:
  database:
    client: better-sqlite3
    connection:
      directory: $REPO_ROOT/.data/sqlite-prometheus
CONFIG
yarn start --config "$REPO_ROOT/app-config.yaml" --config "$REPO_ROOT/app-config.prometheus.yaml" \
  --config "$REPO_ROOT/.data/app-config.prometheus-data.yaml" "$@"
