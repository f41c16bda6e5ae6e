#!/usr/bin/env bash
# Installs Debian's Chromium for the browser check (npm run test:browser), only when missing.
# Playwright never downloads a browser here: playwright-core drives /usr/bin/chromium.
# Idempotent; needs root (CI runs as root) or sudo.
set -euo pipefail

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ -x "$chromium" ]]; then
  echo "[install-chromium] $("$chromium" --version 2>/dev/null || echo "$chromium") already installed"
  exit 0
fi

sudo=""
if [[ "$(id -u)" != "0" ]]; then
  command -v sudo >/dev/null || { echo "[install-chromium] not root and no sudo: install the 'chromium' package yourself" >&2; exit 1; }
  sudo="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
echo "[install-chromium] apt-get install chromium"
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends chromium </dev/null
"$chromium" --version
