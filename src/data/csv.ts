import { CsvError, parse } from 'csv-parse/sync';
import { RecourseError } from '../util/errors';
import { matrix, type Matrix } from '../util/matrix';
import { decimalValue, echo, FLOAT32_MAX } from '../util/parse';
import type { DatasetSpec } from './definition';

/** One split as read from disk: raw (unscaled) features in spec order and 0/1 labels. */
export interface RawSplit {
  readonly x: Matrix;
  readonly y: Float32Array;
}

/** The default fix of a bad data file. */
export function dataFileFix(file: string, spec: DatasetSpec): string {
  return `Fix ${file}, or point RECOURSE_DATA_DIR at a folder with valid ${spec.name}-train and ${spec.name}-test files.`;
}

/** Names a few columns, e.g. `'a', 'b', 'c' and 4 more`. */
function someColumns(cols: readonly string[]): string {
  const shown = cols.slice(0, 5).map(echo).join(', ');
  return cols.length > 5 ? `${shown} and ${cols.length - 5} more` : shown;
}

/** 1-based line of a character offset. */
function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * Decodes a data file's bytes as UTF-8 text. UTF-16, NUL bytes, invalid UTF-8 and CR-only line endings are
 * each one short RecourseError naming the file (and the line where it can), never a flood of garbage.
 */
export function decodeTable(bytes: Uint8Array, file: string, fix: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new RecourseError(`${file} is UTF-16 text, not UTF-8; save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8). ${fix}`);
  }
  if (bytes.includes(0)) throw new RecourseError(`${file} contains NUL bytes (binary data or UTF-16), not UTF-8 text; save it as UTF-8 CSV. ${fix}`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const loose = new TextDecoder('utf-8').decode(bytes);
    throw new RecourseError(`${file}, line ${lineOf(loose, loose.indexOf('\ufffd'))}: not valid UTF-8 text; save the file as UTF-8. ${fix}`);
  }
  const cr = text.search(/\r(?!\n)/);
  if (cr >= 0) {
    throw new RecourseError(`${file}, line ${lineOf(text, cr)}: a carriage return (CR) without a line feed; the file uses CR-only (old Mac) line endings — convert them to LF (e.g. tr '\\r' '\\n'). ${fix}`);
  }
  return text;
}

/** Parses a data file's bytes (see decodeTable and parseTable). */
export function parseTableBytes(bytes: Uint8Array, file: string, spec: DatasetSpec, fix = dataFileFix(file, spec)): RawSplit {
  return parseTable(decodeTable(bytes, file, fix), file, spec, fix);
}

/** Refuses a row whose binary columns hold another value than 0 or 1, or whose one-hot groups do not have exactly one 1. */
function checkEncoding(row: ArrayLike<number>, spec: DatasetSpec, where: (j: number) => string, fix: string): void {
  const inGroup = new Set(spec.oneHotGroups.flat());
  spec.types.forEach((t, j) => {
    if ((t === 'binary' || inGroup.has(j)) && row[j] !== 0 && row[j] !== 1) throw new RecourseError(`${where(j)}: ${row[j]} in a binary column; expected 0 or 1. ${fix}`);
  });
  for (const g of spec.oneHotGroups) {
    const ones = g.reduce((c, j) => c + row[j], 0);
    if (ones !== 1) {
      throw new RecourseError(`${where(g[0])}: the one-hot group ${g.map((j) => echo(spec.features[j])).join(', ')} has ${ones} ones in this row; expected exactly one. ${fix}`);
    }
  }
}

/** What a malformed CSV row is, by csv-parse's error code. */
const CSV_PROBLEM: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is not closed (a " without its closing ")',
  INVALID_OPENING_QUOTE: 'a " inside an unquoted field; quote the whole field or remove the "',
  CSV_INVALID_CLOSING_QUOTE: 'characters after the closing " of a quoted field',
};

