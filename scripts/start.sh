#!/usr/bin/env bash
# Starts the portal on the embedded default: SQLite files under .data/, guest
# sign-in, the demo catalog and the synthetic demo SLI source.
#   frontend: http://localhost:3000   backend: http://localhost:7007
# Extra arguments go to `backstage-cli repo start`, e.g. `--config ../../app-config.prometheus.yaml`.
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
ensure_dependencies
mkdir -p "$REPO_ROOT/.data/sqlite"
cd "$REPO_ROOT"
exec yarn start "$@"
