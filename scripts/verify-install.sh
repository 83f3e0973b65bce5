#!/usr/bin/env bash
# Proven installation (issue 17): builds and packs every publishable package,
# makes fresh apps with @backstage/create-app from the registry (new frontend
# system and --legacy) in a temporary folder, applies the README's "Add to your
# Backstage" lines verbatim (scripts/verify-install.mjs reads them from
# README.md), type-checks the app, starts it against a real local Prometheus
# with the demo catalog, checks in Debian's Chromium that checkout's SLOs tab
# and the scorecard render figures, and runs the packed `slo validate` from the
# app, outside this repository.
#   scripts/verify-install.sh [new|legacy|both]     (default: both)
# VERIFY_INSTALL_DIR keeps the work folder (default: a fresh mktemp folder).
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
source "$REPO_ROOT/scripts/services.sh"
require_command prometheus prometheus
require_command promtool prometheus
require_command chromium chromium
flavours=("${1:-both}")
[ "${flavours[0]}" = both ] && flavours=(new legacy)
work="${VERIFY_INSTALL_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/slo-verify-install.XXXXXX")}"
mkdir -p "$work"
export SLO_KIT_PACKS="$work/packs"
helper="$REPO_ROOT/scripts/verify-install.mjs"
readme="$REPO_ROOT/README.md"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
timed() { local label=$1; shift; local t0; t0=$(date +%s); "$@"; echo "verify-install: $label in $(( $(date +%s) - t0 )) s" | tee -a "$work/times.txt"; }
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

# Runs the README's blocks for a place ("repo" or "app") and flavour, in order, in the current directory.
run_readme_blocks() {
  local place=$1 flavour=$2 i=0
  while IFS= read -r -d '' block; do
    i=$((i + 1))
    local lang="${block%%$'\n'*}" body="${block#*$'\n'}"
    printf '%s' "$body" >"$work/block-$place-$flavour-$i.$lang"
    echo "verify-install: README block $place/$flavour #$i ($lang)"
    case "$lang" in
      sh) timed "README block $place/$flavour #$i" bash -euo pipefail "$work/block-$place-$flavour-$i.$lang" ;;
      ts | tsx) node "$helper" apply-code "$PWD" "$work/block-$place-$flavour-$i.$lang" ;;
      yaml) file="$(sed -n '1s/^# //p' <<<"$body")"; printf '\n%s' "$body" >>"$file" ;;
      *) echo "verify-install: no way to apply a $lang block" >&2; exit 1 ;;
    esac
  done < <(node "$helper" blocks "$readme" "$place" "$flavour"; printf '\0')
}

cd "$REPO_ROOT"
timed "build and pack (README repo block)" run_readme_blocks repo "${flavours[0]}"

prometheus_port="$(free_port)"
node packages/prometheus-fixture/bin/prometheus-demo --port "$prometheus_port" --data-dir "$work/prometheus" &
pids+=($!)
for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$prometheus_port/-/ready" >/dev/null 2>&1 && break; sleep 0.5; done

for flavour in "${flavours[@]}"; do
  app="$work/app-$flavour"
  rm -rf "$app"
  cd "$work"
  create_flags=()
  [ "$flavour" = legacy ] && create_flags=(--legacy)
  timed "$flavour: create-app" env BACKSTAGE_APP_NAME="app-$flavour" \
    npx --yes @backstage/create-app@latest "${create_flags[@]}" --path "$app" --skip-install
  cd "$app"
  timed "$flavour: yarn install" yarn install
  timed "$flavour: README lines" run_readme_blocks app "$flavour"
  timed "$flavour: yarn tsc" yarn tsc

  frontend_port="$(free_port)" backend_port="$(free_port)"
  cat >"$work/verify-$flavour.yaml" <<CONFIG
# The test environment, not README lines: ports, the local Prometheus, the demo catalog.
app:
  baseUrl: http://localhost:$frontend_port
backend:
  baseUrl: http://localhost:$backend_port
  listen: { port: $backend_port }
  cors: { origin: http://localhost:$frontend_port }
catalog:
  locations:
$(for f in "$REPO_ROOT"/examples/*.yaml; do printf '    - { type: file, target: %s, rules: [{ allow: [Component, System, Group, User, Domain, API, Resource] }] }\n' "$f"; done)
slo:
  now: 2026-11-20T00:00:00Z
  # The first cycle runs 10 s after start and may find the catalog still empty (it did
  # on a loaded machine): collect again soon rather than in the default 5 minutes.
  collector: { frequency: { seconds: 20 } }
  sources:
    prometheus:
      main:
        baseUrl: http://127.0.0.1:$prometheus_port
CONFIG
  t0=$(date +%s)
  setsid yarn start --config "$app/app-config.yaml" --config "$work/verify-$flavour.yaml" >"$work/start-$flavour.log" 2>&1 &
  pids+=($!)
  start_pid=$!
  until curl -fs "http://localhost:$backend_port/.backstage/health/v1/readiness" >/dev/null 2>&1 \
    && curl -fs "http://localhost:$frontend_port" >/dev/null 2>&1; do
    kill -0 "$start_pid" 2>/dev/null || { tail -50 "$work/start-$flavour.log" >&2; exit 1; }
    [ $(( $(date +%s) - t0 )) -lt 300 ] || { echo "verify-install: $flavour did not start in 300 s" >&2; tail -50 "$work/start-$flavour.log" >&2; exit 1; }
    sleep 1
  done
  echo "verify-install: $flavour: started in $(( $(date +%s) - t0 )) s" | tee -a "$work/times.txt"
  timed "$flavour: Chromium check" node "$helper" check "http://localhost:$frontend_port" "$flavour"
  kill -- "-$start_pid" 2>/dev/null || true

  # The packed `slo` command, run where the adopter has it: the app, outside this repository.
  # A component with the README's example SLO, checked against the app's config (source "main").
  cat >"$work/catalog-info.yaml" <<'ENTITY'
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  annotations:
    slo-kit.dev/slos: |
      - name: availability
        objective: 99.9
        window: 30d
        sli:
          ratio:
            good: http_requests_total{service="checkout",code!~"5.."}
            total: http_requests_total{service="checkout"}
spec: { type: service, lifecycle: production, owner: team-a }
ENTITY
  timed "$flavour: slo validate" node_modules/.bin/slo validate --config "$app/app-config.yaml" "$work/catalog-info.yaml"
done
echo "verify-install: passed (${flavours[*]}); times in $work/times.txt"
