/**
 * The one cache store: every cached artefact (models, VAEs, downloads, experiment results) is written
 * atomically under a unique temp name and renamed into place, validated on read against what the caller
 * expects, and recomputed with one warning when anything is wrong. `checkCacheDir` checks the folder
 * before any work, so a bad RECOURSE_CACHE_DIR fails in one line instead of after a long run.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RecourseError } from './errors';
import { fsReason, sweepDeadWriters } from './files';
import { warn } from './log';
import { envText } from './parse';
import { cacheDir, cacheDirName } from './paths';

/** The folders of the cache, one per kind of artefact. */
export const CACHE_KINDS = ['datasets', 'models', 'vae', 'results', 'claims'] as const;
export type CacheKind = (typeof CACHE_KINDS)[number];

/** Turns a parsed file body into the value the caller expects, or throws an Error saying what is wrong. */
export type Validator<T> = (body: unknown) => T;

export type ReadResult<T> = { status: 'missing' } | { status: 'ok'; value: T } | { status: 'invalid'; reason: string };

/** Temp files are `<file>.<pid>.<hex>.tmp`: unique per process and write, and traceable to their writer. */
const TEMP = /\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/** Deletes a file if it is there; never throws (used on paths that may not exist or not be reachable). */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    /* nothing to remove */
  }
}

