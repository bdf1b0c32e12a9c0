#!/usr/bin/env bash
# Installs the system tools the test suite needs but the Python environments cannot carry,
# from Debian's packages (as root, as in CI):
#   docker-compose   checks docker/compose.yml against the Compose specification
#   nginx            the load balancer of the local production profile
#   fuser (psmisc)   finds the process behind a port in the production-profile tests
#   chromium         the headless browser Playwright drives in the web chat's browser tests
#                    (Playwright's own browser download is never used)
#   fonts-noto-core  so Arabic, Urdu and the Indic scripts show as letters in the screenshots
set -euo pipefail
needed=()
command -v docker-compose >/dev/null 2>&1 || needed+=(docker-compose)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || needed+=(nginx-light)
command -v fuser >/dev/null 2>&1 || needed+=(psmisc)
[ -x /usr/bin/chromium ] || needed+=(chromium)
[ -d /usr/share/fonts/truetype/noto ] || needed+=(fonts-noto-core)
[ ${#needed[@]} = 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test-tools: installing ${needed[*]} from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null; }
else
  echo "test-tools: please install: ${needed[*]} (Debian: sudo apt-get install ${needed[*]})" >&2
  exit 1
fi
