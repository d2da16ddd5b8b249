import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cachedAsync } from '../util/artifacts';
import { RecourseError } from '../util/errors';
import { warn } from '../util/log';
import { fsReason, readUserFile } from '../util/files';
import { echo, envText } from '../util/parse';
import { cacheDir } from '../util/paths';
import { decodeTable, parseTable, parseTableBytes, type RawSplit } from './csv';
import type { DatasetSpec } from './definition';
import { dataDirFromEnv, datasetSpec, registeredFiles } from './registry';
import { applyMinMax, constantColumns, fitMinMax } from './scaling';
import type { Dataset, DataSource } from './types';

export const DATAVERSE_URL = 'https://dataverse.harvard.edu/api/access/datafile/';

/** Where a dataset is read from: its local folder (default RECOURSE_DATA_DIR), the download cache, address and timeout. */
export interface LoadOptions {
  /** Directory with `<name>-train.csv|tsv` and `<name>-test.csv|tsv`; default: env RECOURSE_DATA_DIR; null ignores the env. */
  dataDir?: string | null;
  /** Where downloads are cached; default the cache folder's datasets/ (under RECOURSE_CACHE_DIR when set). */
  cacheDir?: string;
  /** Base URL for downloads; default env RECOURSE_DATAVERSE_URL or Harvard Dataverse's access API. */
  baseUrl?: string;
  /** Download timeout per file in milliseconds (default 60 000). */
  timeoutMs?: number;
  /** Called with progress messages (download started, finished). */
  onProgress?: (msg: string) => void;
}

type Part = 'train' | 'test';
const PARTS: readonly Part[] = ['train', 'test'];

function findFile(dir: string, name: string, part: Part): string | null {
  for (const ext of ['csv', 'tsv']) {
    const p = join(dir, `${name}-${part}.${ext}`);
    if (existsSync(p)) return p;
  }
  return null;
}

/** The download base URL: the option, else RECOURSE_DATAVERSE_URL (checked to be http(s)), else Dataverse. */
export function dataverseBase(o: LoadOptions = {}): string {
  const base = o.baseUrl ?? envText('RECOURSE_DATAVERSE_URL') ?? DATAVERSE_URL;
  if (!/^https?:\/\/[^\s]+$/.test(base)) {
    throw new RecourseError(`RECOURSE_DATAVERSE_URL=${echo(base)} is not an http(s) URL; set it to a Dataverse access API such as ${DATAVERSE_URL} or unset it`);
  }
  return base;
}

/** Downloads one split and validates it (not cached here: the caller stores it). */
async function download(spec: DatasetSpec, part: Part, o: LoadOptions): Promise<string> {
  const id = spec.dataverse![part];
  const url = dataverseBase(o) + id;
  const timeoutMs = o.timeoutMs ?? 60_000;
  const hint = `Download a copy by hand and point RECOURSE_DATA_DIR at the directory holding ${spec.name}-train.csv and ${spec.name}-test.csv.`;
  o.onProgress?.(`downloading ${spec.name}-${part} from ${url}`);
  let bytes: Uint8Array;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new RecourseError(`download of ${spec.name}-${part} failed: ${url} answered HTTP ${res.status}. ${hint}`);
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    if (e instanceof RecourseError) throw e;
    const why = (e as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (e as Error).message;
    throw new RecourseError(`download of ${spec.name}-${part} failed: ${url}: ${why}. ${hint}`);
  }
  try {
    const text = decodeTable(bytes, url, '');
    const split = parseTable(text, url, spec, '');
    o.onProgress?.(`downloaded ${spec.name}-${part} (${split.x.rows} rows)`);
    return text;
  } catch (e) {
    throw new RecourseError(`download of ${spec.name}-${part} from ${url} is not a valid ${spec.name} table: ${(e as Error).message.trim()} ${hint}`);
  }
}

/** Reads both splits from a folder the user named; missing, unreadable or malformed files are one-line errors. */
function readDir(spec: DatasetSpec, dir: string, from: string): { raw: Record<Part, RawSplit>; source: DataSource } {
  const name = spec.name;
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (e) {
    throw new RecourseError(`${from} ${dir} cannot be used: ${fsReason(e)}; point it at the folder holding ${name}-train.csv and ${name}-test.csv`);
  }
  if (!isDir) throw new RecourseError(`${from} ${dir} is a file, not a folder; point it at the folder holding ${name}-train.csv and ${name}-test.csv`);
  const files = PARTS.map((p) => findFile(dir, name, p));
  if (!files[0] || !files[1]) {
    const missing = PARTS.filter((_, i) => !files[i]).map((p) => `${name}-${p}.csv`);
    throw new RecourseError(`dataset '${name}': ${missing.join(' and ')} not found in ${dir} (from ${from}); put the files there (.csv or .tsv)` +
      (spec.dataverse ? ' or unset RECOURSE_DATA_DIR to use the download cache' : ''));
  }
  const read = (file: string) => parseTableBytes(readUserFile(file, `make it a readable ${name} data file (or point ${from} elsewhere)`), file, spec);
  return { raw: { train: read(files[0]), test: read(files[1]) }, source: { kind: 'directory', train: files[0], test: files[1] } };
}

