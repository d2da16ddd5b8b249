#!/usr/bin/python3
"""Executes a notebook headless with the project's tslab kernel; any cell error fails.

Usage: /usr/bin/python3 scripts/run_notebook.py NOTEBOOK.ipynb [OUT.ipynb] [--timeout SECONDS]
On failure prints the failing cell and its error output (tslab reports type errors on stderr) and exits 1.
Set JUPYTER_PATH to the project's .jupyter/share/jupyter (npm run kernel:install).
"""
import sys, time
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

args = [a for a in sys.argv[1:] if not a.startswith('--')]
timeout = 1800
if '--timeout' in sys.argv:
    timeout = int(sys.argv[sys.argv.index('--timeout') + 1])
    args = [a for a in args if a != str(timeout)]
src = args[0]
out = args[1] if len(args) > 1 else None
nb = nbformat.read(src, as_version=4)
client = NotebookClient(nb, timeout=timeout, kernel_name='tslab', resources={'metadata': {'path': src.rsplit('/', 1)[0] if '/' in src else '.'}})
t0 = time.time()
failed = None
try:
    client.execute()
except (CellExecutionError, CellTimeoutError) as e:
    failed = e
if out:
    nbformat.write(nb, out)
if failed is not None:
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != 'code':
            continue
        errs = [o for o in cell.get('outputs', []) if o.get('output_type') == 'error' or o.get('name') == 'stderr']
        texts = []
        for o in errs:
            texts.append(o.get('text') or '\n'.join(o.get('traceback', [])) or o.get('evalue', ''))
        body = '\n'.join(t for t in texts if t and '[recourse]' not in t)
        if body.strip():
            print(f'{src}: cell {i} failed:\n--- source ---\n{cell.source[:800]}\n--- error ---\n{body[:4000]}', file=sys.stderr)
    print(f'{src}: FAILED after {time.time() - t0:.1f} s: {type(failed).__name__} {str(failed)[:500]}', file=sys.stderr)
    sys.exit(1)
print(f'{src}: ok in {time.time() - t0:.1f} s')
