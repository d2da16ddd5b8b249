import { RecourseError } from '../util/errors';
import { matrix, type Matrix } from '../util/matrix';
import type { DatasetSpec } from './registry';

/** One split as read from disk: raw (unscaled) features in spec order and 0/1 labels. */
export interface RawSplit {
  readonly x: Matrix;
  readonly y: Float32Array;
}

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

/**
 * Parses a CSV or TSV file (delimiter detected from the header) into a RawSplit in the spec's column
 * order. Every problem is an error naming the file, the line, the column, what was expected and the fix;
 * no row is ever dropped silently.
 */
export function parseTable(text: string, file: string, spec: DatasetSpec): RawSplit {
  const fix = `Fix or re-download ${file} (set RECOURSE_DATA_DIR to a directory with valid ${spec.name}-train/-test files, or delete the cached copy under data/cache/ to download it again).`;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length === 0) throw new RecourseError(`${file}: the file is empty; expected a header line and data rows. ${fix}`);
  const delim = lines[0].includes('\t') ? '\t' : ',';
  const header = lines[0].split(delim).map(unquote);
  const expected = [...spec.features, spec.label];
  const missing = expected.filter((c) => !header.includes(c));
  const extra = header.filter((c) => !expected.includes(c));
  if (missing.length || extra.length) {
    const parts = [];
    if (missing.length) parts.push(`missing column(s) ${missing.map((c) => `'${c}'`).join(', ')}`);
    if (extra.length) parts.push(`unexpected column(s) ${extra.map((c) => `'${c}'`).join(', ')}`);
    throw new RecourseError(`${file}, line 1 (header): ${parts.join('; ')}; expected the ${expected.length} columns of the ${spec.name} dataset (${expected.join(', ')}). ${fix}`);
  }
  const dup = header.find((c, i) => header.indexOf(c) !== i);
  if (dup) throw new RecourseError(`${file}, line 1 (header): column '${dup}' appears twice. ${fix}`);
  const n = lines.length - 1;
  if (n === 0) throw new RecourseError(`${file}: the file has a header but no data rows. ${fix}`);
  const d = spec.features.length;
  const pos = spec.features.map((f) => header.indexOf(f));
  const labelPos = header.indexOf(spec.label);
  const x = matrix(n, d);
  const y = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    const lineNo = r + 2;
    const cells = lines[r + 1].split(delim);
    if (cells.length !== header.length) {
      throw new RecourseError(`${file}, line ${lineNo}: ${cells.length} cells, expected ${header.length} (one per header column). ${fix}`);
    }
    const num = (c: number): number => {
      const raw = unquote(cells[c]);
      const v = raw === '' ? NaN : Number(raw);
      if (!Number.isFinite(v)) {
        throw new RecourseError(`${file}, line ${lineNo}, column '${header[c]}': ${raw === '' ? 'empty cell' : `'${raw}'`} is not a finite number (NaN and missing values are not allowed). ${fix}`);
      }
      return v;
    };
    for (let j = 0; j < d; j++) x.data[r * d + j] = num(pos[j]);
    const lab = num(labelPos);
    if (lab !== 0 && lab !== 1) {
      throw new RecourseError(`${file}, line ${lineNo}, column '${spec.label}': label ${lab} is not 0 or 1 (1 = favourable outcome). ${fix}`);
    }
    y[r] = lab;
  }
  return { x, y };
}
