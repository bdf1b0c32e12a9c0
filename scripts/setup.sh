#!/usr/bin/env bash
# Creates or updates the two locked environments: .venvs/bot (Rasa, actions, channels)
# and .venvs/api (FastAPI + SQLModel). Idempotent: an environment whose lock file has not
# changed since its last install is left alone, so a second run takes about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=$(scripts/find-python.sh)
UV_VERSION=0.13.9
mkdir -p .venvs var

lock_hash() { sha256sum "$1" | cut -c1-16; }

# uv installs the big Rasa environment in seconds; plain pip is the fallback.
installer=pip
if [ ! -x .venvs/tools/bin/uv ]; then
  "$PY" -m venv .venvs/tools >/dev/null
  .venvs/tools/bin/python -m pip install -q "uv==$UV_VERSION" >/dev/null 2>&1 || true
fi
[ -x .venvs/tools/bin/uv ] && installer=uv

make_env() {  # name lockfile
  local name=$1 lock=$2 venv=.venvs/$1
  local want; want=$(lock_hash "$lock")
  if [ -f "$venv/.lock-hash" ] && [ "$(cat "$venv/.lock-hash")" = "$want" ]; then
    return 0
  fi
  echo "setup: installing the $name environment from $lock ($installer)"
  [ -x "$venv/bin/python" ] || "$PY" -m venv "$venv"
  if [ "$installer" = uv ]; then
    .venvs/tools/bin/uv pip sync --quiet --python "$venv/bin/python" "$lock"
  else
    "$venv/bin/python" -m pip install -q --no-deps -r "$lock"
  fi
  echo "$want" > "$venv/.lock-hash"
}

make_env bot requirements/bot.lock
make_env api requirements/api.lock
