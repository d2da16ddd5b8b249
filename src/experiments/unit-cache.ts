/**
 * The cache of experiment units (results/<key>.json under the cache folder): atomic writes with a unique
 * temporary name, a checksum of the body, and reads validated against what the caller expects — a file that
 * does not parse, was edited by hand, or does not fit is reported once and recomputed, never trusted.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from '../util/paths';

const FORMAT = 'robust-recourse/unit@1';

const checksum = (body: string) => createHash('sha256').update(body).digest('hex');

export interface UnitCache {
  /** The stored body for `key`, or null when absent or invalid (then `warn` says why). */
  read<T>(key: string, decode: (body: unknown) => T, problem: (t: T) => string | null): T | null;
  write(key: string, body: unknown): void;
  readonly dir: string | null;
}

/** A unit cache in `dir` (default: the results folder of the project cache); `null` disables caching. */
export function unitCache(dir: string | null = cacheDir('results'), warn: (msg: string) => void = () => {}): UnitCache {
  const file = (key: string) => join(dir!, `${key}.json`);
  return {
    dir,
    read(key, decode, problem) {
      if (!dir || !existsSync(file(key))) return null;
      let why: string | null;
      let value = null;
      try {
        const raw = JSON.parse(readFileSync(file(key), 'utf8'));
        if (raw?.format !== FORMAT || typeof raw.body !== 'string') throw new Error('not a unit file');
        if (raw.sha256 !== checksum(raw.body)) throw new Error('its checksum does not match: the file was changed after it was written');
        value = decode(JSON.parse(raw.body));
        why = problem(value);
      } catch (e) {
        why = (e as Error).message;
      }
      if (why) {
        warn(`cache file ${file(key)} is invalid (${why}); recomputing it`);
        return null;
      }
      return value;
    },
    write(key, body) {
      if (!dir) return;
      mkdirSync(dir, { recursive: true });
      const tmp = `${file(key)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      try {
        const text = JSON.stringify(body);
        writeFileSync(tmp, JSON.stringify({ format: FORMAT, key, sha256: checksum(text), body: text }));
        renameSync(tmp, file(key));
      } finally {
        rmSync(tmp, { force: true });
      }
    },
  };
}
