#!/usr/bin/env bash
# Quick dev-set score with the reference scorer (what the before-stop hook prints).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${CONTENTION_SHARED:-$here/../shared}
t=$(mktemp -d)
cat "$shared"/data/dev/*.jsonl > "$t/gold.jsonl"
"$here/.venv/bin/contention" extract "$t/gold.jsonl" -o "$t/sys.jsonl"
python3 "$shared/tools/score.py" "$t/gold.jsonl" "$t/sys.jsonl" "$@"