/** Reads both splits from the paths a registration names. */
function readRegistered(spec: DatasetSpec, files: Record<Part, string>): { raw: Record<Part, RawSplit>; source: DataSource } {
  const read = (file: string) => parseTableBytes(readUserFile(file, `fix the path given in registerDataset('${spec.name}')`), file, spec);
  return { raw: { train: read(files.train), test: read(files.test) }, source: { kind: 'directory', ...files } };
}

/** Both splits from the download cache, downloading (and storing) what is missing or invalid there. */
async function readCacheOrDownload(spec: DatasetSpec, o: LoadOptions): Promise<{ raw: Record<Part, RawSplit>; source: DataSource }> {
  const dir = o.cacheDir ?? cacheDir('datasets');
  const paths = { train: join(dir, `${spec.name}-train.tsv`), test: join(dir, `${spec.name}-test.tsv`) };
  if (!spec.dataverse && !(existsSync(paths.train) && existsSync(paths.test))) {
    throw new RecourseError(`dataset '${spec.name}' has no download source; put ${spec.name}-train.csv and ${spec.name}-test.csv in a folder and set RECOURSE_DATA_DIR to it`);
  }
  let downloaded = false;
  const get = async (part: Part) => (await cachedAsync<{ split: RawSplit; text: string }>(paths[part], {
    text: true,
    validate: (text) => ({ split: parseTable(text as string, paths[part], spec), text: text as string }),
    compute: async () => {
      if (!spec.dataverse) throw new RecourseError(`dataset '${spec.name}' has no download source to replace ${paths[part]}; set RECOURSE_DATA_DIR to a folder with its files`);
      downloaded = true;
      const text = await download(spec, part, o);
      return { split: parseTable(text, paths[part], spec), text };
    },
    serialize: (v) => v.text,
  })).value.split;
  const raw = { train: await get('train'), test: await get('test') };
  return { raw, source: { kind: downloaded ? 'download' : 'cache', train: paths.train, test: paths.test } };
}

/**
 * Loads a real dataset, trying in order: opts.dataDir, the files of its registration, RECOURSE_DATA_DIR,
 * the download cache, then a download from Harvard Dataverse into the cache. Features are min–max scaled
 * with the train split's range; test values outside it are clipped and counted.
 */
export async function loadDataset(name: string, o: LoadOptions = {}): Promise<Dataset> {
  const envDir = o.dataDir === null ? undefined : (o.dataDir ? resolve(o.dataDir) : dataDirFromEnv());
  const spec = datasetSpec(name, envDir);
  const files = o.dataDir ? undefined : registeredFiles(name);
  const r = files ? readRegistered(spec, files)
    : envDir ? readDir(spec, envDir, o.dataDir ? 'the dataDir option' : 'RECOURSE_DATA_DIR')
      : await readCacheOrDownload(spec, o);
  return fromRaw(spec, r.raw.train, r.raw.test, r.source);
}

/** Builds a scaled Dataset from raw splits (scaler fitted on train only). */
export function fromRaw(spec: DatasetSpec, train: RawSplit, test: RawSplit, source: DataSource): Dataset {
  const scaler = fitMinMax(train.x);
  const constant = constantColumns(scaler);
  if (constant.length) {
    warn(`${spec.name}: training column${constant.length > 1 ? 's' : ''} ${constant.slice(0, 5).map((j) => `'${spec.features[j]}'`).join(', ')}${constant.length > 5 ? ', …' : ''} ` +
      `${constant.length > 1 ? 'are' : 'is'} constant (${train.x.rows} training row${train.x.rows === 1 ? '' : 's'}): scaled to 0, with every other test value clipped; check the training split`);
  }
  const tr = applyMinMax(train.x, scaler);
  const te = applyMinMax(test.x, scaler);
  return {
    spec,
    train: { x: tr.x, y: train.y },
    test: { x: te.x, y: test.y },
    scaler,
    clippedTestCells: te.clipped,
    source,
  };
}
