#!/usr/bin/python3
"""Builds a notebook (no outputs) from a plain-text source.

Usage: /usr/bin/python3 scripts/mknb.py notebooks/sources/NAME.nb.ts notebooks/NAME.ipynb
A line `// %%` starts a code cell; a line `// md` starts a markdown cell (its following lines are the
markdown text). Empty cells are dropped.
"""
import sys
import nbformat

cells, kind, buf = [], 'code', []
def flush():
    text = '\n'.join(buf).strip('\n')
    if text.strip():
        cells.append((kind, text))
for line in open(sys.argv[1]).read().split('\n'):
    if line.strip() in ('// %%', '// md'):
        flush()
        kind, buf = ('markdown' if line.strip() == '// md' else 'code'), []
    else:
        buf.append(line)
flush()

nb = nbformat.v4.new_notebook()
nb.metadata = {"kernelspec": {"name": "tslab", "display_name": "TypeScript", "language": "typescript"},
               "language_info": {"name": "typescript", "file_extension": ".ts", "mimetype": "text/typescript"}}
for i, (kind, text) in enumerate(cells):
    cell = nbformat.v4.new_markdown_cell(text) if kind == 'markdown' else nbformat.v4.new_code_cell(text)
    cell['id'] = f'cell-{i:02d}'  # stable ids keep diffs small
    nb.cells.append(cell)
nbformat.validate(nb)
nbformat.write(nb, sys.argv[2])
