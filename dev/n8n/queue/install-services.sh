#!/usr/bin/env bash
# Makes sure Redis and PostgreSQL (Debian's packages) are installed for the queue-mode suite.
# Only installs; never starts or configures a system service (the suite runs its own servers,
# as the current user or as `postgres`, in temporary directories on 127.0.0.1).
# Needs root (CI) or password-less sudo when something is missing.
set -euo pipefail

log() { echo "[install-services] $*" >&2; }

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  log "missing: ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root"
  exit 1
fi

log "installing ${missing[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
# The servers are started by the tests themselves; a system service must not start on install.
if ! "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >&2; then
  "${sudo[@]}" apt-get update >&2
  "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >&2
fi
command -v redis-server >/dev/null || { log "redis-server still missing"; exit 1; }
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || { log "PostgreSQL's initdb still missing"; exit 1; }