/** One data row as csv-parse read it: its cells (trimmed, quotes removed) and the line it ends on. */
interface CsvRow {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

/**
 * The rows of a CSV or TSV text (the delimiter detected from the header line), read by csv-parse: quoted
 * fields may hold the delimiter, quotes and line breaks. Blank lines at the end are dropped; a malformed row
 * is an error naming the file and the line.
 */
function csvRows(text: string, file: string, fix: string): CsvRow[] {
  const body = text.replace(/^\uFEFF/, '');
  const delimiter = body.split('\n', 1)[0].includes('\t') ? '\t' : ',';
  let rows: CsvRow[];
  try {
    rows = parse(body, { delimiter, relax_column_count: true, info: true, trim: true }) as unknown as CsvRow[];
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const line = (e as CsvError & { lines?: number }).lines;
    throw new RecourseError(`${file}${line ? `, line ${line}` : ''}: ${CSV_PROBLEM[e.code] ?? `not a well-formed CSV row (${e.code})`}. ${fix}`);
  }
  while (rows.length && rows[rows.length - 1].record.length === 1 && rows[rows.length - 1].record[0] === '') rows.pop();
  return rows;
}

/**
 * Parses a CSV or TSV text (delimiter detected from the header) into a RawSplit in the spec's column order.
 * Cells must be plain decimal numbers within the float32 range. Every problem is an error naming the file,
 * the line, the column, what was expected and the fix; no row is ever dropped silently.
 */
export function parseTable(text: string, file: string, spec: DatasetSpec, fix = dataFileFix(file, spec)): RawSplit {
  const lines = csvRows(text, file, fix);
  if (lines.length === 0) throw new RecourseError(`${file}: the file is empty; expected a header line and data rows. ${fix}`);
  const header = lines[0].record;
  const expected = [...spec.features, spec.label];
  const missing = expected.filter((c) => !header.includes(c));
  const extra = header.filter((c) => !expected.includes(c));
  if (missing.length || extra.length) {
    const parts = [];
    if (missing.length) parts.push(`missing column(s) ${someColumns(missing)}`);
    if (extra.length) parts.push(`unexpected column(s) ${someColumns(extra)}`);
    const list = expected.length <= 15 ? ` (${expected.join(', ')})` : '';
    throw new RecourseError(`${file}, line 1 (header): ${parts.join('; ')}; expected the ${expected.length} columns of the ${spec.name} dataset${list}. ${fix}`);
  }
  const dup = header.find((c, i) => header.indexOf(c) !== i);
  if (dup) throw new RecourseError(`${file}, line 1 (header): column ${echo(dup)} appears twice. ${fix}`);
  const n = lines.length - 1;
  if (n === 0) throw new RecourseError(`${file}: the file has a header but no data rows. ${fix}`);
  const d = spec.features.length;
  const pos = spec.features.map((f) => header.indexOf(f));
  const labelPos = header.indexOf(spec.label);
  const x = matrix(n, d);
  const y = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    const { record: cells, info } = lines[r + 1];
    const lineNo = info.lines;
    if (cells.length !== header.length) {
      throw new RecourseError(`${file}, line ${lineNo}: ${cells.length} cells, expected ${header.length} (one per header column). ${fix}`);
    }
    const num = (c: number): number => {
      const raw = cells[c];
      const v = decimalValue(raw);
      const where = `${file}, line ${lineNo}, column ${c + 1} (${echo(header[c])})`;
      if (!Number.isFinite(v)) {
        throw new RecourseError(`${where}: ${raw === '' ? 'empty cell' : `${echo(raw)}`} is not a plain decimal number (NaN, missing values and hexadecimal are not allowed). ${fix}`);
      }
      if (Math.abs(v) > FLOAT32_MAX) throw new RecourseError(`${where}: ${echo(raw)} is outside the float32 range (|v| ≤ 3.4e38). ${fix}`);
      return v;
    };
    for (let j = 0; j < d; j++) x.data[r * d + j] = num(pos[j]);
    checkEncoding(x.data.subarray(r * d, (r + 1) * d), spec, (j) => `${file}, line ${lineNo}, column ${pos[j] + 1} (${echo(spec.features[j])})`, fix);
    const lab = num(labelPos);
    if (lab !== 0 && lab !== 1) {
      throw new RecourseError(`${file}, line ${lineNo}, column ${labelPos + 1} (${echo(spec.label)}): label ${echo(cells[labelPos].trim())} is not 0 or 1 (1 = favourable outcome). ${fix}`);
    }
    y[r] = lab;
  }
  return { x, y };
}
