#!/usr/bin/env bash
# Runs every test: type-check, lint and the API reports, the unit and integration tests of every
# package (SQLite and a real PostgreSQL; a real Prometheus where a test needs
# one), then the end-to-end tests in a real browser against the running portal.
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
source "$REPO_ROOT/scripts/services.sh"
ensure_dependencies
cd "$REPO_ROOT"

require_command promtool prometheus
require_command prometheus prometheus
require_command chromium chromium
ensure_postgres
# No Docker here: Backstage's TestDatabases must use the server above, never a container.
export BACKSTAGE_TEST_DISABLE_DOCKER=1

logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT

echo "== type-check"
yarn tsc
echo "== lint"
yarn lint:all
# Published packages' API reports (report*.api.md) must match their exports (docs/development.md#api-reports).
echo "== API reports"
scripts/check-api-reports.sh
echo "== unit and integration tests"
set +e
CI=true yarn test 2>&1 | tee "$logs/unit.log"
unit_status=${PIPESTATUS[0]}
set -e
echo "== end-to-end tests (real browser, running portal)"
set +e
# The timeout bounds each file: the accessibility gate's 42 checks took 15 minutes on a loaded 2-core machine.
node --test --test-concurrency=1 --test-timeout=1800000 e2e/*.test.mjs 2>&1 | tee "$logs/e2e.log"
e2e_status=${PIPESTATUS[0]}
set -e

# One closing line for the whole run, counted from both runners' summaries.
# $2 matches the number and its word only, e.g. '[0-9]+ passed'; $3 picks the summary lines.
count() {
  awk -v pat="$2" -v sel="$3" '$0 ~ sel {
    while (match($0, pat)) { m = substr($0, RSTART, RLENGTH); gsub(/[^0-9]/, "", m); s += m; $0 = substr($0, RSTART + RLENGTH) }
  } END { print s + 0 }' "$1"
}
passed=$(( $(count "$logs/unit.log" '[0-9]+ passed' '^Tests:') + $(count "$logs/e2e.log" 'pass [0-9]+' '^# pass') ))
failed=$(( $(count "$logs/unit.log" '[0-9]+ failed' '^Tests:') + $(count "$logs/e2e.log" 'fail [0-9]+' '^# fail') ))
echo "tests: $passed passed, $failed failed"
if [ "$unit_status" -ne 0 ] || [ "$e2e_status" -ne 0 ]; then
  exit 1
fi
