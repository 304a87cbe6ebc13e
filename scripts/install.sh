#!/usr/bin/env bash
# Create ./.venv (or $VENV) and install watchfloor with the exact, hash-checked pins of
# requirements.lock, the spaCy model included. Needs only Python 3.11+ and the package registry.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
PY="${PYTHON:-python3}"
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "watchfloor needs Python >= 3.11" >&2; exit 1; }
"$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade "pip==25.3"
# Every dependency, pinned by version and sha256 (pip refuses anything else).
"$VENV/bin/python" -m pip install --quiet --require-hashes --only-binary=:all: -r requirements.lock
# watchfloor itself, with no further dependency resolution.
"$VENV/bin/python" -m pip install --quiet --no-deps -e .
echo "installed into $VENV: $("$VENV/bin/watchfloor" --version)"
