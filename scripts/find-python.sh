#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter (Rasa 3.6 supports 3.8-3.10 only).
# Looks, in order: $PYTHON310, pyenv (selected by .python-version), python3.10 on PATH,
# a uv-managed 3.10, the usual install folders. Exits 1 with advice when none is found.
set -euo pipefail

is_310() { [ -x "$1" ] && "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; }

candidates=()
[ -n "${PYTHON310:-}" ] && candidates+=("$PYTHON310")
if command -v pyenv >/dev/null 2>&1; then
  candidates+=("$(pyenv which python 2>/dev/null || true)")
  candidates+=("$(pyenv root 2>/dev/null)/versions/$(cat .python-version 2>/dev/null || echo 3.10)/bin/python")
fi
candidates+=("$(command -v python3.10 2>/dev/null || true)")
if command -v uv >/dev/null 2>&1; then
  candidates+=("$(uv python find 3.10 2>/dev/null || true)")
fi
candidates+=(/root/.pyenv/versions/3.10*/bin/python "$HOME"/.pyenv/versions/3.10*/bin/python
             "$HOME"/.local/share/uv/python/cpython-3.10*/bin/python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10)

for c in "${candidates[@]}"; do
  if [ -n "$c" ] && is_310 "$c"; then echo "$c"; exit 0; fi
done
echo "No Python 3.10 found. Rasa 3.6 needs Python 3.10." >&2
echo "Install one with 'pyenv install 3.10', 'uv python install 3.10', or your package manager," >&2
echo "or set PYTHON310=/path/to/python3.10." >&2
exit 1
