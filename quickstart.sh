#!/usr/bin/env bash
# One command: install into ./.venv and run the demo (ingests the bundled corpus into ./watchfloor.db).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/install.sh
.venv/bin/watchfloor demo