function tempName(file: string): string {
  return `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
}

/** A stable key for anything: canonical JSON (sorted keys) of plain values, raw bytes of typed arrays. */
export function artifactKey(...parts: unknown[]): string {
  const h = createHash('sha256');
  const canon = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canon);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
      );
    return v;
  };
  for (const p of parts) {
    if (ArrayBuffer.isView(p)) h.update(Buffer.from(p.buffer, p.byteOffset, p.byteLength));
    else h.update(JSON.stringify(canon(p)) ?? 'undefined');
    h.update('\u0000');
  }
  return h.digest('hex').slice(0, 20);
}

/** Folders a write already failed in (warned about once). */
const unwritable = new Set<string>();

/**
 * Writes `body` (text, or a value stored as JSON) to `file` atomically. On failure nothing is left behind,
 * one warning per folder says results are not cached, and false is returned: a cache that cannot be
 * written never costs the computed result.
 */
export function writeArtifact(file: string, body: unknown): boolean {
  const tmp = tempName(file);
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(tmp, typeof body === 'string' ? body : JSON.stringify(body));
    renameSync(tmp, file);
    return true;
  } catch (e) {
    removeQuietly(tmp);
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const reason = ['EEXIST', 'ENOTDIR'].includes(code) ? `${dirname(file)} is not a folder (${code})` : fsReason(e);
    if (!unwritable.has(dirname(file))) warn(`could not write the cache file ${file}: ${reason}; results in ${dirname(file)} are not cached in this run`);
    unwritable.add(dirname(file));
    return false;
  }
}

/** Reads and validates an artefact; `text: true` hands the raw text to `validate` instead of parsed JSON. */
export function readArtifact<T>(file: string, validate: Validator<T>, o: { text?: boolean } = {}): ReadResult<T> {
  if (!existsSync(file)) return { status: 'missing' };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { status: 'invalid', reason: fsReason(e) };
  }
  try {
    return { status: 'ok', value: validate(o.text ? text : JSON.parse(text)) };
  } catch (e) {
    const m = (e instanceof SyntaxError ? `not JSON: ${e.message}` : ((e as Error)?.message ?? String(e))).replace(/\s+/g, ' ');
    return { status: 'invalid', reason: m.length > 200 ? m.slice(0, 200) + '…' : m };
  }
}

export interface CachedOptions<T> {
  validate: Validator<T>;
  compute: () => T;
  /** What is stored; default the value itself as JSON. */
  serialize?: (value: T) => unknown;
  /** false: compute without reading or writing the cache. */
  enabled?: boolean;
  /** The stored body is text, not JSON. */
  text?: boolean;
}

export interface Cached<T> {
  value: T;
  fromCache: boolean;
  /** The cache file, or null when caching was off or the write failed. */
  file: string | null;
}

function lookup<T>(file: string, o: Omit<CachedOptions<T>, 'compute'>): T | undefined {
  const r = readArtifact(file, o.validate, o);
  if (r.status === 'ok') return r.value;
  if (r.status === 'invalid') warn(`cache file ${file} is invalid (${r.reason}); recomputing`);
  return undefined;
}

/** The cached value at `file` when it validates; otherwise computes it (warning once if the file was bad) and stores it. */
export function cached<T>(file: string, o: CachedOptions<T>): Cached<T> {
  if (o.enabled === false) return { value: o.compute(), fromCache: false, file: null };
  const hit = lookup(file, o);
  if (hit !== undefined) return { value: hit, fromCache: true, file };
  const value = o.compute();
  const stored = writeArtifact(file, o.serialize ? o.serialize(value) : value);
  return { value, fromCache: false, file: stored ? file : null };
}

/** `cached` for an asynchronous computation (e.g. a download). */
export async function cachedAsync<T>(file: string, o: Omit<CachedOptions<T>, 'compute'> & { compute: () => Promise<T> }): Promise<Cached<T>> {
  if (o.enabled === false) return { value: await o.compute(), fromCache: false, file: null };
  const hit = lookup(file, o);
  if (hit !== undefined) return { value: hit, fromCache: true, file };
  const value = await o.compute();
  const stored = writeArtifact(file, o.serialize ? o.serialize(value) : value);
  return { value, fromCache: false, file: stored ? file : null };
}

/** Claim folders are `<pid>-<ms>` (cli/parallel-jobs.ts): unique per `--jobs` run and traceable to its process. */
const CLAIMS = /^(\d+)-\d+$/;

function cacheProblem(what: string, first?: string): RecourseError {
  const fix = envText('RECOURSE_CACHE_DIR')
    ? 'point RECOURSE_CACHE_DIR at a writable folder (it is created if missing) or unset it'
    : 'set RECOURSE_CACHE_DIR to a writable folder';
  return new RecourseError(`${what}; ${first ? `${first}, or ` : ''}${fix}`);
}

/** Why a cache folder cannot be written, in words: a dangling link and a read-only file system are named as such. */
function cacheReason(e: unknown, dir: string): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') {
    // mkdir -p failed on a path that does not exist: some part of it is a link to nowhere
    for (let p = dir; dirname(p) !== p; p = dirname(p)) {
      try {
        if (lstatSync(p).isSymbolicLink() && !existsSync(p)) return `${p} is a symbolic link to ${readlinkSync(p)}, which does not exist`;
      } catch {
        /* not there: look further up */
      }
    }
  }
  if (code === 'EROFS') return 'it is on a read-only file system (EROFS)';
  return fsReason(e);
}

function isFile(path: string): boolean {
  return existsSync(path) && !statSync(path).isDirectory();
}

/**
 * Checks, before any work, that the cache folder and its `kinds` subfolders exist (creating them) and are
 * writable, and removes stale temp files and the claim folders of `--jobs` runs that were killed. Any problem is one RecourseError naming the folder and the fix.
 */
export function checkCacheDir(kinds: readonly CacheKind[] = CACHE_KINDS): void {
  if (isFile(cacheDir())) throw cacheProblem(`the cache folder ${cacheDirName()} is a file, not a folder`);
  for (const kind of kinds) {
    const dir = cacheDir(kind);
    const probe = tempName(join(dir, '.write-check'));
    try {
      if (isFile(dir)) throw cacheProblem(`the cache folder ${cacheDirName(kind)} is a file, not a folder`, 'remove it');
      mkdirSync(dir, { recursive: true });
      writeFileSync(probe, '');
      rmSync(probe);
      sweepDeadWriters(dir, TEMP);
      if (kind === 'claims') sweepDeadWriters(dir, CLAIMS);
    } catch (e) {
      removeQuietly(probe);
      if (e instanceof RecourseError) throw e;
      throw cacheProblem(`cannot write in the cache folder ${cacheDirName(kind)}: ${cacheReason(e, dir)}`);
    }
  }
}
