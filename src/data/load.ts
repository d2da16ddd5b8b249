import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RecourseError } from '../util/errors';
import { cacheDir } from '../util/paths';
import { parseTable, type RawSplit } from './csv';
import { datasetSpec, type DatasetSpec } from './registry';
import { applyMinMax, fitMinMax } from './scaling';
import type { Dataset, DataSource } from './types';

export const DATAVERSE_URL = 'https://dataverse.harvard.edu/api/access/datafile/';

export interface LoadOptions {
  /** Directory with `<name>-train.csv|tsv` and `<name>-test.csv|tsv`; default: env RECOURSE_DATA_DIR; null ignores the env. */
  dataDir?: string | null;
  /** Where downloads are cached; default data/cache/datasets (or RECOURSE_CACHE_DIR/datasets). */
  cacheDir?: string;
  /** Base URL for downloads; default env RECOURSE_DATAVERSE_URL or Harvard Dataverse's access API. */
  baseUrl?: string;
  /** Download timeout per file in milliseconds (default 60 000). */
  timeoutMs?: number;
  /** Called with progress messages (download started, finished). */
  onProgress?: (msg: string) => void;
}

function findFile(dir: string, name: string, part: 'train' | 'test'): string | null {
  for (const ext of ['csv', 'tsv']) {
    const p = join(dir, `${name}-${part}.${ext}`);
    if (existsSync(p)) return p;
  }
  return null;
}

/** Downloads one split, validates it, and writes it atomically into the cache. */
async function download(spec: DatasetSpec, part: 'train' | 'test', dest: string, o: LoadOptions): Promise<RawSplit> {
  const id = spec.dataverse![part];
  const base = o.baseUrl ?? process.env.RECOURSE_DATAVERSE_URL ?? DATAVERSE_URL;
  const url = base + id;
  const timeoutMs = o.timeoutMs ?? 60_000;
  const hint = `Download a copy by hand and point RECOURSE_DATA_DIR at the directory holding ${spec.name}-train.csv and ${spec.name}-test.csv.`;
  o.onProgress?.(`downloading ${spec.name}-${part} from ${url}`);
  let text: string;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new RecourseError(`download of ${spec.name}-${part} failed: ${url} answered HTTP ${res.status}. ${hint}`);
    text = await res.text();
  } catch (e) {
    if (e instanceof RecourseError) throw e;
    const why = (e as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (e as Error).message;
    throw new RecourseError(`download of ${spec.name}-${part} failed: ${url}: ${why}. ${hint}`);
  }
  let split: RawSplit;
  try {
    split = parseTable(text, url, spec);
  } catch (e) {
    throw new RecourseError(`download of ${spec.name}-${part} from ${url} is not a valid ${spec.name} table: ${(e as Error).message} ${hint}`);
  }
  mkdirSync(resolve(dest, '..'), { recursive: true });
  writeFileSync(dest + '.part', text);
  renameSync(dest + '.part', dest);
  o.onProgress?.(`saved ${dest} (${split.x.rows} rows)`);
  return split;
}

/**
 * Loads a real dataset, trying in order: RECOURSE_DATA_DIR (or opts.dataDir), the download cache,
 * then a download from Harvard Dataverse into the cache. Features are min–max scaled with the train
 * split's range; test values outside it are clipped and counted.
 */
export async function loadDataset(name: string, o: LoadOptions = {}): Promise<Dataset> {
  const spec = datasetSpec(name);
  const envDir = o.dataDir === null ? undefined : (o.dataDir ?? process.env.RECOURSE_DATA_DIR);
  let raw: { train: RawSplit; test: RawSplit };
  let source: DataSource;
  if (envDir) {
    const dir = resolve(envDir);
    const files = (['train', 'test'] as const).map((p) => findFile(dir, name, p));
    if (!files[0] || !files[1]) {
      const missing = (['train', 'test'] as const).filter((_, i) => !files[i]).map((p) => `${name}-${p}.csv`);
      throw new RecourseError(`dataset '${name}': ${missing.join(' and ')} not found in ${dir} (from ${o.dataDir ? 'the dataDir option' : 'RECOURSE_DATA_DIR'}); put the files there (.csv or .tsv) or unset RECOURSE_DATA_DIR to use the download cache`);
    }
    raw = {
      train: parseTable(readFileSync(files[0], 'utf8'), files[0], spec),
      test: parseTable(readFileSync(files[1], 'utf8'), files[1], spec),
    };
    source = { kind: 'directory', train: files[0], test: files[1] };
  } else {
    const dir = o.cacheDir ?? cacheDir('datasets');
    const paths = { train: join(dir, `${name}-train.tsv`), test: join(dir, `${name}-test.tsv`) };
    const fromCache = existsSync(paths.train) && existsSync(paths.test);
    const get = async (p: 'train' | 'test') => existsSync(paths[p])
      ? parseTable(readFileSync(paths[p], 'utf8'), paths[p], spec)
      : download(spec, p, paths[p], o);
    raw = { train: await get('train'), test: await get('test') };
    source = { kind: fromCache ? 'cache' : 'download', train: paths.train, test: paths.test };
  }
  return fromRaw(spec, raw.train, raw.test, source);
}

/** Builds a scaled Dataset from raw splits (scaler fitted on train only). */
export function fromRaw(spec: DatasetSpec, train: RawSplit, test: RawSplit, source: DataSource): Dataset {
  const scaler = fitMinMax(train.x);
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
