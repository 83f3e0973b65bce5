#!/usr/bin/env bash
# Builds and packs every publishable @slo-kit package into OUT_DIR as
# slo-kit-<name>.tgz (stable names, so the README's resolutions lines stay
# valid): `yarn tsc` first (backstage-cli package build needs its declaration
# files), then each package in dependency order. `yarn pack` runs the package's
# prepack (backstage-cli package prepack: the publishConfig entry points) and
# turns workspace: ranges into the packages' versions.
#   scripts/pack-plugins.sh OUT_DIR
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
out_dir="${1:?usage: scripts/pack-plugins.sh OUT_DIR}"
mkdir -p "$out_dir"
out_dir="$(cd "$out_dir" && pwd)"
ensure_dependencies
cd "$REPO_ROOT"

# Dependency order: common <- node <- source modules <- backend; common <- frontend; common <- tech-insights module;
# node <- notifications module.
packages=(slo-common slo-node slo-backend-module-prometheus slo-backend-module-datadog
  slo-backend-module-demo slo-backend slo tech-insights-backend-module-slo slo-backend-module-notifications)

started=$(date +%s)
yarn tsc
echo "pack-plugins: yarn tsc in $(( $(date +%s) - started )) s"
for dir in "${packages[@]}"; do
  step=$(date +%s)
  name="$(node -p "require('./plugins/$dir/package.json').name")"
  tarball="$out_dir/$(echo "${name#@}" | tr / -).tgz"
  (cd "plugins/$dir" && yarn backstage-cli package build && yarn pack --out "$tarball" >/dev/null)
  echo "pack-plugins: $name -> $tarball in $(( $(date +%s) - step )) s"
done
echo "pack-plugins: ${#packages[@]} packages in $(( $(date +%s) - started )) s"
