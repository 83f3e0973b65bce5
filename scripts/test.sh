#!/usr/bin/env bash
# Runs every test: type-check, lint, the unit and integration tests of every
# package (SQLite and a real PostgreSQL; a real Prometheus where a test needs
# one), then the end-to-end tests in a real browser against the running portal.
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
source "$REPO_ROOT/scripts/services.sh"
ensure_dependencies
cd "$REPO_ROOT"

require_command promtool prometheus
require_command prometheus prometheus
ensure_postgres
# No Docker here: Backstage's TestDatabases must use the server above, never a container.
export BACKSTAGE_TEST_DISABLE_DOCKER=1

echo "== type-check"
yarn tsc
echo "== lint"
yarn lint:all
echo "== unit and integration tests"
CI=true yarn test --passWithNoTests=false
