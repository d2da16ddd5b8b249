#!/usr/bin/env bash
# `npm run notebooks [-- OUTDIR]`: executes every notebook headless with the project's tslab kernel and
# writes NAME.html into OUTDIR (default figures/), printing each notebook's wall time. A cell error stops
# it with that cell's source and error. The full profile runs unless RECOURSE_PROFILE=small is set.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/figures}"
case "$out" in /*) ;; *) out="${INIT_CWD:-$PWD}/$out" ;; esac
cd "$root"
export JUPYTER_PATH="$root/.jupyter/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}" PYDEVD_DISABLE_FILE_VALIDATION=1
[ -f "$root/.jupyter/share/jupyter/kernels/tslab/kernel.json" ] || { echo "tslab kernel not registered: run npm run kernel:install" >&2; exit 1; }
mkdir -p "$out"
executed="$(mktemp -d)"
trap 'rm -rf "$executed"' EXIT

echo "profile ${RECOURSE_PROFILE:-full}; HTML into $out"
for nb in notebooks/*.ipynb; do
  name="$(basename "$nb" .ipynb)"
  start=$(date +%s%N)
  /usr/bin/python3 scripts/run_notebook.py "$nb" "$executed/$name.ipynb" >/dev/null
  /usr/bin/python3 -m nbconvert --to html --log-level=WARN --output-dir "$out" "$executed/$name.ipynb"
  echo "$name: $(( ($(date +%s%N) - start) / 1000000 )) ms -> $out/$name.html"
done
