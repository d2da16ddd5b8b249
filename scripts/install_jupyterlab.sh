#!/usr/bin/env bash
# Installs JupyterLab 4 into a project-local virtual environment (default .venv-jupyterlab/) for the
# browser test and for a person. pip is pointed at the local (file://) indexes of `pip config list` only,
# so it never waits on an unreachable default index; without local indexes it uses pip's own settings.
# -qq: pip warns once per package that the second local index lacks; errors still show.
# Usage: scripts/install_jupyterlab.sh [VENV_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${1:-.venv-jupyterlab}"
start=$(date +%s)

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" 2>/dev/null || { rm -rf "$venv"; /usr/bin/python3 -m venv "$venv"; } || {
    echo "cannot create a virtual environment: apt-get install python3-venv" >&2; exit 1; }
fi

# The project's package.json says "type": "module"; this stops node (run by jupyterlab's yarn.js)
# from applying it to the JavaScript files inside the venv.
echo '{ "type": "commonjs" }' > "$venv/package.json"

# Local indexes from pip's configuration (files and PIP_* variables): the first becomes --index-url.
mapfile -t local_indexes < <("$venv/bin/pip" config list 2>/dev/null |
  sed -nE "s/^[^=]*index-url='(.*)'$/\1/p" | tr ' ' '\n' | grep '^file://' | awk '!seen[$0]++')
index_args=()
if [ "${#local_indexes[@]}" -gt 0 ]; then
  index_args=(--index-url "${local_indexes[0]}")
  for extra in "${local_indexes[@]:1}"; do index_args+=(--extra-index-url "$extra"); done
else
  echo "note: pip has no local file:// index configured; installing from pip's configured index" >&2
fi

"$venv/bin/pip" install -qq --disable-pip-version-check "${index_args[@]}" 'jupyterlab>=4,<5'
echo "JupyterLab $("$venv/bin/jupyter-lab" --version) in $venv (installed in $(( $(date +%s) - start )) s)"
